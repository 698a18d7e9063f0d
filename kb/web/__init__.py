"""The web UI and JSON API: `kb serve`.

One FastAPI app over the library (kb.library), the core the CLI calls too: `GET /api/search`
returns what `kb search --json` prints, `GET /api/answer` what `kb answer --json` prints.
The pages are plain server-rendered Jinja templates (`web/templates/`) that work without
JavaScript, in Indonesian or English (`?lang=en`, remembered in a cookie; the strings in
`web/i18n/`):

    /                      Ask: one question box                        views/ask.py
    /ask?q=...             the answer card, then the cited passages     views/ask.py
    /precedents            rulings and sanction decisions, filtered     views/precedents.py
    /docs                  the indexed documents                        views/docs.py
    /docs/<id>             one document: BAB -> Pasal, with Penjelasan   views/docs.py
    /docs/<id>.pdf         the source PDF (only inside the corpus)      views/docs.py
    /about                 what is indexed, and the disclaimer          views/docs.py
    /api/...               JSON; OpenAPI at /api/openapi.json           views/api.py, schemas.py
    /healthz               what is served; a real query: ok / degraded  views/ops.py

`app.py` wires them; `pages.py` renders, `text.py` escapes and marks passages,
`starter.py` answers while the app is made at start-up,
`security.py` adds the security headers and logs each request (never the question),
`errors.py` turns errors into each face's shape (and guards: 414 for an over-long address,
the error page for an unexpected exception), `server.py` runs uvicorn with limits on slow
and idle connections. Text from PDFs is always escaped; query
terms are marked in passages after escaping.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """`create_app` imported on first use: `kb serve` answers health checks (kb.web.starter)
    while the web stack imports."""
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
