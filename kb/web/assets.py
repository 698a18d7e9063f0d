"""Files the site serves as they are: `/static/...` with a cache lifetime, `/favicon.ico`
(our own icon, web/static/favicon.svg), and Swagger UI at `/api/docs-ui`, served from the
fastapi-offline package's copy of its assets so that it works with no network (the page's
CSP allows scripts, styles and connections to this site only)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from .pages import WEB_DIR

STATIC_MAX_AGE = 86_400
"""Seconds a browser may keep a static file (a day: the files have no version in their name)."""
SWAGGER_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SWAGGER_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="The Netral JSON API: its OpenAPI document in Swagger UI.">
<title>Netral API</title>
<link rel="stylesheet" href="/api/docs-ui/swagger-ui.css">
<link rel="icon" href="/favicon.ico" sizes="any">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""
SWAGGER_FILES = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-ui.css": "text/css; charset=utf-8"}


def swagger_dir() -> Path:
    """Where the installed fastapi-offline package keeps Swagger UI's files."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


class CachedStatic(StaticFiles):
    """Static files with `Cache-Control` (StaticFiles sends ETag and Last-Modified only)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        resp = await super().get_response(path, scope)
        if resp.status_code in (200, 304):
            resp.headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}"
        return resp


def router(web_dir: Path = WEB_DIR) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    icon = web_dir / "static" / "favicon.svg"

    @r.get("/favicon.ico")
    def favicon() -> Response:
        """Our icon (an SVG; browsers take it under this name too)."""
        return FileResponse(icon, media_type="image/svg+xml", headers={"Cache-Control": f"public, max-age={STATIC_MAX_AGE}"})

    @r.get("/api/docs-ui")
    def swagger_ui() -> HTMLResponse:
        """Swagger UI over /api/openapi.json; every file it loads comes from this site."""
        return HTMLResponse(SWAGGER_PAGE, headers={"Content-Security-Policy": SWAGGER_CSP})

    @r.get("/api/docs-ui/{name}")
    def swagger_file(name: str, request: Request) -> Response:
        if name not in SWAGGER_FILES:
            raise HTTPException(404)
        return FileResponse(
            swagger_dir() / name, media_type=SWAGGER_FILES[name],
            headers={"Cache-Control": f"public, max-age={STATIC_MAX_AGE}"},
        )

    return r
