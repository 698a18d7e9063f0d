"""Document resolution: which indexed documents a question names in plain words.

"the 2017 election law", "UU ASN", "PP disiplin yang lama", "the latest amendment of the
Pilkada law", "putusan PN Depok 2014": people name laws by their type, year and subject, or
by a common short name, in Indonesian or English. Each document is described from what it
says about itself (type, number, year, the subject words of its title, its relations), the
question is read for the same things (English through the glossary), and the documents that
fit clearly better than the rest are returned, for search to prefer.

Only a question that names a document at all (a type of instrument, a year, a known short
name) is resolved: subject words alone are the lexical and dense ranking's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .glossary import expand
from .index import DocRecord
from .lexical import tokenize
from .structure import DocMeta

# Instrument types as people write them, Indonesian and English -> the codes of DocMeta.type.
_TYPES: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(r"\b(?:peraturan\s+pemerintah\s+pengganti|perppu|perpu)\b", re.I), frozenset({"PERPPU"})),
    (re.compile(r"\b(?:undang[\s-]*undang|uu|laws?|statutes?)\b", re.I), frozenset({"UU", "PERPPU"})),
    (re.compile(r"\b(?:peraturan\s+pemerintah|pp|government\s+regulations?)\b", re.I), frozenset({"PP"})),
    (re.compile(r"\b(?:peraturan\s+presiden|perpres|presidential\s+regulations?)\b", re.I), frozenset({"Perpres"})),
    (re.compile(r"\b(?:regulations?|peraturan)\b", re.I), frozenset({"PP", "Perpres", "Permen", "PKPU", "Perbawaslu", "Perda"})),
    (re.compile(r"\b(?:putusan|vonis|rulings?|verdicts?|judgm?ents?|court\s+(?:decisions?|cases?))\b", re.I), frozenset({"Putusan"})),
    (re.compile(r"\b(?:surat\s+edaran|se|circulars?)\b", re.I), frozenset({"SE"})),
    (re.compile(r"\b(?:keputusan\s+bersama|skb|joint\s+(?:decree|decision)s?)\b", re.I), frozenset({"SKB"})),
]
# The names people use for instruments: name -> (types, words of the title it stands for).
NAMES: list[tuple[re.Pattern[str], frozenset[str], str]] = [
    (re.compile(p, re.I), frozenset(types), title)
    for p, types, title in [
        (r"\b(?:uu|undang[\s-]*undang)\s+pemilu\b|\b(?:general\s+)?elections?\s+(?:law|act)\b", {"UU"}, "pemilihan umum"),
        (r"\b(?:uu|undang[\s-]*undang)\s+(?:pilkada|pemilihan\s+kepala\s+daerah)\b|\b(?:pilkada|regional\s+elections?|local\s+elections?)\s+(?:law|act)\b",
         {"UU", "PERPPU"}, "pemilihan gubernur bupati walikota"),
        (r"\b(?:uu|undang[\s-]*undang)\s+(?:asn|aparatur\s+sipil\s+negara)\b|\b(?:asn|civil\s+service|civil\s+servants?|state\s+civil\s+apparatus)\s+(?:law|act)\b",
         {"UU"}, "aparatur sipil negara"),
        (r"\bpp\s+(?:hukuman\s+)?disiplin\b|\b(?:civil\s+servant\s+)?disciplin(?:e|ary)\s+regulation\b", {"PP"}, "disiplin pegawai negeri sipil"),
        (r"\bkode\s+etik\s+(?:pns|asn|pegawai)\b|\bpp\s+(?:kode\s+etik|jiwa\s+korps)\b|\b(?:code\s+of\s+)?ethics\s+regulation\b", {"PP"}, "kode etik pegawai negeri sipil"),
        (r"\b(?:pp\s+)?manajemen\s+(?:pns|asn)\b|\b(?:civil\s+servant|pns)\s+management\s+regulation\b", {"PP"}, "manajemen pegawai negeri sipil"),
        (r"\b(?:uu|undang[\s-]*undang)\s+(?:pemda|pemerintahan\s+daerah)\b|\bregional\s+government\s+(?:law|act)\b", {"UU"}, "pemerintahan daerah"),
    ]
]
_LATEST = re.compile(r"\b(?:terbaru|terakhir|terkini|latest|newest|most\s+recent|last\s+amendment|current)\b", re.I)
_OLD = re.compile(r"\b(?:lama|dulu|sebelumnya|old|older|previous|former|earlier)\b", re.I)
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
# Title words that say what kind of text it is, not what it is about.
_GENERIC = set(tokenize(
    "perubahan kedua ketiga keempat pertama atas penetapan peraturan pemerintah pengganti undang menjadi tentang "
    "nomor tahun republik indonesia"
))


def _subject(meta: DocMeta) -> frozenset[str]:
    """The subject words of a document: its title's, or for a ruling its court's place."""
    text = re.sub(r"(?i)pengadilan\s+negeri", "", meta.court or "") if meta.kind == "ruling" else meta.title or ""
    return frozenset(t for t in tokenize(text) if t not in _GENERIC and not t.isdigit())


@dataclass(frozen=True)
class DocGroup:
    """Documents described alike (type, year, title subject, revoked or not): they score alike."""

    type: str | None
    year: int | None
    subject: frozenset[str]  # stems of the title's subject words
    revoked: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    sources: frozenset[str]  # the documents the question names, best fits only
    named: bool  # the question names some document (even if none indexed fits)
    rest: str = ""  # the question without the names of documents it uses ("UU ASN", "the election law")
    groups: tuple[int, ...] = ()  # where `sources` come from: positions in `DocResolver.groups`


class DocResolver:
    MIN_SCORE = 3.0
    MARGIN = 0.5

    def __init__(self, docs: dict[str, DocRecord], abbreviations: dict[str, frozenset[str]] | None = None):
        self.abbreviations = abbreviations or {}  # "pns" -> stems of "Pegawai Negeri Sipil", from the definitions
        alike: dict[tuple[str | None, int | None, frozenset[str], bool], list[str]] = {}
        for src, d in docs.items():
            alike.setdefault((d.meta.type, d.meta.year, _subject(d.meta), d.meta.status == "dicabut"), []).append(src)
        self.groups = [DocGroup(*key, sources=tuple(srcs)) for key, srcs in alike.items()]
        self._by_type: dict[str | None, list[int]] = {}
        self._by_year: dict[int | None, list[int]] = {}
        for i, g in enumerate(self.groups):
            self._by_type.setdefault(g.type, []).append(i)
            self._by_year.setdefault(g.year, []).append(i)

    def _candidates(self, types: frozenset[str], names: list[tuple[frozenset[str], set[str]]], years: set[int]) -> list[int]:
        """The groups (positions in `groups`) that can reach MIN_SCORE - MARGIN: of a type the
        question names (or a name stands for), or of a year it names. Any other scores 2 at
        most (subject words alone), below what a returned document needs, so it is not scored."""
        codes = types.union(*(c for c, _t in names))
        rows = {i for t in codes for i in self._by_type.get(t, [])}
        rows |= {i for y in years for i in self._by_year.get(y, [])}
        return sorted(rows)

    def resolve(self, query: str) -> Resolution:
        types = frozenset().union(*(codes for rx, codes in _TYPES if rx.search(query)))
        names = [(codes, set(tokenize(title))) for rx, codes, title in NAMES if rx.search(query)]
        years = {int(y) for y in _YEAR.findall(query)}
        rest = query
        for rx, _codes, _title in NAMES:
            rest = rx.sub(" ", rest)
        if not (types or names or years):
            return Resolution(frozenset(), False, rest)
        words = set(tokenize(query)) | set(tokenize(" ".join(expand(query))))
        words |= set().union(*(self.abbreviations.get(w, frozenset()) for w in list(words)))
        rows = self._candidates(types, names, years)
        groups = [self.groups[i] for i in rows]
        scores = [self._score(g, types, names, years, words) for g in groups]
        self._prefer_by_age(query, scores, groups)
        top = max(scores, default=0.0)
        if top < self.MIN_SCORE:
            return Resolution(frozenset(), True, rest)
        best = tuple(i for i, v in zip(rows, scores) if v >= top - self.MARGIN)
        return Resolution(frozenset(s for i in best for s in self.groups[i].sources), True, rest, best)

    @staticmethod
    def _score(p: DocGroup, types: frozenset[str], names: list[tuple[frozenset[str], set[str]]], years: set[int], words: set[str]) -> float:
        score = 0.0
        if p.type in types:
            score += 1.0
        if any(p.type in codes and len(title & p.subject) >= 0.75 * len(title) for codes, title in names):  # OCR: "Negri"
            score += 3.0
        if years and p.year not in years:
            return 0.0  # the question names another year: another document (maybe not indexed)
        if years:
            score += 2.0
        if p.subject:
            cover = len(p.subject & words) / len(p.subject)
            score += 2.0 * cover if cover >= 0.5 else 0.0
        return score

    def _prefer_by_age(self, query: str, scores: list[float], groups: list[DocGroup]) -> None:
        """"the latest amendment", "PP disiplin yang lama": among the documents that fit
        equally well, the newest (or the revoked ones) win."""
        latest, old = _LATEST.search(query), _OLD.search(query)
        if not (latest or old):
            return
        top = max(scores, default=0.0)
        tied = [i for i, v in enumerate(scores) if v >= top - self.MARGIN and top >= self.MIN_SCORE]
        if sum(len(groups[i].sources) for i in tied) < 2:
            return
        if latest:
            newest = max(groups[i].year or 0 for i in tied)
            for i in tied:
                scores[i] += 1.0 if (groups[i].year or 0) == newest else 0.0
        elif any(groups[i].revoked for i in tied):
            for i in tied:
                scores[i] += 1.0 if groups[i].revoked else 0.0
