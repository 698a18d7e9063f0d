"""The code's shape, as the project's rules state it: no function over 80 lines in kb/, the
web app's create_app is wiring only (under 60 lines), the seams are typed (no `noqa: ANN`)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

KB = ROOT / "kb"
MAX_LINES = 80


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (f"{path.relative_to(ROOT)}:{n.lineno} {n.name}", (n.end_lineno or n.lineno) - n.lineno + 1)
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def test_no_function_over_80_lines() -> None:
    found = [f for p in sorted(KB.rglob("*.py")) for f in _functions(p)]
    assert len(found) > 300  # every module was read
    assert [f"{name} ({n} lines)" for name, n in found if n > MAX_LINES] == []


def test_create_app_is_wiring_only() -> None:
    (n,) = [n for name, n in _functions(KB / "web" / "app.py") if name.endswith(" create_app")]
    assert n < 60


def test_the_seams_are_typed() -> None:
    untyped = [f"{p.relative_to(ROOT)}:{i}" for p in sorted(KB.rglob("*.py"))
               for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "noqa: ANN" in line]
    assert untyped == []
