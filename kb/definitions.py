"""Definitions index: what each document's Ketentuan Umum defines, and where.

Indonesian regulations define their terms in Pasal 1 ("Dalam Peraturan Pemerintah ini yang
dimaksud dengan: 1. Pegawai Negeri Sipil yang selanjutnya disingkat PNS adalah ...").
This module reads those items from the indexed chunks when the index is loaded (nothing is
stored on disk) and answers "which Pasal 1 chunks define the term this question asks
about", in Indonesian or English (English words reach the Indonesian terms through the
glossary).

A question counts as asking for a definition when it carries a definition cue ("apa yang
dimaksud", "pengertian", "what does X mean", "definition of", ...) and a defined term
covers most of what remains of it once the cue, the document's name and function words are
set aside: "what is the penalty for a PNS who ..." names the term PNS, but is not about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .chunk import Chunk
from .glossary import expand_spans
from .lexical import tokenize

DEFINITION_CUE = re.compile(
    r"\b(maksudnya|artinya|arti(?:\s+dari)?|pengertian|definisi(?:nya)?|apa\s+itu|itu\s+apa|apa\s+yang\s+dimaksud|"
    r"yang\s+dimaksud|dimaksud\s+dengan|what\s+is|what\s+are|what\s+counts\s+as|who\s+counts\s+as|"
    r"who\s+is\s+considered|who\s+qualifies\s+as|meaning|means|definition|defined?|defines|"
    r"what\s+does\s+.{1,60}?\s+mean)\b",
    re.I,
)
# One numbered item of a Ketentuan Umum: "3. Pelanggaran Disiplin adalah", "2. Pegawai Negeri
# Sipil yang selanjutnya disingkat PNS adalah", "18A. Izin Pengelolaan adalah".
_ITEM = re.compile(
    r"(?:^|(?<=[\s:;]))(?P<n>\d{1,3}[A-Z]?)\s?\.\s+(?P<term>[A-Z][^.;:]{1,120}?)\s+"
    r"(?:yang\s+selanjutnya\s+(?:disingkat|disebut)(?:\s+dengan)?\s+(?P<abbr>[^,]{1,60}?)\s*,?\s+)?adalah\b"
)
# Words of a question that say what is asked or where, not which term: cue words and
# the names of instruments.
_ASIDE = set(tokenize(
    "maksud dimaksud arti artinya pengertian definisi apa itu mean meaning means definition defined define "
    "count counts qualify qualifies considered according under menurut dalam law laws regulation act "
    "uu pp undang peraturan pemerintah presiden tahun nomor year sih dong ya legal"
))


def definition_items(c: Chunk) -> list[list[Any]]:
    """The items a Ketentuan Umum chunk defines: [term, abbr, number, stems of the term, stems
    of the abbreviation], in order (none for any other chunk)."""
    if c.kind != "regulation" or c.part != "body" or c.article != "1":
        return []
    out: list[list[Any]] = []
    for m in _ITEM.finditer(c.text):
        term = re.sub(r"\s+", " ", m["term"]).strip()
        abbr = re.sub(r"\s+", " ", m["abbr"]).strip() if m["abbr"] else None
        toks = tokenize(term)
        if toks:
            out.append([term, abbr, m["n"], sorted(set(toks)), sorted(set(tokenize(abbr or "")))])
    return out


@dataclass(frozen=True)
class Definition:
    term: str  # "Pelanggaran Disiplin"
    abbr: str | None  # "PNS"
    number: str  # angka in Pasal 1: "6"
    chunk: int  # index of the chunk holding it
    source: str
    tokens: frozenset[str]  # stems of the term
    abbr_tokens: frozenset[str]


class DefinitionIndex:
    """Term -> the Pasal 1 chunks defining it, over one index generation."""

    def __init__(self, definitions: list[Definition]):
        self.definitions = definitions
        # definitions grouped by their (term stems, abbreviation stems): many documents define
        # the same term alike, and a question is scored once per group, not per document
        groups: dict[tuple[frozenset[str], frozenset[str]], list[Definition]] = {}
        for d in definitions:
            groups.setdefault((d.tokens, d.abbr_tokens), []).append(d)
        self._groups = list(groups.items())
        self._by_token: dict[str, list[int]] = {}
        for g, ((tokens, abbr_tokens), _members) in enumerate(self._groups):
            for t in tokens | abbr_tokens:
                self._by_token.setdefault(t, []).append(g)

    @classmethod
    def from_chunks(cls, chunks: Sequence[Chunk]) -> "DefinitionIndex":
        return cls.from_items([(i, c.source, *item) for i, c in enumerate(chunks) for item in definition_items(c)])

    @classmethod
    def from_items(cls, items: Iterable[Sequence[Any]]) -> "DefinitionIndex":
        """From (chunk, source, term, abbr, number, tokens, abbr_tokens) rows (kb.features keeps them)."""
        return cls([Definition(term, abbr, number, int(i), source, frozenset(toks), frozenset(abbr_toks))
                    for i, source, term, abbr, number, toks, abbr_toks in items])

    def abbreviations(self) -> dict[str, frozenset[str]]:
        """What the documents' own abbreviations stand for: "pns" -> stems of "Pegawai Negeri Sipil"."""
        out: dict[str, set[str]] = {}
        for d in self.definitions:
            if len(d.abbr_tokens) == 1 and d.abbr and len(d.abbr.split()) == 1:
                out.setdefault(next(iter(d.abbr_tokens)), set()).update(d.tokens)
        return {k: frozenset(v) for k, v in out.items()}

    def __len__(self) -> int:
        return len(self.definitions)

    def lookup(self, query: str, min_cover: float = 0.5) -> list[Definition]:
        """The definitions a definition question asks for, best first ([] when the question
        does not ask what something means, or no defined term covers it)."""
        cue = DEFINITION_CUE.search(query)
        if not cue or not self.definitions:
            return []
        rest = (query[: cue.start()] + " " + query[cue.end():]).lower()
        words = [t for t in tokenize(rest) if t not in _ASIDE and not t.isdigit()]
        if not words:
            return []
        # each content word, with the Indonesian words the glossary gives for the phrase it stands in
        meanings = {t: {t} for t in words}
        for phrase, terms in expand_spans(rest):
            stems = set(tokenize(" ".join(terms)))
            for t in tokenize(phrase):
                if t in meanings:
                    meanings[t] |= stems
        pool = set().union(*meanings.values())
        scored: list[tuple[float, int, int]] = []  # (cover, stems, group)
        covers: dict[frozenset[str], float] = {}  # many groups share their abbreviation's stems ("pns")
        for g in {g for t in pool for g in self._by_token.get(t, [])}:
            for toks in self._groups[g][0]:
                if not toks or not toks <= pool:
                    continue
                cover = covers.get(toks)
                if cover is None:
                    cover = covers[toks] = sum(1 for m in meanings.values() if m & toks) / len(meanings)
                if cover >= min_cover:
                    scored.append((cover, len(toks), g))
        if not scored:
            return []
        best = max(cover for cover, _n, _g in scored)
        found = sorted((((-n, d.source, d.chunk), d) for cover, n, g in scored if cover == best for d in self._groups[g][1]), key=lambda x: x[0])
        out: dict[tuple[str, str], Definition] = {}  # one per (document, angka): windows overlap
        for _key, d in found:
            out.setdefault((d.source, d.number), d)
        return list(out.values())
