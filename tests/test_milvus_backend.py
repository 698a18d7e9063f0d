"""Index generations on the Milvus backend (milvus-lite in a file): build, search, rebuild,
prune, failure, CLI. The same corpus and questions must give the FAISS backend's results."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pymilvus", reason="pymilvus is not installed (pip install 'netral[milvus]')")
pytest.importorskip("milvus_lite", reason="milvus-lite is not installed (pip install 'netral[milvus]')")

pytestmark = pytest.mark.slow  # a milvus-lite server per test: ~20 s in all (kb.milvus_store's own tests stay fast)

from pymilvus import MilvusClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from kb.build import build_index  # noqa: E402
from kb.cli import app  # noqa: E402
from kb.config import Settings  # noqa: E402
from kb.index import current_generation, load_index, read_info  # noqa: E402
from kb.lexical import Bm25Index, tokenize  # noqa: E402
from kb.milvus_store import (  # noqa: E402
    POINTER,
    MilvusBm25,
    MilvusError,
    MilvusStore,
    collection_name,
)
from kb.search import Filters, LiveSearcher, Searcher  # noqa: E402
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf  # noqa: E402

QUESTIONS = [
    "kendaraan dinas kampanye",
    "isi pasal 5A PP 7 2030",
    "apa yang dimaksud dengan kampanye",
    "putusan guru ikut kampanye caleg",
    "hukuman disiplin berat bagi pegawai",
    "can a civil servant attend a candidate declaration?",
]
FILTERS = [Filters(), Filters(kind="ruling"), Filters(doc="PP 7/2030"), Filters(year=2030)]


@pytest.fixture
def faiss_settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index-faiss")


@pytest.fixture
def milvus_settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index-milvus", backend="milvus", milvus_uri=str(tmp_path / "milvus.db"))


def _collections(s: Settings) -> set[str]:
    return set(MilvusClient(uri=s.milvus_uri).list_collections())


def _collection(gen: Path) -> str:
    return json.loads((gen / POINTER).read_text())["collection"]


def _results(s: Settings, emb: HashEmbedder) -> list[list[tuple]]:
    searcher = Searcher(load_index(s.index_dir), emb, s)
    return [
        [(r.rank, round(r.score, 5), r.citation, r.chunk.source, r.chunk.part) for r in searcher.search(q, k=5, filters=f)]
        for q in QUESTIONS
        for f in FILTERS
    ]


def _change(corpus: Path, words: str) -> None:
    pages = list(PP_PAGES)
    pages[1] = pages[1].replace("bersikap netral", f"bersikap netral {words}")
    make_pdf(corpus / "regulations" / "pp-7-2030.pdf", pages)


def test_milvus_generation_gives_the_faiss_results(faiss_settings: Settings, milvus_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    emb = HashEmbedder()
    build_index(faiss_settings, embedder=emb, progress=False)
    monkeypatch.chdir(tmp_path)  # a relative milvus-lite path is stored as an absolute one
    build_index(replace(milvus_settings, milvus_uri="milvus.db"), embedder=emb, progress=False)
    gen = current_generation(milvus_settings.index_dir)
    assert gen is not None and (gen / POINTER).exists()
    assert not (gen / "vectors.faiss").exists() and not (gen / "bm25").exists()  # both moved to the collection
    pointer = json.loads((gen / POINTER).read_text())
    assert pointer["uri"] == str(tmp_path / "milvus.db") and pointer["collection"] == collection_name(gen.name)
    assert "token" not in pointer
    info = read_info(gen)
    assert info["vector_store"] == "milvus" and info["lexical"] == "milvus"
    MilvusClient(uri=str(tmp_path / "milvus.db")).release_collection(pointer["collection"])  # as a new process finds it
    index = load_index(milvus_settings.index_dir)
    assert isinstance(index.vectors, MilvusStore) and isinstance(index.bm25, MilvusBm25)
    assert _results(milvus_settings, emb) == _results(faiss_settings, emb)


def test_milvus_bm25_scores_equal_bm25s(milvus_settings: Settings) -> None:
    build_index(milvus_settings, embedder=HashEmbedder(), progress=False)
    index = load_index(milvus_settings.index_dir)
    bm25s_index = Bm25Index.build([c.passage for c in index.chunks])
    for q in QUESTIONS:
        tokens = tokenize(q) + ["kampanye"]
        weights = {"kampanye": 0.5} if "kampanye" not in tokenize(q) else {}
        want = bm25s_index.scores(tokens, weights)
        got = index.bm25.scores(tokens, weights)
        assert np.allclose(got, want, rtol=1e-4, atol=1e-6), q
        only = np.zeros(len(want), dtype=bool)
        only[: len(want) // 2] = True
        narrowed = index.bm25.scores(tokens, weights, allowed=only, limit=3)
        top = np.argsort(-np.where(only, want, -np.inf), kind="stable")[:3]
        assert set(np.flatnonzero(narrowed)) <= set(top[want[top] > 0]) and not narrowed[~only].any()


def test_rebuild_switches_generation_and_pruning_drops_the_old_collection(milvus_settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(milvus_settings, embedder=emb, progress=False)
    first = current_generation(milvus_settings.index_dir)
    _change(milvus_settings.corpus_dir, "dan profesional")
    r = build_index(milvus_settings, embedder=emb, progress=False)
    second = current_generation(milvus_settings.index_dir)
    assert r.changed == ["regulations/pp-7-2030.pdf"] and 0 < r.embedded <= 2  # the embedding cache still serves
    assert second != first and _collections(milvus_settings) == {_collection(first), _collection(second)}  # previous kept
    _change(milvus_settings.corpus_dir, "dan jujur")
    build_index(milvus_settings, embedder=emb, progress=False)
    third = current_generation(milvus_settings.index_dir)
    assert not first.exists() and _collections(milvus_settings) == {_collection(second), _collection(third)}
    assert any("jujur" in r.chunk.text for r in Searcher(load_index(milvus_settings.index_dir), emb, milvus_settings).search("pegawai jujur", k=3))


@pytest.mark.parametrize("where", ["insert", "verify"])
def test_a_failed_milvus_build_leaves_no_collection_behind(milvus_settings: Settings, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    emb = HashEmbedder()
    build_index(milvus_settings, embedder=emb, progress=False)
    before = current_generation(milvus_settings.index_dir)
    make_pdf(milvus_settings.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    add = MilvusStore.add

    def add_then_fail(self: MilvusStore, *a: object, **k: object) -> None:
        add(self, *a, **k)  # the collection exists and holds rows
        raise KeyboardInterrupt

    def fail(*a: object, **k: object) -> None:
        raise RuntimeError("verification broke")

    if where == "insert":
        monkeypatch.setattr(MilvusStore, "add", add_then_fail)
    else:
        monkeypatch.setattr("kb.verify._check_deep", fail)  # the check of the new generation before the switch
    with pytest.raises((KeyboardInterrupt, RuntimeError)):
        build_index(milvus_settings, embedder=emb, progress=False)
    assert current_generation(milvus_settings.index_dir) == before
    assert _collections(milvus_settings) == {_collection(before)}
    assert not list(milvus_settings.index_dir.glob(".gen-*"))
    assert Searcher(load_index(milvus_settings.index_dir), emb, milvus_settings).search("kampanye", k=1)


def test_prune_with_milvus_unreachable_warns_keeps_the_folder_and_retries(milvus_settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    emb = HashEmbedder()
    build_index(milvus_settings, embedder=emb, progress=False)
    first = current_generation(milvus_settings.index_dir)
    old = _collection(first)
    _change(milvus_settings.corpus_dir, "satu")
    build_index(milvus_settings, embedder=emb, progress=False)

    def unreachable(uri: str, collection: str, token: str | None = None) -> None:
        raise MilvusError(f"cannot reach Milvus at {uri}: down")

    monkeypatch.setattr("kb.milvus_store.drop_collection", unreachable)
    _change(milvus_settings.corpus_dir, "dua")
    with caplog.at_level(logging.WARNING, logger="kb.index"):
        build_index(milvus_settings, embedder=emb, progress=False)  # the build itself succeeds
    warned = [r for r in caplog.records if r.getMessage() == "milvus.drop_failed"]
    assert warned and warned[0].netral_fields["collection"] == old  # type: ignore[attr-defined]
    assert first.exists() and old in _collections(milvus_settings)
    monkeypatch.undo()
    _change(milvus_settings.corpus_dir, "tiga")
    build_index(milvus_settings, embedder=emb, progress=False)
    assert not first.exists() and old not in _collections(milvus_settings)
    assert len(_collections(milvus_settings)) == 2


def test_moving_an_index_from_faiss_to_milvus_rebuilds_from_the_cache(faiss_settings: Settings, tmp_path: Path) -> None:
    emb = HashEmbedder()
    build_index(faiss_settings, embedder=emb, progress=False)
    encoded = emb.passages_encoded
    moved = replace(faiss_settings, backend="milvus", milvus_uri=str(tmp_path / "m.db"))
    r = build_index(moved, embedder=emb, progress=False)
    assert r.generation and emb.passages_encoded == encoded and r.cached == r.chunks  # nothing re-embedded
    assert (faiss_settings.index_dir / r.generation / POINTER).exists()
    assert build_index(moved, embedder=emb, progress=False).generation == r.generation  # now up to date


def test_live_searcher_follows_milvus_generations(milvus_settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(milvus_settings, embedder=emb, progress=False)
    live = LiveSearcher(milvus_settings, emb, check_every=0.0)
    first = live.generation
    make_pdf(milvus_settings.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    build_index(milvus_settings, embedder=emb, progress=False)
    live.wait_until_loaded()
    assert live.generation != first and live.last_error is None
    assert any(r.chunk.source == "regulations/pp-8-2031.pdf" for r in live.get().search("netralitas pegawai", k=10))


def test_cli_build_milvus_then_search_and_status(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kb.embed.load_embedder", lambda settings: HashEmbedder())
    for var in ("KB_BACKEND", "KB_MILVUS_URI", "KB_MILVUS_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    run = CliRunner()
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    uri = str(tmp_path / "cli.db")
    r = run.invoke(app, [*base, "build", "-q", "--backend", "milvus", "--uri", uri])
    assert r.exit_code == 0, r.output
    r = run.invoke(app, [*base, "search", "--json", "-k", "2", "kendaraan dinas kampanye"])  # no backend flags needed
    assert r.exit_code == 0, r.output
    first = json.loads(r.stdout[r.stdout.index("{"):])["results"][0]
    assert first["citation"] == "PP 7/2030 Pasal 3" and first["source"] == "regulations/pp-7-2030.pdf"
    r = run.invoke(app, [*base, "status"])
    assert r.exit_code == 0 and "vectors: milvus, collection netral_gen_" in r.stdout and uri in r.stdout
    assert "lexical: Milvus BM25" in r.stdout
    r = run.invoke(app, [*base, "build", "--backend", "milvus"])
    assert r.exit_code == 1 and "needs a URI" in r.output
    r = run.invoke(app, [*base, "build", "--backend", "milvus", "--uri", str(tmp_path / "not-a-db")])
    assert r.exit_code == 1 and "ending in .db" in r.output
    r = run.invoke(app, [*base, "build", "--backend", "elastic"])
    assert r.exit_code == 1 and "unknown vector backend 'elastic'" in r.output


def test_a_missing_collection_is_named_in_the_error(milvus_settings: Settings) -> None:
    build_index(milvus_settings, embedder=HashEmbedder(), progress=False)
    gen = current_generation(milvus_settings.index_dir)
    MilvusClient(uri=milvus_settings.milvus_uri).drop_collection(_collection(gen))
    with pytest.raises(MilvusError, match=f"collection {_collection(gen)} not found at milvus-lite file {milvus_settings.milvus_uri}"):
        load_index(milvus_settings.index_dir)


def test_an_unreachable_server_is_named_in_the_error() -> None:
    with pytest.raises(MilvusError, match=r"cannot reach Milvus at http://127\.0\.0\.1:1: "):
        MilvusStore("http://127.0.0.1:1", "netral_x", 8)


def test_the_faiss_path_does_not_import_pymilvus(corpus: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    code = f"""
import sys
from pathlib import Path
from kb.build import build_index
from kb.config import Settings
from kb.index import load_index
from kb.search import Searcher
from tests.helpers import HashEmbedder
s = Settings(corpus_dir=Path({str(corpus)!r}), index_dir=Path({str(tmp_path / "index")!r}))
build_index(s, embedder=HashEmbedder(), progress=False)
assert Searcher(load_index(s.index_dir), HashEmbedder(), s).search("kampanye", k=1)
assert "pymilvus" not in sys.modules and "milvus_lite" not in sys.modules, "the FAISS path imported pymilvus"
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[1], capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
