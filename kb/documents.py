"""The documents of an index as readers see them: the list, and one document's page.

A document's page is its body in order, each Pasal with its Penjelasan beside it, and the
Penjelasan that belongs to no body Pasal after it (Penjelasan Umum). Built from the
articles the article store rebuilds from the chunks, so it is the indexed text exactly.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .articles import Article, anchor_for
from .index import DocRecord
from .structure import DocMeta
from .urls import doc_url, pdf_url


@dataclass
class DocumentInfo:
    """A document's metadata and addresses (`/api/docs`, the document list, the About page)."""

    id: str
    source: str
    kind: str
    type: str | None
    number: str | None
    year: int | None
    date: str | None
    title: str | None
    short: str
    status: str | None
    summary: bool
    official_source: str | None
    relations: list[str]
    court: str | None
    case_number: str | None
    pages: int
    url: str
    pdf: str

    @classmethod
    def of(cls, doc_id: str, rec: DocRecord) -> DocumentInfo:
        m = rec.meta
        return cls(
            id=doc_id, source=rec.source, kind=m.kind, type=m.type, number=m.number, year=m.year, date=m.date,
            title=m.title, short=m.short, status=m.status, summary=m.summary, official_source=m.official_source,
            relations=list(m.relations), court=m.court, case_number=m.case_number, pages=rec.pages,
            url=doc_url(doc_id), pdf=pdf_url(doc_id),
        )

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def document_order(meta: DocMeta, source: str) -> tuple[int, str, int, str]:
    """Regulations first, by type, newest first; then rulings."""
    return (0 if meta.kind == "regulation" else 1, meta.type or "", -(meta.year or 0), source)


@dataclass
class PageSection:
    """One entry of a document's page: a Pasal (with its Penjelasan), a Butir, a ruling section."""

    anchor: str
    label: str
    part: str
    citation: str
    text: str
    pages: list[int]
    breadcrumbs: list[str] = field(default_factory=list)
    penjelasan: PageSection | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "anchor": self.anchor,
            "label": self.label,
            "part": self.part,
            "citation": self.citation,
            "pages": self.pages,
            "breadcrumbs": self.breadcrumbs,
            "text": self.text,
            "penjelasan": self.penjelasan.to_json() if self.penjelasan else None,
        }


@dataclass
class DocumentPage:
    """A document and its structure (`/api/docs/{id}`, `/docs/{id}`)."""

    document: DocumentInfo
    meta: DocMeta
    sections: list[PageSection]  # the body in order, each Pasal with its Penjelasan
    penjelasan: list[PageSection]  # Penjelasan without a body Pasal

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.to_json(),
            "sections": [s.to_json() for s in self.sections],
            "penjelasan": [s.to_json() for s in self.penjelasan],
        }


def _is_penjelasan(a: Article) -> bool:
    return a.first.kind == "regulation" and a.first.part == "penjelasan"


def _label(a: Article, meta: DocMeta) -> str:
    c = a.first
    if c.kind == "ruling":
        return c.part
    if c.article:
        return f"Pasal {c.article}" + (f" ({c.amendment})" if c.amendment else "")
    if c.point:
        return c.point
    return "Penjelasan Umum" if c.part == "penjelasan" else (meta.short or "")


def _section(a: Article, meta: DocMeta, used: set[str]) -> PageSection:
    """An article as a page entry, under an anchor no other entry of the page has."""
    c = a.first
    anchor = anchor_for(c) or "bagian"
    base = anchor
    n = 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    crumbs = c.heading.split(" > ")
    if meta.title and c.heading.startswith(meta.title):
        crumbs = [x for x in c.heading[len(meta.title) :].split(" > ") if x.strip()]
    else:
        crumbs = crumbs[1:]
    pages = sorted({p for ch in a.chunks for p in ch.pages})
    return PageSection(anchor, _label(a, meta), c.part, a.citation, a.text, pages, crumbs)


def page_sections(meta: DocMeta, arts: list[Article]) -> tuple[list[PageSection], list[PageSection]]:
    """(the body in order, each Pasal with its Penjelasan; Penjelasan without a body Pasal)."""
    body: list[PageSection] = []
    expl: dict[tuple[str | None, str | None], PageSection] = {}
    loose: list[PageSection] = []
    used: set[str] = set()
    for a in arts:
        c = a.first
        if _is_penjelasan(a):
            sec = _section(a, meta, used)
            if c.article or c.point:
                expl[(c.article or c.point, c.amendment)] = sec
            else:
                loose.append(sec)
        else:
            body.append(_section(a, meta, used))
    for sec, a in zip(body, [a for a in arts if not _is_penjelasan(a)]):
        k = (a.first.article or a.first.point, a.first.amendment)
        if k in expl:
            sec.penjelasan = expl.pop(k)
    loose.extend(expl.values())
    return body, loose
