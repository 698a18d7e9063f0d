"""Stage 5, index: chunks and vectors in, an index generation on disk out.

Layout under the index folder:

    CURRENT                 name of the generation being served (replaced atomically)
    gen-<time>-<id>/        one complete build: meta.sqlite, and vectors.faiss + bm25/
                            (FAISS backend) or vectors.milvus.json (Milvus backend)
    cache/embeddings.sqlite vectors by sha256(model id + passage), shared by all builds
    build.lock              held while a build runs

A build writes a new generation beside the old one and switches CURRENT only once the new
one is complete and verified, so a crash mid-build leaves the previous index serving.

With the Milvus backend a generation's vectors and lexical tokens live in its own
collection, `collection_name(<generation>)`, and the generation folder holds a pointer
file to it; the collection is created with the generation, dropped if the build fails, and
dropped when the generation is pruned. Readers pick the store from what the generation
holds, so nothing but the token (settings) is needed to serve a Milvus-backed index.
"""

from __future__ import annotations

from .errors import NetralError

import dataclasses
import fcntl
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .chunk import Chunk
from .config import Settings
from .lexical import Bm25Index, LexicalIndex, passage_tokens
from .logs import fields
from .milvus_store import POINTER as MILVUS_POINTER
from .structure import DocMeta
from .vectors import HNSW_THRESHOLD, VectorStore, build_store, load_store

SCHEMA = """
CREATE TABLE documents (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, pages INTEGER NOT NULL, meta TEXT NOT NULL);
CREATE TABLE chunks (id INTEGER PRIMARY KEY, source TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX chunks_source ON chunks(source);
"""
KEEP_GENERATIONS = 2
FAISS_FILE = "vectors.faiss"
BM25_DIR = "bm25"
log = logging.getLogger(__name__)


class IndexStateError(NetralError, RuntimeError):
    """The index is missing, incomplete, or being built by someone else."""


@dataclass
class DocRecord:
    source: str
    sha256: str
    pages: int
    meta: DocMeta


@dataclass
class LoadedIndex:
    path: Path
    docs: dict[str, DocRecord]
    chunks: list[Chunk]
    vectors: VectorStore  # FlatStore below kb.vectors.HNSW_THRESHOLD chunks, HnswStore above; or MilvusStore
    bm25: LexicalIndex  # bm25s files, or Milvus full-text search in the same collection
    info: dict[str, object]


@dataclass(frozen=True)
class StoreTarget:
    """Where a new generation's vectors go: FAISS files in the generation folder, or a
    collection at a Milvus URI (a milvus-lite file as an absolute path). The token is
    used to connect and is never written anywhere."""

    backend: str = "faiss"
    uri: str | None = None
    token: str | None = None

    @classmethod
    def from_settings(cls, s: Settings) -> StoreTarget:
        if s.backend == "faiss":
            return cls(token=s.milvus_token)  # the token still serves to prune Milvus generations
        if s.backend != "milvus":
            raise IndexStateError(f"unknown vector backend {s.backend!r}: use faiss or milvus")
        if not s.milvus_uri:
            raise IndexStateError("the milvus backend needs a URI: --uri http://host:19530, or a milvus-lite file such as index/milvus.db (env KB_MILVUS_URI)")
        from .milvus_store import resolve_uri

        return cls("milvus", resolve_uri(s.milvus_uri), s.milvus_token)

    @property
    def location(self) -> tuple[str, str | None]:
        return (self.backend, self.uri)


def store_location(gen: Path) -> tuple[str, str | None]:
    """Where a generation's vectors are: ("faiss", None) or ("milvus", uri)."""
    pointer = gen / MILVUS_POINTER
    if pointer.exists():
        return ("milvus", json.loads(pointer.read_text())["uri"])
    return ("faiss", None)


def chunk_from_json(data: str) -> Chunk:
    return Chunk(**json.loads(data))


def meta_from_json(data: str) -> DocMeta:
    return DocMeta(**json.loads(data))


# ---------------------------------------------------------------------------- lock


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Refuse a second concurrent build with a clear message."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fh = open(index_dir / "build.lock", "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise IndexStateError(f"another build is running on {index_dir} (lock {index_dir / 'build.lock'})") from None
    try:
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


# ---------------------------------------------------------------------------- embedding cache


class EmbeddingCache:
    def __init__(self, index_dir: Path):
        (index_dir / "cache").mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(index_dir / "cache" / "embeddings.sqlite")
        self.db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    @staticmethod
    def key(model_id: str, passage: str) -> str:
        return hashlib.sha256(f"{model_id}\x00{passage}".encode()).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            batch = keys[i : i + 500]
            q = f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(batch))})"
            for k, v in self.db.execute(q, batch):
                out[k] = np.frombuffer(v, dtype=np.float32)
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO emb VALUES (?, ?)", [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()]
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------------------- write


def current_generation(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / "CURRENT").read_text().strip()
    except FileNotFoundError:
        return None
    path = index_dir / name
    return path if name and path.is_dir() else None


def write_generation(
    index_dir: Path,
    docs: list[DocRecord],
    chunks: list[Chunk],
    vectors: np.ndarray,
    info: dict[str, object],
    target: StoreTarget = StoreTarget(),
) -> Path:
    """Write a complete generation, verify it, then make it CURRENT (atomic rename)."""
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f".{name}.partial"
    tmp.mkdir(parents=True)
    try:
        dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else int(info.get("model_dim", 384))  # type: ignore[arg-type]
        store = _write_store(tmp, name, vectors.reshape(-1, dim), dim, chunks, target)
        db = sqlite3.connect(tmp / "meta.sqlite")
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?)",
            [(d.source, d.sha256, d.pages, json.dumps(dataclasses.asdict(d.meta), ensure_ascii=False)) for d in docs],
        )
        db.executemany(
            "INSERT INTO chunks VALUES (?, ?, ?)",
            [(i, c.source, json.dumps(dataclasses.asdict(c), ensure_ascii=False)) for i, c in enumerate(chunks)],
        )
        lexical = "milvus" if store.text else "bm25s"
        info = {**info, "chunks": len(chunks), "documents": len(docs), "dim": int(vectors.shape[1]) if len(vectors) else 0,
                "vector_store": store.kind, "lexical": lexical}
        db.executemany("INSERT INTO info VALUES (?, ?)", [(k, json.dumps(v)) for k, v in info.items()])
        db.commit()
        db.close()
        if lexical == "bm25s":
            Bm25Index.build([c.passage for c in chunks] or [""]).save(str(tmp / BM25_DIR))
        _verify(tmp, len(chunks), target.token)
        final = index_dir / name
        os.replace(tmp, final)
        cur_tmp = index_dir / f".CURRENT.{uuid.uuid4().hex[:6]}"
        cur_tmp.write_text(name)
        os.replace(cur_tmp, index_dir / "CURRENT")
    except BaseException:
        _remove_generation(tmp, target.token)  # and its collection, if it got one: no orphans
        raise
    _prune(index_dir, keep=name, token=target.token)
    return final


def _write_store(gen: Path, name: str, vectors: np.ndarray, dim: int, chunks: list[Chunk], target: StoreTarget) -> VectorStore:
    """The generation's vector store, complete and saved in `gen`. For Milvus the pointer
    file is written as soon as the collection exists (MilvusStore drops a collection it
    created if it then fails), so a failed or killed build always names its collection."""
    if target.backend != "milvus":
        store = build_store(vectors, dim)  # exact, or HNSW above the threshold
        store.save(gen / FAISS_FILE)
        return store
    from .milvus_store import MilvusStore, collection_name

    milvus = MilvusStore(target.uri, collection_name(name), dim, token=target.token, create=True,  # type: ignore[arg-type]
                         text=True, hnsw=len(vectors) >= HNSW_THRESHOLD)
    milvus.save(gen / MILVUS_POINTER)
    milvus.add(vectors, texts=[" ".join(passage_tokens(c.passage)) for c in chunks])
    return milvus


def open_store(gen: Path, token: str | None = None) -> VectorStore:
    """The generation's vector store, whichever backend wrote it."""
    if (gen / MILVUS_POINTER).exists():
        from .milvus_store import MilvusStore

        return MilvusStore.load(gen / MILVUS_POINTER, token=token)
    return load_store(gen / FAISS_FILE)


def open_lexical(gen: Path, store: VectorStore) -> LexicalIndex:
    """Milvus full-text search when the store's collection holds the tokens, else bm25s files."""
    from .milvus_store import MilvusBm25, MilvusStore

    if isinstance(store, MilvusStore) and store.text:
        return MilvusBm25(store)
    return Bm25Index.load(str(gen / BM25_DIR))


def _verify(gen: Path, n_chunks: int, token: str | None = None) -> None:
    db = sqlite3.connect(gen / "meta.sqlite")
    (count,) = db.execute("SELECT COUNT(*) FROM chunks").fetchone()
    db.close()
    ntotal = open_store(gen, token).ntotal
    if count != n_chunks or ntotal != n_chunks:
        raise IndexStateError(f"verification failed for {gen}: {count} chunk rows, {ntotal} vectors, expected {n_chunks}")


def _drop_collection(uri: str, collection: str, token: str | None, **context: object) -> bool:
    """Drop a collection; False (and a warning naming it) when Milvus cannot."""
    from .milvus_store import MilvusError, drop_collection

    try:
        drop_collection(uri, collection, token)
        return True
    except MilvusError as e:
        log.warning("milvus.drop_failed", extra=fields(collection=collection, uri=uri, error=str(e), **context))
        return False


def _remove_generation(gen: Path, token: str | None) -> None:
    """Delete a generation folder and its Milvus collection. If the collection cannot be
    dropped (Milvus unreachable), the folder stays so that the next build retries."""
    pointer = gen / MILVUS_POINTER
    if pointer.exists():
        try:
            p = json.loads(pointer.read_text())
        except (OSError, ValueError):
            p = None
        if p and not _drop_collection(p["uri"], p["collection"], token, kept=str(gen), retry="a later build"):
            return
    shutil.rmtree(gen, ignore_errors=True)


def _prune(index_dir: Path, keep: str, token: str | None = None) -> None:
    """Keep the newest generations (a server may still be reading the previous one)."""
    gens = sorted(p for p in index_dir.glob("gen-*") if p.is_dir() and p.name != keep)
    for old in gens[: max(0, len(gens) - (KEEP_GENERATIONS - 1))]:
        _remove_generation(old, token)
    for partial in index_dir.glob(".gen-*.partial"):
        if time.time() - partial.stat().st_mtime > 3600:
            _remove_generation(partial, token)


# ---------------------------------------------------------------------------- read


def read_documents(gen: Path) -> dict[str, DocRecord]:
    db = sqlite3.connect(f"file:{gen / 'meta.sqlite'}?mode=ro", uri=True)
    try:
        return {
            src: DocRecord(src, sha, pages, meta_from_json(meta))
            for src, sha, pages, meta in db.execute("SELECT source, sha256, pages, meta FROM documents")
        }
    finally:
        db.close()


def read_chunks(gen: Path, source: str | None = None) -> list[Chunk]:
    db = sqlite3.connect(f"file:{gen / 'meta.sqlite'}?mode=ro", uri=True)
    try:
        if source is None:
            rows = db.execute("SELECT data FROM chunks ORDER BY id")
        else:
            rows = db.execute("SELECT data FROM chunks WHERE source = ? ORDER BY id", (source,))
        return [chunk_from_json(d) for (d,) in rows]
    finally:
        db.close()


def read_info(gen: Path) -> dict[str, object]:
    db = sqlite3.connect(f"file:{gen / 'meta.sqlite'}?mode=ro", uri=True)
    try:
        return {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM info")}
    finally:
        db.close()


def load_index(index_dir: Path, milvus_token: str | None = None) -> LoadedIndex:
    """The current generation; its vector store (and lexical side) by what it holds."""
    gen = current_generation(index_dir)
    if gen is None:
        raise IndexStateError(f"no index in {index_dir}: run `kb build` first")
    store = open_store(gen, milvus_token)
    return LoadedIndex(
        path=gen,
        docs=read_documents(gen),
        chunks=read_chunks(gen),
        vectors=store,
        bm25=open_lexical(gen, store),
        info=read_info(gen),
    )
