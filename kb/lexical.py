"""The lexical side: Indonesian tokens stemmed with Sastrawi, ranked by BM25 (bm25s); and a
question's key terms (its stems, with the words the law may use for them), which the
answer card matches against clauses and the pages mark in passages."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import bm25s
import numpy as np

from .files import write_cache
from .glossary import GLOSSARY
from .instruments import names_pattern

try:  # scipy's sparse matrix-vector kernel (its signature unchanged for many releases): `add_at`
    from scipy.sparse._sparsetools import csc_matvec as _MATVEC
except ImportError:  # pragma: no cover - a scipy without it: numpy's addition
    _MATVEC = None

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG on import
_ONE = np.ones(1, np.float32)

_WORD = re.compile(r"[a-z0-9]+")
# Function words that carry no legal meaning (Indonesian and English).
STOPWORDS = frozenset(
    """
    yang dan di ke dari ini itu dengan untuk pada dalam atau adalah oleh sebagai juga tidak akan
    bagi para serta tersebut dapat harus telah sudah masih bisa boleh nggak gak ga apa apakah
    bagaimana gimana kah tuh nya aja saja kalau kalo jika bila maka karena yg dgn utk sbg dll
    the a an of to in on for and or is are be by with as at from that this it what which who
    can does do did was were has have had not no any
    """.split()
)


@lru_cache(maxsize=1)
def _stemmer():  # Sastrawi builds a dictionary on creation: once per process
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


_STEMS: dict[str, str] = {}
STEMS_FILE = "stems.json"
"""An index's stem cache, `<index>/cache/stems.json`: a build writes it, a searcher reads it."""
MAX_STEMS = 500_000
"""Stems kept in memory (and in an index's `cache/stems.json`: a build stems only new words)."""


# Words Sastrawi's dictionary stems wrongly: "ajakan" (an invitation) to the chat word "aja"
# (saja), "relawan" (volunteer) to "rawan" (prone). Checked before the cache, so a stems
# file written before a fix does not bring the wrong stem back.
STEM_FIXES: dict[str, str] = {
    "ajakan": "ajak", "ajakannya": "ajak", "relawan": "relawan", "relawannya": "relawan",
    "postingan": "posting", "postingannya": "posting",
}


def stem(word: str) -> str:
    got = STEM_FIXES.get(word) or _STEMS.get(word)
    if got is None:
        got = word if len(word) <= 3 or word.isdigit() else (_stemmer().stem(word) or word)
        if len(_STEMS) < MAX_STEMS:
            _STEMS[word] = got
    return got


def load_stems(path: Path) -> int:
    """Known stems from a file (a missing or unreadable one is only a cache: ignored); how many."""
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return len(_STEMS)
    if isinstance(known, dict):
        for w, st in list(known.items())[: max(0, MAX_STEMS - len(_STEMS))]:
            if isinstance(w, str) and isinstance(st, str):
                _STEMS.setdefault(w, st)
    return len(_STEMS)


def stem_count() -> int:
    return len(_STEMS)


def save_stems(path: Path) -> None:
    """The stems known now, for the next build (a failure is only a cache lost)."""
    write_cache(path, json.dumps(_STEMS, ensure_ascii=False))


def tokenize(text: str, keep_stopwords: bool = False) -> list[str]:
    """Lower-case, split into words, drop stop words, stem. Numbers are kept ("5", "2021").
    `keep_stopwords`: stop words stay, as they are (a phrase such as "tidak mau" or "which
    rules" keeps its shape)."""
    text = text.lower().replace("/", " ").replace("-", " ")
    return [w if w in STOPWORDS else stem(w) for w in _WORD.findall(text) if keep_stopwords or w not in STOPWORDS]


def passage_tokens(passage: str) -> list[str]:
    """What the lexical index holds for a chunk (a placeholder for a passage without words)."""
    return tokenize(passage) or ["_"]


class LexicalIndex(Protocol):
    """What the searcher asks the lexical side: bm25s files (`Bm25Index`), or full-text
    search in Milvus (`kb.milvus_store.MilvusBm25`)."""

    def scores(
        self, query_tokens: list[str], weights: dict[str, float] | None = None,
        allowed: np.ndarray | None = None, limit: int | None = None,
    ) -> np.ndarray:
        """BM25 score per chunk (ntotal,). Each distinct token counts once, times its weight
        (default 1). At least the best `limit` chunks among the `allowed` ones are scored;
        the rest may be 0 (the caller still applies its mask)."""
        ...


def best_k(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The `k` best of `ids` (ascending) by score, best first; ties by id, also at the edge
    of the k (so the pool never depends on how a partition happened to fall)."""
    if len(ids) > k:
        kth = np.partition(scores, len(ids) - k)[len(ids) - k]
        above, at = scores > kth, np.flatnonzero(scores == kth)
        keep = np.flatnonzero(above)
        keep = np.sort(np.concatenate((keep, at[: k - len(keep)])))
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))
    return ids[order], scores[order]


class Bm25Index:
    """BM25 over chunk passages (bm25s' index: one column of precomputed scores per token).

    `top` finds the best chunks for a query from the query tokens' postings only. When the
    postings are few against the index (rare words), max-score pruning: rarest first, until
    no chunk outside those read can reach the k-th best score, then the remaining tokens are
    looked up for the surviving chunks alone. When they are many (common words: every chunk
    may be a candidate, and pruning cannot stop early), every posting is added at once, in
    one C loop per token, and the k best taken from the sums. The scores it returns are
    exactly `scores()`'s (same float32 sums, in the query's order), and so are the chunks
    (ties by id): only the work differs."""

    SLACK = 1e-4  # relative margin of the pruning bounds (float32 sums vs float64 bounds)
    DENSE_SHARE = 0.08  # postings / chunks above which every posting is added (`_all`): measured at 1M,
    # pruning is the faster below ~5-10% (rare words), adding everything above (it stops too late)

    def __init__(self, retriever: bm25s.BM25):
        self.retriever = retriever
        self.vocab = retriever.vocab_dict
        s = retriever.scores
        # plain arrays over what may be memory-mapped (np.asarray drops the np.memmap class, not the map):
        # a slice of an np.memmap is another memmap, made in Python
        self._data, self._indices, self._indptr = (np.asarray(s[k]) for k in ("data", "indices", "indptr"))
        self.n = int(s["num_docs"])
        self._max: dict[int, float] = {}
        self._free: list[np.ndarray] = []  # zeroed accumulators, one per concurrent query
        self._lock = threading.Lock()

    @classmethod
    def build(cls, passages: list[str]) -> "Bm25Index":
        """bm25s' Lucene BM25 over these passages (computed by kb.bm25, as bm25s computes it)."""
        from . import bm25

        return cls(bm25.build(bm25.Postings.from_tokens(passage_tokens(p) for p in passages)))

    def save(self, folder: str) -> None:
        self.retriever.save(folder, show_progress=False)

    @classmethod
    def load(cls, folder: str, mmap: bool = False) -> "Bm25Index":
        return cls(bm25s.BM25.load(folder, mmap=mmap))

    def scores(
        self, query_tokens: list[str], weights: dict[str, float] | None = None,
        allowed: np.ndarray | None = None, limit: int | None = None,
    ) -> np.ndarray:
        """BM25 score of every chunk (`allowed` and `limit` are not needed: all are scored).
        `weights` down-weights expansion terms (default 1)."""
        total = np.zeros(self.n, dtype=np.float32)
        for t in self._terms(query_tokens, weights):
            total[t.ids] += t.contrib()
        return total

    def _terms(self, tokens: list[str], weights: dict[str, float] | None) -> list[_Term]:
        """The postings of each distinct known token, in the query's order."""
        out, seen = [], set()
        for tok in tokens:
            if tok in seen or tok not in self.vocab:
                continue
            seen.add(tok)
            t = int(self.vocab[tok])
            lo, hi = int(self._indptr[t]), int(self._indptr[t + 1])
            if hi <= lo:
                continue
            if t not in self._max:
                self._max[t] = float(np.max(self._data[lo:hi]))
            w = (weights or {}).get(tok, 1.0)
            out.append(_Term(self._indices[lo:hi], self._data[lo:hi], np.float32(w), w * self._max[t]))
        return out

    def top(self, query_tokens: list[str], weights: dict[str, float] | None = None, k: int = 200,
            keep: Callable[[np.ndarray], np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The `k` best chunks with a score above 0 (and, with `keep`, only chunks for which
        keep(ids) is True), best first, ties by id: (ids, float32 scores)."""
        terms = self._terms(query_tokens, weights)
        if keep is not None:
            terms = [t.only(keep(t.ids)) for t in terms]
            terms = [t for t in terms if len(t.ids)]
        if not terms or k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        if sum(len(t.ids) for t in terms) > self.DENSE_SHARE * self.n:
            return self._all(terms, k)
        acc = self._take()
        touched: list[np.ndarray] = []
        try:
            survivors = self._candidates(terms, k, acc, touched)
            exact = np.zeros(len(survivors), np.float32)
            for t in terms:  # the exact sums, in the query's order
                pos, hit = lookup(t.ids, survivors)
                exact[hit] += t.contrib(pos[hit])
            return best_k(survivors.astype(np.int64), exact, k)
        finally:
            for ids in touched:
                acc[ids] = 0.0
            self._give(acc)

    def _candidates(self, terms: list[_Term], k: int, acc: np.ndarray, touched: list[np.ndarray]) -> np.ndarray:
        """The chunks that may be among the k best: max-score pruning."""
        order = sorted(range(len(terms)), key=lambda j: (-terms[j].ub, len(terms[j].ids)))
        rest, done = sum(t.ub for t in terms), 0.0
        n_cand, pos = 0, len(order)
        for i, j in enumerate(order):
            # the k-th best so far can only pass what is left to read when the read could
            if n_cand >= k and done > rest and _kth(acc, touched, k) > rest + self.SLACK * (1.0 + rest):
                pos = i
                break  # no chunk outside those read can reach the k-th best any more
            t = terms[j]
            new = t.ids[acc[t.ids] == 0.0]  # every contribution is > 0
            touched.append(new)
            n_cand += len(new)
            acc[t.ids] += t.contrib()
            rest -= t.ub
            done += t.ub
        cand = np.concatenate(touched) if len(touched) > 1 else touched[0]
        for j in [*order[pos:], None]:  # the rest of the tokens only for chunks that can still make it
            theta = _kth(acc, [cand], k)
            cand = cand[acc[cand] + rest >= theta - self.SLACK * (1.0 + abs(theta))]
            if j is None:
                break
            t = terms[j]
            p, hit = lookup(t.ids, cand)
            acc[cand[hit]] += t.contrib(p[hit])
            rest -= t.ub
        return np.sort(cand)

    def _all(self, terms: list[_Term], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best by the sums of every posting: `scores()` (same float32 additions, in the
        query's order) without numpy's slower fancy-index addition, then `best_k`."""
        total = self._take(np.float32)
        try:
            for t in terms:
                add_at(total, t.ids, t.contrib())
            floor = _below_kth(total, k)
            ids = np.flatnonzero(total >= floor) if floor > 0.0 else np.flatnonzero(total)
            return best_k(ids, total[ids], k)
        finally:
            total.fill(0.0)
            self._give(total)

    def _take(self, dtype: type = np.float64) -> np.ndarray:
        with self._lock:
            for i, a in enumerate(self._free):
                if a.dtype == dtype:
                    return self._free.pop(i)
        return np.zeros(self.n, dtype=dtype)

    def _give(self, acc: np.ndarray) -> None:
        with self._lock:
            self._free.append(acc)


@dataclass
class _Term:
    """One query token's postings: chunk ids (ascending), bm25s scores, the query weight."""

    ids: np.ndarray
    data: np.ndarray
    w: np.float32
    ub: float  # the largest contribution

    def contrib(self, pos: np.ndarray | None = None) -> np.ndarray:
        """float32 contributions (all, or at `pos`), computed as scores() sums them."""
        d = self.data if pos is None else self.data[pos]
        return d if self.w == 1.0 else self.w * d

    def only(self, mask: np.ndarray) -> "_Term":
        return _Term(self.ids[mask], self.data[mask], self.w, self.ub)


def add_at(acc: np.ndarray, ids: np.ndarray, vals: np.ndarray) -> None:
    """acc[ids] += vals for distinct ids (one token's postings), float32 as numpy adds:
    through scipy's sparse matrix-vector product (a one-column matrix times 1.0, added into
    acc in one C loop; a product by 1.0 is exact, fused or not), ~6x faster than numpy's
    fancy-index addition on long postings. Numpy's addition when scipy's kernel is absent."""
    if _MATVEC is None or len(ids) < 256 or acc.dtype != np.float32 or acc.dtype != vals.dtype \
            or ids.dtype not in (np.int32, np.int64) or not (acc.flags.c_contiguous and vals.flags.c_contiguous and ids.flags.c_contiguous):
        acc[ids] += vals
        return
    _MATVEC(len(acc), 1, np.array([0, len(ids)], ids.dtype), ids, vals, _ONE, acc)


def _below_kth(total: np.ndarray, k: int, step: int = 16) -> float:
    """A score no higher than the k-th largest of `total` (-inf if fewer than k): the k-th
    largest of every `step`-th entry (a subset's k-th is never above the whole's); ~k*step
    entries reach it, instead of a partition of the whole array."""
    sample = total[::step] if len(total) >= 64 * k else total
    if len(sample) < k:
        return -np.inf
    return float(np.partition(sample, len(sample) - k)[len(sample) - k])


def _kth(acc: np.ndarray, parts: list[np.ndarray], k: int) -> float:
    """The k-th largest accumulated score over the chunks in `parts` (-inf if fewer)."""
    vals = acc[np.concatenate(parts)] if len(parts) > 1 else acc[parts[0]]
    if len(vals) < k:
        return -np.inf
    return float(np.partition(vals, len(vals) - k)[len(vals) - k])


def lookup(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `wanted` in the sorted `ids`, and which of them are there."""
    pos = np.searchsorted(ids, wanted)
    pos = np.minimum(pos, max(len(ids) - 1, 0))
    hit = ids[pos] == wanted if len(ids) else np.zeros(len(wanted), bool)
    return pos, hit


# ---------------------------------------------------------------------------- question terms

# Words that say nothing about the act asked about: the actor, the modality asked for, and
# English function words the lexical stop list keeps.
_GENERIC_WORDS = """
pns asn pegawai negeri sipil aparatur cpns pppk civil servant servants employee employees official
boleh bolehkah wajib harus larang dilarang larangan dapat allowed allow may must can could should
would will shall prohibited prohibit forbidden permitted permit required require legal illegal ok okay
i me my mine we us our you your they them their he him his she her its s t am im
saya aku kami kita gue gua anda kamu dia mereka
""".split()

_EN_SUFFIXES = (("ies", "y", 4), ("ing", "", 3), ("ed", "", 4), ("es", "", 4), ("s", "", 4))


def norm(tok: str) -> str:
    """A light English suffix strip on top of the Sastrawi stems, so that "attending" meets
    "attend" (applied to both sides, so Indonesian words are affected the same way)."""
    if len(tok) > 3 and tok.isascii() and tok.isalpha():
        for suf, rep, keep in _EN_SUFFIXES:
            if tok.endswith(suf) and len(tok) - len(suf) >= keep:
                tok = tok[: -len(suf)] + rep
                break
        if tok.endswith("e") and len(tok) > 3:
            tok = tok[:-1]  # "share" / "sharing", "like" / "liking"
    return tok


@lru_cache(maxsize=50_000)
def terms(text: str) -> frozenset[str]:
    """The normalised stems of a text (stop words dropped)."""
    return frozenset(norm(t) for t in tokenize(text))


def term_list(text: str) -> list[str]:
    out: list[str] = []
    for t in tokenize(text):
        n = norm(t)
        if n not in out:
            out.append(n)
    return out


GENERIC = frozenset(norm(t) for w in _GENERIC_WORDS for t in tokenize(w)) | frozenset(_GENERIC_WORDS)
_GLOSS_RX = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in sorted(GLOSSARY, key=len, reverse=True)) + r")(?![\w])")


_CITED = re.compile(
    r"\b(?:penjelasan\s+)?pasal\s+\d{1,3}[a-z]?\b(?:\s+(?:ayat|huruf|angka)\s+\(?[0-9a-z]{1,3}\)?)*"
    rf"|\b(?:{names_pattern()})\.?\s*"
    r"(?:no\.?|nomor)?\s*\d{1,4}(?:\s*(?:/|tahun|th\.?|-)?\s*(?:19|20)\d{2})?\b"
    r"|\b(?:isi|bunyi|teks|text|content|says?|what\s+does)\b",
    re.I,
)


def query_concepts(query: str) -> list[frozenset[str]]:
    """The question's key terms, each with the words the law may use for it (our glossary):
    "mobil dinas" -> {mobil, kendara, dinas, fasilitas, negara}. The actor (PNS, ASN), the
    modality asked about (boleh, wajib) and a citation written in the question ("pasal 5
    huruf n PP 94 2021", matched on its own) are not key terms."""
    low = _CITED.sub(" ", query.lower())
    cover: dict[str, set[str]] = {}
    for m in _GLOSS_RX.finditer(low):
        exp = {t for t in terms(GLOSSARY[m.group(1)]) if t not in GENERIC}
        for w in terms(m.group(1)):
            cover.setdefault(w, set()).update(exp)
    out = []
    for t in term_list(low):
        if t in GENERIC or t.isdigit():
            continue
        out.append(frozenset({t} | cover.get(t, set())))
    return out


def highlight_terms(query: str) -> frozenset[str]:
    """Every stem worth marking in a passage: key terms and their glossary equivalents."""
    return frozenset().union(*query_concepts(query)) if query_concepts(query) else frozenset()
