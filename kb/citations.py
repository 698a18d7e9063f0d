"""Citations written in a question: "pasal 5 huruf n PP 94 2021", "UU ASN pasal 9",
"pasal 87 ayat 4 UU 5 tahun 2014". Parsed here, resolved against the index in search."""

from __future__ import annotations

import re
from dataclasses import dataclass

from typing import TYPE_CHECKING

from .glossary import ALIASES
from .instruments import code_of_name, names_pattern

if TYPE_CHECKING:
    from .structure import DocMeta

_DOC = re.compile(
    rf"\b(?P<type>{names_pattern()})"
    r"\.?\s*(?:no\.?|nomor|nr\.?)?\s*(?P<num>\d{1,4})\s*(?:/|\s+tahun\s+|\s+th\.?\s*|\s+|-)\s*(?P<year>(?:19|20)\d{2})\b",
    re.I,
)
_ARTICLE = re.compile(
    r"\bpasal\s+(?P<art>\d{1,3}[a-z]?)\b"
    r"(?:\s+ayat\s*\(?(?P<ayat>\d{1,2}[a-z]?)\)?)?"  # "ayat (2a)": an ayat inserted by an amendment
    r"(?:\s+huruf\s+(?P<huruf>[a-z])\b)?"
    r"(?:\s+angka\s+(?P<angka>\d{1,2}))?",
    re.I,
)


@dataclass
class DocRef:
    type: str | None = None
    number: str | None = None
    year: int | None = None
    title_phrase: str | None = None  # from an alias: "aparatur sipil negara"

    def matches(self, meta: "DocMeta") -> bool:
        """Does an indexed document's metadata fit this reference?"""
        if self.type and meta.type != self.type:
            return False
        if self.number and (meta.number or "").lstrip("0") != self.number.lstrip("0"):
            return False
        if self.year and meta.year != self.year:
            return False
        return not self.title_phrase or self.title_phrase in (meta.title or "").lower()


@dataclass
class CitationRef:
    doc: DocRef | None
    article: str | None
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None


def parse_citation(query: str) -> CitationRef | None:
    """The citation a question names, if any (a document, an article, or both)."""
    doc: DocRef | None = None
    if m := _DOC.search(query):
        doc = DocRef(code_of_name(m["type"]), m["num"], int(m["year"]))
    else:
        low = query.lower()
        for alias, (typ, phrase) in sorted(ALIASES.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", low):
                doc = DocRef(type=typ, title_phrase=phrase)
                break
    art = _ARTICLE.search(query)
    if not doc and not art:
        return None
    return CitationRef(
        doc=doc,
        article=art["art"].upper() if art else None,
        ayat=art["ayat"] if art else None,
        huruf=art["huruf"].lower() if art and art["huruf"] else None,
        angka=art["angka"] if art else None,
    )
