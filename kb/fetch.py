"""Fetch the official texts listed in a manifest (``corpus/sources.toml``) into ``corpus/official/``.

Each ``[[source]]`` of the manifest names one instrument (type, number, year, title, status,
relations) and, when known, the official URL of its PDF. ``fetch_all`` downloads each one to
``<dest>/regulations/<id>.pdf`` (``rulings/`` for court decisions):

- resumable: bytes go to ``<id>.pdf.part``; a later attempt asks for the rest with an HTTP
  Range request, or downloads in full when the server ignores Range;
- checked: the file must start with ``%PDF``; its sha256 is recorded after the first
  download in a lock file beside the manifest (``sources.lock.json``), and every later run
  checks the file against it (a mismatch is reported and the existing file is kept);
- atomic: the ``.part`` file is renamed over the target only when complete and checked;
- offline-safe: if the first connection of a run fails (name resolution, refused,
  unreachable), ``NoNetwork`` is raised before any file was written.

Only the standard library talks HTTP (``urllib``), so ``kb`` gains no dependency.
"""

from __future__ import annotations

from .errors import NetralError

import http.client
import json
import logging
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tqdm import tqdm

from .files import file_sha256

try:  # Python 3.11+; on 3.10 the API-identical backport `tomli` is needed
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

log = logging.getLogger(__name__)

NO_NETWORK = "no network: nothing fetched, nothing changed"
USER_AGENT = "netral-kb (kb corpus fetch)"
BLOCK = 64 * 1024
STATUSES = ("berlaku", "dicabut", "diubah", "")
KINDS = {"regulation": "regulations", "ruling": "rulings"}
RELATION_KINDS = ("dicabut_oleh", "diubah_oleh", "mencabut", "mengubah")
_KEYS = {"id", "kind", "type", "number", "year", "title", "status", "url", "page", "note", "relations"}

Outcome = Literal["downloaded", "resumed", "verified", "skipped", "failed"]


class ManifestError(NetralError, ValueError):
    """The manifest cannot be read or has a bad entry (message names file and entry)."""


class NoNetwork(NetralError, RuntimeError):
    """The first connection of a run failed: nothing was fetched and no file was touched."""


@dataclass(frozen=True)
class Relation:
    kind: str  # dicabut_oleh, diubah_oleh, mencabut, mengubah
    instrument: str  # "PP 94/2021"
    note: str = ""


@dataclass(frozen=True)
class Source:
    id: str  # also the file name: <id>.pdf
    type: str
    number: str
    year: int
    title: str
    url: str = ""  # the official PDF; "" when no address is known for certain
    page: str = ""  # the official page or site where the text is published
    status: str = ""
    kind: str = "regulation"
    note: str = ""
    relations: tuple[Relation, ...] = ()

    @property
    def citation(self) -> str:
        return f"{self.type} {self.number}/{self.year}"

    def target(self, dest: Path) -> Path:
        return dest / KINDS[self.kind] / f"{self.id}.pdf"


@dataclass
class FileResult:
    id: str
    outcome: Outcome
    detail: str
    path: Path | None = None
    sha256: str = ""
    size: int = 0


@dataclass
class FetchReport:
    results: list[FileResult] = field(default_factory=list)
    lock: Path | None = None

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.outcome == "failed"]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)


# --- manifest and lock ------------------------------------------------------------------


def load_manifest(path: Path) -> list[Source]:
    """The ``[[source]]`` entries of a manifest, checked (unknown keys, bad URL, duplicate id)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ManifestError(f"{path}: cannot read manifest ({e.strerror or e})") from e
    except tomllib.TOMLDecodeError as e:
        raise ManifestError(f"{path}: not valid TOML ({e})") from e
    out: list[Source] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("source", []), 1):
        where = f"{path}: [[source]] #{i}"
        if not isinstance(raw, dict):
            raise ManifestError(f"{where}: not a table")
        unknown = sorted(set(raw) - _KEYS)
        if unknown:
            raise ManifestError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(_KEYS)}")
        missing = [k for k in ("type", "number", "year", "title") if not raw.get(k)]
        if missing:
            raise ManifestError(f"{where}: missing {missing}")
        if not isinstance(raw["year"], int):
            raise ManifestError(f"{where}: year must be a number")
        sid = str(raw.get("id") or f"{raw['type']}-{raw['number']}-{raw['year']}").lower()
        where = f"{path}: source {sid!r}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", sid):
            raise ManifestError(f"{where}: id may hold only a-z, 0-9, '.', '_' and '-'")
        if sid in seen:
            raise ManifestError(f"{where}: duplicate id")
        seen.add(sid)
        url = str(raw.get("url", ""))
        if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ManifestError(f"{where}: url must be http(s):// or empty")
        kind = str(raw.get("kind", "regulation"))
        if kind not in KINDS:
            raise ManifestError(f"{where}: kind must be one of {sorted(KINDS)}")
        status = str(raw.get("status", ""))
        if status not in STATUSES:
            raise ManifestError(f"{where}: status must be one of {[s for s in STATUSES if s]}")
        rels = []
        for r in raw.get("relations", []):
            if not isinstance(r, dict) or r.get("kind") not in RELATION_KINDS or not r.get("instrument"):
                raise ManifestError(f"{where}: a relation needs kind (one of {list(RELATION_KINDS)}) and instrument")
            rels.append(Relation(r["kind"], str(r["instrument"]), str(r.get("note", ""))))
        out.append(
            Source(
                id=sid, type=str(raw["type"]), number=str(raw["number"]), year=raw["year"], title=str(raw["title"]),
                url=url, page=str(raw.get("page", "")), status=status, kind=kind, note=str(raw.get("note", "")),
                relations=tuple(rels),
            )
        )
    if not out:
        raise ManifestError(f"{path}: no [[source]] entries")
    return out


def lock_path(manifest: Path) -> Path:
    """``corpus/sources.toml`` -> ``corpus/sources.lock.json``."""
    return manifest.with_name(manifest.stem + ".lock.json")


def read_lock(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return dict(data["files"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ManifestError(f"{path}: unreadable lock file ({e}); fix or delete it") from e


def _write_lock(path: Path, files: dict[str, dict]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"version": 1, "files": files}, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _pdf_problem(path: Path) -> str | None:
    """None if the file starts with %PDF (after optional whitespace), else what it looks like."""
    with path.open("rb") as f:
        head = f.read(1024)
    if head.lstrip().startswith(b"%PDF"):
        return None
    if not head:
        return "empty file"
    what = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else f"starts with {head[:16]!r}"
    return f"not a PDF ({what})"


# --- HTTP -------------------------------------------------------------------------------


class _Net:
    """Whether any server has answered yet in this run (decides 'no network')."""

    def __init__(self) -> None:
        self.answered = False


class _ConnectError(Exception):
    """No connection at all (name resolution, refused, unreachable, connect timeout)."""


class _Interrupted(Exception):
    """The body stopped before it was complete; the .part file keeps what arrived."""


def _open(url: str, offset: int, timeout: float, net: _Net) -> http.client.HTTPResponse:
    headers = {"User-Agent": USER_AGENT, "Accept": "application/pdf, */*"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    try:
        resp = urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout)
    except urllib.error.HTTPError:
        net.answered = True
        raise
    except urllib.error.URLError as e:  # raised before any byte came back
        reason = e.reason
        raise _ConnectError(getattr(reason, "strerror", None) or str(reason)) from e
    net.answered = True
    return resp


def _content_range(value: str | None) -> tuple[int, int | None] | None:
    m = re.fullmatch(r"\s*bytes\s+(\d+)-\d+/(\d+|\*)\s*", value or "")
    if not m:
        return None
    return int(m[1]), (None if m[2] == "*" else int(m[2]))


def _transfer(src: Source, part: Path, timeout: float, net: _Net, progress: bool) -> tuple[bool, str]:
    """One request that appends the rest of the file to ``part`` (or rewrites it).

    Returns (resumed, note). Raises _Interrupted when the body stops early, HTTPError,
    _ConnectError."""
    offset = part.stat().st_size if part.exists() else 0
    try:
        resp = _open(src.url, offset, timeout, net)
    except urllib.error.HTTPError as e:
        if e.code == 416 and offset:  # our .part does not fit the server's file: start again
            part.unlink()
            return _transfer(src, part, timeout, net, progress)
        raise
    with resp:
        note = ""
        if resp.status == 206:
            cr = _content_range(resp.headers.get("Content-Range"))
            if cr is None or cr[0] != offset:
                resp.close()
                part.unlink()
                return _transfer(src, part, timeout, net, progress)
            start, total, mode = offset, cr[1], "ab"
            note = f"resumed at byte {offset}"
        else:
            if offset:
                note = "server ignored the Range request; downloaded in full"
            length = resp.headers.get("Content-Length")
            start, total, mode = 0, (int(length) if length and length.isdigit() else None), "wb"
        got = start
        part.parent.mkdir(parents=True, exist_ok=True)
        with part.open(mode) as f, tqdm(
            total=total, initial=start, unit="B", unit_scale=True, desc=src.id, leave=False, disable=not progress
        ) as bar:
            try:
                while block := resp.read(BLOCK):
                    f.write(block)
                    got += len(block)
                    bar.update(len(block))
            except (TimeoutError, OSError, http.client.HTTPException) as e:
                raise _Interrupted(f"{type(e).__name__}: {e}" if str(e) else type(e).__name__) from e
            finally:
                f.flush()
                os.fsync(f.fileno())
        if total is not None and got < total:
            raise _Interrupted(f"connection closed after {got} of {total} bytes")
    return mode == "ab", note


def _fetch_one(src: Source, dest: Path, record: dict | None, timeout: float, retries: int, net: _Net, progress: bool) -> tuple[FileResult, dict | None]:
    """Fetch or verify one source. Returns its result and its new lock record (None: unchanged)."""
    target = src.target(dest)
    if not src.url:
        where = f" (official page: {src.page})" if src.page else ""
        return FileResult(src.id, "skipped", f"no download URL known, skipped{where}"), None
    expected = (record or {}).get("sha256") or ""
    replacing = ""
    if target.exists():
        sha = file_sha256(target)
        if expected and sha == expected:
            return FileResult(src.id, "verified", "already present, sha256 verified", target, sha, target.stat().st_size), None
        if not expected and (problem := _pdf_problem(target)) is None:
            rec = _record(src, target, sha)
            return FileResult(src.id, "verified", "already present; no checksum was recorded, recorded it now", target, sha, rec["bytes"]), rec
        replacing = "the file present did not match its recorded sha256; " if expected else f"the file present is {problem}; "

    part = target.with_name(target.name + ".part")
    resumed_any, notes, attempt = False, [], 0
    while True:
        before = part.stat().st_size if part.exists() else 0
        try:
            resumed, note = _transfer(src, part, timeout, net, progress)
            resumed_any |= resumed
            if note:
                notes.append(note)
            break
        except urllib.error.HTTPError as e:
            return FileResult(src.id, "failed", f"HTTP {e.code} {e.reason} for {src.url}"), None
        except _Interrupted as e:
            size = part.stat().st_size if part.exists() else 0
            if attempt < retries and size > before:  # progress was made: try to resume at once
                attempt += 1
                log.info("%s: interrupted at %d bytes (%s); resuming", src.id, size, e)
                continue
            return FileResult(src.id, "failed", f"download interrupted ({e}); {size} bytes kept in {part.name}, run again to resume"), None
        except TimeoutError:  # the server accepted the connection but sent no answer in time
            return FileResult(src.id, "failed", f"timed out after {timeout:g} s waiting for {src.url}"), None
        except _ConnectError as e:
            if not net.answered:
                raise NoNetwork(f"{NO_NETWORK} ({urllib.parse.urlsplit(src.url).hostname}: {e})") from e
            return FileResult(src.id, "failed", f"cannot connect to {src.url} ({e})"), None
        except (OSError, http.client.HTTPException) as e:
            return FileResult(src.id, "failed", f"{type(e).__name__}: {e}"), None

    if problem := _pdf_problem(part):
        part.unlink()
        return FileResult(src.id, "failed", f"{problem}; discarded{', kept the existing file' if target.exists() else ''}"), None
    sha = file_sha256(part)
    if expected and sha != expected:
        part.unlink()
        kept = "kept the existing file" if target.exists() else "nothing written"
        return FileResult(
            src.id, "failed",
            f"sha256 mismatch: recorded {expected[:16]}..., downloaded {sha[:16]}...; {kept}. "
            f"If the official file really changed, delete {src.id!r} from the lock file and fetch again",
        ), None
    os.replace(part, target)
    rec = _record(src, target, sha)
    outcome: Outcome = "resumed" if resumed_any else "downloaded"
    detail = "; ".join([replacing + f"{rec['bytes']} bytes, sha256 {sha[:16]}... " + ("verified" if expected else "recorded")] + notes)
    return FileResult(src.id, outcome, detail, target, sha, rec["bytes"]), rec


def _record(src: Source, target: Path, sha: str) -> dict:
    return {"url": src.url, "sha256": sha, "bytes": target.stat().st_size, "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def select(sources: list[Source], only: Iterable[str] | None) -> list[Source]:
    """Sources whose id or citation ("PP 94/2021") is in ``only`` (all when empty)."""
    wanted = {o.strip().lower() for o in only or [] if o.strip()}
    if not wanted:
        return sources
    picked = [s for s in sources if s.id in wanted or s.citation.lower() in wanted]
    known = {s.id for s in sources} | {s.citation.lower() for s in sources}
    unknown = sorted(wanted - known)
    if unknown:
        raise ManifestError(f"unknown source(s) {unknown}; known ids: {', '.join(s.id for s in sources)}")
    return picked


def fetch_all(
    manifest: Path,
    dest: Path,
    *,
    timeout: float = 30.0,
    progress: bool = True,
    only: Iterable[str] | None = None,
    retries: int = 2,
    lock: Path | None = None,
) -> FetchReport:
    """Download (or verify) every source of ``manifest`` into ``dest``.

    ``timeout``: seconds for the connection and for each read. ``retries``: how many times an
    interrupted download is resumed at once within this run. ``lock``: where checksums are
    recorded (default: beside the manifest, ``<name>.lock.json``). Raises ManifestError and
    NoNetwork (nothing touched); every other problem is a "failed" result for that file.
    """
    sources = select(load_manifest(manifest), only)
    lock = lock or lock_path(manifest)
    records = read_lock(lock)
    report = FetchReport(lock=lock)
    net = _Net()
    pending = False  # lock records not yet written
    for src in tqdm(sources, desc="fetch", unit="file", disable=not progress):
        result, rec = _fetch_one(src, dest, records.get(src.id), timeout, retries, net, progress)
        report.results.append(result)
        if rec is not None:
            records[src.id] = rec
            pending = True
            if result.outcome in ("downloaded", "resumed"):  # a download is recorded at once
                _write_lock(lock, records)
                pending = False
    if pending:
        _write_lock(lock, records)
    return report
