"""`kb eval`: Recall@1/5/10, Hit@5 and MRR@10 on a question set with gold citations.

A result matches a gold citation when its file name matches and, for regulations, its
Pasal number matches. Results are compared at that level: several chunks of one Pasal
count once, in the rank of the first.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NetralError
from .search import Searcher, result_key

KS = (1, 5, 10)


@dataclass
class QuestionScore:
    id: str
    lang: str
    kind: str
    category: str | None
    recall: dict[int, float]
    hit5: float
    rr: float
    got: list[tuple[str, str | None]] = field(default_factory=list)
    gold: list[tuple[str, str | None]] = field(default_factory=list)


class QuestionFileError(NetralError, ValueError):
    """A question file that cannot be used; the message names the file and the line."""


def load_questions(path: Path, gold: bool = False) -> list[dict]:
    """One JSON object a line with a "question" (text); with `gold`, also "relevant", a list
    of {"source", "article"?}. A line that is not so is named: file, line and what is wrong."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise QuestionFileError(f"{path}: cannot read ({e.strerror or e})") from e
    out = []
    for n, raw in enumerate(data.splitlines(), 1):
        try:
            line = raw.decode("utf-8")
            if not line.strip():
                continue
            q = json.loads(line)
        except UnicodeDecodeError:
            raise QuestionFileError(f"{path}:{n}: not UTF-8 text") from None
        except json.JSONDecodeError as e:
            raise QuestionFileError(f"{path}:{n}: not JSON ({e.msg})") from None
        problem = _question_problem(q, gold)
        if problem:
            raise QuestionFileError(f"{path}:{n}: {problem}")
        out.append(q)
    return out


def _question_problem(q: object, gold: bool) -> str | None:
    if not isinstance(q, dict):
        return "not a JSON object"
    if not isinstance(q.get("question"), str) or not q["question"].strip():
        return 'no "question" text'
    if gold:
        rel = q.get("relevant")
        if not isinstance(rel, list) or not rel:
            return 'no "relevant" list of gold citations'
        if not all(isinstance(g, dict) and isinstance(g.get("source"), str) for g in rel):
            return 'each "relevant" entry needs a "source"'
        if "id" not in q:
            return 'no "id"'
    return None


def score_question(q: dict, keys: list[tuple[str, str | None]]) -> QuestionScore:
    gold = [(g["source"].rsplit("/", 1)[-1], g.get("article")) for g in q["relevant"]]
    ranked: list[tuple[str, str | None]] = []
    for key in keys:
        if key not in ranked:
            ranked.append(key)
    gold_set = set(gold)
    recall = {k: len(gold_set & set(ranked[:k])) / len(gold_set) for k in KS}
    first = next((i for i, key in enumerate(ranked[:10], 1) if key in gold_set), None)
    return QuestionScore(
        id=q["id"], lang=q.get("lang", "?"), kind=q.get("kind", "?"), category=q.get("category"), recall=recall,
        hit5=1.0 if any(key in gold_set for key in ranked[:5]) else 0.0,
        rr=1.0 / first if first else 0.0, got=ranked[:10], gold=gold,
    )


def evaluate(searcher: Searcher, questions: list[dict], k: int = 10) -> list[QuestionScore]:
    results = searcher.search_many([q["question"] for q in questions], k=k)
    return [score_question(q, [result_key(r) for r in res]) for q, res in zip(questions, results)]


def summarise(scores: list[QuestionScore]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[QuestionScore]] = defaultdict(list)
    for s in scores:
        groups["all"].append(s)
        groups[f"lang={s.lang}"].append(s)
        groups[f"kind={s.kind}"].append(s)
        if s.category:  # an optional label of the question set ("definition", "slang", ...)
            groups[f"cat={s.category}"].append(s)
    out = {}
    for name, ss in groups.items():
        n = len(ss)
        row = {f"R@{k}": sum(s.recall[k] for s in ss) / n for k in KS}
        row["Hit@5"] = sum(s.hit5 for s in ss) / n
        row["MRR@10"] = sum(s.rr for s in ss) / n
        row["n"] = n
        out[name] = row
    return out
