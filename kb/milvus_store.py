"""A vector store in Milvus: the scale-out engine behind the same interface as the FAISS
stores in `kb.vectors` (add, search, save, load, ntotal, vectors), and the lexical side
of search in the same collection (Milvus full-text search, BM25).

The same code talks to a Milvus cluster by URI ("http://milvus:19530") or to milvus-lite,
Milvus embedded in a local file ("index/milvus.db"), which is what the tests use. Each
index generation writes its own collection, so the atomic switch of generations works as
with FAISS; `save` writes a small pointer file (uri, collection, dimension: never the
token) into the generation folder.

One collection holds, per chunk: `id` (the chunk's row number), `vector`, and with
`text=True` the chunk's lexical tokens (`kb.lexical.tokenize`: our Sastrawi stems, joined
by spaces) in `text`, from which a BM25 function derives the sparse `sparse` field.

In one process every client of a URI shares one connection (pymilvus keys connections by
address and token; milvus-lite runs one embedded server per file and process), so opening
a store twice needs no client cache. Across processes a milvus-lite file is locked: one
process at a time (`kb serve` holding it blocks a `kb build` of the same file).

Importing this module does not import pymilvus; connecting does.
"""

from __future__ import annotations

from .errors import NetralError

import fcntl
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .vectors import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M

if TYPE_CHECKING:
    from pymilvus import MilvusClient

BATCH = 1000
POINTER = "vectors.milvus.json"
"""The pointer file a Milvus-backed generation holds instead of vectors.faiss."""
CONNECT_TIMEOUT = 10.0
MAX_LIMIT = 16384
"""Milvus' largest top-k."""
BM25_K1, BM25_B = 1.2, 0.75
"""As `kb.lexical.Bm25Index` (bm25s)."""
TEXT_ANALYZER = {"tokenizer": "standard"}
"""The text field holds our own tokens ([a-z0-9]+, space-separated), so Milvus must only
split at spaces. milvus-lite 3.2 knows only the "standard" and "jieba" tokenizers (not
"whitespace"); on this alphabet "standard" (Unicode word boundaries; milvus-lite: \\w+)
splits exactly at the spaces, on milvus-lite and on a cluster alike. The tokens are
already lower-case, so no filter is needed."""
QUERY_WEIGHT_SCALE = 4
"""Milvus takes a BM25 query as text, and a term repeated r times counts r times. A query
term of weight w is written round(w * 4) times (exact for multiples of 0.25; the searcher
uses 1 and 0.5), and the scores divided back."""


class MilvusError(NetralError, RuntimeError):
    """Milvus cannot be reached or refused an operation; the message names the URI and collection."""


def collection_name(generation: str) -> str:
    """Milvus names allow letters, digits and underscores."""
    return "netral_" + re.sub(r"\W", "_", generation)


def is_lite(uri: str) -> bool:
    """A milvus-lite file rather than a server address."""
    return "://" not in uri and not uri.startswith("unix:")


def resolve_uri(uri: str) -> str:
    """A server URI as given; a milvus-lite file as an absolute path, so that the pointer
    file works from any folder. pymilvus takes only names ending in .db for files."""
    if not is_lite(uri):
        return uri
    path = Path(uri).expanduser()
    if path.suffix != ".db":
        raise MilvusError(f"not a Milvus URI: {uri!r}; give a server (http://host:19530) or a milvus-lite file ending in .db")
    return str(path.resolve())


def describe(uri: str) -> str:
    return f"milvus-lite file {uri}" if is_lite(uri) else f"Milvus at {uri}"


def _reason(e: BaseException) -> str:
    return str(getattr(e, "message", None) or e)


def _held_elsewhere(path: str) -> bool:
    """Whether another process holds milvus-lite's lock on this file (its LOCK flock).
    Only asked after a failed open: this process then serves no such file itself."""
    lock = Path(path) / "LOCK"
    if not lock.exists():
        return False
    with open(lock, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


class _QuietUnimplemented(logging.Filter):
    """milvus-lite serves gRPC inside this process and lacks some calls that pymilvus tries
    and then does without (AllocTimestamp, while waiting for an index to be built); grpc
    logs each as an ERROR with a traceback. Drop those records, and only those."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], NotImplementedError))


def _quiet_lite_server() -> None:
    logger = logging.getLogger("grpc._server")
    if not any(isinstance(f, _QuietUnimplemented) for f in logger.filters):
        logger.addFilter(_QuietUnimplemented())


class _Keep(logging.Filter):
    """Holds back the records of a logger (and their exceptions) instead of printing them."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[BaseException] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            self.errors.append(record.exc_info[1])
        return False


@contextmanager
def _lite_failures() -> Iterator[_Keep]:
    """milvus-lite logs why it could not open a file (with a traceback) and pymilvus then
    raises only "Open local milvus failed": keep the reason for our own message."""
    logger, keep = logging.getLogger("milvus_lite.server_manager"), _Keep()
    logger.addFilter(keep)
    try:
        yield keep
    finally:
        logger.removeFilter(keep)


def connect(uri: str, token: str | None = None, create: bool = False) -> MilvusClient:
    """A MilvusClient for `uri` (resolved first). create: a missing milvus-lite file (and
    its folder) may be created; otherwise it must exist."""
    try:
        from pymilvus import MilvusClient
    except ImportError as e:  # an optional dependency
        raise MilvusError("the Milvus backend needs pymilvus (and milvus-lite for a local file): pip install 'netral[milvus]'") from e
    uri = resolve_uri(uri)
    if is_lite(uri):
        _quiet_lite_server()
        if create:
            Path(uri).parent.mkdir(parents=True, exist_ok=True)
        elif not Path(uri).exists():
            raise MilvusError(f"cannot open {describe(uri)}: it does not exist")
    with _lite_failures() as lite:
        try:
            return MilvusClient(uri=uri, token=token or "", timeout=CONNECT_TIMEOUT)
        except Exception as e:
            if is_lite(uri) and _held_elsewhere(uri):
                reason = ("another process holds it (milvus-lite lets one process use a file at a time:"
                          " stop `kb serve` or the other `kb` command, or use a Milvus server)")
            else:
                reason = "; ".join([_reason(e), *(f"{type(x).__name__}: {x}" for x in lite.errors)])
            raise MilvusError(f"cannot reach {describe(uri)}: {reason}") from e


def drop_collection(uri: str, collection: str, token: str | None = None) -> None:
    """Drop a collection if it exists (a missing milvus-lite file holds none)."""
    uri = resolve_uri(uri)
    if is_lite(uri) and not Path(uri).exists():
        return
    client = connect(uri, token)
    try:
        if client.has_collection(collection):
            client.drop_collection(collection)
    except Exception as e:
        raise MilvusError(f"cannot drop collection {collection} at {describe(uri)}: {_reason(e)}") from e


def _index_params(**params: Any) -> dict[str, Any]:
    """Index build parameters for both servers: pymilvus 3 sends them as flat key/value
    pairs (what Milvus reads), milvus-lite 3.2 reads only a JSON "params" entry (which
    Milvus also accepts, the form older clients sent). Without it milvus-lite silently
    used its defaults (BM25 k1 1.5 instead of 1.2)."""
    return {**params, "params": params}


def _id_filter(allowed: np.ndarray | None, n: int | None = None) -> str | None:
    """A Milvus filter for the rows where `allowed` is True: "" for all, None for none;
    the shorter of `id in [...]` and `id not in [...]`."""
    if allowed is None:
        return ""
    if np.asarray(allowed).dtype != bool:  # row ids: kb.vectors accepts both
        if n is None:
            raise ValueError("row ids need the row count")
        allowed = _ids_mask(np.asarray(allowed), n)
    rows = np.flatnonzero(allowed)
    if not len(rows):
        return None
    if len(rows) == len(allowed):
        return ""
    if 2 * len(rows) <= len(allowed):
        return f"id in {rows.tolist()}"
    return f"id not in {np.flatnonzero(~np.asarray(allowed, dtype=bool)).tolist()}"


def _ids_mask(ids: np.ndarray, n: int) -> np.ndarray:
    m = np.zeros(n, dtype=bool)
    m[ids.astype(np.int64)] = True
    return m


def weighted_query(tokens: list[str], weights: dict[str, float] | None = None) -> str:
    """The BM25 query text: each distinct token repeated round(weight * QUERY_WEIGHT_SCALE) times."""
    out: list[str] = []
    for tok in dict.fromkeys(tokens):
        out.extend([tok] * round((weights or {}).get(tok, 1.0) * QUERY_WEIGHT_SCALE))
    return " ".join(out)


class MilvusStore:
    """Vectors (and, with text=True, lexical tokens) of one generation in one collection.

    Exact search (FLAT) unless hnsw=True, with the HNSW parameters of `kb.vectors`."""

    kind = "milvus"

    def __init__(
        self,
        uri: str,
        collection: str,
        dim: int,
        token: str | None = None,
        create: bool = True,
        text: bool = False,
        hnsw: bool = False,
    ):
        self.uri, self.collection, self.dim, self.token = resolve_uri(uri), collection, int(dim), token
        self.text, self.hnsw = text, hnsw
        self.client = connect(self.uri, token, create=create)
        with self._errors("open"):
            exists = self.client.has_collection(collection)
        if not exists:
            if not create:
                raise MilvusError(f"collection {collection} not found at {describe(self.uri)}: was it dropped? rebuild with `kb build`")
            with self._errors("create"):
                self._create()
        try:
            with self._errors("load"):  # into memory for search: a new process (or server restart) finds it released
                self.client.load_collection(collection)
            self._n = self._count()
        except BaseException:
            if not exists:  # what this constructor created does not outlive it
                self.client.drop_collection(collection)
            raise

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except MilvusError:
            raise
        except Exception as e:
            raise MilvusError(f"cannot {action} collection {self.collection} at {describe(self.uri)}: {_reason(e)}") from e

    def _create(self) -> None:
        from pymilvus import DataType, Function, FunctionType

        schema = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        index = self.client.prepare_index_params()
        if self.hnsw:
            index.add_index("vector", index_type="HNSW", metric_type="IP", params=_index_params(M=HNSW_M, efConstruction=HNSW_EF_CONSTRUCTION))
        else:
            index.add_index("vector", index_type="FLAT", metric_type="IP")
        if self.text:
            schema.add_field("text", DataType.VARCHAR, max_length=65535, enable_analyzer=True, analyzer_params=TEXT_ANALYZER)
            schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["text"], output_field_names=["sparse"]))
            index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25", params=_index_params(bm25_k1=BM25_K1, bm25_b=BM25_B))
        self.client.create_collection(self.collection, schema=schema, index_params=index, consistency_level="Strong")

    def _count(self) -> int:
        with self._errors("count"):
            rows = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    @property
    def ntotal(self) -> int:
        return self._n

    def add(self, vectors: np.ndarray, texts: list[str] | None = None) -> None:
        """Append vectors (ids continue from ntotal); with text=True, one token text per vector."""
        v = np.asarray(vectors, dtype=np.float32)
        if v.ndim != 2 or (len(v) and v.shape[1] != self.dim):
            raise ValueError(f"vectors of shape {v.shape} for a store of dimension {self.dim}")
        if self.text != (texts is not None) or (texts is not None and len(texts) != len(v)):
            raise ValueError(f"a store {'with' if self.text else 'without'} text needs {'one text per vector' if self.text else 'no texts'}")
        start = self._n
        with self._errors("insert into"):
            for i in range(0, len(v), BATCH):
                rows = [{"id": start + i + j, "vector": row.tolist()} for j, row in enumerate(v[i : i + BATCH])]
                if texts is not None:
                    for row, t in zip(rows, texts[i : i + BATCH], strict=True):
                        row["text"] = t
                self.client.insert(self.collection, rows)
            self.client.flush(self.collection)
        self._n += len(v)

    def _search(self, data: list, field: str, limit: int, expr: str, params: dict[str, Any]) -> list:
        with self._errors("search"):
            return self.client.search(self.collection, data=data, anns_field=field, limit=limit, filter=expr, search_params=params, output_fields=[])

    def search(self, query_vectors: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(query_vectors, dtype=np.float32)
        if q.ndim == 1:
            q = q[None, :]
        scores = np.full((len(q), max(k, 0)), -np.inf, dtype=np.float32)
        ids = np.full((len(q), max(k, 0)), -1, dtype=np.int64)
        expr = _id_filter(allowed, self._n)
        if not self._n or k <= 0 or expr is None or not len(q):
            return scores, ids
        params: dict[str, Any] = {"metric_type": "IP"}
        if self.hnsw:
            params["params"] = {"ef": max(HNSW_EF_SEARCH, k)}
        hits = self._search(q.tolist(), "vector", min(k, self._n, MAX_LIMIT), expr, params)
        for qi, row in enumerate(hits):
            for j, h in enumerate(row[:k]):
                ids[qi, j] = int(h["id"])
                scores[qi, j] = float(h["distance"])
        return scores, ids

    def vectors(self) -> np.ndarray:
        out = np.zeros((self._n, self.dim), dtype=np.float32)
        with self._errors("read"):
            for i in range(0, self._n, BATCH):
                rows = self.client.query(self.collection, filter=f"id >= {i} and id < {i + BATCH}", output_fields=["vector"])
                for r in rows:
                    out[int(r["id"])] = r["vector"]
        return out

    def drop(self) -> None:
        with self._errors("drop"):
            if self.client.has_collection(self.collection):
                self.client.drop_collection(self.collection)

    def save(self, path: str | Path) -> None:
        """The pointer file: where the collection is, never the token."""
        info = {"kind": "milvus", "uri": self.uri, "collection": self.collection, "dim": self.dim, "text": self.text, "hnsw": self.hnsw}
        Path(path).write_text(json.dumps(info))

    @staticmethod
    def read_pointer(path: str | Path) -> dict[str, Any]:
        return json.loads(Path(path).read_text())

    @classmethod
    def load(cls, path: str | Path, token: str | None = None) -> MilvusStore:
        info = cls.read_pointer(path)
        return cls(info["uri"], info["collection"], int(info["dim"]), token=token, create=False,
                   text=bool(info.get("text")), hnsw=bool(info.get("hnsw")))


class MilvusBm25:
    """The lexical side in Milvus: BM25 full-text search over the `text` field of a
    MilvusStore built with text=True; the `kb.lexical.LexicalIndex` interface."""

    def __init__(self, store: MilvusStore):
        if not store.text:
            raise ValueError(f"collection {store.collection} holds no text field")
        self.store = store

    def scores(
        self, query_tokens: list[str], weights: dict[str, float] | None = None,
        allowed: np.ndarray | None = None, limit: int | None = None,
    ) -> np.ndarray:
        """BM25 scores of the best `limit` allowed chunks (0 elsewhere), on bm25s' scale:
        Milvus' BM25 carries a constant (k1 + 1) factor that bm25s leaves out."""
        n = self.store.ntotal
        out = np.zeros(n, dtype=np.float32)
        text = weighted_query(query_tokens, weights)
        expr = _id_filter(allowed, n)
        if not n or not text or expr is None:
            return out
        top = min(limit or MAX_LIMIT, n, MAX_LIMIT)
        hits = self.store._search([text], "sparse", top, expr, {"metric_type": "BM25"})
        scale = (BM25_K1 + 1) * QUERY_WEIGHT_SCALE
        for h in hits[0]:
            out[int(h["id"])] = abs(float(h["distance"])) / scale  # milvus-lite returns BM25 scores negated
        return out
