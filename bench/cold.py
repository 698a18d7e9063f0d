#!/usr/bin/env python
"""Cold starts of `kb serve` for two or more code trees, interleaved on one index (issue 15):
an A/B comparison on a shared machine, where only starts taken in turn are comparable.

    python bench/cold.py --index /tmp/me-idx --trees base=/tmp/base,new=. --rounds 6 --out /tmp/cold.json

Each tree is a folder holding a `kb` package (e.g. `git archive <commit> | tar -x -C /tmp/base`),
put first on PYTHONPATH of the server it starts. Per start (bench/scale.py's `cold_start`): seconds from
spawn until `/healthz` answers at all, until the first `/api/answer` is a 200, `/healthz` 200,
and the server's CPU seconds at its first answer; the 1-minute load before each start. Compile
each tree first (`python -m compileall -q <tree>/kb`): with PYTHONDONTWRITEBYTECODE set, as here,
a tree without `__pycache__` compiles ~50 modules from source at every start.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "bench")):
    if p not in sys.path:
        sys.path.insert(0, p)

from bench import load_questions  # noqa: E402
from scale import SHARED, cold_start, load1  # noqa: E402

FIGURES = ("healthz_first_answer_s", "first_answer_s", "healthz_ok_s", "cpu_s_at_first_answer")


def summary(starts: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"starts": len(starts)}
    for key in FIGURES:
        values = [s[key] for s in starts if s.get(key) is not None]
        out[key] = {"median": round(statistics.median(values), 2), "min": min(values), "max": max(values)} if values else None
    loads = [s["load_before"] for s in starts]
    out["load"] = [min(loads), max(loads)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="a built index (read, never written)")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--trees", required=True, help="name=folder,name=folder: the code trees to compare")
    ap.add_argument("--rounds", type=int, default=6, help="starts per tree, taken in turn")
    ap.add_argument("--tmp", type=Path, default=Path("/tmp/netral-cold"), help="where the server logs go")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "cold.json")
    args = ap.parse_args(argv)
    trees = dict(t.split("=", 1) for t in args.trees.split(","))
    questions = load_questions()
    args.tmp.mkdir(parents=True, exist_ok=True)
    starts: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    for r in range(args.rounds):
        for name, folder in trees.items():
            os.environ["PYTHONPATH"] = str(Path(folder).resolve())  # the server's `kb`, not this script's
            load = load1()
            s = {**cold_start(args.index, args.corpus, questions[r % len(questions)], args.tmp), "load_before": load}
            starts[name].append(s)
            print(f"{name} {r + 1}: healthz {s['healthz_first_answer_s']} s, answer {s['first_answer_s']} s, "
                  f"cpu {s['cpu_s_at_first_answer']} s, load {load}", flush=True)
    result = {"index": str(args.index), "trees": trees, "summary": {n: summary(v) for n, v in starts.items()}, "starts": starts}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    for name, s in result["summary"].items():
        print(name, {k: (v["median"] if isinstance(v, dict) else v) for k, v in s.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
