"""Example questions close to a question the card could not answer ("no clear rule").

The candidates are the situations of the reviewed rules (corpus/rules/*.toml: how people
describe what they did, in Indonesian and in English), in the question's language, plus a
short curated list (the home page's examples). They are ranked by the search's own lexical
scoring (BM25 over kb.lexical's stems, the glossary's equivalents at a lower weight); one
situation per rule, so three suggestions lead to three different rules. Asking one of them
is asking something the rule base knows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .glossary import expand
from .lexical import GENERIC, Bm25Index, norm, tokenize
from .rules import RuleBase, RuleError, read_rules

MIN_SHARED = 2
"""Key words of the question a suggestion shares, at least."""
EXPANSION_WEIGHT = 0.4
"""A glossary equivalent counts less than a word of the question (as in kb.search)."""


@dataclass(frozen=True)
class Suggestion:
    """An example question: its text, and the rule whose situation it is (None: curated)."""

    text: str
    rule: str | None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "rule": self.rule}


class _Pool:
    """One language's candidates and their BM25 index (built on first use)."""

    def __init__(self, texts: list[str], rules: list[str | None]):
        self.texts, self.rules = texts, rules
        self.index = Bm25Index.build(texts) if texts else None
        self.tokens = [frozenset(tokenize(t)) for t in texts]


class Suggester:
    """Ranks the candidates of a language against a question."""

    def __init__(self, candidates: dict[str, list[tuple[str, str | None]]]):
        self._candidates = candidates
        self._pools: dict[str, _Pool] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_rules(cls, rules: RuleBase | None, curated: dict[str, Iterable[str]]) -> Suggester:
        """Candidates from every rule's situations (each language apart) and the curated lists."""
        out: dict[str, list[tuple[str, str | None]]] = {}
        for lang in ("id", "en"):
            items: list[tuple[str, str | None]] = [(t, None) for t in curated.get(lang, ())]
            for r in rules or ():
                items.extend((s, r.id) for s in r.situations.get(lang))
            out[lang] = items
        return cls(out)

    @classmethod
    def open(cls, folder: Path, curated: dict[str, Iterable[str]]) -> Suggester:
        """From a rule folder; without one (or with a broken one) the curated lists alone."""
        try:
            base, _ = read_rules(folder)
        except RuleError:
            base = None
        return cls.from_rules(base, curated)

    def _pool(self, lang: str) -> _Pool:
        with self._lock:
            if lang not in self._pools:
                items = self._candidates.get(lang, [])
                self._pools[lang] = _Pool([t for t, _ in items], [r for _, r in items])
            return self._pools[lang]

    def suggest(self, query: str, lang: str, n: int = 3) -> list[Suggestion]:
        """Up to `n` candidates nearest to `query`, one per rule, best first. A candidate shares
        at least two of the question's key words (all of them if it has fewer): one common
        word ("hari") is not nearness. None near: the curated examples, in their order."""
        pool = self._pool(lang)
        if pool.index is None:
            return []
        base = [t for t in tokenize(query) if norm(t) not in GENERIC and t not in GENERIC]
        extra = [t for t in tokenize(" ".join(expand(query))) if t not in base and t not in GENERIC]
        scores = pool.index.scores(base + extra, {t: EXPANSION_WEIGHT for t in extra}) if base or extra else np.zeros(len(pool.texts))
        asked = " ".join(query.lower().split())
        out: list[Suggestion] = []
        seen_rules: set[str] = set()
        for i in np.argsort(-scores, kind="stable"):
            if scores[i] <= 0 or len(out) >= n:
                break
            text, rule = pool.texts[i], pool.rules[i]
            if len(pool.tokens[i] & set(base)) < min(MIN_SHARED, len(set(base))):
                continue
            if (rule is not None and rule in seen_rules) or " ".join(text.lower().split()) == asked:
                continue
            seen_rules.add(rule or f"#{i}")
            out.append(Suggestion(text, rule))
        if not out:
            out = [Suggestion(t, None) for t, r in zip(pool.texts, pool.rules) if r is None][:n]
        return out
