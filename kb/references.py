"""References between articles, read from a clause's text: "Pasal 5 huruf n angka 3 sampai
dengan angka 7", "Pasal 280 ayat (3)", "Pasal 3 sampai dengan Pasal 5", "Pasal 15 PP
42/2004", and how specifically a reference names a provision."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .instruments import codes_pattern
from .structure import article_order

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
_DOC_AFTER = re.compile(rf"^(?:\s*(?:,|dan|atau|jo\.?)?\s*(?:Pasal\s+)?\d{{1,3}}[A-Z]?(?![\w/]))*\s*(?:tentang\s+)?(?P<type>{codes_pattern()})\b\s*(?:(?P<num>\d+)\s*/\s*(?P<year>\d{{4}}))?")
_DOC_BEFORE = re.compile(rf"(?P<type>{codes_pattern()})\s+(?P<num>\d+)\s*/\s*(?P<year>\d{{4}})\s*$")

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


def in_spans(val: str, spans: Spans) -> str | None:
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


def ref_match(ref: Ref, article: str, path: tuple[tuple[str, str], ...]) -> float | None:
    """How specifically a reference names a provision (None: it names something else)."""
    if ref.article_hi:
        lo, hi = article_order(ref.article), article_order(ref.article_hi)
        return 0.4 if lo <= article_order(article) <= hi else None
    if ref.article != article:
        return None
    score = 1.0
    pkinds = {k for k, _ in path}
    for kind, val in path:
        if kind not in ref.parts:
            score -= 0.1  # the reference is more general than the provision
            continue
        how = in_spans(val, ref.parts[kind])
        if how is None:
            return None
        score += 1.0 if how == "exact" else 0.8
    for kind in ref.parts:
        if kind not in pkinds:
            score += 0.2  # more specific than the provision: related, not verified
    return score
