"""Errors as each face shows them: JSON in the API's declared shapes, an HTML page for the pages.

- A bad request to the API (a parameter outside its schema, a question that is blank or
  too long) is a 422 whose `detail` is FastAPI's list of `{loc, msg, type}`, the shape
  `/api/openapi.json` declares; a page shows the form again with the reason (400).
- An unknown document is a 404 (`{"detail": "no document 'x'"}` from the API).
- A vector store failing mid-request (Milvus gone) is a 503 naming it, never a 500.
- Other HTTP errors keep their status; a 405 says which methods are allowed (`Allow`).
- A request target (path and query) over `Settings.max_url_bytes` is a 414 before any view
  reads it (`RequestGuard`).
- An unexpected exception is logged with its traceback and answered with the error page
  (or `{"detail"}` from the API), status 500; the traceback is never shown
  (`RequestGuard`, inside the security headers, so a 500 carries them too).
- An error page echoes at most the first `Settings.max_query_chars` characters of each
  parameter (in the form and in the language links), an API error at most that much of
  the input: a 60,000-character question gets a short answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..library import DocumentNotFound, EmptyQuery, QueryTooLong
from ..logs import fields
from ..milvus_store import MilvusError
from .pages import library_of, pages_of
from .security import request_log


def _json_path(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


FALLBACK_PAGE = "<!doctype html><title>Netral</title><h1>Something went wrong. Please try again.</h1><p><a href=\"/\">Netral</a></p>"
"""The 500 page when even the error template cannot be rendered."""
MAX_ECHOED_PARAMS = 20


def _echo_limit(request: Request) -> int:
    return library_of(request).settings.max_query_chars


def _echoed(request: Request, keep: bool = True) -> Request:
    """The request as an error page may echo it: each parameter cut to the question's limit,
    at most MAX_ECHOED_PARAMS of them (the form and the language links read these); with
    `keep` false, only the page's language."""
    limit = _echo_limit(request)
    params = [(k[:limit], v[:limit]) for k, v in request.query_params.multi_items()[:MAX_ECHOED_PARAMS] if keep or k == "lang"]
    return Request({**request.scope, "query_string": urlencode(params).encode()}, request.receive)


def _q_error(msg: str, kind: str, q: str) -> dict[str, Any]:
    """One entry of a 422 `detail`, on the query parameter `q`."""
    return {"type": kind, "loc": ["query", "q"], "msg": msg, "input": q}


def _clear(error: dict[str, Any], limit: int) -> dict[str, Any]:
    """FastAPI's validation error in the question's own words when `q` is blank or too long,
    with its input cut to `limit` characters."""
    given = error.get("input")
    if tuple(error.get("loc", ())) == ("query", "q"):
        if error.get("type") == "string_too_long":
            most = (error.get("ctx") or {}).get("max_length")
            error = {**error, "msg": f"the question is too long: {len(given or '')} characters; the limit is {most}"}
        elif error.get("type") in ("string_too_short", "string_pattern_mismatch"):
            error = {**error, "msg": str(EmptyQuery())}
    if isinstance(given, str) and len(given) > limit:
        error = {**error, "input": given[:limit]}
    return error


async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
    limit = _echo_limit(request)
    return JSONResponse({"detail": jsonable_encoder([_clear(e, limit) for e in exc.errors()])}, status_code=422)


async def bad_question(request: Request, exc: QueryTooLong | EmptyQuery) -> Response:
    shown = _echoed(request)
    q = shown.query_params.get("q", "")
    if _json_path(request):
        kind = "string_too_long" if isinstance(exc, QueryTooLong) else "string_pattern_mismatch"
        return JSONResponse({"detail": [_q_error(str(exc), kind, q)]}, status_code=422)
    pages = pages_of(request)
    t = pages.t(request)
    msg = t["too_long"].format(n=exc.n, max=exc.limit) if isinstance(exc, QueryTooLong) else str(exc)
    if request.url.path == "/precedents":
        options = library_of(request).snapshot().precedent_options()
        return pages.render(shown, "precedents.html", status=400, q=q, year="", court="", article="", items=[], options=options, error=msg)
    return pages.render(shown, "ask.html", status=400, q=q, error=msg, answer=None, passages=[])


def error_page(request: Request, status: int, message: str, echo: bool = True) -> Response:
    """The HTML error page, echoing at most a short prefix of the request's parameters (with
    `echo` false, none of them)."""
    return pages_of(request).render(_echoed(request, echo), "error.html", status=status, message=message)


async def no_document(request: Request, exc: DocumentNotFound) -> Response:
    if _json_path(request):
        return JSONResponse({"detail": str(exc)}, status_code=404)
    return error_page(request, 404, pages_of(request).t(request)["doc_not_found"])


async def store_down(request: Request, exc: MilvusError) -> Response:
    """The vector store (a Milvus cluster) failed mid-request: say so, as 503, not a 500."""
    request_log.error("store.unavailable", extra=fields(path=request.url.path, error=str(exc)))
    if _json_path(request):
        return JSONResponse({"detail": f"the search index is unavailable: {exc}"}, status_code=503)
    return error_page(request, 503, f"The search index is unavailable: {exc}")


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _json_path(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    t = pages_of(request).t(request)
    msg = t["doc_not_found"] if request.url.path.startswith("/docs/") and exc.status_code == 404 else (
        t["not_found"] if exc.status_code == 404 else str(exc.detail)
    )
    resp = error_page(request, exc.status_code, msg)
    resp.headers.update(exc.headers or {})
    return resp


def uri_too_long(request: Request, size: int, limit: int) -> Response:
    """414: the request target is over `limit` bytes; a question over its limit is named as such."""
    if _json_path(request):
        return JSONResponse({"detail": f"the request address is too long: {size} bytes; the limit is {limit}"}, status_code=414)
    pages = pages_of(request)
    t = pages.t(request)
    q, most = request.query_params.get("q", ""), _echo_limit(request)
    return error_page(request, 414, t["too_long"].format(n=len(q), max=most) if len(q) > most else t["error"], echo=False)


def server_error(request: Request) -> Response:
    """500, after an unexpected exception (logged by the caller): the error page, never the traceback."""
    if _json_path(request):
        return JSONResponse({"detail": "internal error: the server could not answer this request (the log has the details)"}, status_code=500)
    try:
        return error_page(request, 500, pages_of(request).t(request)["error"])
    except Exception:  # the error page itself failed: a fixed page
        request_log.exception("error_page.failed", extra=fields(path=request.url.path))
        return HTMLResponse(FALLBACK_PAGE, status_code=500)


class RequestGuard:
    """ASGI middleware (inside the security headers): a request target over `max_url_bytes`
    is a 414 before anything parses it further; an unexpected exception is logged with its
    traceback and becomes a 500 error page (when no response has started yet)."""

    def __init__(self, app: ASGIApp, max_url_bytes: int):
        self.app = app
        self.max_url_bytes = max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        size = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string") or b"")
        if size > self.max_url_bytes:
            await uri_too_long(Request(scope, receive), size, self.max_url_bytes)(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            request_log.exception("request.failed", extra=fields(method=scope.get("method"), path=scope.get("path")))
            if started:  # part of the response is out: the server closes the connection
                return
            await server_error(Request(scope, receive))(scope, receive, send)


HANDLERS: dict[type[Exception], Callable[..., Awaitable[Response]]] = {
    RequestValidationError: invalid_request,
    QueryTooLong: bad_question,
    EmptyQuery: bad_question,
    DocumentNotFound: no_document,
    MilvusError: store_down,
    StarletteHTTPException: http_error,
}


def install(app: FastAPI) -> None:
    for exc, handler in HANDLERS.items():
        app.add_exception_handler(exc, handler)
