"""Bad and unusual input (issue 5): scanned PDFs, huge PDFs."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from kb import extract
from kb.extract import ExtractError, extract_pdf, ocr_available


def _scanned_pdf(path: Path, lines: list[str]) -> Path:
    """A PDF whose only page is a picture of text (no text layer), like a scan."""
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(lines):
        draw.text((100, 120 + i * 80), line, fill=0, font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def test_scanned_pdf_without_ocr_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = _scanned_pdf(tmp_path / "scan.pdf", ["Pasal 1", "Pegawai dilarang ikut kampanye."])
    monkeypatch.setattr(extract, "ocr_available", lambda: False)
    with pytest.raises(ExtractError, match="no text layer, OCR not available"):
        extract_pdf(f)


@pytest.mark.skipif(not ocr_available(), reason="tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-ind)")
def test_scanned_pdf_is_ocrd(tmp_path: Path) -> None:
    f = _scanned_pdf(tmp_path / "scan.pdf", ["Pasal 1", "Pegawai dilarang ikut kampanye", "dengan memakai fasilitas negara."])
    text = extract_pdf(f).text
    assert "Pasal 1" in text and "kampanye" in text and "fasilitas" in text


@pytest.mark.slow  # 1,200 pages: ~13 s
def test_huge_pdf_is_read_within_bounded_memory(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    for i in range(1, 1201):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Pasal {i}\nPegawai wajib menaati ketentuan nomor {i} dalam peraturan ini.\n" * 3)
    f = tmp_path / "huge file ü.pdf"
    pdf.output(str(f))
    tracemalloc.start()
    got = extract_pdf(f)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(got.pages) == 1200 and "Pasal 1200" in got.pages[-1].text
    print(f"peak {peak / 2**20:.1f} MiB for a {f.stat().st_size / 2**20:.1f} MiB, 1,200-page PDF")
    assert peak < 200 * 2**20


def test_page_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
    f = tmp_path / "p.pdf"
    pdf.output(str(f))
    monkeypatch.setattr(extract, "MAX_PAGES", 2)
    with pytest.raises(ExtractError, match="more than the 2"):
        extract_pdf(f)
