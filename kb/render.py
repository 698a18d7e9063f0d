"""Render the starter corpus: our own plain-text summaries in, PDFs out.

The sources live in ``corpus/src`` as TOML (read with the standard library's ``tomllib``,
so no new dependency): one file per instrument under ``regulations/`` and one per court
decision under ``rulings/``. ``corpus/src/README.md`` documents every field. This module
turns each into a PDF under ``corpus/regulations`` or ``corpus/rulings`` that follows the
layout contract the ingestion parser (``kb.structure``) relies on:

Regulations, page 1, one item per line::

    RINGKASAN, BUKAN TEKS RESMI
    <FULL TYPE NAME>            e.g. PERATURAN PEMERINTAH REPUBLIK INDONESIA
    NOMOR <n> TAHUN <yyyy>
    TENTANG
    <TITLE>                     may wrap onto further lines, always before "Status:"
    Status: <berlaku|dicabut|diubah>[; dicabut oleh X n/yyyy][; diubah oleh X n/yyyy]...
    Sumber resmi: <issuer>, <site>

then a note paragraph, then the body: ``BAB ...`` lines, ``Pasal N`` (or ``Butir N`` for a
circular or joint decree) alone on a line, the content as paragraphs that start with their
sub-reference (``(1)``, ``a.``, ``1.``), and an ``English: `` gloss as the last paragraph.

Rulings, page 1::

    RINGKASAN PUTUSAN, BUKAN TEKS RESMI
    PUTUSAN
    Nomor <case number>
    <court>
    Tanggal putusan: <d Bulan yyyy>
    Sumber resmi: Direktori Putusan Mahkamah Agung, putusan3.mahkamahagung.go.id

then a note paragraph and the sections DUDUK PERKARA, DAKWAAN, FAKTA, PERTIMBANGAN,
PASAL YANG DITERAPKAN, AMAR, each heading alone on a line.

Pages after the first carry ``- N -`` alone on the bottom line; there are no other running
heads. Paragraphs are wrapped here, not by fpdf, so that a wrapped continuation line never
begins with something a parser would read as a sub-reference or a heading. Output is
deterministic: a fixed creation date and no other varying input, so re-rendering unchanged
sources gives identical bytes.

Usage: ``kb corpus render [--src SRC] [--out OUT]`` (defaults ``corpus/src`` and the corpus folder).
"""

from __future__ import annotations

from .errors import NetralError

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

try:  # Python 3.11+; on 3.10 the API-identical backport `tomli` is needed
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
SUBJECT = "Ringkasan, bukan teks resmi"
REG_MARKER = "RINGKASAN, BUKAN TEKS RESMI"
RUL_MARKER = "RINGKASAN PUTUSAN, BUKAN TEKS RESMI"
RUL_SOURCE = "Sumber resmi: Direktori Putusan Mahkamah Agung, putusan3.mahkamahagung.go.id"
STATUSES = ("berlaku", "dicabut", "diubah")
RELATIONS = {  # kind in the source -> how the PDF says it
    "dicabut_oleh": "dicabut oleh",
    "diubah_oleh": "diubah oleh",
    "mencabut": "mencabut",
    "mengubah": "mengubah",
}
SECTIONS = (
    ("duduk_perkara", "DUDUK PERKARA"),
    ("dakwaan", "DAKWAAN"),
    ("fakta", "FAKTA"),
    ("pertimbangan", "PERTIMBANGAN"),
    ("pasal_diterapkan", "PASAL YANG DITERAPKAN"),
    ("amar", "AMAR"),
)
BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
REG_NOTE = (
    "Catatan: dokumen ini adalah ringkasan yang kami tulis dengan kata-kata kami sendiri, "
    "bukan teks resmi. Isinya hanya memuat pasal yang relevan untuk netralitas ASN dalam "
    "pemilu dan pilkada. Untuk keperluan hukum, selalu baca naskah resmi pada sumber di atas."
)
RUL_NOTE = (
    "Catatan: ringkasan ini kami tulis dengan kata-kata kami sendiri dari salinan putusan, "
    "bukan teks resmi. Terdakwa dan pihak lain hanya disebut dengan inisial. Untuk keperluan "
    "hukum, baca salinan putusan resmi pada sumber di atas."
)

# Layout (mm / pt).
MARGIN = 20.0
BODY_SIZE = 10.0
LINE_H = 5.0
PARA_GAP = 1.5
FOOTER_Y = -14.0

# A wrapped continuation line must not start like a sub-reference, a heading, a page
# number or a field label, or a parser would split the paragraph there.
_BAD_LINE_START = re.compile(
    r"^(?:\(\s*\d+[a-z]?\s*\)|\d+[a-z]?\s*[.)]|[a-z]{1,2}[.)]|[A-Z][.)]\s|Pasal\s+[\dIVX]|BAB\s|Bagian\s+Ke|"
    r"Paragraf\s+\d|Butir\s+\d|English\s*:|-\s*\d+\s*-|Status\s*:|Sumber\s+resmi|Nomor\s|Tanggal\s+putusan|"
    r"Ayat\s*\(|Huruf\s+[a-z]\b|Angka\s+\d)"
)
_SECTION_LINE = re.compile(r"^(?:DUDUK PERKARA|DAKWAAN|FAKTA|PERTIMBANGAN|PASAL YANG DITERAPKAN|AMAR|PUTUSAN|TENTANG)$")
_PASAL_NO = re.compile(r"^\d{1,3}[A-Z]?$")
_BUTIR_NO = re.compile(r"^\d{1,3}[a-z]?$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Phrases the OCR-oriented parser treats as structure (start/end of a law's body,
# start of its Penjelasan); our summaries must not contain them.
_RESERVED = (
    (re.compile(r"memutuskan", re.I), "memutuskan"),
    (re.compile(r"menetapkan\s*:", re.I), "Menetapkan:"),
    (re.compile(r"agar\s+setiap\s+orang\s+mengetahuinya", re.I), "Agar setiap orang mengetahuinya"),
    (re.compile(r"disahkan\s+di\s+jakarta", re.I), "Disahkan di Jakarta"),
    (re.compile(r"PENJELASAN\s+ATAS"), "PENJELASAN ATAS"),
    (re.compile(r"PASAL\s+DEMI\s+PASAL", re.I), "Pasal demi pasal"),
    (re.compile(r"DENGAN\s+RAHMAT\s+TUHAN", re.I), "Dengan rahmat Tuhan"),
)


class SourceError(NetralError, ValueError):
    """A source file is missing a field or breaks the layout rules; the message names the file."""


# ---------------------------------------------------------------------------- text


_TRANSLIT = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
    "\u2022": "-", "\u00b7": "-", "\u00d7": "x", "\u2264": "<=", "\u2265": ">=",
    "\u00b0": " derajat", "\u00a7": "Pasal", "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4",
}


def ascii_text(s: str) -> str:
    """Transliterate to plain ASCII, which the core Helvetica font encodes everywhere."""
    s = "".join(_TRANSLIT.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    out = []
    for ch in s:
        if ord(ch) < 128:
            out.append(ch)
        elif unicodedata.combining(ch):
            continue
        else:
            out.append("?")
    return "".join(out)


def clean(s: str) -> str:
    """One paragraph: ASCII, single spaces, no line breaks."""
    return re.sub(r"\s+", " ", ascii_text(s)).strip()


def format_date(d: dt.date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


# ---------------------------------------------------------------------------- sources


@dataclass
class Entry:
    """One Pasal (regulations) or Butir (circulars, joint decrees)."""

    heading: str  # "Pasal 5" / "Butir 2"
    bab: str | None
    paragraphs: list[str]
    english: str
    # Our editorial notes (cross-references, cautions): never printed in the PDF, so never
    # indexed or quoted as the article's text.
    notes: list[str] = field(default_factory=list)


@dataclass
class Regulation:
    path: Path
    type: str
    type_full: str
    number: str
    year: int
    title: str
    issuer: str
    site: str
    status: str
    relations: list[tuple[str, str, str]]  # (kind, instrument, note)
    notes: list[str]
    keywords: list[str]
    entries: list[Entry]
    stem: str

    @property
    def short(self) -> str:
        return f"{self.type} {self.number}/{self.year}"

    def status_line(self) -> str:
        parts = [f"Status: {self.status}"]
        for kind, inst, _note in self.relations:
            if kind in ("dicabut_oleh", "diubah_oleh"):
                parts.append(f"{RELATIONS[kind]} {inst}")
        return "; ".join(parts)

    def source_line(self) -> str:
        return f"Sumber resmi: {self.issuer}, {self.site}"


@dataclass
class Ruling:
    path: Path
    court: str
    case_number: str
    date: dt.date
    defendant: str
    keywords: list[str]
    notes: list[str]
    sections: list[tuple[str, list[str]]]  # (heading, paragraphs)
    stem: str


def _fail(path: Path, msg: str) -> SourceError:
    return SourceError(f"{path}: {msg}")


def _req(data: dict, key: str, path: Path, kind: type | tuple[type, ...] = str, where: str = "") -> object:
    label = f"{where}{key}"
    if key not in data:
        raise _fail(path, f"missing required field '{label}'")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise _fail(path, f"field '{label}' must be a non-empty {want}")
    return value


def _str_list(data: dict, key: str, path: Path, required: bool, where: str = "") -> list[str]:
    label = f"{where}{key}"
    if key not in data:
        if required:
            raise _fail(path, f"missing required field '{label}'")
        return []
    value = data[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"field '{label}' must be a list of non-empty strings")
    if required and not value:
        raise _fail(path, f"field '{label}' must not be empty")
    return [clean(v) for v in value]


_HEADING_LIKE = re.compile(r"^(?:BAB\s|Butir\s|English\s*:|Status\s*:|Sumber\s+resmi|Tanggal\s+putusan|Nomor\s|-\s*\d+\s*-)")


def _check_paragraph(text: str, path: Path, where: str, regulation: bool) -> None:
    """A paragraph may open with a sub-reference, but never like a heading or a page-1 label."""
    if _HEADING_LIKE.match(text) or _SECTION_LINE.match(text):
        raise _fail(path, f"{where}: a paragraph may not begin like a heading or label: {text[:40]!r}")
    if regulation and re.match(r"^Pasal\s", text):
        raise _fail(path, f"{where}: start the paragraph with something other than 'Pasal' (the parser reads it as a heading)")
    if regulation:
        for rx, name in _RESERVED:
            if rx.search(text):
                raise _fail(path, f"{where}: avoid the phrase {name!r} (the parser treats it as document structure)")


def load_regulation(path: Path) -> Regulation:
    data = _load_toml(path)
    rtype = clean(str(_req(data, "jenis", path)))
    type_full = clean(str(_req(data, "jenis_lengkap", path)))
    number = clean(str(_req(data, "nomor", path)))
    year = _req(data, "tahun", path, int)
    title = clean(str(_req(data, "judul", path)))
    issuer = clean(str(_req(data, "penerbit", path)))
    site = clean(str(_req(data, "situs_resmi", path)))
    status = clean(str(_req(data, "status", path)))
    if status not in STATUSES:
        raise _fail(path, f"field 'status' must be one of {', '.join(STATUSES)}, not {status!r}")
    if "," in issuer:
        raise _fail(path, "field 'penerbit' may not contain a comma (the 'Sumber resmi' line is '<issuer>, <site>'); use ';'")
    if not re.fullmatch(r"[A-Za-z]+", rtype):
        raise _fail(path, f"field 'jenis' must be a short code such as UU, PP, SE, SKB, not {rtype!r}")
    if not re.fullmatch(r"[0-9][\w./-]*", number):
        raise _fail(path, f"field 'nomor' must start with a digit and contain no spaces, not {number!r}")
    if not 1945 <= int(year) <= 2100:  # type: ignore[arg-type]
        raise _fail(path, f"field 'tahun' is not a plausible year: {year}")

    relations = []
    for i, rel in enumerate(data.get("relasi", [])):
        where = f"relasi[{i}]."
        if not isinstance(rel, dict):
            raise _fail(path, f"relasi[{i}] must be a table")
        kind = clean(str(_req(rel, "jenis", path, where=where)))
        if kind not in RELATIONS:
            raise _fail(path, f"field '{where}jenis' must be one of {', '.join(RELATIONS)}, not {kind!r}")
        inst = clean(str(_req(rel, "instrumen", path, where=where)))
        if not re.fullmatch(r"[A-Za-z]+ [0-9][\w.-]*/\d{4}", inst):
            raise _fail(path, f"field '{where}instrumen' must look like 'UU 20/2023', not {inst!r}")
        note = clean(str(rel.get("keterangan", "")))
        relations.append((kind, inst, note))
    kinds = {k for k, _i, _n in relations}
    if status == "dicabut" and "dicabut_oleh" not in kinds:
        raise _fail(path, "status 'dicabut' needs a relasi with jenis = 'dicabut_oleh'")
    if status == "diubah" and "diubah_oleh" not in kinds:
        raise _fail(path, "status 'diubah' needs a relasi with jenis = 'diubah_oleh'")
    if status == "berlaku" and "dicabut_oleh" in kinds:
        raise _fail(path, "status 'berlaku' contradicts a 'dicabut_oleh' relation")

    notes = _str_list(data, "catatan", path, required=False)
    keywords = _str_list(data, "kata_kunci", path, required=True)

    entries = _load_entries(data, path, rtype)
    for j, n in enumerate(notes):
        _check_paragraph(n, path, f"catatan[{j}]", regulation=True)
    for _k, _i, n in relations:
        if n:
            _check_paragraph(n, path, "relasi keterangan", regulation=True)

    stem = str(data.get("berkas", "")).strip() or re.sub(r"[^a-z0-9]+", "-", f"{rtype}-{number}-{year}".lower()).strip("-")
    if not _SLUG.fullmatch(stem):
        raise _fail(path, f"field 'berkas' must be a lowercase slug such as 'pp-94-2021', not {stem!r}")
    return Regulation(
        path=path, type=rtype, type_full=type_full, number=number, year=int(year), title=title,  # type: ignore[arg-type]
        issuer=issuer, site=site, status=status, relations=relations, notes=notes, keywords=keywords,
        entries=entries, stem=stem,
    )


def _load_entries(data: dict, path: Path, rtype: str) -> list[Entry]:
    """The [[pasal]] (or [[butir]]) tables of a regulation source, checked."""
    entries: list[Entry] = []
    pasal = data.get("pasal", [])
    butir = data.get("butir", [])
    if pasal and butir:
        raise _fail(path, "use either [[pasal]] or [[butir]] entries, not both")
    if not pasal and not butir:
        raise _fail(path, "missing required entries: at least one [[pasal]] (or [[butir]] for SE/SKB)")
    if butir and rtype.upper() not in ("SE", "SKB"):
        raise _fail(path, "[[butir]] entries are for circulars (SE) and joint decrees (SKB) only")
    kind_word, items, pattern = ("Pasal", pasal, _PASAL_NO) if pasal else ("Butir", butir, _BUTIR_NO)
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{kind_word.lower()}[{i}]."
        if not isinstance(item, dict):
            raise _fail(path, f"{kind_word.lower()}[{i}] must be a table")
        no = clean(str(_req(item, "nomor", path, (str, int), where=where)))
        if not pattern.fullmatch(no):
            raise _fail(path, f"field '{where}nomor' must be an article number as written (e.g. '5', '187A'), not {no!r}")
        if no in seen:
            raise _fail(path, f"{kind_word} {no} appears twice")
        seen.add(no)
        if kind_word == "Butir":
            _req(item, "bagian_resmi", path, where=where)  # which part of the official text it summarises
        paragraphs = _str_list(item, "isi", path, required=True, where=where)
        english = clean(str(_req(item, "english", path, where=where)))
        # Our editorial notes on the article: checked, kept on the Entry, never rendered.
        notes = _str_list(item, "catatan", path, required=False, where=where)
        bab = item.get("bab")
        if bab is not None:
            bab = clean(str(bab))
            if not re.fullmatch(r"BAB [IVXLC]+ [A-Z0-9 ,/()-]+", bab):
                raise _fail(path, f"field '{where}bab' must look like 'BAB II KEWAJIBAN DAN LARANGAN', not {bab!r}")
        label = f"{kind_word} {no}"
        for j, p in enumerate(paragraphs):
            _check_paragraph(p, path, f"{label}, isi[{j}]", regulation=True)
        _check_paragraph(english, path, f"{label}, english", regulation=True)
        entries.append(Entry(heading=label, bab=bab, paragraphs=paragraphs, english=english, notes=notes))
    return entries


def load_ruling(path: Path) -> Ruling:
    data = _load_toml(path)
    court = clean(str(_req(data, "pengadilan", path)))
    case_number = clean(str(_req(data, "nomor_perkara", path)))
    date = _req(data, "tanggal_putusan", path, dt.date)
    defendant = clean(str(_req(data, "terdakwa", path)))
    if not re.fullmatch(r"(?:[A-Z]\.?\s?){1,5}", defendant):
        raise _fail(path, f"field 'terdakwa' must be initials only (e.g. 'M' or 'E.M.A.'), not {defendant!r}")
    if not re.fullmatch(r"\d{1,5}/Pid\.[\w.-]+/\d{4}/PN [A-Z][a-z]+", case_number):
        raise _fail(path, f"field 'nomor_perkara' must look like '04/Pid.Sus/2014/PN Pwr', not {case_number!r}")
    keywords = _str_list(data, "kata_kunci", path, required=True)
    notes = _str_list(data, "catatan", path, required=False)
    parts = _req(data, "bagian", path, dict)
    sections = []
    for key, heading in SECTIONS:
        paragraphs = _str_list(parts, key, path, required=True, where="bagian.")  # type: ignore[arg-type]
        for j, p in enumerate(paragraphs):
            _check_paragraph(p, path, f"{heading}, paragraf {j + 1}", regulation=False)
        sections.append((heading, paragraphs))
    extra = set(parts) - {k for k, _h in SECTIONS}  # type: ignore[arg-type]
    if extra:
        raise _fail(path, f"unknown section(s) in [bagian]: {', '.join(sorted(extra))}")
    stem = str(_req(data, "berkas", path)).strip()
    if not _SLUG.fullmatch(stem):
        raise _fail(path, f"field 'berkas' must be a lowercase slug, not {stem!r}")
    return Ruling(path=path, court=court, case_number=case_number, date=date, defendant=defendant,  # type: ignore[arg-type]
                  keywords=keywords, notes=notes, sections=sections, stem=stem)


def _load_toml(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise _fail(path, f"invalid TOML: {e}") from None


# ---------------------------------------------------------------------------- PDF


class _Pdf(FPDF):
    def footer(self) -> None:  # page number on pages after the first, alone on its line
        if self.page_no() > 1:
            self.set_y(FOOTER_Y)
            self.set_font("Helvetica", "", 9)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")


def _new_pdf(title: str, keywords: list[str], author: str) -> _Pdf:
    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(ascii_text(title))
    pdf.set_subject(SUBJECT)
    pdf.set_keywords(ascii_text(", ".join(keywords)))
    pdf.set_author(author)
    pdf.set_creator("Netral kb.render")
    pdf.set_lang("id")
    pdf.add_page()
    return pdf


def wrap_lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy word wrap at the current font, keeping continuation lines from starting
    like a sub-reference or heading (a word is carried down from the previous line)."""
    words = text.split(" ")
    lines: list[str] = []
    cur: list[str] = []
    for i, w in enumerate(words):
        while pdf.get_string_width(w) > width:  # a word longer than the line: hard split
            cut = len(w)
            while cut > 1 and pdf.get_string_width(w[:cut]) > width:
                cut -= 1
            if cur:
                lines.append(" ".join(cur))
                cur = []
            lines.append(w[:cut])
            w = w[cut:]
        if not cur or pdf.get_string_width(" ".join(cur + [w])) <= width:
            cur.append(w)
            continue
        carry: list[str] = []
        upcoming = " ".join([w] + words[i + 1 : i + 4])
        while len(cur) > 1 and _bad_start(" ".join(carry + [upcoming])):
            carry.insert(0, cur.pop())
        lines.append(" ".join(cur))
        cur = carry + [w]
        if len(cur) > 1 and pdf.get_string_width(" ".join(cur)) > width:
            raise ValueError(f"cannot wrap without a misleading line start: {text[:60]!r}")
    if cur:
        lines.append(" ".join(cur))
    return lines


def _bad_start(s: str) -> bool:
    return bool(_BAD_LINE_START.match(s) or _SECTION_LINE.match(s.strip()))


def _remaining(pdf: FPDF) -> float:
    return pdf.page_break_trigger - pdf.get_y()


def _write_lines(pdf: FPDF, lines: list[str], h: float = LINE_H) -> None:
    for line in lines:
        pdf.cell(pdf.epw, h, line, new_x="LMARGIN", new_y="NEXT")


def _paragraph(pdf: FPDF, text: str, style: str = "", size: float = BODY_SIZE) -> None:
    pdf.set_font("Helvetica", style, size)
    _write_lines(pdf, wrap_lines(pdf, text, pdf.epw))
    pdf.ln(PARA_GAP)


def _heading(pdf: FPDF, text: str, size: float = 11, keep: float = 3 * LINE_H) -> None:
    """A heading alone on its line, never stranded at the bottom of a page."""
    if _remaining(pdf) < LINE_H + 2 + keep:
        pdf.add_page()
    pdf.ln(1.5)
    pdf.set_font("Helvetica", "B", size)
    pdf.cell(pdf.epw, LINE_H + 1, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.5)


def _header_line(pdf: FPDF, text: str, style: str, size: float, min_size: float = 7.5) -> None:
    """A page-1 field on its own line: shrink the font (down to min_size) to keep it on one
    line; if it is still too long, wrap it onto further lines. Titles pass min_size=size:
    they wrap at full size, and the parser reads the title up to the "Status:" line."""
    s = size
    pdf.set_font("Helvetica", style, s)
    while pdf.get_string_width(text) > pdf.epw and s > min_size:
        s -= 0.5
        pdf.set_font("Helvetica", style, s)
    lines = wrap_lines(pdf, text, pdf.epw)
    for line in lines:
        pdf.cell(pdf.epw, s * 0.5, line, align="C", new_x="LMARGIN", new_y="NEXT")


def render_regulation(reg: Regulation) -> bytes:
    title = f"{reg.short} - {reg.title} (ringkasan, bukan teks resmi)"
    pdf = _new_pdf(title, [reg.short, reg.title, *reg.keywords], "Netral (ringkasan)")
    _header_line(pdf, REG_MARKER, "B", 11)
    pdf.ln(2)
    _header_line(pdf, ascii_text(reg.type_full).upper(), "B", 12)
    _header_line(pdf, f"NOMOR {reg.number} TAHUN {reg.year}", "B", 11)
    _header_line(pdf, "TENTANG", "B", 11)
    _header_line(pdf, reg.title.upper(), "B", 11, min_size=11)
    pdf.ln(2)
    _header_line(pdf, reg.status_line(), "", 10)
    _header_line(pdf, reg.source_line(), "", 10)
    pdf.ln(LINE_H)
    _paragraph(pdf, REG_NOTE, "I")
    others = [(k, i, n) for k, i, n in reg.relations]
    if others:
        rel = "; ".join(f"{RELATIONS[k]} {i}" + (f" ({n})" if n else "") for k, i, n in others)
        _paragraph(pdf, f"Hubungan dengan peraturan lain: {reg.short} {rel}.", "I")
    for note in reg.notes:
        _paragraph(pdf, note, "I")
    bab = None
    for entry in reg.entries:
        if entry.bab and entry.bab != bab:
            _heading(pdf, entry.bab, size=10.5, keep=5 * LINE_H)
            bab = entry.bab
        _heading(pdf, entry.heading)
        for p in entry.paragraphs:
            _paragraph(pdf, p)
        _paragraph(pdf, f"English: {entry.english}", "I")
    return bytes(pdf.output())


def render_ruling(rul: Ruling) -> bytes:
    title = f"Putusan {rul.case_number} ({rul.court}) - ringkasan, bukan teks resmi"
    pdf = _new_pdf(title, [rul.court, rul.case_number, *rul.keywords], "Netral (ringkasan)")
    _header_line(pdf, RUL_MARKER, "B", 11)
    pdf.ln(2)
    _header_line(pdf, "PUTUSAN", "B", 12)
    _header_line(pdf, f"Nomor {rul.case_number}", "B", 11)
    _header_line(pdf, rul.court, "B", 11)
    pdf.ln(2)
    _header_line(pdf, f"Tanggal putusan: {format_date(rul.date)}", "", 10)
    _header_line(pdf, RUL_SOURCE, "", 10)
    pdf.ln(LINE_H)
    _paragraph(pdf, RUL_NOTE, "I")
    for note in rul.notes:
        _paragraph(pdf, note, "I")
    for heading, paragraphs in rul.sections:
        _heading(pdf, heading)
        for p in paragraphs:
            _paragraph(pdf, p)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------- driver


def source_files(src_dir: Path) -> tuple[list[Path], list[Path]]:
    regs = sorted((src_dir / "regulations").glob("*.toml"))
    ruls = sorted((src_dir / "rulings").glob("*.toml"))
    return regs, ruls


def render_corpus(src_dir: Path, out_dir: Path) -> list[Path]:
    """Render every source under src_dir into out_dir/regulations and out_dir/rulings.

    All sources are validated before anything is written, so one bad file leaves the
    output untouched. Returns the written paths (a file whose bytes would not change is
    left alone and still returned)."""
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    regs, ruls = source_files(src_dir)
    if not regs and not ruls:
        raise SourceError(f"{src_dir}: no *.toml sources under regulations/ or rulings/")
    jobs: list[tuple[Path, bytes]] = []
    targets: dict[Path, Path] = {}
    for path in regs:
        reg = load_regulation(path)
        jobs.append((out_dir / "regulations" / f"{reg.stem}.pdf", render_regulation(reg)))
        _claim(targets, jobs[-1][0], path)
    for path in ruls:
        rul = load_ruling(path)
        jobs.append((out_dir / "rulings" / f"{rul.stem}.pdf", render_ruling(rul)))
        _claim(targets, jobs[-1][0], path)
    written = []
    for target, data in jobs:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (target.exists() and target.read_bytes() == data):
            target.write_bytes(data)
        written.append(target)
    return written


def _claim(targets: dict[Path, Path], target: Path, source: Path) -> None:
    if target in targets:
        raise _fail(source, f"renders to {target.name}, which {targets[target]} also renders to")
    targets[target] = source
