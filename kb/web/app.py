"""The web app's wiring: the library, the pages, the middleware, the error handlers and the
routers. Nothing here answers a request."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..config import Settings
from ..library import Library
from ..search import LiveSearcher, Searcher
from . import errors
from .pages import WEB_DIR, Pages
from .security import SecurityHeaders
from .views import api, ask, docs, ops, precedents

DESCRIPTION = (
    "Cited answers on Indonesian civil-service (ASN) neutrality in elections. "
    "`/api/search` returns the same objects as `kb search --json`."
)


def create_app(settings: Settings, searcher: Searcher | LiveSearcher | Library | None = None, web_dir: Path | None = None) -> FastAPI:
    """The app over one index. With no `searcher`, the model and index are loaded now, once
    (and a rebuilt index is picked up in the background)."""
    if isinstance(searcher, Library):
        lib = searcher
    else:
        lib = Library(settings, searcher if searcher is not None else LiveSearcher(settings, background=True))
    lib.warm(background=lib.starting)  # a server loading its index answers /healthz (503, "starting") meanwhile
    web = Path(web_dir) if web_dir else WEB_DIR
    app = FastAPI(title="Netral", description=DESCRIPTION, version="0.1.0", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.library = lib
    app.state.pages = Pages(settings, web)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    errors.install(app)
    for router in (ask.router, precedents.router, docs.router, api.router(settings), ops.router):
        app.include_router(router)
    return app
