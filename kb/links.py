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

from collections.abc import Iterable

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .chunk import Chunk
from .index import DocRecord
from .relations import revoked_by_text

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


@dataclass
class Companions:
    """Chunks to raise, each with a factor of the score of the chunk that calls for it."""

    chunks: list[int]
    factor: float
    caller: int  # the chunk that calls for them
    structural: bool = False  # another version of the same Pasal: raised even if not retrieved


class Links:
    def __init__(self, chunks: list[Chunk], docs: dict[str, DocRecord]):
        self.chunks = chunks
        self.by_key: dict[Key, list[int]] = defaultdict(list)
        self.cited_by: dict[Key, set[Key]] = defaultdict(set)  # Pasal -> the Pasal that refer to it
        self.cites: dict[Key, set[Key]] = defaultdict(set)
        sanction: set[Key] = set()
        prohibition: set[Key] = set()
        transitional: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(chunks):
            if c.kind != "regulation" or not c.article or c.part != "body":
                continue
            key = (c.source, c.article)
            self.by_key[key].append(i)
            for m in _REF.finditer(c.text):
                if m["art"] != c.article:
                    self.cites[key].add((c.source, m["art"]))
                    self.cited_by[(c.source, m["art"])].add(key)
            if _SANCTION_TEXT.search(c.text):
                sanction.add(key)
            if _PROHIBITION_TEXT.search(c.text):
                prohibition.add(key)
            if "peralihan" in c.heading.lower():
                transitional[c.source].append(i)
        self.sanction, self.prohibition, self.transitional = sanction, prohibition, dict(transitional)
        self.revoking = self._revoking(chunks, docs)
        self.family = _families(docs)
        self.year = {s: d.meta.year or 0 for s, d in docs.items()}

    @staticmethod
    def _revoking(chunks: list[Chunk], docs: dict[str, DocRecord]) -> dict[str, list[int]]:
        """revoked source -> the chunks of other documents that declare it revoked."""
        by_ref = {(d.meta.type, d.meta.number, d.meta.year): s for s, d in docs.items() if d.meta.kind == "regulation"}
        out: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(chunks):
            if c.kind == "regulation" and c.part == "body" and "dicabut" in c.text:
                for ref in revoked_by_text(c.text):
                    target = by_ref.get(ref)
                    if target and target != c.source:
                        out[target].append(i)
        return dict(out)

    # ------------------------------------------------------------------ query time

    def companions(self, query: str, top: list[int]) -> list[Companions]:
        """What the best chunks (`top`, best first) call for, given what the question asks."""
        out: list[Companions] = []
        sanction_q, prohibition_q = SANCTION_CUE.search(query), PROHIBITION_CUE.search(query)
        for rank, i in enumerate(top):
            c = self.chunks[i]
            if c.kind != "regulation" or not c.article:
                continue
            key = (c.source, c.article)
            near = 0.98 - 0.01 * rank
            if sanction_q and key in self.prohibition:  # the sanction articles that refer to this rule
                out.append(Companions(self._chunks(k for k in self.cited_by.get(key, ()) if k in self.sanction), near, i))
            if prohibition_q and key in self.sanction:  # the rule a retrieved sanction article punishes
                out.append(Companions(self._chunks(k for k in self.cites.get(key, ()) if k in self.prohibition), near, i))
            for other in self.family.get(c.source, ()):  # the same Pasal in the other versions
                newer = self.year.get(other, 0) > self.year.get(c.source, 0)
                out.append(Companions(self.by_key.get((other, c.article), []), 1.01 if newer else 0.99, i, True))
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
                out += self.transitional.get(s, [])
                for j in self.revoking.get(s, []):
                    out += self.transitional.get(self.chunks[j].source, [])
        return list(dict.fromkeys(out))

    def version(self, c: Chunk, short: dict[str, str]) -> str | None:
        """Which version of an amended Pasal a passage is, when the index holds several:
        "teks terbaru: UU 10/2016 (Pasal I angka 27)" or "teks lama; diubah oleh UU 10/2016"."""
        if c.kind != "regulation" or not c.article or c.part != "body" or c.source not in self.family:
            return None
        holders = [s for s in [c.source, *self.family[c.source]] if (s, c.article) in self.by_key]
        if len(holders) < 2:
            return None
        newest = max(holders, key=lambda s: (self.year.get(s, 0), s))
        if newest == c.source:
            return f"teks terbaru: {short[c.source]}" + (f" ({c.amendment})" if c.amendment else "")
        return f"teks lama; diubah oleh {short[newest]}"

    def _chunks(self, keys: Iterable[Key]) -> list[int]:
        return [i for k in keys for i in self.by_key.get(k, [])]

    def pull(self, fused: np.ndarray, query: str, depth: int = 3) -> None:
        """Raise, in place, what the `depth` best provisions call for. A sanction or
        prohibition is raised only if the search found it at all (it has a score): the link
        says where to look, the question still has to be about it."""
        top = _best(fused, self.chunks, depth)
        for comp in self.companions(query, top):
            caller = fused[comp.caller]
            for j in comp.chunks:
                if np.isfinite(fused[j]) and (comp.structural or fused[j] > 0):
                    fused[j] = max(fused[j], comp.factor * caller)
        view = [self.chunks[i].source for i in _best(fused, self.chunks, 5)]
        wanted = self.validity(query, view)
        if wanted:
            best = float(np.max(fused))
            for j in wanted:
                if np.isfinite(fused[j]):
                    fused[j] = max(fused[j], 0.97 * best)


def _best(fused: np.ndarray, chunks: list[Chunk], depth: int) -> list[int]:
    """The best chunk of each of the `depth` best provisions."""
    cand = np.flatnonzero(np.isfinite(fused) & (fused > 0))
    if not len(cand):
        return []
    order = cand[np.argsort(-fused[cand], kind="stable")][: depth * 8]
    out, seen = [], set()
    for i in order:
        c = chunks[i]
        key = (c.source, c.article or c.point or c.part)
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
