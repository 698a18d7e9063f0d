"""Issue 15, incremental builds: unchanged documents are carried from the previous
generation (rows copied, vectors and term counts reused, the HNSW graph updated), and the
result is the generation a full build makes of the same corpus."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest

from kb.build import build_index
from kb.config import Settings
from kb.features import Features
from kb.chunk import Chunk
from kb.index import ChunkStore, current_generation, load_index, open_features, read_info
from kb.search import Searcher
from kb.vectors import MAX_DEAD, SLOTS_FILE, FlatStore, SlottedStore, chunk_vectors, recall_at_k
from kb.verify import verify_generation
from tests.helpers import PP_PAGES, ROOT, RULES_FIXTURE, HashEmbedder, make_pdf


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for part in ("regulations", "rulings"):
        shutil.copytree(ROOT / "corpus" / part, root / part)
    return root


def _rows(gen: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(gen / "meta.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _assert_same_generation(a: Path, b: Path) -> None:
    """What a full build and an incremental one must agree on."""
    assert _rows(a, "SELECT * FROM documents") == _rows(b, "SELECT * FROM documents")
    assert _rows(a, "SELECT * FROM chunks ORDER BY id") == _rows(b, "SELECT * FROM chunks ORDER BY id")
    fa, fb = open_features(a), open_features(b)
    assert fa is not None and fb is not None and fa.same_as(fb)
    for name in ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy", "terms.tf.npy", "terms.doclen.npy"):
        assert np.array_equal(np.load(a / "bm25" / name), np.load(b / "bm25" / name)), name
    assert json.loads((a / "bm25" / "vocab.index.json").read_text()) == json.loads((b / "bm25" / "vocab.index.json").read_text())
    ia, ib = load_index(a.parent, gen=a), load_index(b.parent, gen=b)
    n = len(ia.chunks)
    assert np.array_equal(chunk_vectors(ia.vectors, range(n)), chunk_vectors(ib.vectors, range(n)))


def _change(corpus: Path) -> None:
    """One document changed, one removed, one added."""
    regs = sorted((corpus / "regulations").glob("*.pdf"))
    regs[0].unlink()
    make_pdf(corpus / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    make_pdf(regs[3], [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])


def test_an_incremental_build_is_the_full_build(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    emb = HashEmbedder()
    build_index(s, embedder=emb, progress=False)
    before = emb.passages_encoded
    _change(corpus)
    with monkeypatch.context() as m:
        m.setattr("kb.build.read_chunks", lambda *a: pytest.fail("the previous generation's rows were decoded"))
        r = build_index(s, embedder=emb, progress=False)
    assert len(r.changed) == 1 and len(r.removed) == 1 and len(r.added) == 1 and r.cached > 0
    assert emb.passages_encoded - before < 40, "only the new documents' passages are embedded"
    full = Settings(corpus_dir=corpus, index_dir=tmp_path / "full")
    build_index(full, embedder=HashEmbedder(), progress=False)
    inc_gen, full_gen = current_generation(s.index_dir), current_generation(full.index_dir)
    _assert_same_generation(inc_gen, full_gen)
    assert verify_generation(inc_gen, checksums=True, deep=True).ok
    a, b = Searcher(load_index(s.index_dir), emb, s), Searcher(load_index(full.index_dir), emb, full)
    for q in ["kendaraan dinas kampanye", "isi pasal 3 PP 8 2031", "sanksi PNS", "apa yang dimaksud dengan pegawai"]:
        assert [(x.chunk.citation, x.score) for x in a.search(q, 10)] == [(x.chunk.citation, x.score) for x in b.search(q, 10)]


def test_the_hnsw_graph_is_updated_and_rebuilt_when_too_much_of_it_is_dead(corpus: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kb.index.HNSW_THRESHOLD", 10)
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    emb = HashEmbedder()
    build_index(s, embedder=emb, progress=False)
    first = load_index(s.index_dir)
    assert first.vectors.kind == "hnsw" and not (first.path / SLOTS_FILE).exists()
    victim = sorted((corpus / "regulations").glob("*.pdf"))[2]
    for round_ in range(20):
        make_pdf(victim, [p.replace("7 TAHUN 2030", f"{round_ + 10} TAHUN 2031") for p in PP_PAGES])
        build_index(s, embedder=emb, progress=False)
        idx = load_index(s.index_dir)
        store = idx.vectors
        if not isinstance(store, SlottedStore):  # rebuilt: the dead slots are gone
            assert round_ > 0 and store.kind == "hnsw" and not (idx.path / SLOTS_FILE).exists()
            break
        assert 0 < store.dead <= MAX_DEAD * store.graph.ntotal and (idx.path / SLOTS_FILE).exists()
        assert verify_generation(idx.path, checksums=True, deep=True).ok
        exact = FlatStore(store.dim)
        exact.add(store.vectors())
        q = store.vectors()[::7]
        assert recall_at_k(store.search(q, 10)[1], exact.search(q, 10)[1], 10) >= 0.95
        ids = store.search(q, 10)[1]
        assert ids.min() >= 0 and ids.max() < len(idx.chunks)
        assert np.array_equal(chunk_vectors(store, range(len(idx.chunks))), store.vectors())
        res = Searcher(idx, emb, s).search(f"PP {round_ + 10}/2031 pasal 3", 5)
        assert res and res[0].chunk.source == f"regulations/{victim.name}"
    else:
        pytest.fail("the graph was never rebuilt")


def test_another_model_carries_nothing_over(corpus: Path, tmp_path: Path) -> None:
    class Other(HashEmbedder):
        model_id = "another-test-model"

    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    _change(corpus)
    other = Other()
    r = build_index(s, embedder=other, progress=False)
    assert other.passages_encoded == r.chunks and r.cached == 0
    assert load_index(s.index_dir).info["model"] == "another-test-model"


def test_features_of_a_carried_generation_describe_its_rows(corpus: Path, tmp_path: Path) -> None:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    _change(corpus)
    build_index(s, embedder=HashEmbedder(), progress=False)
    gen = current_generation(s.index_dir)
    from kb.index import read_chunks

    f = open_features(gen)
    assert f is not None and f.same_as(Features.compute(read_chunks(gen)))


def test_a_previous_generation_whose_checksums_fail_is_not_carried(corpus: Path, tmp_path: Path) -> None:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    emb = HashEmbedder()
    build_index(s, embedder=emb, progress=False)
    gen = current_generation(s.index_dir)
    f = gen / "vectors.faiss"
    data = bytearray(f.read_bytes())
    data[-100] ^= 0xFF  # same size: only the checksum can tell (checked while the build reads the corpus)
    f.write_bytes(bytes(data))
    _change(corpus)
    r = build_index(s, embedder=emb, progress=False)
    assert any("previous index not reused" in w and "checksum" in w for w in r.warnings)
    assert not r.unchanged and len(r.added) == len(load_index(s.index_dir).docs) and r.problems == []
    full = Settings(corpus_dir=corpus, index_dir=tmp_path / "full")
    build_index(full, embedder=HashEmbedder(), progress=False)
    _assert_same_generation(current_generation(s.index_dir), current_generation(full.index_dir))


def test_postings_carried_and_merged_are_the_postings_of_the_whole() -> None:
    from kb import bm25

    rng = np.random.default_rng(8)
    words = [f"k{i}" for i in range(80)]
    docs = [list(rng.choice(words, size=int(rng.integers(1, 30)))) for _ in range(400)]
    old = bm25.Postings.from_tokens(docs)
    for trial in range(20):
        # drop some chunks, keep the others in order (or not), add new ones anywhere
        keep = rng.random(len(docs)) < 0.8
        kept = [d for d, k in zip(docs, keep) if k]
        new = [list(rng.choice(words + ["zz", "aa0"], size=int(rng.integers(1, 30)))) for _ in range(int(rng.integers(0, 25)))]
        order = rng.permutation(len(kept) + len(new)) if trial % 4 == 3 else np.arange(len(kept) + len(new))
        whole: list[list[str]] = [[] for _ in order]
        new_id = np.full(len(docs), -1)
        new_id[np.flatnonzero(keep)] = order[: len(kept)]
        for i, d in zip(order[: len(kept)], kept):
            whole[i] = d
        for i, d in zip(order[len(kept):], new):
            whole[i] = d
        n = len(whole)
        fresh = bm25.Postings.from_tokens(new, order[len(kept):], n)
        got = bm25.Postings.merged(old.renumbered(new_id, n), fresh)
        want = bm25.Postings.from_tokens(whole)
        assert got.vocab == want.vocab
        for a in ("indptr", "doc", "tf", "doclen"):
            assert np.array_equal(getattr(got, a), getattr(want, a)), a
        a, b = bm25.build(got).scores, bm25.build(want).scores
        assert all(np.array_equal(a[k], b[k]) for k in ("data", "indices", "indptr"))


def test_rules_are_checked_against_carried_documents_without_decoding_them_all(corpus: Path, tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule base is checked against the new generation's articles; a carried document
    the rules cite (PP 94/2021) is read from the previous generation's rows, the others not."""
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", rules_dir=RULES_FIXTURE)
    emb = HashEmbedder()
    first = build_index(s, embedder=emb, progress=False)
    assert first.rules == 12 and first.problems == []
    make_pdf(corpus / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    read: list[Chunk] = []
    many = ChunkStore.many

    def counting(self: ChunkStore, ids: Iterable[int]) -> list[Chunk]:
        got = many(self, ids)
        read.extend(got)
        return got

    with monkeypatch.context() as m:
        m.setattr("kb.build.read_chunks", lambda *a: pytest.fail("the previous generation's rows were decoded"))
        m.setattr(ChunkStore, "many", counting)
        again = build_index(s, embedder=emb, progress=False)
    assert len(again.added) == 1 and again.cached > 0
    assert again.rules == 12 and again.problems == []  # every citation resolved in a carried document
    sources = {c.source for c in read}
    assert "regulations/pp-94-2021.pdf" in sources and len(read) < first.chunks  # the cited documents' rows, not all
    assert not any(src.startswith("rulings/") for src in sources)  # no rule cites a ruling
    assert read_info(current_generation(s.index_dir))["rules"]["excluded"] == []
