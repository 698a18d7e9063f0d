"""Errors as each face shows them: JSON in the API's declared shapes, an HTML page for the pages.

- A bad request to the API (a parameter outside its schema, a question that is blank or
  too long) is a 422 whose `detail` is FastAPI's list of `{loc, msg, type}`, the shape
  `/api/openapi.json` declares; a page shows the form again with the reason (400).
- An unknown document is a 404 (`{"detail": "no document 'x'"}` from the API).
- A vector store failing mid-request (Milvus gone) is a 503 naming it, never a 500.
- Other HTTP errors keep their status; a 405 says which methods are allowed (`Allow`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..library import DocumentNotFound, EmptyQuery, QueryTooLong
from ..logs import fields
from ..milvus_store import MilvusError
from .pages import library_of, pages_of
from .security import request_log


def _json_path(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def _q_error(msg: str, kind: str, q: str) -> dict[str, Any]:
    """One entry of a 422 `detail`, on the query parameter `q`."""
    return {"type": kind, "loc": ["query", "q"], "msg": msg, "input": q}


def _clear(error: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's validation error, in the question's own words when `q` is blank or too long."""
    if tuple(error.get("loc", ())) != ("query", "q"):
        return error
    if error.get("type") == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length")
        return {**error, "msg": f"the question is too long: {len(error.get('input') or '')} characters; the limit is {limit}"}
    if error.get("type") in ("string_too_short", "string_pattern_mismatch"):
        return {**error, "msg": str(EmptyQuery())}
    return error


async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
    return JSONResponse({"detail": jsonable_encoder([_clear(e) for e in exc.errors()])}, status_code=422)


async def bad_question(request: Request, exc: QueryTooLong | EmptyQuery) -> Response:
    q = request.query_params.get("q", "")
    if _json_path(request):
        kind = "string_too_long" if isinstance(exc, QueryTooLong) else "string_pattern_mismatch"
        return JSONResponse({"detail": [_q_error(str(exc), kind, q)]}, status_code=422)
    pages = pages_of(request)
    t = pages.t(request)
    msg = t["too_long"].format(n=exc.n, max=exc.limit) if isinstance(exc, QueryTooLong) else str(exc)
    if request.url.path == "/precedents":
        options = library_of(request).snapshot().precedent_options()
        return pages.render(request, "precedents.html", status=400, q=q, year="", court="", article="", items=[], options=options, error=msg)
    return pages.render(request, "ask.html", status=400, q=q, error=msg, answer=None, passages=[])


async def no_document(request: Request, exc: DocumentNotFound) -> Response:
    if _json_path(request):
        return JSONResponse({"detail": str(exc)}, status_code=404)
    return pages_of(request).render(request, "error.html", status=404, message=pages_of(request).t(request)["doc_not_found"])


async def store_down(request: Request, exc: MilvusError) -> Response:
    """The vector store (a Milvus cluster) failed mid-request: say so, as 503, not a 500."""
    request_log.error("store.unavailable", extra=fields(path=request.url.path, error=str(exc)))
    if _json_path(request):
        return JSONResponse({"detail": f"the search index is unavailable: {exc}"}, status_code=503)
    return pages_of(request).render(request, "error.html", status=503, message=f"The search index is unavailable: {exc}")


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _json_path(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    t = pages_of(request).t(request)
    msg = t["doc_not_found"] if request.url.path.startswith("/docs/") and exc.status_code == 404 else (
        t["not_found"] if exc.status_code == 404 else str(exc.detail)
    )
    resp = pages_of(request).render(request, "error.html", status=exc.status_code, message=msg)
    resp.headers.update(exc.headers or {})
    return resp


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
