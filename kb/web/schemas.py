"""The JSON API's contract: a model of every response, as `/api/openapi.json` publishes it.

The routes return the library's `to_json()` objects unchanged; these models describe them
(no extra keys: `additionalProperties: false`), and the tests check every response
against them. A key that only some objects carry has a default (it is not required).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..rulings import VIOLATION_KEYS


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(_Model):
    """An error: what is wrong, in one line."""

    detail: str


# ---------------------------------------------------------------------------- search


class DocBrief(_Model):
    type: str | None
    number: str | None
    year: int | None
    title: str | None
    status: str | None = Field(description="berlaku, dicabut, diubah, or null (unknown)")
    summary: bool = Field(description="One of our own summaries (ringkasan), not the official text.")
    court: str | None = Field(None, description="Rulings only.")
    case_number: str | None = Field(None, description="Rulings only.")


class Passage(_Model):
    """A cited passage: the objects of `kb search --json`."""

    rank: int
    score: float
    source: str = Field(description="The PDF's path in the corpus.")
    page: int | None
    pages: list[int]
    doc: DocBrief
    article: str | None = Field(description="The Pasal as written, or null.")
    part: str = Field(description="body or penjelasan; for a ruling, its section.")
    citation: str
    text: str
    kind: Literal["regulation", "ruling"]
    version: str | None = Field(None, description="For a Pasal that a later indexed law rewrote: which text this is.")


class SearchResponse(_Model):
    query: str
    results: list[Passage]


# ---------------------------------------------------------------------------- answer


Verdict = Literal["prohibited", "required", "allowed", "unclear", "depends"]


class Cited(_Model):
    """A provision a rule names, with its quotation when it resolves to an indexed clause."""

    citation: str = Field(description='As the rule names it: "PP 94/2021 Pasal 5 huruf n angka 4".')
    resolved: bool
    quoted_from: str | None = Field(description="The clause quoted (the rule's citation, as found in the index).")
    text: str | None = Field(description="The quotation.")
    source: str | None
    page: int | None
    official: bool | None = Field(description="True: the official text; false: our summary (ringkasan), not the official text.")
    label: str | None = Field(description='"teks resmi" / "ringkasan kami, bukan teks resmi", in the card\'s language.')
    status: str | None = Field(description="berlaku, dicabut, diubah, or null.")
    anchor: str | None = Field(description='The clause in the document view: "pasal-5--huruf-n-angka-4".')
    doc_url: str | None
    pdf_url: str | None


class Penalty(_Model):
    level: str = Field(description="disiplin-ringan, disiplin-sedang, disiplin-berat, moral, pidana, administratif, pemberhentian, none, unclear")
    level_text: str
    text: str | None = Field(description="The sanction in plain words.")
    short: str | None = Field(description="Its meaning in a few words (the card's first line).")


class Alternative(_Model):
    """One branch of "it depends" (or one of the close rules of "no clear rule")."""

    verdict: Literal["prohibited", "required", "allowed", "unclear"]
    verdict_text: str
    condition: Literal["stage", "election", "rule"]
    stages: list[str] | None = Field(None, description="condition stage (or rule): when this branch holds.")
    elections: list[str] | None = Field(None, description="condition election: pemilu or pilkada.")
    condition_text: str = Field(description='"Jika pada masa kampanye", "If during the campaign period".')
    rule: str
    act: str
    provision: Cited | None
    sanctions: list[Cited]
    penalty: str | None
    followup: str | None = Field(description="The question asked again with the condition filled in.")


class Asker(_Model):
    """What the question says about its asker (the default: a PNS)."""

    actor: str
    explicit: bool = Field(description="False: nobody was named, the asker is taken as a PNS.")
    words: str | None
    label: str
    stage: str | None
    stage_words: str | None
    election: str | None
    election_words: str | None
    person: Literal["first", "third"]


class RuleCandidate(_Model):
    """A close rule and its scores (diagnostics: why the card chose what it chose)."""

    rule: str
    verdict: Literal["prohibited", "required", "allowed", "unclear"]
    fused: float
    dense: float
    adjusted: float
    lexical: float
    text: str
    actor_ok: bool
    stage_ok: bool
    election_ok: bool
    condition_ok: bool = Field(description="False: the question states what the rule's permission excludes.")
    element_ok: bool = Field(description="False: the question names none of the words of an element of the rule's act (kb.elements).")
    excepted: bool = Field(description="True: the question states the rule's exception (its `unless` elements): the rule is shown, its verdict is not given.")


class Card(_Model):
    """The answer card: the verdict of one reviewed rule (or, for "depends", of each rule a
    condition chooses between), the provision it rests on with its quotation, the sanction.
    Its language is the question's (`lang`), whatever the page's."""

    query: str
    lang: Literal["id", "en"]
    verdict: Verdict
    verdict_text: str
    summary: str = Field(description="One plain sentence.")
    rule: str | None = Field(description="The rule's id in corpus/rules (null: no rule, or depends).")
    applies_to: list[str]
    actors: list[str]
    stages: list[str]
    elections: list[str]
    asker: Asker
    act: str | None
    provision: Cited | None = Field(description="The main basis (for depends: the first branch's).")
    basis: list[Cited]
    penalty: Penalty | None
    sanctions: list[Cited]
    enforcer: str | None
    report: str | None
    conditions: str | None
    exceptions: str | None
    misconceptions: list[str]
    unclear_why: str | None
    flag: Literal["secondary"] | None = Field(description="secondary: only secondary sources confirm the rule.")
    reviewed: str | None = Field(description="What the rule was checked against.")
    alternatives: list[Alternative] = Field(description="depends: each branch; unclear: the close rules that disagree.")
    variants: list[Alternative] = Field(description="The same verdict under another provision when an open condition (the election) differs.")
    reasons: list[str] = Field(description="Why depends or unclear (codes).")
    reason_text: list[str] = Field(description="The reasons in plain words.")
    candidates: list[RuleCandidate]
    disclaimer: str


class AnswerResponse(_Model):
    query: str
    answer: Card
    results: list[Passage] = Field(description="The passages: at most k; at most 3 after a card with no clear rule.")


# ---------------------------------------------------------------------------- documents


class Document(_Model):
    id: str
    source: str
    kind: Literal["regulation", "ruling"]
    type: str | None
    number: str | None
    year: int | None
    date: str | None
    title: str | None
    short: str
    status: str | None
    summary: bool
    official_source: str | None
    relations: list[str]
    court: str | None
    case_number: str | None
    pages: int
    url: str
    pdf: str


class DocumentsResponse(_Model):
    documents: list[Document]


class Section(_Model):
    """An entry of a document's structure: a Pasal with its Penjelasan, a Butir, a ruling section."""

    anchor: str
    label: str
    part: str
    citation: str
    pages: list[int]
    breadcrumbs: list[str]
    text: str
    penjelasan: Section | None


class DocumentResponse(_Model):
    document: Document
    sections: list[Section]
    penjelasan: list[Section] = Field(description="Penjelasan without a body Pasal (Penjelasan Umum).")


# ---------------------------------------------------------------------------- precedents


class Sentence(_Model):
    """The sentence imposed, as the ruling writes it ("1 bulan", "Rp1.000.000"); null: not found."""

    prison: str | None
    detention: str | None = Field(description="Pidana kurungan.")
    fine: str | None
    probation: str | None = Field(description="Masa percobaan: the term is not served unless the person offends again.")


class Outcome(_Model):
    label: Literal["convicted", "acquitted", "released"] | None
    text: str | None = Field(description="The amar (operative part), quoted: the finding and the sentence.")
    articles: list[str] = Field(description='The articles applied, each with its law: "UU 7/2017 Pasal 280 ayat (1) huruf j".')
    sentence: Sentence
    violations: list[Literal[VIOLATION_KEYS]] = Field(  # type: ignore[valid-type]
        description="Kinds of violation, from the articles applied and the finding's words (kb.rulings.VIOLATIONS)."
    )


class RulingPassage(_Model):
    citation: str
    part: str
    pages: list[int]
    text: str


class Precedent(_Model):
    document: Document
    outcome: Outcome
    passage: RulingPassage
    score: float | None = Field(description="The search score, when a question found the ruling.")


class PrecedentFilters(_Model):
    year: int | None
    court: str | None
    article: str | None
    violation: str | None
    year_from: int | None
    year_to: int | None
    sort: Literal["relevance", "date"]


class PrecedentsResponse(_Model):
    query: str
    filters: PrecedentFilters
    results: list[Precedent]


# ---------------------------------------------------------------------------- ops


class HealthResponse(_Model):
    """200 when search works ("ok") or works with a fault ("degraded", with the reason); a 503
    (`Problem`) when nothing can be served."""

    status: Literal["ok", "degraded"]
    reason: str | None = Field(None, description="Why degraded: a real query failed or found nothing, or a newer generation was refused.")
    generation: str
    documents: int
    chunks: int
    model: str | None
    uptime_s: float
    query_ms: float | None = Field(None, description="How long the real query /healthz ran took (null when it failed).")
    reload_error: str | None = Field(None, description="Present when the newest generation could not be loaded.")
