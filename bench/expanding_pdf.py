"""A small PDF that expands to a lot of text, and how long reading it takes.

    python bench/expanding_pdf.py                          # 80 pages x 1,000 lines: ~9 KB -> ~5.7M characters
    python bench/expanding_pdf.py --pages 10,20,40,80      # time against size: linear or not
    python bench/expanding_pdf.py --no-limits              # read it whole (as before the limits)
    python bench/expanding_pdf.py --pages 1 --one-line 200000   # one line of 200,000 one-letter operators

Every page draws the same Flate-compressed content stream (one object, referenced by each
page), so the file stays a few kilobytes while the text grows with the page count, like
the 18 KB file of issue 13 that expanded to 5.8M characters. Each line is text with an
article reference; every tenth line is an article heading, so the structure stage has
many "Pasal N" candidates to chain. Times extract (pypdf and the page cleaning),
structure and chunking separately; `--no-limits` lifts the per-PDF limits of
kb.extract.ExtractLimits (otherwise the file is refused, and the time to refuse it is
what is measured).
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def content_stream(lines: int) -> bytes:
    body = [b"BT /F1 9 Tf 40 800 Td 10 TL"]
    for i in range(lines):
        if i % 10 == 0:
            body.append(b"(Pasal %d) Tj T*" % (i // 10 + 1))
        else:
            body.append(b"(Pegawai dilarang ikut kampanye sebagaimana dimaksud dalam Pasal %d ayat 2.) Tj T*" % (i % 7 + 1))
    body.append(b"ET")
    return b"\n".join(body) + b"\n"


def one_line_stream(operators: int) -> bytes:
    """One line of `operators` one-letter text operators (pypdf hands out a line's text only
    at its end)."""
    return b"BT /F1 9 Tf 40 800 Td\n" + b"(a) Tj 1 0 Td\n" * operators + b"ET\n"


def expanding_pdf(path: Path, pages: int, lines: int = 1000, stream: bytes | None = None) -> Path:
    """`pages` pages sharing one content stream of `lines` lines of text (or `stream`)."""
    data = zlib.compress(stream if stream is not None else content_stream(lines), 9)
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Font << /F1 5 0 R >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 3 0 R /Contents 4 0 R >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def measure(path: Path, limits: object | None) -> str:
    from kb.chunk import chunk_document
    from kb.extract import ExtractError, extract_pdf
    from kb.structure import parse_document

    t0 = time.perf_counter()
    try:
        pdf = extract_pdf(path, limits) if limits is not None else extract_pdf(path)
    except ExtractError as e:
        return f"refused in {time.perf_counter() - t0:.2f} s: {e.reason}"
    t1 = time.perf_counter()
    doc = parse_document(pdf, "regulations/" + path.name, "regulation")
    t2 = time.perf_counter()
    chunks = chunk_document(doc, max_tokens=320, count_tokens=lambda s: 2 * len(s.split()))
    t3 = time.perf_counter()
    return (f"{len(pdf.text):,} chars: extract {t1 - t0:.2f} s, structure {t2 - t1:.2f} s, chunk {t3 - t2:.2f} s "
            f"({len(chunks):,} chunks), total {t3 - t0:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", default="80", help="comma-separated page counts")
    ap.add_argument("--lines", type=int, default=1000, help="lines of text per page")
    ap.add_argument("--no-limits", action="store_true", help="lift the per-PDF limits")
    ap.add_argument("--one-line", type=int, default=0, metavar="N", help="pages of one line of N one-letter operators instead")
    ap.add_argument("--tmp", type=Path, default=Path("/tmp"))
    a = ap.parse_args()
    limits = None
    if a.no_limits:
        from kb.extract import ExtractLimits

        limits = ExtractLimits(page_chars=10**12, file_chars=10**12, seconds=10**9)
    for pages in (int(p) for p in a.pages.split(",")):
        if a.one_line:
            path = expanding_pdf(a.tmp / f"one-line-{pages}x{a.one_line}.pdf", pages, stream=one_line_stream(a.one_line))
        else:
            path = expanding_pdf(a.tmp / f"expanding-{pages}x{a.lines}.pdf", pages, a.lines)
        print(f"{path} ({path.stat().st_size:,} bytes, {pages} pages): {measure(path, limits)}", flush=True)


if __name__ == "__main__":
    main()
