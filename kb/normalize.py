"""Query normalisation: chat-style Indonesian and typos, before search reads the question.

Two steps, word by word, each only for a word the index does not know:

1. Informal Indonesian -> the standard word, from a maintained colloquial lexicon
   (`indoNLP`'s Kamus Alay-based slang table, MIT; see `lexicon()`): "udh" -> "sudah",
   "ngedukung" -> "mendukung", "gmn" -> "bagaimana".
2. Colloquial verb forms -> their root, where the index knows it ("ngelaporin" -> "lapor",
   "meriksa" -> "periksa"): chat Indonesian drops "me-" and ends verbs in "-in".
3. Typos -> the nearest word of the index vocabulary or of the glossary (English), by edit
   distance (rapidfuzz): one edit for words of 4-7 letters, two from 8, the first letter
   kept, and only when one word is nearest ("dsiplin" -> "disiplin", "goverment" ->
   "government"); a dictionary English word is not a typo.

Never at the cost of exact citations: numbers, anything with a digit, the word after
"pasal/ayat/huruf/angka/nomor", instrument codes (UU, PP, SE, ...), acronyms written in
capitals and single letters are left as they are. A word the index knows is never
changed, so a lexicon entry cannot rewrite a legal term.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .glossary import GLOSSARY
from .lexical import STOPWORDS, stem

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_CITE_LEAD = {"pasal", "ayat", "huruf", "angka", "nomor", "no", "nr", "butir", "bab", "bagian", "tahun"}
_CODES = {"uu", "pp", "perppu", "perpu", "perpres", "permen", "pkpu", "perbawaslu", "se", "skb", "pn", "pid", "sus", "jo", "kuhp"}


@dataclass(frozen=True)
class Normalized:
    text: str  # the question with informal words and typos replaced
    changes: tuple[tuple[str, str], ...]  # (as written, as read)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """The colloquial lexicon: informal word -> standard form (lower case, words only).
    {} when the package is not installed (then only typos are corrected)."""
    try:
        table = _slang_table()
    except ImportError:  # pragma: no cover - a declared dependency; degrade rather than fail
        return {}
    return {k: v for k, v in table.items() if re.fullmatch(r"[a-z]{2,}", k) and re.fullmatch(r"[a-z][a-z -]*", v)}


def _slang_table() -> dict[str, str]:
    """indoNLP's slang table (`indoNLP.preprocessing.slang_data.SLANG_DATA`), read from that
    module's file without running the package's `__init__`, which imports its dataset
    downloader (urllib, http.client: ~0.1 s of a server's start). Falls back to the import."""
    spec = importlib.util.find_spec("indoNLP")  # finds the package without importing it
    path = Path(spec.submodule_search_locations[0]) / "preprocessing" / "slang_data.py" if spec and spec.submodule_search_locations else None
    if path is not None and path.is_file():
        module_spec = importlib.util.spec_from_file_location("_netral_slang_data", path)
        if module_spec is not None and module_spec.loader is not None:
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)  # its compiled form is cached beside it as for an import
            table = getattr(module, "SLANG_DATA", None)
            if isinstance(table, dict):
                return table
    from indoNLP.preprocessing.slang_data import SLANG_DATA

    return SLANG_DATA


def stem_lexicon() -> int:
    """Stem the lexicon's standard words (into kb.lexical's memo); how many there are.
    `QueryNormalizer` stems each of them when it is made, so a build does this before it
    saves the index's stem cache (kb.lexical.save_stems), and a searcher that loads that
    cache (kb.lexical.load_stems) does not run the stemmer ~1,500 times as it starts."""
    words = {w for v in lexicon().values() for w in v.split()}
    for w in words:
        stem(w)
    return len(words)


@lru_cache(maxsize=1)
def english() -> frozenset[str]:
    """Dictionary English words (GCIDE via `english-words`, MIT): an English word is not a typo
    of an Indonesian one ("being" is not "bening")."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - a declared dependency; degrade rather than fail
        return frozenset()
    return frozenset(get_english_words_set(["gcide"], lower=True))


def _is_english(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2 and word[: len(word) - len(suffix)] + repl in words:
            return True
    return False


def _roots(word: str) -> list[str]:
    """Roots a colloquially prefixed word may stand for, most likely first."""
    v = "aeiou"
    out = []
    if word.startswith("nge") and len(word) > 5:
        out.append(word[3:])
    if word.startswith("ng") and len(word) > 3 and word[2] in v:
        out += ["k" + word[2:], word[2:]]
    if word.startswith("ny") and len(word) > 3 and word[2] in v:
        out += ["s" + word[2:], "c" + word[2:]]
    if word.startswith("m") and len(word) > 3 and word[1] in v and not word.startswith("me" + "m"):
        out += ["p" + word[1:]]
    if word.startswith("n") and len(word) > 3 and word[1] in v:
        out += ["t" + word[1:]]
    out.append(word)
    return out


class QueryNormalizer:
    def __init__(self, vocabulary: Iterable[str], slang: dict[str, str] | None = None):
        """`vocabulary`: the index's lexical tokens (Sastrawi stems)."""
        self.slang = lexicon() if slang is None else slang
        stems = {w for w in vocabulary if w.isalpha()}
        glossary = {w for phrase, terms in GLOSSARY.items() for w in (phrase + " " + terms).split() if w.isalpha()}
        self.stems = stems
        self.known = stems | glossary | set(STOPWORDS)
        # typo targets: words of the index (stems, and the lexicon's standard forms of them) and
        # of the glossary, by first letter and length
        standard = {w for v in self.slang.values() for w in v.split() if stem(w) in stems}  # kb.lexical's memo: see stem_lexicon()
        self._choices: dict[tuple[str, int], list[str]] = {}
        for w in sorted(self.known | standard):
            if len(w) >= 4 and w not in STOPWORDS:
                self._choices.setdefault((w[0], len(w)), []).append(w)

    def normalize(self, query: str) -> Normalized:
        out: list[str] = []
        changes: list[tuple[str, str]] = []
        pos, prev = 0, ""
        words = [w.lower() for w in _WORD.findall(query)]
        unknown = [w for w in words if w not in self.known and stem(w) not in self.known]
        en = [w for w in unknown if _is_english(w, english())]
        in_english = len(en) >= max(1, 0.5 * len(unknown))  # most words the index lacks are English ones
        for m in _WORD.finditer(query):
            word = m.group(0)
            new = self._word(word, prev, in_english)
            out.append(query[pos : m.start()] + (new if new is not None else word))
            if new is not None:
                changes.append((word, new))
            pos, prev = m.end(), word.lower()
        out.append(query[pos:])
        return Normalized("".join(out), tuple(changes))

    def _word(self, word: str, prev: str, in_english: bool) -> str | None:
        low = word.lower()
        if len(word) < 2 or prev in _CITE_LEAD or low in _CODES or (word.isupper() and len(word) <= 6):
            return None  # part of a citation, or an acronym
        if low in self.known or stem(low) in self.known:
            return None
        if low in self.slang and not in_english:
            return self.slang[low]
        if _is_english(low, english()):
            return None
        return self._informal_root(low) or self._nearest(low)

    def _informal_root(self, low: str) -> str | None:
        """Colloquial verb forms: the root, when the index knows it. Chat Indonesian nasalises
        without "me-" and ends in "-in": "ngelaporin" -> "lapor", "meriksa" -> "periksa",
        "nyoblos" -> "coblos", "ngasih" -> "kasih", "nulis" -> "tulis"."""
        bases = [low]
        if low.endswith("in") and len(low) > 5:
            bases.append(low[:-2])
        for base in bases:
            for cand in _roots(base):
                if len(cand) >= 3 and cand != low and (cand in self.stems or stem(cand) in self.stems):
                    return cand
        return None

    def _nearest(self, low: str) -> str | None:
        if len(low) < 4 or not low.isalpha():
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        limit = 1 if len(low) < 8 else 2
        choices = [w for n in range(len(low) - limit, len(low) + limit + 1) for w in self._choices.get((low[0], n), [])]
        found = [(w, d) for w, d, _ in process.extract(low, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=5)]
        if not found:
            return None
        best = min(d for _, d in found)
        words = [w for w, d in found if d == best]
        return words[0] if len(words) == 1 else None  # ambiguous: leave it
