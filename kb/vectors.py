"""Vector stores: exact (flat) inner-product search while it is fast enough, HNSW above.

Vectors are unit length (see `kb.embed`), so inner product is cosine similarity.

    store = choose_store(len(vectors), dim)   # FlatStore below HNSW_THRESHOLD, else HnswStore
    store.add(vectors)
    scores, ids = store.search(query_vectors, k)        # (nq, k) each; ids -1 / score -inf pad
    scores, ids = store.search(q, k, allowed=mask)      # only rows where mask is True
    store.save(path); store = load_store(path)          # the kind is read from the file

An index generation written before this module existed holds a faiss IndexFlatIP in
vectors.faiss; `load_store` reads it as a FlatStore.

The threshold and the HNSW parameters were measured on this project's vectors (e5-small,
dim 384: the 1,389 real chunk vectors of the shared corpus and perturbed copies of them up
to 140k) on a 2-core machine; `bench/bench.py` re-measures latency and recall@10 against
exact search at every corpus size, and its README gives the figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import faiss
import numpy as np

HNSW_THRESHOLD = 100_000
"""Stores with at least this many vectors use HNSW; below, exact search. Measured on this
project's vectors (e5-small, dim 384; real chunk vectors and noisy copies of them) on
2 busy cores (load average ~3): exact search of one query for the 200-best pool costs
~0.1-0.17 ms per 1,000 vectors (memory-bound: ~5 ms at 50k, 15-25 ms at 140k),
HNSW at the beam below ~3-5 ms at any size up to 140k, but a graph costs ~0.15-0.3 ms per
vector to build (22-39 s at 140k), paid by every rebuild. At 100k exact search is ~2-4x
the HNSW cost and ~1/5 of the 50 ms query budget; below that, exact is exact, builds
instantly, and its cost hides in the encoder's noise."""

HNSW_M = 32
"""Graph degree. At 140k, M=16 needs a wider beam for the same recall (0.94 vs 0.96 at ef
800) and built no faster; M=48 (efConstruction 100) built ~3x slower for little gain."""
HNSW_EF_CONSTRUCTION = 80
"""Build-time beam: recall is set by efSearch on these vectors, 80 keeps the build short."""
HNSW_EF_SEARCH = 1024
"""Query-time beam (raised to k when k is larger). The synthetic 140k corpus (100 noisy
copies of every real vector: many near-ties) is hard for a graph: recall@10 against exact
for the dev questions was 0.66 at ef 200, 0.96 at 800, 0.997 at 1600 (3.1 ms and 5.2 ms
per query). At 1024 the benchmark measured 0.97 (3.8 ms p50 for the 200-best pool);
pseudo-queries sitting inside a cluster of 100 near-copies get 0.81 there, an artefact
of the synthetic copies rather than of real corpora."""
EXACT_BELOW = 20_000
"""A filtered HNSW search whose allowed rows are fewer than this is done exactly on those rows."""


def _as_queries(query_vectors: np.ndarray, dim: int) -> np.ndarray:
    q = np.asarray(query_vectors, dtype=np.float32)
    if q.ndim == 1:
        q = q[None, :]
    if q.ndim != 2 or q.shape[1] != dim:
        raise ValueError(f"query vectors of shape {q.shape} for a store of dimension {dim}")
    return np.ascontiguousarray(q)


def _as_vectors(vectors: np.ndarray, dim: int) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim != 2 or (len(v) and v.shape[1] != dim):
        raise ValueError(f"vectors of shape {v.shape} for a store of dimension {dim}")
    return np.ascontiguousarray(v)


def _empty(nq: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    return np.full((nq, k), -np.inf, dtype=np.float32), np.full((nq, k), -1, dtype=np.int64)


def _padded(scores: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scores = scores.astype(np.float32, copy=True)
    scores[ids < 0] = -np.inf
    return scores, ids.astype(np.int64, copy=False)


def allowed_rows(allowed: np.ndarray | None, n: int) -> np.ndarray | None:
    """The rows a search may return, ascending: from a bool mask of length n or an array of
    row ids; None when every row is allowed."""
    if allowed is None:
        return None
    a = np.asarray(allowed)
    if a.dtype == bool:
        if len(a) != n:
            raise ValueError(f"allowed mask of length {len(a)} for {n} vectors")
        return None if a.all() else np.flatnonzero(a)
    rows = np.unique(a.astype(np.int64, copy=False))
    if len(rows) and (rows[0] < 0 or rows[-1] >= n):
        raise ValueError(f"allowed row ids outside 0..{n - 1}")
    return None if len(rows) == n else rows


def _mask(rows: np.ndarray, n: int) -> np.ndarray:
    m = np.zeros(n, dtype=bool)
    m[rows] = True
    return m


def _selector(allowed: np.ndarray) -> tuple[faiss.IDSelector, np.ndarray]:
    bits = np.packbits(allowed.astype(bool), bitorder="little")
    return faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bits)), bits  # keep bits alive


def _top_k(sims: np.ndarray, k: int, ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Best k of each row of sims (nq, n), best first, ties by id as faiss does; -inf
    entries (filtered out) are never returned. `ids` maps columns to row ids."""
    nq, n = sims.shape
    scores, out = _empty(nq, k)
    kk = min(k, n)
    if kk == 0:
        return scores, out
    for i, row in enumerate(sims):
        top = np.argpartition(-row, kk - 1)[:kk] if kk < n else np.arange(n)
        top = top[np.isfinite(row[top])]
        top = top[np.lexsort((top, -row[top]))]
        scores[i, : len(top)] = row[top]
        out[i, : len(top)] = top if ids is None else ids[top]
    return scores, out


def inner_products(vectors: np.ndarray, q: np.ndarray) -> np.ndarray:
    """(nq, n) inner products, one query at a time with faiss' single-threaded SIMD kernel.

    Not `q @ vectors.T`: a multi-threaded OpenBLAS product leaves its threads spinning
    after the call, and on 2 cores they starve the torch threads of the next query's
    encoder (measured: next encode 100-120 ms instead of ~30 ms). faiss' IndexFlatIP
    search was slower for the 200-best pool (its heap). This kernel is as fast as the
    BLAS product for one query (1.5 ms at 14k, 18 ms at 140k vectors on this machine)."""
    n, d = vectors.shape
    out = np.empty((len(q), n), dtype=np.float32)
    if n == 0:
        return out
    base = faiss.swig_ptr(np.ascontiguousarray(vectors, dtype=np.float32))
    for i, x in enumerate(q):
        faiss.fvec_inner_products_ny(faiss.swig_ptr(out[i]), faiss.swig_ptr(np.ascontiguousarray(x)), base, d, n)
    return out


def _exact(vectors: np.ndarray, q: np.ndarray, k: int, allowed: np.ndarray | None = None, block: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k of each query, a block of queries at a time (bounded memory)."""
    scores, ids = _empty(len(q), k)
    for s in range(0, len(q), block):
        sims = inner_products(vectors, q[s : s + block])
        if allowed is not None:
            sims[:, ~allowed] = -np.inf
        scores[s : s + block], ids[s : s + block] = _top_k(sims, k)
    return scores, ids


def _exact_rows(vectors: np.ndarray, rows: np.ndarray, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k of q against vectors[rows] only (a narrow filter)."""
    if len(rows) == 0:
        return _empty(len(q), k)
    return _top_k(inner_products(vectors[rows], q), k, ids=rows)


class _Owned:
    """Exposes faiss memory to numpy while keeping its owner alive: the array's base."""

    def __init__(self, view: np.ndarray, owner: object):
        self.__array_interface__ = view.__array_interface__
        self._view, self._owner = view, owner


def _storage_view(flat: faiss.Index, owner: object) -> np.ndarray:
    """The stored vectors as a read-only (ntotal, d) float32 array, without copying; the
    array keeps `owner` (the faiss index holding the memory) alive."""
    n, d = flat.ntotal, flat.d
    if n == 0:
        return np.zeros((0, d), dtype=np.float32)
    view = np.asarray(_Owned(faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d), owner))
    view.flags.writeable = False
    return view


@runtime_checkable
class VectorStore(Protocol):
    """What the index writes and the searcher reads."""

    kind: str  # "flat", "hnsw", "milvus"
    dim: int
    text: bool
    """The store also holds each vector's lexical tokens and searches them (Milvus
    full-text search); False: the lexical index is bm25s files beside it."""

    @property
    def ntotal(self) -> int: ...

    def add(self, vectors: np.ndarray) -> None: ...

    def search(
        self, query_vectors: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Best k by inner product per query, best first: (scores, ids), each (nq, k) with
        score -inf and id -1 where fewer than k rows qualify. `allowed`: only those rows, as
        a bool mask (ntotal,) or an array of row ids."""
        ...

    def vectors(self) -> np.ndarray:
        """All stored vectors, (ntotal, dim): a read-only view of the store's memory (no
        copy; it keeps the memory alive), valid until the next add()."""
        ...

    def save(self, path: str | Path) -> None: ...

    @classmethod
    def load(cls, path: str | Path) -> "VectorStore": ...


class FlatStore:
    """Exact search. Stored (and saved) as a faiss IndexFlatIP; searched with numpy."""

    kind = "flat"
    text = False

    def __init__(self, dim: int, index: faiss.Index | None = None):
        self.dim = int(dim)
        self.index = index if index is not None else faiss.IndexFlatIP(self.dim)

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        v = _as_vectors(vectors, self.dim)
        if len(v):
            self.index.add(v)

    def vectors(self) -> np.ndarray:
        return _storage_view(self.index, self.index)

    def search(self, query_vectors: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = _as_queries(query_vectors, self.dim)
        if k <= 0 or self.ntotal == 0:
            return _empty(len(q), max(k, 0))
        rows = allowed_rows(allowed, self.ntotal)
        if rows is None:
            return _exact(self.vectors(), q, k)
        if len(rows) <= EXACT_BELOW:
            return _exact_rows(self.vectors(), rows, q, k)
        return _exact(self.vectors(), q, k, _mask(rows, self.ntotal))

    def save(self, path: str | Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: str | Path) -> "FlatStore":
        store = load_store(path)
        if not isinstance(store, cls):
            raise ValueError(f"{path} holds a {store.kind} store, not a flat one")
        return store


class HnswStore:
    """Approximate search (faiss IndexHNSWFlat, inner product). The vectors stay in full
    precision in the graph's storage, so `vectors()` and filtered exact search still work."""

    kind = "hnsw"
    text = False

    def __init__(
        self,
        dim: int,
        m: int = HNSW_M,
        ef_construction: int = HNSW_EF_CONSTRUCTION,
        ef_search: int = HNSW_EF_SEARCH,
        index: faiss.Index | None = None,
    ):
        self.dim = int(dim)
        if index is None:
            index = faiss.IndexHNSWFlat(self.dim, int(m), faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = int(ef_construction)
        self.index = index
        self.ef_search = int(ef_search)

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    @property
    def m(self) -> int:
        return int(self.index.hnsw.nb_neighbors(1))

    def add(self, vectors: np.ndarray) -> None:
        v = _as_vectors(vectors, self.dim)
        if len(v):
            self.index.add(v)

    def vectors(self) -> np.ndarray:
        return _storage_view(faiss.downcast_index(self.index.storage), self.index)

    def search(self, query_vectors: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = _as_queries(query_vectors, self.dim)
        if k <= 0 or self.ntotal == 0:
            return _empty(len(q), max(k, 0))
        ef = max(self.ef_search, k)
        if allowed is not None and np.asarray(allowed).dtype == bool:
            if len(allowed) != self.ntotal:
                raise ValueError(f"allowed mask of length {len(allowed)} for {self.ntotal} vectors")
            mask, count = allowed, int(np.count_nonzero(allowed))
        else:
            rows = allowed_rows(allowed, self.ntotal)
            mask, count = (None, self.ntotal) if rows is None else (_mask(rows, self.ntotal), len(rows))
        if mask is None or count == self.ntotal:
            return _padded(*self.index.search(q, k, params=faiss.SearchParametersHNSW(efSearch=ef)))
        if count <= EXACT_BELOW:  # a narrow filter: exact on those rows is cheap and exact
            return _exact_rows(self.vectors(), np.flatnonzero(mask), q, k)
        # A wide filter: walk the graph but keep only allowed rows; widen the beam by the
        # share filtered out so as many candidates survive as without a filter.
        sel, _bits = _selector(mask)
        ef = min(int(ef * self.ntotal / count) + 1, 4 * ef)
        return _padded(*self.index.search(q, k, params=faiss.SearchParametersHNSW(sel=sel, efSearch=ef)))

    def save(self, path: str | Path) -> None:
        self.index.hnsw.efSearch = self.ef_search
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: str | Path) -> "HnswStore":
        store = load_store(path)
        if not isinstance(store, cls):
            raise ValueError(f"{path} holds a {store.kind} store, not an HNSW one")
        return store


MAX_DEAD = 0.2
"""An HNSW graph is updated in place by an incremental build (the new chunks' vectors added,
the vectors of chunks gone left in it, never returned) while at most this share of its
slots is dead; past it the graph is built anew. Measured on this project's vectors: see
bench/README.md (recall@10 against exact search after repeated updates)."""
SLOTS_FILE = "vectors.slots.npy"


class SlottedStore:
    """An HNSW graph that incremental builds update: slot `slot_of[i]` holds chunk i's vector;
    slots no chunk of this generation owns (vectors of chunks since changed or removed) are
    masked out of every search."""

    kind = "hnsw"
    text = False

    def __init__(self, graph: HnswStore, slot_of: np.ndarray):
        self.graph, self.dim = graph, graph.dim
        self._map(np.asarray(slot_of, dtype=np.int64))

    def _map(self, slot_of: np.ndarray) -> None:
        if len(slot_of) and (slot_of.min() < 0 or slot_of.max() >= self.graph.ntotal):
            raise ValueError("a chunk's slot is outside the vector index")
        self.slot_of = slot_of
        self.chunk_of = np.full(self.graph.ntotal, -1, dtype=np.int64)
        self.chunk_of[slot_of] = np.arange(len(slot_of))
        self.alive = self.chunk_of >= 0
        if int(self.alive.sum()) != len(slot_of):
            raise ValueError("two chunks share a slot of the vector index")

    @property
    def ntotal(self) -> int:
        return len(self.slot_of)

    @property
    def dead(self) -> int:
        return self.graph.ntotal - self.ntotal

    @property
    def index(self) -> faiss.Index:
        return self.graph.index

    @property
    def ef_search(self) -> int:
        return self.graph.ef_search

    def add(self, vectors: np.ndarray) -> None:
        start = self.graph.ntotal
        self.graph.add(vectors)
        self._map(np.concatenate((self.slot_of, np.arange(start, self.graph.ntotal))))

    def vectors(self) -> np.ndarray:
        """This generation's vectors in chunk order (a copy: the slots are not in that order)."""
        return self.graph.vectors()[self.slot_of]

    def search(self, query_vectors: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        rows = allowed_rows(allowed, self.ntotal)
        if rows is None:
            slots = self.alive if self.dead else None
        else:
            slots = _mask(self.slot_of[rows], self.graph.ntotal)
        scores, ids = self.graph.search(query_vectors, k, allowed=slots)
        return scores, np.where(ids >= 0, self.chunk_of[np.maximum(ids, 0)], -1)

    def save(self, path: str | Path) -> None:
        self.graph.save(path)
        np.save(Path(path).with_name(SLOTS_FILE), self.slot_of)

    @classmethod
    def load(cls, path: str | Path) -> "SlottedStore":
        store = load_store(path)
        if not isinstance(store, cls):
            raise ValueError(f"{path} has no slot map")
        return store


def updated_store(prev: VectorStore, carried: np.ndarray, fresh: np.ndarray) -> SlottedStore | None:
    """The previous generation's HNSW graph (changed in place) made into the new one's:
    `carried[i]` is the previous chunk id of new chunk i (-1: a new chunk, whose vector is
    the next row of `fresh`). None when the previous store is not an HNSW graph, or when
    the graph would hold more than MAX_DEAD dead slots: build it anew then."""
    if isinstance(prev, HnswStore):
        prev = SlottedStore(prev, np.arange(prev.ntotal))
    if not isinstance(prev, SlottedStore):
        return None
    carried = np.asarray(carried, dtype=np.int64)
    new = carried < 0
    if int(new.sum()) != len(fresh):
        raise ValueError(f"{int(new.sum())} new chunks but {len(fresh)} new vectors")
    total = prev.graph.ntotal + len(fresh)
    if total == 0 or (total - len(carried)) / total > MAX_DEAD:
        return None
    start = prev.graph.ntotal
    slot_of = np.empty(len(carried), dtype=np.int64)
    slot_of[~new] = prev.slot_of[carried[~new]]
    slot_of[new] = np.arange(start, start + len(fresh))
    prev.graph.add(fresh)
    return SlottedStore(prev.graph, slot_of)


def chunk_vectors(store: VectorStore, ids: range | np.ndarray) -> np.ndarray:
    """The vectors of chunks `ids` of a store (a copy)."""
    if isinstance(store, SlottedStore):
        return store.graph.vectors()[store.slot_of[np.asarray(ids)]]
    return np.array(store.vectors()[ids if isinstance(ids, range) else np.asarray(ids)])


def wrap_index(index: faiss.Index) -> FlatStore | HnswStore:
    """A store around an existing faiss index (IndexFlatIP or IndexHNSWFlat, inner product)."""
    if type(index) is faiss.Index:  # read_index already returns the concrete, owning type
        owner, index = index, faiss.downcast_index(index)
        index.this.own(owner.this.own())  # the concrete proxy now frees it
        owner.this.disown()
    if index.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise ValueError(f"vector index uses metric {index.metric_type}, expected inner product")
    if isinstance(index, faiss.IndexHNSWFlat):
        return HnswStore(index.d, index=index, ef_search=int(index.hnsw.efSearch))  # as saved
    if isinstance(index, faiss.IndexFlat):
        return FlatStore(index.d, index=index)
    raise ValueError(f"unsupported vector index type {type(index).__name__}")


def load_store(path: str | Path) -> FlatStore | HnswStore | SlottedStore:
    """Read vectors.faiss, whichever store wrote it (and its slot map, if an update wrote one)."""
    store = wrap_index(faiss.read_index(str(path)))
    slots = Path(path).with_name(SLOTS_FILE)
    if slots.exists():
        if not isinstance(store, HnswStore):
            raise ValueError(f"{slots} beside a {store.kind} store")
        return SlottedStore(store, np.load(slots))
    return store


def choose_store(n_vectors: int, dim: int, threshold: int = HNSW_THRESHOLD) -> FlatStore | HnswStore:
    """An empty store fit for n_vectors: exact below `threshold`, HNSW from it on."""
    return HnswStore(dim) if n_vectors >= threshold else FlatStore(dim)


def build_store(vectors: np.ndarray, dim: int | None = None, threshold: int = HNSW_THRESHOLD) -> FlatStore | HnswStore:
    """choose_store + add, in one call (what the index writer needs)."""
    v = np.asarray(vectors, dtype=np.float32)
    d = int(dim if dim is not None else (v.shape[1] if v.ndim == 2 and v.shape[1] else 0))
    if d <= 0:
        raise ValueError("cannot tell the vector dimension: pass dim for an empty store")
    store = choose_store(len(v), d, threshold)
    store.add(v.reshape(-1, d) if len(v) else np.zeros((0, d), np.float32))
    return store


def recall_at_k(approx_ids: np.ndarray, exact_ids: np.ndarray, k: int = 10) -> float:
    """Mean share of the exact top-k ids that the approximate top-k found."""
    hits, total = 0, 0
    for a, e in zip(approx_ids, exact_ids):
        want = {int(i) for i in e[:k] if i >= 0}
        hits += len(want & {int(i) for i in a[:k] if i >= 0})
        total += len(want)
    return hits / total if total else 1.0
