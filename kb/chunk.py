"""Stage 3, chunk: a structured document in, retrieval units out.

One chunk per Pasal (body or Penjelasan). A Pasal too long for the model is split at ayat
boundaries, then at huruf, then by words with overlap: never truncated. Each chunk
carries its breadcrumbs (document, BAB, Pasal, ayat) and its pages. Rulings are chunked by
section, then by size.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .structure import DocMeta, LegalDocument, Section

TokenCounter = Callable[[str], int]


def estimate_tokens(text: str) -> int:
    """A conservative estimate of XLM-R tokens for Indonesian legal text (measured ~1.6/word)."""
    return int(len(text.split()) * 1.9) + 8


@dataclass
class Chunk:
    source: str
    kind: str  # regulation | ruling
    part: str  # body | penjelasan | ruling section
    article: str | None
    citation: str
    heading: str  # breadcrumbs, for display and embedding
    text: str
    pages: list[int]
    sub: str | None = None  # "ayat (1)-(2)", "huruf a-h", "bagian 2/3"
    amendment: str | None = None
    point: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def passage(self) -> str:
        """The text the model and BM25 see: context first, then the provision."""
        return f"{self.citation}. {self.heading}\n{self.text}"

    @property
    def key(self) -> str:
        return hashlib.sha256(self.passage.encode()).hexdigest()

    @property
    def is_definitions(self) -> bool:
        """Part of the Ketentuan Umum's definitions (Pasal 1): meanings, not rules."""
        return self.article == "1" and "ketentuan umum" in self.heading.lower()


def citation(meta: DocMeta, section: Section, sub: str | None = None) -> str:
    """ "PP 94/2021 Pasal 5 huruf n", "Penjelasan UU 5/2014 Pasal 9", ... """
    name = meta.short
    if meta.kind == "ruling":
        return f"{name}, bagian {section.part}"
    if section.point:
        loc = section.point
    elif section.article:
        loc = f"Pasal {section.article}"
    else:
        loc = "Penjelasan Umum" if section.part == "penjelasan" else ""
    s = f"{name} {loc}".strip()
    if sub:
        s += f" {sub}"
    if section.amendment:
        s += f" ({section.amendment})"
    if section.part == "penjelasan" and section.article:
        s = f"Penjelasan {s}"
    return s


_AYAT = re.compile(r"(?:(?<=\s)|^)\((?P<n>\d{1,2})[)1l]\s")
_HURUF = re.compile(r"(?:(?<=\s)|^)(?<!huruf\s)(?<!angka\s)(?P<n>[a-z])\.\s")

Span = tuple[str | None, int, int]  # (label, start, end) in the section's text


def _split_marked(text: str, rx: re.Pattern[str], numeric: bool, lo: int, hi: int) -> list[Span]:
    """Split text[lo:hi] at sequential markers: (1), (2), ... or a., b., ..."""
    marks: list[tuple[str, int]] = []
    expect = 1 if numeric else ord("a")
    for m in rx.finditer(text, lo, hi):
        val = int(m["n"]) if numeric else ord(m["n"])
        if val == expect:
            marks.append((m["n"], m.start()))
            expect += 1
    if len(marks) < 2:
        return []
    out: list[Span] = []
    if text[lo : marks[0][1]].strip():
        out.append((None, lo, marks[0][1]))
    for i, (label, pos) in enumerate(marks):
        end = marks[i + 1][1] if i + 1 < len(marks) else hi
        out.append((label, pos, end))
    return out


def _windows(text: str, lo: int, hi: int, max_words: int = 140, overlap: int = 25) -> list[tuple[int, int]]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[lo:hi])]
    if len(words) <= max_words:
        return [(lo, hi)]
    out, i = [], 0
    while i < len(words):
        j = min(i + max_words, len(words)) - 1
        out.append((lo + words[i][0], lo + words[j][1]))
        if j == len(words) - 1:
            break
        i += max_words - overlap
    return out


def _pack(text: str, spans: list[Span], fits: Callable[[str], bool], unit: str) -> list[Span]:
    """Join consecutive pieces while they fit; label each group "ayat (1)-(3)"."""
    groups: list[tuple[list[str | None], int, int]] = []
    for label, a, b in spans:
        if groups and fits(text[groups[-1][1] : b]):
            groups[-1] = (groups[-1][0] + [label], groups[-1][1], b)
        else:
            groups.append(([label], a, b))
    out: list[Span] = []
    last_end = spans[-1][2] if spans else 0
    for labels, a, b in groups:
        named = [lb for lb in labels if lb]
        fmt = (lambda x: f"({x})") if unit == "ayat" else (lambda x: x)
        if not named:
            out.append((None, a, b))
            continue
        label = f"{unit} {fmt(named[0])}" + (f"-{fmt(named[-1])}" if len(named) > 1 else "")
        if b == last_end and _more_items(text[a:b], named[-1], unit):
            label += " dst."  # the list goes on past the markers OCR left readable
        out.append((label, a, b))
    return out


def _more_items(piece: str, last: str, unit: str) -> bool:
    """Does the last piece hold list items after its own marker (a damaged list)?"""
    if unit == "ayat":
        return bool(re.search(rf"\((?:{int(last) + 1}|{int(last) + 2})\)", piece))
    nxt = chr(ord(last) + 1)
    return bool(re.search(rf"(?:^|\s){nxt}\.\s", piece[3:]))


def split_section(text: str, fits: Callable[[str], bool]) -> list[Span]:
    """Split one Pasal's text into spans that fit the model, at the shallowest level that works."""
    if fits(text):
        return [(None, 0, len(text))]
    ayat = _split_marked(text, _AYAT, True, 0, len(text))
    if not ayat:
        return _split_huruf(text, fits, None, 0, len(text))
    out: list[Span] = []
    for sub, a, b in _pack(text, ayat, fits, "ayat"):
        out.extend([(sub, a, b)] if fits(text[a:b]) else _split_huruf(text, fits, sub, a, b))
    return out


def _split_huruf(text: str, fits: Callable[[str], bool], parent: str | None, lo: int, hi: int) -> list[Span]:
    huruf = _split_marked(text, _HURUF, False, lo, hi)
    groups = _pack(text, huruf, fits, "huruf") if huruf else [(None, lo, hi)]
    out: list[Span] = []
    for sub, a, b in groups:
        label = ", ".join(x for x in (parent, sub) if x) or None
        if fits(text[a:b]):
            out.append((label, a, b))
            continue
        parts = _windows(text, a, b)
        for k, (wa, wb) in enumerate(parts, 1):
            out.append((f"{label + ', ' if label else ''}bagian {k}/{len(parts)}", wa, wb))
    return out


def chunk_document(doc: LegalDocument, max_tokens: int = 320, count_tokens: TokenCounter = estimate_tokens) -> list[Chunk]:
    meta = doc.meta
    chunks: list[Chunk] = []

    def fits(t: str) -> bool:
        return count_tokens(t) + 40 <= max_tokens  # 40: citation, breadcrumbs and prompt

    for sec in doc.sections:
        crumbs = " > ".join([meta.title or "", *sec.breadcrumbs])
        if meta.kind == "ruling":
            spans: list[Span] = [(None, a, b) for a, b in _windows(sec.text, 0, len(sec.text), 150, 30)]
        else:
            spans = split_section(sec.text, fits)
        for sub, a, b in spans:
            piece = sec.text[a:b].strip()
            if not piece:
                continue
            chunks.append(
                Chunk(
                    source=doc.source,
                    kind=meta.kind,
                    part=sec.part,
                    article=sec.article,
                    citation=citation(meta, sec, sub),
                    heading=crumbs,
                    text=piece,
                    pages=sec.pages_between(a, b),
                    sub=sub,
                    amendment=sec.amendment,
                    point=sec.point,
                )
            )
    return chunks
