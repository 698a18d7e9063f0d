"""Which reviewed rule answers a question: hybrid search over the rules' situations, then a
decision that never reads a verdict from retrieved wording.

Every rule's situations and act line (both languages) are searched the way `kb.search`
searches passages: dense (the e5 model, "query: " for the question and "passage: " for the
situations) and BM25 over Sastrawi stems with our glossary's expansion (`kb.lexical`,
`kb.glossary`), fused by reciprocal rank. A rule scores by its best text. Rules that do
not bind the asker's actor (`kb.actors`; nobody named: a PNS), do not apply at the stage,
election or time the question names, or whose permission excludes what the question
states ("tanpa atribut" against "with a party T-shirt") are set aside; then:

* one rule clearly wins (close enough in absolute terms, no rule with another verdict
  close behind): its verdict. Where rules with the same act fit, the one written for the
  asker's actor governs, though a permission so chosen leaves a closer prohibition beside
  it; a question that states a prohibition's exception ("he has taken leave") gets the
  permission that exception leads to. A confident wrong answer is worse than none: "allowed", and a
  rule saying the law is unclear, need a closer match, and a rival that allows what the
  winner prohibits (or the reverse) counts as close within wider margins than one that,
  say, requires it;
* rules with different verdicts are close and a condition the question leaves open
  separates them (the stage, or the kind of election): "depends", with each alternative
  and the condition that decides;
* otherwise "unclear", with the reason.

The situation vectors are computed once per text and model and kept in the index's
embedding cache (`<index>/cache/embeddings.sqlite`, the same one `kb build` uses for
chunks, keyed by model id and text): a changed rule re-embeds only its changed lines, an
unchanged rule base costs one SQLite read; and in memory for the process.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .actors import ASKED_WITH_STORY, ASKER_ACTS, OFFICIALS, ONLY_WHEN_ASKED, Mention, QuestionFacts, analyse, asking_with_antecedent, asks_breach, relative_runs, without_frame, without_relatives_party
from .elements import NAMING_VERBS, compile_elements, excepted, missing, spoken_in, spoken_of, stated, stem_seq, without, without_time
from .errors import NetralError
from .lexical import GENERIC, term_list
from .glossary import expand
from .lexical import Bm25Index
from .rules import Rule, RuleBase
from .vectors import inner_products

log = logging.getLogger(__name__)


class TextEncoder(Protocol):
    """The part of `kb.embed.Embedder` the matcher uses (the tests' HashEmbedder fits too)."""

    model_id: str

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray: ...


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds (cosines are the e5 model's), set by measurement on the rule
    base of corpus/rules when it had 108 rules (not retuned since; leave-one-out still holds
    on the larger base): leave-one-situation-out (`bench/rules_loso.py`: each situation,
    removed, asked as a question), questions outside the rule base (all must be "unclear"),
    the answer keys written from the law (`bench/answers-heldout*.jsonl`),
    and the dev answer key (numbers only).
    These keep the fewest dangerous verdicts for the most right ones. Re-measure when the
    rule base changes much."""

    rrf_k: int = 10  # reciprocal-rank constant over rules (there are ~100, not thousands)
    lexical_weight: float = 1.0  # weight of the BM25 ranking in the fusion (the dense one weighs 1)
    hub_penalty: float = 0.5  # cosine minus this times the text's mean cosine to its 10 nearest texts of other rules
    min_dense: float = 0.84  # the winner's best situation must be at least this close...
    min_dense_alone: float = 0.88  # ...or this close when no stem of the question is in its texts
    long_relief: float = 0.015  # min_dense less this (0.825) for a question of `long_words` or more:
    long_words: int = 25  # a story tells more than the act, and its cosine to the act's short situations runs lower
    close_dense: float = 0.02  # a rival whose cosine is within this much of the winner's...
    close_fused: float = 0.25  # ...and whose fused score is within this share of the winner's is close
    # ...when one allows what the other prohibits (a wrong answer there is dangerous); for any
    # other pair of verdicts (prohibited / required, or the law unclear) only a rival this
    # close makes the answer unclear:
    near_dense: float = 0.005
    far_fused: float = 0.55  # the first rule that fits this far behind the closest rule of all (fused) is no answer
    near_fused: float = 0.10
    min_dense_allowed: float = 0.87  # an "allowed" answer's rule must be at least this close (a wrong one is dangerous)...
    min_dense_allowed_nearest: float = 0.845  # ...or this close, when no prohibition that fits the question (for anyone) is closer
    actor_gap: float = 0.05  # a named actor's closest rule this far (cosine) behind the closest rule for anyone: no rule for them
    actor_gap_anyone: float = 0.01  # ...or this far (cosine alone), when that closest rule binds them only as any person
    own_lexical: float = 0.6  # the asker's own rule replaces a closer rule for anyone only sharing the question's words about as well (BM25 share)


@dataclass
class Candidate:
    rule: Rule
    fused: float
    dense: float  # cosine of the rule's closest text
    lexical: float  # BM25 of its best text (0: no stem in common)
    text: str  # the closest text
    adjusted: float = 0.0  # its cosine less the text's hubness (what ranks and what "close" compares)
    actor_ok: bool = True
    stage_ok: bool = True
    election_ok: bool = True  # and, for a rule of a revoked regulation, the question is about its time
    condition_ok: bool = True  # False: the question states what the rule's permission excludes ("tanpa atribut")
    element_ok: bool = True  # False: the question names none of the words of an element of the act (kb.elements)
    excepted: bool = False  # True: the question states the rule's exception (`Rule.unless`)

    @property
    def fits(self) -> bool:
        """Applies at the question's stage, election and time, no stated fact excludes it,
        and the question speaks of every element of its act."""
        return self.stage_ok and self.election_ok and self.condition_ok and self.element_ok

    @property
    def eligible(self) -> bool:
        return self.actor_ok and self.fits

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.id, "verdict": self.rule.verdict, "fused": round(self.fused, 4),
            "dense": round(self.dense, 4), "adjusted": round(self.adjusted, 4), "lexical": round(self.lexical, 3), "text": self.text,
            "actor_ok": self.actor_ok, "stage_ok": self.stage_ok, "election_ok": self.election_ok, "condition_ok": self.condition_ok,
            "element_ok": self.element_ok, "excepted": self.excepted,
        }


@dataclass
class Option:
    """One alternative of a "depends" answer: a rule and the condition under which it holds."""

    candidate: Candidate
    condition: str  # "stage" | "election" ("rule" for the close rules of an "unclear")
    value: tuple[str, ...]  # the actors, stages or elections the rule is for


@dataclass
class Decision:
    verdict: str  # prohibited | required | allowed | unclear | depends
    facts: QuestionFacts
    rule: Rule | None = None  # the winning rule (also for a rule whose verdict is "unclear")
    options: list[Option] = field(default_factory=list)  # for "depends" (and the close rules of "unclear")
    reasons: list[str] = field(default_factory=list)  # why "unclear" / "depends"
    candidates: list[Candidate] = field(default_factory=list)  # the best few, for the card's debug view
    variants: list[Option] = field(default_factory=list)  # same verdict, another provision under another open condition


# ---------------------------------------------------------------------------- vectors


def rule_texts(rule: Rule) -> tuple[str, ...]:
    """What a rule is matched by: its situations (both languages) and its act line."""
    return (*rule.situations.id, *rule.situations.en, rule.act.id, rule.act.en)


def fill_cache(base: RuleBase, encoder: TextEncoder, cache_dir: Path) -> int:
    """Put the vectors of every rule text into the embedding cache (`kb build` does, so
    that a server reads them); returns how many texts there are."""
    texts = [t for r in base for t in rule_texts(r)]
    if texts:
        situation_vectors(texts, encoder, cache_dir)
    return len(texts)


_MEMO: dict[str, np.ndarray] = {}


def situation_vectors(texts: list[str], encoder: TextEncoder, cache_dir: Path | None = None) -> np.ndarray:
    """Passage vectors of the rules' texts: from memory, else the index's embedding cache,
    else the model (and then stored in the cache). A cache that cannot be opened or written
    (read-only, locked by a build) is skipped, never fatal."""
    memo = hashlib.sha256("\x00".join([encoder.model_id, *texts]).encode()).hexdigest()
    if memo in _MEMO:
        return _MEMO[memo]
    vecs: dict[int, np.ndarray] = {}
    cache = None
    if cache_dir is not None:
        from .index import EmbeddingCache

        try:
            cache = EmbeddingCache(cache_dir)
            keys = [EmbeddingCache.key(encoder.model_id, t) for t in texts]
            found = cache.get_many(keys)
            vecs = {i: found[k] for i, k in enumerate(keys) if k in found}
        except (OSError, sqlite3.Error, NetralError) as e:
            log.warning("rule vectors: embedding cache in %s not usable (%s); computing them", cache_dir, e)
            cache = None
    uncached = [i for i in range(len(texts)) if i not in vecs]
    if uncached:
        new = encoder.encode_passages([texts[i] for i in uncached])
        vecs.update(zip(uncached, new))
        if cache is not None:
            try:
                from .index import EmbeddingCache

                cache.put_many({EmbeddingCache.key(encoder.model_id, texts[i]): vecs[i] for i in uncached})
            except sqlite3.Error as e:
                log.warning("rule vectors: could not store them in the cache (%s)", e)
    if cache is not None:
        cache.close()
    out = np.stack([vecs[i] for i in range(len(texts))]).astype(np.float32) if texts else np.zeros((0, 1), np.float32)
    _MEMO[memo] = out
    return out


# ---------------------------------------------------------------------------- what a permission excludes

# (also what the question asks whether there is a ban on: "ada larangan pakai fasilitas negara?" does not say it was used)
_NEGATION = re.compile(r"\b(?:tanpa|without|no|not|tidak|bukan|never|larangan|dilarang|ban on|prohibition on|banned from|prohibited from)\b")
_CLAUSE_END = re.compile(r"[,.;:!?()]|\b(?:dan|and|but|tapi|lalu|then|terus|karena|because|jadi|so|if|kalau|yang|who|which|that|is|are|was|were)\b")
_OR = re.compile(r"\b(?:atau|ataupun|maupun|or|nor)\b")  # "tidak pakai kaos atau atribut": neither
_NOT_HEAD = frozenset(
    "ikut pakai memakai menggunakan membawa bawa hadir datang ada apa apa-apa menunjukkan show showing use using wear wearing "
    "bring any a an the in my his her their our to be being at all with dengan untuk for of on di ke sama sekali just only cuma "
    "hanya anyone anything anybody someone one siapa siapapun pun even".split()
) | frozenset(NAMING_VERBS)  # ... nor a verb whose object is what is absent ("ga nyebut paslon", "tidak pose nomor")


def negated_terms(text: str, lang: str) -> set[str]:
    """The stems a text says are absent: the head word after "tanpa", "without", "not",
    "tidak" ... in the same clause (Indonesian: the first content word, "tanpa kaos partai"
    -> kaos; English: the last, "without party clothes" -> cloth), and of each item joined to
    it by "atau" / "or" ("tidak pakai kaos atau atribut": both). `text` is normalised
    (kb.actors.normalise: "nggak" is "tidak")."""
    out: set[str] = set()
    for m in _NEGATION.finditer(text):
        rest = text[m.end():]
        if end := _CLAUSE_END.search(rest):
            rest = rest[: end.start()]
        for item in _OR.split(rest):
            words = [w for w in item.split()[:4] if w not in _NOT_HEAD and term_list(w)]
            if words:
                out.update(t for t in term_list(words[-1] if lang == "en" else words[0]) if t not in GENERIC)
    return out


# An act the asker (or whoever the story is about) undergoes: "dia diajak masuk tim", "he was invited to join".
# Being invited is not inviting: a permission that excludes inviting others still answers it.
_PASSIVE = re.compile(r"\bdi(?!nas\b|ri\b|rinya\b|a\b)[a-z]{3,}|\b(?:was|were|been|being|get|got|gets|getting)\s+(?:[a-z]+ly\s+)?[a-z]{3,}ed\b")


# ... or in the active with the asker as its object: "kawan saya mengajak saya masuk tim", "he invited me to join"
# ("mantan bos ngajak jd tim sukses": the asker left unsaid, not after "saya" or "boleh")
_DONE_TO_ASKER = re.compile(r"\bme[a-z]{3,}(?= (?:saya|aku|kami)\b)|\b(?:invit|ask|urg|recruit|want|pressur|order)[a-z]*(?= (?:me|us)\b)|"
                            + "".join(rf"(?<!\b{w} )" for w in ("saya", "aku", "kami", "kita", "boleh", "bisa", "mau", "ingin"))
                            + r"\b(?:ngajak|mengajak|ngajakin|menawari|nawarin)(?= (?:jadi|ikut|masuk|gabung|bergabung)\b)")


def undergone_terms(text: str) -> set[str]:
    """The stems a text names only in the passive, or with the asker as their object (never
    also as its own act)."""
    verbs = [m.group(0).split()[-1] for m in _PASSIVE.finditer(text)] + _DONE_TO_ASKER.findall(text)
    return set(term_list(" ".join(verbs))) - set(term_list(_DONE_TO_ASKER.sub(" ", _PASSIVE.sub(" ", text))))


# What the asker only hears or watches: "listen to the speeches", "mendengarkan orasi": a permission that excludes giving
# speeches still answers listening to them
_HEARD = re.compile(r"\b(?:listen(?:s|ed|ing)? to|hear(?:s|d|ing)?|watch(?:es|ed|ing)?|dengar(?:kan)?|mendengar(?:kan)?|dengerin|"
                    r"nonton|menonton|simak|menyimak)\s+((?:[^\s.,;:!?()]+\s+){0,2}[^\s.,;:!?()]+)")


def heard_terms(text: str) -> set[str]:
    """The stems a text names only as what the asker hears or watches (never also as its own act)."""
    return set(term_list(" ".join(_HEARD.findall(text)))) - set(term_list(_HEARD.sub(" ", text)))


_LIST_END = re.compile(r"[;.:!?]|\b(?:kecuali|unless|except|but|tapi|namun)\b")
_ITEM_SPLIT = re.compile(r"[,()]|\b(?:dan|and|or|atau|maupun|nor)\b")
_OBJECT_WORDS = frozenset("orang lain others other people anyone anybody someone siapa pun".split())
_WITHOUT = re.compile(r"\b(?:tanpa|without|no)\b")  # a condition's manner ("tanpa atribut"), not "tidak"/"not" (prose)


def listed_negations(text: str, lang: str) -> set[str]:
    """The heads of every item a condition lists after "tanpa", "without" or "no", up to the
    end of its sentence part: "tanpa ikut berperan, bersorak, atau mengajak orang lain" ->
    peran, sorak, ajak; "no party or civil-service attributes" -> attribut. A head is the
    first content word of an item (Indonesian, or an English item opening with a verb in
    -ing), else the last. Words that name the election itself (party, candidate, vote) are
    the context of a condition, never what it excludes."""
    from .actors import domain_words

    out: set[str] = set()
    for m in _WITHOUT.finditer(text):
        rest = text[m.end():]
        if end := _LIST_END.search(rest):
            rest = rest[: end.start()]
        for item in _ITEM_SPLIT.split(rest):
            if lang == "en":  # "facilities of office": the head stands before "of"
                item = next((part for part in item.split(" of ") if any(w not in _NOT_HEAD for w in part.split())), "")
            words = [w for w in item.split() if w not in _NOT_HEAD and w not in _OBJECT_WORDS and term_list(w)]
            if not words:
                continue
            head = words[0] if lang == "id" or words[0].endswith("ing") else words[-1]
            if domain_words(head):
                continue
            out.update(t for t in term_list(head) if t not in GENERIC)
    return out


def exclusions(rule: Rule) -> frozenset[str]:
    """What a lenient rule (allowed, or the law unclear) is conditioned on being absent,
    when its act says so ("hadir di kampanye ..., tanpa atribut"): the words its texts
    negate, less those its act or any of its situations states ("a minister who is not a
    party member" beside "a regent who is a party cadre": membership is not excluded). A
    question that states one of them is not the rule's situation: a permission "without
    attributes" does not answer "with a party T-shirt"."""
    from .actors import normalise

    if rule.verdict not in ("allowed", "unclear"):  # a prohibition's negations describe the act itself ("so they don't vote")
        return frozenset()
    acts = [(normalise(rule.act.id), "id"), (normalise(rule.act.en), "en")]
    if not any(_NEGATION.search(t) for t, _ in acts):
        return frozenset()
    texts = [(normalise(t), "id") for t in rule.situations.id] + [(normalise(t), "en") for t in rule.situations.en] + acts
    said = {t for text, lang in texts for t in set(term_list(text)) - negated_terms(text, lang)}
    listed: set[str] = set()
    if rule.conditions:  # what its conditions list as absent ("tanpa ikut bersorak, berorasi, atau mengajak")
        listed = listed_negations(normalise(rule.conditions.id), "id") | listed_negations(normalise(rule.conditions.en), "en")
    return frozenset(t for text, lang in texts for t in negated_terms(text, lang)) - said | (listed - said)


# ---------------------------------------------------------------------------- matcher


def same_article(a: Rule, b: Rule) -> bool:
    """Do two rules rest on the same article (instrument and Pasal) first? Its ban and its duty are
    two sides of one provision: joining a party is prohibited, one who wants to must resign first
    (PP 11/2017 Pasal 255 ayat (1) and (2))."""
    return bool(a.basis and b.basis) and (a.basis[0].instrument, a.basis[0].article) == (b.basis[0].instrument, b.basis[0].article)


def specificity(rule: Rule, actor: str) -> int:
    """How closely a rule is written for an actor (`Rule.bond`). Where rules with
    different verdicts both fit, the one written for the actor governs it."""
    return rule.bond(actor)


def applies(rule: Rule, actor: str) -> bool:
    """Can the rule answer an asker who is `actor`? It must bind them; and a permission
    must be written for them (or their group): that any person may campaign says nothing
    of a civil servant, whose own law may forbid it."""
    return rule.binds(actor) and (rule.verdict != "allowed" or specificity(rule, actor) >= 2)


def separating(facts: QuestionFacts, a: Rule, b: Rule) -> str | None:
    """The condition the question leaves open that tells two rules apart: "stage" (they
    are for different stages only) or "election" (pemilu / pilkada); None if none does."""
    if facts.stage is None and not a.any_stage and not b.any_stage and not set(a.stages) & set(b.stages):
        return "stage"
    if facts.election is None and not a.any_election and not b.any_election and not set(a.elections) & set(b.elections):
        return "election"
    return None


# elements of corpus/rules/elements.toml the decision reads: the rules on handling a case (who examines,
# which regulation applies), and a side (a candidate, a pair, a party) an act is taken for
PROCEDURE, SIDE, RUNNING, KIN_RUNNING = "penanganan", "pihak", "pencalonan", "pencalonan-kerabat"
JOINING, KIN_PARTY = "masuk-partai", "partai-kerabat"  # one's own party membership, and a relative's
# ... and the months a question tells (kb.actors.detect_months), counted against the six months of UU 10/2016 Pasal 71
# ayat (2) (before the pairs are set) and Pasal 162 ayat (3) (after the inauguration)
BEFORE_THE_BAN, PAST_SIX_MONTHS, WINDOW_MONTHS = "sebelum-masa-larangan", "lewat-enam-bulan-menjabat", 6
TIMED = frozenset({BEFORE_THE_BAN, PAST_SIX_MONTHS})
# ... and the Minister's written approval that lifts the ban on replacing officials (UU 10/2016 Pasal 71 ayat (2))
APPROVAL = "persetujuan-menteri"
# the rules for such a reading (the months, a relative's party post, the approval) take no place among the rest for a
# question that does not tell it: their situations speak of a party or a ban much as any other's do
TOLD_ONLY = TIMED | {KIN_PARTY, APPROVAL}
# ... and an act from before the regulation a rule rests on took effect (the transitional article of PP 94/2021 for acts
# under PP 53/2010), read from the years the question names (up to the year of that regulation) or its words on the old law
TRANSITION = "masa-peralihan"
INVOLVED = "aparat-dilibatkan"  # the servants, soldiers and village officials a campaign may not involve
_ASKED_OF_ME = re.compile(r"\b(?:asked|asks|invited|invites|wants|wanted|recruited|offered|told|urged) (?:me|us)\b|"
                          r"\b(?:minta|meminta|mengajak|ngajak|menyuruh|nyuruh|menawari|nawarin) (?:saya|aku|kami)\b|\b(?:diajak|diminta|ditawari|disuruh)\b")
READ_ELEMENTS = (PROCEDURE, SIDE, RUNNING, KIN_RUNNING, JOINING, KIN_PARTY, TRANSITION, BEFORE_THE_BAN, PAST_SIX_MONTHS, INVOLVED, APPROVAL, *ASKER_ACTS)  # every element name the code reads (`kb rules check` holds the table to them)


# the opening sentence on who the asker is ("Saya staf protokol.", "I'm an aide at the ministry."): twelve words at most
# (after a greeting or an opener: "halo,", "mau tanya,", "quick question:")
_SELF_INTRO = re.compile(r"^\s*(?:(?:hi|hello|halo|hai|min|pak|bu|permisi|assalamualaikum|(?:mau|numpang|izin|ijin) (?:tanya|bertanya)|"
                         r"quick question|a question)\s*[,:.!]?\s*)*"
                         r"(?:saya|aku|i am|i work|kami|we are|we work)\b(?:\s+[^\s.?!;,]+){1,12}\s*[.;!,]")


def _without_mentions(text: str, mentions: list[Mention]) -> str:
    """`text` (normalised) with the words of these mentions blanked out."""
    for m in sorted(mentions, key=lambda m: -m.start):
        text = text[: m.start] + " " + text[m.end :]
    return text


def as_relatives_candidacy(said: frozenset[str]) -> frozenset[str]:
    """The elements of a question that tells a relative's candidacy (`kb.actors.relative_runs`) and
    asks about the asker: running for office is the relative's (`RuleMatcher.relatives_candidacy`)."""
    return (said - {RUNNING}) | {KIN_RUNNING}


def with_relatives_party(said: frozenset[str], told: bool) -> frozenset[str]:
    """The elements of a question that tells (`told`) a relative's party post (`kb.actors.without_relatives_party`)
    and asks about the asker: the relative's membership, unless the asker speaks of their own too ("my husband chairs
    the branch; may I take a card as well?")."""
    return said | {KIN_PARTY} if told and JOINING not in said else said


class _TermBm25(Bm25Index):
    """BM25 over term lists made by the caller (Sastrawi stems with the light English
    suffix strip of `kb.answer.term_list`, so "joining" meets "join")."""

    def __init__(self, docs: list[list[str]]):
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([d or ["_"] for d in docs], show_progress=False)
        super().__init__(retriever)


class RuleMatcher:
    """Finds the rule that answers a question. One per rule base and model."""

    def __init__(
        self, base: RuleBase, encoder: TextEncoder, cache_dir: Path | None = None, thresholds: Thresholds | None = None,
        revoked: dict[str, int] | None = None,
    ):
        """`revoked`: instruments no longer in force and the year they were revoked
        (`kb.provisions.Provisions.revoked`); a rule resting on one answers only questions
        about that time."""
        from .actors import normalise

        self.base = base
        self.revoked = revoked or {}
        self.encoder = encoder
        self.t = thresholds or Thresholds()
        self.rules = list(base)
        self.texts: list[str] = []
        self.owner: list[int] = []
        for i, r in enumerate(self.rules):
            for text in rule_texts(r):
                self.texts.append(text)
                self.owner.append(i)
        self._owner = np.array(self.owner, dtype=np.int64)
        self.vectors = situation_vectors(self.texts, encoder, cache_dir)
        self.hub = self._hubness()
        self.bm25 = _TermBm25([term_list(normalise(t)) for t in self.texts]) if self.texts else None
        self.hidden: frozenset[int] = frozenset()  # texts left out of matching (bench/rules_loso.py)
        self.excludes = [exclusions(r) for r in self.rules]
        self.has_exceptions = any(r.unless for r in self.rules)
        self.procedural = np.array([PROCEDURE in r.elements for r in self.rules], dtype=bool)  # the steps of handling a case
        # the rules that answer only for what a question tells: the months (before the ban, past the first six months in
        # office), a relative's party post
        self.told_only = {name: np.array([name in r.elements for r in self.rules], dtype=bool) for name in TOLD_ONLY}
        self.elements = compile_elements(base)
        self.affirmed_only = frozenset(name for name, el in base.elements.items() if el.affirmed)
        named = sorted({(c.instrument.split(" ")[0].lower(), c.instrument.split(" ")[1].split("/")[0]) for r in self.rules for c in r.basis})
        self._instrument_rx = re.compile(
            r"\b(?:" + "|".join(rf"{kind}\s*(?:no\.?\s*|nomor\s*)?{num}" for kind, num in named) + r")(?![\d])"
        ) if named else None

    # ------------------------------------------------------------------ scoring

    def _hubness(self, k: int = 10) -> np.ndarray:
        """How close each text is to texts of other rules on average (its k nearest): a
        generic line ("I stay neutral") is near everything and would win every question."""
        n = len(self.texts)
        if n == 0 or self.vectors.shape[1] < 2:
            return np.zeros(n)
        sims = self.vectors @ self.vectors.T
        sims[self._owner[:, None] == self._owner[None, :]] = -np.inf
        kk = min(k, n - 1) or 1
        top = -np.partition(-sims, kk - 1, axis=1)[:, :kk]
        top[~np.isfinite(top)] = 0.0
        return top.mean(axis=1)

    @staticmethod
    def query_text(facts: QuestionFacts) -> str:
        """The question as matched: chat spelling written out, the words that named the
        asker's actor left out (the actor is matched against the rule's `actors`), and the
        words that only name the period ("masa kampanye": the stage is matched against the
        rule's `stages`, it is not the act) and those that only ask for the sanction ("apa
        sanksi bagi ... yang": every card gives it)."""
        asker = [m for m in sorted(facts.mentions, key=lambda m: -m.start) if m.role in ("self", "subject")]
        if facts.asked and facts.asked[0] not in ASKED_WITH_STORY:  # "Can I report this?": the report is the act asked about, the story only its subject
            t = facts.asked[1]
            at = facts.normalised.find(t)
            for m in asker:  # the asking sentence's own offsets differ from the question's: its words are found again
                if at < 0 or at <= m.start < at + len(t):  # ...those of a mention in it ("sy bidan PNS" told elsewhere is not "PNS gak boleh nyoblos")
                    t = t.replace(m.text, " ", 1)
            return " ".join(without_frame(t, min_left=2).split())  # "apa mencoblos itu melanggar netralitas?": the act is what is left
        t = " ".join(without_time(_without_mentions(facts.normalised, asker), facts.stage_words).split())
        return " ".join(without_frame(t).split())

    def _per_rule(self, per_text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best score of each rule over its texts, and which text it was."""
        best = np.full(len(self.rules), -np.inf)
        np.maximum.at(best, self._owner, per_text)
        top = per_text == best[self._owner]  # of a rule's texts that tie for its best, the first
        arg = np.full(len(self.rules), len(per_text), dtype=np.int64)
        np.minimum.at(arg, self._owner[top], np.flatnonzero(top))
        arg[arg == len(per_text)] = 0  # a rule without texts
        return best, arg

    def spoken(self, facts: QuestionFacts, story: tuple[str, bool] | None = None) -> frozenset[str]:
        """The elements (unsur) the question speaks of, with the asker's act it asks about; the
        period it names is not the act, nor is a relative's candidacy that of an asker who asks
        about themselves ("my husband has been set as a candidate; must I resign?"). `story`: the
        question's `asker_story`, when the caller has read it already."""
        story, kin_party = story or self.asker_story(facts)
        said = with_relatives_party(spoken_in(story, facts.stage_words, self.elements), kin_party)
        if INVOLVED in said and (selves := [m for m in facts.mentions if m.role == "self"]) and not _ASKED_OF_ME.search(facts.normalised):
            # the asker who says what they are ("pns here") is no servant a campaign involves, unless someone asks them in
            # ("their team coordinator asked me to run a tent"): only others told of are
            if not spoken_in(_without_mentions(facts.normalised, selves), facts.stage_words, {INVOLVED: self.elements[INVOLVED]}):
                said -= {INVOLVED}
        if facts.asked:  # the asker's own act, read by how it is asked ("as her boss, what must I do?": handling the case)
            said |= {facts.asked[0]}
        if facts.months_to_pairs is not None and facts.months_to_pairs > WINDOW_MONTHS:
            said |= {BEFORE_THE_BAN}
        if facts.months_in_office is not None and facts.months_in_office > WINDOW_MONTHS:
            said |= {PAST_SIX_MONTHS}
        return as_relatives_candidacy(said) if self.relatives_candidacy(facts) else said

    @staticmethod
    def relatives_candidacy(facts: QuestionFacts) -> bool:
        """Is the candidacy the question tells a relative's, while the asker asks about themselves
        ("my brother is running for regent; I'm a PNS, must I resign?")? Not when the question is
        about the relative, who serves and runs ("suami saya PNS mau nyalon bupati, harus mundur?")."""
        return facts.person == "first" and not RuleMatcher.about_relative(facts) and relative_runs(facts.normalised)

    @staticmethod
    def about_relative(facts: QuestionFacts) -> bool:
        """Does the question tell of a relative's post and none of the asker's (then it is about the relative)?"""
        return any(m.role == "relative" for m in facts.mentions) and not any(m.role == "self" for m in facts.mentions)

    @classmethod
    def asker_story(cls, facts: QuestionFacts) -> tuple[str, bool]:
        """The story (`story_of_another`) less the party post of a relative of an asker who asks about themselves
        ("suami saya pengurus partai; saya CPNS, aman?": the membership is not hers), and whether it told one."""
        story = cls.story_of_another(facts)
        if facts.person == "first" and not cls.about_relative(facts):
            return without_relatives_party(story)
        return story, False

    @staticmethod
    def story_of_another(facts: QuestionFacts) -> str:
        """The question as it tells its facts. When the asker tells of an official's act and asks
        about them ("Saya staf protokol. ... Benar nggak gubernur dilarang kampanye?"), the asker's
        opening words on who they are are not a fact of that act: a member of staff who asks is no
        staff brought to the campaign."""
        t = facts.normalised
        if facts.person == "first" and facts.actor in OFFICIALS and not any(m.role == "self" and m.actor == facts.actor for m in facts.mentions):
            return _SELF_INTRO.sub(" ", t, count=1)
        return t

    def score(self, facts: QuestionFacts) -> list[Candidate]:
        """Every rule, best first by fused rank, with its actor and stage fit."""
        if not self.rules:
            return []
        q = self.query_text(facts) or facts.normalised
        dense_t = inner_products(self.vectors, self.encoder.encode_queries([q]))[0]  # not `@`: OpenBLAS threads would spin (kb.vectors)
        toks = [t for t in term_list(q) if t not in GENERIC]
        extra = [t for t in term_list(" ".join(expand(q))) if t not in toks and t not in GENERIC]
        lex_t = self.bm25.scores(toks + extra, {t: 0.5 for t in extra}) if self.bm25 and (toks or extra) else np.zeros(len(self.texts))
        if self.hidden:  # the leave-one-out check: these texts are not there
            gone = sorted(self.hidden)
            dense_t, lex_t = dense_t.copy(), np.array(lex_t, dtype=np.float64)
            dense_t[gone], lex_t[gone] = -1.0, 0.0
        adjusted, arg = self._per_rule(dense_t - self.t.hub_penalty * self.hub)
        dense = dense_t[arg]
        lexical, _ = self._per_rule(np.asarray(lex_t, dtype=np.float64))
        # what the question states: not what it denies or undergoes, nor one's own car or clothes (`without`)
        said = (set(term_list(without(facts.normalised, None))) - negated_terms(facts.normalised, facts.lang) - undergone_terms(facts.normalised)
                - heard_terms(facts.normalised))
        story = self.asker_story(facts)
        spoken = self.spoken(facts, story)
        # (nor the time it names: a wedding "in the middle of the campaign" is no campaign activity)
        told = (stated(without_time(story[0], facts.stage_words), self.elements)
                if self.has_exceptions or self.affirmed_only else frozenset())
        spoken -= self.affirmed_only - told  # a condition denied ("she's not disabled or anything") is no element of the act
        told |= spoken & TIMED  # the months told are read from the question itself (`spoken`)
        told -= {INVOLVED} - spoken  # ... and the servants an asker says they are ("we civil servants") are none brought in (`spoken`)
        # handling a case is what is asked only when the asker handles it (their staff) or the asking sentence speaks of it:
        # a story of an act that ends "is this a violation?" is not a question on procedure for its mention of a sanction
        # (a bare "can he?" asks about the sentence before it)
        handling = facts.handler or PROCEDURE in spoken_of(stem_seq(asking_with_antecedent(facts.normalised, facts.asking)), self.elements)
        # ... and a rule for the months told (a relative's party post, an approval) takes no place when the question tells none
        aside = np.zeros(len(self.rules), dtype=bool) if handling else self.procedural.copy()
        for name, rules in self.told_only.items():
            if name not in spoken:
                aside |= rules
        fused = self._fused(adjusted, lexical, aside)
        out = []
        for i in np.argsort(-fused, kind="stable"):
            r = self.rules[i]
            out.append(Candidate(
                r, float(fused[i]), float(dense[i]), float(lexical[i]), self.texts[arg[i]], float(adjusted[i]),
                actor_ok=applies(r, facts.actor),
                stage_ok=(r.any_stage or facts.stage in r.stages or (facts.stage is None and not r.stage_told))
                and not (facts.confirmed and r.stages == ("bakal-calon",)),  # a confirmed pair is past that stage
                election_ok=(facts.election is None or r.any_election or facts.election in r.elections) and self.in_time(r, facts),
                condition_ok=not (self.excludes[i] & said),
                element_ok=not missing(r, spoken | self.transition(r, facts.years, facts.past)) and (facts.asked[0] in r.elements if facts.asked else not ONLY_WHEN_ASKED & set(r.elements))
                and (handling or PROCEDURE not in r.elements) and r.when_asked in (None, facts.asks),
                excepted=bool(excepted(r, told)),
            ))
        return out

    def _fused(self, adjusted: np.ndarray, lexical: np.ndarray, aside: np.ndarray | None) -> np.ndarray:
        """Reciprocal-rank fusion of the dense and the lexical ranking. The rules set `aside`
        (the steps of handling a case, for a question that asks about no handling; a rule for the
        months, or the approval, a question does not tell) take no place in either: they score the
        place they would take but push no other rule down, so the procedure's many rules do not crowd
        the answer to a question about an act out, nor "more than six months before" the ban it is
        the edge of."""
        k = self.t.rrf_k
        fused = np.zeros(len(self.rules))
        for scores, weight, some in ((adjusted, 1.0, False), (lexical, self.t.lexical_weight, True)):
            place = 0
            for i in np.argsort(-scores, kind="stable"):
                if some and scores[i] <= 0:  # no word in common: no lexical rank
                    break
                fused[i] += weight / (k + 1 + place)
                place += 0 if aside is not None and aside[i] else 1
        return fused

    @staticmethod
    def transition(rule: Rule, years: tuple[int, ...], past: bool) -> frozenset[str]:
        """`TRANSITION`, for a rule that has it, when a question (`kb.actors.detect_time`) tells an act from before the
        regulation the rule rests on: it names a year up to that regulation's ("tahun 2020" beside PP 94/2021), or
        speaks of the old law."""
        if TRANSITION not in rule.elements or not rule.basis:
            return frozenset()
        year = rule.basis[0].year
        early = year is not None and any(y <= year for y in years)
        return frozenset({TRANSITION}) if early or past else frozenset()

    def in_time(self, rule: Rule, facts: QuestionFacts) -> bool:
        """A rule whose main provision belongs to a revoked instrument (PP 53/2010) is for
        acts of its time: the question names an earlier year, names the instrument, or
        speaks of the old law (and of no later year)."""
        main = rule.basis[0].instrument if rule.basis else None
        until = self.revoked.get(main or "")
        if not until:
            return True
        if any(y < until for y in facts.years):
            return True
        kind, number = main.split(" ")[0], main.split(" ")[1].split("/")[0]  # type: ignore[union-attr]
        if re.search(rf"\b{kind.lower()}\s*(?:no\.?\s*|nomor\s*)?{number}(?!\d)", facts.normalised):
            return True
        return facts.past and not any(y >= until for y in facts.years)

    # ------------------------------------------------------------------ deciding

    def floor(self, facts: QuestionFacts) -> float:
        """How close (cosine) a rule sharing a stem with the question must be to answer it."""
        long = len(self.query_text(facts).split()) >= self.t.long_words
        return self.t.min_dense - self.t.long_relief if long else self.t.min_dense

    def strong(self, c: Candidate, floor: float) -> bool:
        """Close enough in absolute terms to answer at all (`floor`: of the question)."""
        return c.dense >= floor if c.lexical > 0 else c.dense >= self.t.min_dense_alone

    def close(self, top: Candidate, other: Candidate) -> bool:
        return other.adjusted >= top.adjusted - self.t.close_dense and other.fused >= top.fused * (1 - self.t.close_fused)

    def may_answer(self, c: Candidate) -> bool:
        """Is the rule close enough to be the answer itself? A permission needs a closer
        match than a prohibition (a wrong "allowed" is dangerous); one that could not be
        the answer does not hold another rule's answer open either, unless it is the closer
        of the two in meaning (then neither answers)."""
        return c.rule.verdict != "allowed" or c.dense >= self.t.min_dense_allowed

    def rival(self, top: Candidate, other: Candidate) -> bool:
        """Is `other`, with another verdict, close enough to leave the answer open? Within the
        wide margins when one allows what the other prohibits, else within the narrow ones."""
        if other.rule.verdict == top.rule.verdict:
            return False
        if {top.rule.verdict, other.rule.verdict} == {"allowed", "prohibited"}:
            return self.close(top, other)
        return other.adjusted >= top.adjusted - self.t.near_dense and other.fused >= top.fused * (1 - self.t.near_fused)

    def decide(self, question: str) -> Decision:
        """The verdict for a question, with the rule (or the alternatives) behind it."""
        facts = analyse(question)
        if facts.domain is None and (named := self._instrument_rx.search(facts.normalised) if self._instrument_rx else None):
            facts = dataclasses.replace(facts, domain=named.group(0))  # it names a law the rules rest on
        cands = self.score(facts) if facts.normalised.strip() else []
        shown = cands[:5]
        if cands and facts.domain is None:
            return Decision("unclear", facts, reasons=["not_about_elections"], candidates=shown)
        # a rule saying the law is unclear is for its narrow situation: only a close match counts, and none whose
        # exception the question states (listening "without attributes", told "in official uniform"); the general duty to
        # stay neutral answers no "may I ...?" (it says nothing of the act asked about)
        pool = [c for c in cands if c.eligible and (c.rule.verdict != "unclear" or (c.dense >= self.t.min_dense_allowed and not c.excepted))
                and not (c.rule.general and facts.asks == "leave")]
        floor = self.floor(facts)
        top = next((c for c in pool if self.strong(c, floor)), None)  # the first that fits and is close enough
        if top is None or top.fused < self._lead(facts, cands, top).fused * (1 - self.t.far_fused):
            why = "no_rule_for_actor" if cands and not pool and any(c.fits for c in cands) else "no_close_rule"
            return Decision("unclear", facts, reasons=[why], candidates=shown)
        if facts.actor_explicit and self._written_for_others(facts.actor, cands, top):
            return Decision("unclear", facts, reasons=["no_rule_for_actor"], candidates=shown)
        top, pool = self._to_the_act(facts, pool, top, floor)
        if (held := self._held_open(cands, top, floor)) is not None:
            return Decision("unclear", facts, held.rule, [Option(top, "rule", top.rule.stages)], ["rule_unclear"], shown)
        def near_to(lead: Candidate) -> list[Candidate]:
            return [lead, *(c for c in pool if c is not lead and self.strong(c, floor) and self.close(lead, c))]

        near = near_to(top)
        spec = {id(c): specificity(c.rule, facts.actor) for c in pool}
        closest = top
        top = self._most_specific(near, closest, spec)  # the rule written for this actor wins
        top = self._written_for_asker(facts, top, pool, spec, floor)  # ...or, with the same verdict, one about as close
        if top is not closest:  # ...unless it is a rule on handling a case and the question asks about the act the case is about
            top, pool = self._to_the_act(facts, pool, top, floor)
        if top.rule.verdict == "allowed" and closest.rule.verdict == "prohibited":
            spec[id(closest)] = spec[id(top)]  # ...but a permission does not silence the closer prohibition: it stays a rival
        if top.rule.general and (act := next((c for c in pool if not c.rule.general and c.rule.elements and self.strong(c, floor) and (
                c in near or (c.adjusted >= top.adjusted - self.t.close_dense and self.may_answer(c)))), None)):
            top = act  # a duty as general as "be neutral" gives way to the rule for the act the question names
        fulfilled = False
        if top.excepted and (lawful := self._lawful(top, near, pool, floor, spec)):
            # it states the exception of the closest prohibition ("he has taken leave"): the permission it leads to
            # answers, and a duty beside it ("he must take leave") is what the question says was done
            top, fulfilled = lawful, True
        if top is not near[0]:  # measured against the rule that now leads
            near = near_to(top)
        rivals = [c for c in near if c is not top and spec[id(c)] >= spec[id(top)] and self.rival(top, c)
                  and not (c.rule.general and not top.rule.general)
                  # a prohibition whose exception the question states ("he is on leave") does not hold open
                  # the permission that exception leads to
                  and not (c.excepted and top.rule.verdict == "allowed") and not (fulfilled and c.rule.verdict == "required")
                  # ...nor a permission whose own exception the question states ("with ministry staff in tow") a prohibition
                  and not (c.excepted and c.rule.verdict == "allowed" and top.rule.verdict == "prohibited")
                  and (self.may_answer(c) or c.adjusted > top.adjusted)]
        others = rivals or [c for c in near if c.rule.verdict == "required" and spec[id(c)] >= spec[id(top)]]
        others = self._beside_what_was_asked(facts, top, others, near, pool, floor, fulfilled)
        if others and (lead := self._answers_what_was_asked(facts, top, others)) is not None:
            top, rivals = lead, []
        if rivals:
            conds = [separating(facts, top.rule, c.rule) for c in rivals]
            if all(conds):
                opts = [Option(top, conds[0], top.rule.condition_values(conds[0]))]  # type: ignore[arg-type]
                opts += [Option(c, k, c.rule.condition_values(k)) for c, k in zip(rivals, conds)]  # type: ignore[arg-type]
                return Decision("depends", facts, top.rule, opts, sorted({f"{k}_decides" for k in conds}), shown)  # type: ignore[misc]
            opts = [Option(c, "rule", c.rule.stages) for c in (top, *rivals)]
            if top.rule.verdict == "unclear":  # the closest rule says the law is unclear here: it stays the answer, the others beside it
                return Decision("unclear", facts, top.rule, opts[1:], ["rule_unclear"], shown)
            return Decision("unclear", facts, None, opts, ["rules_disagree"], shown)
        variants = [Option(c, k, c.rule.condition_values(k)) for c in pool
                    if c is not top and c.rule.verdict == top.rule.verdict and c.rule.basis != top.rule.basis
                    and c.fused >= top.fused * (1 - self.t.close_fused) and self.strong(c, floor)
                    and (k := separating(facts, top.rule, c.rule))]
        if top.rule.verdict == "unclear":
            return Decision("unclear", facts, top.rule, [], ["rule_unclear"], shown, variants)
        if top.excepted:  # it tells the rule's exception: the rule is shown, its verdict is not given (`_when_excepted`)
            return self._when_excepted(facts, top, pool, floor, spec, shown, variants)
        if top.rule.verdict == "allowed" and not self._permits(top, cands, facts) and facts.asked is None:
            # (a question asking whether one may report or refuse has named its act: only rules with it fit)
            return Decision("unclear", facts, reasons=["no_close_rule"], candidates=shown)
        return Decision(top.rule.verdict, facts, top.rule, [], [], shown, variants)

    @staticmethod
    def _most_specific(near: list[Candidate], closest: Candidate, spec: dict[int, int]) -> Candidate:
        """Of the rules close to the lead, the one written most closely for the asker's actor. A rule
        saying the law is unclear wins so only when it is the closest: behind a closer rule with a
        verdict it can only hold that answer open as a rival ("watch the debate on KPU's channel at
        home" is the voter's permission, not the unclear rule on attending a rally, though that one
        names PNS and the permission binds ASN); nor does a permission whose exception the question states
        (a guest's permission, when the candidate hands out envelopes at the party)."""
        fit = [c for c in near if c is closest or (c.rule.verdict != "unclear" and not (c.excepted and c.rule.verdict == "allowed"))]
        most = max(spec[id(c)] for c in fit)
        return next(c for c in fit if spec[id(c)] == most)

    def _written_for_asker(self, facts: QuestionFacts, top: Candidate, pool: list[Candidate], spec: dict[int, int],
                           floor: float) -> Candidate:
        """A rule that binds the named asker only as any person ("warga": money politics, a campaign team's duty)
        gives way to one written for them or their group with the same verdict, about as close in meaning (a village
        head handing out a pair's aid answers to his own ban, UU 10/2016 Pasal 71 ayat (1), more than to the ban on
        anyone giving money): the verdict stays, the provision and the sanction become theirs. It must share the
        question's words about as well, or it speaks of another act (a PPPK's ban on campaigning, for a PPPK who
        was handed an envelope); and not when the question states an exception of either rule."""
        if not facts.actor_explicit or spec[id(top)] != 1 or top.excepted:
            return top
        return next((c for c in pool if spec[id(c)] >= 2 and c.rule.verdict == top.rule.verdict and not c.excepted
                     and self.strong(c, floor) and c.adjusted >= top.adjusted - self.t.close_dense
                     and c.fused >= top.fused * (1 - self.t.far_fused) and c.lexical >= top.lexical * self.t.own_lexical), top)

    def _lawful(self, top: Candidate, near: list[Candidate], pool: list[Candidate], floor: float,
                spec: dict[int, int]) -> Candidate | None:
        """The permission the stated exception of `top` leads to: one close behind it, or a farther
        one whose provision the exception cites ("not running" -> UU 10/2016 Pasal 70 ayat (2))."""
        return next((c for c in (*near, *pool) if c.rule.verdict == "allowed" and not c.excepted
                     and (c in near or (self.strong(c, floor) and top.rule.exception_cites(c.rule)))
                     and self.may_answer(c) and spec[id(c)] >= spec[id(top)]), None)

    def _when_excepted(self, facts: QuestionFacts, top: Candidate, pool: list[Candidate], floor: float, spec: dict[int, int],
                       shown: list[Candidate], variants: list[Option]) -> Decision:
        """The question states the exception of the rule that leads: that rule is shown without its verdict. Unless
        the rule is a duty the exception meets and the question tells another act as well: a regional head "on
        campaign leave" has met the duty to take it, and what is asked is the official car he campaigns in (UU 10/2016
        Pasal 70 ayat (3) huruf b); the prohibition for it answers, one that names an element the duty does not,
        written as closely for the actor and not too far behind. (A permission or a ban excepted is what is asked.)"""
        other = top.rule.verdict == "required" and next((
            c for c in pool if c is not top and c.rule.verdict == "prohibited" and not c.excepted and self.strong(c, floor)
            and set(c.rule.elements) - set(top.rule.elements) - {SIDE} and spec[id(c)] >= spec[id(top)]
            and c.fused >= top.fused * (1 - self.t.far_fused)), None)
        if other:
            return Decision(other.rule.verdict, facts, other.rule, [], [], shown)
        return Decision("unclear", facts, top.rule, [], ["exception_stated"], shown, variants)

    def _permits(self, top: Candidate, cands: list[Candidate], facts: QuestionFacts) -> bool:
        """Is the permission close enough to be the answer? At `min_dense_allowed`, always; a
        little farther (`min_dense_allowed_nearest`: short questions, "pns boleh nyoblos?",
        sit there) only when no prohibition that fits the question, whoever it binds, is closer
        in meaning: a closer prohibition for another actor (a mayor's decisions, a soldier's
        vote) says the question may well be about that act, and a wrong "allowed" is dangerous.
        A closer duty or permission ("ASN must be neutral", in "we must be neutral, so no
        voting?") says nothing of the kind; nor does any ban when the asker has said they are a
        private citizen (retired, "not a civil servant") and the permission is written for one, or
        when the question names a political official (a minister, a regent) and the permission
        written for them leads the ranking (the civil servants' ban on campaigning is no rival there).
        Never when a permission close behind, for an act the question speaks of, is taken out of it by
        the side the question names: a call to vote is allowed when it names no pair, and a status
        "jangan lupa coblos 02" names one; one's own vote, which leads, does not answer for that call."""
        if any(c is not top and c.eligible and c.excepted and c.rule.verdict == "allowed" and SIDE in c.rule.unless
               and SIDE not in top.rule.unless and c.fused >= top.fused * (1 - self.t.close_fused) for c in cands):
            return False
        if top.dense >= self.t.min_dense_allowed:
            return True
        citizen = facts.actor_explicit and facts.actor == "warga" and "warga" in top.rule.actors
        official = facts.actor_explicit and facts.actor in ("pejabat-negara", "kepala-daerah") and facts.actor in top.rule.actors and top is cands[0]
        return top.dense >= self.t.min_dense_allowed_nearest and (citizen or official or not any(
            c is not top and c.fits and c.rule.verdict == "prohibited" and c.dense > top.dense for c in cands))

    def _to_the_act(self, facts: QuestionFacts, pool: list[Candidate], top: Candidate,
                    floor: float) -> tuple[Candidate, list[Candidate]]:
        """The leading rule and the pool after `_act_of_the_case`: when the act's prohibition
        takes the lead, the rules on handling cases leave the pool."""
        if (act := self._act_of_the_case(facts, pool, top, floor)) is None:
            return top, pool
        return act, [c for c in pool if PROCEDURE not in c.rule.elements]

    def _act_of_the_case(self, facts: QuestionFacts, pool: list[Candidate], top: Candidate, floor: float) -> Candidate | None:
        """A question that tells an act (taken for a side: a candidate, a pair, a party) which a
        rule on handling cases answers first, while it asks about the act: it asks whether the
        act was a breach ("is this a violation, and who would punish him?"), or names a year
        before a revoked regulation ended ("which regulation applies to my 2019 case?"; its
        conditions say how an old case is handled). The verdict is the act's, from the prohibition
        close behind written most closely for the asker's actor (of those, the closest). A
        superior asking about their staff's case asks about the handling."""
        if PROCEDURE not in top.rule.elements:
            return None
        old = any(y < end for y in facts.years for end in self.revoked.values())
        if not (old or (asks_breach(facts.asking) and not facts.handler)):
            return None
        if SIDE not in self.spoken(facts):
            return None  # "my 2019 violation ...": no act told, the handling is what is asked
        acts = [c for c in pool if PROCEDURE not in c.rule.elements and c.rule.verdict == "prohibited" and self.strong(c, floor)
                and c.fused >= top.fused * (1 - self.t.close_fused)]
        return max(acts, key=lambda c: specificity(c.rule, facts.actor)) if acts else None  # the one written for the actor; else the closest

    def _duties_beside(self, top: Candidate, others: list[Candidate], near: list[Candidate], pool: list[Candidate],
                       floor: float) -> list[Candidate]:
        """`others` and the duties that may answer a question asking what someone must do: those
        close to `top` (a duty asked about, "does he have to let us vote?", may bind another than
        the asker), and the duty side of the very provision `top` rests on, however far behind
        (UU 10/2016 Pasal 182B: "must he let us vote?" beside "he may not keep us from voting")."""
        duties = [c for c in near if c.rule.verdict == "required" and c is not top and c not in others]
        duties += [c for c in pool if c.rule.verdict == "required" and c is not top and c not in others and c not in duties
                   and top.rule.basis and c.rule.basis[:1] == top.rule.basis[:1] and self.strong(c, floor)]
        return [*others, *duties]

    def _bans_beside(self, top: Candidate, others: list[Candidate], near: list[Candidate], pool: list[Candidate],
                     floor: float) -> list[Candidate]:
        """`others` and the bans that may answer a question asking whether something may be done
        where a duty leads: the ban of the duty's own article close to it, or any ban close behind
        ("is the regent allowed to do this reshuffle?" beside his duty to take campaign leave),
        unless the duty is one of handling a case (its act is not what is asked) or of one who
        runs ("may he stay in office while running?": he must resign)."""
        any_ban = not {PROCEDURE, RUNNING} & set(top.rule.elements)
        return [*others, *(c for c in pool if c.rule.verdict == "prohibited" and c not in others and self.strong(c, floor) and (
            (c in near and same_article(c.rule, top.rule)) or (any_ban and c.fused >= top.fused * (1 - self.t.close_fused))))]

    def _beside_what_was_asked(self, facts: QuestionFacts, top: Candidate, others: list[Candidate], near: list[Candidate],
                               pool: list[Candidate], floor: float, fulfilled: bool) -> list[Candidate]:
        """`others` and what the question asks for beside `top`: the duties close to it when it asks
        what one must do, the bans beside a duty when it asks "may I?"; never a duty the question
        says is met ("on a holiday, must he still take leave?": the permission it leads to answers)."""
        if facts.asks == "duty":
            others = self._duties_beside(top, others, near, pool, floor)
        elif facts.asks == "leave" and top.rule.verdict == "required":
            others = self._bans_beside(top, others, near, pool, floor)
        return [c for c in others if not (fulfilled and c.excepted and c.rule.verdict == "required")]

    @staticmethod
    def _answers_what_was_asked(facts: QuestionFacts, top: Candidate, others: list[Candidate]) -> Candidate | None:
        """A prohibition and a duty close together do not contradict each other ("joining a
        party is prohibited" / "one who wants to join must resign first"): the one that answers
        what the question asks for (leave: the prohibition; duty: the duty) leads. A permission
        and a duty ("a regent may campaign" / "he must take leave to") lead to the duty when
        the question asks what one must do; asked "may I?", they still disagree (the duty may
        be the condition the permission needs, or another act's). A duty asked about answers
        beside a permission and a ban that disagree ("does he have to let us vote, or can he
        keep us at work?": the voter's permission, the ban on keeping workers from the polls,
        the superior's duty). `others`: the rivals of `top`, or, with none, the duties close
        to it; asked for a duty, also the duties close to it written for another actor."""
        close = [top, *others]
        verdicts = {c.rule.verdict for c in close}
        # (a duty whose exception the question states, "sworn in eight months ago", is no answer to "must I?"; nor is a
        # duty as general as "be neutral" beside the permission of the act told: "should I skip voting to stay neutral?")
        general_aside = top.rule.verdict == "allowed" and not top.rule.general
        if facts.asks == "duty" and "unclear" not in verdicts and (duty := next((
                c for c in close if c.rule.verdict == "required" and not c.excepted and not (c.rule.general and general_aside)), None)):
            return duty
        if facts.asks == "leave" and verdicts == {"prohibited", "required"}:
            return next(c for c in close if c.rule.verdict == "prohibited")
        return None

    @staticmethod
    def _lead(facts: QuestionFacts, cands: list[Candidate], top: Candidate) -> Candidate:
        """The rule the answer may not be far behind: the closest of all; when the question asks
        about an act of the asker's own ("as her boss, what must I do?"), the closest rule for
        that act (the story's own rules answer no such question); when it names the actor, the
        closest rule that binds them ("polisi emang boleh gitu?"). An answer whose act the
        question tells in two or more elements ("bilang pilih paslon 1" to the family: a side
        and an appeal) is measured only against the rules whose elements the question tells too:
        a closer rule on an act it does not name is a story's echo, not the act asked about."""
        # (the closest rule for the act asked that the question fits: a step of handling a case whose own element the
        # question does not name is no rule for the handling asked about)
        # (nor is a rule for months the question does not tell: "more than six months before" is the edge of a ban)
        told = [c for c in cands if c.element_ok or not TOLD_ONLY & set(c.rule.elements)] or cands
        if len(top.rule.elements) >= 2 and top.element_ok:
            told = [c for c in told if c.element_ok] or told
        lead = next((c for c in cands if facts.asked[0] in c.rule.elements and c.element_ok), top) if facts.asked else told[0]
        if facts.actor_explicit and not lead.actor_ok:
            lead = next((c for c in told if c.actor_ok), lead)
        return lead

    def _held_open(self, cands: list[Candidate], top: Candidate, floor: float) -> Candidate | None:
        """A rule saying the law is unclear that ranks above the answer, fits the asker and is
        close to it: its narrow situation is the one asked about more than the answer's is, so
        the card says the law is unclear rather than give the farther rule's verdict."""
        for c in cands:
            if c is top:
                return None
            if c.eligible and c.rule.verdict == "unclear" and not c.excepted and self.strong(c, floor) and self.close(top, c):
                return c
        return None

    def _written_for_others(self, actor: str, cands: list[Candidate], top: Candidate) -> bool:
        """The act asked about has rules, but for other actors: the closest rule for this
        one is clearly behind the closest rule for anyone (an actor the law does not name
        for the act is not answered with the nearest rule that does name them). A rule that
        binds them only as any person ("warga") answers an actor the rule base has no rule
        for only when it comes about as close as that rule: the ASN rules say nothing of
        honorary staff, and a rule on campaign teams involving ASN does not answer whether
        they may join one."""
        best = next((c for c in cands if c.fits and (c.actor_ok or not c.rule.binds(actor))), None)
        if best is None or best is top or best.actor_ok:
            return False

        def behind(c: Candidate) -> bool:
            return c.adjusted < best.adjusted - self.t.actor_gap and c.fused < best.fused * (1 - self.t.close_fused)

        if top.rule.bond(actor) >= 2 or any(c.eligible and c.rule.bond(actor) >= 2 for c in cands):
            return behind(top)
        # no rule is written for them or their group (honorary staff): an any-person rule must be about the closest
        return top.adjusted < best.adjusted - self.t.actor_gap_anyone
