"""kb.vectors: exact and HNSW stores, their choice by size, filters, save/load.
No timing assertions: speed is measured by bench/bench.py."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from kb import vectors as kbv
from kb.vectors import FlatStore, HnswStore, VectorStore, build_store, choose_store, load_store, recall_at_k


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return unit(rng.normal(size=(4000, 48))), unit(rng.normal(size=(100, 48)))


def brute(base: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(q @ base.T), axis=1, kind="stable")[:, :k]


def test_flat_is_exact(data) -> None:  # noqa: ANN001
    base, q = data
    store = FlatStore(base.shape[1])
    store.add(base)
    scores, ids = store.search(q, 10)
    assert ids.shape == scores.shape == (100, 10) and ids.dtype == np.int64
    assert recall_at_k(ids, brute(base, q, 10), 10) == 1.0
    assert np.allclose(scores[:, 0], (q @ base.T).max(axis=1), atol=1e-5)
    assert np.all(np.diff(scores, axis=1) <= 1e-6)  # best first


def test_hnsw_recall_against_flat(data) -> None:  # noqa: ANN001
    base, q = data
    flat, hnsw = FlatStore(base.shape[1]), HnswStore(base.shape[1])
    flat.add(base)
    hnsw.add(base)
    assert isinstance(hnsw, VectorStore) and isinstance(flat, VectorStore)
    assert hnsw.ntotal == flat.ntotal == len(base)
    assert recall_at_k(hnsw.search(q, 10)[1], flat.search(q, 10)[1], 10) >= 0.95
    assert recall_at_k(hnsw.search(q, 200)[1], flat.search(q, 200)[1], 200) >= 0.95  # the search pool


def test_one_dimensional_query_and_small_store() -> None:
    store = FlatStore(4)
    store.add(np.eye(4, dtype=np.float32)[:3])
    scores, ids = store.search(np.array([0, 1, 0, 0], np.float32), 5)
    assert ids.shape == (1, 5) and ids[0, 0] == 1 and scores[0, 0] == pytest.approx(1.0)
    assert list(ids[0, 3:]) == [-1, -1] and np.all(np.isneginf(scores[0, 3:]))  # fewer rows than k


def test_empty_stores_answer_nothing() -> None:
    for store in (FlatStore(8), HnswStore(8)):
        scores, ids = store.search(np.ones(8, np.float32), 3)
        assert store.ntotal == 0 and (ids == -1).all() and np.isneginf(scores).all()
        assert store.vectors().shape == (0, 8)


def test_wrong_dimension_is_refused() -> None:
    store = FlatStore(8)
    with pytest.raises(ValueError):
        store.add(np.ones((2, 7), np.float32))
    with pytest.raises(ValueError):
        store.search(np.ones(7, np.float32), 3)


@pytest.mark.parametrize("kind", [FlatStore, HnswStore])
def test_vectors_view_is_the_stored_data(kind, data) -> None:  # noqa: ANN001
    base, _ = data
    store = kind(base.shape[1])
    store.add(base[:500])
    view = store.vectors()
    assert view.shape == (500, base.shape[1]) and np.array_equal(view, base[:500])


@pytest.mark.parametrize("kind", [FlatStore, HnswStore])
def test_vectors_view_outlives_the_store(kind, data, tmp_path: Path) -> None:  # noqa: ANN001
    base, _ = data
    store = kind(base.shape[1])
    store.add(base[:300])
    store.save(tmp_path / "v.faiss")
    view = load_store(tmp_path / "v.faiss").vectors()  # the loaded store is dropped at once
    import gc

    gc.collect()
    junk = [np.full((300, base.shape[1]), 7.0, np.float32) for _ in range(20)]  # reuse freed memory
    assert np.array_equal(view, base[:300]) and not view.flags.writeable
    del junk


@pytest.mark.parametrize("kind", [FlatStore, HnswStore])
@pytest.mark.parametrize("exact_below", [10**9, 0])  # narrow filter (exact on the rows) and wide filter (selector)
def test_allowed_mask_restricts_results(kind, exact_below, data, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(kbv, "EXACT_BELOW", exact_below)
    base, q = data
    store = kind(base.shape[1])
    store.add(base)
    allowed = np.zeros(len(base), dtype=bool)
    allowed[::3] = True
    scores, ids = store.search(q[:20], 10, allowed=allowed)
    assert (ids >= 0).all() and allowed[ids].all()
    rows = np.flatnonzero(allowed)
    want = rows[brute(base[rows], q[:20], 10)]
    assert recall_at_k(ids, want, 10) >= (1.0 if kind is FlatStore else 0.9)
    few = np.zeros(len(base), dtype=bool)
    few[[5, 17]] = True
    _, ids = store.search(q[:3], 10, allowed=few)
    assert {int(i) for i in ids[0] if i >= 0} == {5, 17} and (ids[:, 2:] == -1).all()


@pytest.mark.parametrize("kind", [FlatStore, HnswStore])
def test_save_load_round_trip(kind, data, tmp_path: Path) -> None:  # noqa: ANN001
    base, q = data
    store = kind(base.shape[1])
    store.add(base[:1500])
    before = store.search(q, 10)
    store.save(tmp_path / "vectors.faiss")
    again = load_store(tmp_path / "vectors.faiss")
    assert type(again) is kind and again.kind == store.kind and again.ntotal == 1500 and again.dim == base.shape[1]
    after = again.search(q, 10)
    assert np.array_equal(before[1], after[1]) and np.allclose(before[0], after[0])
    assert type(kind.load(tmp_path / "vectors.faiss")) is kind
    other = HnswStore if kind is FlatStore else FlatStore
    with pytest.raises(ValueError):
        other.load(tmp_path / "vectors.faiss")


def test_hnsw_parameters_survive_save_load(tmp_path: Path) -> None:
    store = HnswStore(16, m=8, ef_construction=50, ef_search=300)
    store.add(unit(np.random.default_rng(1).normal(size=(200, 16))))
    store.save(tmp_path / "v.faiss")
    again = load_store(tmp_path / "v.faiss")
    assert isinstance(again, HnswStore) and again.m == 8 and again.ef_search == 300
    assert again.index.hnsw.efConstruction == 50


def test_index_written_before_stores_loads_as_flat(tmp_path: Path) -> None:
    """Generations written by the old index code hold a bare IndexFlatIP."""
    index = faiss.IndexFlatIP(8)
    index.add(np.eye(8, dtype=np.float32))
    faiss.write_index(index, str(tmp_path / "vectors.faiss"))
    store = load_store(tmp_path / "vectors.faiss")
    assert isinstance(store, FlatStore) and store.ntotal == 8
    assert store.search(np.eye(8, dtype=np.float32)[3], 1)[1][0, 0] == 3


def test_l2_index_is_refused(tmp_path: Path) -> None:
    faiss.write_index(faiss.IndexFlatL2(4), str(tmp_path / "l2.faiss"))
    with pytest.raises(ValueError):
        load_store(tmp_path / "l2.faiss")


def test_choose_store_switches_at_the_threshold() -> None:
    t = kbv.HNSW_THRESHOLD
    assert isinstance(choose_store(0, 384), FlatStore)
    assert isinstance(choose_store(t - 1, 384), FlatStore)
    assert isinstance(choose_store(t, 384), HnswStore)
    assert isinstance(choose_store(10 * t, 384), HnswStore)
    assert isinstance(choose_store(100, 384, threshold=50), HnswStore)
    assert choose_store(5, 384).ntotal == 0 and choose_store(5, 384).dim == 384


def test_build_store(data) -> None:  # noqa: ANN001
    base, _ = data
    assert isinstance(build_store(base), FlatStore) and build_store(base).ntotal == len(base)
    small = build_store(base[:300], threshold=100)
    assert isinstance(small, HnswStore) and small.ntotal == 300
    empty = build_store(np.zeros((0, 384), np.float32))
    assert isinstance(empty, FlatStore) and empty.dim == 384
    with pytest.raises(ValueError):
        build_store(np.zeros((0,), np.float32))


def test_recall_at_k() -> None:
    exact = np.array([[1, 2, 3, 4], [5, 6, 7, 8]])
    assert recall_at_k(exact, exact, 4) == 1.0
    assert recall_at_k(np.array([[1, 2, 9, 9], [8, 7, 6, 5]]), exact, 4) == 0.75
    assert recall_at_k(np.array([[1, -1]]), np.array([[1, -1]]), 2) == 1.0
