"""The BM25 index of a generation, built from each chunk's term counts with numpy.

bm25s scores a corpus one document at a time in Python, from the tokens; at 139k chunks
that is seconds, at a million a minute, and every build paid it again. Here the index is
made from `Terms` (each chunk's distinct tokens and their counts, kept in the generation
beside bm25s' files), so an incremental build carries the counts of unchanged chunks and
tokenizes only the changed ones. The arrays are bm25s' own (same Lucene BM25, same float32
scores, bit for bit, same file format: `kb.lexical.Bm25Index` reads them); the vocabulary
is sorted, and holds only tokens that occur.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

K1, B = 1.2, 0.75
FILES = ("terms.ptr.npy", "terms.ids.npy", "terms.tf.npy")


@dataclass
class Terms:
    """Each chunk's distinct tokens (ids into `vocab`) and their counts, CSR by chunk."""

    ptr: np.ndarray  # int64 (n + 1,)
    ids: np.ndarray  # int32
    tf: np.ndarray  # int32
    vocab: list[str]

    def __len__(self) -> int:
        return len(self.ptr) - 1

    @classmethod
    def from_tokens(cls, docs: Iterable[list[str]]) -> "Terms":
        table: dict[str, int] = {}
        ptr, ids, tf = [0], [], []
        for tokens in docs:
            counts = Counter(tokens)
            ids += [table.setdefault(t, len(table)) for t in counts]
            tf += counts.values()
            ptr.append(len(ids))
        return cls(np.array(ptr, np.int64), np.array(ids, np.int32), np.array(tf, np.int32), list(table))

    def rows(self, start: int, stop: int) -> "Terms":
        """Chunks start..stop-1 (same vocabulary)."""
        lo, hi = int(self.ptr[start]), int(self.ptr[stop])
        return Terms(np.asarray(self.ptr[start : stop + 1]) - lo, np.asarray(self.ids[lo:hi]), np.asarray(self.tf[lo:hi]), self.vocab)

    @classmethod
    def concat(cls, parts: list["Terms"]) -> "Terms":
        """All parts' chunks in order, over one sorted vocabulary of the tokens they use."""
        vocabs: dict[int, tuple[list[str], np.ndarray]] = {}
        for p in parts:
            words, used = vocabs.setdefault(id(p.vocab), (p.vocab, np.zeros(len(p.vocab), bool)))
            used[np.asarray(p.ids)] = True
        vocab = sorted({t for words, used in vocabs.values() for t, on in zip(words, used.tolist()) if on})
        index = {t: i for i, t in enumerate(vocab)}
        maps = {k: np.array([index.get(t, -1) for t in words], np.int32) for k, (words, _used) in vocabs.items()}
        ptr = [np.zeros(1, np.int64)]
        for p in parts:
            ptr.append(np.asarray(p.ptr[1:]) + ptr[-1][-1])
        ids = [maps[id(p.vocab)][np.asarray(p.ids)] for p in parts]
        tf = [np.asarray(p.tf, np.int32) for p in parts]
        empty = np.zeros(0, np.int32)
        return cls(np.concatenate(ptr), np.concatenate(ids) if ids else empty, np.concatenate(tf) if tf else empty, vocab)

    def save(self, folder: Path) -> None:
        for name, arr in zip(FILES, (self.ptr, self.ids, self.tf)):
            np.save(folder / name, np.ascontiguousarray(arr))

    @classmethod
    def load(cls, folder: Path, vocab: dict[str, int]) -> "Terms":
        """The counts saved beside a bm25s index (ids in its vocabulary `vocab`)."""
        ptr, ids, tf = (np.load(folder / name, mmap_mode="r") for name in FILES)
        words = [""] * len(vocab)
        for t, i in vocab.items():
            words[i] = t
        if len(ptr) < 1 or int(ptr[-1]) != len(ids) or len(ids) != len(tf) or (len(ids) and int(ids.max()) >= len(words)):
            raise ValueError("its term arrays do not agree")
        return cls(ptr, ids, tf, words)


def build(terms: Terms) -> bm25s.BM25:
    """bm25s' Lucene BM25 index of these chunks, computed as bm25s computes it (same
    float32 scores), columns in the order of the sorted vocabulary."""
    n = len(terms)
    order = np.argsort(np.asarray(terms.vocab, dtype=object)) if terms.vocab != sorted(terms.vocab) else None
    if order is not None:  # a vocabulary that is not sorted (Terms.from_tokens): sort it, remap
        remap = np.empty(len(order), np.int32)
        remap[order] = np.arange(len(order), dtype=np.int32)
        terms = Terms(terms.ptr, remap[terms.ids], terms.tf, [terms.vocab[i] for i in order])
    vocab, ids = terms.vocab, np.asarray(terms.ids)
    tf = np.asarray(terms.tf).astype(np.float32)
    lengths = np.add.reduceat(np.asarray(terms.tf, np.int64), np.asarray(terms.ptr[:-1])) if len(ids) else np.zeros(n, np.int64)
    lengths[np.diff(terms.ptr) == 0] = 0
    avg = np.asarray(lengths, dtype=np.int64).mean() if n else np.float64(0.0)
    df = np.bincount(ids, minlength=len(vocab))
    idf = np.zeros(len(vocab), np.float32)
    for t, d in enumerate(df.tolist()):  # math.log, as bm25s: numpy's log may round otherwise
        if d:
            idf[t] = math.log(1 + (n - d + 0.5) / (d + 0.5))
    doc = np.repeat(np.arange(n, dtype=np.int64), np.diff(terms.ptr))
    tfc = tf / (K1 * ((1 - B) + B * lengths[doc] / avg) + tf)  # float64, as bm25s' scalar-by-array arithmetic
    scores = (idf[ids] * tfc).astype(np.float32)
    by_token = np.argsort(ids, kind="stable")  # chunk ids stay ascending within a token
    indptr = np.zeros(len(vocab) + 1, np.int64)
    np.cumsum(df, out=indptr[1:])
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.scores = {"data": scores[by_token], "indices": doc[by_token].astype(np.int32), "indptr": indptr, "num_docs": n}
    retriever.vocab_dict = {t: i for i, t in enumerate(vocab)}
    retriever.vocab_dict[""] = len(vocab)  # as bm25s adds it
    retriever.unique_token_ids_set = set(retriever.vocab_dict.values())
    retriever.nonoccurrence_array = None  # Lucene BM25 has none
    return retriever
