"""The routes, one router per face of the site: ask, precedents, docs (and about), api, ops."""
