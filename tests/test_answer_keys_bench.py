"""bench/answer_keys.py: every answer key scored in-process with the shared scorer's judge.
Runs on the fixture rule base with the stand-in embedder; skipped without ../shared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kb.config import Settings
from kb.index import load_index
from kb.library import Library
from kb.search import Searcher
from tests.helpers import ROOT, SHARED, HashEmbedder, bench_script, hash_cards

SCORER = SHARED / "eval" / "score_answers.py"
MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"


@pytest.mark.skipif(not SCORER.is_file(), reason=f"no shared scorer at {SCORER}")
def test_answer_keys_scores_each_key_with_the_shared_judge(fixture_rules_index: Settings, tmp_path: Path) -> None:
    bench = bench_script("answer_keys")
    s = fixture_rules_index
    lib = Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)
    judge = bench.load_scorer(SCORER).judge
    row = {"id": "t01", "lang": "id", "question": MOBIL, "verdict": "prohibited", "basis": [], "sanction": []}
    nonsense = {"id": "t02", "lang": "en", "question": "How do I renew my passport?", "verdict": "unclear", "basis": [], "sanction": []}
    right = tmp_path / "right.jsonl"
    right.write_text("\n".join(json.dumps(r) for r in (row, nonsense)))
    wrong = tmp_path / "wrong.jsonl"  # a key that says the act is allowed: the card's "prohibited" is dangerous
    wrong.write_text(json.dumps({**row, "verdict": "allowed"}))

    report, rows = bench.run(lambda q: lib.ask(q).to_json(), judge, [right, wrong])
    lines = report.splitlines()
    assert lines[0].startswith("right.jsonl") and "verdict   2/2" in lines[0] and lines[0].endswith("dangerous 0")
    assert lines[1].startswith("wrong.jsonl") and "verdict   0/1" in lines[1] and lines[1].endswith("dangerous 1")
    assert lines[2].startswith("TOTAL") and "verdict   2/3" in lines[2]
    assert [r["got"] for r in rows["right.jsonl"]] == ["prohibited", "unclear"]


def test_answer_keys_names_a_missing_key_and_stops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.jsonl"
    assert bench_script("answer_keys").main([str(missing), "--scorer", str(Path(__file__))]) == 2
    assert capsys.readouterr().err.strip() == f"error: {missing}: no such file"


def test_answer_keys_names_a_bad_line_of_a_key(tmp_path: Path) -> None:
    bench = bench_script("answer_keys")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "boleh?", "verdict": "allowed"}\n{"question": "no verdict"}\n')
    with pytest.raises(SystemExit, match=rf"^error: {re.escape(str(bad))}:2: a row needs a question and a verdict$"):
        bench.read_key(bad)
    bad.write_text('{"question": "boleh?", "verdict": "allowed"\n')
    with pytest.raises(SystemExit, match=rf"^error: {re.escape(str(bad))}:1: not JSON \("):
        bench.read_key(bad)


def test_answer_keys_scores_with_its_own_checkout_s_code(tmp_path: Path) -> None:
    """A copy of the script in another checkout (a worktree of an older commit) puts that
    checkout first on sys.path, so it scores with that commit's kb, not the one an editable
    install points to."""
    import subprocess
    import sys

    other = tmp_path / "checkout"
    (other / "bench").mkdir(parents=True)
    (other / "kb").mkdir()
    (other / "kb" / "__init__.py").write_text("WHICH = 'the other checkout'\n")
    script = (ROOT / "bench" / "answer_keys.py").read_text()
    (other / "bench" / "answer_keys.py").write_text(script.replace('\nif __name__ == "__main__":', "\nif False:"))
    probe = f"import runpy; runpy.run_path({str(other / 'bench' / 'answer_keys.py')!r}); import kb; print(kb.WHICH)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert out.stdout.strip() == "the other checkout", out.stderr[-500:]
