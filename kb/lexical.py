"""The lexical side: Indonesian tokens stemmed with Sastrawi, ranked by BM25 (bm25s); and a
question's key terms (its stems, with the words the law may use for them), which the
answer card matches against clauses and the pages mark in passages."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Protocol

import bm25s
import numpy as np

from .glossary import GLOSSARY
from .instruments import names_pattern

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
