"""A rule's citations resolved against the index: the quoted clause for the answer card.

"PP 94/2021 Pasal 5 huruf n angka 1" resolves when an indexed document is PP 94/2021
(`DocMeta.short`), one of its articles is Pasal 5, and that article's clause tree (read by
`kb.articles.ArticleStore`, the same reading the document pages use) holds huruf n, angka 1.
The official text is quoted when it is indexed and the clause is found in it, else our
summary, labelled as ours. An article amended by a later law ("UU 1/2015 Pasal 71" as
rewritten by UU 10/2016) is looked up in the amending document too.

`check_rules` is what `kb rules check` prints: rule-base problems, citations that do not
resolve, and rules that contradict each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .articles import Article, ArticleKey, ArticleStore, anchor_for, clause_anchor, pinned_citation, quote, trim_noise
from .chunk import Chunk
from .elements import element_problems
from .rules import ACTORS, Problem, Rule, RuleBase, RuleCitation
from .lexical import tokenize

LABELS = {
    True: {"id": "teks resmi", "en": "official text"},
    False: {"id": "ringkasan kami, bukan teks resmi", "en": "our summary, not the official text"},
}


class IndexedTexts(Protocol):
    """What resolution reads from an index: a LoadedIndex, a Searcher's index, or a stand-in."""

    docs: dict[str, Any]  # source -> kb.index.DocRecord (with .meta)
    chunks: list[Chunk]


@dataclass(frozen=True)
class IndexSnapshot:
    """The documents and chunks of one index generation, read without its vector store."""

    docs: dict[str, Any]
    chunks: list[Chunk]

    @classmethod
    def current(cls, index_dir: Path) -> "IndexSnapshot | None":
        from .index import current_generation, read_chunks, read_documents

        gen = current_generation(index_dir)
        return cls(read_documents(gen), read_chunks(gen)) if gen is not None else None


@dataclass(frozen=True)
class Quote:
    """A clause of an indexed document, quoted for a rule's citation."""

    cited: str  # the rule's citation, as written
    citation: str  # the clause found: "PP 94/2021 Pasal 5 huruf n angka 1"
    text: str
    source: str
    page: int | None
    official: bool  # False: one of our summaries
    status: str | None  # berlaku / dicabut / diubah
    anchor: str | None = None  # the document view's fragment: "pasal-5--huruf-n-angka-1"

    def label(self, lang: str) -> str:
        return LABELS[self.official]["en" if lang == "en" else "id"]

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        return {
            "citation": self.citation,
            "cited": self.cited,
            "text": self.text,
            "source": self.source,
            "page": self.page,
            "official": self.official,
            "label": self.label(lang),
            "status": self.status,
            "anchor": self.anchor,
        }


class Provisions:
    """Resolves rule citations over one index's articles (`kb.articles.ArticleStore`, the
    store the document pages read); every resolution is cached."""

    def __init__(self, store: ArticleStore):
        self.store = store
        self.docs = store.docs
        self._cache: dict[str, Quote | None] = {}

    @classmethod
    def of(cls, index: IndexedTexts) -> Provisions:
        """Over an index's documents and chunks (a generation read without its vectors)."""
        return cls(ArticleStore(index.chunks, index.docs))

    def article(self, key: ArticleKey) -> Article:
        return self.store.article(key)

    def documents(self, instrument: str) -> list[str]:
        """Sources whose document is `instrument`, official texts first."""
        found = [s for s, d in self.docs.items() if d.meta.kind == "regulation" and d.meta.short == instrument]
        return sorted(found, key=lambda s: (bool(self.docs[s].meta.summary), s))

    def revoked(self) -> dict[str, int]:
        """Indexed instruments that are revoked (status "dicabut"), with the year the
        revoking one was made ("dicabut oleh PP 94/2021" -> 2021)."""
        out: dict[str, int] = {}
        for d in self.docs.values():
            if d.meta.kind == "regulation" and d.meta.status == "dicabut":
                years = [int(m[1]) for rel in d.meta.relations if (m := re.match(r"dicabut oleh .*?/(\d{4})", rel))]
                out[d.meta.short] = min(years) if years else (d.meta.year or 0) + 1
        return out

    def _amending(self, instrument: str) -> list[str]:
        """Documents that amend `instrument` ("diubah oleh UU 10/2016"), official first."""
        out: list[str] = []
        for s in self.documents(instrument):
            for rel in self.docs[s].meta.relations:
                if rel.startswith("diubah oleh "):
                    out += [x for x in self.documents(rel[len("diubah oleh "):].strip()) if x not in out]
        for s, d in self.docs.items():
            if f"mengubah {instrument}" in d.meta.relations and s not in out:
                out.append(s)
        return sorted(out, key=lambda s: (bool(self.docs[s].meta.summary), s))

    def resolve(self, c: RuleCitation) -> Quote | None:
        """The clause a citation names, from the official text when it holds it."""
        if c.text not in self._cache:
            self._cache[c.text] = self._find(c, self.documents(c.instrument)) or self._find(c, self._amending(c.instrument))
        return self._cache[c.text]

    def _find(self, c: RuleCitation, sources: list[str]) -> Quote | None:
        # an elucidation: the official text's PENJELASAN part, or a "Penjelasan ..."
        # paragraph our summaries keep inside the article's body
        parts = ("penjelasan", "body") if c.penjelasan else ("body",)
        place = f"Butir {c.butir}" if c.butir else c.article
        for source in sources:
            for part in parts:
                for key in self.store.at(source, part, place or ""):
                    art = self.article(key)
                    q = self._elucidation(c, art) if c.penjelasan else self._quote(c, art)
                    if q:
                        return q
        return None

    def _make(self, c: RuleCitation, art: Article, text: str, path: tuple, page: int | None) -> Quote:
        first, meta = art.first, self.docs[art.first.source].meta
        if c.penjelasan:  # cited as the elucidation of the clause; the anchor is the article's
            cit = pinned_citation(first, c.parts)
            cit = cit if cit.startswith("Penjelasan ") else f"Penjelasan {cit}"
            return Quote(c.text, cit, text, first.source, page, not meta.summary, meta.status, _anchor(first, ()))
        return Quote(c.text, pinned_citation(first, path), text, first.source, page, not meta.summary, meta.status, _anchor(first, path))

    def _quote(self, c: RuleCitation, art: Article) -> Quote | None:
        units = [u for u in art.units if u.kind != "english"]
        if not units:
            return None
        if not c.parts:
            return self._make(c, art, quote(" ".join(u.text for u in units), 500), (), art.page_of(units[0]))
        want = dict(c.parts)
        hit = next((u for u in units if u.kind == "item" and len(u.path) == len(want) and dict(u.path) == want), None)
        if hit is None:
            return None
        lead = [quote(trim_noise(a.text), 240) for a in reversed(art.ancestors(hit))]
        body = [quote(trim_noise(hit.text), 400)]
        if hit.text.rstrip().endswith(":"):  # "Hukuman berat berupa salah satu dari:": the list is the clause
            body += [quote(trim_noise(art.units[i].text), 200) for i in hit.children if art.units[i].kind == "item"][:8]
        return self._make(c, art, "\n… ".join(lead) + ("\n… " if lead else "") + "\n".join(body), hit.path, art.page_of(hit))

    def _elucidation(self, c: RuleCitation, art: Article) -> Quote | None:
        """The elucidation of a clause: in an official PENJELASAN, the text after its
        headings ("Huruf n" ... "Angka 1") up to the next heading; in our summaries, the
        article's paragraph "Penjelasan huruf n angka 1 ..."."""
        if art.first.part == "penjelasan":
            span = _after_headings(art.text, c.parts)
            if span is None:
                return None
            a, b = span
            chunk = art.chunk_at(a)
            return self._make(c, art, quote(art.text[a:b], 500), (), chunk.pages[0] if chunk.pages else None)
        for u in art.units:
            notes = list(_SUMMARY_NOTE.finditer(u.text)) if u.kind == "para" else []
            for i, m in enumerate(notes):  # a paragraph may hold several: "Penjelasan ayat (1): ... Penjelasan ayat (2): ..."
                if dict(_note_path(m["refs"] or "")) == dict(c.parts):
                    end = notes[i + 1].start() if i + 1 < len(notes) else len(u.text)
                    return self._make(c, art, quote(u.text[m.start() : end], 500), (), art.page_of(u))
        return None
    def unresolved_reason(self, c: RuleCitation) -> str:
        """Why a citation does not resolve, for `kb rules check`."""
        sources = self.documents(c.instrument)
        if not sources:
            return f"no indexed document is {c.instrument}"
        place = f"Butir {c.butir}" if c.butir else f"Pasal {c.article}"
        where = f"Butir {c.butir}" if c.butir else (c.article or "")
        parts = ("penjelasan", "body") if c.penjelasan else ("body",)
        keys = [k for s in sources + self._amending(c.instrument) for p in parts for k in self.store.at(s, p, where)]
        if not keys:
            return f"{c.instrument} has no indexed {place}"
        what = "elucidation of" if c.penjelasan else "clause"
        refs = " ".join(f"{k} {v}" for k, v in c.parts)
        return f"{place} of {c.instrument} has no {what} {refs} in its text".replace("  ", " ")


_HEADING = {"ayat": "Ayat \\({}\\)", "huruf": "Huruf {}", "angka": "Angka {}"}
_ANY_HEADING = re.compile(r"(?<![A-Za-z])(?:Ayat \(\d{1,2}[a-z]?\)|Huruf [a-z]|Angka \d{1,3}|Pasal \d{1,3}[A-Z]?)(?![\w])")
_SUMMARY_NOTE = re.compile(r"(?:^|(?<=[.;:]\s))Penjelasan(?P<refs>(?:\s+(?:ayat\s*\(\d{1,2}[a-z]?\)|huruf\s+[a-z]|angka\s+\d{1,3}))*)(?![\w(])", re.I)
_NOTE_REF = re.compile(r"(ayat|huruf|angka)\s*\(?(\w+)\)?", re.I)


def _note_path(refs: str) -> list[tuple[str, str]]:
    return [(k.lower(), v.lower()) for k, v in _NOTE_REF.findall(refs)]


def _after_headings(text: str, parts: tuple[tuple[str, str], ...]) -> tuple[int, int] | None:
    """Where the elucidation of a clause stands in a PENJELASAN article: after its
    headings, found in order ("Huruf n" then "Angka 1"), up to the next heading."""
    pos = 0
    for kind, value in parts:
        m = re.compile(rf"(?<![A-Za-z]){_HEADING[kind].format(re.escape(value))}(?![\w])").search(text, pos)
        if m is None:
            return None
        pos = m.end()
    nxt = _ANY_HEADING.search(text, pos)
    end = nxt.start() if nxt else len(text)
    return (pos, end) if text[pos:end].strip() else None


def _anchor(c: Chunk, path: tuple[tuple[str, str], ...]) -> str | None:
    return clause_anchor(anchor_for(c), path)


# ---------------------------------------------------------------------------- check


def check_rules(base: RuleBase, index: IndexedTexts | Provisions, problems: list[Problem] | None = None) -> list[Problem]:
    """Everything `kb rules check` reports: the problems found while reading (if given),
    citations that do not resolve to an indexed clause, and contradicting rules."""
    out = list(problems or [])
    prov = index if isinstance(index, Provisions) else Provisions.of(index)
    for r in base:
        for field, cites in (("basis", r.basis), ("sanction_basis", r.sanction_basis)):
            for c in cites:
                if prov.resolve(c) is None:
                    out.append(Problem(r.file, r.id, f"{field} {c.text!r} does not resolve: {prov.unresolved_reason(c)}", "citation"))
    out += find_conflicts(base)
    out += element_problems(base)
    return out


def _stems(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


def _near(a: frozenset[str], b: frozenset[str], threshold: float = 0.8) -> bool:
    """The same situation in other words: the same stems, or nearly (Jaccard)."""
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 3 and len(a & b) / len(a | b) >= threshold)


def overlap(r1: Rule, r2: Rule) -> bool:
    """Could both rules bind the same asker at the same stage of the same election?"""
    actors = any(r1.binds(a) and r2.binds(a) for a in ACTORS)
    stages = r1.any_stage or r2.any_stage or bool(set(r1.stages) & set(r2.stages))
    elections = r1.any_election or r2.any_election or bool(set(r1.elections) & set(r2.elections))
    return actors and stages and elections


def find_conflicts(base: RuleBase) -> list[Problem]:
    """Two rules with different verdicts, overlapping actors, stages and elections, and the same (or a
    near-identical) situation: the matcher could not tell them apart."""
    stems = {r.id: [(_stems(s), s) for s in (*r.situations.id, *r.situations.en, r.act.id, r.act.en)] for r in base}
    out = []
    rules = list(base)
    for i, r1 in enumerate(rules):
        for r2 in rules[i + 1:]:
            if r1.verdict == r2.verdict or not overlap(r1, r2):
                continue
            pair = next(((s1, s2) for a, s1 in stems[r1.id] for b, s2 in stems[r2.id] if _near(a, b)), None)
            if pair:
                out.append(Problem(
                    r1.file, r1.id,
                    f"same situation as rule {r2.id} ({r2.file}) with verdict {r2.verdict} vs {r1.verdict}: "
                    f"{pair[0]!r} ~ {pair[1]!r}; separate them by actor, stage or wording", "conflict",
                ))
    return out
