"""Stage 5, index: chunks and vectors in, an index generation on disk out.

Layout under the index folder:

    CURRENT                 name of the generation being served (replaced atomically); only
                            a `gen-<time>-<id>` folder of this index is ever read from it
    gen-<time>-<id>/        one complete build: meta.sqlite, and vectors.faiss + bm25/
                            (FAISS backend) or vectors.milvus.json (Milvus backend), and
                            manifest.json (counts and checksums: `kb.verify`)
    cache/embeddings.sqlite vectors by sha256(model id + passage), shared by all builds
    build.lock              held while a build runs

A build writes a new generation beside the old one and switches CURRENT only once the new
one is complete and verified, so a crash mid-build leaves the previous index serving.
Reading a generation verifies it first (`kb.verify`): files that do not belong together
are refused with one line naming the file, never served.

With the Milvus backend a generation's vectors and lexical tokens live in its own
collection, `collection_name(<generation>)`, and the generation folder holds a pointer
file to it; the collection is created with the generation, dropped if the build fails, and
dropped when the generation is pruned. Readers pick the store from what the generation
holds, so nothing but the token (settings) is needed to serve a Milvus-backed index.
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import numpy as np

from .chunk import Chunk
from .config import Settings
from .errors import NetralError
from . import bm25
from .features import FOLDER as FEATURES_DIR
from .features import Features, document_part
from .lexical import Bm25Index, LexicalIndex, passage_tokens
from .logs import fields
from .milvus_store import POINTER as MILVUS_POINTER
from .structure import DocMeta
from .vectors import HNSW_THRESHOLD, VectorStore, build_store, chunk_vectors, load_store, updated_store

SCHEMA = """
CREATE TABLE documents (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, pages INTEGER NOT NULL, meta TEXT NOT NULL);
CREATE TABLE chunks (id INTEGER PRIMARY KEY, source TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX chunks_source ON chunks(source);
"""
KEEP_GENERATIONS = 2
CURRENT_FILE = "CURRENT"
META_FILE = "meta.sqlite"
FAISS_FILE = "vectors.faiss"
BM25_DIR = "bm25"
GENERATION_NAME = re.compile(r"gen-\d{8}T\d{6}-[0-9a-f]{6}")
"""All that CURRENT may name: a generation folder as `write_generation` names them."""
REBUILD = "rebuild it with `kb build`"
CHECKSUMS_BELOW = 64 * 2**20
"""Default of Settings.verify_checksums_below_mb, in bytes (see kb.verify)."""
log = logging.getLogger(__name__)
T = TypeVar("T")


class IndexStateError(NetralError, RuntimeError):
    """The index is missing, incomplete, damaged, or being built by someone else."""


def os_reason(e: BaseException) -> str:
    """The short reason of a storage fault ("Read-only file system", "No space left on
    device"); for faiss' long messages, the part after "failed:"."""
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    m = re.search(r"failed: (.*)$", str(e), re.S)
    return (m.group(1) if m else str(e)).strip()


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
    chunks: Sequence[Chunk]  # a ChunkStore (rows decoded on demand), or a list
    vectors: VectorStore  # FlatStore below kb.vectors.HNSW_THRESHOLD chunks, HnswStore above; or MilvusStore
    bm25: LexicalIndex  # bm25s files, or Milvus full-text search in the same collection
    info: dict[str, object]
    features: Features = None  # type: ignore[assignment]  # what ranking reads of every chunk; computed when None

    def __post_init__(self) -> None:
        if self.features is None:
            self.features = Features.compute(self.chunks)


class ChunkStore(Sequence[Chunk]):
    """A generation's chunk rows, decoded from meta.sqlite when asked for (and kept, the
    `cache` most recently used): loading a generation reads no chunk row. Safe to share
    between threads (one read-only connection per thread; a generation never changes)."""

    def __init__(self, gen: Path, n: int, cache: int = 50_000):
        self.gen, self.path, self.n = gen, gen / META_FILE, n
        self.cache_size = cache
        self._cache: OrderedDict[int, Chunk] = OrderedDict()
        self._lock = threading.Lock()
        self._local = threading.local()

    def __len__(self) -> int:
        return self.n

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                db = sqlite3.connect(f"file:{quote(str(self.path.absolute()))}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            except sqlite3.Error as e:
                raise IndexStateError(f"{self.path}: cannot open ({e}): {REBUILD}") from e
            self._local.db = db
        return db

    def __getitem__(self, i: int | slice) -> Chunk | list[Chunk]:  # type: ignore[override]
        if isinstance(i, slice):
            return self.many(range(*i.indices(self.n)))
        i = int(i)
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(f"chunk {i} of {self.n}")
        with self._lock:
            c = self._cache.get(i)
            if c is not None:
                self._cache.move_to_end(i)
                return c
        return self.many([i])[0]

    def many(self, ids: Iterable[int]) -> list[Chunk]:
        """These chunks, in this order (one query for all that are not cached)."""
        ids = [int(i) for i in ids]
        got: dict[int, Chunk] = {}
        with self._lock:
            for i in ids:
                if i in self._cache:
                    got[i] = self._cache[i]
        missing = sorted({i for i in ids if i not in got})
        try:
            for s in range(0, len(missing), 500):
                part = missing[s : s + 500]
                rows = self._db().execute(f"SELECT id, data FROM chunks WHERE id IN ({','.join('?' * len(part))})", part)
                for i, data in rows:
                    got[i] = _decoded(self.path, "chunk row", i, chunk_from_json, data)
        except sqlite3.Error as e:
            raise IndexStateError(f"{self.path}: damaged ({e}): {REBUILD}") from e
        if len(got) < len(set(ids)):
            raise IndexStateError(f"{self.path}: chunk rows missing: {REBUILD}")
        self._keep({i: got[i] for i in missing})
        return [got[i] for i in ids]

    def _keep(self, new: dict[int, Chunk]) -> None:
        if not self.cache_size:
            return
        with self._lock:
            self._cache.update(new)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def __iter__(self) -> Iterator[Chunk]:
        """Every chunk in order, streamed (not kept)."""
        try:
            for i, data in self._db().execute("SELECT id, data FROM chunks ORDER BY id"):
                yield _decoded(self.path, "chunk row", i, chunk_from_json, data)
        except sqlite3.Error as e:
            raise IndexStateError(f"{self.path}: damaged ({e}): {REBUILD}") from e


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


def read_pointer(gen: Path) -> dict[str, object] | None:
    """A Milvus generation's pointer file (None for FAISS); unreadable: IndexStateError."""
    pointer = gen / MILVUS_POINTER
    if not pointer.exists():
        return None
    try:
        p = json.loads(pointer.read_text())
        if not isinstance(p, dict) or not isinstance(p.get("uri"), str) or not isinstance(p.get("collection"), str):
            raise ValueError("no uri or collection")
        return p
    except (OSError, ValueError) as e:
        raise IndexStateError(f"{pointer}: unreadable ({os_reason(e)}): {REBUILD}") from e


def store_location(gen: Path) -> tuple[str, str | None]:
    """Where a generation's vectors are: ("faiss", None) or ("milvus", uri)."""
    p = read_pointer(gen)
    return ("milvus", str(p["uri"])) if p else ("faiss", None)


def chunk_from_json(data: str) -> Chunk:
    return Chunk(**json.loads(data))


def meta_from_json(data: str) -> DocMeta:
    return DocMeta(**json.loads(data))


# ---------------------------------------------------------------------------- lock


def _index_folder(index_dir: Path) -> None:
    """Create the index folder, or say in one line why it cannot be used."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexStateError(f"{index_dir} is a file, not an index folder: give another --index")
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise IndexStateError(f"{index_dir}: cannot create the index folder ({os_reason(e)})") from e


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Refuse a second concurrent build with a clear message."""
    _index_folder(index_dir)
    try:
        fh = open(index_dir / "build.lock", "w")
    except OSError as e:
        raise IndexStateError(f"{index_dir}: cannot write to the index folder ({os_reason(e)})") from e
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
    """Vectors by sha256(model id + passage), shared by all builds. Only a cache: when it is
    damaged, deleting it costs a re-embedding, nothing else."""

    def __init__(self, index_dir: Path):
        self.path = index_dir / "cache" / "embeddings.sqlite"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
            self.db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        except (OSError, sqlite3.Error) as e:
            raise IndexStateError(f"{self.path}: cannot open the embedding cache ({os_reason(e)})") from e

    @staticmethod
    def key(model_id: str, passage: str) -> str:
        return hashlib.sha256(f"{model_id}\x00{passage}".encode()).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        try:
            for i in range(0, len(keys), 500):
                batch = keys[i : i + 500]
                q = f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(batch))})"
                for k, v in self.db.execute(q, batch):
                    out[k] = np.frombuffer(v, dtype=np.float32)
        except sqlite3.Error as e:
            raise IndexStateError(f"{self.path}: damaged embedding cache ({e}): delete it (vectors are recomputed)") from e
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        """Store vectors and commit: what is put survives a killed build."""
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO emb VALUES (?, ?)", [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()]
            )
            self.db.commit()
        except sqlite3.Error as e:
            raise IndexStateError(f"{self.path}: cannot write the embedding cache ({e})") from e

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------------------- write


def current_generation(index_dir: Path) -> Path | None:
    """The generation CURRENT names; None when there is no index yet (no CURRENT).

    CURRENT is read as a generation name and nothing else: `gen-<time>-<id>`, no path
    separators, a folder of this index. Anything else is an IndexStateError naming it, so
    a damaged or planted CURRENT can never send a reader outside the index folder."""
    path = index_dir / CURRENT_FILE
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexStateError(f"{index_dir} is a file, not an index folder: give another --index")
    try:
        raw = path.read_bytes()[:200]
    except FileNotFoundError:
        return None
    except OSError as e:
        raise IndexStateError(f"{path}: cannot read ({os_reason(e)})") from e
    name = raw.decode("ascii", "replace").strip()
    if not GENERATION_NAME.fullmatch(name):
        raise IndexStateError(f"{path} does not name a generation (it holds {name[:40]!r}): {REBUILD}")
    gen = index_dir / name
    if not gen.is_dir():
        raise IndexStateError(f"{path} names {name}, which is not a folder of {index_dir}: {REBUILD}")
    return gen


@dataclass
class DocContent:
    """One document of a new generation: fresh (its chunks, and their vectors), or carried
    unchanged from the previous generation (`prev`: its document number there)."""

    record: DocRecord
    chunks: list[Chunk] | None = None
    vectors: np.ndarray | None = None
    prev: int | None = None


@dataclass
class Previous:
    """The generation an incremental build carries unchanged documents from: their chunk
    rows (copied in SQLite), vectors (the HNSW graph itself, updated), term counts and
    features, none of them decoded or recomputed."""

    gen: Path
    features: Features
    postings: bm25.Postings
    store: VectorStore

    @classmethod
    def open(cls, gen: Path, token: str | None = None) -> Previous | None:
        """None unless documents can be carried from it: FAISS vectors, features and term
        counts (a generation written before them, or Milvus-backed, is read whole instead)."""
        if store_location(gen)[0] != "faiss" or not (gen / FEATURES_DIR).is_dir() or not (gen / BM25_DIR / bm25.FILES[0]).exists():
            return None
        features = open_features(gen)
        store = open_store(gen, token)
        lexical = open_lexical(gen, store, mmap=True)
        try:
            postings = bm25.Postings.load(gen / BM25_DIR, lexical.retriever)  # type: ignore[attr-defined]
        except (OSError, ValueError) as e:
            raise IndexStateError(f"{gen / BM25_DIR}: unreadable ({type(e).__name__}: {os_reason(e)}): {REBUILD}") from e
        assert features is not None
        return cls(gen, features, postings, store)

    def rows(self, d: int) -> range:
        return self.features.ids_of(d)


def write_generation(
    index_dir: Path,
    docs: list[DocRecord],
    chunks: list[Chunk],
    vectors: np.ndarray,
    info: dict[str, object],
    target: StoreTarget = StoreTarget(),
    files: dict[str, bytes] | None = None,
) -> Path:
    """Write a complete generation of these documents, chunks (each document's together)
    and vectors; see `write_contents`."""
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    from .features import runs

    by_source = {d.source: d for d in docs}
    contents = [DocContent(by_source[src], chunks[a:b], np.asarray(vectors[a:b])) for src, a, b in runs(chunks)]
    if len(contents) != len(docs):
        raise ValueError(f"{len(docs)} documents, but chunks of {len(contents)}")
    dim = int(vectors.shape[1]) if np.ndim(vectors) == 2 and vectors.shape[1] else int(info.get("model_dim", 384))  # type: ignore[arg-type]
    return write_contents(index_dir, docs, contents, info, target, dim=dim, files=files)


def write_contents(index_dir: Path, docs: list[DocRecord], contents: list[DocContent], info: dict[str, object],
                   target: StoreTarget = StoreTarget(), previous: Previous | None = None, dim: int | None = None,
                   timings: dict[str, float] | None = None, files: dict[str, bytes] | None = None) -> Path:
    """Write a complete generation, verify it, then make it CURRENT (atomic rename).
    `docs`: the documents table, in order; `contents`: every document's chunks, in the
    order their chunks take (fresh, or carried from `previous`); `files`: more files it
    carries (relative path -> bytes: the rule base), in its manifest.

    A storage fault (read-only folder, disk full) is an IndexStateError naming the index
    folder and the reason; nothing is left behind and the previous generation keeps serving."""
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f".{name}.partial"
    final = index_dir / name
    try:
        tmp.mkdir(parents=True)
        for rel, raw in (files or {}).items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_bytes(raw)
        _write_files(tmp, name, docs, contents, info, target, previous, dim, timings if timings is not None else {})
        os.replace(tmp, final)
        cur_tmp = index_dir / f".CURRENT.{uuid.uuid4().hex[:6]}"
        try:
            cur_tmp.write_text(name)
            os.replace(cur_tmp, index_dir / CURRENT_FILE)
        finally:
            cur_tmp.unlink(missing_ok=True)
    except BaseException as e:
        for leftover in (tmp, final):  # and its collection, if it got one: no orphans
            if leftover.exists():
                _remove_generation(leftover, target.token)
        if isinstance(e, (OSError, sqlite3.Error)):
            raise IndexStateError(f"{index_dir}: cannot write a new generation ({os_reason(e)}); "
                                  "nothing changed, the previous one keeps serving") from e
        raise
    t = time.perf_counter()
    _prune(index_dir, keep=name, token=target.token)
    if timings is not None:
        timings["prune"] = round(time.perf_counter() - t, 2)
    return final


def _size(c: DocContent, previous: Previous | None) -> int:
    if c.prev is None:
        return len(c.chunks or [])
    assert previous is not None, "a carried document needs its previous generation"
    return len(previous.rows(c.prev))


def _write_files(tmp: Path, name: str, docs: list[DocRecord], contents: list[DocContent], info: dict[str, object],
                 target: StoreTarget, previous: Previous | None, dim: int | None, timings: dict[str, float]) -> None:
    """Every file of the generation `name` into `tmp`, the manifest last, then verified
    (`timings`: seconds per step)."""
    from .verify import verify_generation, write_manifest

    clock = [time.perf_counter()]

    def took(step: str) -> None:
        now = time.perf_counter()
        timings[step] = round(now - clock[0], 2)
        clock[0] = now

    n = sum(_size(c, previous) for c in contents)
    fresh = [c for c in contents if c.prev is None]
    if dim is None:
        dim = next((int(c.vectors.shape[1]) for c in fresh if c.vectors is not None and np.ndim(c.vectors) == 2),
                   previous.store.dim if previous else int(info.get("model_dim", 384)))  # type: ignore[arg-type]
    store = _write_store(tmp, name, contents, dim, target, previous)
    took("vectors")
    lexical = "milvus" if store.text else "bm25s"
    info = {**info, "generation": name, "chunks": n, "documents": len(docs),
            "dim": dim if n else 0, "vector_store": store.kind, "lexical": lexical}
    _write_meta(tmp / META_FILE, docs, contents, info, previous)
    took("rows")
    counts = {"documents": len(docs), "chunks": n, "vectors": store.ntotal}
    if lexical == "bm25s":
        _write_bm25(tmp / BM25_DIR, contents, previous)
        counts["bm25_documents"] = max(n, 1)  # bm25s needs one document: an empty index holds ""
        took("bm25")
    parts = [previous.features.part(c.prev) if c.prev is not None and previous else document_part(c.chunks or []) for c in contents]
    Features.concat(parts).save(tmp / FEATURES_DIR)
    took("features")
    write_manifest(tmp, name, str(info.get("model", "")), counts)
    took("manifest")
    rows = not any(c.prev is not None for c in contents)  # every row fresh: decode them all (else the counts)
    problems = verify_generation(tmp, name=name, checksums=False, deep=True, rows=rows, token=target.token,
                                 store=None if rows else store).problems
    took("verify")
    if problems:
        raise IndexStateError(f"verification of the new generation failed: {problems[0]}")


def _write_meta(path: Path, docs: list[DocRecord], contents: list[DocContent], info: dict[str, object], previous: Previous | None) -> None:
    """meta.sqlite: the documents, the chunk rows (carried ones copied from the previous
    generation's file, as they are), the build's info."""
    db = sqlite3.connect(f"file:{quote(str(path.absolute()))}", uri=True)
    try:
        # a partial folder, published by a rename once verified (as the other files): no journal
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;")
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?)",
            [(d.source, d.sha256, d.pages, json.dumps(dataclasses.asdict(d.meta), ensure_ascii=False)) for d in docs],
        )
        if previous is not None:
            prev = previous.gen / META_FILE
            db.execute("ATTACH DATABASE ? AS prev", (f"file:{quote(str(prev.absolute()))}?mode=ro&immutable=1",))
        at = 0
        for c in contents:
            if c.prev is None:
                db.executemany("INSERT INTO chunks VALUES (?, ?, ?)", [
                    (at + i, ch.source, json.dumps(dataclasses.asdict(ch), ensure_ascii=False)) for i, ch in enumerate(c.chunks or [])])
                at += len(c.chunks or [])
                continue
            assert previous is not None
            r = previous.rows(c.prev)
            db.execute("INSERT INTO chunks SELECT id + ?, source, data FROM prev.chunks WHERE id >= ? AND id < ?", (at - r.start, r.start, r.stop))
            at += len(r)
        db.executemany("INSERT INTO info VALUES (?, ?)", [(k, json.dumps(v)) for k, v in info.items()])
        db.commit()
        if previous is not None:
            db.execute("DETACH DATABASE prev")
    finally:
        db.close()


def _write_bm25(folder: Path, contents: list[DocContent], previous: Previous | None) -> None:
    """bm25s' files and the term counts they are computed from: the carried chunks'
    postings renumbered, the fresh ones' tokenized, all scores recomputed (kb.bm25)."""
    n = sum(_size(c, previous) for c in contents)
    new_id = np.full(previous.postings.n if previous else 0, -1, np.int64)
    fresh_ids: list[range] = []
    at = 0
    for c in contents:
        size = _size(c, previous)
        if c.prev is not None and previous is not None:
            r = previous.rows(c.prev)
            new_id[r.start : r.stop] = np.arange(at, at + size)
        else:
            fresh_ids.append(range(at, at + size))
        at += size
    tokens = (passage_tokens(ch.passage) for c in contents if c.prev is None for ch in c.chunks or [])
    ids = np.fromiter((i for r in fresh_ids for i in r), np.int64)
    postings = bm25.Postings.from_tokens(tokens, ids, max(n, 1))
    if n == 0:  # bm25s needs one document: an empty index holds a placeholder
        postings = bm25.Postings.from_tokens([passage_tokens("")])
    elif previous is not None and (new_id >= 0).any():
        postings = bm25.Postings.merged(previous.postings.renumbered(new_id, n), postings)
    folder.mkdir(parents=True, exist_ok=True)
    Bm25Index(bm25.build(postings)).save(str(folder))
    postings.save(folder)


def _write_store(gen: Path, name: str, contents: list[DocContent], dim: int, target: StoreTarget, previous: Previous | None) -> VectorStore:
    """The generation's vector store, complete and saved in `gen`. Above the HNSW threshold
    an incremental build updates the previous graph (kb.vectors.updated_store) instead of
    building one. For Milvus the pointer file is written as soon as the collection exists
    (MilvusStore drops a collection it created if it then fails), so a failed or killed
    build always names its collection."""
    fresh = [np.asarray(c.vectors, np.float32).reshape(-1, dim) for c in contents if c.prev is None]
    fresh_vectors = np.concatenate(fresh) if fresh else np.zeros((0, dim), np.float32)
    if target.backend != "milvus":
        store: VectorStore | None = None
        carried = _carried_ids(contents, previous)
        if previous is not None and len(carried) >= HNSW_THRESHOLD:
            store = updated_store(previous.store, carried, fresh_vectors)
        if store is None:
            parts = [chunk_vectors(previous.store, previous.rows(c.prev)) if c.prev is not None and previous else
                     np.asarray(c.vectors, np.float32).reshape(-1, dim) for c in contents]
            store = build_store(np.concatenate(parts) if parts else np.zeros((0, dim), np.float32), dim, HNSW_THRESHOLD)  # exact, or HNSW
        try:
            store.save(gen / FAISS_FILE)
        except RuntimeError as e:  # faiss reports I/O errors as RuntimeError
            raise OSError(errno.EIO, os_reason(e), str(gen / FAISS_FILE)) from e
        return store
    from .milvus_store import MilvusStore, collection_name

    if any(c.prev is not None for c in contents):
        raise ValueError("a Milvus generation is written from fresh documents only")
    chunks = [ch for c in contents for ch in c.chunks or []]
    milvus = MilvusStore(target.uri, collection_name(name), dim, token=target.token, create=True,  # type: ignore[arg-type]
                         text=True, hnsw=len(fresh_vectors) >= HNSW_THRESHOLD)
    milvus.save(gen / MILVUS_POINTER)
    milvus.add(fresh_vectors, texts=[" ".join(passage_tokens(c.passage)) for c in chunks])
    return milvus


def _carried_ids(contents: list[DocContent], previous: Previous | None) -> np.ndarray:
    """For each chunk of the new generation, its id in the previous one (-1: fresh)."""
    parts = [np.arange(previous.rows(c.prev).start, previous.rows(c.prev).stop) if c.prev is not None and previous else
             np.full(len(c.chunks or []), -1) for c in contents]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


def open_store(gen: Path, token: str | None = None) -> VectorStore:
    """The generation's vector store, whichever backend wrote it; an unreadable file is an
    IndexStateError naming it."""
    if (gen / MILVUS_POINTER).exists():
        from .milvus_store import MilvusStore

        read_pointer(gen)  # a damaged pointer is named as such
        return MilvusStore.load(gen / MILVUS_POINTER, token=token)
    path = gen / FAISS_FILE
    if not path.is_file():
        raise IndexStateError(f"{path} is missing: {REBUILD}")
    try:
        return load_store(path)
    except (RuntimeError, ValueError, MemoryError) as e:
        raise IndexStateError(f"{path}: unreadable ({os_reason(e)}): {REBUILD}") from e


def open_lexical(gen: Path, store: VectorStore, mmap: bool = False) -> LexicalIndex:
    """Milvus full-text search when the store's collection holds the tokens, else bm25s files
    (`mmap`: its arrays memory-mapped, read as queries need them)."""
    from .milvus_store import MilvusBm25, MilvusStore

    if isinstance(store, MilvusStore) and store.text:
        return MilvusBm25(store)
    path = gen / BM25_DIR
    try:
        return Bm25Index.load(str(path), mmap=mmap)
    except (OSError, ValueError, KeyError, TypeError, EOFError) as e:  # json / numpy on a damaged file
        raise IndexStateError(f"{path}: unreadable ({type(e).__name__}: {os_reason(e)}): {REBUILD}") from e


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
    try:
        p = read_pointer(gen)
    except IndexStateError:
        p = None
    if p and not _drop_collection(str(p["uri"]), str(p["collection"]), token, kept=str(gen), retry="a later build"):
        return
    shutil.rmtree(gen, ignore_errors=True)


def documents_in(gen: Path) -> int:
    """How many documents a generation holds (0 when it cannot tell)."""
    from .verify import read_manifest

    try:
        m = read_manifest(gen)
        return int(m.counts.get("documents", 0)) if m else int(read_info(gen).get("documents") or 0)  # type: ignore[arg-type]
    except (IndexStateError, ValueError, TypeError):
        return 0


def generations(index_dir: Path) -> list[Path]:
    """The generation folders of an index, oldest first: by the time in their name, then
    (two builds in one second) by when their folder was last written."""
    def age(p: Path) -> tuple[str, int]:
        try:
            return (p.name[4:19], p.stat().st_mtime_ns)
        except OSError:
            return (p.name[4:19], 0)

    found = [p for p in index_dir.glob("gen-*") if GENERATION_NAME.fullmatch(p.name) and p.is_dir()] if index_dir.is_dir() else []
    return sorted(found, key=age)


def _prune(index_dir: Path, keep: str, token: str | None = None) -> None:
    """Keep the newest generations (a server may still be reading the previous one); and
    while the newest hold no documents, the last one that had some, to roll back to."""
    gens = [p for p in generations(index_dir) if p.name != keep]
    old = gens[: max(0, len(gens) - (KEEP_GENERATIONS - 1))]
    kept = [index_dir / keep, *gens[len(old):]]
    if not any(documents_in(g) for g in kept):
        with_docs = [g for g in old if documents_in(g)]
        if with_docs:
            old.remove(with_docs[-1])
            log.warning("prune.kept_last_with_documents", extra=fields(generation=with_docs[-1].name))
    for g in old:
        _remove_generation(g, token)
    for partial in index_dir.glob(".gen-*.partial"):
        if time.time() - partial.stat().st_mtime > 3600:
            _remove_generation(partial, token)


# ---------------------------------------------------------------------------- read


@contextmanager
def read_meta(gen: Path) -> Iterator[sqlite3.Connection]:
    """A generation's meta.sqlite, read-only. Missing, damaged, or holding a row that does not
    decode: an IndexStateError naming the file."""
    path = gen / META_FILE
    if not path.is_file():
        raise IndexStateError(f"{path} is missing: {REBUILD}")
    try:
        db = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise IndexStateError(f"{path}: cannot open ({e}): {REBUILD}") from e
    try:
        yield db
    except sqlite3.DatabaseError as e:
        raise IndexStateError(f"{path}: damaged ({e}): {REBUILD}") from e
    except (ValueError, TypeError, KeyError) as e:
        raise IndexStateError(f"{path}: a row does not decode ({type(e).__name__}: {e}): {REBUILD}") from e
    finally:
        db.close()


def _decoded(path: Path, what: str, key: object, decode: Callable[[str], T], data: str) -> T:
    try:
        return decode(data)
    except (ValueError, TypeError) as e:
        raise IndexStateError(f"{path}: {what} {key} does not decode ({type(e).__name__}: {e}): {REBUILD}") from e


def read_documents(gen: Path) -> dict[str, DocRecord]:
    path = gen / META_FILE
    with read_meta(gen) as db:
        return {
            src: DocRecord(src, sha, pages, _decoded(path, "document", src, meta_from_json, meta))
            for src, sha, pages, meta in db.execute("SELECT source, sha256, pages, meta FROM documents")
        }


def read_chunks(gen: Path, source: str | None = None) -> list[Chunk]:
    path = gen / META_FILE
    with read_meta(gen) as db:
        if source is None:
            rows = db.execute("SELECT id, data FROM chunks ORDER BY id")
        else:
            rows = db.execute("SELECT id, data FROM chunks WHERE source = ? ORDER BY id", (source,))
        return [_decoded(path, "chunk row", i, chunk_from_json, d) for i, d in rows]


def read_info(gen: Path) -> dict[str, object]:
    path = gen / META_FILE
    with read_meta(gen) as db:
        return {k: _decoded(path, "info key", k, json.loads, v) for k, v in db.execute("SELECT key, value FROM info")}


def load_index(index_dir: Path, milvus_token: str | None = None, checksums_below: int = CHECKSUMS_BELOW,
               gen: Path | None = None) -> LoadedIndex:
    """The current generation (or `gen`), verified before and after loading (`kb.verify`):
    its manifest, with checksums when the generation is smaller than `checksums_below`
    bytes, then the cross-counts of what was loaded. A generation whose files do not belong
    together is an IndexStateError naming the file, never a LoadedIndex."""
    from .verify import check_loaded, verify_generation

    gen = gen or current_generation(index_dir)
    if gen is None:
        raise IndexStateError(f"no index in {index_dir}: run `kb build` first")
    verify_generation(gen, checksums=None, checksums_below=checksums_below, token=milvus_token).raise_first()
    store = open_store(gen, milvus_token)
    info = read_info(gen)
    features = open_features(gen)
    lazy = features is not None and (gen / "manifest.json").is_file()  # without a manifest only the rows can tell: read them
    chunks: Sequence[Chunk] = ChunkStore(gen, len(features)) if lazy else read_chunks(gen)  # type: ignore[arg-type]
    index = LoadedIndex(gen, read_documents(gen), chunks, store, open_lexical(gen, store, mmap=True), info, features)
    check_loaded(index).raise_first()
    return index


def open_features(gen: Path) -> Features | None:
    """The generation's features (memory-mapped); None for one written before them (they
    are then computed from its chunks); unreadable: IndexStateError naming the folder."""
    folder = gen / FEATURES_DIR
    if not folder.is_dir():
        return None
    try:
        return Features.load(folder)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexStateError(f"{folder}: unreadable ({type(e).__name__}: {os_reason(e)}): {REBUILD}") from e
