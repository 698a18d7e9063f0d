"""Issue 15, search at scale: BM25 top-k from the postings, filters as id lists, the
candidate pool, per-chunk features, chunk rows read on demand, the query micro-batcher.
Each fast path is checked against the plain computation it replaces."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from kb.articles import ArticleStore
from kb.build import build_index
from kb.config import Settings
from kb.embed import QueryBatcher
from kb.features import FOLDER, Features, document_part
from kb.index import ChunkStore, IndexStateError, current_generation, load_index, read_chunks
from kb import embed, lexical
from kb.lexical import Bm25Index, best_k
from kb.search import Filters, LiveSearcher, Searcher
from kb.vectors import FlatStore, HnswStore
from tests.helpers import HashEmbedder


# ------------------------------------------------------------------ BM25 top-k


def test_best_k_breaks_ties_by_id_also_at_the_edge() -> None:
    ids = np.array([3, 5, 8, 9, 12])
    ids_out, sc = best_k(ids, np.array([1.0, 2.0, 1.0, 2.0, 1.0], np.float32), 3)
    assert ids_out.tolist() == [5, 9, 3] and sc.tolist() == [2.0, 2.0, 1.0]


@pytest.fixture(scope="module")
def bm25() -> Bm25Index:
    rng = np.random.default_rng(3)
    words = [f"w{i}" for i in range(60)]
    p = np.array([1.0 / (i + 1) for i in range(60)])  # some words everywhere, most rare
    docs = [" ".join(rng.choice(words, size=int(rng.integers(3, 40)), p=p / p.sum())) for _ in range(3000)]
    return Bm25Index.build(docs)


def test_bm25_top_is_the_best_k_of_all_scores(bm25: Bm25Index) -> None:
    rng = np.random.default_rng(4)
    vocab = list(bm25.vocab)
    for trial in range(60):
        tokens = list(rng.choice(vocab, size=int(rng.integers(1, 12))))
        weights = {t: 0.5 for t in tokens[::3]}
        ok = rng.random(300) < 0.6
        keep = (lambda ids: ok[ids // 10]) if trial % 2 else None
        full = bm25.scores(tokens, weights)
        if keep is not None:
            full = np.where(keep(np.arange(bm25.n)), full, 0.0)
        cand = np.flatnonzero(full > 0)
        for k in (1, 7, 200):
            want_ids, want_scores = best_k(cand, full[cand], k)
            got_ids, got_scores = bm25.top(tokens, weights, k, keep)
            assert got_ids.tolist() == want_ids.tolist() and np.array_equal(got_scores, want_scores)


@pytest.fixture(scope="module")
def bm25_common() -> Bm25Index:
    """Long postings (words in most chunks, as in a corpus of near copies), and ties:
    every passage written twice, some three times."""
    rng = np.random.default_rng(7)
    common, rare = [f"c{i}" for i in range(8)], [f"r{i}" for i in range(40)]
    docs = []
    for _ in range(1500):
        words = [w for w in common if rng.random() < 0.7] + list(rng.choice(rare, size=int(rng.integers(0, 4))))
        words += list(rng.choice(common, size=int(rng.integers(0, 6))))  # repeats: other term frequencies
        text = " ".join(rng.permutation(words)) if words else "c0"
        docs += [text] * int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
    return Bm25Index.build(docs)


def _want(bm25: Bm25Index, tokens: list[str], weights: dict[str, float], k: int, keep) -> tuple[list[int], np.ndarray]:  # noqa: ANN001
    full = bm25.scores(tokens, weights)
    if keep is not None:
        full = np.where(keep(np.arange(bm25.n)), full, 0.0)
    cand = np.flatnonzero(full > 0)
    ids, scores = best_k(cand, full[cand], k)
    return ids.tolist(), scores


@pytest.mark.parametrize("path", ["pruned", "all", "all-numpy"])
def test_bm25_top_on_long_postings_and_ties_is_exhaustive(bm25_common: Bm25Index, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Either way `top` goes (max-score pruning, or every posting added), with scipy's
    kernel or numpy's addition: the ids and the float32 scores of the exhaustive scores()."""
    b = bm25_common
    assert max(np.diff(b._indptr)) > b.n / 2  # long postings
    monkeypatch.setattr(b, "DENSE_SHARE", float("inf") if path == "pruned" else 0.0)
    if path == "all-numpy":
        monkeypatch.setattr(lexical, "_MATVEC", None)
    rng = np.random.default_rng(11)
    vocab = [w for w in b.vocab if w]
    for trial in range(40):
        tokens = list(rng.choice(vocab, size=int(rng.integers(1, 10))))
        weights = {t: float(rng.choice([0.5, 0.3, 0.7, 1.3])) for t in tokens[::2]}
        ok = rng.random(b.n // 7 + 1) < 0.5
        keep = (lambda ids: ok[ids // 7]) if trial % 3 == 0 else None
        for k in (1, 10, 200, 5000):
            want_ids, want_scores = _want(b, tokens, weights, k, keep)
            got_ids, got_scores = b.top(tokens, weights, k, keep)
            assert got_ids.tolist() == want_ids and np.array_equal(got_scores, want_scores)
            assert got_scores.dtype == np.float32
    assert len(b.top(["c0", "c1"], None, 50)[0]) == 50 and not b._free[-1].any()  # the accumulator is handed back zeroed


def test_add_at_is_numpys_fancy_index_addition() -> None:
    rng = np.random.default_rng(5)
    for n, m in ((10, 3), (5000, 4000), (100_000, 30_000)):
        acc = rng.random(n).astype(np.float32)
        ids = np.sort(rng.choice(n, m, replace=False)).astype(np.int32)
        vals = (rng.random(m) * 3).astype(np.float32) * np.float32(0.7)
        want = acc.copy()
        want[ids] += vals
        lexical.add_at(acc, ids, vals)
        assert np.array_equal(acc, want)


def test_bm25_scores_are_bm25s_scores(bm25: Bm25Index) -> None:
    tokens = ["w0", "w7", "w30", "w7", "nope"]
    want = np.zeros(bm25.n, np.float32)
    for t in ["w0", "w7", "w30"]:
        want += (0.5 if t == "w30" else 1.0) * bm25.retriever.get_scores([t]).astype(np.float32)
    assert np.array_equal(bm25.scores(tokens, {"w30": 0.5}), want)


def test_bm25_top_of_nothing(bm25: Bm25Index) -> None:
    assert len(bm25.top(["nope"], None, 10)[0]) == 0
    assert len(bm25.top(["w0"], None, 10, keep=lambda ids: np.zeros(len(ids), bool))[0]) == 0


# ------------------------------------------------------------------ vectors: id lists


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_allowed_ids_are_the_allowed_mask(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    v = rng.normal(size=(2000, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    store = FlatStore(16) if kind == "flat" else HnswStore(16)
    store.add(v)
    mask = rng.random(2000) < 0.3
    for exact_below in (10_000, 10):  # narrow filter done exactly, and a wide one
        monkeypatch.setattr("kb.vectors.EXACT_BELOW", exact_below)
        a = store.search(v[:5], 20, allowed=mask)
        b = store.search(v[:5], 20, allowed=np.flatnonzero(mask))
        assert np.array_equal(a[1], b[1]) and mask[b[1][b[1] >= 0]].all()
    with pytest.raises(ValueError):
        store.search(v[:1], 5, allowed=np.array([5, 2000]))


# ------------------------------------------------------------------ features, chunk rows


@pytest.mark.parametrize("which", ["bundled", "test corpus"])
def test_features_round_trip_and_carry_over(which: str, bundled_index: Settings, corpus: Path, tmp_path: Path) -> None:
    s = bundled_index
    if which == "test corpus":  # a PP with a Ketentuan Umum: definitions
        s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
        build_index(s, embedder=HashEmbedder(), progress=False)
    gen = current_generation(s.index_dir)
    chunks = read_chunks(gen)
    f = Features.compute(chunks)
    assert len(f) == len(chunks) and f.sources == list(dict.fromkeys(c.source for c in chunks))
    f.save(tmp_path / FOLDER)
    g = Features.load(tmp_path / FOLDER)
    assert g.same_as(f) and isinstance(g.doc.base, np.memmap)  # memory-mapped, seen through a plain view
    # an incremental build carries unchanged documents' parts and computes the others
    d = len(f.sources) // 2
    r = f.ids_of(d)
    parts = [f.part(i) if i != d else document_part(chunks[r.start : r.stop]) for i in range(len(f.sources))]
    moved = Features.concat(parts[::-1])  # another order: other ids, same facts per document
    assert moved.sources == f.sources[::-1]
    assert all(moved.part(len(f.sources) - 1 - i).definitions == f.part(i).definitions for i in range(len(f.sources)))
    assert Features.concat(parts).same_as(f)
    if which == "test corpus":
        assert f.definitions and {d[1] for d in f.definitions} >= {"Pegawai", "Kampanye"}
    with pytest.raises(ValueError, match="not contiguous"):
        Features.compute([chunks[0], chunks[-1], dataclasses.replace(chunks[0])])


def test_chunk_rows_are_read_on_demand(bundled_index: Settings, tmp_path: Path) -> None:
    gen = current_generation(bundled_index.index_dir)
    want = read_chunks(gen)
    store = ChunkStore(gen, len(want), cache=5)
    assert len(store) == len(want) and store[3] == want[3] and store[-1] == want[-1]
    assert store[2:9] == want[2:9] and store.many([7, 1, 7]) == [want[7], want[1], want[7]]
    assert list(store) == want and len(store._cache) <= 5
    with pytest.raises(IndexError):
        store[len(want)]
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(store.many(range(0, len(want), 3)) == want[::3])) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert results == [True] * 4


def test_a_damaged_row_read_on_demand_is_named(bundled_index: Settings, tmp_path: Path) -> None:
    import shutil

    gen = tmp_path / current_generation(bundled_index.index_dir).name
    shutil.copytree(current_generation(bundled_index.index_dir), gen)
    db = sqlite3.connect(gen / "meta.sqlite")
    db.execute("UPDATE chunks SET data = '{broken' WHERE id = 4")
    db.commit()
    db.close()
    store = ChunkStore(gen, 10)
    assert store[3].source
    with pytest.raises(IndexStateError, match="chunk row 4 does not decode"):
        store[4]


def test_a_loaded_index_reads_no_chunk_row(bundled_index: Settings) -> None:
    idx = load_index(bundled_index.index_dir)
    assert isinstance(idx.chunks, ChunkStore) and not idx.chunks._cache
    s = Searcher(idx, HashEmbedder(), bundled_index)
    s.search("kampanye pegawai negeri", k=5)
    assert 0 < len(idx.chunks._cache) < len(idx.chunks) / 4, "only the candidates' rows are decoded"


def test_lazy_and_eager_searchers_agree(bundled_index: Settings) -> None:
    lazy = Searcher(load_index(bundled_index.index_dir), HashEmbedder(), bundled_index)
    idx = load_index(bundled_index.index_dir)
    eager = Searcher(dataclasses.replace(idx, chunks=read_chunks(idx.path), features=None), HashEmbedder(), bundled_index)
    questions = ["kampanye", "isi pasal 5 PP 94 2021", "apa yang dimaksud dengan PNS", "putusan kepala desa 2019",
                 "sanksi PNS yang menjadi tim sukses", "PP 53/2010 masih berlaku?", "UU ASN terbaru"]
    for f in (Filters(), Filters(kind="ruling"), Filters(kind="regulation", as_of="2015-01-01"), Filters(doc="PP 94/2021")):
        for q in questions:
            a = [(r.chunk.citation, r.score, r.cited, r.version) for r in lazy.search(q, 10, f)]
            b = [(r.chunk.citation, r.score, r.cited, r.version) for r in eager.search(q, 10, f)]
            assert a == b, (q, f)


def test_lazy_article_store_is_the_eager_one(bundled_index: Settings) -> None:
    idx = load_index(bundled_index.index_dir)
    s = Searcher(idx, HashEmbedder(), bundled_index)
    lazy = ArticleStore(idx.chunks, idx.docs, s.chunk_range)
    eager = ArticleStore(read_chunks(idx.path), idx.docs)
    assert not lazy._groups
    src = sorted(idx.docs)[0]
    assert [a.key for a in lazy.articles_of(src)] == [a.key for a in eager.articles_of(src)]
    assert [a.text for a in lazy.articles_of(src)] == [a.text for a in eager.articles_of(src)]
    key = next(k for k in eager._by_article)
    assert lazy.by_article.get(key) == eager._by_article[key]
    assert set(lazy._by_source) == {src, key[0]}


# ------------------------------------------------------------------ the query micro-batcher


class _Counting(HashEmbedder):
    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.calls: list[int] = []
        self.delay = delay

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        time.sleep(self.delay)
        return super().encode_queries(texts)


def test_batcher_encodes_concurrent_questions_together() -> None:
    inner = _Counting(delay=0.05)
    batcher = QueryBatcher(inner, window_ms=20, max_batch=16)
    questions = [f"pertanyaan nomor {i} tentang kampanye" for i in range(12)]
    out: dict[int, np.ndarray] = {}
    threads = [threading.Thread(target=lambda i=i: out.__setitem__(i, batcher.encode_queries([questions[i]]))) for i in range(12)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sum(inner.calls) == 12 and len(inner.calls) < 12, inner.calls
    for i, q in enumerate(questions):
        assert np.array_equal(out[i][0], HashEmbedder().encode_queries([q])[0])


def test_batcher_caches_by_exact_text_and_model() -> None:
    inner = _Counting()
    batcher = QueryBatcher(inner, window_ms=0, cache_size=2)
    a = batcher.encode_queries(["satu", "dua", "satu"])
    assert inner.calls == [2] and np.array_equal(a[0], a[2])
    batcher.encode_queries(["dua"])
    assert inner.calls == [2] and batcher.hits >= 1
    batcher.encode_queries(["tiga", "empat"])  # "satu" and "dua" fall out of a cache of 2
    batcher.encode_queries(["satu"])
    assert inner.calls == [2, 2, 1]
    assert batcher.model_id == inner.model_id and batcher.dim == inner.dim
    assert batcher.encode_queries([]).shape == (0, inner.dim)


def test_batcher_workers_make_model_calls_at_once_and_serving_shares_the_cores_among_them(monkeypatch: pytest.MonkeyPatch) -> None:
    class Overlap(HashEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.running = self.most = 0
            self.lock = threading.Lock()

        def encode_queries(self, texts: list[str]) -> np.ndarray:
            with self.lock:
                self.running += 1
                self.most = max(self.most, self.running)
            time.sleep(0.1)
            with self.lock:
                self.running -= 1
            return super().encode_queries(texts)

    for workers in (1, 2):
        inner = Overlap()
        # one question a call: otherwise one worker may take all four queued questions in one batch,
        # and whether the second worker ever calls the model depends on the host's timing
        batcher = QueryBatcher(inner, window_ms=0, max_batch=1, workers=workers)
        threads = [threading.Thread(target=batcher.encode_queries, args=([f"soal {i}"],)) for i in range(4)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        assert inner.most == workers, (workers, inner.most)

    loaded: list[Settings] = []
    monkeypatch.setattr(embed, "load_embedder", lambda s: loaded.append(s) or HashEmbedder())
    monkeypatch.setattr(embed.os, "cpu_count", lambda: 4)
    assert embed.serving_embedder(Settings(query_workers=2)).workers == 2 and loaded[-1].model_threads == 2
    assert embed.serving_embedder(Settings()).workers == 4 and loaded[-1].model_threads == 1  # one call per core
    assert embed.serving_embedder(Settings(query_workers=2, model_threads=3)).workers == 2 and loaded[-1].model_threads == 3


def test_batcher_hands_the_models_error_to_every_waiting_request() -> None:
    class Broken(HashEmbedder):
        def encode_queries(self, texts: list[str]) -> np.ndarray:
            raise RuntimeError("model gone")

    batcher = QueryBatcher(Broken(), window_ms=5)
    with pytest.raises(RuntimeError, match="model gone"):
        batcher.encode_queries(["x"])
    with pytest.raises(RuntimeError, match="model gone"):  # the worker survives
        batcher.encode_queries(["y"])


# ------------------------------------------------------------------ a server starting


def test_a_live_searcher_loading_in_the_background(bundled_index: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    real_open = Searcher.open

    def slow_open(*a, **kw):  # noqa: ANN002, ANN003, ANN202
        gate.wait(10)
        return real_open(*a, **kw)

    monkeypatch.setattr(Searcher, "open", slow_open)
    t = time.perf_counter()
    live = LiveSearcher(bundled_index, HashEmbedder(), background=True)
    assert time.perf_counter() - t < 1.0 and live.starting and not live.ready
    gate.set()
    assert live.get().search("kampanye", k=3) and live.ready and not live.starting


def test_a_background_start_without_an_index_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(IndexStateError, match="no index"):
        LiveSearcher(Settings(index_dir=tmp_path / "none"), HashEmbedder(), background=True)


def test_healthz_answers_while_the_index_loads(bundled_index: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from kb.library import Library
    from kb.web import create_app

    gate = threading.Event()
    real_open = Searcher.open
    monkeypatch.setattr(Searcher, "open", lambda *a, **kw: (gate.wait(10), real_open(*a, **kw))[1])
    lib = Library(bundled_index, LiveSearcher(bundled_index, HashEmbedder(), background=True))
    client = TestClient(create_app(bundled_index, lib))
    r = client.get("/healthz")
    assert r.status_code == 503 and "starting" in r.json()["detail"]
    gate.set()
    assert client.get("/api/search", params={"q": "kampanye"}).status_code == 200
    assert client.get("/healthz").json()["status"] == "ok"
    json.dumps(client.get("/healthz").json())
