"""The ingestion pipeline: corpus folder in, a new index generation out.

extract -> structure -> chunk -> embed -> index, incrementally: a document whose bytes did
not change keeps its chunks from the previous generation, and a chunk whose text did not
change keeps its cached vector. A file that fails is reported (file and reason) and
skipped; if an earlier version of it was indexed, that version stays.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .chunk import Chunk, chunk_document
from .config import Settings
from .extract import ExtractError, ExtractLimits, extract_pdf
from .index import (
    DocRecord,
    EmbeddingCache,
    StoreTarget,
    build_lock,
    current_generation,
    file_sha256,
    read_chunks,
    read_documents,
    store_location,
    write_generation,
)
from .logs import fields
from .relations import apply_relations
from .structure import parse_document

log = logging.getLogger(__name__)
KINDS = {"regulations": "regulation", "rulings": "ruling"}


@dataclass
class Problem:
    source: str
    reason: str


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    cached: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    generation: str | None = None


@dataclass
class CorpusFile:
    source: str  # relative to the corpus root, "/" separated
    kind: str
    path: Path


OFFICIAL = "official"
"""Official texts fetched by `kb corpus fetch` live in <corpus>/official/{regulations,rulings}/."""


def scan_corpus(corpus_dir: Path, official_only: bool = False) -> list[CorpusFile]:
    """PDFs under regulations/ and rulings/ (recursive), then under official/regulations/ and
    official/rulings/, in a stable order. official_only: only the official texts."""
    out = []
    roots = [corpus_dir / OFFICIAL] if official_only else [corpus_dir, corpus_dir / OFFICIAL]
    for root in roots:
        for folder, kind in KINDS.items():
            base = root / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                if path.is_file() and path.suffix.lower() == ".pdf":
                    out.append(CorpusFile(path.relative_to(corpus_dir).as_posix(), kind, path))
    return out


def _parse_file(f: CorpusFile, count_tokens: Callable[[str], int], settings: Settings) -> tuple[DocRecord, list[Chunk]]:
    pdf = extract_pdf(f.path, ExtractLimits.from_settings(settings))
    doc = parse_document(pdf, f.source, f.kind)
    chunks = chunk_document(doc, max_tokens=settings.max_chunk_tokens, count_tokens=count_tokens)
    if not chunks:
        raise ExtractError(f.path, "no text could be chunked")
    return DocRecord(f.source, "", doc.pages, doc.meta), chunks


def build_index(settings: Settings, embedder=None, progress: bool = True, official_only: bool = False) -> BuildReport:  # noqa: ANN001
    """Build (or update) the index for settings.corpus_dir into settings.index_dir.

    official_only: index only <corpus>/official/ (the texts `kb corpus fetch` downloaded),
    not our summaries; files indexed before and not scanned now are reported as removed."""
    report = BuildReport()
    t0 = time.perf_counter()
    corpus, index_dir = settings.corpus_dir, settings.index_dir
    if not corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus} does not exist")
    target = StoreTarget.from_settings(settings)  # where the vectors go: checked before any work
    with build_lock(index_dir):
        log.info("build.start", extra=fields(corpus=str(corpus), index=str(index_dir)))
        prev = current_generation(index_dir)
        prev_docs = read_documents(prev) if prev else {}
        files = scan_corpus(corpus, official_only)
        hashes: dict[str, str] = {}
        for f in files:
            try:
                hashes[f.source] = file_sha256(f.path)
            except OSError as e:
                report.problems.append(Problem(f.source, f"cannot read file ({e.strerror or e})"))
        todo = [f for f in files if f.source in hashes and (f.source not in prev_docs or prev_docs[f.source].sha256 != hashes[f.source])]
        if embedder is None and (todo or not prev):
            embedder = _load_embedder(settings)
        report.seconds["model_load"] = round(time.perf_counter() - t0, 2)

        docs: list[DocRecord] = []
        chunks: list[Chunk] = []
        seen_hash: dict[str, str] = {}
        t1 = time.perf_counter()
        bar = tqdm(files, desc="extract", unit="file", disable=not progress)
        for f in bar:
            sha = hashes.get(f.source)
            if sha is None:
                continue
            if sha in seen_hash:
                report.problems.append(Problem(f.source, f"duplicate of {seen_hash[sha]} (same bytes), skipped"))
                continue
            old = prev_docs.get(f.source)
            if old and old.sha256 == sha:
                docs.append(old)
                chunks.extend(read_chunks(prev, f.source))  # type: ignore[arg-type]
                report.unchanged.append(f.source)
                seen_hash[sha] = f.source
                continue
            tf = time.perf_counter()
            try:
                rec, doc_chunks = _parse_file(f, embedder.count_tokens, settings)  # type: ignore[union-attr]
            except ExtractError as e:
                log.warning("file.problem", extra=fields(source=f.source, reason=e.reason, kept_previous=bool(old)))
                report.problems.append(Problem(f.source, e.reason))
                if old:  # keep the last good version of this file
                    docs.append(old)
                    chunks.extend(read_chunks(prev, f.source))  # type: ignore[arg-type]
                continue
            except Exception as e:  # a parser bug on one file must not stop the build
                log.exception("failed on %s", f.source)
                report.problems.append(Problem(f.source, f"could not be processed ({type(e).__name__}: {e})"))
                if old:
                    docs.append(old)
                    chunks.extend(read_chunks(prev, f.source))  # type: ignore[arg-type]
                continue
            rec.sha256 = sha
            log.info("file.indexed", extra=fields(source=f.source, status="changed" if old else "added", chunks=len(doc_chunks), seconds=round(time.perf_counter() - tf, 3)))
            docs.append(rec)
            chunks.extend(doc_chunks)
            seen_hash[sha] = f.source
            (report.changed if old else report.added).append(f.source)
        present = {f.source for f in files}
        report.removed = sorted(s for s in prev_docs if s not in present)
        report.seconds["extract"] = round(time.perf_counter() - t1, 2)

        was = store_location(prev) if prev else None
        moved = was is not None and was != target.location  # e.g. FAISS -> Milvus: the same chunks in a new store
        if moved:
            log.info("build.store_moved", extra=fields(previous=was, now=target.location))
        if prev and not (report.added or report.changed or report.removed or moved):
            report.chunks = len(chunks)
            report.generation = prev.name
            report.seconds["total"] = round(time.perf_counter() - t0, 2)
            log.info("build.up_to_date", extra=fields(generation=prev.name, documents=len(docs), problems=len(report.problems)))
            return report  # nothing to do: the current generation is up to date

        apply_relations(docs, chunks)
        if embedder is None:  # files removed or the store moved: the vectors are cached, keyed by model
            embedder = _load_embedder(settings)
        t2 = time.perf_counter()
        vectors = _embed(chunks, embedder, index_dir, report, progress)
        report.seconds["embed"] = round(time.perf_counter() - t2, 2)
        t3 = time.perf_counter()
        info = {
            "model": embedder.model_id,  # type: ignore[union-attr]
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "corpus": str(corpus.resolve()),
            "problems": [p.__dict__ for p in report.problems],
        }
        gen = write_generation(index_dir, docs, chunks, vectors, info, target)
        report.seconds["index"] = round(time.perf_counter() - t3, 2)
        report.chunks = len(chunks)
        report.generation = gen.name
    report.seconds["total"] = round(time.perf_counter() - t0, 2)
    log.info("build.done", extra=fields(
        generation=report.generation, added=len(report.added), changed=len(report.changed), removed=len(report.removed),
        unchanged=len(report.unchanged), problems=len(report.problems), chunks=report.chunks, embedded=report.embedded,
        cached=report.cached, seconds=report.seconds,
    ))
    return report


def _load_embedder(settings: Settings):  # noqa: ANN202
    from .embed import Embedder

    return Embedder(settings)


def _embed(chunks: list[Chunk], embedder, index_dir: Path, report: BuildReport, progress: bool) -> np.ndarray:  # noqa: ANN001
    cache = EmbeddingCache(index_dir)
    try:
        keys = [cache.key(embedder.model_id, c.passage) for c in chunks]
        found = cache.get_many(list(set(keys)))
        missing = sorted({k: c.passage for k, c in zip(keys, chunks) if k not in found}.items())
        report.cached = len(chunks) - sum(1 for k in keys if k not in found)
        if missing:
            vecs = embedder.encode_passages([p for _, p in missing], show_progress=progress)
            new = {k: v for (k, _), v in zip(missing, vecs)}
            cache.put_many(new)
            found.update(new)
            report.embedded = len(new)
        dim = embedder.dim
        if not chunks:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)
    finally:
        cache.close()
