"""The precedents page: rulings and sanction decisions, filtered by law and article (with
ayat), kind of violation, court and years, sorted by relevance or date; each with a one-line
outcome (articles applied, sentence) and its matching passage, the question's words and the
article asked for marked. Rendered from the library's Precedents, the object
`/api/precedents` serialises."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...articles import anchor_for
from ...lexical import highlight_terms
from ...library import Snapshot
from ...precedents import SORTS, Precedent, PrecedentFilters
from ...rulings import VIOLATIONS
from ...urls import first_page
from ..pages import library_of, pages_of
from ..text import ruling_section, text_lines

router = APIRouter(include_in_schema=False)
SHOWN = 20


def parse_year(v: str | None) -> int | None:
    """A four-digit year, or None for none; ValueError otherwise."""
    if v is None or not v.strip():
        return None
    if not re.fullmatch(r"\d{4}", v.strip()):
        raise ValueError("year")
    return int(v)


def ruling_view(p: Precedent, snap: Snapshot, marks: frozenset[str], phrase: re.Pattern[str] | None) -> dict[str, object]:
    c = p.passage
    page = first_page(c)
    text, _ = ruling_section(c.part, c.text, p.document.summary)
    return {
        "doc": p.document, "outcome": p.outcome, "chunk": c, "lines": text_lines(text or c.text, marks, phrase=phrase),
        "doc_url": snap.urls.doc(c.source, anchor_for(c)), "pdf_url": snap.urls.pdf(c.source, page), "page": page,
    }


def _filters(request: Request, form: dict[str, str]) -> tuple[PrecedentFilters, str | None]:
    """The form's filters, and the reason when a year is not a year."""
    try:
        years = [parse_year(form[k]) for k in ("year", "year_from", "year_to")]
    except ValueError:
        return PrecedentFilters(), pages_of(request).t(request)["bad_year"]
    violation = form["violation"] if form["violation"] in {v.key for v in VIOLATIONS} else None
    sort = form["sort"] if form["sort"] in SORTS else "relevance"
    return PrecedentFilters(years[0], form["court"] or None, form["article"] or None, violation, years[1], years[2], sort), None


@router.get("/precedents", response_class=HTMLResponse)
def precedents_page(
    request: Request, q: str = "", year: str | None = None, court: str | None = None, article: str | None = None,
    violation: str | None = None, year_from: str | None = None, year_to: str | None = None, sort: str | None = None,
) -> Response:
    lib, pages = library_of(request), pages_of(request)
    q = lib.query(q, required=False)
    snap = lib.snapshot()
    form = {"year": year or "", "court": court or "", "article": (article or "")[:50], "violation": violation or "",
            "year_from": year_from or "", "year_to": year_to or "", "sort": sort or ""}
    filters, error = _filters(request, form)
    found = [] if error else snap.precedents(q, filters, SHOWN).items
    marks = highlight_terms(q) if q else frozenset()
    phrase = filters.article_pattern()
    return pages.render(
        request,
        "precedents.html",
        status=400 if error else 200,
        q=q,
        form=form,
        items=[ruling_view(p, snap, marks, phrase) for p in found],
        options=snap.precedent_options(),
        violations=VIOLATIONS,
        error=error,
    )
