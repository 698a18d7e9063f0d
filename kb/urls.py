"""The site's addresses: document ids, and the URL of a document, a clause and a PDF page.

The one URL builder. The library uses it (its JSON carries URLs, so `kb answer --json`
prints what `/api/answer` returns) and so do the pages.

    /docs/<id>                    a document's page
    /docs/<id>#pasal-5--huruf-n   one of its articles or clauses
    /docs/<id>.pdf#page=3         its PDF, at a page
"""

from __future__ import annotations

import hashlib
import re
from typing import Protocol

from .articles import anchor_for
from .chunk import Chunk


def slug(source: str) -> str:
    """A stable id for a corpus file: "regulations/pp-94-2021.pdf" -> "regulations--pp-94-2021"."""
    s = re.sub(r"\.pdf$", "", source, flags=re.I).lower()
    parts = [re.sub(r"[^a-z0-9._-]+", "-", p).strip("-.") or "x" for p in s.split("/")]
    return "--".join(parts)


def make_ids(sources: list[str]) -> dict[str, str]:
    """id -> source for every document; a clash (two names with the same slug) gets a hash."""
    out: dict[str, str] = {}
    for src in sorted(sources):
        i = slug(src)
        if i in out:
            i = f"{i}-{hashlib.sha256(src.encode()).hexdigest()[:8]}"
        out[i] = src
    return out


class Quoted(Protocol):
    """A quoted clause: where it is (the card's provision and sanctions)."""

    source: str
    page: int | None
    anchor: str | None
    clause_anchor: str | None


def doc_url(doc_id: str, fragment: str | None = None) -> str:
    return f"/docs/{doc_id}" + (f"#{fragment}" if fragment else "")


def pdf_url(doc_id: str, page: int | None = None) -> str:
    return f"/docs/{doc_id}.pdf" + (f"#page={page}" if page else "")


class Urls:
    """The URLs of one index generation's documents (ids are made from their sources)."""

    def __init__(self, sources: list[str]):
        self.ids = make_ids(sources)
        self.id_of = {src: i for i, src in self.ids.items()}

    def doc(self, source: str, fragment: str | None = None) -> str:
        return doc_url(self.id_of.get(source, ""), fragment)

    def pdf(self, source: str, page: int | None = None) -> str:
        return pdf_url(self.id_of.get(source, ""), page)

    def clause(self, cl: Quoted) -> dict[str, str]:
        """A quoted clause's place in the document view and in the PDF."""
        return {"doc_url": self.doc(cl.source, cl.clause_anchor or cl.anchor), "pdf_url": self.pdf(cl.source, cl.page)}

    def chunk(self, c: Chunk) -> dict[str, str]:
        """A passage's article in the document view, and its first page in the PDF."""
        return {"doc_url": self.doc(c.source, anchor_for(c)), "pdf_url": self.pdf(c.source, first_page(c))}


def first_page(c: Chunk) -> int | None:
    return c.pages[0] if c.pages else None
