"""Stage 1, extract: a PDF file in, clean page texts out.

Removes what is layout, not law: running heads ("PRESIDEN / REPUBLIK INDONESIA"), page
numbers ("- 5 -"), catchwords at the foot of a page ("Pasal 6 . . ." repeating the next
page's start), the court directory's head and disclaimer, and "Halaman X dari Y" lines.
Page numbers are physical (first page = 1), so they match `file.pdf#page=N`.

Text is stripped of control characters (C0 and C1 controls but newline and tab, terminal
escape sequences, bidirectional overrides) here, so nothing downstream (CLI, JSON, HTML)
carries them. A file is read within limits (`ExtractLimits`, from Settings): characters
per page and per file, and a time budget; a file over one is skipped with a problem
naming it, since a few kilobytes of PDF can expand to millions of characters.
"""

from __future__ import annotations

from .errors import NetralError

import logging
import re
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pypdf loads on first extraction: serving an index never reads a PDF
    import pypdf

    from .config import Settings

logging.getLogger("pypdf").setLevel(logging.ERROR)
log = logging.getLogger(__name__)

MAX_PAGES = 5000
"""Larger files are refused: a bound on time and memory, far above any real regulation."""
OCR_LANGS = "ind+eng"


class ExtractError(NetralError):
    """A file that cannot be read; `reason` is short and meant for the user."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class ExtractLimits:
    """How much one PDF may yield (Settings.max_page_chars, max_file_chars, max_extract_seconds)."""

    page_chars: int = 100_000
    file_chars: int = 4_000_000
    seconds: float = 60.0

    @classmethod
    def from_settings(cls, s: Settings) -> ExtractLimits:
        return cls(s.max_page_chars, s.max_file_chars, s.max_extract_seconds)


_clock = time.monotonic  # the budget's clock (tests replace it)


class _OverLimit(BaseException):
    """Raised from pypdf's visitors to stop reading a file. A BaseException, because pypdf
    catches Exception around form XObjects and would carry on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}


def _shown(operands: list[Any]) -> int:
    """Characters a text-showing operator's operands hold (strings, and strings in a TJ array)."""
    n = 0
    for x in operands:
        if isinstance(x, list):
            n += _shown(x)
        elif isinstance(x, (str, bytes)) and not type(x).__name__ == "NameObject":
            n += len(x)
    return n


class _Budget:
    """Counts the characters pypdf extracts and the time it takes, and stops it (_OverLimit)
    the moment a limit is passed: a page is not read to its end first.

    Characters are counted twice over: as text pypdf hands out (`text`, a line at a time)
    and as the strings of the text-showing operators (`operator`, before pypdf handles
    them), since pypdf hands out a line only at its end: a page that is one line of
    200,000 one-letter operators was read whole before the limit could apply."""

    def __init__(self, limits: ExtractLimits):
        self.limits = limits
        self.deadline = _clock() + limits.seconds
        self.total = 0
        self.page = 0
        self.shown = 0
        self.number = 0

    def start_page(self, number: int) -> None:
        self.number, self.page, self.shown = number, 0, 0
        self.tick()

    def tick(self) -> None:
        if _clock() > self.deadline:
            raise _OverLimit(f"took more than {self.limits.seconds:g} s to read (limit max_extract_seconds)")

    def _check(self, count: int) -> None:
        if count > self.limits.page_chars:
            raise _OverLimit(f"page {self.number} has more than {self.limits.page_chars:,} characters of text (limit max_page_chars)")
        if self.total + count > self.limits.file_chars:
            raise _OverLimit(f"more than {self.limits.file_chars:,} characters of text (limit max_file_chars)")

    def operator(self, op: bytes, operands: list[Any], *_: Any) -> None:
        if op in _SHOW_TEXT:
            self.shown += _shown(operands)
            self._check(self.shown)
        self.tick()

    def text(self, text: str, *_: Any) -> None:
        self.page += len(text)
        self._check(self.page)
        self.tick()

    def end_page(self, text: str) -> None:
        self._check(len(text))
        self.total += len(text)


# Terminal escape sequences: OSC (window titles, OSC 8 links) and DCS/SOS/PM/APC strings up
# to their terminator, CSI (colours, screen clears, cursor moves), other ESC sequences.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|\x1b[ -/]*[0-~]?"
)
# Controls that separate lines or pages (CR, VT, FF, FS-US, NEL) become newlines; the rest
# of C0 (but tab and newline), DEL, C1, and the bidirectional overrides are dropped.
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1f\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Text without control characters or terminal escape sequences; tabs stay, and line
    or page separators become newlines."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", _ESCAPE_SEQUENCE.sub("", text)))


@dataclass
class Page:
    number: int  # 1-based, physical
    text: str


@dataclass
class ExtractedPdf:
    path: Path
    pages: list[Page]
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


# Lines that are layout wherever they stand at the top or bottom of a page.
_LAYOUT_LINE = re.compile(
    r"""^(?:
        -\s*\d{1,4}\s*-                                  # - 5 -
      | PRESIDEN | REPUBLIK\s+INDONESIA | PRESIDEN\s+REPUBLIK\s+INDONESIA
      | Direktori\s+Putusan\s+Mahkamah\s+Agung.*
      | putusan\d?\.mahkamahagung\.go\.id
      | Halaman\s+\d+\s+dari\s+\d+.*                     # Halaman 3 dari 37 hal. Putusan ...
      | Disclaimer\s*:.*
      | \d{1,4}                                          # a bare page number
    )$""",
    re.X | re.I,
)
# Lines never treated as layout, even when they repeat.
_STRUCTURAL = re.compile(r"^(?:Pasal|PasaI|BAB|Bagian|Paragraf|PENJELASAN|Ayat|Huruf|Angka)\b", re.I)
_CATCHWORD_END = re.compile(r"\s*\.\s?\.\s?\.\s*$")
_HEAD_LINES, _FOOT_LINES = 4, 5


def extract_pdf(path: Path, limits: ExtractLimits | None = None) -> ExtractedPdf:
    """Read a PDF and return its cleaned pages. Raises ExtractError with a clear reason,
    also when the file passes one of `limits` (default: ExtractLimits())."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as e:
        raise ExtractError(path, f"cannot open file ({e.strerror or e})") from e
    if b"%PDF" not in head:
        raise ExtractError(path, "not a PDF (no %PDF header)")
    import pypdf
    from pypdf.errors import PyPdfError

    budget = _Budget(limits or ExtractLimits())
    try:
        reader = pypdf.PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # pypdf raises several types for unsupported crypto
                ok = 0
            if not ok:
                raise ExtractError(path, "encrypted PDF (password required)")
        n = len(reader.pages)
        if n == 0:
            raise ExtractError(path, "PDF has no pages")
        if n > MAX_PAGES:
            raise ExtractError(path, f"{n} pages, more than the {MAX_PAGES} this tool reads")
        raw = _page_texts(reader, budget)
        meta = {str(k).lstrip("/"): strip_controls(str(v)) for k, v in (reader.metadata or {}).items()}
        if not any(t.strip() for t in raw):
            raw = _ocr_pages(path, reader)
    except ExtractError:
        raise
    except _OverLimit as e:
        raise ExtractError(path, e.reason) from None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as e:  # PyPdfError: also pypdf's own limits
        raise ExtractError(path, f"unreadable or damaged PDF ({type(e).__name__}: {e})") from e
    return ExtractedPdf(path=path, pages=clean_pages(raw), metadata=meta)


def _page_texts(reader: pypdf.PdfReader, budget: _Budget) -> list[str]:
    """Each page's text, page by page (only the text is kept), within the budget."""
    raw = []
    with _deadline(budget):
        for number, page in enumerate(reader.pages, 1):
            budget.start_page(number)
            text = page.extract_text(visitor_text=budget.text, visitor_operand_before=budget.operator) or ""
            budget.end_page(text)
            raw.append(text)
    return raw


@contextmanager
def _deadline(budget: _Budget) -> Iterator[None]:
    """The time budget as a hard deadline (SIGALRM) when running in the main thread: pypdf
    parses a page's whole content stream before the first operator reaches `_Budget`, and
    a crafted stream of a few kilobytes took ~35 s to parse. In other threads only the
    checks between operators apply. OCR is outside it (it has its own per-page timeout)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        budget.deadline = float("-inf")
        budget.tick()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, max(budget.deadline - _clock(), 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def _ocr_pages(path: Path, reader: pypdf.PdfReader) -> list[str]:
    """A scanned PDF (no text layer): OCR each page's largest image with Tesseract."""
    if not ocr_available():
        raise ExtractError(path, "no text layer, OCR not available (install tesseract-ocr and tesseract-ocr-ind)")
    log.info("OCR %s (%d pages)", path, len(reader.pages))
    out = []
    for page in reader.pages:
        images = list(page.images)
        if not images:
            out.append("")
            continue
        img = max(images, key=lambda im: len(im.data))
        try:
            done = subprocess.run(
                ["tesseract", "stdin", "stdout", "-l", OCR_LANGS, "--psm", "4"],
                input=img.data, capture_output=True, timeout=120, check=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            raise ExtractError(path, f"OCR failed ({type(e).__name__})") from e
        out.append(done.stdout.decode("utf-8", "replace"))
    if not any(t.strip() for t in out):
        raise ExtractError(path, "no text layer, and OCR found no text")
    return out


def clean_pages(raw: list[str]) -> list[Page]:
    """Strip running heads, page numbers, footers and catchwords from raw page texts."""
    pages = [_split_lines(t) for t in raw]
    repeated = _repeated_edge_lines(pages)
    pages = [_strip_edges(lines, repeated) for lines in pages]
    texts = ["\n".join(lines) for lines in pages]
    for i in range(len(texts)):
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        texts[i] = _drop_catchword(texts[i], nxt)
    return [Page(number=i + 1, text=t) for i, t in enumerate(texts)]


def _split_lines(text: str) -> list[str]:
    text = strip_controls(text.replace("\u00a0", " "))
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _repeated_edge_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of lines that stand at a page edge on at least half the pages (running heads)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = set(lines[:_HEAD_LINES]) | set(lines[-_FOOT_LINES:])
        counts.update({_shape(ln) for ln in edge if not _STRUCTURAL.match(ln)})
    return {s for s, c in counts.items() if c >= max(3, len(pages) // 2)}


def _strip_edges(lines: list[str], repeated: set[str]) -> list[str]:
    def is_layout(ln: str) -> bool:
        return bool(_LAYOUT_LINE.match(ln)) or _shape(ln) in repeated

    start = 0
    while start < min(len(lines), _HEAD_LINES + 2) and is_layout(lines[start]):
        start += 1
    end = len(lines)
    while end > start and len(lines) - end < _FOOT_LINES + 2 and is_layout(lines[end - 1]):
        end -= 1
    return lines[start:end]


def _drop_catchword(text: str, next_text: str) -> str:
    """Remove "words . . ." at a page's foot when the next page starts with those words."""
    m = _CATCHWORD_END.search(text)
    if not m:
        return text
    body = text[: m.start()]
    words = body.split()
    nxt = next_text.split()
    for k in range(min(10, len(words)), 0, -1):
        if _norm_words(words[-k:]) == _norm_words(nxt[:k]):
            cut = _nth_last_word_start(body, k)
            return body[:cut].rstrip()
    # No match (OCR damage): drop the marker and the last line's fragment only if short.
    last_nl = body.rfind("\n")
    fragment = body[last_nl + 1 :]
    if len(fragment.split()) <= 3:
        return body[: max(last_nl, 0)].rstrip()
    return body.rstrip()


def _norm_words(words: list[str]) -> list[str]:
    return [re.sub(r"\W", "", w.lower()) for w in words]


def _nth_last_word_start(s: str, k: int) -> int:
    starts = [m.start() for m in re.finditer(r"\S+", s)]
    return starts[-k] if len(starts) >= k else 0
