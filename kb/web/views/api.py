"""The JSON API: `/api/search`, `/api/answer`, `/api/precedents`, `/api/docs`, `/api/docs/{id}`.

Each route returns the library result's `to_json()` as it is (`kb search --json` and
`kb answer --json` print the same objects) and declares its response model, so
`/api/openapi.json` describes every response (kb.web.schemas). The limits of the
parameters are in the schema too: a question has at most `Settings.max_query_chars`
characters and at least one that is not a space.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BeforeValidator

from ...config import Settings
from ...library import MAX_K
from ...precedents import PrecedentFilters
from ...rulings import VIOLATION_KEYS
from ...search import Filters
from ..pages import library_of
from ..schemas import AnswerResponse, DocumentResponse, DocumentsResponse, PrecedentsResponse, Problem, SearchResponse

NOT_BLANK = r"[^\s\x1c-\x1f\ufeff]"
"""A question holds a character that is not a space: what `str.strip()` leaves (Python's
spaces are Unicode's plus the separators 1C-1F) and not a byte-order mark, alike in the
regex dialects of the schema's readers (ECMA), pydantic (Rust) and Python."""
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": Problem, "description": "The search index is unavailable."},
    414: {"model": Problem, "description": "The request address (path and query) is too long."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No document has this id."}}


def _iso_day(value: object) -> object:
    """A day written YYYY-MM-DD (pydantic alone would also take a timestamp or a datetime)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("give a day as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]
"""A real day (2019-13-45 and 2019-02-29 are 422s), as `kb search --as-of` reads it."""


def router(settings: Settings) -> APIRouter:
    """The API's routes, with the question's length limit of these settings."""
    api = APIRouter(prefix="/api", tags=["api"], responses=UNAVAILABLE)
    limit = settings.max_query_chars

    def question(description: str) -> Any:
        return Query(..., min_length=1, max_length=limit, pattern=NOT_BLANK, description=description)

    @api.get("/search", summary="Search: the objects of `kb search --json`", response_model=SearchResponse)
    def api_search(
        request: Request,
        q: str = question("The question (Indonesian or English)."),
        k: int = Query(10, ge=1, le=MAX_K, description="How many results."),
        kind: str | None = Query(None, pattern="^(regulation|ruling)$", description="regulation or ruling"),
        year: int | None = Query(None, ge=1900, le=2100, description="Only documents of this year."),
        doc: str | None = Query(None, max_length=200, description='Only this document: file name or "PP 94/2021".'),
        as_of: Day | None = Query(None, description="YYYY-MM-DD: the law as it stood that day, as `kb search --as-of` (a day that does not exist is a 422)."),
    ) -> JSONResponse:
        lib = library_of(request)
        filters = Filters(kind=kind, year=year, doc=doc, as_of=as_of.isoformat() if as_of else None)
        return JSONResponse(lib.search(lib.query(q), k, filters).to_json())

    @api.get("/answer", summary="The answer card and its passages: what `kb answer --json` prints", response_model=AnswerResponse)
    def api_answer(
        request: Request,
        q: str = question("The question."),
        k: int = Query(6, ge=1, le=MAX_K, description="How many passages."),
    ) -> JSONResponse:
        return JSONResponse(library_of(request).ask(q, k).to_json())

    @api.get("/precedents", summary="Rulings and sanction decisions, filtered and sorted", response_model=PrecedentsResponse)
    def api_precedents(
        request: Request,
        q: str = Query("", max_length=limit, description="Keywords (may be empty: list by filters)."),
        article: str | None = Query(
            None, max_length=50, description='Law and article applied: "UU 7/2017 Pasal 280 ayat (2)", "Pasal 490", "490".'
        ),
        violation: str | None = Query(None, pattern=f"^({'|'.join(VIOLATION_KEYS)})$", description="Kind of violation."),
        court: str | None = Query(None, max_length=200, description="Court or instance, as in /api/docs `court`."),
        year: int | None = Query(None, ge=1900, le=2100, description="One year."),
        year_from: int | None = Query(None, ge=1900, le=2100, description="From this year."),
        year_to: int | None = Query(None, ge=1900, le=2100, description="Up to this year."),
        sort: str = Query("relevance", pattern="^(relevance|date)$", description="relevance (a question's best first) or date (newest first)."),
        k: int = Query(20, ge=1, le=MAX_K),
    ) -> JSONResponse:
        filters = PrecedentFilters(year, court, article, violation, year_from, year_to, sort)
        return JSONResponse(library_of(request).precedents(q, filters, k).to_json())

    @api.get("/docs", summary="The indexed documents", response_model=DocumentsResponse)
    def api_docs(request: Request) -> JSONResponse:
        return JSONResponse({"documents": [d.to_json() for d in library_of(request).documents()]})

    @api.get("/docs/{doc_id}", summary="One document and its structure", response_model=DocumentResponse, responses=NOT_FOUND)
    def api_doc(request: Request, doc_id: str) -> JSONResponse:
        return JSONResponse(library_of(request).document(doc_id).to_json())

    return api
