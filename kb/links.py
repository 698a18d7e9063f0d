"""Links between provisions, read from the texts when the index is loaded, and the second
article a question needs.

A question often needs two provisions that no single passage holds:

- a prohibition and its sanction ("PNS dilarang ... huruf k" and "Hukuman Disiplin berat ...
  dijatuhkan bagi PNS yang melanggar ... sebagaimana dimaksud dalam Pasal 5 huruf k"): the
  sanction article refers to the prohibition, so the reference graph links them;
- the same Pasal in each version of an amended law (UU 1/2015 Pasal 71 and its rewrite in
  UU 10/2016): same article number, documents related by "mengubah / diubah oleh";
- a revoked document and the article that revoked it (PP 53/2010 and PP 94/2021 Pasal 45),
  and the transitional provisions (Ketentuan Peralihan) of the revoking one.

`Links.pull(...)` raises these companions just below (or, for a newer version, just above)
the provision that calls for them, so that the top results cover both.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from .chunk import Chunk
from .features import BODY, PROHIBITION, RULING, SANCTION, TRANSITIONAL, Features
from .index import DocRecord

Key = tuple[str, str]  # (source, Pasal)

_REF = re.compile(r"(?:dalam|pada|dan|atau|,)\s+Pasal\s+(?P<art>\d{1,3}[A-Z]?)\b(?!\s*(?:ayat\s*\(\d+\)\s*)?(?:Undang|UU|Peraturan|KUHP))")
# An article that imposes a sanction for breaching another: "Hukuman Disiplin berat ... dijatuhkan
# bagi PNS yang melanggar ...", "... dipidana dengan pidana penjara", "dikenai sanksi".
_SANCTION_TEXT = re.compile(
    r"dijatuhkan\s+bagi|dijatuhi\s+hukuman|dipidana|diancam\s+(?:dengan\s+)?pidana|dikena[ik]an\s+sanksi|diberhentikan\s+tidak\s+dengan\s+hormat",
    re.I,
)
_PROHIBITION_TEXT = re.compile(r"\bdilarang\b|\blarangan\b|\bwajib\b", re.I)  # a rule one can breach
SANCTION_CUE = re.compile(
    r"\b(hukuman\w*|hukdis|sanksi\w*|pidana\w*|ancaman\w*|dihukum|dipecat|kena\s+apa|akibat\w*|konsekuensi\w*|"
    r"penalt\w+|punish\w*|sanction\w*|consequence\w*|sentence\w*|fined?|prison|jail)\b",
    re.I,
)
PROHIBITION_CUE = re.compile(r"\b(dilarang|larangan\w*|boleh\w*|melanggar|prohibit\w*|forbid\w*|banned|allowed|may\s+not|is\s+it\s+(?:legal|allowed))\b", re.I)
VALIDITY_CUE = re.compile(
    r"\b(masih\s+berlaku|tidak\s+berlaku|dicabut|mencabut|diganti\w*|pengganti|still\s+(?:in\s+force|valid|applies|apply|apply)|"
    r"in\s+force|revoked?|repealed?|replaced?|superseded?|no\s+longer)\b",
    re.I,
)
TRANSITION_CUE = re.compile(
    r"\b(peralihan|sebelum\s+(?:\w+\s+){0,6}berlaku|transition\w*|before\s+(?:\w+\s+){0,6}(?:took|takes|came|comes|entered|enters)\s+(?:into\s+)?(?:effect|force)|"
    r"before\s+the\s+new|under\s+the\s+old|aturan\s+lama|yang\s+lama)\b",
    re.I,
)


def chunk_wording(c: Chunk) -> tuple[bool, bool, bool]:
    """Whether a Pasal body imposes a sanction, states a rule one can breach, and stands
    among the transitional provisions (what `Links` reads of each chunk)."""
    return bool(_SANCTION_TEXT.search(c.text)), bool(_PROHIBITION_TEXT.search(c.text)), "peralihan" in c.heading.lower()


def chunk_references(c: Chunk) -> list[str]:
    """The other Pasal of its own document a Pasal body refers to, in order of appearance."""
    if c.kind != "regulation" or not c.article or c.part != "body":
        return []
    return list(dict.fromkeys(m["art"] for m in _REF.finditer(c.text) if m["art"] != c.article))


@dataclass
class Companions:
    """Chunks to raise, each with a factor of the score of the chunk that calls for it."""

    chunks: list[int]
    factor: float
    caller: int  # the chunk that calls for them
    structural: bool = False  # another version of the same Pasal: raised even if not retrieved


class Scores(Protocol):
    """The fused scores of a question's search: a dense array, or the candidate pool."""

    def get(self, i: int) -> float: ...

    def set(self, i: int, value: float) -> None: ...

    def ranked(self, limit: int) -> list[int]:
        """The first `limit` chunks with a finite score above 0, best first, ties by id."""
        ...

    def max(self) -> float: ...

    def get_many(self, ids: np.ndarray) -> np.ndarray: ...

    def set_many(self, ids: np.ndarray, values: np.ndarray) -> None:
        """Set distinct chunks' scores."""
        ...


class DenseScores:
    """A score for every chunk (numpy array, changed in place)."""

    def __init__(self, fused: np.ndarray):
        self.fused = fused

    def get(self, i: int) -> float:
        return float(self.fused[i])

    def set(self, i: int, value: float) -> None:
        self.fused[i] = value

    def ranked(self, limit: int) -> list[int]:
        cand = np.flatnonzero(np.isfinite(self.fused) & (self.fused > 0))
        return [int(i) for i in cand[np.argsort(-self.fused[cand], kind="stable")][:limit]]

    def max(self) -> float:
        return float(np.max(self.fused))

    def get_many(self, ids: np.ndarray) -> np.ndarray:
        return self.fused[ids].astype(np.float64)

    def set_many(self, ids: np.ndarray, values: np.ndarray) -> None:
        self.fused[ids] = values


@dataclass
class _DocLinks:
    """One document's Pasal bodies: their chunks, which refer to which, and their wording."""

    by_article: dict[str, list[int]] = field(default_factory=dict)
    cites: dict[str, set[str]] = field(default_factory=dict)
    cited_by: dict[str, set[str]] = field(default_factory=dict)
    sanction: set[str] = field(default_factory=set)
    prohibition: set[str] = field(default_factory=set)
    transitional: list[int] = field(default_factory=list)


class Links:
    """The links of one index generation. Per-chunk facts come from kb.features (computed at
    build time); a document's link graph is assembled from them the first time a question
    reaches it, so loading costs nothing per chunk."""

    def __init__(self, chunks: Sequence[Chunk], docs: dict[str, DocRecord], features: Features | None = None):
        self.chunks = chunks
        self.f = features if features is not None else Features.compute(chunks)
        self.docs = docs
        self._docs: dict[int, _DocLinks] = {}
        self._lock = threading.Lock()
        self.revoking = self._revoking(docs)
        self.family = _families(docs)
        self.year = {s: d.meta.year or 0 for s, d in docs.items()}

    def _revoking(self, docs: dict[str, DocRecord]) -> dict[str, list[int]]:
        """revoked source -> the chunks of other documents that declare it revoked."""
        by_ref = {(d.meta.type, d.meta.number, d.meta.year): s for s, d in docs.items() if d.meta.kind == "regulation"}
        out: dict[str, list[int]] = defaultdict(list)
        for i, typ, num, year in self.f.revocations:
            target = by_ref.get((typ, num, year))
            if target and target != self.f.sources[self.f.doc[i]]:
                out[target].append(int(i))
        return dict(out)

    def doc_links(self, source: str) -> _DocLinks:
        d = self.f.number.get(source)
        if d is None:
            return _DocLinks()
        got = self._docs.get(d)
        if got is None:
            got = self._assemble(d)
            with self._lock:
                self._docs[d] = got
        return got

    def _assemble(self, d: int) -> _DocLinks:
        f, out = self.f, _DocLinks()
        r = f.ids_of(d)
        flags, arts = np.asarray(f.flags[r.start : r.stop]), np.asarray(f.article[r.start : r.stop])  # read once (memory-mapped)
        ptr = np.asarray(f.cites_ptr[r.start : r.stop + 1])
        cites = [f.articles[a] for a in np.asarray(f.cites[ptr[0] : ptr[-1]]).tolist()]  # kb.features.Features.cited, for the document
        linked = ((flags & RULING) == 0) & ((flags & BODY) != 0) & (arts >= 0)
        for off in np.flatnonzero(linked).tolist():
            i, art = r.start + off, f.articles[arts[off]]
            out.by_article.setdefault(art, []).append(i)
            for other in cites[ptr[off] - ptr[0] : ptr[off + 1] - ptr[0]]:
                out.cites.setdefault(art, set()).add(other)
                out.cited_by.setdefault(other, set()).add(art)
            if flags[off] & SANCTION:
                out.sanction.add(art)
            if flags[off] & PROHIBITION:
                out.prohibition.add(art)
            if flags[off] & TRANSITIONAL:
                out.transitional.append(i)
        return out

    def by_key(self, key: Key) -> list[int]:
        return self.doc_links(key[0]).by_article.get(key[1], [])

    def transitional(self, source: str) -> list[int]:
        return self.doc_links(source).transitional

    def _place(self, i: int) -> tuple[str, str | None, bool]:
        """(source, Pasal, is a regulation) of chunk i, from the features."""
        f = self.f
        a = int(f.article[i])
        return f.sources[int(f.doc[i])], f.articles[a] if a >= 0 else None, not f.flags[i] & RULING

    # ------------------------------------------------------------------ query time

    def companions(self, query: str, top: list[int]) -> list[Companions]:
        """What the best chunks (`top`, best first) call for, given what the question asks."""
        out: list[Companions] = []
        sanction_q, prohibition_q = SANCTION_CUE.search(query), PROHIBITION_CUE.search(query)
        for rank, i in enumerate(top):
            source, article, regulation = self._place(i)
            if not regulation or not article:
                continue
            own = self.doc_links(source)
            near = 0.98 - 0.01 * rank
            if sanction_q and article in own.prohibition:  # the sanction articles that refer to this rule
                out.append(Companions(self._chunks(source, (a for a in own.cited_by.get(article, ()) if a in own.sanction)), near, i))
            if prohibition_q and article in own.sanction:  # the rule a retrieved sanction article punishes
                out.append(Companions(self._chunks(source, (a for a in own.cites.get(article, ()) if a in own.prohibition)), near, i))
            for other in self.family.get(source, ()):  # the same Pasal in the other versions
                newer = self.year.get(other, 0) > self.year.get(source, 0)
                out.append(Companions(self.by_key((other, article)), 1.01 if newer else 0.99, i, True))
        return [x for x in out if x.chunks]

    def validity(self, query: str, sources: list[str]) -> list[int]:
        """For a question on whether a law still applies (or on what happens in between):
        the revoking articles, and the transitional provisions, of the documents in view."""
        out: list[int] = []
        valid_q, trans_q = VALIDITY_CUE.search(query), TRANSITION_CUE.search(query)
        for s in dict.fromkeys(sources):
            if valid_q or trans_q:
                out += self.revoking.get(s, [])
            if trans_q:
                out += self.transitional(s)
                for j in self.revoking.get(s, []):
                    out += self.transitional(self._place(j)[0])
        return list(dict.fromkeys(out))

    def version(self, c: Chunk, short: dict[str, str]) -> str | None:
        """Which version of an amended Pasal a passage is, when the index holds several:
        "teks terbaru: UU 10/2016 (Pasal I angka 27)" or "teks lama; diubah oleh UU 10/2016"."""
        if c.kind != "regulation" or not c.article or c.part != "body" or c.source not in self.family:
            return None
        holders = [s for s in [c.source, *self.family[c.source]] if self.by_key((s, c.article))]
        if len(holders) < 2:
            return None
        newest = max(holders, key=lambda s: (self.year.get(s, 0), s))
        if newest == c.source:
            return f"teks terbaru: {short[c.source]}" + (f" ({c.amendment})" if c.amendment else "")
        return f"teks lama; diubah oleh {short[newest]}"

    def _chunks(self, source: str, articles: Iterable[str]) -> list[int]:
        return [i for a in articles for i in self.by_key((source, a))]

    def pull(self, fused: Scores | np.ndarray, query: str, depth: int = 3) -> None:
        """Raise, in place, what the `depth` best provisions call for. A sanction or
        prohibition is raised only if the search found it at all (it has a score): the link
        says where to look, the question still has to be about it."""
        scores: Scores = DenseScores(fused) if isinstance(fused, np.ndarray) else fused
        top = self._best(scores, depth)
        for comp in self.companions(query, top):
            caller = scores.get(comp.caller)
            for j in comp.chunks:
                v = scores.get(j)
                if np.isfinite(v) and (comp.structural or v > 0):
                    scores.set(j, max(v, comp.factor * caller))
        view = [self._place(i)[0] for i in self._best(scores, 5)]
        wanted = self.validity(query, view)
        if wanted:  # distinct chunks: raised at once
            best = scores.max()
            ids = np.array(wanted, np.int64)
            v = scores.get_many(ids)
            finite = np.isfinite(v)
            scores.set_many(ids[finite], np.maximum(v[finite], 0.97 * best))

    def _best(self, scores: Scores, depth: int) -> list[int]:
        """The best chunk of each of the `depth` best provisions."""
        out, seen = [], set()
        f = self.f
        for i in scores.ranked(depth * 8):
            key = (int(f.doc[i]), int(f.link_group[i]))
            if key in seen:
                continue
            seen.add(key)
            out.append(int(i))
            if len(out) >= depth:
                break
        return out


def _families(docs: dict[str, DocRecord]) -> dict[str, list[str]]:
    """source -> the other indexed versions of the same law (amending or amended, transitively)."""
    by_short = {d.meta.short: s for s, d in docs.items()}
    edges: dict[str, set[str]] = defaultdict(set)
    for s, d in docs.items():
        for rel in d.meta.relations:
            m = re.match(r"(?:mengubah|diubah oleh)\s+(?P<name>\S+\s+\S+)", rel)
            other = by_short.get(m["name"]) if m else None
            if other and other != s:
                edges[s].add(other)
                edges[other].add(s)
    out: dict[str, list[str]] = {}
    for s in edges:
        seen, todo = {s}, [s]
        while todo:
            for o in edges[todo.pop()]:
                if o not in seen:
                    seen.add(o)
                    todo.append(o)
        out[s] = sorted(seen - {s})
    return out
