"""The Ask pages: `/` (one question box) and `/ask?q=...` (the answer card, then the cited
passages). Rendered from the library's AskResult, the object `/api/answer` serialises."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...actors import detect_language
from ...answer import Answer
from ...lexical import highlight_terms
from ...library import Snapshot
from ...search import Result
from ...urls import first_page
from ..pages import library_of, pages_of
from ..text import text_lines

router = APIRouter(include_in_schema=False)
PASSAGES = 6
PASSAGES_UNCLEAR = 3
"""After "no clear rule" the page shows fewer passages, and example questions first."""
SUGGESTIONS = 3


def passage_view(r: Result, snap: Snapshot, marks: frozenset[str]) -> dict[str, Any]:
    """A cited passage as the page shows it: display lines with the question's words marked,
    its place in the document view and in the PDF."""
    c = r.chunk
    return {"r": r, "c": c, "meta": r.doc.meta, "lines": text_lines(c.text, marks), **snap.urls.chunk(c), "page": first_page(c)}


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return pages_of(request).render(request, "ask.html", q="", answer=None, passages=[], examples=pages_of(request).examples(request))


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "") -> Response:
    lib = library_of(request)
    q = lib.query(q, required=False)
    if not q:
        return RedirectResponse("/", status_code=303)
    snap = lib.snapshot()
    res = snap.ask(q, PASSAGES)
    card = res.answer
    assert isinstance(card, Answer), "ask.html renders kb.answer's card"
    marks = highlight_terms(q)
    pages = pages_of(request)
    card_lang = detect_language(q)  # the card speaks the question's language, on any page
    unclear = getattr(card, "verdict", None) == "unclear"
    shown = res.results[:PASSAGES_UNCLEAR] if unclear else res.results
    return pages.render(
        request,
        "ask.html",
        q=q,
        card_lang=card_lang,
        card_t=pages.strings[card_lang].t,
        unclear=unclear,
        suggestions=suggestions(request, q, card_lang) if unclear else [],
        answer=card,
        provision_urls=snap.urls.clause(card.provision) if card.provision else None,
        sanctions=[(s, snap.urls.clause(s)) for s in card.sanctions],
        passages=[passage_view(r, snap, marks) for r in shown],
    )


def suggestions(request: Request, q: str, lang: str) -> list[str]:
    """Example questions near `q` (the rule base's situations, kb.suggest), else the page's
    own examples in that language."""
    found = [s.text for s in library_of(request).suggest(q, lang, SUGGESTIONS)]
    return found or pages_of(request).strings[lang].examples[:SUGGESTIONS]
