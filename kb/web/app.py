"""The web app's wiring: the library, the pages, the middleware, the error handlers and the
routers. Nothing here answers a request."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..config import Settings
from ..library import Library
from ..search import LiveSearcher, Searcher
from . import assets, errors
from .pages import WEB_DIR, Pages
from .security import HeadAsGet, SecurityHeaders
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
    # outermost last: security headers and the log line on every response (the guard's 414
    # and 500 too), HEAD as GET, then the guard, then (when set) the trusted Host names
    if settings.trusted_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.trusted_hosts), www_redirect=False)
    app.add_middleware(errors.RequestGuard, max_url_bytes=settings.max_url_bytes)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)  # zlib's default: 9 costs 2.4x the CPU for ~2.5% less
    app.mount("/static", assets.CachedStatic(directory=str(web / "static")), name="static")
    errors.install(app)
    for router in (ask.router, precedents.router, docs.router, api.router(settings), ops.router, assets.router(web)):
        app.include_router(router)
    return app
