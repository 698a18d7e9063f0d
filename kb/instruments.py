"""The kinds of legal instrument Netral knows, in one table.

Each kind has the code citations use ("PP 94/2021"), the name its first page carries
("PERATURAN PEMERINTAH", read by kb.structure), how our corpus files are named
("pp-94-2021.pdf"), and the words a question or a law's text uses for it ("peraturan
pemerintah", "pp"). Every module that recognises an instrument reads this table:

    structure   the type of a document, from its first page or its file name
    citations   the instrument a question names ("pasal 5 PP 94 2021")
    lexical     a citation written in a question is not a key term
    references  the instrument a law's article refers to ("Pasal 15 PP 42/2004")
    relations   the instrument a law revokes or amends ("Peraturan Pemerintah Nomor 53 Tahun 2010")
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    code: str
    """How citations name it: "PP"."""
    heading: str | None = None
    """Its name as a first page prints it (a regex, upper case); None: not recognised as a document."""
    file_prefix: str | None = None
    """How a corpus file of it is named: "pp" (pp-94-2021.pdf)."""
    names: tuple[str, ...] = ()
    """How a question writes it, lower case: "pp", "peraturan pemerintah" ("-" or a space between words)."""
    cited_by_code: bool = True
    """Laws refer to it by its code: "Pasal 15 PP 42/2004", "Pasal 55 KUHP"."""
    statute: bool = False
    """Named in full by the laws that revoke or amend it: "Peraturan Pemerintah Nomor 53 Tahun 2010"."""


# In the order a first page is matched: a longer name before the shorter one it contains.
INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument("PERPPU", r"PERATURAN\s+PEMERINTAH\s+PENGGANTI\s+UNDANG[\s-]*UNDANG", "perppu", ("perppu", "perpu"), statute=True),
    Instrument("UU", r"UNDANG[\s-]*UNDANG", "uu", ("uu", "undang-undang"), statute=True),
    Instrument("PP", r"PERATURAN\s+PEMERINTAH", "pp", ("pp", "peraturan pemerintah"), statute=True),
    Instrument("Perpres", r"PERATURAN\s+PRESIDEN", "perpres", ("perpres", "peraturan presiden"), statute=True),
    Instrument("Perbawaslu", r"PERATURAN\s+BADAN\s+PENGAWAS\s+PEMILIHAN\s+UMUM", "perbawaslu", ("perbawaslu",)),
    Instrument("PKPU", r"PERATURAN\s+KOMISI\s+PEMILIHAN\s+UMUM", "pkpu", ("pkpu",)),
    Instrument("Permen", r"PERATURAN\s+MENTERI(?:\s+[A-Z][A-Z,.-]*){0,12}?", "permen", ("permen",)),
    Instrument("Perda", r"PERATURAN\s+DAERAH(?:\s+[A-Z][A-Z,.-]*){0,6}?", cited_by_code=False),
    Instrument("SE", r"SURAT\s+EDARAN(?:\s+[A-Z][A-Z,./-]*){0,12}?", "se", ("se", "surat edaran")),
    Instrument("SKB", r"KEPUTUSAN\s+BERSAMA(?:\s+[A-Z][A-Z,./-]*){0,30}?", "skb", ("skb", "keputusan bersama")),
    Instrument("Keputusan", r"KEPUTUSAN(?:\s+[A-Z][A-Z,./-]*){0,12}?", cited_by_code=False),
    Instrument("KUHP"),  # the criminal code: "Pasal 55 KUHP"
    Instrument("Perma"),  # a Supreme Court regulation
)


def headings() -> list[tuple[str, str]]:
    """(first-page name pattern, code), in the order to try them."""
    return [(i.heading, i.code) for i in INSTRUMENTS if i.heading]


def heading_code(matched: str) -> str:
    """The code of a name a first page printed ("PERATURAN PEMERINTAH" -> "PP")."""
    for pattern, code in headings():
        if re.match(pattern, matched):
            return code
    return matched


def file_codes() -> dict[str, str]:
    """File-name prefix -> code: {"pp": "PP", "perppu": "PERPPU", ...}."""
    return {i.file_prefix: i.code for i in INSTRUMENTS if i.file_prefix}


def _name_key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.lower().strip())


def name_codes() -> dict[str, str]:
    """A question's name for an instrument (spaces normalised: "undang undang") -> its code."""
    return {_name_key(n): i.code for i in INSTRUMENTS for n in i.names}


def code_of_name(name: str) -> str:
    """The code of a name `names_pattern()` matched: "Peraturan  Pemerintah" -> "PP"."""
    return name_codes()[_name_key(name)]


def names_pattern() -> str:
    """A regex alternation of every name a question may use, multi-word names first:
    "undang[\\s-]undang|peraturan\\s+pemerintah|...|pp|se|skb" (no group; match it with re.I)."""
    names = [n for i in INSTRUMENTS for n in i.names]
    long = [n for n in names if " " in n or "-" in n]
    short = [n for n in names if n not in long]
    return "|".join(n.replace("-", r"[\s-]").replace(" ", r"\s+") for n in long + short)


def codes_pattern() -> str:
    """A regex alternation of the codes laws cite instruments by: "PERPPU|UU|PP|...|KUHP|Perma"."""
    return "|".join(re.escape(i.code) for i in INSTRUMENTS if i.cited_by_code)


def statutes() -> list[tuple[str, str]]:
    """(full-name pattern, code) of the instruments laws revoke and amend by name (match with re.I)."""
    return [(i.heading, i.code) for i in INSTRUMENTS if i.statute and i.heading]
