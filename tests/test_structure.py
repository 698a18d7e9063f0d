from pathlib import Path

from kb.extract import ExtractedPdf, Page, extract_pdf
from kb.structure import parse_document, parse_regulation_meta


def _doc(pages: list[str], source: str = "regulations/x.pdf", kind: str = "regulation"):
    pdf = ExtractedPdf(Path(source), [Page(i + 1, t) for i, t in enumerate(pages)])
    return parse_document(pdf, source, kind)


def test_metadata_from_first_page_with_ocr_digits() -> None:
    m = parse_regulation_meta(
        "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 94 TAHUN 2O21 TENTANG\nDISIPLIN PEGAWAI NEGERI SIPIL\nDENGAN RAHMAT", "regulations/a.pdf"
    )
    assert (m.type, m.number, m.year, m.title) == ("PP", "94", 2021, "Disiplin Pegawai Negeri Sipil")
    m = parse_regulation_meta("UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 5 TAHUN 2014 TENTANG APARATUR SIPIL NEGARA Menimbang", "x.pdf")
    assert (m.type, m.number, m.year, m.title) == ("UU", "5", 2014, "Aparatur Sipil Negara")


def test_metadata_falls_back_to_the_file_name() -> None:
    m = parse_regulation_meta("garbled first page", "regulations/pp-53-2010.pdf")
    assert (m.type, m.number, m.year) == ("PP", "53", 2010)


def test_articles_pages_and_penjelasan(pp_pdf: Path) -> None:
    doc = parse_document(extract_pdf(pp_pdf), "regulations/pp-7-2030.pdf", "regulation")
    body = [s for s in doc.sections if s.part == "body"]
    assert [s.article for s in body] == ["1", "2", "3", "4", "5", "5A", "6"]
    by = {s.article: s for s in body}
    assert by["1"].pages == [1]
    assert by["2"].pages == [2]
    assert by["5"].pages == [2, 3]  # heading mid-line at the foot of page 2, text on page 3
    assert by["4"].text.startswith("(1) Pelanggaran Pasal 3")  # "PasaI 4" (OCR) is a heading
    assert "dimaksud dalam Pasal 3 diperiksa" in by["5"].text  # a reference, not a heading
    assert by["3"].breadcrumbs[0].startswith("BAB II")
    assert "Agar setiap orang" not in by["6"].text
    pj = {s.article: s for s in doc.sections if s.part == "penjelasan"}
    assert set(pj) == {None, "1", "2", "3"}
    assert "deklarasi" in pj["3"].text and pj["3"].pages == [3]


def test_ocr_damaged_and_mid_line_headings() -> None:
    doc = _doc([
        "MEMUTUSKAN: Pasal 1\nSatu.\nPasal 2\nDua sesuai Pasal 1.\nBagian Kedua Umum Pasal 3 (1) Tiga. (2) Tiga lagi.\n"
        "PasaJ4\nEmpat.\nPasal 5\nLima.\nPasal 6\nEnam.\nPasal 7\nTujuh.\nPasal 8\nDelapan.\nPasal 9\nSembilan.\n"
        "Pasal 1O\nSepuluh.\nPasal 1 1\nSebelas merujuk Pasal 12 ayat (1).\nPasal 12\nDua belas.\nPasal 12A\nSisipan."
    ])
    assert [s.article for s in doc.sections] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "12A"]


def test_amendment_law_indexes_changed_articles_under_their_own_numbers() -> None:
    doc = _doc([
        "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 3 TAHUN 2031 TENTANG PERUBAHAN ATAS UNDANG-UNDANG NOMOR 1 TAHUN 2030\n"
        "MEMUTUSKAN:\nPasal I\nBeberapa ketentuan diubah sebagai berikut:\n"
        "1. Ketentuan Pasal 7 diubah sehingga berbunyi sebagai berikut:\nPasal 7\nCalon wajib mundur.\n"
        "2. Pasal 9 dihapus.\n3. Di antara Pasal 70 dan Pasal 71 disisipkan 1 (satu) pasal, yakni Pasal 70A sehingga berbunyi:\n"
        "Pasal 70A\nPejabat dilarang membuat keputusan yang menguntungkan calon.\nPasal II\nUndang-Undang ini mulai berlaku."
    ])
    arts = {s.article: s for s in doc.sections}
    assert list(arts) == ["I", "7", "70A", "II", "9"]
    assert arts["7"].amendment == "Pasal I angka 1"
    assert arts["70A"].amendment == "Pasal I angka 3"
    assert arts["9"].text == "Pasal 9 dihapus." and arts["9"].amendment == "Pasal I angka 2"


def test_ruling_metadata_and_sections() -> None:
    doc = _doc(
        ["putusan\nnomor 04 pid sus 2014 pn pwr\npengadilan negeri purworejo yang mengadili\nterdakwa x\n"
         "terdakwa didakwa melakukan tindak pidana\nfakta hukum bahwa terdakwa membagikan\nm e n g a d i l i\n1 menyatakan terdakwa bersalah"],
        source="rulings/p.pdf", kind="ruling",
    )
    m = doc.meta
    assert (m.case_number, m.court, m.year) == ("04/Pid.Sus/2014/PN Pwr", "Pengadilan Negeri Purworejo", 2014)
    assert [s.part for s in doc.sections] == ["perkara", "dakwaan", "fakta", "amar"]


def test_a_file_holding_a_uu_and_the_perppu_it_enacts() -> None:
    doc = _doc([
        "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2015 TENTANG PENETAPAN PERPPU MENJADI UNDANG-UNDANG\nMEMUTUSKAN:\n"
        "Pasal 1\nPerppu ditetapkan menjadi Undang-Undang.\nPasal 2\nUndang-Undang ini mulai berlaku.\nDisahkan di Jakarta",
        "PENJELASAN ATAS UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2015\nII. PASAL DEMI PASAL\nPasal 1\nCukup jelas.\nPasal 2\nCukup jelas.\n"
        "LAMPIRAN\nPERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2014 TENTANG PEMILIHAN GUBERNUR\n"
        "DENGAN RAHMAT TUHAN YANG MAHA ESA\nMEMUTUSKAN:\nPasal 1\nPemilihan dilaksanakan serentak.\nPasal 2\nPemilihan bersifat langsung.",
    ])
    got = [(s.part, s.article, s.amendment) for s in doc.sections]
    assert got == [
        ("body", "1", None), ("body", "2", None), ("penjelasan", "1", None), ("penjelasan", "2", None),
        ("body", "1", "Lampiran PERPPU 1/2014"), ("body", "2", "Lampiran PERPPU 1/2014"),
    ]
    assert doc.sections[4].pages == [2] and "serentak" in doc.sections[4].text


# Layouts seen on documents the parser was not written for (issue 12). Synthetic PDFs in
# our own words, imitating each layout: not copies of any official text.


def _pdf_doc(tmp_path: Path, name: str, pages: list[str], kind: str = "regulation"):
    from tests.helpers import make_pdf

    folder = "rulings" if kind == "ruling" else "regulations"
    path = make_pdf(tmp_path / folder / name, pages)
    return parse_document(extract_pdf(path), f"{folder}/{name}", kind)


def test_title_stops_where_a_damaged_menimbang_lets_the_consideranda_run_on(tmp_path: Path) -> None:
    # no "DENGAN RAHMAT" line, and "Menimbang" OCR'd as "Mcnimbang": the title is the capitals only
    doc = _pdf_doc(tmp_path, "pp-3-2031.pdf", [
        "PERATURAN PEMERINTAH REPUBLIK INDONESIA\nNOMOR 3 TAHUN 2031\nTENTANG\nPENGELOLAAN PEGAWAI UJI COBA\n"
        "Mcnimbang : a. bahwa untuk menata pegawai uji coba perlu disusun aturan yang jelas;\n"
        "b. bahwa berdasarkan pertimbangan tersebut perlu menetapkan peraturan;\nMEMUTUSKAN:\nPasal 1\nSatu.",
    ])
    assert (doc.meta.short, doc.meta.title) == ("PP 3/2031", "Pengelolaan Pegawai Uji Coba")
    doc = _pdf_doc(tmp_path, "pp-4-2031.pdf", [
        "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 4 TAHUN 2031 TENTANG TATA KERJA PEGAWAI UJI COBA "
        "PRESIDEN REPUBLIK INDONESIA, bahwa untuk menata kerja pegawai perlu aturan;\nMEMUTUSKAN:\nPasal 1\nSatu.",
    ])
    assert doc.meta.title == "Tata Kerja Pegawai Uji Coba"


def test_a_heading_ocr_repeated_does_not_double_the_title(tmp_path: Path) -> None:
    doc = _pdf_doc(tmp_path, "pp-5-2031.pdf", [
        "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 5 TAHUN\n2031 TENTANG ETIKA PEGAWAI UJI\nCOBA PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR\n"
        "5 TAHUN 2031 TENTANG ETIKA PEGAWAI UJI\nCOBA\nMenimbang :\na. bahwa pegawai perlu beretika;\nMEMUTUSKAN:\nPasal 1\nSatu.",
    ])
    assert doc.meta.title == "Etika Pegawai Uji Coba"
    # an amendment's title names another instrument with NOMOR ... TAHUN: that is kept
    m = parse_regulation_meta(
        "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 3 TAHUN 2031 TENTANG PERUBAHAN ATAS UNDANG-UNDANG NOMOR 1 TAHUN 2030 "
        "TENTANG PEMILIHAN UJI COBA\nDENGAN RAHMAT TUHAN", "regulations/x.pdf",
    )
    assert m.title == "Perubahan atas Undang-Undang Nomor 1 Tahun 2030 tentang Pemilihan Uji Coba"


def test_a_court_code_cut_in_the_head_is_completed_from_the_decision(tmp_path: Path) -> None:
    doc = _pdf_doc(tmp_path, "putusan-7-pid.sus-2031-pn-xyz.pdf", [
        "putusan\nnomor 7 pid sus 2031 pn xy\ndemi keadilan berdasarkan ketuhanan yang maha esa\n"
        "pengadilan negeri xyzabad yang mengadili perkara pidana\nterdakwa didakwa melakukan tindak pidana pemilu\n"
        "penetapan ketua pengadilan negeri nomor 7 pen pid sus 2031 pn xyz tentang penunjukan majelis hakim",
    ], kind="ruling")
    assert doc.meta.case_number == "7/Pid.Sus/2031/PN Xyz" and doc.meta.short == "Putusan 7/Pid.Sus/2031/PN Xyz"
    # a complete code is left alone, even where the text mentions a longer one starting alike
    doc = _pdf_doc(tmp_path, "p.pdf", ["putusan\nnomor 8 pid sus 2031 pn abc\npengadilan negeri abc\nlihat putusan pn abcd"], kind="ruling")
    assert doc.meta.case_number.endswith("PN Abc") or doc.meta.case_number.endswith("PN Abcd")
