"""What a ruling applied and decided, read from its text: the articles (law, Pasal, ayat,
huruf), the sentence imposed, and the kind of violation.

    applied_articles("Pasal 490 jo. Pasal 282 UU 7/2017 ...")  -> [UU 7/2017 Pasal 490, UU 7/2017 Pasal 282]
    sentence_of(amar)                                           -> Sentence(prison="1 bulan", fine="Rp1.000.000", ...)
    violation_types(articles, amar)                             -> ["keputusan-pejabat", ...]

An article takes the law named after it in the same sentence ("Pasal 490 jo. Pasal 282 UU
7/2017": both of UU 7/2017; "Pasal 301 ayat (1) UU yang sama": the law named before), else
the law named before it in that sentence ("UU 7/2017 Pasal 280"). The
violation types are a small table written from the election laws (UU 7/2017, UU 8/2012 for
the 2014 elections, UU 1/2015 as amended for regional elections): the articles that define
or punish each kind of violation, and the words a finding uses for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .instruments import code_of_name, names_pattern

_ART = re.compile(
    r"\bpasal\s+(?P<art>\d{1,3}[a-z]?)\b(?:\s+ayat\s*\((?P<ayat>\d{1,2}[a-z]?)\))?(?:\s+huruf\s+(?P<huruf>[a-z])\b)?", re.I
)
_DOC = re.compile(
    rf"\b(?P<type>{names_pattern()})\.?\s*(?:no\.?|nomor)?\s*(?P<num>\d{{1,4}})\s*(?:/|\s+tahun\s+)\s*(?P<year>(?:19|20)\d{{2}})\b", re.I
)
_LAW = re.compile(rf"{_DOC.pattern}|\b(?P<code>KUHP|KUHAP)\b|\bUU\s+yang\s+sama\b|\bUU\s+itu\b", re.I)
_SENTENCE_END = re.compile(r"(?<!\bjo)(?<!\bno)\.\s+(?=[A-Z(])|;|\n\s*\n")

PILKADA = ("UU 1/2015", "UU 8/2015", "UU 10/2016", "UU 6/2020")
"""The regional-election law and the laws amending it: one law for matching."""


@dataclass(frozen=True)
class ArticleRef:
    """An article a ruling names: "UU 7/2017 Pasal 280 ayat (2) huruf f"."""

    law: str | None  # "UU 7/2017", "KUHP"; None when the text names none
    article: str
    ayat: str | None = None
    huruf: str | None = None

    def __str__(self) -> str:
        s = f"{self.law + ' ' if self.law else ''}Pasal {self.article}"
        return s + (f" ayat ({self.ayat})" if self.ayat else "") + (f" huruf {self.huruf}" if self.huruf else "")

    def family(self) -> str | None:
        return "UU 1/2015" if self.law in PILKADA else self.law

    def within(self, wanted: ArticleRef) -> bool:
        """Is this mention the wanted article (or one of its ayat / huruf)? A law, ayat or huruf
        the filter names must be named here too."""
        if self.article.upper() != wanted.article.upper():
            return False
        if wanted.law and self.family() != wanted.family():
            return False
        if wanted.ayat and self.ayat != wanted.ayat:
            return False
        return not wanted.huruf or self.huruf == wanted.huruf


def _law_name(m: re.Match[str], previous: str | None) -> str | None:
    if m["code"]:
        return m["code"].upper()
    if m["type"]:
        return f"{code_of_name(m['type'])} {m['num'].lstrip('0')}/{m['year']}"
    return previous  # "UU yang sama": the law named before


def applied_articles(text: str) -> list[ArticleRef]:
    """Every article the text names, each with its law, in order, each once."""
    flat = " ".join(text.split())
    ends = [m.start() for m in _SENTENCE_END.finditer(flat)] + [len(flat)]
    laws: list[tuple[int, str | None]] = []
    last: str | None = None
    for m in _LAW.finditer(flat):
        last = _law_name(m, last)
        laws.append((m.start(), last))
    out: list[ArticleRef] = []
    for m in _ART.finditer(flat):
        end = next(e for e in ends if e >= m.end())
        start = max([e for e in ends if e < m.start()], default=-1)
        law = next((name for pos, name in laws if m.end() <= pos < end), None)
        if law is None:  # "UU 7/2017 Pasal 280", or an article in brackets after its law's article
            law = next((name for pos, name in reversed(laws) if start < pos < m.start()), None)
        ref = ArticleRef(law, m["art"].upper(), m["ayat"], m["huruf"].lower() if m["huruf"] else None)
        if ref not in out:
            out.append(ref)
    return out


def parse_article_filter(text: str | None) -> ArticleRef | None:
    """A filter as legal staff write it: "UU 7/2017 Pasal 280 ayat (2)", "Pasal 280 ayat 2
    UU 7 tahun 2017", "280" (any law); None when it names no article."""
    if not text or not text.strip():
        return None
    t = text.strip()
    if re.match(r"\d", t):
        t = "Pasal " + t
    t = re.sub(r"\bayat\s+(\d{1,2}[a-z]?)\b", r"ayat (\1)", t, flags=re.I)
    m = _ART.search(t)
    if not m:
        return None
    law_m = _DOC.search(t) or re.search(r"\b(?P<code>KUHP|KUHAP)\b", t, re.I)
    law = None
    if law_m is not None:
        law = law_m["code"].upper() if "code" in law_m.groupdict() and law_m["code"] else (
            f"{code_of_name(law_m['type'])} {law_m['num'].lstrip('0')}/{law_m['year']}"
        )
    return ArticleRef(law, m["art"].upper(), m["ayat"], m["huruf"].lower() if m["huruf"] else None)


MONTHS_ID = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def date_key(date: str | None, year: int | None) -> tuple[int, int, int]:
    """A ruling's date ("19 Februari 2019") as (year, month, day), for sorting; the year alone
    when the date cannot be read."""
    m = re.fullmatch(r"\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s*", date or "")
    if m and m[2].lower() in MONTHS_ID:
        return int(m[3]), MONTHS_ID.index(m[2].lower()) + 1, int(m[1])
    return year or 0, 0, 0


# ---------------------------------------------------------------------------- the sentence


@dataclass(frozen=True)
class Sentence:
    """The sentence a ruling imposed (as written: "1 bulan", "Rp1.000.000"); None: not found."""

    prison: str | None = None
    detention: str | None = None  # pidana kurungan
    fine: str | None = None
    probation: str | None = None  # masa percobaan: the term is not served unless ...

    def to_json(self) -> dict[str, Any]:
        return {"prison": self.prison, "detention": self.detention, "fine": self.fine, "probation": self.probation}

    def __bool__(self) -> bool:
        return any((self.prison, self.detention, self.fine, self.probation))


_TERM = r"(\d{1,3})\s*\(?[a-z ]*\)?\s*(hari|bulan|tahun)"


def sentence_of(amar: str) -> Sentence:
    """The principal sentence of an amar: prison or detention term, fine, probation. A fine's
    substitute detention ("bila denda tidak dibayar diganti kurungan 2 bulan") is not the
    sentence."""
    flat = " ".join(amar.split())

    def find(rx: str) -> str | None:
        m = re.search(rx, flat, re.I)
        return f"{m[1]} {m[2].lower()}" if m else None

    fine = re.search(r"\bdenda\s+(?:sebesar\s+)?(Rp\.?\s?[\d.,]+)", flat, re.I)
    return Sentence(
        prison=find(rf"\bpidana\s+penjara\s+(?:selama\s+)?{_TERM}"),
        detention=find(rf"\bpidana\s+kurungan\s+(?:selama\s+)?{_TERM}"),
        fine=fine[1].replace(" ", "").rstrip(".,") if fine else None,
        probation=find(rf"\bmasa\s+percobaan\s+(?:selama\s+)?{_TERM}"),
    )


# ---------------------------------------------------------------------------- violation types


@dataclass(frozen=True)
class ViolationType:
    key: str
    id: str
    en: str
    articles: tuple[ArticleRef, ...]
    words: str  # a regex over the finding (the amar), lower case


def _a(law: str, art: str, ayat: str | None = None, huruf: str | None = None) -> ArticleRef:
    return ArticleRef(law, art, ayat, huruf)


VIOLATIONS: tuple[ViolationType, ...] = (
    ViolationType(
        "asn-kampanye", "ASN/PNS ikut kampanye atau tim kampanye", "Civil servant in a campaign or campaign team",
        (_a("UU 7/2017", "280", "2"), _a("UU 7/2017", "280", "3"), _a("UU 7/2017", "493"), _a("UU 7/2017", "494"),
         _a("UU 8/2012", "86", "2"), _a("UU 8/2012", "86", "3"), _a("UU 8/2012", "277"), _a("UU 8/2012", "278"),
         _a("UU 1/2015", "70", "1"), _a("UU 1/2015", "189")),
        r"\b(pns|asn|pegawai negeri|aparatur sipil)\b.{0,80}\b(kampanye|tim sukses)",
    ),
    ViolationType(
        "fasilitas", "Memakai fasilitas negara atau pemerintah", "Use of state or government facilities",
        (_a("UU 7/2017", "280", "1", "h"), _a("UU 8/2012", "86", "1", "h"), _a("UU 1/2015", "69", None, "h")),
        r"fasilitas (negara|pemerintah|dinas|jabatan)|(mobil|kendaraan) dinas|balai desa|kantor desa|kop surat",
    ),
    ViolationType(
        "politik-uang", "Politik uang: uang atau barang bagi pemilih", "Vote buying: money or goods for voters",
        (_a("UU 7/2017", "280", "1", "j"), _a("UU 7/2017", "515"), _a("UU 7/2017", "523"), _a("UU 8/2012", "86", "1", "j"),
         _a("UU 8/2012", "301"), _a("UU 1/2015", "73"), _a("UU 1/2015", "187A")),
        r"\buang\b|materi lain|sembako|politik uang|imbalan",
    ),
    ViolationType(
        "keputusan-pejabat", "Keputusan atau tindakan pejabat/kepala desa yang menguntungkan peserta",
        "Decisions or acts of officials or village heads favouring a contestant",
        (_a("UU 7/2017", "282"), _a("UU 7/2017", "283"), _a("UU 7/2017", "490"), _a("UU 7/2017", "547"),
         _a("UU 1/2015", "71"), _a("UU 1/2015", "188")),
        r"keputusan dan/atau (melakukan )?tindakan yang menguntungkan|menguntungkan atau merugikan",
    ),
    ViolationType(
        "suara", "Mengubah suara atau hasil penghitungan", "Tampering with votes or the count",
        (_a("UU 7/2017", "532"), _a("UU 8/2012", "309"), _a("UU 8/2012", "312"), _a("UU 8/2012", "313")),
        r"tambahan suara|perolehan suara|penghitungan suara|sertifikat hasil|berita acara",
    ),
)
VIOLATION_KEYS = tuple(v.key for v in VIOLATIONS)


def violation_types(applied: list[ArticleRef], finding: str) -> list[str]:
    """The kinds of violation a ruling is about: an article applied that defines or punishes
    one, or the finding's own words for it."""
    low = " ".join(finding.lower().split())
    out = []
    for v in VIOLATIONS:
        if any(a.within(w) for a in applied for w in v.articles) or re.search(v.words, low):
            out.append(v.key)
    return out
