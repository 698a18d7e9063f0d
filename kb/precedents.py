"""Precedents: court rulings and sanction decisions, found by question or listed by filters
(law and article with ayat and huruf, kind of violation, court or instance, years), sorted by
relevance or date, each with its outcome: the amar quoted, the articles applied, the
sentence imposed (kb.rulings reads them from the text).
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
from .rulings import ArticleRef, date_key, Sentence, applied_articles, parse_article_filter, sentence_of, violation_types
from .search import Filters, Result, Searcher

POOL = 50
"""Rulings read from search before the filters apply (the API's largest k)."""


@dataclass
class Outcome:
    """The operative part of a ruling, quoted, and what it decided: the finding, the articles
    applied, the sentence, the kinds of violation."""

    label: str | None  # convicted | acquitted | released; None when the wording says neither
    text: str | None
    articles: list[ArticleRef] = dataclasses.field(default_factory=list)
    sentence: Sentence = dataclasses.field(default_factory=Sentence)
    violations: list[str] = dataclasses.field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label, "text": self.text, "articles": [str(a) for a in self.articles],
            "sentence": self.sentence.to_json(), "violations": self.violations,
        }


def _part(arts: list[Article], part: str) -> str:
    return " ".join(a.text for a in arts if a.first.part == part)


def ruling_facts(arts: list[Article]) -> tuple[list[ArticleRef], Sentence, list[str]]:
    """The articles a ruling applied (its "pasal" section, else its charges and amar), the
    sentence in its amar, and the kinds of violation."""
    amar = _part(arts, "amar")
    applied = applied_articles(_part(arts, "pasal") or (_part(arts, "dakwaan") + " " + amar))
    return applied, sentence_of(amar), violation_types(applied, amar)


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
    return Outcome(label, " … ".join(parts), *ruling_facts(arts))


SORTS = ("relevance", "date")


@dataclass
class PrecedentFilters:
    year: int | None = None
    court: str | None = None  # as in a document's `court` (or its type for other instances)
    article: str | None = None  # "UU 7/2017 Pasal 280 ayat (2)", "Pasal 280", "280": rulings applying it
    violation: str | None = None  # a kind of violation (kb.rulings.VIOLATIONS)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"  # relevance (a question's best first) | date (newest first)

    def article_ref(self) -> ArticleRef | None:
        return parse_article_filter(self.article)

    def article_pattern(self) -> re.Pattern[str] | None:
        """Where the article asked for is named in a text (to find and mark the passage)."""
        ref = self.article_ref()
        if ref is None:
            return None
        tail = rf"\s+ayat\s*\(?{re.escape(ref.ayat)}\)?" if ref.ayat else ""
        tail += rf"\s+huruf\s+{re.escape(ref.huruf)}\b" if ref.huruf else ""
        return re.compile(rf"\bpasal\s+{re.escape(ref.article)}(?![0-9A-Za-z]){tail}", re.I)

    def years(self, year: int | None) -> bool:
        if self.year and year != self.year:
            return False
        if self.year_from and (year or 0) < self.year_from:
            return False
        return not (self.year_to and (year or 9999) > self.year_to)


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
    outcomes: dict[str, Outcome] | None = None,
) -> list[Precedent]:
    """Rulings the question finds (best first; one entry per ruling, at its best passage), or
    with no question every ruling; kept when they pass the filters; sorted by relevance (a
    question's order; newest first without one) or by date. `articles_of` reads a document's
    articles; `describe` its metadata; `outcomes`: the rulings' outcomes read so far, kept by
    the caller across calls on one index generation (reading one costs ~10 ms of regular
    expressions over its text)."""
    docs = searcher.index.docs
    art_rx, wanted = filters.article_pattern(), filters.article_ref()
    outcomes = {} if outcomes is None else outcomes

    def outcome(src: str) -> Outcome:
        if src not in outcomes:
            outcomes[src] = ruling_outcome(articles_of(src))
        return outcomes[src]

    def keep(src: str) -> bool:
        meta = docs[src].meta
        if meta.kind != "ruling" or not filters.years(meta.year):
            return False
        if filters.court and (meta.court or meta.type or "") != filters.court:
            return False
        if wanted and not any(a.within(wanted) for a in outcome(src).articles):
            return False
        return not filters.violation or filters.violation in outcome(src).violations

    hits: dict[str, Result | None] = {}
    if query:
        for r in searcher.search(query, POOL, Filters(kind="ruling", year=filters.year)):
            if r.chunk.source not in hits and keep(r.chunk.source):
                hits[r.chunk.source] = r
    else:
        hits = {s: None for s in sorted(docs, key=lambda s: (-(docs[s].meta.year or 0), s)) if keep(s)}
    order = list(hits)
    if filters.sort == "date" or not query:
        order.sort(key=lambda s: date_key(docs[s].meta.date, docs[s].meta.year), reverse=True)
    out = []
    for src in order[:k]:
        r = hits[src]
        chunk = r.chunk if r is not None else _telling_passage(articles_of(src), art_rx)
        out.append(Precedent(describe(src), outcome(src), chunk, r))
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
