"""A vector store in Milvus: the scale-out engine behind the same interface as the FAISS
stores in `kb.vectors` (add, search, save, load, ntotal, vectors).

The same code talks to a Milvus cluster by URI ("http://milvus:19530") or to milvus-lite,
Milvus embedded in a local file ("index/milvus.db"), which is what the tests use. Each
index generation writes its own collection, so the atomic switch of generations works as
with FAISS; `save` writes a small pointer file into the generation folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

BATCH = 1000


def _client(uri: str, token: str | None = None):  # noqa: ANN202
    try:
        from pymilvus import MilvusClient
    except ImportError as e:  # an optional dependency
        raise RuntimeError("the Milvus backend needs pymilvus (and milvus-lite for a local file): pip install 'netral[milvus]'") from e
    return MilvusClient(uri=uri, token=token or "")


def collection_name(generation: str) -> str:
    """Milvus names allow letters, digits and underscores."""
    return "netral_" + re.sub(r"\W", "_", generation)


class MilvusStore:
    kind = "milvus"

    def __init__(self, uri: str, collection: str, dim: int, token: str | None = None, create: bool = True):
        self.uri, self.collection, self.dim, self.token = uri, collection, dim, token
        self.client = _client(uri, token)
        if create and not self.client.has_collection(collection):
            self.client.create_collection(collection, dimension=dim, metric_type="IP", auto_id=False, consistency_level="Strong")
        self._n = self._count()

    def _count(self) -> int:
        stats = self.client.get_collection_stats(self.collection)
        return int(stats.get("row_count", 0))

    @property
    def ntotal(self) -> int:
        return self._n

    def add(self, vectors: np.ndarray) -> None:
        v = np.asarray(vectors, dtype=np.float32)
        if v.ndim != 2 or (len(v) and v.shape[1] != self.dim):
            raise ValueError(f"vectors of shape {v.shape} for a store of dimension {self.dim}")
        start = self._n
        for i in range(0, len(v), BATCH):
            rows = [{"id": start + i + j, "vector": row.tolist()} for j, row in enumerate(v[i : i + BATCH])]
            self.client.insert(self.collection, rows)
        self._n += len(v)
        if hasattr(self.client, "flush"):
            self.client.flush(self.collection)

    def search(self, query_vectors: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(query_vectors, dtype=np.float32)
        if q.ndim == 1:
            q = q[None, :]
        scores = np.full((len(q), k), -np.inf, dtype=np.float32)
        ids = np.full((len(q), k), -1, dtype=np.int64)
        if not self._n or k <= 0:
            return scores, ids
        expr = ""
        if allowed is not None:
            rows = np.flatnonzero(allowed)
            if not len(rows):
                return scores, ids
            if len(rows) < len(allowed):
                expr = f"id in {rows.tolist()}"
        hits = self.client.search(self.collection, data=q.tolist(), limit=min(k, self._n), filter=expr, output_fields=[])
        for qi, row in enumerate(hits):
            for j, h in enumerate(row[:k]):
                ids[qi, j] = int(h["id"])
                scores[qi, j] = float(h["distance"])
        return scores, ids

    def vectors(self) -> np.ndarray:
        out = np.zeros((self._n, self.dim), dtype=np.float32)
        for i in range(0, self._n, BATCH):
            rows = self.client.query(self.collection, filter=f"id >= {i} and id < {i + BATCH}", output_fields=["vector"])
            for r in rows:
                out[int(r["id"])] = r["vector"]
        return out

    def drop(self) -> None:
        if self.client.has_collection(self.collection):
            self.client.drop_collection(self.collection)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps({"kind": "milvus", "uri": self.uri, "collection": self.collection, "dim": self.dim}))

    @classmethod
    def load(cls, path: str | Path, token: str | None = None) -> "MilvusStore":
        info = json.loads(Path(path).read_text())
        return cls(info["uri"], info["collection"], int(info["dim"]), token=token, create=False)
