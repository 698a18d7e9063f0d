"""Is an index generation whole? Its manifest, and the counts that must agree.

Every generation carries `manifest.json`, written last by `kb.index.write_generation`:

    {"version": 1, "generation": "gen-...", "model": "...", "created": "...",
     "counts": {"documents": 11, "chunks": 1386, "vectors": 1386, "bm25_documents": 1386},
     "files": {"meta.sqlite": {"size": 1961984, "sha256": "..."}, "vectors.faiss": {...}, "bm25/...": {...}}}

`verify_generation` checks, cheapest first, and names the file and the fault:

- the manifest: present, readable, naming this generation (a generation written before
  manifests existed has none: its counts are still checked, and the next `kb build`
  writes a generation that has one);
- every listed file present with its size;
- meta.sqlite: chunk ids run 0..n-1, every chunk belongs to a document and every document
  has chunks, and the counts agree with the manifest and with the info table;
- bm25/: the number of documents it indexes is the number of chunks, its arrays agree;
- checksums (sha256) of every file: always in `kb verify`; when opening a generation only
  below `checksums_below` bytes (Settings.verify_checksums_below_mb), since hashing a large
  generation on every open would cost more than loading it;
- `deep` (`kb verify`, and a build before it switches): the vector store is opened and its
  size and dimension compared (for Milvus, the collection's row count), the SQLite file's
  integrity and every row's JSON.

`check_loaded` compares what was loaded (vectors, BM25 documents, chunk rows), which costs
nothing more at load time. A file from another build, half the chunk rows deleted, a
truncated file, all end as a one-line problem instead of a wrong answer or a crash.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .features import Features
from .files import file_sha256
from .index import (
    BM25_DIR,
    FEATURES_DIR,
    FAISS_FILE,
    META_FILE,
    REBUILD,
    IndexStateError,
    LoadedIndex,
    open_features,
    open_lexical,
    open_store,
    read_chunks,
    read_documents,
    read_info,
    read_meta,
)
from .milvus_store import POINTER as MILVUS_POINTER
from .vectors import VectorStore

MANIFEST = "manifest.json"
VERSION = 1
HASH_THREADS = 2
"""Files hashed at once (sha256 releases the GIL: a generation of 600 MB hashes in half the time on 2 cores)."""


@dataclass
class Manifest:
    generation: str
    model: str
    counts: dict[str, int]
    files: dict[str, dict[str, object]]  # relative path -> {"size": int, "sha256": str}
    created: str = ""
    version: int = VERSION

    def to_json(self) -> dict[str, object]:
        return {"version": self.version, "generation": self.generation, "model": self.model,
                "created": self.created, "counts": self.counts, "files": self.files}


@dataclass
class Verification:
    """What was checked in a generation and what is wrong with it (one line per fault)."""

    generation: Path
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_first(self) -> None:
        """An IndexStateError with the first problem and how to fix it."""
        if self.problems:
            more = f" (and {len(self.problems) - 1} more: `kb verify`)" if len(self.problems) > 1 else ""
            raise IndexStateError(f"{self.problems[0]}{more}: {REBUILD}")


def _files_of(gen: Path) -> list[Path]:
    return sorted(p for p in gen.rglob("*") if p.is_file() and p.name != MANIFEST)


def write_manifest(gen: Path, name: str, model: str, counts: dict[str, int]) -> Manifest:
    """List every file of the generation folder `gen` (size, sha256) with its counts."""
    paths = _files_of(gen)
    with ThreadPoolExecutor(max_workers=HASH_THREADS) as pool:  # hashlib works outside the GIL
        sums = list(pool.map(file_sha256, paths))
    files = {p.relative_to(gen).as_posix(): {"size": p.stat().st_size, "sha256": h} for p, h in zip(paths, sums)}
    m = Manifest(name, model, dict(counts), files, created=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    tmp = gen / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(m.to_json(), indent=1))
    os.replace(tmp, gen / MANIFEST)
    return m


def read_manifest(gen: Path) -> Manifest | None:
    """The generation's manifest; None for a generation written before manifests."""
    path = gen / MANIFEST
    if not path.exists():
        return None
    try:
        d = json.loads(path.read_text())
        m = Manifest(str(d["generation"]), str(d.get("model", "")), {k: int(v) for k, v in d["counts"].items()},
                     {str(k): dict(v) for k, v in d["files"].items()}, str(d.get("created", "")), int(d.get("version", 1)))
        for f in m.files.values():
            int(f["size"]), str(f["sha256"])  # type: ignore[call-overload]
        return m
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise IndexStateError(f"{path}: unreadable manifest ({type(e).__name__}: {e}): {REBUILD}") from e


def verify_generation(gen: Path, name: str | None = None, checksums: bool | None = False,
                      checksums_below: int = 0, deep: bool = False, token: str | None = None, rows: bool = True,
                      store: VectorStore | None = None) -> Verification:
    """Check a generation folder (see the module docstring). `checksums`: True always, False
    never, None when the listed files total fewer than `checksums_below` bytes. `name`: the
    generation the folder must be (a build verifies its `.gen-*.partial` folder). `rows`
    (with `deep`): decode every chunk row and recompute its features; without it the deep
    check opens every store and compares their counts (an incremental build, whose carried
    rows were copied from a verified generation, checks that much; `store`: the vector store
    just written, not read back)."""
    v = Verification(gen)
    name = name or gen.name
    try:
        manifest = read_manifest(gen)
    except IndexStateError as e:
        v.problems.append(str(e).removesuffix(f": {REBUILD}"))
        return v
    if manifest is None:
        v.notes.append(f"{gen / MANIFEST} is missing: written before manifests, so only counts are checked "
                       "(the next `kb build` writes a generation that has one)")
    else:
        _check_manifest(v, manifest, name)
        if checksums is None:
            checksums = sum(int(f["size"]) for f in manifest.files.values()) < checksums_below  # type: ignore[call-overload]
        if checksums and v.ok:
            _check_checksums(v, manifest)
    if v.ok:
        _check_meta(v, manifest, name)
    if v.ok and (gen / BM25_DIR).is_dir():
        _check_bm25_files(v, manifest)
    if v.ok and deep:
        _check_deep(v, token) if rows else _check_opened(v, token, store)
    return v


def _check_manifest(v: Verification, m: Manifest, name: str) -> None:
    gen = v.generation
    if m.generation != name:
        v.problems.append(f"{gen / MANIFEST} belongs to {m.generation}, not to {name}")
        return
    for rel, f in m.files.items():
        path = gen / rel
        if not path.is_file():
            v.problems.append(f"{path} is missing")
        elif path.stat().st_size != int(f["size"]):  # type: ignore[call-overload]
            v.problems.append(f"{path} has {path.stat().st_size} bytes, the manifest says {f['size']} "
                              "(damaged, or from another build)")
    if not (gen / MILVUS_POINTER).exists() and FAISS_FILE not in m.files:
        v.problems.append(f"{gen}: the manifest lists no {FAISS_FILE} and no {MILVUS_POINTER}")
    v.checked.append(f"manifest: {len(m.files)} files present with their sizes")


def _check_checksums(v: Verification, m: Manifest) -> None:
    def check(rel: str) -> str | None:
        path = v.generation / rel
        try:
            same = file_sha256(path) == m.files[rel]["sha256"]
        except OSError as e:
            return f"{path}: cannot read ({e.strerror or e})"
        return None if same else f"{path}: checksum differs from the manifest (damaged, or from another build)"

    with ThreadPoolExecutor(max_workers=HASH_THREADS) as pool:
        v.problems += [p for p in pool.map(check, list(m.files)) if p]
    v.checked.append(f"checksums: sha256 of {len(m.files)} files")


def _check_meta(v: Verification, m: Manifest | None, name: str) -> None:
    gen = v.generation
    path = gen / META_FILE
    try:
        with read_meta(gen) as db:
            n, lo, hi = db.execute("SELECT COUNT(*), MIN(id), MAX(id) FROM chunks").fetchone()
            (docs,) = db.execute("SELECT COUNT(*) FROM documents").fetchone()
            (orphans,) = db.execute("SELECT COUNT(*) FROM chunks WHERE source NOT IN (SELECT source FROM documents)").fetchone()
            (empty,) = db.execute("SELECT COUNT(*) FROM documents WHERE source NOT IN (SELECT source FROM chunks)").fetchone()
            info = {k: val for k, val in db.execute("SELECT key, value FROM info WHERE key IN ('chunks', 'documents', 'generation')")}
    except IndexStateError as e:
        v.problems.append(str(e).removesuffix(f": {REBUILD}"))
        return
    if n and (lo != 0 or hi != n - 1):
        v.problems.append(f"{path}: chunk ids run {lo}..{hi} for {n} rows (rows deleted or added)")
    if orphans:
        v.problems.append(f"{path}: {orphans} chunk rows belong to no document")
    if empty:
        v.problems.append(f"{path}: {empty} documents have no chunk rows (rows deleted)")
    want = {"chunks": n, "documents": docs}
    for key, have in want.items():
        if key in info and str(have) != info[key]:
            v.problems.append(f"{path}: {have} {key}, but the build recorded {info[key]} (rows deleted or added)")
        if m is not None and key in m.counts and m.counts[key] != have:
            v.problems.append(f"{path}: {have} {key}, the manifest says {m.counts[key]} (rows changed, or from another build)")
    if "generation" in info and info["generation"] != json.dumps(name):
        v.problems.append(f"{path} belongs to {json.loads(info['generation'])}, not to {name}")
    v.checked.append(f"{META_FILE}: {docs} documents, {n} chunk rows, ids and sources consistent")


def _check_bm25_files(v: Verification, m: Manifest | None) -> None:
    folder = v.generation / BM25_DIR
    try:
        params = json.loads((folder / "params.index.json").read_text())
        vocab = json.loads((folder / "vocab.index.json").read_text())
        arrays = {k: np.load(folder / f"{k}.csc.index.npy", mmap_mode="r") for k in ("data", "indices", "indptr")}
        num_docs = int(params["num_docs"])
        ids = max(vocab.values(), default=-1)
    except (OSError, ValueError, KeyError, TypeError) as e:
        v.problems.append(f"{folder}: unreadable ({type(e).__name__}: {e})")
        return
    data, indices, indptr = arrays["data"], arrays["indices"], arrays["indptr"]
    if not (len(data) == len(indices) and len(indptr) and int(indptr[-1]) == len(data) and ids < len(indptr)):
        v.problems.append(f"{folder}: its arrays do not agree (damaged, or files from different builds)")
        return
    with read_meta(v.generation) as db:
        (chunks,) = db.execute("SELECT COUNT(*) FROM chunks").fetchone()
    if num_docs != max(chunks, 1):
        v.problems.append(f"{folder} indexes {num_docs} documents, {META_FILE} has {chunks} chunks (from another build)")
    v.checked.append(f"{BM25_DIR}/: {num_docs} documents, {len(vocab)} terms")


def _check_opened(v: Verification, token: str | None, store: VectorStore | None = None) -> None:
    """Every store of the generation opens and they agree in size (no row is decoded)."""
    from .index import ChunkStore

    gen = v.generation
    try:
        docs, info = read_documents(gen), read_info(gen)
        store = store or open_store(gen, token)
        lexical = open_lexical(gen, store, mmap=True)
        features = open_features(gen)
        with read_meta(gen) as db:
            (n,) = db.execute("SELECT COUNT(*) FROM chunks").fetchone()
    except IndexStateError as e:
        v.problems.append(str(e).removesuffix(f": {REBUILD}"))
        return
    if features is None:
        v.problems.append(f"{gen / FEATURES_DIR} is missing")
        return
    loaded = check_loaded(LoadedIndex(gen, docs, ChunkStore(gen, n), store, lexical, info, features))
    v.problems += loaded.problems
    v.checked += loaded.checked


def _check_deep(v: Verification, token: str | None) -> None:
    gen = v.generation
    try:
        with read_meta(gen) as db:
            (result,) = db.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            v.problems.append(f"{gen / META_FILE}: SQLite integrity check failed ({result})")
            return
        chunks, docs, info = read_chunks(gen), read_documents(gen), read_info(gen)
        v.checked.append(f"{META_FILE}: integrity, and every row decodes")
        store = open_store(gen, token)
        lexical = open_lexical(gen, store)
        features = open_features(gen)
    except IndexStateError as e:
        v.problems.append(str(e).removesuffix(f": {REBUILD}"))
        return
    try:
        computed = Features.compute(chunks)
    except ValueError as e:
        v.problems.append(f"{gen / META_FILE}: {e}")
        return
    loaded = check_loaded(LoadedIndex(gen, docs, chunks, store, lexical, info, features or computed), full=True)
    v.problems += loaded.problems
    v.checked += loaded.checked
    if features is not None and not loaded.problems:
        if not features.same_as(computed):
            v.problems.append(f"{gen / FEATURES_DIR} does not describe the chunk rows of {gen / META_FILE} (from another build)")
        else:
            v.checked.append(f"{FEATURES_DIR}/: what ranking reads of each chunk agrees with its row")


def _largest_posting(scores: dict[str, object], full: bool) -> int:
    """The largest chunk id bm25s' postings hold: each token's postings are in ascending
    order, so their last entries suffice (`full`: every entry is read)."""
    indices, indptr = scores["indices"], scores["indptr"]
    if full:
        return int(indices.max())  # type: ignore[union-attr]
    ends = np.asarray(indptr[1:])  # type: ignore[index]
    ends = ends[ends > np.asarray(indptr[:-1])]  # type: ignore[index]
    return int(np.asarray(indices)[ends - 1].max()) if len(ends) else -1


def check_loaded(index: LoadedIndex, full: bool = False) -> Verification:
    """What a loaded generation must agree on: as many vectors, BM25 documents and chunk
    features as chunk rows, the dimension the build recorded, every chunk's document
    present. Cheap at any size (no pass over the postings or the rows); `full` also reads
    every BM25 posting."""
    v = Verification(index.path)
    gen, n = index.path, len(index.chunks)
    where = f"{gen / FAISS_FILE}" if not (gen / MILVUS_POINTER).exists() else f"the Milvus collection of {gen}"
    ntotal = index.vectors.ntotal
    if ntotal != n:
        v.problems.append(f"{where} holds {ntotal} vectors, {gen / META_FILE} {n} chunks (from different builds)")
    dim = index.info.get("dim")
    if isinstance(dim, int) and dim and index.vectors.dim != dim:
        v.problems.append(f"{where} has dimension {index.vectors.dim}, the build recorded {dim}")
    scores = getattr(getattr(index.bm25, "retriever", None), "scores", None)
    if scores is not None:
        num_docs, indices = int(scores["num_docs"]), scores["indices"]
        if num_docs != max(n, 1) or (len(indices) and _largest_posting(scores, full) >= num_docs):
            v.problems.append(f"{gen / BM25_DIR} indexes {num_docs} documents, {gen / META_FILE} has {n} chunks (from another build)")
    for key, have in (("chunks", n), ("documents", len(index.docs))):
        if isinstance(index.info.get(key), int) and index.info[key] != have:
            v.problems.append(f"{gen / META_FILE}: {have} {key}, but the build recorded {index.info[key]} (rows deleted or added)")
    f = index.features
    missing = set(f.sources) - set(index.docs)
    if missing:
        v.problems.append(f"{gen / META_FILE}: chunks of {len(missing)} unknown documents (e.g. {sorted(missing)[0]})")
    if len(f) != n:
        v.problems.append(f"{gen / FEATURES_DIR} describes {len(f)} chunks, {gen / META_FILE} has {n} (from another build)")
    v.checked.append(f"loaded: {n} chunks = {ntotal} vectors" + (f" = {scores['num_docs']} BM25 documents" if scores is not None else "")
                     + f" = {len(f)} chunk features")
    return v
