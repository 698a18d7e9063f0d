"""The ingestion pipeline: corpus folder in, a new index generation out.

extract -> structure -> chunk -> embed -> index, incrementally: a document whose bytes did
not change keeps its chunks from the previous generation, and a chunk whose text did not
change keeps its cached vector. A file that fails is reported (file and reason) and
skipped; if an earlier version of it was indexed, that version stays. So does a file, or
a folder, that cannot be read.

An operator's slip must not cost the index: a build that would remove most documents, or
that finds a corpus folder missing or unreadable while the index holds documents from it,
stops before changing anything (`allow_removals` goes ahead). A previous generation that
is damaged is not reused: the build starts over from the corpus (vectors come from the
embedding cache) and writes a whole new generation.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from tqdm import tqdm

from .articles import ArticleStore
from .chunk import Chunk, chunk_document
from .config import Settings
from .embed import Embedder
from .errors import NetralError
from .extract import ExtractError, ExtractLimits, extract_pdf
from .files import file_sha256
from .index import (
    ChunkStore,
    DocContent,
    DocRecord,
    EmbeddingCache,
    IndexStateError,
    Previous,
    StoreTarget,
    build_lock,
    current_generation,
    read_chunks,
    read_documents,
    read_info,
    store_location,
    write_contents,
)
from .lexical import STEMS_FILE, load_stems, save_stems, stem_count
from .logs import fields
from .normalize import stem_lexicon
from . import rulegen, rulematch
from .relations import apply_relations
from .rules import RuleFiles
from .structure import parse_document

if TYPE_CHECKING:
    from .verify import Verification

T = TypeVar("T")
log = logging.getLogger(__name__)
KINDS = {"regulations": "regulation", "rulings": "ruling"}
OFFICIAL = "official"
"""Official texts fetched by `kb corpus fetch` live in <corpus>/official/{regulations,rulings}/."""


class BuildRefused(NetralError):
    """A build that would lose documents nobody asked to lose; nothing was changed."""


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
    rules: int | None = None  # rules the new generation serves (None: it was up to date)
    warnings: list[str] = field(default_factory=list)
    """About the index rather than a file: e.g. a damaged previous generation, rebuilt."""


@dataclass
class CorpusFile:
    source: str  # relative to the corpus root, "/" separated
    kind: str
    path: Path


@dataclass
class CorpusScan:
    """What a walk of the corpus found: the PDFs, and what it could not read."""

    files: list[CorpusFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    """Folders (relative, "/" separated) that could not be listed: what the index holds
    from them is kept."""
    roots: list[str] = field(default_factory=list)
    missing_roots: list[str] = field(default_factory=list)
    unreadable_roots: list[str] = field(default_factory=list)
    """regulations/, rulings/ (or official/...) folders that do not exist / cannot be listed."""


def walk_corpus(corpus_dir: Path, official_only: bool = False) -> CorpusScan:
    """PDFs under regulations/ and rulings/ (recursive), then under official/regulations/ and
    official/rulings/, in a stable order. official_only: only the official texts.

    Dangling symbolic links, symbolic link loops and folders that cannot be listed are
    problems naming the path, never silently skipped."""
    scan = CorpusScan()
    roots = [corpus_dir / OFFICIAL] if official_only else [corpus_dir, corpus_dir / OFFICIAL]
    for root in roots:
        for folder, kind in KINDS.items():
            base = root / folder
            rel = base.relative_to(corpus_dir).as_posix()
            scan.roots.append(rel)
            if not base.is_dir():
                scan.missing_roots.append(rel)
                continue
            found: list[Path] = []
            if not _walk(base, corpus_dir, scan, found, _ancestry(base)):
                scan.unreadable_roots.append(rel)
            scan.files += [CorpusFile(p.relative_to(corpus_dir).as_posix(), kind, p) for p in sorted(found)]
    return scan


def scan_corpus(corpus_dir: Path, official_only: bool = False) -> list[CorpusFile]:
    """The PDFs `walk_corpus` finds."""
    return walk_corpus(corpus_dir, official_only).files


def _ancestry(path: Path) -> list[tuple[int, int]]:
    st = path.stat()
    return [(st.st_dev, st.st_ino)]


def _walk(folder: Path, corpus_dir: Path, scan: CorpusScan, found: list[Path], ancestry: list[tuple[int, int]]) -> bool:
    """Collect PDFs below `folder` into `found`; False when `folder` itself cannot be listed."""
    rel = folder.relative_to(corpus_dir).as_posix()
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        scan.problems.append(Problem(rel + "/", f"cannot read this folder ({e.strerror or e}); what the index holds from it is kept"))
        scan.unreadable.append(rel)
        return False
    for entry in entries:
        path = Path(entry.path)
        try:
            st = path.stat()  # follows links
        except OSError as e:
            reason = {errno.ENOENT: "dangling symbolic link (its target does not exist)",
                      errno.ELOOP: "symbolic link loop"}.get(e.errno or 0, f"cannot read ({e.strerror or e})")
            scan.problems.append(Problem(path.relative_to(corpus_dir).as_posix(), reason + ", skipped"))
            continue
        if entry.is_dir():
            if (st.st_dev, st.st_ino) in ancestry:
                scan.problems.append(Problem(path.relative_to(corpus_dir).as_posix(), "symbolic link loop (points to a folder above it), skipped"))
                continue
            _walk(path, corpus_dir, scan, found, [*ancestry, (st.st_dev, st.st_ino)])
        elif entry.is_file() and path.suffix.lower() == ".pdf":
            found.append(path)
    return True


@dataclass
class _Previous:
    """The generation being served, as far as a build may reuse it."""

    gen: Path | None = None
    docs: dict[str, DocRecord] = field(default_factory=dict)
    carry: Previous | None = None  # its documents can be carried over as they are (kb.index.Previous)
    legacy: bool = False  # written before manifests: rewritten even when nothing changed
    model: str | None = None
    checked: Future[Verification] | None = None  # its checksums, verified while the build reads the corpus
    _chunks: dict[str, list[Chunk]] | None = None

    def damage(self) -> str | None:
        """Why the generation must not be reused (its checksums), once they are checked; None if whole."""
        v = self.checked.result() if self.checked is not None else None
        if v is None or v.ok:
            return None
        try:
            v.raise_first()
        except IndexStateError as e:
            return str(e)
        return None

    def keep(self, source: str, docs: list[DocRecord], contents: list[DocContent]) -> bool:
        """Carry this file's previous version into the new generation; False if there is none."""
        old = self.docs.get(source)
        if old is None:
            return False
        docs.append(old)
        if self.carry is not None:
            contents.append(DocContent(old, prev=self.carry.features.number[source]))
        else:
            contents.append(DocContent(old, chunks=self.chunks_of(source)))
        return True

    def chunks_of(self, source: str) -> list[Chunk]:
        """A document's chunk rows, decoded (all of them are read at the first call)."""
        if self._chunks is None:
            assert self.gen is not None
            self._chunks = {}
            for c in read_chunks(self.gen):
                self._chunks.setdefault(c.source, []).append(c)
        return self._chunks.get(source, [])

    def uncarry(self, contents: list[DocContent]) -> None:
        """Read the carried documents' chunks instead (their vectors then come from the cache)."""
        for c in contents:
            if c.prev is not None:
                c.chunks, c.prev = self.chunks_of(c.record.source), None
        self.carry = None


def _previous(index_dir: Path, report: BuildReport, target: StoreTarget) -> _Previous:
    """The current generation if it is whole; a damaged one is reported and not reused."""
    from .verify import verify_generation

    try:
        gen = current_generation(index_dir)
        if gen is None:
            return _Previous()
        verify_generation(gen, checksums=False).raise_first()  # the checksums in the background: `whole`
        prev = _Previous(gen, read_documents(gen), legacy=not (gen / "manifest.json").exists())
        prev.checked = _in_thread(verify_generation, gen, checksums=True)
        prev.model = str(read_info(gen).get("model") or "") or None
        if target.backend == "faiss" and not prev.legacy:
            prev.carry = Previous.open(gen, target.token)
        return prev
    except IndexStateError as e:
        report.warnings.append(f"previous index not reused: {e}; building a new one from the corpus")
        log.warning("build.previous_unusable", extra=fields(reason=str(e)))
        return _Previous()


def _guard(corpus: Path, scan: CorpusScan, prev: _Previous, settings: Settings, allow_removals: bool) -> list[str]:
    """The sources this build would remove; BuildRefused if that looks like a mistake."""
    if not prev.docs and set(scan.missing_roots) == set(scan.roots):
        raise BuildRefused(f"{corpus} holds none of the folders {', '.join(r + '/' for r in scan.roots)}: nothing to index")
    for root in scan.unreadable_roots:
        if not allow_removals:
            raise BuildRefused(f"{corpus / root} cannot be read: nothing changed; fix its permissions "
                               "(or run `kb build --allow-removals` to build without it)")
    for root in scan.missing_roots:
        held = [s for s in prev.docs if s.startswith(root + "/")]
        if held and not allow_removals:
            raise BuildRefused(f"{corpus / root} is missing and the index holds {len(held)} documents from it: "
                               "nothing changed; restore it, or run `kb build --allow-removals` to remove them")
    present = {f.source for f in scan.files}
    kept = tuple(r + "/" for r in scan.unreadable)
    removed = sorted(s for s in prev.docs if s not in present and not s.startswith(kept))
    share = len(removed) / len(prev.docs) if prev.docs else 0.0
    if not allow_removals and len(removed) > settings.removal_guard_min and share > settings.removal_guard_share:
        raise BuildRefused(f"this build would remove {len(removed)} of the {len(prev.docs)} indexed documents "
                           f"(e.g. {removed[0]}): nothing changed; check --corpus {corpus}, or run "
                           "`kb build --allow-removals` if they are meant to go")
    return removed


def _parse_file(f: CorpusFile, count_tokens: Callable[[str], int], settings: Settings) -> tuple[DocRecord, list[Chunk]]:
    pdf = extract_pdf(f.path, ExtractLimits.from_settings(settings))
    doc = parse_document(pdf, f.source, f.kind)
    chunks = chunk_document(doc, max_tokens=settings.max_chunk_tokens, count_tokens=count_tokens)
    if not chunks:
        raise ExtractError(f.path, "no text could be chunked")
    return DocRecord(f.source, "", doc.pages, doc.meta), chunks


def build_index(settings: Settings, embedder: Embedder | None = None, progress: bool = True, official_only: bool = False,
                allow_removals: bool = False) -> BuildReport:
    """Build (or update) the index for settings.corpus_dir into settings.index_dir.

    official_only: index only <corpus>/official/ (the texts `kb corpus fetch` downloaded),
    not our summaries; files indexed before and not scanned now are reported as removed.
    allow_removals: go ahead when the build would remove most documents, or a corpus folder
    the index holds documents from is missing or unreadable (else BuildRefused)."""
    report = BuildReport()
    t0 = time.perf_counter()
    corpus, index_dir = settings.corpus_dir, settings.index_dir
    if not corpus.is_dir():
        raise BuildRefused(f"corpus folder {corpus} does not exist (give --corpus)")
    target = StoreTarget.from_settings(settings)  # where the vectors go: checked before any work
    with build_lock(index_dir):
        log.info("build.start", extra=fields(corpus=str(corpus), index=str(index_dir)))
        stems = index_dir / "cache" / STEMS_FILE
        known = load_stems(stems)
        stem_lexicon()  # what a searcher's QueryNormalizer stems as it starts: kept in the cache it reads
        prev = _previous(index_dir, report, target)
        scan = walk_corpus(corpus, official_only)
        report.problems += scan.problems
        report.removed = _guard(corpus, scan, prev, settings, allow_removals)
        hashes = _hashes(scan.files, report)
        report.seconds["previous_and_scan"] = round(time.perf_counter() - t0, 2)
        todo = [f for f in scan.files if f.source in hashes and (f.source not in prev.docs or prev.docs[f.source].sha256 != hashes[f.source])]
        t1 = time.perf_counter()
        model = _Model(settings, embedder)  # loaded when first needed (onnxruntime holds the GIL while it loads)
        if todo or not prev.gen:
            embedder = model.get()
        report.seconds["model_load"] = round(time.perf_counter() - t1, 2)
        t1 = time.perf_counter()
        found = list(report.problems)
        docs, contents = _read_all(scan, hashes, prev, embedder, settings, report, progress)
        damage = prev.damage()
        if damage:  # its checksums failed meanwhile: start over from the corpus
            report = _restart(report, found, damage)
            prev = _Previous()
            docs, contents = _read_all(scan, hashes, prev, model.get(), settings, report, progress)
        report.seconds["extract"] = round(time.perf_counter() - t1, 2)

        moved = _store_moved(prev.gen, target)
        rules_changed = prev.gen is not None and rulegen.digest_of(read_info(prev.gen)) != RuleFiles.read(settings.rule_folder).digest
        if prev.gen and not (report.added or report.changed or report.removed or moved or prev.legacy or rules_changed):
            report.chunks = sum(_count(c, prev) for c in contents)
            report.generation = prev.gen.name
            report.seconds["total"] = round(time.perf_counter() - t0, 2)
            log.info("build.up_to_date", extra=fields(generation=prev.gen.name, documents=len(docs), problems=len(report.problems)))
            if stem_count() > known or not stems.is_file():
                save_stems(stems)
            return report  # nothing to do: the current generation is up to date

        _write(settings, target, docs, contents, model, prev, report, progress)
        if stem_count() > known or not stems.is_file():
            save_stems(stems)
    report.seconds["total"] = round(time.perf_counter() - t0, 2)
    _log_done(report)
    return report


def _store_moved(prev: Path | None, target: StoreTarget) -> bool:
    """The vectors go elsewhere than the previous generation's (e.g. FAISS -> Milvus: the
    same chunks in a new store)."""
    was = store_location(prev) if prev else None
    moved = was is not None and was != target.location
    if moved:
        log.info("build.store_moved", extra=fields(previous=was, now=target.location))
    return moved


def _in_thread(fn: Callable[..., T], *args: object, **kw: object) -> Future[T]:
    fut: Future[T] = Future()

    def run() -> None:
        try:
            fut.set_result(fn(*args, **kw))
        except BaseException as e:  # raised where the result is needed
            fut.set_exception(e)

    threading.Thread(target=run, daemon=True).start()
    return fut


def _restart(report: BuildReport, found: list[Problem], reason: str) -> BuildReport:
    """A report for a build that starts over: the problems of the scan (`found`) and the warnings kept."""
    fresh = BuildReport(problems=list(found),
                        warnings=[*report.warnings, f"previous index not reused: {reason}; building a new one from the corpus"])
    fresh.seconds = dict(report.seconds)
    log.warning("build.previous_unusable", extra=fields(reason=reason))
    return fresh


class _Model:
    """The model: the one given, else loaded the first time it is needed."""

    def __init__(self, settings: Settings, embedder: Embedder | None):
        self.settings, self.embedder = settings, embedder

    def get(self) -> Embedder:
        if self.embedder is None:
            self.embedder = _load_embedder(self.settings)
        return self.embedder


def _count(c: DocContent, prev: _Previous) -> int:
    if c.prev is not None and prev.carry is not None:
        return len(prev.carry.rows(c.prev))
    return len(c.chunks or [])


def _write(
    settings: Settings, target: StoreTarget, docs: list[DocRecord], contents: list[DocContent], model: _Model,
    prev: _Previous, report: BuildReport, progress: bool,
) -> None:
    """Relations, vectors (from the cache where it has them), then the new generation.
    Unchanged documents are carried from the previous generation as they are (rows,
    vectors, term counts, features) unless the model changed."""
    embedder = model.get()
    if prev.carry is not None and prev.model != embedder.model_id:  # another model: nothing carries over
        prev.uncarry(contents)
    carry = prev.carry
    revokes = {c.record.source: carry.features.revokes[c.prev] for c in contents if c.prev is not None and carry}
    fresh = [c for c in contents if c.prev is None]
    apply_relations(docs, [ch for c in fresh for ch in c.chunks or []], revokes)
    t2 = time.perf_counter()
    vectors = _embed([ch for c in fresh for ch in c.chunks or []], embedder, settings.index_dir, report, progress,
                     settings.embed_cache_every, settings)
    at = 0
    for c in fresh:
        c.vectors, at = vectors[at : at + len(c.chunks or [])], at + len(c.chunks or [])
    report.cached += sum(_count(c, prev) for c in contents if c.prev is not None)
    report.seconds["embed"] = round(time.perf_counter() - t2, 2)
    t3 = time.perf_counter()
    rules = _rules(settings, docs, _NewChunks.store(docs, contents, prev), embedder, report)
    info: dict[str, object] = {
        "model": embedder.model_id,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus": str(settings.corpus_dir.resolve()),
        "problems": [p.__dict__ for p in report.problems],
        "rules": rules.info(),
    }
    steps: dict[str, float] = {}
    gen = write_contents(settings.index_dir, docs, contents, info, target, previous=carry, dim=embedder.dim, timings=steps,
                         files=rules.generation_files())
    report.seconds["index"] = round(time.perf_counter() - t3, 2)
    report.seconds.update({f"index.{k}": v for k, v in steps.items()})
    report.chunks = sum(_count(c, prev) for c in contents)
    report.generation = gen.name


def _rules(settings: Settings, docs: list[DocRecord], articles: ArticleStore, embedder: Embedder,
           report: BuildReport) -> rulegen.CarriedRules:
    """The rule base this generation carries, checked against its articles; a rule whose
    citation does not resolve here is left out, and every problem is reported. The rules'
    situation vectors go into the embedding cache now, not on a server's first answer."""
    carried = rulegen.prepare(settings.rule_folder, articles)
    for p in carried.problems:
        where = Path(p.file).name if p.file.endswith(".toml") else p.file
        left_out = " (left out of the index)" if p.rule in carried.excluded else ""
        report.problems.append(Problem(f"rules/{where}", f"rule {p.rule}: {p.message}{left_out}" if p.rule else p.message))
    rulematch.fill_cache(carried.base, embedder, settings.index_dir)
    report.rules = len(carried.base)
    return carried


class _NewChunks(Sequence[Chunk]):
    """The new generation's chunks in their order, a carried document's read from the
    previous generation only when asked for: the rule check reads the documents its rules
    cite, not every row."""

    def __init__(self, contents: list[DocContent], prev: _Previous):
        self.parts: list[tuple[int, DocContent]] = []
        self.ranges: dict[str, range] = {}
        at = 0
        for c in contents:
            n = _count(c, prev)
            self.parts.append((at, c))
            self.ranges[c.record.source] = range(at, at + n)
            at += n
        self.n = at
        self.carry = prev.carry
        self.old = ChunkStore(prev.gen, len(prev.carry.features)) if prev.carry is not None and prev.gen is not None else None

    @classmethod
    def store(cls, docs: list[DocRecord], contents: list[DocContent], prev: _Previous) -> ArticleStore:
        view = cls(contents, prev)
        return ArticleStore(view, {d.source: d for d in docs}, view.ranges.__getitem__)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> Chunk:  # type: ignore[override]
        return self.many([i])[0]

    def many(self, ids: Iterable[int]) -> list[Chunk]:
        out = []
        for i in ids:
            at, c = self.parts[bisect.bisect_right(self.parts, i, key=lambda p: p[0]) - 1]
            if c.prev is None:
                out.append((c.chunks or [])[i - at])
            else:
                assert self.carry is not None and self.old is not None
                out.append(self.old[self.carry.rows(c.prev)[i - at]])
        return out


def _log_done(report: BuildReport) -> None:
    log.info("build.done", extra=fields(
        generation=report.generation, added=len(report.added), changed=len(report.changed), removed=len(report.removed),
        unchanged=len(report.unchanged), problems=len(report.problems), chunks=report.chunks, embedded=report.embedded,
        cached=report.cached, seconds=report.seconds,
    ))


def _hashes(files: list[CorpusFile], report: BuildReport) -> dict[str, str]:
    """sha256 of every file that can be read; the others are problems (their previous
    version is kept)."""
    hashes: dict[str, str] = {}
    for f in files:
        try:
            hashes[f.source] = file_sha256(f.path)
        except OSError as e:
            report.problems.append(Problem(f.source, f"cannot read file ({e.strerror or e})"))
    return hashes


def _read_all(scan: CorpusScan, hashes: dict[str, str], prev: _Previous, embedder: Embedder | None, settings: Settings,
              report: BuildReport, progress: bool) -> tuple[list[DocRecord], list[DocContent]]:
    """Every document of the new generation and its chunks: unchanged ones carried from the
    previous generation, new and changed ones extracted; a file that fails keeps its last
    good version."""
    docs: list[DocRecord] = []
    contents: list[DocContent] = []
    seen_hash: dict[str, str] = {}
    kept = tuple(r + "/" for r in scan.unreadable)
    for src in prev.docs:
        if src.startswith(kept):  # below a folder that cannot be read now
            prev.keep(src, docs, contents)
    for f in tqdm(scan.files, desc="extract", unit="file", disable=not progress):
        sha = hashes.get(f.source)
        if sha is None:  # cannot be read now: its problem is reported
            prev.keep(f.source, docs, contents)
            continue
        if sha in seen_hash:
            report.problems.append(Problem(f.source, f"duplicate of {seen_hash[sha]} (same bytes), skipped"))
            continue
        old = prev.docs.get(f.source)
        if old and old.sha256 == sha:
            prev.keep(f.source, docs, contents)
            report.unchanged.append(f.source)
            seen_hash[sha] = f.source
            continue
        tf = time.perf_counter()
        try:
            assert embedder is not None  # loaded whenever a file has to be read
            rec, doc_chunks = _parse_file(f, embedder.count_tokens, settings)
        except Exception as e:  # a bad file, or a parser bug on one file, must not stop the build
            reason = e.reason if isinstance(e, ExtractError) else f"could not be processed ({type(e).__name__}: {e})"
            if not isinstance(e, ExtractError):
                log.exception("failed on %s", f.source)
            log.warning("file.problem", extra=fields(source=f.source, reason=reason, kept_previous=bool(old)))
            report.problems.append(Problem(f.source, reason))
            prev.keep(f.source, docs, contents)  # the last good version of this file, if any
            continue
        rec.sha256 = sha
        log.info("file.indexed", extra=fields(source=f.source, status="changed" if old else "added", chunks=len(doc_chunks), seconds=round(time.perf_counter() - tf, 3)))
        docs.append(rec)
        contents.append(DocContent(rec, chunks=doc_chunks))
        seen_hash[sha] = f.source
        (report.changed if old else report.added).append(f.source)
    return docs, contents


def _load_embedder(settings: Settings) -> Embedder:
    from . import embed

    return embed.load_embedder(settings)


def _embed(chunks: list[Chunk], embedder: Embedder, index_dir: Path, report: BuildReport, progress: bool,
           every: int = 256, settings: Settings | None = None) -> np.ndarray:
    """The vector of every chunk: from the cache, or embedded and written to the cache
    `every` passages at a time, so that a killed build keeps what it embedded."""
    cache = EmbeddingCache(index_dir)
    try:
        keys = [cache.key(embedder.model_id, c.passage) for c in chunks]
        found = cache.get_many(list(set(keys)))
        missing = sorted({k: c.passage for k, c in zip(keys, chunks) if k not in found}.items(), key=lambda kv: (len(kv[1]), kv[0]))
        report.cached = len(chunks) - sum(1 for k in keys if k not in found)
        parts = [missing[s : s + max(1, every)] for s in range(0, len(missing), max(1, every))]
        with contextlib.ExitStack() as stack:
            encoded = _encoder_of(embedder, settings, report, stack, bool(missing))([[p for _, p in part] for part in parts])
            for part, vecs in tqdm(zip(parts, encoded), total=len(parts), desc="embed", unit="batch", disable=not progress or not missing):
                new = {k: v for (k, _), v in zip(part, vecs)}
                cache.put_many(new)  # committed: survives a killed build
                found.update(new)
                report.embedded += len(new)
        dim = embedder.dim
        if not chunks:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)
    finally:
        cache.close()


def _encoder_of(embedder: Embedder, settings: Settings | None, report: BuildReport, stack: contextlib.ExitStack,
                needed: bool) -> Callable[[list[list[str]]], Iterable[np.ndarray]]:
    """Parts of passages -> their vectors, part by part: in this process, or on Ray workers
    (`Settings.embed_workers` / `ray_address`, kb.distributed) when there is something to embed."""
    from .distributed import RayEmbedding, RayPlan

    plan = RayPlan.from_settings(settings) if settings is not None else RayPlan()
    if not (plan.enabled and needed):
        return lambda parts: (embedder.encode_passages(p) for p in parts)
    pool = stack.enter_context(RayEmbedding(plan, settings, embedder))  # type: ignore[arg-type]
    report.seconds["embed.ray_start"] = pool.start_seconds
    return pool.encode_parts
