"""The BM25 index of a generation, computed with numpy from each token's postings.

bm25s scores a corpus one document at a time in Python, from the tokens; at 139k chunks
that is seconds, at a million a minute, and every build paid it again. Here the index is
computed from `Postings`: for each token, the chunks holding it and how often (bm25s'
`indices` array, plus the counts and each chunk's length, kept beside bm25s' files). An
incremental build carries the unchanged chunks' postings (renumbered, still in order),
merges in the tokens of the changed ones, and recomputes every score in a few passes over
the arrays (a changed corpus changes every idf and the average length). The result is
bm25s' own index, bit for bit: same Lucene BM25, same float32 arithmetic, same file format
(`kb.lexical.Bm25Index` reads it); its vocabulary is sorted and holds only tokens that occur.
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
FILES = ("terms.tf.npy", "terms.doclen.npy")
_SHIFT = np.int64(32)


@dataclass
class Postings:
    """For each token of `vocab` (sorted), the chunks holding it, ascending (`doc`, between
    `indptr[t]` and `indptr[t + 1]`), and its count there (`tf`); each chunk's length."""

    indptr: np.ndarray  # int64 (V + 1,)
    doc: np.ndarray  # int32 (P,)
    tf: np.ndarray  # uint16 (P,)
    doclen: np.ndarray  # int64 (n,): tokens in the chunk, repeats counted
    vocab: list[str]

    @property
    def n(self) -> int:
        return len(self.doclen)

    def tokens(self) -> np.ndarray:
        """The token id of each posting."""
        return np.repeat(np.arange(len(self.vocab), dtype=np.int64), np.diff(self.indptr))

    @classmethod
    def from_tokens(cls, docs: Iterable[list[str]], ids: np.ndarray | None = None, n: int | None = None) -> "Postings":
        """The postings of these chunks: chunk i of `docs` is chunk ids[i] (default i) of a
        generation of `n` chunks (default as many as there are)."""
        table: dict[str, int] = {}
        rows, tf, lengths = [], [], []
        for tokens in docs:
            counts = Counter(tokens)
            rows.append([table.setdefault(t, len(table)) for t in counts])
            tf += counts.values()
            lengths.append(len(tokens))
        ids = np.arange(len(rows), dtype=np.int64) if ids is None else np.asarray(ids, np.int64)
        words = sorted(table)
        rank = np.empty(len(words), np.int64)
        rank[[table[w] for w in words]] = np.arange(len(words))
        tok = rank[np.fromiter((i for row in rows for i in row), np.int64, len(tf))] if tf else np.zeros(0, np.int64)
        doc = np.repeat(ids, [len(r) for r in rows])
        doclen = np.zeros(len(rows) if n is None else n, np.int64)
        doclen[ids] = lengths
        return cls._sorted(tok, doc, np.array(tf, np.int64), doclen, words)

    @classmethod
    def _sorted(cls, tok: np.ndarray, doc: np.ndarray, tf: np.ndarray, doclen: np.ndarray, vocab: list[str]) -> "Postings":
        keys = (tok << _SHIFT) | doc
        if len(keys) > 1 and not np.all(keys[1:] > keys[:-1]):
            order = np.argsort(keys, kind="stable")
            tok, doc, tf = tok[order], doc[order], tf[order]
        indptr = np.zeros(len(vocab) + 1, np.int64)
        np.cumsum(np.bincount(tok, minlength=len(vocab)), out=indptr[1:])
        if len(tf) and tf.max() > np.iinfo(np.uint16).max:
            raise ValueError("a token occurs more than 65,535 times in one chunk")
        return cls(indptr, doc.astype(np.int32), tf.astype(np.uint16), doclen, vocab)

    def renumbered(self, new_id: np.ndarray, n: int) -> "Postings":
        """These postings for a generation of `n` chunks where chunk i becomes `new_id[i]`
        (-1: gone); tokens left without postings are dropped. A few passes over the arrays;
        sorted again only if the kept chunks change order."""
        doc = np.asarray(self.doc)
        mapped = np.asarray(new_id, np.int32)[doc]
        keep = mapped >= 0
        before = np.concatenate(([0], np.cumsum(keep, dtype=np.int64)))[np.asarray(self.indptr)]  # kept postings before each token
        used = np.diff(before) > 0
        indptr = np.concatenate(([0], before[1:][used]))
        doclen = np.zeros(n, np.int64)
        doclen[new_id[new_id >= 0]] = np.asarray(self.doclen)[new_id >= 0]
        out = Postings(indptr, mapped[keep], np.asarray(self.tf)[keep], doclen,
                       [w for w, u in zip(self.vocab, used.tolist()) if u])
        kept = new_id[new_id >= 0]
        if len(kept) > 1 and not np.all(kept[1:] > kept[:-1]):  # the chunks changed order: sort each token's postings
            return Postings._sorted(out.tokens(), np.asarray(out.doc, np.int64), np.asarray(out.tf, np.int64), doclen, out.vocab)
        return out

    @classmethod
    def merged(cls, a: "Postings", b: "Postings") -> "Postings":
        """Both sets of postings (chunks numbered apart; each chunk's length in one of them):
        b's postings inserted into a's (b small: an incremental build's new chunks)."""
        if len(a.doclen) != len(b.doclen):
            raise ValueError("postings of generations of different sizes")
        vocab = sorted(set(a.vocab) | set(b.vocab))
        a_words = np.asarray(a.vocab, dtype=object)
        a_index = {w: i for i, w in enumerate(a.vocab)}
        at = np.empty(len(b.doc), np.int64)  # where each of b's postings goes in a's arrays
        a_doc, b_doc = np.asarray(a.doc), np.asarray(b.doc)
        for t, w in enumerate(b.vocab):
            lo, hi = int(b.indptr[t]), int(b.indptr[t + 1])
            i = a_index.get(w)
            if i is None:  # a token a does not have: before the postings of a's next token
                at[lo:hi] = a.indptr[int(np.searchsorted(a_words, w))]
            else:
                start, stop = int(a.indptr[i]), int(a.indptr[i + 1])
                at[lo:hi] = start + np.searchsorted(a_doc[start:stop], b_doc[lo:hi])
        counts = np.zeros(len(vocab), np.int64)
        index = {w: i for i, w in enumerate(vocab)}
        counts[[index[w] for w in a.vocab]] += np.diff(a.indptr)
        counts[[index[w] for w in b.vocab]] += np.diff(b.indptr)
        indptr = np.concatenate(([0], np.cumsum(counts)))
        return cls(indptr, np.insert(a_doc, at, b_doc).astype(np.int32), np.insert(np.asarray(a.tf), at, np.asarray(b.tf)),
                   np.asarray(a.doclen) + np.asarray(b.doclen), vocab)

    def save(self, folder: Path) -> None:
        """The counts and lengths (the rest is bm25s' own files)."""
        np.save(folder / FILES[0], np.ascontiguousarray(self.tf))
        np.save(folder / FILES[1], np.ascontiguousarray(self.doclen))

    @classmethod
    def load(cls, folder: Path, retriever: bm25s.BM25) -> "Postings":
        """The postings of a saved index (memory-mapped) with their counts."""
        tf, doclen = (np.load(folder / name, mmap_mode="r") for name in FILES)
        s = retriever.scores
        words = [""] * (len(s["indptr"]) - 1)
        for w, i in retriever.vocab_dict.items():
            if i < len(words):
                words[i] = w
        if len(tf) != len(s["indices"]) or len(doclen) != int(s["num_docs"]):
            raise ValueError("its term counts do not match its postings")
        return cls(np.asarray(s["indptr"]), s["indices"], tf, doclen, words)


def build(p: Postings) -> bm25s.BM25:
    """bm25s' Lucene BM25 index of these postings, computed as bm25s computes it."""
    n = p.n
    avg = np.asarray(p.doclen, dtype=np.int64).mean() if n else np.float64(0.0)
    df = np.diff(p.indptr)
    idf = np.zeros(len(p.vocab), np.float32)
    for t, d in enumerate(df.tolist()):  # math.log, as bm25s: numpy's log may round otherwise
        if d:
            idf[t] = math.log(1 + (n - d + 0.5) / (d + 0.5))
    doc = np.asarray(p.doc)
    tf = np.asarray(p.tf).astype(np.float32)
    norm = K1 * ((1 - B) + B * np.asarray(p.doclen) / avg)  # per chunk, float64: bm25s' per-document scalar
    tfc = tf / (norm[doc] + tf)  # float64, as bm25s' scalar-by-array arithmetic
    scores = (np.repeat(idf, df) * tfc).astype(np.float32)
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.scores = {"data": scores, "indices": doc.astype(np.int32), "indptr": np.asarray(p.indptr, np.int64), "num_docs": n}
    retriever.vocab_dict = {t: i for i, t in enumerate(p.vocab)}
    retriever.vocab_dict[""] = len(p.vocab)  # as bm25s adds it
    retriever.unique_token_ids_set = set(retriever.vocab_dict.values())
    retriever.nonoccurrence_array = None  # Lucene BM25 has none
    return retriever
