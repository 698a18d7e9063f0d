"""Precedents: court rulings and sanction decisions, found by question or listed by filters
(year, court or instance, the article applied), each with its outcome quoted from the amar.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .articles import Article, quote
from .chunk import Chunk
from .documents import DocumentInfo
from .index import DocRecord
from .search import Filters, Result, Searcher

POOL = 50
"""Rulings read from search before the filters apply (the API's largest k)."""


@dataclass
class Outcome:
    """The operative part of a ruling, quoted, and what it decided."""

    label: str | None  # convicted | acquitted | released; None when the wording says neither
    text: str | None

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text}


def ruling_outcome(arts: list[Article]) -> Outcome:
    """The operative part of a ruling, quoted: the finding and the sentence imposed."""
    amar = next((a for a in arts if a.first.part == "amar"), None)
    if amar is None:
        return Outcome(None, None)
    text = re.sub(r"^\s*(AMAR|M\s?E\s?N\s?G\s?A\s?D\s?I\s?L\s?I)\s*:?\s*", "", amar.text, flags=re.I)
    flat = " ".join(text.split())
    low = flat.lower()
    if re.search(r"\blepas\s+dari\s+(segala\s+)?tuntutan", low):
        label = "released"
    elif re.search(r"\b(membebaskan|dibebaskan|bebas\s+dari\s+(segala\s+)?dakwaan)\b", low):
        label = "acquitted"
    elif re.search(r"\b(bersalah|terbukti)\b", low):
        label = "convicted"
    else:
        label = None
    sentences = re.split(r"(?<=[.;])\s+", flat)
    finding = sentences[0] if sentences else flat
    sentence = next((s for s in sentences[1:] if re.search(r"\b(pidana|denda|penjara|kurungan|hukuman|sanksi)\b", s, re.I)), None)
    parts = [quote(finding, 260)] + ([quote(sentence, 220)] if sentence else [])
    return Outcome(label, " … ".join(parts))


@dataclass
class PrecedentFilters:
    year: int | None = None
    court: str | None = None  # as in a document's `court` (or its type for other instances)
    article: str | None = None  # "280" or "Pasal 280": rulings whose text applies that Pasal

    def article_pattern(self) -> re.Pattern[str] | None:
        if self.article and (m := re.search(r"\d{1,3}[A-Za-z]?", self.article)):
            return re.compile(rf"\bpasal\s+{re.escape(m.group(0))}(?![0-9A-Za-z])", re.I)
        return None


@dataclass
class Precedent:
    document: DocumentInfo
    outcome: Outcome
    passage: Chunk  # the matching passage, or the ruling's most telling one
    result: Result | None  # the search hit, when a question found it

    def to_json(self) -> dict[str, Any]:
        c = self.passage
        return {
            "document": self.document.to_json(),
            "outcome": self.outcome.to_json(),
            "passage": {"citation": c.citation, "part": c.part, "pages": c.pages, "text": c.text},
            "score": round(float(self.result.score), 4) if self.result else None,
        }


@dataclass
class Precedents:
    query: str
    filters: PrecedentFilters
    items: list[Precedent]

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "filters": dataclasses.asdict(self.filters),
            "results": [p.to_json() for p in self.items],
        }


def find_precedents(
    searcher: Searcher,
    articles_of: Callable[[str], list[Article]],
    describe: Callable[[str], DocumentInfo],
    query: str,
    filters: PrecedentFilters,
    k: int,
) -> list[Precedent]:
    """Rulings the question finds (best first), or with no question the filtered rulings,
    newest first. `articles_of` reads a document's articles; `describe` its metadata."""
    docs = searcher.index.docs
    art_rx = filters.article_pattern()

    def keep(src: str) -> bool:
        meta = docs[src].meta
        if filters.year and meta.year != filters.year:
            return False
        if filters.court and (meta.court or meta.type or "") != filters.court:
            return False
        return not art_rx or any(art_rx.search(a.text) for a in articles_of(src))

    hits: list[tuple[str, Result | None]] = []
    if query:
        found = searcher.search(query, POOL, Filters(kind="ruling", year=filters.year))
        hits.extend((r.chunk.source, r) for r in found if keep(r.chunk.source))
        del hits[k:]
    else:
        rulings = [s for s, d in docs.items() if d.meta.kind == "ruling" and keep(s)]
        hits.extend((s, None) for s in sorted(rulings, key=lambda s: (-(docs[s].meta.year or 0), s))[:k])
    out = []
    for src, r in hits:
        arts = articles_of(src)
        chunk = r.chunk if r is not None else _telling_passage(arts, art_rx)
        out.append(Precedent(describe(src), ruling_outcome(arts), chunk, r))
    return out


def _telling_passage(arts: list[Article], art_rx: re.Pattern[str] | None) -> Chunk:
    """What to show of a ruling found by filters: the passage applying the article asked
    for, else its articles applied, else its first section after the case summary."""
    shown = next((a for a in arts if a.first.part == "pasal"), None) or next((a for a in arts if a.first.part != "perkara"), arts[0])
    chunk = shown.first
    if art_rx:
        chunk = next((a.first for a in arts if art_rx.search(a.text)), chunk)
    return chunk


def precedent_options(docs: dict[str, DocRecord]) -> dict[str, list[Any]]:
    """The years and courts the rulings of an index have (the filter form's choices)."""
    metas = [d.meta for d in docs.values() if d.meta.kind == "ruling"]
    return {
        "years": sorted({m.year for m in metas if m.year}, reverse=True),
        "courts": sorted({m.court or m.type or "" for m in metas} - {""}),
    }
