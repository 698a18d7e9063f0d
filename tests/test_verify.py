"""Generations whose files do not belong together are refused, never served (issue 13,
cases 2 and 4): the manifest, the cross-counts, CURRENT read as a generation name only,
the LiveSearcher keeping the old generation with the reason, `kb verify`."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kb.build import build_index
from kb.config import Settings
from kb.index import IndexStateError, current_generation, load_index
from kb.search import LiveSearcher, Searcher
from kb.verify import MANIFEST, read_manifest, verify_generation
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf


@pytest.fixture
def settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index")


def _build(s: Settings, emb: HashEmbedder | None = None) -> Path:
    build_index(s, embedder=emb or HashEmbedder(), progress=False)
    gen = current_generation(s.index_dir)
    assert gen is not None
    return gen


def _two_generations(s: Settings, emb: HashEmbedder) -> tuple[Path, Path]:
    """An older generation (2 documents) and the current one (3 documents)."""
    old = _build(s, emb)
    make_pdf(s.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    new = _build(s, emb)
    assert old != new and old.is_dir()
    return old, new


def _refused(s: Settings, match: str | None) -> str:
    with pytest.raises(IndexStateError, match=match) as e:
        Searcher.open(s, HashEmbedder())
    msg = str(e.value)
    assert "\n" not in msg and "kb build" in msg
    return msg


def test_a_generation_carries_a_manifest_that_verifies(settings: Settings) -> None:
    gen = _build(settings)
    m = read_manifest(gen)
    assert m is not None and m.generation == gen.name and m.model == HashEmbedder.model_id
    assert m.counts["chunks"] == m.counts["vectors"] == m.counts["bm25_documents"] > 5 and m.counts["documents"] == 2
    assert {"meta.sqlite", "vectors.faiss", "bm25/params.index.json"} <= set(m.files)
    assert all(len(str(f["sha256"])) == 64 for f in m.files.values())
    v = verify_generation(gen, checksums=True, deep=True)
    assert v.ok and v.problems == [] and any("checksums" in c for c in v.checked)


@pytest.mark.parametrize("part", ["bm25", "vectors.faiss", "meta.sqlite"])
def test_a_file_from_another_generation_is_refused(settings: Settings, part: str) -> None:
    old, new = _two_generations(settings, HashEmbedder())
    target = new / part
    if target.is_dir():
        shutil.rmtree(target)
        shutil.copytree(old / part, target)
    else:
        shutil.copy(old / part, target)
    msg = _refused(settings, None)
    assert str(new / part) in msg or str(new / part).rsplit("/", 1)[0] in msg
    assert "another build" in msg or "checksum" in msg or "bytes" in msg


def test_a_file_from_another_generation_is_refused_by_counts_alone(settings: Settings) -> None:
    """Without the manifest (a generation written before manifests), the cross-counts still
    refuse bm25/ and vectors.faiss from another build."""
    emb = HashEmbedder()
    old, new = _two_generations(settings, emb)
    (new / MANIFEST).unlink()
    shutil.rmtree(new / "bm25")
    shutil.copytree(old / "bm25", new / "bm25")
    _refused(settings, r"bm25 indexes \d+ documents, .*meta.sqlite has \d+ chunks")
    shutil.rmtree(new / "bm25")
    shutil.copytree(old / "bm25", new / "bm25")
    shutil.copy(old / "vectors.faiss", new / "vectors.faiss")
    shutil.copytree(old / "bm25", new / "bm25", dirs_exist_ok=True)
    _refused(settings, r"holds \d+ vectors, .*meta.sqlite \d+ chunks|indexes \d+ documents")


def test_deleted_chunk_rows_are_refused(settings: Settings) -> None:
    gen = _build(settings)
    db = sqlite3.connect(gen / "meta.sqlite")
    db.execute("DELETE FROM chunks WHERE id % 2 = 1")
    db.commit()
    db.close()
    _refused(settings, "meta.sqlite")
    (gen / MANIFEST).unlink()  # and without a manifest, by the counts
    _refused(settings, r"meta.sqlite: chunk ids run|rows deleted")


def test_overwritten_bytes_in_the_vectors_are_found(settings: Settings) -> None:
    gen = _build(settings)
    path = gen / "vectors.faiss"
    data = bytearray(path.read_bytes())
    data[-2000:] = bytes(range(256)) * 7 + bytes(208)  # 2,000 bytes overwritten, same size
    path.write_bytes(bytes(data))
    _refused(settings, r"vectors.faiss: checksum differs from the manifest")
    v = verify_generation(gen, checksums=False)
    assert v.ok  # sizes and counts cannot see it: only the checksum does
    v = verify_generation(gen, checksums=True, deep=True)
    assert [p for p in v.problems if "checksum" in p] == [f"{path}: checksum differs from the manifest (damaged, or from another build)"]


@pytest.mark.parametrize("content", [b"../../../../etc\n", b"/etc", b"gen-20260101T000000-abcdef/../..", b"\x00\xff\xfe\x1b[2J", b""])
def test_current_is_read_as_a_generation_name_only(settings: Settings, tmp_path: Path, content: bytes) -> None:
    gen = _build(settings)
    outside = tmp_path / "outside"
    shutil.copytree(gen, outside)  # a whole, valid generation, but not in the index folder
    (settings.index_dir / "CURRENT").write_bytes(content.replace(b"/etc", str(outside).encode()) if content == b"/etc" else content)
    with pytest.raises(IndexStateError, match="does not name a generation") as e:
        current_generation(settings.index_dir)
    assert "\n" not in str(e.value) and "\x1b" not in str(e.value)
    with pytest.raises(IndexStateError):
        load_index(settings.index_dir)


def test_current_naming_a_missing_generation_is_refused(settings: Settings) -> None:
    _build(settings)
    (settings.index_dir / "CURRENT").write_text("gen-20260101T000000-abcdef")
    with pytest.raises(IndexStateError, match="names gen-20260101T000000-abcdef, which is not a folder of"):
        load_index(settings.index_dir)


def test_a_damaged_previous_generation_is_rebuilt_not_reused(settings: Settings) -> None:
    emb = HashEmbedder()
    gen = _build(settings, emb)
    (gen / "bm25" / "params.index.json").write_text("{")
    r = build_index(settings, embedder=emb, progress=False)  # the corpus did not change
    assert r.generation != gen.name and any("previous index not reused" in w for w in r.warnings)
    assert load_index(settings.index_dir).path.name == r.generation


def test_live_searcher_refuses_a_bad_generation_and_keeps_serving(settings: Settings) -> None:
    emb = HashEmbedder()
    old, new = _two_generations(settings, emb)
    live = LiveSearcher(settings, emb, check_every=0.0, retry_every=0.0)
    assert live.generation == new.name and live.health().status == "ok"
    # a third build whose bm25/ is swapped for the previous one's, then switched in
    make_pdf(settings.corpus_dir / "regulations" / "pp-9-2032.pdf", [p.replace("7 TAHUN 2030", "9 TAHUN 2032") for p in PP_PAGES])
    bad = _build(settings, emb)
    shutil.rmtree(bad / "bm25")
    shutil.copytree(new / "bm25", bad / "bm25")
    live.wait_until_loaded()
    assert live.generation == new.name  # the old one keeps serving
    st = live.status()
    assert not st.ok and st.serving == new.name and st.current == bad.name
    assert f"refused {bad.name}" in str(st.error) and "bm25" in str(st.error)
    h = live.health()
    assert h.status == "degraded" and h.generation == new.name and h.reason == st.error and h.query_ms is not None
    assert live.get().search("kampanye", k=3)  # and it still answers
    (settings.index_dir / "CURRENT").write_text(new.name)  # the operator rolls back
    live.wait_until_loaded()
    assert live.status().ok and live.health().status == "ok"


def test_live_searcher_starts_on_an_older_generation_when_the_current_one_is_damaged(settings: Settings) -> None:
    emb = HashEmbedder()
    old, new = _two_generations(settings, emb)
    (new / "meta.sqlite").write_bytes(b"not a database at all")
    live = LiveSearcher(settings, emb)
    assert live.generation == old.name
    h = live.health()
    assert h.status == "degraded" and "meta.sqlite" in str(h.reason) and f"serving {old.name} instead" in str(h.reason)


def test_live_searcher_reports_a_damaged_current_file(settings: Settings) -> None:
    emb = HashEmbedder()
    gen = _build(settings, emb)
    live = LiveSearcher(settings, emb, check_every=0.0)
    (settings.index_dir / "CURRENT").write_bytes(b"\xff\xfe garbage")
    live.get()
    assert live.generation == gen.name and live.health().status == "degraded"
    assert "does not name a generation" in str(live.status().error)


def test_a_manifest_naming_another_generation_is_refused(settings: Settings) -> None:
    gen = _build(settings)
    m = json.loads((gen / MANIFEST).read_text())
    m["generation"] = "gen-20200101T000000-000000"
    (gen / MANIFEST).write_text(json.dumps(m))
    _refused(settings, "belongs to gen-20200101T000000-000000")


def test_milvus_generation_is_verified(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("milvus_lite", reason="milvus-lite is not installed")
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", backend="milvus", milvus_uri=str(tmp_path / "milvus.db"))
    gen = _build(s)
    m = read_manifest(gen)
    assert m is not None and m.counts["vectors"] == m.counts["chunks"]
    assert {f for f in m.files if not f.startswith("features/")} == {"meta.sqlite", "vectors.milvus.json"}  # no FAISS, no bm25s
    v = verify_generation(gen, checksums=True, deep=True)
    assert v.ok, v.problems
    assert any("vectors" in c for c in v.checked)
    db = sqlite3.connect(gen / "meta.sqlite")
    db.execute("DELETE FROM chunks WHERE id = (SELECT MAX(id) FROM chunks)")
    db.commit()
    db.close()
    (gen / MANIFEST).unlink()
    v = verify_generation(gen, deep=True)
    assert not v.ok and any("rows deleted" in p or "vectors" in p for p in v.problems)
