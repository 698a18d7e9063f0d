from pathlib import Path

import pytest

from kb.extract import ExtractError, clean_pages, extract_pdf
from tests.helpers import make_pdf


def test_running_heads_page_numbers_and_catchwords_are_removed(pp_pdf: Path) -> None:
    pdf = extract_pdf(pp_pdf)
    assert [p.number for p in pdf.pages] == [1, 2, 3]
    text = pdf.text
    assert "PRESIDEN" not in text.split("\n")
    assert "- 2 -" not in text and "- 3 -" not in text
    assert ". . ." not in text
    # the catchword "Pasal 2" at the foot of page 1 is gone; the heading on page 2 stays
    assert text.count("Pasal 2\n") == 2  # body heading + penjelasan heading
    assert pdf.pages[1].text.startswith("Pasal 2")


def test_catchword_that_does_not_match_keeps_the_text() -> None:
    pages = clean_pages(["akhir kalimat yang panjang sekali tanpa pasangan . . .", "awal halaman lain"])
    assert "akhir kalimat yang panjang sekali tanpa pasangan" in pages[0].text


def test_court_directory_layout_is_removed() -> None:
    raw = [
        "Direktori Putusan Mahkamah Agung Republik Indonesia\nputusan.mahkamahagung.go.id\n%s\n"
        "Disclaimer: Kepaniteraan Mahkamah Agung berusaha\ndan akurat\nHalaman %d dari 3 hal. Putusan Nomor 1" % (body, i)
        for i, body in enumerate(["terdakwa hadir", "saksi didengar", "majelis memutus"], 1)
    ]
    pages = clean_pages(raw)
    assert [p.text for p in pages] == ["terdakwa hadir", "saksi didengar", "majelis memutus"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"hello, I am not a PDF", "not a PDF"),
        (b"", "not a PDF"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", "unreadable"),
    ],
)
def test_bad_files_raise_a_clear_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    f = tmp_path / "bad.pdf"
    f.write_bytes(content)
    with pytest.raises(ExtractError) as e:
        extract_pdf(f)
    assert reason in e.value.reason or "no pages" in e.value.reason
    assert e.value.path == f


def test_truncated_pdf_is_reported(tmp_path: Path, pp_pdf: Path) -> None:
    f = tmp_path / "truncated.pdf"
    f.write_bytes(pp_pdf.read_bytes()[:900])
    with pytest.raises(ExtractError):
        extract_pdf(f)


def test_encrypted_pdf_is_reported(tmp_path: Path) -> None:
    f = make_pdf(tmp_path / "secret.pdf", ["Pasal 1\nrahasia"], encrypt="sandi")
    with pytest.raises(ExtractError) as e:
        extract_pdf(f)
    assert "encrypted" in e.value.reason


def test_zero_page_pdf_is_reported(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    f = tmp_path / "zero.pdf"
    with open(f, "wb") as fh:
        PdfWriter().write(fh)
    with pytest.raises(ExtractError, match="no pages"):
        extract_pdf(f)
