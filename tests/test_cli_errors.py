"""Every foreseen fault ends in one line naming the file and the reason, with a non-zero
exit, never a traceback; `kb --debug` shows the traceback (issue 13, case 3).

Damaged indexes (search, status, eval), storage faults (build), bad command-line input.
Tests run as root, where permissions do not stop writing: a read-only folder, a read-only
cache and a full disk are simulated by making the writes fail as the system would
(EROFS / a read-only SQLite connection / ENOSPC)."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kb.index as index_mod
from kb import build as build_mod
from kb.build import build_index
from kb.cli import app
from kb.config import Settings
from kb.index import current_generation
from kb.verify import MANIFEST
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def built(corpus: Path, tmp_path: Path) -> Settings:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    return s


def _kb(s: Settings, *args: str, env: dict[str, str] | None = None):  # noqa: ANN202
    return CliRunner().invoke(app, ["--corpus", str(s.corpus_dir), "--index", str(s.index_dir), *args], env=env)


def _one_line_error(r, *needles: str) -> str:  # noqa: ANN001
    """The run failed with exactly one line `error: ...` holding every needle, no traceback."""
    assert r.exit_code == 1, (r.exit_code, r.output, r.exception)
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit), repr(r.exception)
    err = r.stderr.strip()
    assert "Traceback" not in r.output and len(err.splitlines()) == 1 and err.startswith("error: "), err
    for n in needles:
        assert n in err, (n, err)
    return err


def _gen(s: Settings) -> Path:
    gen = current_generation(s.index_dir)
    assert gen is not None
    return gen


def _questions(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "q.jsonl"
    f.write_text(text)
    return f


# ------------------------------------------------------------------ a damaged index


def _malformed_sqlite(gen: Path) -> str:
    (gen / "meta.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    return "meta.sqlite"


def _missing_sqlite(gen: Path) -> str:
    (gen / "meta.sqlite").unlink()
    return "meta.sqlite is missing"


def _bad_chunk_json(gen: Path) -> str:
    (gen / MANIFEST).unlink()  # as in a generation written before manifests: only the row can tell
    db = sqlite3.connect(gen / "meta.sqlite")
    db.execute("UPDATE chunks SET data = '{\"source\": \"x\", broken' WHERE id = 3")
    db.commit()
    db.close()
    return "chunk row 3 does not decode"


def _truncated_bm25(gen: Path) -> str:
    f = gen / "bm25" / "data.csc.index.npy"
    f.write_bytes(f.read_bytes()[:100])
    return "bm25"


def _binary_current(gen: Path) -> str:
    (gen.parent / "CURRENT").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\x1b]0;x\x07")
    return "CURRENT does not name a generation"


DAMAGE = [_malformed_sqlite, _missing_sqlite, _bad_chunk_json, _truncated_bm25, _binary_current]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("command", ["search", "status", "eval"])
def test_a_damaged_index_is_one_line(built: Settings, tmp_path: Path, damage, command: str) -> None:  # noqa: ANN001
    needle = damage(_gen(built))
    args = {"search": ["search", "kampanye"], "status": ["status"],
            "eval": ["eval", str(_questions(tmp_path, '{"id": "a", "question": "kampanye", "relevant": [{"source": "pp-7-2030.pdf"}]}\n'))]}
    r = _kb(built, *args[command])
    if command == "status" and damage is _bad_chunk_json:  # status reads no chunk rows: nothing fails
        assert r.exit_code == 0 and "Traceback" not in r.output and "`kb verify` for checksums and rows" in r.output
        return
    err = _one_line_error(r, needle)
    assert "\x1b" not in err


def test_debug_shows_the_traceback(built: Settings) -> None:
    _missing_sqlite(_gen(built))
    r = subprocess.run([sys.executable, "-m", "kb.cli", "--debug", "--index", str(built.index_dir), "status"],
                       capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode != 0 and "Traceback" in r.stderr and "IndexStateError" in r.stderr
    r = subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(built.index_dir), "status"],
                       capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.strip().startswith("error: ")


# ------------------------------------------------------------------ storage faults


@pytest.fixture
def hash_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_mod, "_load_embedder", lambda settings: HashEmbedder())


def _changed(s: Settings) -> None:
    make_pdf(s.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])


def test_read_only_index_folder(built: Settings, hash_model: None, monkeypatch: pytest.MonkeyPatch) -> None:
    real = open

    def read_only(path, mode="r", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        if any(c in mode for c in "wax+") and str(built.index_dir) in str(path):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real(path, mode, *a, **k)

    monkeypatch.setattr(index_mod, "open", read_only, raising=False)
    _one_line_error(_kb(built, "build", "-q"), str(built.index_dir), "Read-only file system")


def test_read_only_embedding_cache(built: Settings, hash_model: None, monkeypatch: pytest.MonkeyPatch) -> None:
    real = sqlite3.connect

    def connect(target, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        if str(target).endswith("embeddings.sqlite"):  # what SQLite gives on a read-only folder
            return real(f"file:{target}?mode=ro", uri=True)
        return real(target, *a, **k)

    monkeypatch.setattr(index_mod.sqlite3, "connect", connect)
    before = _gen(built)
    _changed(built)
    _one_line_error(_kb(built, "build", "-q"), "embeddings.sqlite", "cannot write the embedding cache", "readonly")
    assert _gen(built) == before


def test_disk_full_while_writing_a_generation(built: Settings, hash_model: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self, folder: str) -> None:  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device", folder)

    monkeypatch.setattr(index_mod.Bm25Index, "save", full)
    before = _gen(built)
    _changed(built)
    _one_line_error(_kb(built, "build", "-q"), str(built.index_dir), "No space left on device", "previous one keeps serving")
    assert _gen(built) == before and not list(built.index_dir.glob(".gen-*"))


def test_disk_full_in_sqlite(built: Settings, hash_model: None, monkeypatch: pytest.MonkeyPatch) -> None:
    real = sqlite3.connect

    class Full:
        def __init__(self, db: sqlite3.Connection):
            self.db = db

        def executescript(self, script: str) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self.db.close()

    def connect(target, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        db = real(target, *a, **k)
        return Full(db) if ".partial" in str(target) else db

    monkeypatch.setattr(index_mod.sqlite3, "connect", connect)
    before = _gen(built)
    _changed(built)
    _one_line_error(_kb(built, "build", "-q"), str(built.index_dir), "database or disk is full")
    assert _gen(built) == before and not list(built.index_dir.glob(".gen-*"))


@pytest.mark.parametrize("command", [["build", "-q"], ["status"], ["search", "kampanye"], ["verify"]])
def test_index_path_is_a_file(corpus: Path, tmp_path: Path, hash_model: None, command: list[str]) -> None:
    f = tmp_path / "index-file"
    f.write_text("not a folder")
    r = CliRunner().invoke(app, ["--corpus", str(corpus), "--index", str(f), *command])
    _one_line_error(r, str(f), "is a file, not an index folder")


def test_build_refusal_is_one_line(built: Settings, hash_model: None) -> None:
    (built.corpus_dir / "regulations").rename(built.corpus_dir / "moved")
    _one_line_error(_kb(built, "build", "-q"), "regulations is missing", "--allow-removals")
    r = _kb(built, "build", "-q", "--allow-removals")
    assert r.exit_code == 0 and "removed 1" in r.output


# ------------------------------------------------------------------ command-line input


def test_undecodable_argv_is_one_line(built: Settings) -> None:
    r = subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(built.index_dir), "search", b"\xff\xfe".decode("utf-8", "surrogateescape")],
                       capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"})
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.strip().startswith("error: the question is not valid UTF-8 text") and len(r.stderr.strip().splitlines()) == 1


def test_model_threads_not_a_number(built: Settings) -> None:
    _one_line_error(_kb(built, "status", env={"KB_MODEL_THREADS": "abc"}), "KB_MODEL_THREADS='abc' is not a whole number")
    _one_line_error(_kb(built, "status", env={"KB_MODEL_THREADS": "-2"}), "KB_MODEL_THREADS='-2': must be 0 or more")


@pytest.mark.parametrize("line, problem", [
    ("not json", "q.jsonl:2: not JSON"),
    ('["a", "list"]', "q.jsonl:2: not a JSON object"),
    ('{"id": "b"}', 'q.jsonl:2: no "question" text'),
    ('{"id": "b", "question": "kampanye"}', 'q.jsonl:2: no "relevant" list'),
    ('{"id": "b", "question": "kampanye", "relevant": [{"article": "3"}]}', 'q.jsonl:2: each "relevant" entry needs a "source"'),
])
def test_a_malformed_eval_line_names_file_and_line(built: Settings, tmp_path: Path, line: str, problem: str) -> None:
    f = _questions(tmp_path, '{"id": "a", "question": "kampanye", "relevant": [{"source": "pp-7-2030.pdf"}]}\n' + line + "\n")
    _one_line_error(_kb(built, "eval", str(f)), problem)


def test_a_malformed_batch_line_names_file_and_line(built: Settings, tmp_path: Path) -> None:
    f = _questions(tmp_path, '{"id": "a", "question": "kampanye"}\n\n{"id": "b", "question": 5}\n')
    _one_line_error(_kb(built, "search", "--batch", str(f)), 'q.jsonl:3: no "question" text')
    f.write_bytes(b'{"id": "a", "question": "\xff"}\n')
    _one_line_error(_kb(built, "search", "--batch", str(f)), "q.jsonl:1: not UTF-8 text")


@pytest.mark.parametrize("k", ["0", "-3"])
def test_k_below_one_is_refused(built: Settings, k: str) -> None:
    _one_line_error(_kb(built, "search", "-k", k, "kampanye"), f"-k {k}: give 1 or more results")


@pytest.mark.parametrize("as_of", ["2019-13-45", "2019-02-30", "2019-00", "20190101", "yesterday"])
def test_an_invalid_as_of_date_is_refused(built: Settings, as_of: str) -> None:
    _one_line_error(_kb(built, "search", "--as-of", as_of, "kampanye"), f"--as-of {as_of}: not a valid date")


def test_as_of_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    from kb.cli import _as_of

    assert [_as_of(v) for v in ("2019", "2019-02", "2020-02", "2019-06-01")] == ["2019-12-31", "2019-02-28", "2020-02-29", "2019-06-01"]


@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_serve_refuses_a_bad_port_before_loading_anything(built: Settings, monkeypatch: pytest.MonkeyPatch, port: str) -> None:
    import kb.web

    def never(*a: object, **k: object) -> None:
        raise AssertionError("the model and index were loaded")

    monkeypatch.setattr(kb.web, "create_app", never)
    _one_line_error(_kb(built, "serve", "--port", port), f"--port {port}: give a port from 1 to 65535")


def test_kb_verify_says_what_is_wrong_and_how_to_fix_it(built: Settings, hash_model: None) -> None:
    r = _kb(built, "verify")
    assert r.exit_code == 0 and r.output.strip().endswith(": ok") and "checksums" in r.output
    gen = _gen(built)
    data = bytearray((gen / "vectors.faiss").read_bytes())
    data[-2000:] = os.urandom(2000)
    (gen / "vectors.faiss").write_bytes(bytes(data))
    r = _kb(built, "verify")
    assert r.exit_code == 1
    assert f"problem: {gen / 'vectors.faiss'}: checksum differs from the manifest" in r.stderr
    assert "rebuild with `kb build`" in r.stderr.strip().splitlines()[-1]
    r = _kb(built, "build", "-q")  # the fix: a new generation, although the corpus did not change
    assert r.exit_code == 0 and _gen(built) != gen, r.output
    assert _kb(built, "verify").exit_code == 0


# ------------------------------------------------------------------ kb serve on a damaged index


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The server does not listen: it makes the app (kb.web.starter) and records it when made;
    the model is the stand-in."""
    import uvicorn

    import kb.embed

    started: list[object] = []

    def run(server: uvicorn.Server, sockets: object = None) -> None:
        server.started = True
        server.listening()  # type: ignore[attr-defined]  # what `kb serve` does once its port is bound
        try:
            started.append(server.config.app.app(timeout=120))
        except Exception:  # noqa: BLE001  # `serve` raises it, as the CLI's one line
            pass

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.setattr(kb.embed, "load_embedder", lambda settings: HashEmbedder())
    monkeypatch.setenv("KB_MODEL_PROCESS", "0")  # the stand-in in this process, whatever the environment says
    return started


def test_serve_with_no_index_is_one_line_before_the_server_starts(tmp_path: Path, no_server: list[object]) -> None:
    r = _kb(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "none"), "serve")
    _one_line_error(r, f"no index in {tmp_path / 'none'}: run `kb build` first")
    assert "Netral on" not in r.output and no_server == []


def test_serve_on_a_damaged_index_is_one_line(built: Settings, no_server: list[object]) -> None:
    _malformed_sqlite(_gen(built))
    _one_line_error(_kb(built, "serve"), "meta.sqlite has 3016 bytes, the manifest says")
    assert no_server == []


def test_serve_starts_on_the_previous_generation_when_the_current_one_is_damaged(built: Settings, no_server: list[object]) -> None:
    _changed(built)
    build_index(built, embedder=HashEmbedder(), progress=False)
    _truncated_bm25(_gen(built))
    damaged = _gen(built)
    r = _kb(built, "serve")
    assert r.exit_code == 0 and "Traceback" not in r.output and len(no_server) == 1, r.output
    from fastapi.testclient import TestClient

    client = TestClient(no_server[0])  # type: ignore[arg-type]
    for _ in range(300):  # the index loads in the background: /healthz says 503 "starting" meanwhile
        r = client.get("/healthz")
        if r.status_code != 503:
            break
        time.sleep(0.1)
    health = r.json()
    assert health["generation"] != damaged.name and "bm25" in health["reload_error"]
    assert health["status"] == "degraded" and damaged.name in health["reason"] and "bm25" in health["reason"]
