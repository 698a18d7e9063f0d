"""How indexed text is shown on a page: escaped first, then structured and marked.

A passage becomes display lines (PDF line wraps undone, one line per ayat / huruf / angka
item or paragraph, indented by its depth in the list), and the words of the question
are marked in it after escaping. Text from PDFs never reaches a page unescaped.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from ..articles import clause_anchor, parse_units
from ..documents import DocumentInfo
from ..lexical import STOPWORDS, norm, stem
from ..rulings import MONTHS_EN, MONTHS_ID
from ..structure import DocMeta

_WORD = re.compile(r"[A-Za-z0-9]+")


def highlight(text: str, marks: frozenset[str], phrase: re.Pattern[str] | None = None) -> Markup:
    """Escape `text`, then wrap the words whose stem is a query term in <mark>, and whole
    matches of `phrase` (an article a filter asks for: "Pasal 280 ayat (2)") in <mark class="cite">."""
    if phrase is not None:
        out, pos = [], 0
        for m in phrase.finditer(text):
            out.append(str(highlight(text[pos : m.start()], marks)))
            out.append(f'<mark class="cite">{escape(m.group(0))}</mark>')
            pos = m.end()
        out.append(str(highlight(text[pos:], marks)))
        return Markup("".join(out))
    if not marks:
        return Markup(escape(text))
    out: list[str] = []
    pos = 0
    for m in _WORD.finditer(text):
        out.append(str(escape(text[pos : m.start()])))
        w = m.group(0)
        out.append(f"<mark>{escape(w)}</mark>" if _marked(w.lower(), marks) else str(escape(w)))
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def text_lines(
    text: str, marks: frozenset[str] | None = None, anchor: str | None = None, phrase: re.Pattern[str] | None = None
) -> list[dict[str, Any]]:
    """A passage as display lines: PDF line wraps undone, one line per ayat / huruf / angka
    item or paragraph, indented by its depth in the list ("n." then "4."), the "English:"
    gloss of our summaries apart; each line escaped, then its query terms marked. With the
    article's `anchor`, each item gets its own id ("pasal-5--huruf-n-angka-4")."""
    out = []
    seen: set[str] = set()
    for u in parse_units(text):
        depth = max(0, len(u.path) - 1) if u.kind == "item" else 0
        uid = clause_anchor(anchor, u.path) if anchor and u.kind == "item" else None
        if uid in seen:
            uid = None
        seen.add(uid or "")
        out.append({"depth": min(depth, 3), "kind": u.kind, "html": highlight(u.text, marks or frozenset(), phrase), "id": uid})
    return out


def _marked(word: str, marks: frozenset[str]) -> bool:
    if word in STOPWORDS or word.isdigit():
        return False
    t = norm(stem(word)) if len(word) > 3 else word
    if t in marks:
        return True
    return any(t[:n] in marks for n in range(5, len(t)))


def status_badge(meta: DocMeta | DocumentInfo, t: dict[str, str]) -> dict[str, str] | None:
    """The status badge of a document: berlaku / dicabut / diubah, or unknown for a regulation."""
    if meta.kind != "regulation":
        return None
    if meta.status in ("berlaku", "dicabut", "diubah"):
        return {"cls": f"status-{meta.status}", "text": t[f"status_{meta.status}"]}
    return {"cls": "status-unknown", "text": t["status_unknown"]}


# ---------------------------------------------------------------------------- display cleaning

_SPLIT = re.compile(r",?\s*bagian\s+\d+/\d+\b")
_RULING_PART = re.compile(r",\s*bagian\s+(?P<part>[a-z]+)$")
RULING_PARTS = ("perkara", "dakwaan", "fakta", "pertimbangan", "pasal", "amar")
_DESCRIPTIVE = re.compile(r"\s*\(\s*judul\s+deskriptif\s*,\s*bukan\s+judul\s+resmi\s*\)\s*", re.I)


def display_citation(citation: str, t: dict[str, str]) -> str:
    """A passage's citation as a reader names it: our chunk split left out ("PP 94/2021 Pasal
    5 bagian 1/3" -> "PP 94/2021 Pasal 5"; a clause range such as "huruf a-h" stays), and a
    ruling's section in the page's language ("..., bagian dakwaan" -> "..., Charges")."""
    s = _SPLIT.sub("", citation).strip()
    m = _RULING_PART.search(s)
    if m and m["part"] in RULING_PARTS:
        s = s[: m.start()] + ", " + t[f"section_{m['part']}"]
    return s


def our_numbering(point: str | None, summary: bool) -> bool:
    """Is a passage's "Butir 3" our own numbering (a summary of a circular or SKB), not the
    official text's?"""
    return bool(point) and summary


def display_title(title: str | None) -> tuple[str, bool]:
    """A document title, and whether it is a descriptive title of ours: "(judul deskriptif,
    bukan judul resmi)" in the title becomes a flag, not words of the title."""
    if not title:
        return "", False
    clean = _DESCRIPTIVE.sub(" ", title).strip()
    return clean, clean != title.strip()


def display_date(date: str | None, lang: str) -> str:
    """A date as written in the documents ("20 Februari 2019"), with an English month name
    on an English page."""
    if not date or lang != "en":
        return date or ""
    out = date
    for i, name in enumerate(MONTHS_ID):
        out = re.sub(rf"\b{name}\b", MONTHS_EN[i], out, flags=re.I)
    return out


_HEAD_LINE = {
    "perkara": r"DUDUK\s+PERKARA",
    "dakwaan": r"DAKWAAN",
    "fakta": r"FAKTA(?:\s+HUKUM)?",
    "pertimbangan": r"PERTIMBANGAN(?:\s+HUKUM)?",
    "pasal": r"PASAL\s+YANG\s+DITERAPKAN",
    "amar": r"AMAR(?:\s+PUTUSAN)?|M\s?E\s?N\s?G\s?A\s?D\s?I\s?L\s?I",
}
_SUMMARY_HEAD = re.compile(r"^\s*RINGKASAN\s+PUTUSAN\b")


def ruling_section(part: str, text: str, summary: bool) -> tuple[str, str | None]:
    """A ruling section's text as a page shows it under its own heading: the heading the text
    repeats ("DAKWAAN ...") left out; for our summary, the header block before the case
    ("RINGKASAN PUTUSAN ... Catatan: ...", whose facts the page's head shows) left out too,
    its note returned apart, to be shown as ours."""
    note = None
    if part == "perkara" and summary and _SUMMARY_HEAD.match(text):
        m = re.search(rf"^\s*(?:{_HEAD_LINE['perkara']})\s*$", text, re.M)
        head, text = (text[: m.start()], text[m.start() :]) if m else (text, "")
        c = re.search(r"Catatan\s*:\s*(?P<note>.+)", head, re.S)
        note = " ".join(c["note"].split()) if c else None
    rx = _HEAD_LINE.get(part)
    if rx:
        text = re.sub(rf"^\s*(?:{rx})\s*:?\s*(?:\n|$)", "", text, count=1)
    return text.strip(), note


_UNITS = {"hari": ("day", "days"), "bulan": ("month", "months"), "tahun": ("year", "years")}


def display_term(term: str | None, lang: str) -> str:
    """A term of a sentence as written ("2 bulan"), in English on an English page ("2 months")."""
    if not term or lang != "en":
        return term or ""
    n, _, unit = term.partition(" ")
    names = _UNITS.get(unit)
    return f"{n} {names[0] if n == '1' else names[1]}" if names else term
