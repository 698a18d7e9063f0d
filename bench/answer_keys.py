"""Score answer keys on the card, in-process: every key in one command, no server.

    python bench/answer_keys.py [--index IDX] [--json out.json] [KEY ...]

With no KEY: ../shared/eval/answers-dev.jsonl and every bench/answers-heldout*.jsonl. Each
question is asked of the library the server uses (`Library.ask`, whose JSON is what
`/api/answer` returns) and judged by the shared scorer's own `judge`
(../shared/eval/score_answers.py, `--scorer` to point elsewhere), so the figures are those of
`score_answers.py` against `kb serve`, less the /api/docs crawl behind basis@idx. Prints a
line per key (verdict, basis@P, sanction@P, dangerous) and the total.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
# this checkout's kb, not the one an editable install points to: a worktree of another commit scores with its own code
sys.path.insert(0, str(ROOT))


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer, imported from its file (it is no package)."""
    spec = importlib.util.spec_from_file_location("score_answers", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"error: {path}: not a Python file")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def default_keys() -> list[Path]:
    natural = lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)]  # noqa: E731
    return [SHARED_EVAL / "answers-dev.jsonl", *sorted((ROOT / "bench").glob("answers-heldout*.jsonl"), key=natural)]


def read_key(key: Path) -> list[dict[str, Any]]:
    """The key's rows; a line that is no JSON object with a question and a verdict ends the run
    with one line naming the file, the line and the reason."""
    rows = []
    for n, text in enumerate(key.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as e:
            raise SystemExit(f"error: {key}:{n}: not JSON ({e.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("question"), str) or "verdict" not in row:
            raise SystemExit(f"error: {key}:{n}: a row needs a question and a verdict")
        rows.append(row)
    return rows


def score_key(ask: Callable[[str], dict[str, Any]], judge: Callable[..., dict[str, Any]], key: Path) -> list[dict[str, Any]]:
    return [judge(row, ask(row["question"])) for row in read_key(key)]


def summary(results: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    def share(field: str) -> tuple[int, int]:
        vals = [r[field] for r in results if r[field] is not None]
        return sum(bool(v) for v in vals), len(vals)

    return {"verdict": share("verdict_ok"), "basis": share("basis_P"), "sanction": share("sanct_P"),
            "dangerous": (sum(bool(r["danger"]) for r in results), len(results))}


def line(name: str, s: dict[str, tuple[int, int]]) -> str:
    v, b, sa = s["verdict"], s["basis"], s["sanction"]
    return f"{name:34s} verdict {v[0]:3d}/{v[1]:<3d} basis@P {b[0]:3d}/{b[1]:<3d} sanction@P {sa[0]:3d}/{sa[1]:<3d} dangerous {s['dangerous'][0]}"


def run(ask: Callable[[str], dict[str, Any]], judge: Callable[..., dict[str, Any]], keys: list[Path]) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """The report (a line per key and the total) and every judged row, by key."""
    out: dict[str, list[dict[str, Any]]] = {}
    lines = []
    for key in keys:
        out[key.name] = score_key(ask, judge, key)
        lines.append(line(key.name, summary(out[key.name])))
    lines.append(line("TOTAL", summary([r for rows in out.values() for r in rows])))
    return "\n".join(lines), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("keys", nargs="*", type=Path)
    ap.add_argument("--index", type=Path, help="the index to serve (default: KB_INDEX or index/)")
    ap.add_argument("--scorer", type=Path, default=SHARED_EVAL / "score_answers.py")
    ap.add_argument("--json", type=Path, help="write every judged row here, by key")
    a = ap.parse_args(argv)
    keys = a.keys or default_keys()
    for p in [a.scorer, *keys]:
        if not p.is_file():
            print(f"error: {p}: no such file", file=sys.stderr)
            return 2
    from kb.config import Settings
    from kb.library import Library
    from kb.search import LiveSearcher

    from kb.errors import NetralError

    settings = Settings.from_env(index_dir=a.index)
    lib = Library(settings, LiveSearcher(settings))

    def ask(q: str) -> dict[str, Any]:
        try:
            return lib.ask(q).to_json()
        except NetralError as e:  # a question the API refuses (too long): no card, as the scorer sees a 422
            print(f"note: {q[:60]!r}...: {e}", file=sys.stderr)
            return {}

    report, rows = run(ask, load_scorer(a.scorer).judge, keys)
    print(report)
    if a.json:
        a.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
