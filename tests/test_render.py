"""The starter-corpus renderer: our TOML summaries in, PDFs that keep the layout contract out.

Renders the real corpus/src into a temporary directory and reads the PDFs back with pypdf,
as the ingestion pipeline will. The last test checks our article numbers against the real
official texts in shared/ (skipped where shared/ is absent)."""

from __future__ import annotations

import os
import re
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from kb.render import (
    REG_MARKER,
    RUL_MARKER,
    SUBJECT,
    SourceError,
    format_date,
    load_regulation,
    load_ruling,
    render_corpus,
    source_files,
    tomllib,
)

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "corpus" / "src"
REG_SOURCES, RUL_SOURCES = source_files(SRC)
ALL_SOURCES = REG_SOURCES + RUL_SOURCES

# The instruments whose official text shared/ holds, and which our summaries must match.
SHARED_CHECKED = ["pp-94-2021", "uu-5-2014", "uu-10-2016", "pp-53-2010", "pp-42-2004"]


def _shared_dir() -> Path | None:
    candidates = [os.environ.get("NETRAL_SHARED"), ROOT.parent / "shared", ROOT / "shared", "/work/shared"]
    for c in candidates:
        if c and (Path(c) / "corpus" / "regulations").is_dir():
            return Path(c)
    return None


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """source file -> rendered PDF."""
    out = tmp_path_factory.mktemp("corpus")
    paths = render_corpus(SRC, out)
    assert len(paths) == len(ALL_SOURCES)
    mapping = {}
    for src in REG_SOURCES:
        mapping[src] = out / "regulations" / f"{load_regulation(src).stem}.pdf"
    for src in RUL_SOURCES:
        mapping[src] = out / "rulings" / f"{load_ruling(src).stem}.pdf"
    return mapping


def _pages(pdf: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(pdf).pages]


def _lines(pdf: Path) -> list[str]:
    return [ln.strip() for page in _pages(pdf) for ln in page.splitlines() if ln.strip()]


def test_sources_exist() -> None:
    assert len(REG_SOURCES) >= 9
    assert len(RUL_SOURCES) >= 5


def test_every_source_produces_one_pdf(rendered: dict[Path, Path]) -> None:
    outputs = list(rendered.values())
    assert len(set(outputs)) == len(ALL_SOURCES)
    for src, pdf in rendered.items():
        assert pdf.is_file(), f"{src.name} produced no PDF"
        assert pdf.read_bytes().startswith(b"%PDF-")
    out_root = outputs[0].parents[1]
    assert sorted(out_root.glob("*/*.pdf")) == sorted(outputs)


@pytest.mark.parametrize("src", REG_SOURCES, ids=lambda p: p.stem)
def test_regulation_first_page(rendered: dict[Path, Path], src: Path) -> None:
    reg = load_regulation(src)
    first = [ln.strip() for ln in _pages(rendered[src])[0].splitlines() if ln.strip()]
    assert first[0] == REG_MARKER
    assert first[1] == reg.type_full.upper()
    assert first[2] == f"NOMOR {reg.number} TAHUN {reg.year}"
    assert first[3] == "TENTANG"
    status_at = next(i for i, ln in enumerate(first) if ln.startswith("Status:"))
    assert " ".join(first[4:status_at]) == reg.title.upper()  # the title, possibly wrapped
    status = first[status_at]
    assert re.fullmatch(r"Status: (berlaku|dicabut|diubah)(; (dicabut|diubah) oleh [A-Za-z]+ \S+/\d{4})*", status)
    assert status.split(";")[0] == f"Status: {reg.status}"
    for kind, inst, _note in reg.relations:
        if kind == "dicabut_oleh":
            assert f"dicabut oleh {inst}" in status
        if kind == "diubah_oleh":
            assert f"diubah oleh {inst}" in status
    assert first[status_at + 1] == f"Sumber resmi: {reg.issuer}, {reg.site}"
    assert "ringkasan" in first[status_at + 2].lower()


@pytest.mark.parametrize("src", RUL_SOURCES, ids=lambda p: p.stem)
def test_ruling_first_page(rendered: dict[Path, Path], src: Path) -> None:
    rul = load_ruling(src)
    first = [ln.strip() for ln in _pages(rendered[src])[0].splitlines() if ln.strip()]
    assert first[:6] == [
        RUL_MARKER,
        "PUTUSAN",
        f"Nomor {rul.case_number}",
        rul.court,
        f"Tanggal putusan: {format_date(rul.date)}",
        "Sumber resmi: Direktori Putusan Mahkamah Agung, putusan3.mahkamahagung.go.id",
    ]


@pytest.mark.parametrize("src", REG_SOURCES, ids=lambda p: p.stem)
def test_every_pasal_is_a_heading_in_order(rendered: dict[Path, Path], src: Path) -> None:
    with src.open("rb") as f:
        data = tomllib.load(f)
    expected = [f"Pasal {p['nomor']}" for p in data.get("pasal", [])] + [f"Butir {b['nomor']}" for b in data.get("butir", [])]
    headings = [ln for ln in _lines(rendered[src]) if re.fullmatch(r"(Pasal|Butir) \S+", ln)]
    assert headings == expected
    # every entry ends with its English gloss
    text = "\n".join(_lines(rendered[src]))
    assert text.count("English: ") == len(expected)


@pytest.mark.parametrize("src", RUL_SOURCES, ids=lambda p: p.stem)
def test_ruling_sections_in_order(rendered: dict[Path, Path], src: Path) -> None:
    want = ["DUDUK PERKARA", "DAKWAAN", "FAKTA", "PERTIMBANGAN", "PASAL YANG DITERAPKAN", "AMAR"]
    got = [ln for ln in _lines(rendered[src]) if ln in want]
    assert got == want


def test_page_numbers_and_no_running_heads(rendered: dict[Path, Path]) -> None:
    for src, pdf in rendered.items():
        pages = _pages(pdf)
        for n, text in enumerate(pages, start=1):
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            numbers = [ln for ln in lines if re.fullmatch(r"- \d+ -", ln)]
            if n == 1:
                assert numbers == [], f"{src.name}: page 1 must not be numbered"
            else:
                assert numbers == [f"- {n} -"], f"{src.name}: page {n} numbering"
                assert lines[-1] == f"- {n} -"
                assert lines[0] not in (REG_MARKER, RUL_MARKER)


def test_continuation_lines_never_look_like_subreferences(rendered: dict[Path, Path]) -> None:
    """Every line that opens with a sub-reference must be the start of a source paragraph."""
    subref = re.compile(r"^(\(\d+[a-z]?\)|[a-z]\d?\.|\d+[a-z]?[.)])\s")
    for src, pdf in rendered.items():
        with src.open("rb") as f:
            data = tomllib.load(f)
        paras: list[str] = []
        for entry in data.get("pasal", []) + data.get("butir", []):
            paras += entry["isi"]
        for part in data.get("bagian", {}).values():
            paras += part
        starts = {re.sub(r"\s+", " ", p).strip()[:12] for p in paras}
        for line in _lines(pdf):
            if subref.match(line):
                assert line[:12] in starts, f"{src.name}: wrapped line looks like a sub-reference: {line!r}"


def test_metadata(rendered: dict[Path, Path]) -> None:
    for src, pdf in rendered.items():
        meta = PdfReader(pdf).metadata
        assert meta.subject == SUBJECT
        assert meta.title and "ringkasan" in meta.title.lower()
        assert meta.get("/Keywords")
        assert meta.get("/CreationDate", "").startswith("D:20240101")


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    first = render_corpus(SRC, a)
    second = render_corpus(SRC, b)
    assert [p.relative_to(a) for p in first] == [p.relative_to(b) for p in second]
    for x, y in zip(first, second):
        assert x.read_bytes() == y.read_bytes(), f"{x.name} differs between renders"
    # re-rendering into the same place leaves identical bytes
    before = {p: p.read_bytes() for p in first}
    render_corpus(SRC, a)
    assert {p: p.read_bytes() for p in first} == before


def _copy_sources(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(SRC / "regulations", src / "regulations")
    shutil.copytree(SRC / "rulings", src / "rulings")
    return src


@pytest.mark.parametrize(
    ("folder", "field"),
    [("regulations", "status"), ("regulations", "situs_resmi"), ("regulations", "nomor"), ("rulings", "tanggal_putusan"), ("rulings", "terdakwa")],
)
def test_missing_field_names_the_file(tmp_path: Path, folder: str, field: str) -> None:
    src = _copy_sources(tmp_path)
    victim = sorted((src / folder).glob("*.toml"))[0]
    text = victim.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith(f"{field} =")]
    assert len(lines) < len(text.splitlines()), f"{field} not found in {victim.name}"
    victim.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(SourceError) as err:
        render_corpus(src, out)
    assert victim.name in str(err.value)
    assert field in str(err.value)
    assert not out.exists(), "nothing is written when a source is invalid"


def test_missing_pasal_entries_and_bad_paragraph(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "regulations").mkdir(parents=True)
    base = (
        'jenis = "PP"\njenis_lengkap = "Peraturan Pemerintah Republik Indonesia"\nnomor = "1"\ntahun = 2020\n'
        'judul = "Contoh"\npenerbit = "Presiden Republik Indonesia"\nsitus_resmi = "peraturan.bpk.go.id"\n'
        'status = "berlaku"\nkata_kunci = ["contoh"]\n'
    )
    bad = src / "regulations" / "contoh.toml"
    bad.write_text(base, encoding="utf-8")
    with pytest.raises(SourceError, match=r"contoh\.toml.*\[\[pasal\]\]"):
        render_corpus(src, tmp_path / "out")
    bad.write_text(base + '[[pasal]]\nnomor = "2"\nisi = ["Pasal 3 mengatur hal lain."]\nenglish = "x"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"contoh\.toml.*Pasal 2"):
        render_corpus(src, tmp_path / "out")


def test_article_notes_are_kept_but_never_rendered(tmp_path: Path) -> None:
    """A per-article `catatan` (our editorial note) is loaded but must not reach the PDF,
    so it is never indexed or quoted as the article's own text."""
    src = tmp_path / "src"
    (src / "regulations").mkdir(parents=True)
    note = "Catatan redaksi kami: tingkat hukumannya ada di pasal lain zebrakuda."
    (src / "regulations" / "contoh.toml").write_text(
        'jenis = "PP"\njenis_lengkap = "Peraturan Pemerintah Republik Indonesia"\nnomor = "1"\ntahun = 2020\n'
        'judul = "Contoh"\npenerbit = "Presiden Republik Indonesia"\nsitus_resmi = "peraturan.bpk.go.id"\n'
        'status = "berlaku"\nkata_kunci = ["contoh"]\n'
        '[[pasal]]\nnomor = "2"\nisi = ["PNS tidak boleh melakukan hal tertentu."]\nenglish = "x"\n'
        f'catatan = ["{note}"]\n',
        encoding="utf-8",
    )
    reg = load_regulation(src / "regulations" / "contoh.toml")
    assert reg.entries[0].notes == [note]
    (pdf,) = render_corpus(src, tmp_path / "out")
    text = " ".join(_lines(pdf))
    assert "PNS tidak boleh melakukan hal tertentu." in text  # the article itself is there
    assert "zebrakuda" not in text and "Catatan redaksi" not in text


def test_real_article_notes_stay_out_of_the_pdfs(rendered: dict[Path, Path]) -> None:
    """Every `catatan` sentence of the real sources is absent from its rendered PDF."""
    checked = 0
    for src in REG_SOURCES:
        text = re.sub(r"\s+", " ", " ".join(_pages(rendered[src])))
        for entry in load_regulation(src).entries:
            for note in entry.notes:
                assert note not in text, f"{src.name} {entry.heading}: a catatan was rendered: {note[:60]!r}"
                checked += 1
    assert checked > 0, "the real sources carry no per-article catatan to check"


def test_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kb.cli import app

    r = CliRunner().invoke(app, ["corpus", "render", "--src", str(SRC), "--out", str(tmp_path)])
    assert r.exit_code == 0 and f"rendered {len(ALL_SOURCES)} PDF(s)" in r.stdout
    assert len(list(tmp_path.glob("*/*.pdf"))) == len(ALL_SOURCES)


# ---------------------------------------------------------------------------- against shared/


@lru_cache(maxsize=None)
def _shared_text(stem: str) -> str:
    shared = _shared_dir()
    assert shared is not None
    pdf = shared / "corpus" / "regulations" / f"{stem}.pdf"
    return "\n".join(p.extract_text() or "" for p in PdfReader(pdf).pages)


@pytest.mark.slow  # reads the shared corpus
@pytest.mark.parametrize("stem", SHARED_CHECKED)
def test_article_numbers_exist_in_official_text(stem: str) -> None:
    """Every Pasal we summarise must exist in the official text: guards against wrong numbers."""
    shared = _shared_dir()
    if shared is None:
        pytest.skip("shared/ corpus not available")
    src = SRC / "regulations" / f"{stem}.toml"
    assert src.is_file(), f"no summary source for {stem}"
    assert (shared / "corpus" / "regulations" / f"{stem}.pdf").is_file(), f"shared/ has no {stem}.pdf"
    reg = load_regulation(src)
    official = re.sub(r"\s+", " ", _shared_text(stem))
    assert f"NOMOR {reg.number} TAHUN {reg.year}" in official.upper().replace("2O", "20").replace("2OL4", "2014")
    for entry in reg.entries:
        number = entry.heading.split()[1]
        assert re.search(rf"Pasal {number}(?![0-9A-Z])", official), f"{stem}: Pasal {number} not found in the official text"


@pytest.mark.slow  # reads the shared corpus
def test_sub_references_exist_in_official_text() -> None:
    """Spot checks of the sub-references the starter questions depend on."""
    shared = _shared_dir()
    if shared is None:
        pytest.skip("shared/ corpus not available")
    pp94 = re.sub(r"\s+", " ", _shared_text("pp-94-2021"))
    assert "Pasal 5 huruf n angka 2" in pp94  # cited by Pasal 13 huruf g
    assert re.search(r"Pasal 5 huruf n angka 3, angka 4, angka 5, angka 6, dan angka 7", pp94)  # Pasal 14 huruf i
    assert "kendaraan dinas" in pp94  # Penjelasan huruf n angka 2
    uu5 = re.sub(r"\s+", " ", _shared_text("uu-5-2014"))
    assert "c. menjadi anggota dan/atau pengurus partai politik" in uu5  # Pasal 87 ayat (4) huruf c
    assert "bebas dari pengaruh dan intervensi semua golongan dan partai politik" in uu5  # Pasal 9 ayat (2)
    uu10 = re.sub(r"\s+", " ", _shared_text("uu-10-2016"))
    assert "26. Ketentuan Pasal 70 diubah" in uu10 and "27. Ketentuan Pasal 71 diubah" in uu10
    assert not re.search(r"Ketentuan Pasal 18[89] diubah", uu10)  # 188 and 189 stay as in UU 1/2015
    pp42 = re.sub(r"\s+", " ", _shared_text("pp-42-2004"))
    assert "menghindari konflik kepentingan pribadi, kelompok maupun golongan" in pp42  # Pasal 11 huruf c
    assert "pernyataan secara tertutup" in pp42 and "pernyataan secara terbuka" in pp42  # Pasal 15 ayat (3)
