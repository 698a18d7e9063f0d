"""What ranking reads of every chunk, computed once per document at build time and
memory-mapped at load: a server does not decode a million chunk rows to start.

Per chunk (numpy arrays in the generation's `features/` folder, chunk id = position):

    doc         int32   document number (position in `sources`; a document's chunks are contiguous)
    flags       uint8   RULING, PENJELASAN, BODY, GENERAL (a regulation passage outside any
                        Pasal or point), DEFINITIONS (Ketentuan Umum, Pasal 1), and for a
                        regulation's Pasal body: SANCTION, PROHIBITION (its wording), TRANSITIONAL
    group       int32   which result it is, within its document: (Pasal or point, part); a
                        ruling is one result (kb.search keeps one passage per result)
    link_group  int32   which provision, within its document: (Pasal or point or part) (kb.links)
    article     int32   its Pasal, as an index into `articles` (-1: none)
    cites       CSR     the Pasal of its own document a Pasal body refers to (kb.links)

and in `tables.json`: `sources`, `articles`, the definitions of every Ketentuan Umum
(kb.definitions: term, abbreviation, item number, their stems) and the revocation clauses
("... dicabut dan dinyatakan tidak berlaku": which instrument), with their chunk ids; per
document, the instruments its body declares revoked (kb.relations).

Everything is a function of one document's chunks, so an incremental build carries an
unchanged document's part over (`Features.part`) and computes only the changed ones.
A generation written before this module has no `features/`: it is computed from its
chunks at load (slow on a large index; the next `kb build` writes it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .chunk import Chunk

FOLDER = "features"
TABLES = "tables.json"
VERSION = 1
ARRAYS = ("doc", "flags", "group", "link_group", "article", "cites_ptr", "cites")

RULING, PENJELASAN, BODY, GENERAL, DEFINITIONS, SANCTION, PROHIBITION, TRANSITIONAL = (1 << b for b in range(8))


@dataclass
class DocPart:
    """One document's features: chunk ids relative to its first chunk, Pasal numbers as
    indices into `table` (its own, or the generation's it was carried from)."""

    source: str
    flags: np.ndarray
    group: np.ndarray
    link_group: np.ndarray
    article: np.ndarray  # int32 into table, -1: none
    cites_ptr: np.ndarray  # int64, len + 1, from 0
    cites: np.ndarray  # int32 into table
    table: list[str]
    definitions: list[list[object]] = field(default_factory=list)  # [chunk, term, abbr, number, tokens, abbr_tokens]
    revocations: list[list[object]] = field(default_factory=list)  # [chunk, type, number, year]
    revokes: list[list[object]] = field(default_factory=list)  # [type, number, year]: what its body declares revoked

    def __len__(self) -> int:
        return len(self.flags)


def _flags(c: Chunk) -> int:
    from .links import chunk_wording

    f = (RULING if c.kind == "ruling" else 0) | (PENJELASAN if c.part == "penjelasan" else 0) | (BODY if c.part == "body" else 0)
    if c.kind == "regulation" and not (c.article or c.point):
        f |= GENERAL
    if c.is_definitions:
        f |= DEFINITIONS
    if c.kind == "regulation" and c.article and c.part == "body":
        sanction, prohibition, transitional = chunk_wording(c)
        f |= (SANCTION if sanction else 0) | (PROHIBITION if prohibition else 0) | (TRANSITIONAL if transitional else 0)
    return f


def document_part(chunks: Sequence[Chunk]) -> DocPart:
    """The features of one document's chunks (all of one source, in order)."""
    from .definitions import definition_items
    from .links import chunk_references
    from .relations import revoked_by_text

    groups: dict[tuple[object, ...], int] = {}
    links: dict[object, int] = {}
    table: dict[str, int] = {}
    flags, group, link_group, article, cites, cites_len, defs, revs = [], [], [], [], [], [], [], []
    for i, c in enumerate(chunks):
        flags.append(_flags(c))
        key = (c.article or c.point, c.part) if c.kind == "regulation" else (None, "ruling")
        group.append(groups.setdefault(key, len(groups)))
        lkey = c.article or c.point or c.part
        link_group.append(links.setdefault(lkey, len(links)))
        article.append(table.setdefault(c.article, len(table)) if c.article else -1)
        refs = chunk_references(c)
        cites += [table.setdefault(a, len(table)) for a in refs]
        cites_len.append(len(refs))
        defs += [[i, *item] for item in definition_items(c)]
        if c.kind == "regulation" and c.part == "body" and "dicabut" in c.text:
            revs += [[i, *ref] for ref in revoked_by_text(c.text)]
    ptr = np.concatenate(([0], np.cumsum(cites_len, dtype=np.int64)))
    body = "\n".join(c.text for c in chunks if c.kind == "regulation" and c.part == "body")
    revokes = [list(ref) for ref in dict.fromkeys(revoked_by_text(body))]  # as kb.relations reads a document
    return DocPart(chunks[0].source if chunks else "", np.array(flags, np.uint8), np.array(group, np.int32),
                   np.array(link_group, np.int32), np.array(article, np.int32), ptr, np.array(cites, np.int32),
                   list(table), defs, revs, revokes)


def runs(chunks: Sequence[Chunk]) -> list[tuple[str, int, int]]:
    """(source, start, end) of each document's run of chunks; a document whose chunks are
    not contiguous is a ValueError (every writer groups them)."""
    out: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    start = 0
    for i in range(1, len(chunks) + 1):
        if i == len(chunks) or chunks[i].source != chunks[start].source:
            src = chunks[start].source
            if src in seen:
                raise ValueError(f"the chunks of {src} are not contiguous")
            seen.add(src)
            out.append((src, start, i))
            start = i
    return out


@dataclass
class Features:
    sources: list[str]
    doc: np.ndarray
    flags: np.ndarray
    group: np.ndarray
    link_group: np.ndarray
    article: np.ndarray
    cites_ptr: np.ndarray
    cites: np.ndarray
    articles: list[str]
    definitions: list[list[object]]
    revocations: list[list[object]]
    revokes: list[list[list[object]]]  # by document number: what its body declares revoked (kb.relations)

    def __post_init__(self) -> None:
        n_docs = len(self.sources)
        if len(self.doc):
            edges = np.flatnonzero(np.diff(self.doc)) + 1
            starts = np.concatenate(([0], edges)).astype(np.int64)
            if len(starts) != n_docs or not np.array_equal(self.doc[starts], np.arange(n_docs)):
                raise ValueError("document numbers do not run in order over contiguous chunks")
        else:
            starts = np.zeros(0, np.int64)
        self.starts = starts
        self.ends = np.append(starts[1:], len(self.doc)).astype(np.int64)
        self.number = {s: d for d, s in enumerate(self.sources)}
        self.article_id = {a: i for i, a in enumerate(self.articles)}

    def __len__(self) -> int:
        return len(self.doc)

    def ids_of(self, d: int) -> range:
        """The chunk ids of document number `d`."""
        return range(int(self.starts[d]), int(self.ends[d]))

    def cited(self, i: int) -> list[str]:
        return [self.articles[a] for a in self.cites[self.cites_ptr[i] : self.cites_ptr[i + 1]]]

    # ------------------------------------------------------------------ build

    @classmethod
    def compute(cls, chunks: Sequence[Chunk]) -> "Features":
        return cls.concat([document_part(chunks[s:e]) for _src, s, e in runs(chunks)])

    def part(self, d: int) -> DocPart:
        """Document `d`'s features as a DocPart (to carry an unchanged document over)."""
        s, e = int(self.starts[d]), int(self.ends[d])
        lo, hi = int(self.cites_ptr[s]), int(self.cites_ptr[e])
        defs, revs = self._by_doc()
        return DocPart(self.sources[d], np.array(self.flags[s:e]), np.array(self.group[s:e]), np.array(self.link_group[s:e]),
                       np.array(self.article[s:e]), np.array(self.cites_ptr[s : e + 1]) - lo, np.array(self.cites[lo:hi]),
                       self.articles, [[int(x[0]) - s, *x[1:]] for x in defs.get(d, [])],  # type: ignore[call-overload]
                       [[int(x[0]) - s, *x[1:]] for x in revs.get(d, [])],  # type: ignore[call-overload]
                       [list(r) for r in self.revokes[d]])

    def _by_doc(self) -> tuple[dict[int, list[list[object]]], dict[int, list[list[object]]]]:
        if not hasattr(self, "_bucketed"):
            out: tuple[dict[int, list[list[object]]], ...] = ({}, {})
            for bucket, rows in zip(out, (self.definitions, self.revocations)):
                for x in rows:
                    bucket.setdefault(int(self.doc[int(x[0])]), []).append(x)  # type: ignore[call-overload]
            self._bucketed = out
        return self._bucketed  # type: ignore[return-value]

    @classmethod
    def concat(cls, parts: Iterable[DocPart]) -> "Features":
        parts = [p for p in parts if len(p)]
        table: dict[str, int] = {}
        maps: dict[int, np.ndarray] = {}  # id(part table) -> its ids in the new table

        def mapping(t: list[str]) -> np.ndarray:
            if id(t) not in maps:
                maps[id(t)] = np.array([table.setdefault(a, len(table)) for a in t], np.int32)
            return maps[id(t)]

        doc, article, cites, ptrs, defs, revs = [], [], [], [np.zeros(1, np.int64)], [], []
        start = 0
        for d, p in enumerate(parts):
            m = mapping(p.table)
            doc.append(np.full(len(p), d, np.int32))
            article.append(np.where(p.article >= 0, m[np.maximum(p.article, 0)] if len(m) else -1, -1).astype(np.int32))
            cites.append(m[p.cites] if len(p.cites) else np.zeros(0, np.int32))
            ptrs.append(p.cites_ptr[1:] + (ptrs[-1][-1] if len(ptrs[-1]) else 0))
            defs += [[int(x[0]) + start, *x[1:]] for x in p.definitions]  # type: ignore[call-overload]
            revs += [[int(x[0]) + start, *x[1:]] for x in p.revocations]  # type: ignore[call-overload]
            start += len(p)

        def cat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
            return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype)

        return cls([p.source for p in parts], cat(doc, np.int32), cat([p.flags for p in parts], np.uint8),
                   cat([p.group for p in parts], np.int32), cat([p.link_group for p in parts], np.int32), cat(article, np.int32),
                   cat(ptrs, np.int64), cat(cites, np.int32), list(table), defs, revs, [p.revokes for p in parts])

    def same_as(self, other: "Features") -> bool:
        """Whether both describe the same chunks (article tables may be ordered differently)."""
        def named(f: Features, ids: np.ndarray) -> list[str | None]:
            return [f.articles[a] if a >= 0 else None for a in np.asarray(ids).tolist()]

        return (self.sources == other.sources and len(self) == len(other)
                and all(np.array_equal(getattr(self, a), getattr(other, a)) for a in ("doc", "flags", "group", "link_group", "cites_ptr"))
                and named(self, self.article) == named(other, other.article) and named(self, self.cites) == named(other, other.cites)
                and _rows(self.definitions) == _rows(other.definitions) and _rows(self.revocations) == _rows(other.revocations)
                and _rows(self.revokes) == _rows(other.revokes))

    # ------------------------------------------------------------------ files

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in ARRAYS:
            np.save(folder / f"{name}.npy", np.ascontiguousarray(getattr(self, name)))
        tables = {"version": VERSION, "sources": self.sources, "articles": self.articles,
                  "definitions": self.definitions, "revocations": self.revocations, "revokes": self.revokes}
        (folder / TABLES).write_text(json.dumps(tables, ensure_ascii=False))

    @classmethod
    def load(cls, folder: Path) -> "Features":
        """The arrays memory-mapped (read-only), the tables read. Damaged files: ValueError or OSError."""
        t = json.loads((folder / TABLES).read_text())
        if t.get("version") != VERSION:
            raise ValueError(f"features version {t.get('version')}, expected {VERSION}")
        # plain views of the maps: indexing an np.memmap itself runs Python code on every access
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in ARRAYS}
        n = len(arrays["doc"])
        if any(len(arrays[k]) != n for k in ("flags", "group", "link_group", "article")) or len(arrays["cites_ptr"]) != n + 1:
            raise ValueError("its arrays have different lengths")
        if n and int(arrays["cites_ptr"][-1]) != len(arrays["cites"]):
            raise ValueError("its references do not add up")
        if len(t["revokes"]) != len(t["sources"]):
            raise ValueError("its document tables have different lengths")
        return cls(list(t["sources"]), **arrays, articles=list(t["articles"]), definitions=t["definitions"],
                   revocations=t["revocations"], revokes=t["revokes"])


def _rows(rows: list[list[object]]) -> str:
    return json.dumps(rows, ensure_ascii=False)
