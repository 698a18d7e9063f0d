"""The reviewed rule base (`corpus/rules/*.toml`): typed rules, read and validated.

A rule is one reviewed statement of the law (schema: `corpus/rules/README.md`): who it
binds, the act, the situations it covers in both languages, the verdict, the provisions
it rests on, the sanction, who enforces it and where to report. The answer card takes its
verdict only from these rules (`kb.rulematch`), never from the wording of a passage.

`read_rules` returns the rules and every problem it found (for `kb rules check`);
`load_rules` returns the rules or raises `RuleError` naming the first problem's file and
rule id. Citations ("PP 94/2021 Pasal 5 huruf n angka 1", "SKB 2/2022 Butir 2") are read
with `kb.citations.parse_citation`; `check_rules` (in `kb.provisions`) resolves them
against an index.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from .citations import parse_citation
from .errors import NetralError

ACTORS = (
    "PNS", "CPNS", "PPPK", "ASN", "kepala-desa", "perangkat-desa", "kepala-daerah",
    "pejabat-negara", "pejabat-asn", "TNI-Polri", "penyelenggara", "honorer", "karyawan-bumn", "calon", "warga",
)
STAGES = ("any", "bakal-calon", "kampanye", "masa-tenang", "pemungutan", "setelah")
ELECTIONS = ("any", "pemilu", "pilkada")
VERDICTS = ("prohibited", "required", "allowed", "unclear")
SANCTION_LEVELS = (
    "disiplin-ringan", "disiplin-sedang", "disiplin-berat", "moral", "pidana", "administratif",
    "pemberhentian", "none", "unclear",
)
MIN_SITUATIONS = 4

# The rule actors that bind an asker: a rule for "ASN" binds a PNS, a CPNS and a PPPK; a
# structural official who is ASN (camat, lurah, kepala dinas) is a PNS; an asker who says
# only "ASN" is taken as a PNS; a rule for "warga" (any person) binds everyone.
_BOUND_BY: dict[str, frozenset[str]] = {
    "PNS": frozenset({"PNS", "ASN"}),
    "CPNS": frozenset({"CPNS", "ASN"}),
    "PPPK": frozenset({"PPPK", "ASN"}),
    "ASN": frozenset({"ASN", "PNS"}),
    "pejabat-asn": frozenset({"pejabat-asn", "PNS", "ASN"}),
}

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BUTIR = re.compile(r"^(?P<doc>.+?)\s+Butir\s+(?P<n>\d{1,3}[a-z]?)$")
_PENJELASAN = re.compile(r"^Penjelasan\s+", re.I)
_LETTER_AFTER_NUMBER = re.compile(r"(?<=\d)\s+huruf\s+(?P<huruf>[a-z])$")

_TWINS = ("act", "situations", "conditions", "exceptions", "sanction", "enforcer", "report", "misconceptions", "unclear_why")
_LISTS = ("situations", "misconceptions")
_PLAIN = ("id", "actors", "verdict", "stages", "elections", "elements", "unless", "basis", "sanction_level", "sanction_basis", "reviewed", "flag", "general", "when_asked", "stage_told")
KNOWN_FIELDS = frozenset(_PLAIN) | {f"{t}_{lang}" for t in _TWINS for lang in ("id", "en")}


class RuleError(NetralError):
    """A rule file that cannot be read, or a rule that breaks the schema."""


# ---------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Text:
    """One statement in both languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Texts:
    """Several statements in both languages (the two lists need not pair up)."""

    id: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, lang: str) -> tuple[str, ...]:
        return self.en if lang == "en" else self.id

    def __bool__(self) -> bool:
        return bool(self.id or self.en)


@dataclass(frozen=True)
class RuleCitation:
    """A provision as a rule names it: "PP 94/2021 Pasal 5 huruf n angka 1"."""

    text: str  # as written in the rule
    instrument: str  # "PP 94/2021", "SKB 2/2022": DocMeta.short of the document
    article: str | None = None  # "5", "187A"
    parts: tuple[tuple[str, str], ...] = ()  # the clause path as written: (("huruf", "n"), ("angka", "1"))
    butir: str | None = None  # our numbering of an SKB / SE summary: "Butir 2"
    penjelasan: bool = False

    def part(self, kind: str) -> str | None:
        return dict(self.parts).get(kind)

    @property
    def year(self) -> int | None:
        """The instrument's year ("PP 94/2021": 2021); None when it names none."""
        m = re.search(r"/(\d{4})$", self.instrument)
        return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Rule:
    id: str
    file: str  # the file it was read from (as given to read_rules, joined with its name)
    actors: tuple[str, ...]
    verdict: str
    act: Text
    situations: Texts
    stages: tuple[str, ...] = ("any",)
    elections: tuple[str, ...] = ("any",)  # pemilu (UU 7/2017) / pilkada (UU 1/2015 as amended) / any
    conditions: Text | None = None
    exceptions: Text | None = None
    basis: tuple[RuleCitation, ...] = ()
    sanction_level: str | None = None
    sanction: Text | None = None
    sanction_basis: tuple[RuleCitation, ...] = ()
    enforcer: Text | None = None
    report: Text | None = None
    misconceptions: Texts = field(default_factory=Texts)
    unclear_why: Text | None = None
    reviewed: str = ""
    flag: str | None = None
    elements: tuple[str, ...] = ()  # what a question must speak of to be this rule's situation (kb.elements)
    unless: tuple[str, ...] = ()  # elements that state its exception: a question naming one is not answered by it alone
    general: bool = False  # a general duty whose particular acts have rules of their own: a close rule for the act told answers first
    when_asked: str | None = None  # "duty" / "leave": answers only a question asking what one must do / whether one may
    stage_told: bool = False  # answers only a question that tells one of its stages (its doubt comes from the stage)

    def binds(self, actor: str) -> bool:
        """Does this rule bind an asker who is `actor`?"""
        return self.bond(actor) > 0

    def bond(self, actor: str) -> int:
        """How the rule binds `actor`: 3 it names them, 2 through their group (a rule for
        "ASN" binds a PNS), 1 only as any person ("warga"), 0 not at all."""
        if actor == "ASN":  # an asker who says only "ASN" is taken as a PNS: a rule for PNS is written for them
            actor = "PNS"
        if actor in self.actors:
            return 3
        if _BOUND_BY.get(actor, frozenset()) & set(self.actors):
            return 2
        return 1 if "warga" in self.actors else 0

    def exception_cites(self, other: "Rule") -> bool:
        """Does this rule's exception name the provision `other` rests on ("a regional head
        who is not running campaigns with a permit (UU 10/2016 Pasal 70 ayat (2))")?"""
        return self.exceptions is not None and any(c.text in self.exceptions.id for c in other.basis[:1])

    @property
    def any_stage(self) -> bool:
        return "any" in self.stages

    @property
    def any_election(self) -> bool:
        return "any" in self.elections

    def condition_values(self, condition: str) -> tuple[str, ...]:
        """What the rule is for under a condition: its actors, stages or elections."""
        return {"actor": self.actors, "stage": self.stages, "election": self.elections}.get(condition, self.stages)


@dataclass(frozen=True)
class Element:
    """An element of an act (unsur) and the words that speak of it (`[[element]]`)."""

    name: str
    words: tuple[str, ...]  # Indonesian and English words or phrases, any one of which names it
    file: str = ""
    # a condition a question must state as so ("my mother is blind"), not one it denies ("she's not
    # disabled or anything"): the rules it is an element of fit only where it is affirmed
    affirmed: bool = False


@dataclass
class RuleBase:
    rules: list[Rule]
    folder: Path
    digest: str  # sha256 over the files read (name and bytes): changes when any rule does
    elements: dict[str, Element] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.rules}

    def __len__(self) -> int:
        return len(self.rules)

    def only(self, rules: list[Rule]) -> RuleBase:
        """The same rule base (folder, digest, elements) with only these rules."""
        return RuleBase(rules, self.folder, self.digest, self.elements)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the rule base, printed by `kb rules check` as one line."""

    file: str
    rule: str | None  # the rule id, when the problem belongs to one rule
    message: str
    kind: str = "schema"  # "schema" | "citation" (does not resolve in the index) | "conflict"

    def __str__(self) -> str:
        return f"{self.file}: rule {self.rule}: {self.message}" if self.rule else f"{self.file}: {self.message}"


# ---------------------------------------------------------------------------- citations


def parse_rule_citation(text: str) -> RuleCitation | None:
    """A rule's citation in the schema's form, or None when it is not in that form.

    The document and the Pasal path are read by `kb.citations.parse_citation`; the result is
    written back in the canonical form and must equal the input (so "PP 94/2021 pasal 5 n"
    or a trailing word is refused, not half-read). PP 53/2010 numbers its list before its
    letters ("Pasal 4 angka 15 huruf a"): a letter after the number is read here."""
    s = " ".join(text.split())
    penjelasan = bool(_PENJELASAN.match(s))
    core = _PENJELASAN.sub("", s)
    butir = tail = None
    if m := _BUTIR.match(core):
        core, butir = m["doc"], m["n"]
    if m := _LETTER_AFTER_NUMBER.search(core):
        core, tail = core[: m.start()], m["huruf"]
    cit = parse_citation(core)
    if cit is None or cit.doc is None or not (cit.doc.type and cit.doc.number and cit.doc.year):
        return None
    if (butir and cit.article) or (tail and cit.huruf) or not (butir or cit.article):
        return None  # a Pasal or a Butir, not both, not neither
    parts = [(k, v) for k, v in (("ayat", cit.ayat), ("huruf", cit.huruf), ("angka", cit.angka)) if v]
    if tail:
        parts.append(("huruf", tail))
    instrument = f"{cit.doc.type} {cit.doc.number}/{cit.doc.year}"
    rc = RuleCitation(s, instrument, cit.article, tuple(parts), butir, penjelasan)
    return rc if canonical(rc) == s else None


def canonical(c: RuleCitation) -> str:
    """The schema's form of a citation."""
    out = c.instrument
    if c.butir:
        out += f" Butir {c.butir}"
    if c.article:
        out += f" Pasal {c.article}" + "".join(f" ayat ({v})" if k == "ayat" else f" {k} {v}" for k, v in c.parts)
    return f"Penjelasan {out}" if c.penjelasan else out


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class RuleFiles:
    """The rule files of a folder, as bytes: what a build copies into an index generation."""

    folder: Path
    files: dict[str, bytes]  # file name -> its bytes, by name

    @classmethod
    def read(cls, folder: Path) -> RuleFiles:
        """`folder/*.toml` (none when the folder does not exist)."""
        folder = Path(folder)
        paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        return cls(folder, {p.name: p.read_bytes() for p in paths})

    @property
    def digest(self) -> str:
        """sha256 over the names and bytes: changes when any rule does."""
        h = hashlib.sha256()
        for name, raw in sorted(self.files.items()):
            h.update(name.encode() + b"\0" + raw + b"\0")
        return h.hexdigest()


def read_rules(folder: Path) -> tuple[RuleBase, list[Problem]]:
    """Every rule of `folder/*.toml` that passes the schema, and every problem found."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RuleError(f"{folder}: no rule folder (expected corpus/rules/*.toml)")
    return parse_rules(RuleFiles.read(folder))


def parse_rules(rf: RuleFiles) -> tuple[RuleBase, list[Problem]]:
    """The rules of a set of rule files that pass the schema, and every problem found."""
    problems: list[Problem] = []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    elements: dict[str, Element] = {}
    for fname, raw in sorted(rf.files.items()):
        name = str(rf.folder / fname)
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            problems.append(Problem(name, None, f"not valid TOML: {e}"))
            continue
        tables, element_tables = data.get("rule"), data.get("element")
        extra = sorted(set(data) - {"rule", "element"})
        if extra:
            problems.append(Problem(name, None, f"unknown top-level key(s) {', '.join(extra)}: rules go in [[rule]] tables"))
        if element_tables is not None:
            problems += _read_elements(element_tables, name, elements)
        if element_tables is None and (not isinstance(tables, list) or not tables):
            problems.append(Problem(name, None, "no [[rule]] tables"))
            continue
        for i, table in enumerate(tables or [], 1):
            rid = table.get("id") if isinstance(table.get("id"), str) else f"#{i}"
            found = [Problem(name, rid, m) for m in validate(table)]
            if isinstance(table.get("id"), str) and table["id"] in seen:
                found.append(Problem(name, rid, f"duplicate id (also in {seen[table['id']]})"))
            problems.extend(found)
            if not found:
                seen[rid] = name
                rules.append(_to_rule(table, name))
    for r in list(rules):
        if unknown := [e for e in (*r.elements, *r.unless) if e not in elements]:
            problems.append(Problem(r.file, r.id, f"unknown element(s) {', '.join(unknown)}: define them in an [[element]] table"))
            rules.remove(r)
    if not rf.files:
        problems.append(Problem(str(rf.folder), None, "no *.toml rule files"))
    return RuleBase(rules, rf.folder, rf.digest, elements), problems


def _read_elements(tables: Any, file: str, into: dict[str, Element]) -> list[Problem]:
    """The [[element]] tables of a file: `name` and `words_id` / `words_en`."""
    if not isinstance(tables, list):
        return [Problem(file, None, "element must be [[element]] tables")]
    out = []
    for i, t in enumerate(tables, 1):
        name = t.get("name") if isinstance(t, dict) else None
        label = name if isinstance(name, str) else f"#{i}"
        if not isinstance(name, str) or not _ID.match(name):
            out.append(Problem(file, None, f"element {label}: name must be lower-case words joined by hyphens"))
        elif name in into:
            out.append(Problem(file, None, f"element {name}: defined twice (also in {into[name].file})"))
        elif bad := sorted(set(t) - {"name", "words_id", "words_en", "note", "affirmed"}):
            out.append(Problem(file, None, f"element {name}: unknown field(s) {', '.join(bad)}"))
        elif not (_is_texts(t.get("words_id")) and _is_texts(t.get("words_en"))):
            out.append(Problem(file, None, f"element {name}: words_id and words_en must be non-empty lists of words"))
        elif not isinstance(t.get("affirmed", False), bool):
            out.append(Problem(file, None, f"element {name}: affirmed must be true or false"))
        else:
            into[name] = Element(name, tuple(w.strip() for w in (*t["words_id"], *t["words_en"])), file, t.get("affirmed", False))
    return out


def load_rules(folder: Path) -> RuleBase:
    """The rule base of `folder`; `RuleError` naming the first problem (file and rule id)."""
    base, problems = read_rules(folder)
    if problems:
        more = f" (and {len(problems) - 1} more problem(s): run `kb rules check`)" if len(problems) > 1 else ""
        raise RuleError(f"{problems[0]}{more}")
    return base


# ---------------------------------------------------------------------------- validation


def _is_text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _is_texts(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(_is_text(x) for x in v)


def validate(t: dict[str, Any]) -> list[str]:
    """What is wrong with one [[rule]] table (empty: nothing)."""
    out: list[str] = []
    unknown = sorted(set(t) - KNOWN_FIELDS)
    if unknown:
        out.append(f"unknown field(s) {', '.join(unknown)}")
    rid = t.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        out.append("id must be lower-case words joined by hyphens (pns-ikut-kampanye)")
    out += _check_vocab(t)
    out += _check_twins(t)
    verdict = t.get("verdict")
    need = ["act_id", "situations_id", "reviewed"]
    if verdict != "unclear" or "basis" in t:
        need.append("basis")
    if verdict == "prohibited":
        need += ["sanction_level", "sanction_id", "enforcer_id"]
    if verdict == "required":
        need.append("enforcer_id")
    if verdict == "unclear":
        need.append("unclear_why_id")
    for f in need:
        if f not in t:
            out.append(f"{f} is required for verdict {verdict!r}" if verdict in VERDICTS else f"{f} is required")
    for lang in ("id", "en"):
        sits = t.get(f"situations_{lang}")
        if isinstance(sits, list) and len(sits) < MIN_SITUATIONS:
            out.append(f"situations_{lang} needs at least {MIN_SITUATIONS} phrasings (has {len(sits)})")
    if "reviewed" in t and not _is_text(t["reviewed"]):
        out.append("reviewed must be a non-empty string")
    elif _is_text(t.get("reviewed")) and t["reviewed"].lower().startswith("secondary") and t.get("flag") != "secondary":
        out.append('reviewed against secondary sources only: set flag = "secondary"')
    if "flag" in t and t["flag"] != "secondary":
        out.append(f"flag must be \"secondary\", not {t['flag']!r}")
    for f in ("basis", "sanction_basis"):
        out += _check_citations(t, f)
    for f in ("elements", "unless"):
        if f in t and not (_is_texts(t[f]) and all(_ID.match(e) for e in t[f])):
            out.append(f"{f} must be a non-empty list of element names")
    for flag in ("general", "stage_told"):
        if flag in t and not isinstance(t[flag], bool):
            out.append(f"{flag} must be true or false")
    if "when_asked" in t and t["when_asked"] not in ("duty", "leave"):
        out.append(f"when_asked must be \"duty\" or \"leave\", not {t['when_asked']!r}")
    if "unless" in t and "exceptions_id" not in t:
        out.append("unless names the elements of an exception: the rule must say its exceptions (exceptions_id, exceptions_en)")
    return out


def _check_vocab(t: dict[str, Any]) -> list[str]:
    out = []
    actors = t.get("actors")
    if not _is_texts(actors):
        out.append("actors must be a non-empty list")
    elif bad := [a for a in actors if a not in ACTORS]:
        out.append(f"unknown actor(s) {', '.join(map(repr, bad))}; use {', '.join(ACTORS)}")
    if t.get("verdict") not in VERDICTS:
        out.append(f"verdict must be one of {', '.join(VERDICTS)} (got {t.get('verdict')!r})")
    for name, vocab in (("stages", STAGES), ("elections", ELECTIONS)):
        values = t.get(name, ["any"])
        if not _is_texts(values):
            out.append(f"{name} must be a non-empty list")
        elif bad := [s for s in values if s not in vocab]:
            out.append(f"unknown {name[:-1]}(s) {', '.join(map(repr, bad))}; use {', '.join(vocab)}")
        elif "any" in values and len(values) > 1:
            out.append(f'{name}: "any" stands alone')
    if "sanction_level" in t and t["sanction_level"] not in SANCTION_LEVELS:
        out.append(f"sanction_level must be one of {', '.join(SANCTION_LEVELS)} (got {t['sanction_level']!r})")
    return out


def _check_twins(t: dict[str, Any]) -> list[str]:
    out = []
    for base in _TWINS:
        a, b = t.get(f"{base}_id"), t.get(f"{base}_en")
        if (a is None) != (b is None):
            have, miss = (f"{base}_id", f"{base}_en") if b is None else (f"{base}_en", f"{base}_id")
            out.append(f"{have} has no twin {miss}")
        check = _is_texts if base in _LISTS else _is_text
        kind = "a non-empty list of strings" if base in _LISTS else "a non-empty string"
        for lang, v in (("id", a), ("en", b)):
            if v is not None and not check(v):
                out.append(f"{base}_{lang} must be {kind}")
    return out


def _check_citations(t: dict[str, Any], f: str) -> list[str]:
    v = t.get(f)
    if v is None:
        return []
    if not _is_texts(v):
        return [f"{f} must be a non-empty list of citations"]
    out = []
    for s in v:
        if parse_rule_citation(s) is None:
            out.append(
                f"{f} {s!r} is not a citation in the form 'PP 94/2021 Pasal 5 huruf n angka 1', "
                "'UU 7/2017 Pasal 280 ayat (2) huruf a' or 'SKB 2/2022 Butir 2'"
            )
    if len(set(v)) != len(v):
        out.append(f"{f} names a citation twice")
    return out


def _text(t: dict[str, Any], base: str) -> Text | None:
    return Text(t[f"{base}_id"].strip(), t[f"{base}_en"].strip()) if f"{base}_id" in t else None


def _cites(t: dict[str, Any], f: str) -> tuple[RuleCitation, ...]:
    return tuple(c for c in (parse_rule_citation(s) for s in t.get(f, ())) if c is not None)


def _texts(t: dict[str, Any], base: str) -> Texts:
    return Texts(tuple(x.strip() for x in t.get(f"{base}_id", ())), tuple(x.strip() for x in t.get(f"{base}_en", ())))


def _to_rule(t: dict[str, Any], file: str) -> Rule:
    """A validated table as a Rule."""
    act = _text(t, "act")
    assert act is not None  # validated
    return Rule(
        id=t["id"], file=file, actors=tuple(t["actors"]), verdict=t["verdict"], act=act,
        situations=_texts(t, "situations"), stages=tuple(t.get("stages", ["any"])), elections=tuple(t.get("elections", ["any"])),
        conditions=_text(t, "conditions"), exceptions=_text(t, "exceptions"), basis=_cites(t, "basis"),
        sanction_level=t.get("sanction_level"), sanction=_text(t, "sanction"), sanction_basis=_cites(t, "sanction_basis"),
        enforcer=_text(t, "enforcer"), report=_text(t, "report"), misconceptions=_texts(t, "misconceptions"),
        unclear_why=_text(t, "unclear_why"), reviewed=t["reviewed"].strip(), flag=t.get("flag"),
        elements=tuple(t.get("elements", ())), unless=tuple(t.get("unless", ())), general=t.get("general", False),
        when_asked=t.get("when_asked"), stage_told=t.get("stage_told", False),
    )
