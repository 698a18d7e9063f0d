"""The lexical side of search: Indonesian tokens stemmed with Sastrawi, ranked by BM25 (bm25s)."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Protocol

import bm25s
import numpy as np

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG on import

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


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    return _stemmer().stem(word) or word


def tokenize(text: str) -> list[str]:
    """Lower-case, split into words, drop stop words, stem. Numbers are kept ("5", "2021")."""
    text = text.lower().replace("/", " ").replace("-", " ")
    return [stem(w) for w in _WORD.findall(text) if w not in STOPWORDS]


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


class Bm25Index:
    """BM25 over chunk passages; `scores` gives every chunk's score for a query."""

    def __init__(self, retriever: bm25s.BM25):
        self.retriever = retriever
        self.vocab = retriever.vocab_dict

    @classmethod
    def build(cls, passages: list[str]) -> "Bm25Index":
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([passage_tokens(p) for p in passages], show_progress=False)
        return cls(retriever)

    def save(self, folder: str) -> None:
        self.retriever.save(folder)

    @classmethod
    def load(cls, folder: str) -> "Bm25Index":
        return cls(bm25s.BM25.load(folder, mmap=False))

    def scores(
        self, query_tokens: list[str], weights: dict[str, float] | None = None,
        allowed: np.ndarray | None = None, limit: int | None = None,
    ) -> np.ndarray:
        """BM25 score of every chunk (`allowed` and `limit` are not needed: all are scored).
        `weights` down-weights expansion terms (default 1)."""
        n = int(self.retriever.scores["num_docs"])
        total = np.zeros(n, dtype=np.float32)
        seen: set[str] = set()
        for tok in query_tokens:
            if tok in seen or tok not in self.vocab:
                continue
            seen.add(tok)
            w = (weights or {}).get(tok, 1.0)
            total += w * self.retriever.get_scores([tok]).astype(np.float32)
        return total
