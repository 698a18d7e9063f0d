"""The Milvus vector store against milvus-lite (Milvus embedded in a file)."""

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pymilvus", reason="pymilvus is not installed (pip install 'netral[milvus]')")
pytest.importorskip("milvus_lite", reason="milvus-lite is not installed (pip install 'netral[milvus]')")

from kb.milvus_store import MilvusStore, collection_name  # noqa: E402


def _unit(n: int, dim: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_search_matches_exact_search_and_survives_save_load(tmp_path: Path) -> None:
    uri = str(tmp_path / "milvus.db")
    vecs = _unit(300, 16)
    store = MilvusStore(uri, collection_name("gen-20260101T000000-abc"), 16)
    store.add(vecs[:200])
    store.add(vecs[200:])
    assert store.ntotal == 300
    q = vecs[[5, 250]] + 0.01
    scores, ids = store.search(q, 5)
    exact = np.argsort(-(vecs @ q.T), axis=0)[:5].T
    assert ids[:, 0].tolist() == [5, 250] and (ids == exact).mean() >= 0.9
    assert np.all(np.diff(scores, axis=1) <= 1e-6)
    store.save(tmp_path / "vectors.milvus.json")
    again = MilvusStore.load(tmp_path / "vectors.milvus.json")
    assert again.ntotal == 300 and np.allclose(again.vectors(), vecs, atol=1e-6)


def test_filtered_search_returns_only_allowed_rows(tmp_path: Path) -> None:
    vecs = _unit(50, 8, seed=1)
    store = MilvusStore(str(tmp_path / "m.db"), "netral_t", 8)
    store.add(vecs)
    allowed = np.zeros(50, dtype=bool)
    allowed[[3, 7, 11]] = True
    _, ids = store.search(vecs[0], 10, allowed=allowed)
    assert set(ids[0][ids[0] >= 0].tolist()) == {3, 7, 11}
    store.drop()
