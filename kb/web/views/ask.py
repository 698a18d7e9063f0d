"""The Ask pages: `/` (one question box) and `/ask?q=...` (the answer card, then the cited
passages). Rendered from the library's AskResult: the card is the very object
`/api/answer` returns (`AskResult.to_json()["answer"]`), shown in the question's language
whatever the page's (`web/templates/_card.html`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...lexical import highlight_terms
from ...library import Snapshot
from ...search import Result
from ...urls import first_page
from ..pages import library_of, pages_of
from ..text import text_lines

router = APIRouter(include_in_schema=False)
PASSAGES = 6
SUGGESTIONS = 3


def passage_view(r: Result, snap: Snapshot, marks: frozenset[str]) -> dict[str, Any]:
    """A cited passage as the page shows it: display lines with the question's words marked,
    its place in the document view and in the PDF."""
    c = r.chunk
    return {"r": r, "c": c, "meta": r.doc.meta, "lines": text_lines(c.text, marks), **snap.urls.chunk(c), "page": first_page(c)}


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return pages_of(request).render(request, "ask.html", q="", card=None, passages=[], examples=pages_of(request).examples(request))


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "") -> Response:
    lib = library_of(request)
    q = lib.query(q, required=False)
    if not q:
        return RedirectResponse("/", status_code=303)
    snap = lib.snapshot()
    res = snap.ask(q, PASSAGES)
    card = res.to_json()["answer"]
    pages = pages_of(request)
    marks = highlight_terms(q)
    unclear = card["verdict"] == "unclear"  # the library gave fewer passages; example questions come first
    return pages.render(
        request,
        "ask.html",
        q=q,
        card=card,
        ct=pages.strings[card["lang"]].t,  # the card's strings: the question's language
        unclear=unclear,
        suggestions=suggestions(request, q, card["lang"]) if unclear else [],
        passages=[passage_view(r, snap, marks) for r in res.results],
    )


def suggestions(request: Request, q: str, lang: str) -> list[str]:
    """Example questions near `q` (the rule base's situations, kb.suggest), else the page's
    own examples in that language."""
    found = [s.text for s in library_of(request).suggest(q, lang, SUGGESTIONS)]
    return found or pages_of(request).strings[lang].examples[:SUGGESTIONS]
