"""Stage 2, structure: clean page texts in, a document with its legal structure out.

Regulations: document type, number, year and title from the first page; then the body
split into Pasal (with BAB / Bagian / Paragraf breadcrumbs), the Penjelasan split the same
way, and for amendment laws the amended articles under their own numbers. Rulings:
court, case number, year and the sections of a decision.

The texts are OCR'd and noisy, so an article heading is accepted by its context and by the
numbering it continues, never by a regex alone: "Pasal 8" after "Pasal 7" mid-line is a
heading; "dimaksud dalam Pasal 8" is a reference.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from .extract import ExtractedPdf
from .instruments import file_codes, heading_code, headings
from .rulings import MONTHS_ID

# ---------------------------------------------------------------------------- types


@dataclass
class DocMeta:
    kind: str  # "regulation" | "ruling"
    type: str | None = None  # "UU", "PP", "Putusan", ...
    number: str | None = None
    year: int | None = None
    title: str | None = None
    summary: bool = False  # one of our own "Ringkasan, bukan teks resmi" documents
    status: str | None = None  # berlaku / dicabut / diubah
    official_source: str | None = None
    relations: list[str] = field(default_factory=list)  # "dicabut oleh PP 94/2021", ...
    court: str | None = None
    case_number: str | None = None
    date: str | None = None

    @property
    def short(self) -> str:
        """How a citation names the document: "PP 94/2021", "Putusan 04/Pid.Sus/2014/PN Pwr"."""
        if self.kind == "ruling":
            return f"Putusan {self.case_number}" if self.case_number else "Putusan"
        if self.type and self.number and self.year:
            return f"{self.type} {self.number}/{self.year}"
        return self.title or "Dokumen"


@dataclass
class Section:
    """A unit of text: one Pasal (body or Penjelasan), a ruling section, a preamble."""

    part: str  # "body" | "penjelasan" | ruling section name ("dakwaan", "amar", ...)
    text: str
    pages: list[int]
    article: str | None = None  # Pasal number as written: "5", "187A", "I"
    point: str | None = None  # "Butir 3" of a circular (our summaries)
    breadcrumbs: list[str] = field(default_factory=list)  # ["BAB II Kewajiban dan Larangan", ...]
    amendment: str | None = None  # "Pasal I angka 27" for an article an amendment law rewrites
    page_starts: list[int] = field(default_factory=list)  # offset in `text` where each of `pages` begins

    def pages_between(self, a: int, b: int) -> list[int]:
        """The pages text[a:b] stands on."""
        if not self.page_starts or len(self.page_starts) != len(self.pages):
            return list(self.pages)
        i = bisect.bisect_right(self.page_starts, a) - 1
        j = bisect.bisect_right(self.page_starts, max(a, b - 1)) - 1
        return self.pages[max(i, 0) : max(j, 0) + 1]


@dataclass
class LegalDocument:
    source: str  # path relative to the corpus root
    meta: DocMeta
    sections: list[Section]
    pages: int


# ---------------------------------------------------------------------------- entry point


def parse_document(pdf: ExtractedPdf, source: str, kind: str) -> LegalDocument:
    """Recognise a document's metadata and structure. `kind` comes from its folder."""
    text = _Text(pdf)
    if kind == "ruling":
        meta = parse_ruling_meta(text.full, source)
        sections = _ruling_sections(text, meta)
    else:
        meta = parse_regulation_meta(pdf.pages[0].text if pdf.pages else "", source)
        meta.date = meta.date or enactment_date(text.full)
        sections = _regulation_sections(text, meta)
    return LegalDocument(source=source, meta=meta, sections=sections, pages=len(pdf.pages))


class _Text:
    """The document as one string, with the page of every character."""

    def __init__(self, pdf: ExtractedPdf):
        parts, starts, pos = [], [], 0
        for p in pdf.pages:
            starts.append(pos)
            parts.append(p.text)
            pos += len(p.text) + 1
        self.full = "\n".join(parts)
        self._starts = starts
        self._numbers = [p.number for p in pdf.pages]

    def section(
        self, start: int, end: int, part: str, article: str | None = None, point: str | None = None,
        breadcrumbs: list[str] | None = None, amendment: str | None = None,
    ) -> Section:
        """A Section over full[start:end] (stripped), with exact page offsets."""
        raw = self.full[start:end]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        s0 = start + lead
        pages = self.pages(s0, s0 + max(len(body), 1))
        starts = [max(0, self._starts[self._numbers.index(p)] - s0) for p in pages]
        starts[0] = 0
        return Section(part=part, text=body, pages=pages, article=article, point=point,
                       breadcrumbs=breadcrumbs or [], amendment=amendment, page_starts=starts)

    def pages(self, start: int, end: int) -> list[int]:
        if not self._starts:
            return [1]
        a = bisect.bisect_right(self._starts, start) - 1
        b = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        return self._numbers[max(a, 0) : max(b, 0) + 1]


# ---------------------------------------------------------------------------- metadata

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "i": "1", "S": "5", "B": "8"})

_HEAD_RE = re.compile(
    r"(?P<type>" + "|".join(f"(?:{p})" for p, _ in headings()) + r")"
    r"(?:\s+REPUBLIK\s+INDONESIA)?\s+NOMOR\s*:?\s*(?P<num>[0-9OolI][\w./-]*)\s+TAHUN\s+(?P<year>[0-9OolI]{4})"
    r"\s+TENTANG\s+(?P<title>.+?)(?=\s+DENGAN\s+RAHMAT|\s+Menimbang|\s+Status\s*:|\s+Sumber\s+resmi|$)",
    re.S,
)
_FILENAME_RE = re.compile(r"^(?P<type>" + "|".join(file_codes()) + r")-(?P<num>\d+[a-z]?)-(?P<year>\d{4})", re.I)
_ACRONYMS = {"ASN", "PNS", "KPU", "DPR", "DPRD", "DPD", "KASN", "BKN", "TNI", "POLRI", "RI", "UUD", "PPPK", "CPNS", "SKB", "NKRI"}
_SMALL_WORDS = {"dan", "atau", "tentang", "atas", "menjadi", "di", "ke", "dari", "yang", "untuk", "pada", "dalam", "serta"}


def _titlecase(s: str) -> str:
    words = re.sub(r"\s+", " ", s).strip(" .,;").split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i and lw in _SMALL_WORDS:
            out.append(lw)
        elif w.strip(",.()") in _ACRONYMS:
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


_TITLE_STOP = re.compile(
    r"\s(?:M\s?[eE]\s?[nN]\s?[iIl1]\s?[mM]\s?[bB]\s?[aA]\s?[nN]\s?[gG]\b|bahwa\b|DENGAN\s+RAHMAT|PRESIDEN\s+REPUBLIK\s+INDONESIA\s*,)"
)
_LOWER_WORD = re.compile(r"[a-z]{2}")  # OCR puts one small letter in a capital word ("NEGERl"), not two


def _title_only(title: str, head: re.Match[str]) -> str:
    """The title after TENTANG, without what follows it on the page. The heading often
    repeats (page head and title block OCR'd twice: "... KODE ETIK PEGAWAI NEGERI SIPIL
    PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 42 TAHUN 2004 TENTANG ..."), and where
    "Menimbang" is damaged the consideranda run on: an official title is set in capitals,
    so a word in small letters ends a capitalised title."""
    again = re.search(
        rf"\s(?:{head.group('type').split()[0]})\b.{{0,80}}?NOMOR\s*:?\s*{re.escape(head.group('num'))}\s+TAHUN\s+{re.escape(head.group('year'))}",
        title, re.S,
    )
    if again and again.start() > 10:
        title = title[: again.start()]
    if stop := _TITLE_STOP.search(title):
        title = title[: stop.start()] if stop.start() > 10 else title
    words = title.split()
    if len(words) >= 2 and words[0].isupper() and words[1].isupper():
        low = next((i for i, w in enumerate(words) if i >= 2 and _LOWER_WORD.search(w)), None)
        title = " ".join(words[:low]) if low else title
    return title


def parse_regulation_meta(first_page: str, source: str) -> DocMeta:
    meta = DocMeta(kind="regulation")
    flat = re.sub(r"\s+", " ", first_page)
    _read_summary_lines(first_page, meta)
    m = _HEAD_RE.search(flat)
    if m:
        meta.type = heading_code(m.group("type"))
        meta.number = m.group("num").translate(_OCR_DIGITS) if re.fullmatch(r"[0-9OolI]+", m.group("num")) else m.group("num")
        meta.year = int(m.group("year").translate(_OCR_DIGITS))
        meta.title = _titlecase(_title_only(m.group("title"), m))[:300]
    fm = _FILENAME_RE.match(Path(source).name)
    if fm:  # the file name fills what OCR damaged beyond reading
        meta.type = meta.type or file_codes()[fm["type"].lower()]
        meta.number = meta.number or fm["num"]
        meta.year = meta.year or int(fm["year"])
    if not meta.title:
        meta.title = Path(source).stem
    return meta


_STATUS_RE = re.compile(r"^Status\s*:\s*(?P<status>berlaku|dicabut|diubah)(?P<rest>.*)$", re.I | re.M)
_SOURCE_RE = re.compile(r"^Sumber\s+resmi\s*:\s*(?P<src>.+)$", re.I | re.M)
_SUMMARY_RE = re.compile(r"^RINGKASAN(?:\s+PUTUSAN)?\s*,\s*BUKAN\s+TEKS\s+RESMI\s*$", re.I | re.M)


def _read_summary_lines(first_page: str, meta: DocMeta) -> None:
    """Our own summaries state their nature, status and official source on page 1."""
    meta.summary = bool(_SUMMARY_RE.search(first_page))
    if m := _STATUS_RE.search(first_page):
        meta.status = m["status"].lower()
        meta.relations = [r.strip() for r in m["rest"].split(";") if r.strip()]
    if m := _SOURCE_RE.search(first_page):
        meta.official_source = m["src"].strip()


_MONTHS = {m: i for i, m in enumerate(MONTHS_ID, 1)}
_ENACTED = re.compile(
    r"(?P<kind>Diundangkan|Ditetapkan|Disahkan)\s+di\s+\w+\s*,?\s+pada\s+tanggal\s*,?\s*"
    r"(?P<d>[0-9OIl](?:\s?[0-9OIl])?)\s+(?P<m>[A-Za-z]+)\s+(?P<y>[0-9OIl]{4})", re.I,
)


def enactment_date(full: str) -> str | None:
    """ISO date a regulation was promulgated (Diundangkan), else enacted (Ditetapkan/Disahkan)."""
    found: dict[str, str] = {}
    for m in _ENACTED.finditer(full):
        month = _MONTHS.get(m["m"].lower())
        if not month:
            continue
        try:
            day = int(m["d"].replace(" ", "").translate(_OCR_DIGITS))
            year = int(m["y"].translate(_OCR_DIGITS))
        except ValueError:
            continue
        if 1 <= day <= 31 and 1900 < year < 2100:
            found.setdefault(m["kind"].lower(), f"{year:04d}-{month:02d}-{day:02d}")
    return found.get("diundangkan") or found.get("ditetapkan") or found.get("disahkan")


# ---------------------------------------------------------------------------- regulations

_PASAL = re.compile(
    r"(?<![A-Za-z])P[a4]s[a4][lIJ1|!]\s*"
    r"(?:(?P<roman>[IVX]{1,4})(?![A-Za-z0-9])"
    r"|(?P<num>[0-9OIl][0-9OIl]{0,2}(?:\s[0-9](?![0-9]))?)(?P<suf>[A-H](?![a-z]))?(?![0-9]))"
)
_BUTIR = re.compile(r"^Butir\s+(?P<n>\d{1,3}[a-z]?)\s*$", re.M)
_REF_BEFORE = {
    "dalam", "dimaksud", "pada", "dan", "atau", "dengan", "ketentuan", "sampai", "lihat", "penjelasan",
    "menurut", "berdasarkan", "terhadap", "melanggar", "diatur", "diancam", "oleh", "yaitu", "yakni",
    "antara", "serta", "di", "dari", "ke", "sesuai", "mengenai", "tentang", "melaksanakan", "s.d.", "jo.",
    "jo", "juncto", "sebagaimana", "yang", "bahwa", "ini", "tersebut", "kecuali", "selain", "tetapi",
}
_REF_AFTER = re.compile(
    r"^\s*(?:ayat|huruf|angka|UU|Undang|dan\b|atau\b|,|sampai|s\.d|tentang|Peraturan|diubah|tetap|dihapus|jo\b|juncto|KUHP|yang|dapat|sebagaimana)",
)
_BODY_START = re.compile(r"MEMUTUSKAN\s*:?|Menetapkan\s*:", re.I)
_BODY_END = re.compile(r"Agar\s+setiap\s+orang\s+mengetahuinya|Disahkan\s+di\s+Jakarta", re.I)
_PENJELASAN = re.compile(r"PENJELASAN\s+ATAS\s+(?=UNDANG|PERATURAN|PERPU)")
_PASAL_DEMI_PASAL = re.compile(r"PASAL\s+DEMI\s+PASAL", re.I)
_NEW_DOC = re.compile(
    r"(?:PERATURAN\s+PEMERINTAH\s+PENGGANTI\s+UNDANG[\s-]*UNDANG|UNDANG[\s-]*UNDANG|PERATURAN\s+PEMERINTAH)\s+"
    r"REPUBLIK\s+INDONESIA\s+NOMOR\s+\S+\s+TAHUN\s+\S+\s+TENTANG.{0,600}?DENGAN\s+RAHMAT\s+TUHAN",
    re.S,
)
_STRUCT_LINE = re.compile(
    r"(?P<kind>BAB|Bagian|Paragraf)\s+(?P<label>[IVXLC]+|Ke[a-z]+|\d+)\b\s*(?P<title>(?:[A-Z][\w/,-]*\s*){0,10})"
)
_AMEND_ITEM = re.compile(r"(?m)(?:^|(?<=[.;:]\s))(?P<n>\d{1,3})\.\s+(?=Ketentuan|Di\s+antara|Pasal|Penjelasan|Judul|Setelah|BAB|Bagian|Paragraf)")
_DELETED = re.compile(r"(?P<n>\d{1,3})\.\s+Pasal\s+(?P<art>\d{1,3}[A-Z]?)\s+dihapus")


@dataclass
class _Head:
    start: int  # where "Pasal" begins
    end: int  # after the number
    article: str


def article_order(article: str) -> tuple[int, str]:
    """Where a Pasal stands in the numbering: "5" < "5A" < "6"."""
    m = re.match(r"(\d+)([A-Z]?)", article)
    return (int(m.group(1)), m.group(2)) if m else (0, article)


def _successors(last: tuple[int, str] | None) -> set[tuple[int, str]]:
    if last is None:
        return {(1, "")}
    n, s = last
    nxt = {(n + 1, "")}
    nxt.add((n, chr(ord(s) + 1)) if s else (n, "A"))
    return nxt


def _interpretations(num: str, suf: str | None) -> list[tuple[int, str]]:
    """"1 1" may be 11 (OCR split) or 1 followed by an item number; "3O" is 30."""
    suf = suf or ""
    clean = num.translate(_OCR_DIGITS)
    out = []
    if " " in clean:
        out.append((int(clean.replace(" ", "")), suf))
        out.append((int(clean.split(" ")[0]), ""))
    else:
        out.append((int(clean), suf))
    return out


_STRONG_AFTER = re.compile(r"^\s*(?:\(\s*1\s*[)l1]|Ayat\s*\(|Huruf\s+a\b|Angka\s+1\b|Cukup\s+\^?jelas|Dihapus|$)")


def _heading_weight(text: str, start: int, end: int) -> tuple[float, bool]:
    """How much "Pasal N" at text[start:end] looks like a heading (0 = a reference), and
    whether it stands alone on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip()
    line_end = text.find("\n", end)
    after = text[end : line_end if line_end >= 0 else len(text)]
    own_line = not before and not after.strip()
    if own_line:
        return 1.0, True
    if _REF_AFTER.match(after):
        return 0.0, False
    prev = before.split()[-1] if before else ""
    if prev.lower().strip("(") in _REF_BEFORE:
        return 0.0, False
    if _STRONG_AFTER.match(after):
        return 1.0, False  # "Pasal 9 (1) ...", "Pasal 6 Cukup jelas."
    if prev.endswith((",", "/", "-")) or (prev[:1].islower() and not prev.endswith((".", ";", ":"))):
        return 0.0, False
    nxt = after.strip()[:1]
    if nxt and not (nxt.isupper() or nxt.isdigit()):
        return 0.0, False
    return 0.6, False


def _find_heads(text: str, start: int, end: int, amendment: bool, max_jump: int = 8) -> list[_Head]:
    """Article headings in text[start:end]: the best increasing chain of candidates.

    Every "Pasal N" that could be a heading is a candidate, weighted by its context; the
    chosen headings are the chain of increasing numbers with the greatest weight, where a
    gap in the numbering costs (a heading OCR destroyed) and, outside amendment laws, a
    gap larger than `max_jump` breaks the chain. In an amendment law, roman "Pasal I",
    "Pasal II" reset the numbering (the articles inside are the amended law's own).
    """
    heads: list[_Head] = []
    romans = []
    if amendment:
        for m in _PASAL.finditer(text, start, end):
            if m.group("roman") and _heading_weight(text, m.start(), m.end())[1]:
                romans.append(m)
    bounds = [start] + [m.start() for m in romans] + [end]
    for i in range(len(bounds) - 1):
        lo, hi = bounds[i], bounds[i + 1]
        if i > 0:
            r = romans[i - 1]
            heads.append(_Head(r.start(), r.end(), r.group("roman")))
            lo = r.end()
        heads.extend(_chain(text, lo, hi, amendment, max_jump))
    return heads


def _chain(text: str, start: int, end: int, amendment: bool, max_jump: int) -> list[_Head]:
    cands: list[tuple[int, int, tuple[int, str], float]] = []
    for m in _PASAL.finditer(text, start, end):
        if m.group("roman"):
            continue
        w, _own = _heading_weight(text, m.start(), m.end())
        if w <= 0:
            continue
        for v in _interpretations(m.group("num"), m.group("suf")):
            cands.append((m.start(), m.end(), v, w))
    n = len(cands)
    if not n:
        return []
    best, prev = _best_chains(cands, amendment, max_jump)
    i = max(range(n), key=lambda k: best[k])
    chain = []
    while i >= 0:
        s, e, v, _w = cands[i]
        chain.append(_Head(s, e, f"{v[0]}{v[1]}"))
        i = prev[i]
    return chain[::-1]


def _best_chains(cands: list[tuple[int, int, tuple[int, str], float]], amendment: bool, max_jump: int) -> tuple[list[float], list[int]]:
    """best[i]: the weight of the best chain ending at candidate i (earlier candidates,
    smaller numbers); prev[i]: the candidate before it in that chain, -1 for none; ties go
    to the earliest candidate. Each candidate looks up only the numbers that can precede
    it (at most `max_jump` below; in amendment laws, a prefix maximum over the numbers), so
    the time grows with the number of candidates, not its square: a crafted text of many
    thousands of "Pasal N" took minutes when every pair was compared."""
    n = len(cands)
    best, prev = [0.0] * n, [-1] * n
    by_number: dict[int, dict[str, tuple[float, int]]] = {}  # chain ends so far: number -> suffix -> (best, index)
    ranks = {v: r for r, v in enumerate(sorted({c[2] for c in cands}))}
    below = _PrefixMax(len(ranks))
    i = 0
    while i < n:
        group = i
        while group < n and cands[group][0] == cands[i][0]:  # interpretations of one match: not each other's predecessor
            group += 1
        for k in range(i, group):
            _s, _e, v, w = cands[k]
            best[k] = w - _gap_cost(None, v, amendment, max_jump)
            options = _predecessors(v, by_number, max_jump) if not amendment else _amended_predecessors(v, by_number, below, ranks[v])
            top = max(((b + w - _gap_cost(u, v, amendment, max_jump), -j) for u, b, j in options), default=None)
            if top is not None and top[0] > best[k]:
                best[k], prev[k] = top[0], -top[1]
        for k in range(i, group):
            v = cands[k][2]
            ends = by_number.setdefault(v[0], {})
            if v[1] not in ends or best[k] > ends[v[1]][0]:
                ends[v[1]] = (best[k], k)
            below.update(ranks[v], (best[k], -k), v)
        i = group
    return best, prev


def _predecessors(v: tuple[int, str], by_number: dict[int, dict[str, tuple[float, int]]], max_jump: int) -> list[tuple[tuple[int, str], float, int]]:
    """Chain ends that may precede v outside amendment laws: a smaller number at most
    `max_jump` below, or v's own number with the previous suffix."""
    out = []
    for num in range(v[0] - max_jump, v[0] + 1):
        for suf, (b, j) in by_number.get(num, {}).items():
            u = (num, suf)
            if u < v and (num < v[0] or v in _successors(u)):
                out.append((u, b, j))
    return out


def _amended_predecessors(v: tuple[int, str], by_number: dict[int, dict[str, tuple[float, int]]], below: _PrefixMax,
                          rank: int) -> list[tuple[tuple[int, str], float, int]]:
    """In an amendment law any smaller number may precede v (at a small cost), its direct
    predecessors at none: the best end below v, and the direct predecessors."""
    out = []
    b, neg_j, u = below.query(rank)
    if u is not None:
        out.append((u, b, -neg_j))
    if v[1]:
        before = (v[0], chr(ord(v[1]) - 1) if v[1] != "A" else "")
        if before[1] in by_number.get(v[0], {}):
            out.append((before, *by_number[v[0]][before[1]]))
    else:
        out += [((v[0] - 1, suf), b, j) for suf, (b, j) in by_number.get(v[0] - 1, {}).items()]
    return out


class _PrefixMax:
    """Fenwick tree over value ranks: the best (score, -index) entry below a rank, with its value."""

    def __init__(self, size: int):
        self.tree: list[tuple[float, int, tuple[int, str] | None]] = [(float("-inf"), 0, None)] * (size + 1)

    def update(self, rank: int, item: tuple[float, int], value: tuple[int, str]) -> None:
        entry = (*item, value)
        i = rank + 1
        while i < len(self.tree):
            if entry[:2] > self.tree[i][:2]:
                self.tree[i] = entry
            i += i & -i

    def query(self, rank: int) -> tuple[float, int, tuple[int, str] | None]:
        """The best entry among ranks < rank."""
        out: tuple[float, int, tuple[int, str] | None] = (float("-inf"), 0, None)
        i = rank
        while i > 0:
            if self.tree[i][:2] > out[:2]:
                out = self.tree[i]
            i -= i & -i
        return out


def _gap_cost(u: tuple[int, str] | None, v: tuple[int, str], amendment: bool, max_jump: int) -> float:
    if u is None:
        gap = v[0] - 1 + (1 if v[1] else 0)
        return 0.0 if amendment else 0.5 * gap
    if v in _successors(u):
        return 0.0
    if amendment:
        return 0.2
    gap = v[0] - u[0]
    if gap > max_jump or gap <= 0:
        return float("inf")
    return 0.5 * gap


def _own_line_heads(text: str, start: int, end: int) -> list[_Head]:
    """Our summaries cover selected articles: every "Pasal N" alone on its line is a heading."""
    heads = []
    for m in _PASAL.finditer(text, start, end):
        if m.group("num") and _heading_weight(text, m.start(), m.end())[1]:
            art = re.sub(r"\s", "", m.group("num").translate(_OCR_DIGITS)) + (m.group("suf") or "")
            heads.append(_Head(m.start(), m.end(), art))
    return heads


def _segments(text: str) -> list[tuple[str, int, int, str | None]]:
    """Split a regulation file into (part, start, end, label): body, penjelasan, and where
    a file holds two documents (a UU enacting a PERPPU, the PERPPU after the UU's
    Penjelasan) the second one's parts, labelled with its name ("Lampiran PERPPU 1/2014")."""
    b = _BODY_START.search(text)
    body_start = b.end() if b else 0
    marks: list[tuple[int, str, str | None]] = [(body_start, "body", None)]
    for m in _PENJELASAN.finditer(text, body_start):
        marks.append((m.start(), "penjelasan", None))
    first_pj = next((p for p, k, _ in marks if k == "penjelasan"), None)
    if first_pj is not None:
        for m in _NEW_DOC.finditer(text, first_pj):
            head = _HEAD_RE.search(re.sub(r"\s+", " ", m.group(0)))
            label = f"Lampiran {heading_code(head['type'])} {head['num']}/{head['year']}" if head else "Lampiran"
            nb = _BODY_START.search(text, m.end())
            marks.append((nb.end() if nb else m.end(), "body", label))
    marks.sort(key=lambda x: x[0])
    out = []
    label: str | None = None
    for i, (pos, part, new_label) in enumerate(marks):
        label = new_label or label
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if part == "body":
            stop = _BODY_END.search(text, pos, end)
            end = stop.start() if stop else end
        out.append((part, pos, end, label))
    return out


def _breadcrumbs_before(text: str, lo: int, hi: int, crumbs: dict[str, str]) -> None:
    """Update BAB/Bagian/Paragraf breadcrumbs from headings found in text[lo:hi]."""
    for m in _STRUCT_LINE.finditer(text, lo, hi):
        kind = m.group("kind")
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if before and not before.endswith((".", ";", ":")) and not re.search(r"(BAB|Bagian|Paragraf)\s+\S+(\s+[A-Z]\S*)*$", before) and not before[-1:].isupper():
            continue  # "... dalam Bagian Kedua" is a reference, not a heading
        label = f"{kind} {m.group('label')} {m.group('title').strip()}".strip()
        crumbs[kind] = re.sub(r"\s+", " ", label)
        if kind == "BAB":
            crumbs.pop("Bagian", None)
            crumbs.pop("Paragraf", None)
        elif kind == "Bagian":
            crumbs.pop("Paragraf", None)


def _strip_trailing_struct(body: str) -> str:
    """Drop a trailing "BAB III HUKUMAN DISIPLIN Bagian Kesatu Umum" (the next heading's crumbs)."""
    m = re.search(r"\s(?:BAB\s+[IVXLC]+|Bagian\s+Ke\w+|Paragraf\s+\d+)\b(?:\s+[A-Z][\w/,-]*)*\s*$", body)
    return body[: m.start()].rstrip() if m else body


def _regulation_sections(text: _Text, meta: DocMeta) -> list[Section]:
    full = text.full
    amendment = bool(meta.title and re.search(r"\bperubahan\b", meta.title, re.I)) and bool(
        re.search(r"(?m)^\s*P[a4]s[a4][lIJ1]\s+I\s*$", full)
    )
    sections: list[Section] = []
    for part, start, end, doc_label in _segments(full):
        scan_from = start
        if part == "penjelasan":
            pdp = _PASAL_DEMI_PASAL.search(full, start, end)
            general_end = pdp.start() if pdp else start
            if pdp:
                scan_from = pdp.end()
            general = full[start:general_end].strip()
            if len(general) > 200:
                sections.append(text.section(start, general_end, part=part, breadcrumbs=["Penjelasan Umum"]))
        if _BUTIR.search(full, scan_from, end) and meta.summary:
            sections.extend(_butir_sections(text, scan_from, end, part))
            continue
        heads = _own_line_heads(full, scan_from, end) if meta.summary else _find_heads(full, scan_from, end, amendment)
        crumbs: dict[str, str] = {}
        prev_end = scan_from
        amend_item: str | None = None
        for i, h in enumerate(heads):
            nxt = heads[i + 1].start if i + 1 < len(heads) else end
            if part == "body":
                _breadcrumbs_before(full, prev_end, h.start, crumbs)
            body_start = _skip_repeated_heading(full, h, nxt)
            body_end = body_start + len(_strip_trailing_struct(full[body_start:nxt].rstrip()))
            if amendment and h.article in {"I", "II", "III"}:
                amend_item = None
            if amendment:
                items = list(_AMEND_ITEM.finditer(full, prev_end, h.start))
                if items:
                    amend_item = items[-1].group("n")
            label_amend = doc_label
            if amendment and not re.fullmatch(r"[IVX]+", h.article) and amend_item:
                label_amend = f"Pasal I angka {amend_item}"
            sections.append(
                text.section(
                    body_start,
                    body_end,
                    part=part,
                    article=h.article,
                    breadcrumbs=list(crumbs.values()) if part == "body" else ["Penjelasan"],
                    amendment=label_amend,
                )
            )
            prev_end = h.end
        if amendment and part == "body":
            for m in _DELETED.finditer(full, start, end):
                sections.append(
                    Section(part=part, text=f"Pasal {m['art']} dihapus.", pages=text.pages(m.start(), m.end()),
                            article=m["art"], amendment=f"Pasal I angka {m['n']}", page_starts=[0])
                )
    return [s for s in sections if s.text.strip()]


def _skip_repeated_heading(full: str, h: _Head, limit: int) -> int:
    """A heading OCR'd twice at a page break ("Pasal 10 ... Pasal 10 (1)"): the body starts after the second."""
    m = _PASAL.search(full, h.end, min(limit, h.end + 80))
    if m and m.group("num") and re.sub(r"\s", "", m.group("num").translate(_OCR_DIGITS)) + (m.group("suf") or "") == h.article:
        if len(full[h.end:m.start()].strip()) < 50:
            return m.end()
    return h.end


def _butir_sections(text: _Text, start: int, end: int, part: str) -> list[Section]:
    full = text.full
    marks = list(_BUTIR.finditer(full, start, end))
    out = []
    for i, m in enumerate(marks):
        nxt = marks[i + 1].start() if i + 1 < len(marks) else end
        out.append(text.section(m.end(), nxt, part=part, point=f"Butir {m['n']}"))
    return out


# ---------------------------------------------------------------------------- rulings

_CASE_RE = re.compile(
    r"nomor\s*:?\s*(?P<no>\d{1,5})\s*[/ ]\s*(?P<cls>pid[\s.]*[a-z]*(?:[\s.-]*pemilu)?)\s*[/ ]\s*(?P<year>\d{4})\s*[/ ]\s*(?P<court>pn\s*[a-z]{2,5})",
    re.I,
)
_COURT_RE = re.compile(r"pengadilan[ \t]+negeri[ \t]+(?P<name>[a-z]+(?:[ \t]+(?!yang|tersebut|telah)[a-z]+)?)", re.I)
_RULING_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("dakwaan", re.compile(r"\bdidakwa\b|\bdakwaan\s+(?:penuntut|jaksa)|^\s*DAKWAAN\s*$", re.I | re.M)),
    ("fakta", re.compile(r"fakta[\s-]+fakta\s+hukum|fakta\s+hukum|^\s*FAKTA\s*$", re.I | re.M)),
    ("pertimbangan", re.compile(r"menimbang\s+bahwa\s+(?:selanjutnya\s+)?majelis\s+hakim\s+(?:akan\s+)?mempertimbangkan|pertimbangan\s+hukum|^\s*PERTIMBANGAN\s*$", re.I | re.M)),
    ("amar", re.compile(r"\bm\s?e\s?n\s?g\s?a\s?d\s?i\s?l\s?i\b(?=\s*(?:\n|menyatakan|1))|^\s*AMAR\s*$", re.I | re.M)),
]
_DIGEST_HEADINGS = re.compile(r"^(DUDUK PERKARA|DAKWAAN|FAKTA|PERTIMBANGAN|PASAL YANG DITERAPKAN|AMAR)\s*$", re.M)
_TANGGAL_RE = re.compile(r"^Tanggal\s+putusan\s*:\s*(?P<d>.+)$", re.I | re.M)


def _format_case(m: re.Match[str]) -> str:
    cls = re.sub(r"[\s.]+", ".", m["cls"].strip()).title().replace(".Pemilu", "-Pemilu").replace("-.", "-")
    court = re.sub(r"\s+", " ", m["court"]).strip()
    court = "PN " + court[2:].strip().title()
    return f"{m['no']}/{cls}/{m['year']}/{court}"


_FILE_COURT = re.compile(r"-pn-(?P<code>[a-z]{2,5})$", re.I)


def _complete_court_code(case: str, full: str, source: str) -> str:
    """The directory's head sometimes cuts the court code ("PN Dp" for "PN Dpk"). The
    decision repeats its number (in the hearing orders, "Nomor 01/Pen.Pid.../PN Dpk"), and
    the file may be named after it: take the longest code there that extends the cut one."""
    from collections import Counter

    cut = case.rsplit(" ", 1)[-1].lower()
    codes = Counter(c.lower() for c in re.findall(r"\bpn\s+([a-z]{2,5})\b", full[:20000], re.I))
    if fm := _FILE_COURT.search(Path(source).stem):
        codes[fm["code"].lower()] += 1
    longer = [c for c, _n in codes.most_common() if c.startswith(cut) and len(c) > len(cut)]
    return case[: -len(cut)] + longer[0].title() if longer else case


def parse_ruling_meta(full: str, source: str) -> DocMeta:
    meta = DocMeta(kind="ruling", type="Putusan")
    head = full[:3000]
    _read_summary_lines(head, meta)
    if m := _CASE_RE.search(head):
        meta.case_number = _complete_court_code(_format_case(m), full, source)
        meta.number = m["no"]
        meta.year = int(m["year"])
    if m := _COURT_RE.search(head):
        meta.court = "Pengadilan Negeri " + m["name"].strip().title()
    if m := _TANGGAL_RE.search(head):
        meta.date = m["d"].strip()
    meta.title = " ".join(x for x in [meta.court, f"Nomor {meta.case_number}" if meta.case_number else Path(source).stem] if x)
    return meta


def _ruling_sections(text: _Text, meta: DocMeta) -> list[Section]:
    full = text.full
    if meta.summary:
        marks = [(m.start(), m.group(1).lower()) for m in _DIGEST_HEADINGS.finditer(full)]
        marks = [(p, name.replace("pasal yang diterapkan", "pasal").replace("duduk perkara", "perkara")) for p, name in marks]
    else:
        marks, pos = [], 0
        for name, rx in _RULING_SECTIONS:
            found = [m for m in rx.finditer(full, pos)]
            if not found:
                continue
            m = found[-1] if name == "amar" else found[0]
            marks.append((m.start(), name))
            pos = m.end()
    marks = [(0, "perkara")] + [m for m in marks if m[0] > 0]
    out = []
    for i, (pos, name) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(full)
        out.append(text.section(pos, end, part=name))
    return out
