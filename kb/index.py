"""Stage 5, index: chunks and vectors in, an index generation on disk out.

Layout under the index folder:

    CURRENT                 name of the generation being served (replaced atomically)
    gen-<time>-<id>/        one complete build: meta.sqlite, vectors.faiss, bm25/
    cache/embeddings.sqlite vectors by sha256(model id + passage), shared by all builds
    build.lock              held while a build runs

A build writes a new generation beside the old one and switches CURRENT only once the new
one is complete and verified, so a crash mid-build leaves the previous index serving.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
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
from .lexical import Bm25Index
from .structure import DocMeta
from .vectors import VectorStore, build_store, load_store

SCHEMA = """
CREATE TABLE documents (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, pages INTEGER NOT NULL, meta TEXT NOT NULL);
CREATE TABLE chunks (id INTEGER PRIMARY KEY, source TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX chunks_source ON chunks(source);
"""
KEEP_GENERATIONS = 2


class IndexError_(RuntimeError):
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
    vectors: VectorStore  # FlatStore below kb.vectors.HNSW_THRESHOLD chunks, HnswStore above
    bm25: Bm25Index
    info: dict[str, object]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


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
        raise IndexError_(f"another build is running on {index_dir} (lock {index_dir / 'build.lock'})") from None
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
    index_dir: Path, docs: list[DocRecord], chunks: list[Chunk], vectors: np.ndarray, info: dict[str, object]
) -> Path:
    """Write a complete generation, verify it, then make it CURRENT (atomic rename)."""
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f".{name}.partial"
    tmp.mkdir(parents=True)
    try:
        dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else int(info.get("model_dim", 384))  # type: ignore[arg-type]
        store = build_store(vectors.reshape(-1, dim), dim)  # exact, or HNSW above the threshold
        store.save(tmp / "vectors.faiss")
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
        info = {**info, "chunks": len(chunks), "documents": len(docs), "dim": int(vectors.shape[1]) if len(vectors) else 0, "vector_store": store.kind}
        db.executemany("INSERT INTO info VALUES (?, ?)", [(k, json.dumps(v)) for k, v in info.items()])
        db.commit()
        db.close()
        Bm25Index.build([c.passage for c in chunks] or [""]).save(str(tmp / "bm25"))
        _verify(tmp, len(chunks))
        final = index_dir / name
        os.replace(tmp, final)
        cur_tmp = index_dir / f".CURRENT.{uuid.uuid4().hex[:6]}"
        cur_tmp.write_text(name)
        os.replace(cur_tmp, index_dir / "CURRENT")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(index_dir, keep=name)
    return final


def _verify(gen: Path, n_chunks: int) -> None:
    db = sqlite3.connect(gen / "meta.sqlite")
    (count,) = db.execute("SELECT COUNT(*) FROM chunks").fetchone()
    db.close()
    ntotal = load_store(gen / "vectors.faiss").ntotal
    if count != n_chunks or ntotal != n_chunks:
        raise IndexError_(f"verification failed for {gen}: {count} chunk rows, {ntotal} vectors, expected {n_chunks}")


def _prune(index_dir: Path, keep: str) -> None:
    """Keep the newest generations (a server may still be reading the previous one)."""
    gens = sorted(p for p in index_dir.glob("gen-*") if p.is_dir() and p.name != keep)
    for old in gens[: max(0, len(gens) - (KEEP_GENERATIONS - 1))]:
        shutil.rmtree(old, ignore_errors=True)
    for partial in index_dir.glob(".gen-*.partial"):
        if time.time() - partial.stat().st_mtime > 3600:
            shutil.rmtree(partial, ignore_errors=True)


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


def load_index(index_dir: Path) -> LoadedIndex:
    gen = current_generation(index_dir)
    if gen is None:
        raise IndexError_(f"no index in {index_dir}: run `kb build` first")
    return LoadedIndex(
        path=gen,
        docs=read_documents(gen),
        chunks=read_chunks(gen),
        vectors=load_store(gen / "vectors.faiss"),
        bm25=Bm25Index.load(str(gen / "bm25")),
        info=read_info(gen),
    )
