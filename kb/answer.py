"""The answer card: a short extractive answer built from the best passages (no LLM).

Search finds passages; this module reads their legal wording and says, with a quotation:

* the verdict: the act is prohibited (dilarang, tidak boleh, larangan, a listed
  "pelanggaran"), required (wajib, harus) or allowed (boleh, diperbolehkan, dapat); our
  summaries' "English: ..." gloss lines count too. "unclear" when the evidence is weak;
* the provision, pinned as far as the text allows: an article is read as a tree of ayat
  "(1)", huruf "a." and angka "1." items, so the clause that matches the question is cited
  as "PP 94/2021 Pasal 5 huruf n angka 4", not just "Pasal 5";
* the sanction: other articles (of the same document, or naming it) whose text refers to
  the provision ("... dengan cara yang dilarang Pasal 5 huruf n angka 3 sampai dengan
  angka 7") together with hukuman / sanksi / pidana / diancam; the most specific reference
  wins (an angka in the named range beats a bare "Pasal 5"). When no article refers to it,
  a clause of the same document that states a sanction for the same act is used, marked as
  such.

Everything quoted is indexed text (whitespace normalised, long clauses cut at a word with
"…"). Nothing is invented: when no passage matches the question's key terms, or none
carries rule wording, the card says it found no clear rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .chunk import Chunk
from .citations import parse_citation
from .glossary import GLOSSARY
from .lexical import tokenize

if TYPE_CHECKING:
    from .urls import Links

VERDICTS = ("prohibited", "required", "allowed", "unclear")

DISCLAIMER = {
    "id": "Ini bukan nasihat hukum. Jawaban ini disusun otomatis dari kutipan dokumen yang diindeks; "
    "baca teks yang dikutip (dan naskah resminya) sebelum bertindak.",
    "en": "This is not legal advice. The answer is assembled automatically from quotations of the "
    "indexed documents; read the cited text (and the official text) before acting on it.",
}

# ---------------------------------------------------------------------------- terms

# Words that say nothing about the act asked about: the actor, the modality asked for, and
# English function words the lexical stop list keeps.
_GENERIC_WORDS = """
pns asn pegawai negeri sipil aparatur cpns pppk civil servant servants employee employees official
boleh bolehkah wajib harus larang dilarang larangan dapat allowed allow may must can could should
would will shall prohibited prohibit forbidden permitted permit required require legal illegal ok okay
i me my mine we us our you your they them their he him his she her its s t am im
saya aku kami kita gue gua anda kamu dia mereka
""".split()

_EN_SUFFIXES = (("ies", "y", 4), ("ing", "", 3), ("ed", "", 4), ("es", "", 4), ("s", "", 4))


def _norm(tok: str) -> str:
    """A light English suffix strip on top of the Sastrawi stems, so that "attending" meets
    "attend" (applied to both sides, so Indonesian words are affected the same way)."""
    if len(tok) > 3 and tok.isascii() and tok.isalpha():
        for suf, rep, keep in _EN_SUFFIXES:
            if tok.endswith(suf) and len(tok) - len(suf) >= keep:
                tok = tok[: -len(suf)] + rep
                break
        if tok.endswith("e") and len(tok) > 3:
            tok = tok[:-1]  # "share" / "sharing", "like" / "liking"
    return tok


@lru_cache(maxsize=50_000)
def terms(text: str) -> frozenset[str]:
    """The normalised stems of a text (stop words dropped)."""
    return frozenset(_norm(t) for t in tokenize(text))


@lru_cache(maxsize=50_000)
def _sorted_terms(have: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(have))


def _has(have: frozenset[str], t: str) -> bool:
    """`t` is in the text, or (5 letters or more) begins one of its words: "netral" meets
    "netralitas"."""
    if t in have:
        return True
    if len(t) < 5:
        return False
    st = _sorted_terms(have)
    i = bisect.bisect_left(st, t)
    return i < len(st) and st[i].startswith(t)


def term_list(text: str) -> list[str]:
    out: list[str] = []
    for t in tokenize(text):
        n = _norm(t)
        if n not in out:
            out.append(n)
    return out


GENERIC = frozenset(_norm(t) for w in _GENERIC_WORDS for t in tokenize(w)) | frozenset(_GENERIC_WORDS)
_GLOSS_RX = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in sorted(GLOSSARY, key=len, reverse=True)) + r")(?![\w])")


_CITED = re.compile(
    r"\b(?:penjelasan\s+)?pasal\s+\d{1,3}[a-z]?\b(?:\s+(?:ayat|huruf|angka)\s+\(?[0-9a-z]{1,3}\)?)*"
    r"|\b(?:uu|perppu|perpu|pp|perpres|permen|perbawaslu|pkpu|se|skb|undang[\s-]undang|peraturan\s+pemerintah)\.?\s*"
    r"(?:no\.?|nomor)?\s*\d{1,4}(?:\s*(?:/|tahun|th\.?|-)?\s*(?:19|20)\d{2})?\b"
    r"|\b(?:isi|bunyi|teks|text|content|says?|what\s+does)\b",
    re.I,
)


def query_concepts(query: str) -> list[frozenset[str]]:
    """The question's key terms, each with the words the law may use for it (our glossary):
    "mobil dinas" -> {mobil, kendara, dinas, fasilitas, negara}. The actor (PNS, ASN), the
    modality asked about (boleh, wajib) and a citation written in the question ("pasal 5
    huruf n PP 94 2021", matched on its own) are not key terms."""
    low = _CITED.sub(" ", query.lower())
    cover: dict[str, set[str]] = {}
    for m in _GLOSS_RX.finditer(low):
        exp = {t for t in terms(GLOSSARY[m.group(1)]) if t not in GENERIC}
        for w in terms(m.group(1)):
            cover.setdefault(w, set()).update(exp)
    out = []
    for t in term_list(low):
        if t in GENERIC or t.isdigit():
            continue
        out.append(frozenset({t} | cover.get(t, set())))
    return out


def highlight_terms(query: str) -> frozenset[str]:
    """Every stem worth marking in a passage: key terms and their glossary equivalents."""
    return frozenset().union(*query_concepts(query)) if query_concepts(query) else frozenset()


def coverage(concepts: list[frozenset[str]], have: frozenset[str]) -> tuple[float, int]:
    """Share of the question's key terms a text covers, and how many."""
    if not concepts:
        return 0.0, 0
    hit = sum(1 for c in concepts if any(_has(have, t) for t in c))
    return hit / len(concepts), hit


# ---------------------------------------------------------------------------- rule wording

_CUES: list[tuple[str, str, re.Pattern[str]]] = [
    # (verdict, strength, pattern); checked in this order, the first hit decides
    ("prohibited", "strong", re.compile(
        r"\b(dilarang|tidak\s+boleh|tidak\s+diperbolehkan|tidak\s+dibolehkan|tidak\s+dibenarkan|tidak\s+diizinkan|"
        r"larangan|melarang|terlarang)\b", re.I)),
    ("required", "strong", re.compile(r"\b(wajib|diwajibkan|berkewajiban|harus)\b", re.I)),
    ("allowed", "strong", re.compile(r"\b(boleh|diperbolehkan|dibolehkan|diizinkan|berhak)\b", re.I)),
    ("prohibited", "weak", re.compile(r"\b(pelanggaran)\b", re.I)),  # a listed violation
    ("allowed", "weak", re.compile(r"\b(dapat)\b", re.I)),
]
_CUES_EN: list[tuple[str, str, re.Pattern[str]]] = [
    ("prohibited", "strong", re.compile(
        r"\b(may\s+not|must\s+not|shall\s+not|cannot|can\s+not|not\s+allowed|not\s+permitted|bars?|barred|"
        r"prohibit\w*|forbid\w*|no\s+use\s+of)\b", re.I)),
    ("required", "strong", re.compile(r"\b(must|shall|required|obliged|has\s+to|have\s+to)\b", re.I)),
    ("allowed", "strong", re.compile(r"\b(may|allowed|permitted)\b", re.I)),
    ("prohibited", "weak", re.compile(r"\b(violations?|breach(es)?)\b", re.I)),
]
_SANCTION = re.compile(
    r"\b(hukuman|hukumannya|sanksi|sanksinya|pidana|pidananya|diancam|dijatuhi|dijatuhkan|dikenai|dikenakan|"
    r"denda|penjara|kurungan)\b", re.I)


def rule_cue(text: str, english: bool = False) -> tuple[str, str, str] | None:
    """(verdict, strength, the words) of a clause's rule wording, or None."""
    for verdict, strength, rx in _CUES_EN if english else _CUES:
        if m := rx.search(text):
            return verdict, strength, m.group(0)
    return None


def has_sanction(text: str) -> bool:
    return bool(_SANCTION.search(text))


# ---------------------------------------------------------------------------- article trees

_ITEM = re.compile(r"^\s*(?:\((?P<ayat>\d{1,2}[a-z]?)\)|(?P<huruf>[a-z])\.|(?P<angka>\d{1,3})\.)\s+")
_ENGLISH = re.compile(r"^\s*English\s*:", re.I)
_SUBHEAD = re.compile(r"^(?:Huruf\s+[a-z]|Angka\s+\d{1,3}|Ayat\s+\(\d{1,2}\)|Pasal\s+\d{1,3}[A-Z]?)$")  # a Penjelasan's own headings



def _descend(path: list[tuple[str, str]], m: re.Match[str]) -> list[tuple[str, str]]:
    """The clause path after item marker `m`: an ayat starts afresh; a huruf or angka
    replaces its own level and everything below it, or goes one level deeper."""
    kind = "ayat" if m["ayat"] else ("huruf" if m["huruf"] else "angka")
    val = m["ayat"] or m["huruf"] or m["angka"]
    if kind == "ayat":
        path = []
    elif any(k == kind for k, _ in path):
        path = path[: [k for k, _ in path].index(kind)]
    return [*path, (kind, val)]

def _ends_clause(text: str) -> bool:
    return text.endswith((".", ";", ":")) or bool(_SUBHEAD.match(text))


@dataclass
class Unit:
    """One clause of an article: an ayat, huruf or angka item, or a paragraph."""

    index: int
    text: str  # whitespace-normalised, marker included ("4. hadir sebagai ...")
    path: tuple[tuple[str, str], ...]  # (("huruf", "n"), ("angka", "4"))
    kind: str  # "item" | "para" | "english"
    start: int  # offset in the article text
    parent: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return path_label(self.path)

    @property
    def body(self) -> str:
        """The text without its marker."""
        return _ITEM.sub("", self.text, count=1) if self.kind == "item" else self.text


def path_label(path: tuple[tuple[str, str], ...]) -> str:
    return " ".join(f"ayat ({v})" if k == "ayat" else f"{k} {v}" for k, v in path)


_NEXT = {
    "huruf": lambda v: rf"(?<=\s)(?<!huruf\s)(?<!Huruf\s){v}\.\s+(?=[a-z(])",
    "angka": lambda v: rf"(?<=\s)(?<!angka\s)(?<!Angka\s)(?<!Pasal\s){v}\.\s+(?=[a-z(])",
    "ayat": lambda v: rf"(?<=\s)(?<!ayat\s)(?<!Ayat\s)\({v}\)\s+(?=[A-Z])",
}


_FIRST_CHILD = re.compile(r"(?<=:\s)(?:1|a)\.\s+(?=[a-z(])")


def _successor(kind: str, val: str) -> str | None:
    m = re.fullmatch(r"(\d+)", val)
    if m:
        return str(int(val) + 1)
    if kind == "huruf" and len(val) == 1 and val < "z":
        return chr(ord(val) + 1)
    return None


def split_inline_items(text: str) -> str:
    """OCR often runs the next item onto the same line ("h. meminta ... huruf l; i. memberikan
    dukungan ..."): put a line break before a marker that continues the current numbering
    (the next huruf, angka or ayat, followed by the item's first word). The break replaces
    the space before the marker, so the text keeps its length and offsets stay valid."""
    out = []
    path: list[tuple[str, str]] = []
    for line in text.split("\n"):
        rest = line
        while True:
            m = _ITEM.match(rest)
            if m:
                path = _descend(path, m)
            start = m.end() if m else 0
            best = None
            for kind, val in path:
                nxt = _successor(kind, val)
                hit = re.compile(_NEXT[kind](re.escape(nxt))).search(rest, start) if nxt else None
                if hit and (best is None or hit.start() < best):
                    best = hit.start()
            if hit := _FIRST_CHILD.search(rest, start):  # "..., yaitu: 1. menjadi ..." opens a list
                best = hit.start() if best is None else min(best, hit.start())
            if best is None:
                out.append(rest)
                break
            out.append(rest[: best - 1])
            rest = rest[best:]
    return "\n".join(out)


def parse_units(text: str) -> list[Unit]:
    """Split an article's text into clauses and place each in the ayat/huruf/angka tree.

    A line opening with "(2)", "b." or "3." starts an item; a line after one that ended a
    sentence starts a paragraph; other lines continue the clause before (PDF line wraps).
    Lists nest in whichever order the law uses (PP 94/2021: huruf n angka 4; PP 53/2010:
    angka 12 huruf d): an item of a kind already open closes the deeper levels.
    """
    units: list[Unit] = []
    path: list[tuple[str, str]] = []
    owner: dict[tuple[tuple[str, str], ...], int] = {}
    pos = 0
    for line in split_inline_items(text).split("\n"):
        start = pos
        pos += len(line) + 1
        s = line.strip()
        if not s:
            continue
        m = _ITEM.match(s)
        prev = units[-1] if units else None
        if m:
            path = _descend(path, m)
            u = Unit(len(units), s, tuple(path), "item", start)
        elif _ENGLISH.match(s):
            u = Unit(len(units), s, (), "english", start)
        elif prev is not None and (prev.kind == "english" or not _ends_clause(prev.text)) and not _SUBHEAD.match(s):
            prev.text = f"{prev.text} {s}"
            continue
        else:
            # a paragraph after a list belongs to the enclosing ayat, if any
            path = [p for p in path if p[0] == "ayat"][:1]
            u = Unit(len(units), s, tuple(path), "para", start)
        parent_path = u.path[:-1] if u.kind == "item" else u.path
        if u.kind != "english" and parent_path in owner and owner[parent_path] != u.index:
            u.parent = owner[parent_path]
            units[u.parent].children.append(u.index)
        if u.kind == "item":
            owner[u.path] = u.index
        units.append(u)
    return units


def reflow(text: str) -> str:
    """PDF text with its line wraps undone, for reading on any screen width: lines are
    joined unless the next one opens an item ("(2)", "b.", "3."), an "English:" gloss, or
    the line before ended a sentence. The words are unchanged."""
    out: list[str] = []
    for line in split_inline_items(text).split("\n"):
        s = line.strip()
        if not s:
            continue
        if out and not _ITEM.match(s) and not _ENGLISH.match(s) and not _SUBHEAD.match(s) and not _ends_clause(out[-1]):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return "\n".join(out)


def merge_texts(texts: list[str]) -> tuple[str, list[int]]:
    """Join the chunks of one article back into its text (window splits overlap: the
    overlap is kept once); returns the text and where each chunk starts in it."""
    out, starts = "", []
    for t in texts:
        if not out:
            starts.append(0)
            out = t
            continue
        probe = t[: min(len(t), 80)]
        p = out.rfind(probe)
        while p >= 0 and not t.startswith(out[p:]):
            p = out.rfind(probe, 0, p)
        if p >= 0 and p > 0:
            starts.append(p)
            out = out[:p] + t
        else:
            starts.append(len(out) + 1)
            out = f"{out}\n{t}"
    return out, starts


def group_key(c: Chunk) -> tuple[str, str, str | None, str | None, str | None]:
    """What makes one article (or Butir, or ruling section) out of chunks."""
    return (c.source, c.part, c.article, c.point, c.amendment)


def base_citation(c: Chunk) -> str:
    """The chunk's citation without its split label: "PP 94/2021 Pasal 5"."""
    cit = c.citation
    amend = f" ({c.amendment})" if c.amendment and cit.endswith(f" ({c.amendment})") else ""
    if amend:
        cit = cit[: -len(amend)]
    if c.sub and cit.endswith(" " + c.sub):
        cit = cit[: -len(c.sub) - 1]
    return cit + amend


def pinned_citation(c: Chunk, path: tuple[tuple[str, str], ...]) -> str:
    base = base_citation(c)
    if not path:
        return base
    amend = f" ({c.amendment})" if c.amendment and base.endswith(f" ({c.amendment})") else ""
    core = base[: -len(amend)] if amend else base
    return f"{core} {path_label(path)}{amend}"


@dataclass
class Article:
    """One article (Pasal / Butir, body or Penjelasan) rebuilt from its chunks."""

    key: tuple[str, str, str | None, str | None, str | None]
    chunks: list[Chunk]
    text: str
    starts: list[int]
    units: list[Unit]

    @property
    def first(self) -> Chunk:
        return self.chunks[0]

    @property
    def citation(self) -> str:
        return base_citation(self.first)

    @property
    def lead(self) -> Unit | None:
        return next((u for u in self.units if u.kind != "english"), None)

    @property
    def english(self) -> str | None:
        u = next((u for u in self.units if u.kind == "english"), None)
        return _ENGLISH.sub("", u.text).strip() if u else None

    @property
    def is_sanction(self) -> bool:
        """An article that imposes punishment ("Hukuman Disiplin berat dijatuhkan ...")."""
        lead = self.lead
        return bool(lead and has_sanction(lead.text))

    def chunk_at(self, offset: int) -> Chunk:
        return self.chunks[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def page_of(self, u: Unit) -> int | None:
        c = self.chunk_at(u.start)
        return c.pages[0] if c.pages else None

    def ancestors(self, u: Unit) -> list[Unit]:
        out, p = [], u.parent
        while p is not None:
            out.append(self.units[p])
            p = self.units[p].parent
        return out

    def modality(self, u: Unit) -> tuple[str, str, str, int] | None:
        """The rule wording that governs a clause: its own, else its list's lead-in, else
        the article's opening paragraph ("Berisi larangan bagi PNS ...") unless the clause
        is an ayat (an ayat is a norm of its own); (verdict, strength, words, unit index)."""
        for v in [u, *self.ancestors(u)]:
            if cue := rule_cue(v.text):
                return (*cue, v.index)
        lead = self.lead
        in_ayat = any(k == "ayat" for k, _ in u.path)
        if lead is not None and lead.kind == "para" and lead.index != u.index and not in_ayat and (cue := rule_cue(lead.text)):
            return (*cue, lead.index)
        return None

    @property
    def is_definitions(self) -> bool:
        """The Ketentuan Umum's definitions (Pasal 1): meanings, not rules."""
        c = self.first
        return c.article == "1" and "ketentuan umum" in c.heading.lower()


# ---------------------------------------------------------------------------- references

_X = r"\(?(?:\d{1,3}|[a-z])\)?(?![\w])"  # an ayat "(3)", huruf "n" or angka "4"
_CONN = r"(?:\s*,\s*(?:dan\s+|atau\s+)?|\s+(?:dan|atau|sampai\s+dengan|s\.\s?d\.?|hingga)\s+|\s*-\s*)"
_KIND = r"(?:ayat|huruf|angka)\s+"
_REF = re.compile(
    r"(?<![A-Za-z])(?P<pre>Penjelasan\s+)?Pasal\s+(?P<art>\d{1,3}[A-Z]?)(?![\w])"
    rf"(?P<rest>(?:\s*,?\s*{_KIND}{_X}(?:{_CONN}(?:{_KIND})?{_X})*)*)"
    r"(?P<range>\s+sampai\s+dengan\s+Pasal\s+(?P<art2>\d{1,3}[A-Z]?))?",
)
_REF_TOKEN = re.compile(
    r"\s*(?:(?P<conn>,\s*(?:dan|atau)?|dan|atau|sampai\s+dengan|s\.\s?d\.?|hingga|-)\s*)?"
    rf"(?P<kind>{_KIND})?\(?(?P<v>\d{{1,3}}|[a-z])\)?(?![\w])"
)
_DOC_AFTER = re.compile(r"^(?:\s*(?:,|dan|atau|jo\.?)?\s*(?:Pasal\s+)?\d{1,3}[A-Z]?(?![\w/]))*\s*(?:tentang\s+)?(?P<type>UU|PERPPU|PP|Perpres|Permen|Perbawaslu|PKPU|SE|SKB|KUHP|Perma)\b\s*(?:(?P<num>\d+)\s*/\s*(?P<year>\d{4}))?")
_DOC_BEFORE = re.compile(r"(?P<type>UU|PERPPU|PP|Perpres|Permen|Perbawaslu|PKPU|SE|SKB)\s+(?P<num>\d+)\s*/\s*(?P<year>\d{4})\s*$")

Spans = list[tuple[str, str]]  # (lo, hi) intervals: "angka 3, angka 4 dan angka 6" -> [(3, 3), (4, 4), (6, 6)]


@dataclass
class Ref:
    doc: str | None  # the short name of the document referred to; None = the same document
    article: str
    article_hi: str | None  # "Pasal 3 sampai dengan Pasal 5"
    parts: dict[str, Spans]  # kind -> the values named: "angka 3 sampai dengan angka 7" -> {"angka": [("3", "7")]}
    start: int
    end: int


def _ord(v: str) -> int:
    return int(v) if v.isdigit() else ord(v[0]) - ord("a") + 1


def _value(n: int, like: str) -> str:
    return str(n) if like.isdigit() else chr(ord("a") + n - 1)


def span_values(spans: Spans) -> list[str]:
    """Every value the spans name, in order: [("3", "5"), ("7", "7")] -> 3, 4, 5, 7."""
    return [_value(n, lo) for lo, hi in spans for n in range(_ord(lo), _ord(hi) + 1)]


def _in_spans(val: str, spans: Spans) -> str | None:
    """"exact" when a span names just `val`, "range" when `val` falls inside a wider one."""
    for lo, hi in spans:
        if lo == hi == val:
            return "exact"
        if lo != hi and _ord(lo) <= _ord(val) <= _ord(hi):
            return "range"
    return None


def _parse_parts(rest: str) -> dict[str, Spans]:
    parts: dict[str, Spans] = {}
    kind: str | None = None
    pos = 0
    while m := _REF_TOKEN.match(rest, pos):
        if m.end() == pos:
            break
        k = m["kind"].strip() if m["kind"] else (kind if m["conn"] else None)
        v = m["v"]
        if k is None or (k == "huruf") != v.isalpha():
            break
        conn = (m["conn"] or "").strip()
        if k == kind and parts.get(k) and re.match(r"sampai|s\.|hingga|-", conn):
            parts[k][-1] = (parts[k][-1][0], v)  # "angka 3 sampai dengan angka 7"
        else:
            parts.setdefault(k, []).append((v, v))
        kind, pos = k, m.end()
    return parts


def find_refs(text: str) -> list[Ref]:
    """References to articles in a clause: "Pasal 5 huruf n angka 3 sampai dengan angka 7",
    "Pasal 5 huruf n angka 3, angka 4, dan angka 7", "Pasal 280 ayat (3)", "Pasal 3 sampai
    dengan Pasal 5", "Pasal 15 PP 42/2004", "PP 94/2021 Pasal 14"."""
    out = []
    for m in _REF.finditer(text):
        if m["pre"]:
            continue  # "Penjelasan Pasal 5 ..." refers to the elucidation
        parts = _parse_parts(m["rest"] or "")
        doc = None
        if a := _DOC_AFTER.match(text[m.end() : m.end() + 40]):
            doc = f"{a['type']} {a['num']}/{a['year']}" if a["num"] else a["type"]
        elif b := _DOC_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            doc = f"{b['type']} {b['num']}/{b['year']}"
        out.append(Ref(doc, m["art"], m["art2"], parts, m.start(), m.end()))
    return out


def _article_cmp(a: str) -> tuple[int, str]:
    m = re.match(r"(\d+)([A-Z]?)", a)
    return (int(m.group(1)), m.group(2)) if m else (0, a)


def ref_match(ref: Ref, article: str, path: tuple[tuple[str, str], ...]) -> float | None:
    """How specifically a reference names a provision (None: it names something else)."""
    if ref.article_hi:
        lo, hi = _article_cmp(ref.article), _article_cmp(ref.article_hi)
        return 0.4 if lo <= _article_cmp(article) <= hi else None
    if ref.article != article:
        return None
    score = 1.0
    pkinds = {k for k, _ in path}
    for kind, val in path:
        if kind not in ref.parts:
            score -= 0.1  # the reference is more general than the provision
            continue
        how = _in_spans(val, ref.parts[kind])
        if how is None:
            return None
        score += 1.0 if how == "exact" else 0.8
    for kind in ref.parts:
        if kind not in pkinds:
            score += 0.2  # more specific than the provision: related, not verified
    return score


# ---------------------------------------------------------------------------- the card


@dataclass
class Clause:
    """A quoted clause with its exact citation."""

    citation: str
    text: str
    source: str
    page: int | None
    article: str | None
    part: str
    anchor: str | None  # the document view's fragment for the article: "pasal-5"
    link: str | None = None  # for sanctions: "reference" | "same-article" | "topic"
    clause_anchor: str | None = None  # ... and for the clause itself: "pasal-5--huruf-n-angka-4"

    def to_json(self, links: Links | None = None) -> dict[str, Any]:
        """The clause; with `links`, its addresses in the document view and the PDF too."""
        return {
            "citation": self.citation,
            "text": self.text,
            "source": self.source,
            "page": self.page,
            "article": self.article,
            "part": self.part,
            "anchor": self.anchor,
            "clause_anchor": self.clause_anchor,
            **({"link": self.link} if self.link else {}),
            **(links.clause(self) if links else {}),
        }


@dataclass
class Answer:
    query: str
    verdict: str  # prohibited | required | allowed | unclear
    provision: Clause | None
    sanctions: list[Clause]
    passages: list[Any]  # kb.search.Result
    weak: bool
    reasons: list[str] = field(default_factory=list)  # why the evidence is weak
    cue: str | None = None  # the words that decided the verdict ("tidak boleh")
    strength: str | None = None  # "strong" (dilarang, wajib) or "weak" (a listed pelanggaran; dapat)
    gloss: str | None = None  # the provision article's English gloss (our summaries)
    coverage: float = 0.0

    def summary(self, lang: str = "id") -> str:
        """One plain sentence: what the card says."""
        en = lang == "en"
        if self.verdict == "unclear" or not self.provision:
            return (
                "No clear rule was found for this question in the indexed documents. Read the passages below, "
                "or ask your agency's legal or personnel staff."
                if en
                else "Tidak ditemukan aturan yang jelas untuk pertanyaan ini dalam dokumen yang diindeks. "
                "Baca kutipan di bawah, atau tanyakan kepada bagian hukum atau kepegawaian instansi Anda."
            )
        word = {
            "prohibited": ("Prohibited", "Dilarang"),
            "required": ("Required", "Wajib"),
            "allowed": ("Allowed", "Diperbolehkan"),
        }[self.verdict]
        s = f"{word[0]} under {self.provision.citation}." if en else f"{word[1]} menurut {self.provision.citation}."
        if self.sanctions:
            cits = ", ".join(x.citation for x in self.sanctions)
            s += f" Sanction: {cits}." if en else f" Sanksi: {cits}."
        return s

    def to_json(self, links: Links | None = None) -> dict[str, Any]:
        """The card; with `links`, each clause carries its `doc_url` and `pdf_url`."""
        return {
            "query": self.query,
            "verdict": self.verdict,
            "weak": self.weak,
            "reasons": self.reasons,
            "cue": self.cue,
            "strength": self.strength,
            "coverage": self.coverage,
            "summary": {"id": self.summary("id"), "en": self.summary("en")},
            "provision": self.provision.to_json(links) if self.provision else None,
            "gloss": self.gloss,
            "sanctions": [s.to_json(links) for s in self.sanctions],
            "passages": [r.rank for r in self.passages],
            "disclaimer": DISCLAIMER,
        }


def clause_anchor(article_anchor: str | None, path: tuple[tuple[str, str], ...]) -> str | None:
    """The document view's fragment for one clause: "pasal-5--huruf-n-angka-4"."""
    if not article_anchor or not path:
        return article_anchor
    return article_anchor + "--" + "-".join(f"{k}-{v.lower()}" for k, v in path)


def anchor_for(c: Chunk) -> str | None:
    """The document view's fragment for a chunk's article: "pasal-5", "butir-2", "bagian-amar"."""
    if c.kind == "ruling":
        return f"bagian-{c.part}"
    if c.article:
        a = f"pasal-{c.article.lower()}"
    elif c.point:
        a = re.sub(r"[^a-z0-9]+", "-", c.point.lower()).strip("-")
    else:
        a = "penjelasan-umum" if c.part == "penjelasan" else None
        return a
    if c.amendment:
        a += "-" + re.sub(r"[^a-z0-9]+", "-", c.amendment.lower()).strip("-")
    return f"penjelasan-{a}" if c.part == "penjelasan" else a


_CLAUSE_END = re.compile(r";(?:\s*(?:dan/atau|dan|atau))?(?=\s|$)")


def trim_noise(text: str) -> str:
    """An item ends at its ";" (with a trailing "dan" / "atau"): what OCR left after it on
    the same line, when it is mostly not words (",1, ),16 l(lh-5(., ^r,"), is dropped."""
    m = _CLAUSE_END.search(text)
    if not m:
        return text
    tail = text[m.end() :].split()
    words = [w for w in tail if re.fullmatch(r"\(?[A-Za-z][a-z/-]{2,}[,.;:)]?", w)]
    return text[: m.end()] if tail and len(words) < 0.5 * len(tail) else text


def quote(text: str, limit: int = 320) -> str:
    """A clause as quoted: whitespace normalised, cut at a word with an ellipsis."""
    t = " ".join(text.split())
    if len(t) <= limit:
        return t
    cut = t.rfind(" ", 0, limit)
    return t[: cut if cut > limit // 2 else limit].rstrip(",;:") + " …"


def first_sentence(text: str, limit: int = 220) -> str:
    t = " ".join(text.split())
    m = re.search(r"(?<=[.;:])\s", t)
    return quote(t[: m.start()] if m else t, limit)



_ASKED = [
    ("required", re.compile(r"\b(wajib|harus|diwajibkan|must|required|obliged|have\s+to|has\s+to)\b", re.I)),
    ("prohibited", re.compile(r"\b(dilarang|larangan|terlarang|prohibited|forbidden|banned|not\s+allowed)\b", re.I)),
]
_BARE_AYAT = re.compile(
    r"(?<![\w)])ayat\s+\((?P<lo>\d{1,2})\)(?:\s+(?P<conj>sampai\s+dengan|s\.\s?d\.?|hingga|dan|atau|-)\s+ayat\s+\((?P<hi>\d{1,2})\))?", re.I
)


@dataclass
class _Candidate:
    score: float
    coverage: float
    article: Article
    unit: Unit
    verdict: str
    strength: str
    cue: str


@dataclass
class _Punisher:
    """A clause that punishes (or belongs to a punishing article) and refers to an article."""

    article: Article
    unit: Unit
    ref: Ref
    target: str  # short name of the document referred to


class Answerer:
    """Builds answer cards over one index (a Searcher's chunks and documents). Articles are
    rebuilt from their chunks on first use and cached, so later answers are fast."""

    TOP_PASSAGES = 5  # regulation passages read for the provision
    MIN_COVERAGE = 0.34  # share of the question's key terms the provision must cover
    MIN_SCORE = 0.3  # fused search score of the best regulation passage
    MAX_SANCTIONS = 3
    SANCTION_WINDOW = 0.6  # sanctions within this much of the best match are shown too

    def __init__(self, searcher: Any):  # kb.search.Searcher, or anything with .chunks and .index.docs
        self.searcher = searcher
        self.chunks: list[Chunk] = searcher.chunks
        self.docs = searcher.index.docs
        self._groups: dict[tuple, list[int]] = {}
        self._by_source: dict[str, list[tuple]] = {}
        for i, c in enumerate(self.chunks):
            k = group_key(c)
            if k not in self._groups:
                self._groups[k] = []
                self._by_source.setdefault(c.source, []).append(k)
            self._groups[k].append(i)
        self._by_article: dict[tuple[str, str], list[tuple]] = {}
        for k in self._groups:
            if k[2]:
                self._by_article.setdefault((k[0], k[2]), []).append(k)
        self._by_short: dict[str, list[str]] = {}
        for src, d in self.docs.items():
            self._by_short.setdefault(d.meta.short, []).append(src)
        self._articles: dict[tuple, Article] = {}
        self._punishers: dict[str, list[_Punisher]] | None = None

    # ------------------------------------------------------------------ articles

    def article(self, key: tuple) -> Article:
        art = self._articles.get(key)
        if art is None:
            chunks = [self.chunks[i] for i in self._groups[key]]
            text, starts = merge_texts([c.text for c in chunks])
            art = Article(key, chunks, text, starts, parse_units(text))
            self._articles[key] = art
        return art

    def articles_of(self, source: str) -> list[Article]:
        return [self.article(k) for k in self._by_source.get(source, [])]

    def article_of(self, c: Chunk) -> Article:
        return self.article(group_key(c))

    def _short(self, source: str) -> str:
        return self.docs[source].meta.short

    def _aliases(self, source: str) -> dict[str, float]:
        """Names under which a document's articles are referred to, with a small cost for
        the indirect ones: its own, and the laws it amends (an amended article keeps its
        number: UU 10/2016 rewrites Pasal 71 of UU 1/2015)."""
        short = self._short(source)
        out = {short: 0.0}
        for d in self.docs.values():
            if f"diubah oleh {short}" in d.meta.relations:
                out.setdefault(d.meta.short, -0.2)
        for rel in self.docs[source].meta.relations:
            if rel.startswith("mengubah "):
                out.setdefault(rel[len("mengubah ") :].strip(), -0.2)
        return out

    def _clause(self, art: Article, units: list[Unit], path: tuple, link: str | None = None, limit: int = 400) -> Clause:
        c = art.first
        return Clause(
            citation=pinned_citation(c, path),
            text="\n… ".join(quote(trim_noise(u.text) if u.kind == "item" else u.text, limit) for u in units),
            source=c.source,
            page=art.page_of(units[0]),
            article=c.article,
            part=c.part,
            anchor=anchor_for(c),
            link=link,
            clause_anchor=clause_anchor(anchor_for(c), path),
        )

    # ------------------------------------------------------------------ provision

    def _cited(self, query: str) -> tuple[set[str], str | None, dict[str, str]]:
        """Documents, article and ayat/huruf/angka a question names."""
        cit = parse_citation(query)
        if not cit or not cit.article:
            return set(), None, {}
        docs = {src for src, d in self.docs.items() if cit.doc.matches(d.meta)} if cit.doc else set()
        wanted = {k: v.lower() for k, v in (("ayat", cit.ayat), ("huruf", cit.huruf), ("angka", cit.angka)) if v}
        return docs, cit.article, wanted

    def _resolve(self, source: str, ref: Ref) -> list[tuple[Article, Unit]]:
        """The clauses of a document's body a reference names ("Pasal 5 huruf n angka 3
        sampai dengan angka 7": five of them); the article's opening for a bare "Pasal 5"."""
        out = []
        for k in self._by_article.get((source, ref.article), []):
            if k[1] != "body":
                continue
            art = self.article(k)
            if not ref.parts:
                if art.lead is not None:
                    out.append((art, art.lead))
                continue
            for u in art.units:
                if u.kind != "item" or len(u.path) != len(ref.parts):
                    continue
                have = dict(u.path)
                if all(kind in have and _in_spans(have[kind], spans) for kind, spans in ref.parts.items()):
                    out.append((art, u))
        return out

    def _candidates(self, query: str, results: list[Any], concepts: list[frozenset[str]]) -> list[_Candidate]:
        cited_docs, cited_article, wanted = self._cited(query)
        asked = next((v for v, rx in _ASKED if rx.search(query)), None)
        regs = [r for r in results if r.chunk.kind == "regulation"][: self.TOP_PASSAGES]
        best: dict[tuple[tuple, int], _Candidate] = {}
        seen: set[tuple] = set()
        for r in regs:
            key = group_key(r.chunk)
            if key in seen:
                continue
            seen.add(key)
            art = self.article(key)
            targets: list[tuple[Article, Unit, float]] = []
            if art.is_sanction or r.chunk.part == "penjelasan":
                # a punishing article, or an elucidation, points at the rule: follow it there
                for u in art.units:
                    if u.kind == "english" or coverage(concepts, terms(u.text))[1] == 0:
                        continue
                    for ref in find_refs(u.text):
                        if ref.article_hi or (ref.doc and ref.doc != self._short(art.first.source)):
                            continue
                        targets.extend((a, t, -0.05) for a, t in self._resolve(art.first.source, ref))
                if r.chunk.part == "penjelasan":
                    for k in self._by_article.get((art.first.source, art.first.article or ""), []):
                        if k[1] == "body":
                            body = self.article(k)
                            targets.extend((body, u, -0.05) for u in body.units)
            else:
                targets = [(art, u, 0.0) for u in art.units]
            for a, u, bonus in targets:
                if u.kind == "english" or u.body.lower().startswith("penjelasan") or a.is_definitions:
                    continue
                mod = a.modality(u)
                if not mod:
                    continue
                verdict, strength, cue, _where = mod
                own = terms(u.text)
                ctx = frozenset().union(*(terms(x.text) for x in a.ancestors(u))) if u.parent is not None else frozenset()
                cov_own, n_own = coverage(concepts, own)
                cov_all, _ = coverage(concepts, own | ctx)
                gloss = a.english
                gloss_cov = coverage(concepts, terms(gloss))[0] if gloss else 0.0
                cov = max(cov_own, 0.5 * (cov_all + cov_own), 0.9 * gloss_cov)
                is_cited = bool(cited_article) and a.first.article == cited_article and (not cited_docs or a.first.source in cited_docs)
                if is_cited:
                    have = dict(u.path)
                    pinned = bool(wanted) and all(have.get(k) == v for k, v in wanted.items()) and len(u.path) == len(wanted)
                    cov = max(cov, 1.0 if pinned else 0.7 if not wanted else 0.0)
                if not is_cited and n_own == 0 and gloss_cov == 0:
                    continue
                if verdict == "allowed" and strength == "weak" and cov < 0.5:
                    continue  # "dapat" is everywhere in legal text: only a close match counts
                score = cov + 0.2 * cov_own + 0.15 * float(r.score) - 0.02 * r.rank + bonus
                score += 0.05 if u.kind == "item" else 0.0
                score += 0.05 if strength == "strong" else -0.1
                score += 0.1 if asked == verdict else 0.0
                score -= 0.15 if self.docs[a.first.source].meta.status == "dicabut" else 0.0
                score -= 0.1 if u.text.endswith(":") and u.children else 0.0  # a lead-in: its items say what
                cand = _Candidate(score, cov, a, u, verdict, strength, cue)
                k2 = (a.key, u.index)
                if k2 not in best or best[k2].score < score:
                    best[k2] = cand
        return sorted(best.values(), key=lambda c: -c.score)

    # ------------------------------------------------------------------ sanctions

    def warm(self) -> None:
        """Read every article once and index the sanction references (start-up, not the first request)."""
        self.punishers()

    def punishers(self) -> dict[str, list[_Punisher]]:
        """Every clause of a punishing context that refers to an article, by the document
        referred to (read once over the whole index)."""
        if self._punishers is None:
            index: dict[str, list[_Punisher]] = {}
            for src in self.docs:
                own = self._short(src)
                for art in self.articles_of(src):
                    if art.first.part != "body" or art.first.kind != "regulation":
                        continue
                    for u in art.units:
                        if u.kind == "english":
                            continue
                        if not (art.is_sanction or has_sanction(u.text) or any(has_sanction(x.text) for x in art.ancestors(u))):
                            continue
                        for ref in find_refs(u.text):
                            target = ref.doc or own
                            index.setdefault(target, []).append(_Punisher(art, u, ref, target))
            self._punishers = index
        return self._punishers

    def sanctions_for(self, art: Article, unit: Unit) -> list[Clause]:
        """What punishes the provision, most specific first: articles that refer to it with
        a sanction, then what its own article says the sanction is, then (marked) a clause of
        the same document that states a sanction for the same act."""
        source = art.first.source
        article = art.first.article
        found: list[tuple[float, Clause]] = []
        if article:
            for alias, cost in self._aliases(source).items():
                for p in self.punishers().get(alias, []):
                    if p.article.key == art.key:
                        continue
                    s = ref_match(p.ref, article, unit.path)
                    if s is None:
                        continue
                    s += cost
                    s += 0.5 if p.article.is_sanction else 0.0
                    s += 0.5 if p.unit.kind == "item" else 0.0
                    s += 0.2 if has_sanction(p.unit.text) else 0.0
                    s += 0.3 if p.article.first.source == source else 0.0
                    found.append((s, self._sanction_clause(p.article, p.unit, p.ref, unit)))
        found.extend(self._own_article_sanctions(art, unit))
        found.sort(key=lambda x: -x[0])
        out: list[Clause] = []
        if found:
            top = found[0][0]
            for s, cl in found:
                if s < top - self.SANCTION_WINDOW or any(o.citation == cl.citation for o in out):
                    continue
                out.append(cl)
                if len(out) >= self.MAX_SANCTIONS:
                    break
            return out
        return self._sanction_fallback(art, unit)

    def _own_article_sanctions(self, art: Article, unit: Unit) -> list[tuple[float, Clause]]:
        """The provision's own article names its sanction: "Petahana yang melanggar ayat (2)
        atau ayat (3) dikenai sanksi ..." (same article), "Bagi kepala desa, ancaman
        pidananya terdapat dalam Pasal 490" (another article, followed there)."""
        out: list[tuple[float, Clause]] = []
        my_ayat = dict(unit.path).get("ayat")
        own_short = self._short(art.first.source)
        for u in art.units:
            if u.kind == "english" or u is unit or not has_sanction(u.text):
                continue
            if my_ayat:
                for m in _BARE_AYAT.finditer(u.text):
                    lo, hi = int(m["lo"]), int(m["hi"] or m["lo"])
                    if lo <= int(re.sub(r"\D", "", my_ayat) or 0) <= hi:
                        out.append((2.5, self._clause(art, [u], u.path, "reference")))
                        break
            for ref in find_refs(u.text):
                if ref.article_hi:
                    continue
                target = ref.doc or own_short
                for src in self._by_short.get(target, []):
                    for a, t in self._resolve(src, ref)[:1]:
                        if a.key == art.key:
                            continue
                        units = [t] if t.kind != "item" or not a.lead or a.lead is t else [a.lead, t]
                        cl = self._clause(a, units, t.path if ref.parts else (), "reference", limit=260)
                        direct = u in art.ancestors(unit) or (u.parent == unit.parent and not u.path)
                        out.append((1.5 + (0.3 if direct else 0.0), cl))
        return out

    def _sanction_clause(self, art: Article, u: Unit, ref: Ref, provision: Unit) -> Clause:
        path = u.path
        units = [u]
        lead = art.lead
        if lead is not None and lead.index != u.index and has_sanction(lead.text) and not has_sanction(u.text):
            units = [lead, u]
        # "Pasal 5 huruf n angka 3 sampai dengan angka 7, yaitu: 1. ... 5. ...": the list
        # under the sanction item repeats the range in order; pin the provision's place in it
        last = provision.path[-1] if provision.path else None
        if last and last[0] in ref.parts and u.children:
            named = span_values(ref.parts[last[0]])
            kids = [art.units[i] for i in u.children if art.units[i].kind == "item"]
            if len(named) > 1 and len(kids) == len(named) and last[1] in named:
                kid = kids[named.index(last[1])]
                mine = terms(provision.body)
                if len(terms(kid.body) & mine) / max(1, len(mine)) >= 0.4:  # and it says the same
                    path = kid.path
                    units = [*units, kid]
        if lead is not None and units[0] is lead:
            text = "\n… ".join([first_sentence(lead.text), *(quote(trim_noise(x.text), 400) for x in units[1:])])
        else:
            text = "\n… ".join(quote(trim_noise(x.text) if x.kind == "item" else x.text, 400) for x in units)
        c = art.first
        return Clause(
            pinned_citation(c, path), text, c.source, art.page_of(u), c.article, c.part, anchor_for(c), "reference",
            clause_anchor(anchor_for(c), path),
        )

    def _sanction_fallback(self, art: Article, unit: Unit) -> list[Clause]:
        """No reference found: a clause of the same document that states a sanction for the
        same act (shares at least 30% of the provision's words), marked "topic"."""
        mine = terms(unit.body) - GENERIC
        best: tuple[float, Article, Unit] | None = None
        for other in self.articles_of(art.first.source):
            if other.first.part != "body":
                continue
            for u in other.units:
                if u.kind == "english" or u is unit or not has_sanction(u.text):
                    continue
                shared = len(terms(u.text) & mine) / max(1, len(mine))
                if shared >= 0.3 and (best is None or shared > best[0]):
                    best = (shared, other, u)
        if best:
            _, other, u = best
            return [self._clause(other, [u], u.path, "same-article" if other.key == art.key else "topic")]
        return []

    # ------------------------------------------------------------------ entry point

    def answer(self, query: str, results: list[Any]) -> Answer:
        """The answer card for a question and the passages search returned for it."""
        concepts = query_concepts(query)
        reasons: list[str] = []
        regs = [r for r in results if r.chunk.kind == "regulation"]
        if not results:
            reasons.append("no_results")
        elif not regs:
            reasons.append("no_regulation")
        elif max(float(r.score) for r in regs) < self.MIN_SCORE:
            reasons.append("low_score")
        if not concepts and not parse_citation(query):
            reasons.append("no_key_terms")
        cands = self._candidates(query, results, concepts) if not reasons else []
        best = cands[0] if cands else None
        if not reasons and best is None:
            reasons.append("no_rule_wording")
        if best is not None and best.coverage < self.MIN_COVERAGE:
            reasons.append("key_terms_not_found")
        if reasons or best is None:
            return Answer(query, "unclear", None, [], list(results), True, reasons)
        art, u = best.article, best.unit
        return Answer(
            query=query,
            verdict=best.verdict,
            provision=self._clause(art, [u], u.path),
            sanctions=self.sanctions_for(art, u) if best.verdict == "prohibited" else [],
            passages=list(results),
            weak=False,
            cue=best.cue,
            strength=best.strength,
            gloss=art.english if self.docs[art.first.source].meta.summary else None,
            coverage=round(best.coverage, 3),
        )


def build_answer(query: str, results: list[Any], searcher: Any) -> Answer:
    """One-off convenience: `Answerer(searcher).answer(query, results)`. A server keeps one
    Answerer per index, whose article cache makes later answers fast."""
    return Answerer(searcher).answer(query, results)
