"""The precedents page: rulings and sanction decisions, filtered by year, court and the
article applied. Rendered from the library's Precedents, the object `/api/precedents`
serialises."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...articles import anchor_for
from ...lexical import highlight_terms
from ...library import Snapshot
from ...precedents import Precedent, PrecedentFilters
from ...urls import first_page
from ..pages import library_of, pages_of
from ..text import text_lines

router = APIRouter(include_in_schema=False)
SHOWN = 20


def parse_year(v: str | None) -> int | None:
    """A four-digit year, or None for none; ValueError otherwise."""
    if v is None or not v.strip():
        return None
    if not re.fullmatch(r"\d{4}", v.strip()):
        raise ValueError("year")
    return int(v)


def ruling_view(p: Precedent, snap: Snapshot, marks: frozenset[str]) -> dict[str, object]:
    c = p.passage
    page = first_page(c)
    return {
        "doc": p.document, "outcome": p.outcome, "chunk": c, "lines": text_lines(c.text, marks),
        "doc_url": snap.urls.doc(c.source, anchor_for(c)), "pdf_url": snap.urls.pdf(c.source, page), "page": page,
    }


@router.get("/precedents", response_class=HTMLResponse)
def precedents_page(
    request: Request, q: str = "", year: str | None = None, court: str | None = None, article: str | None = None
) -> Response:
    lib, pages = library_of(request), pages_of(request)
    q = lib.query(q, required=False)
    snap = lib.snapshot()
    error = None
    try:
        y = parse_year(year)
    except ValueError:
        y, error = None, pages.t(request)["bad_year"]
    found = [] if error else snap.precedents(q, PrecedentFilters(y, court or None, article or None), SHOWN).items
    marks = highlight_terms(q) if q else frozenset()
    return pages.render(
        request,
        "precedents.html",
        status=400 if error else 200,
        q=q,
        year=year or "",
        court=court or "",
        article=article or "",
        items=[ruling_view(p, snap, marks) for p in found],
        options=snap.precedent_options(),
        error=error,
    )
