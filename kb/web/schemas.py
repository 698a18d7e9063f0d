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


class Clause(_Model):
    """A quoted clause with its exact citation and its place in the document view and PDF."""

    citation: str
    text: str
    source: str
    page: int | None
    article: str | None
    part: str
    anchor: str | None
    clause_anchor: str | None
    link: Literal["reference", "same-article", "topic"] | None = Field(
        None, description="Sanctions: how the sanction was found (a reference to the provision, its own article, the same act)."
    )
    doc_url: str
    pdf_url: str


class Languages(_Model):
    id: str
    en: str


class Card(_Model):
    """The answer card: the verdict, the provision it rests on, the sanction."""

    query: str
    verdict: Literal["prohibited", "required", "allowed", "unclear"]
    weak: bool
    reasons: list[str] = Field(description="Why the evidence is weak (verdict unclear).")
    cue: str | None = Field(description="The words that decided the verdict.")
    strength: Literal["strong", "weak"] | None
    coverage: float
    summary: Languages
    provision: Clause | None
    gloss: str | None
    sanctions: list[Clause]
    passages: list[int] = Field(description="The ranks of the passages the card read.")
    disclaimer: Languages


class AnswerResponse(_Model):
    query: str
    answer: Card
    results: list[Passage]


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
