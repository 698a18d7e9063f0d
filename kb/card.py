"""The answer card: a matcher's decision written out for a reader, in the question's language.

Everything on the card comes from one reviewed rule (or, for "it depends", from each of
the rules the condition chooses between): the verdict in plain words, who it applies to,
the act, the provision with its quotation (the official text when indexed, else our
summary, labelled as ours), the sanction in plain words with its citations, who enforces
it, where to report, conditions, exceptions and common misconceptions. Nothing is read
from the wording of a passage.

`Card.to_json()` keeps the fields the answer scorer reads: `verdict` (prohibited /
required / allowed / unclear / depends), `provision.citation` (the main basis),
`sanctions[].citation` and, for "depends", `alternatives[]` with verdict, condition,
provision and sanctions. A card with no verdict of its own that lists close rules ("several
rules fit equally well") gives the closest one's provision and sanctions there, as "depends"
gives its first branch's: the law to read first, no verdict resting on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .provisions import Provisions, Quote
from .rulematch import Decision, Option, RuleMatcher
from .rules import Rule, RuleCitation, Text
from .rulings import PILKADA

if TYPE_CHECKING:
    from .urls import Urls

VERDICT_WORDS = {
    "prohibited": {"id": "Dilarang", "en": "Prohibited"},
    "required": {"id": "Wajib", "en": "Required"},
    "allowed": {"id": "Boleh", "en": "Allowed"},
    "unclear": {"id": "Tidak ada aturan yang jelas", "en": "No clear rule"},
    "depends": {"id": "Tergantung", "en": "It depends"},
}

# actor -> its label, per language
ACTOR_WORDS: dict[str, dict[str, str]] = {
    "PNS": {"id": "PNS", "en": "civil servants (PNS)"},
    "CPNS": {"id": "CPNS", "en": "probationary civil servants (CPNS)"},
    "PPPK": {"id": "PPPK", "en": "contract civil servants (PPPK)"},
    "ASN": {"id": "ASN (PNS dan PPPK)", "en": "all civil servants (ASN: PNS and PPPK)"},
    "kepala-desa": {"id": "kepala desa", "en": "village heads"},
    "perangkat-desa": {"id": "perangkat desa", "en": "village officials"},
    "kepala-daerah": {"id": "kepala daerah dan wakilnya (gubernur, bupati, wali kota)", "en": "regional heads and deputies (governors, regents, mayors)"},
    "pejabat-negara": {"id": "pejabat negara", "en": "state officials"},
    "pejabat-asn": {"id": "pejabat ASN (camat, lurah, kepala dinas, sekda)", "en": "ASN officials (camat, lurah, heads of agencies)"},
    "TNI-Polri": {"id": "anggota TNI/Polri", "en": "soldiers and police officers"},
    "penyelenggara": {"id": "penyelenggara pemilu", "en": "election officials"},
    "honorer": {"id": "tenaga honorer (bukan ASN)", "en": "honorary staff (not ASN)"},
    "karyawan-bumn": {"id": "karyawan BUMN/BUMD (bukan ASN)", "en": "employees of state- or region-owned enterprises (not ASN)"},
    "calon": {"id": "calon dan tim kampanyenya", "en": "candidates and their campaign teams"},
    "warga": {"id": "setiap orang", "en": "anyone"},
}
STAGE_WORDS = {
    "any": {"id": "kapan saja", "en": "at any time"},
    "bakal-calon": {"id": "sebelum KPU menetapkan calon", "en": "before the election commission (KPU) confirms the candidates"},
    "kampanye": {"id": "pada masa kampanye", "en": "during the campaign period"},
    "masa-tenang": {"id": "pada masa tenang", "en": "during the quiet period"},
    "pemungutan": {"id": "pada hari pemungutan suara", "en": "on voting day"},
    "setelah": {"id": "setelah pemungutan suara", "en": "after the vote"},
}
ELECTION_WORDS = {
    "any": {"id": "pemilu atau pilkada", "en": "a general or regional election"},
    "pemilu": {"id": "pemilu (Presiden, DPR, DPD, DPRD)", "en": "a general election (President, DPR, DPD, DPRD)"},
    "pilkada": {"id": "pilkada (gubernur, bupati, wali kota)", "en": "a regional election (governor, regent, mayor)"},
}
# The election laws: a rule for both kinds of election may rest on a provision of each; the card
# leads with the one of the election the question is about.
ELECTION_LAWS = {"pemilu": ("UU 7/2017",), "pilkada": PILKADA}


def for_election(basis: tuple[RuleCitation, ...], election: str | None) -> tuple[RuleCitation, ...]:
    """The rule's basis with the provision of the question's election first, when the rule
    leads with the other election's law (a provision of another kind, PP 94/2021, stays first)."""
    other = next((laws for e, laws in ELECTION_LAWS.items() if e != election), ()) if election in ELECTION_LAWS else ()
    if not basis or basis[0].instrument not in other:
        return basis
    own = next((c for c in basis if c.instrument in ELECTION_LAWS[election]), None)  # type: ignore[index]
    return basis if own is None else (own, *(c for c in basis if c is not own))


LEVEL_WORDS = {
    "disiplin-ringan": {"id": "hukuman disiplin ringan", "en": "light disciplinary punishment"},
    "disiplin-sedang": {"id": "hukuman disiplin sedang", "en": "medium disciplinary punishment"},
    "disiplin-berat": {"id": "hukuman disiplin berat", "en": "heavy disciplinary punishment"},
    "moral": {"id": "sanksi moral (kode etik)", "en": "moral sanction (code of ethics)"},
    "pidana": {"id": "pidana", "en": "criminal penalty"},
    "administratif": {"id": "sanksi administratif", "en": "administrative sanction"},
    "pemberhentian": {"id": "pemberhentian", "en": "dismissal"},
    "none": {"id": "tanpa sanksi", "en": "no sanction"},
    "unclear": {"id": "sanksi tidak jelas", "en": "sanction unclear"},
}
# The sanction's meaning in a few words, for the card's first line ("Dilarang. Sanksi:
# hukuman disiplin berat, sampai pemberhentian"); the rule's own text follows below it.
LEVEL_SHORT = {
    "disiplin-ringan": {"id": "hukuman disiplin ringan (teguran)", "en": "light disciplinary punishment (a reprimand)"},
    "disiplin-sedang": {"id": "hukuman disiplin sedang", "en": "medium disciplinary punishment"},
    "disiplin-berat": {"id": "hukuman disiplin berat, sampai pemberhentian", "en": "heavy disciplinary punishment, up to dismissal"},
    "moral": {"id": "sanksi moral (pernyataan terbuka atau tertutup)", "en": "a moral sanction (a public or private statement)"},
    "administratif": {"id": "sanksi administratif", "en": "an administrative sanction"},
}

REASON_WORDS = {
    "no_close_rule": {
        "id": "Tidak ada aturan dalam basis aturan kami yang cukup dekat dengan pertanyaan ini.",
        "en": "No rule in our rule base is close enough to this question.",
    },
    "not_about_elections": {
        "id": "Pertanyaan ini tampaknya bukan tentang pemilu, pilkada, atau netralitas; basis aturan kami hanya mencakup itu.",
        "en": "This question does not seem to be about elections or political neutrality, which is all our rule base covers.",
    },
    "no_rule_for_actor": {
        "id": "Ada aturan untuk perbuatan yang mirip, tetapi tidak untuk {actor}.",
        "en": "There are rules for similar acts, but none for {actor}.",
    },
    "rules_disagree": {
        "id": "Beberapa aturan dengan jawaban berbeda sama-sama cocok; pertanyaannya belum cukup rinci untuk memilih.",
        "en": "Several rules with different answers fit equally well; the question does not say enough to choose.",
    },
    "rule_unclear": {"id": "Hukumnya sendiri tidak memberi jawaban yang jelas.", "en": "The law itself gives no clear answer."},
    "exception_stated": {
        "id": "Pertanyaan ini menyebut keadaan yang menurut aturan ini dikecualikan: {exceptions}",
        "en": "The question describes a case this rule makes an exception for: {exceptions}",
    },
    "stage_decides": {"id": "Jawabannya tergantung tahap pemilihan.", "en": "The answer depends on the stage of the election."},
    "election_decides": {
        "id": "Jawabannya tergantung jenis pemilihannya (pemilu atau pilkada).",
        "en": "The answer depends on the kind of election (general or regional).",
    },
}
DISCLAIMER = {
    "id": "Ini bukan nasihat hukum. Jawaban ini berasal dari aturan yang kami tulis dan periksa terhadap teks "
    "yang disebut; baca kutipannya (dan naskah resminya) sebelum bertindak.",
    "en": "This is not legal advice. The answer comes from a rule we wrote and checked against the texts named; "
    "read the quotation (and the official text) before acting on it.",
}


@dataclass
class Cited:
    """A citation on the card, with its quotation when it resolves to an indexed clause."""

    citation: str  # as the rule names it: "PP 94/2021 Pasal 5 huruf n angka 1"
    quote: Quote | None

    def to_json(self, lang: str, urls: Urls | None = None) -> dict[str, Any]:
        """The citation and its quotation; with `urls`, the clause's place in the document
        view and the PDF (`doc_url`, `pdf_url`; null when it does not resolve)."""
        q = self.quote
        out = {
            "citation": self.citation,
            "resolved": q is not None,
            "quoted_from": q.citation if q else None,
            "text": q.text if q else None,
            "source": q.source if q else None,
            "page": q.page if q else None,
            "official": q.official if q else None,
            "label": q.label(lang) if q else None,
            "status": q.status if q else None,
            "anchor": q.anchor if q else None,
        }
        if urls is not None:
            out["doc_url"] = urls.doc(q.source, q.anchor) if q else None
            out["pdf_url"] = urls.pdf(q.source, q.page) if q else None
        return out


def _cite(c: RuleCitation, prov: Provisions | None) -> Cited:
    return Cited(c.text, prov.resolve(c) if prov else None)


def _t(x: Text | None, lang: str) -> str | None:
    return x.get(lang) if x else None


@dataclass
class Alternative:
    """One branch of "it depends": the condition, and what the rule says under it."""

    verdict: str
    condition: str  # "stage" | "election" | "rule"
    value: list[str]  # the actor(s) or stage(s)
    condition_text: str  # "Jika Anda kepala desa" / "If the candidates are not yet confirmed"
    rule: str
    act: str
    provision: Cited | None
    sanctions: list[Cited]
    penalty: str | None
    followup: str | None  # the question asked again with the condition filled in

    def to_json(self, lang: str, urls: Urls | None = None) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "verdict_text": VERDICT_WORDS[self.verdict][lang],
            "condition": self.condition,
            **({"elections": self.value} if self.condition == "election" else {"stages": self.value}),
            "condition_text": self.condition_text,
            "rule": self.rule,
            "act": self.act,
            "provision": self.provision.to_json(lang, urls) if self.provision else None,
            "sanctions": [s.to_json(lang, urls) for s in self.sanctions],
            "penalty": self.penalty,
            "followup": self.followup,
        }


@dataclass
class Card:
    query: str
    lang: str
    verdict: str
    rule: Rule | None
    provision: Cited | None
    basis: list[Cited]
    sanctions: list[Cited]
    alternatives: list[Alternative]
    variants: list[Alternative]  # same verdict, another provision if an open condition (stage, election) differs
    reasons: list[str]
    reason_text: list[str]
    asker: dict[str, Any]
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def _rule_text(self, name: str) -> str | None:
        return _t(getattr(self.rule, name), self.lang) if self.rule else None

    @property
    def applies_to(self) -> list[str]:
        return [ACTOR_WORDS[a][self.lang] for a in self.rule.actors] if self.rule else []

    def summary(self) -> str:
        """One plain sentence: what the card says."""
        en = self.lang == "en"
        if self.verdict == "depends":
            parts = [f"{a.condition_text}: {VERDICT_WORDS[a.verdict][self.lang].lower()}" for a in self.alternatives]
            return f"{VERDICT_WORDS['depends'][self.lang]}. " + "; ".join(parts) + "."
        if self.verdict == "unclear" or not self.rule:
            return " ".join(self.reason_text)
        who = ", ".join(self.applies_to)
        cit = f" ({self.provision.citation})" if self.provision else ""
        word = VERDICT_WORDS[self.verdict][self.lang]
        return f"{word} for {who}: {self.rule.act.en}{cit}." if en else f"{word} bagi {who}: {self.rule.act.id}{cit}."

    def to_json(self, urls: Urls | None = None) -> dict[str, Any]:
        """The card as `/api/answer` returns it; with `urls`, each quoted clause carries
        its `doc_url` and `pdf_url`."""
        r, lang = self.rule, self.lang
        return {
            "query": self.query,
            "lang": lang,
            "verdict": self.verdict,
            "verdict_text": VERDICT_WORDS[self.verdict][lang],
            "summary": self.summary(),
            "rule": r.id if r else None,
            "applies_to": self.applies_to,
            "actors": list(r.actors) if r else [],
            "stages": [STAGE_WORDS[s][lang] for s in r.stages if s != "any"] if r else [],
            "elections": [ELECTION_WORDS[e][lang] for e in r.elections if e != "any"] if r else [],
            "asker": self.asker,
            "act": self._rule_text("act"),
            "provision": self.provision.to_json(lang, urls) if self.provision else None,
            "basis": [b.to_json(lang, urls) for b in self.basis],
            "penalty": {
                "level": r.sanction_level, "level_text": LEVEL_WORDS[r.sanction_level][lang], "text": self._rule_text("sanction"),
                "short": penalty_short(r, lang),
            } if r and r.sanction_level else None,
            "sanctions": [s.to_json(lang, urls) for s in self.sanctions],
            "enforcer": self._rule_text("enforcer"),
            "report": self._rule_text("report"),
            "conditions": self._rule_text("conditions"),
            "exceptions": self._rule_text("exceptions"),
            "misconceptions": list(r.misconceptions.get(lang)) if r else [],
            "unclear_why": self._rule_text("unclear_why"),
            "flag": r.flag if r else None,
            "reviewed": r.reviewed if r else None,
            "alternatives": [a.to_json(lang, urls) for a in self.alternatives],
            "variants": [a.to_json(lang, urls) for a in self.variants],
            "reasons": self.reasons,
            "reason_text": self.reason_text,
            "candidates": self.candidates,
            "disclaimer": DISCLAIMER[lang],
        }


# ---------------------------------------------------------------------------- building


def penalty_short(rule: Rule, lang: str) -> str | None:
    """The sanction in a few words: the level's meaning, or (a crime, a dismissal) the
    first clause of the rule's own sanction text; None when there is none or it is unclear."""
    level = rule.sanction_level
    if level in LEVEL_SHORT:
        return LEVEL_SHORT[level][lang]
    if level in ("pidana", "pemberhentian") and rule.sanction:
        first = re.split(r"(?<=[.;])\s", rule.sanction.get(lang), maxsplit=1)[0].rstrip(".;")
        return first if len(first) <= 160 else LEVEL_WORDS[level][lang]
    return None


def _followup(question: str, opt: Option, lang: str) -> str | None:
    if opt.condition == "stage" and opt.value and opt.value[0] != "any":
        return f"{question} ({STAGE_WORDS[opt.value[0]][lang]})"
    if opt.condition == "election" and opt.value and opt.value[0] != "any":
        return f"{question} ({ELECTION_WORDS[opt.value[0]][lang]})"
    return None


def _condition_text(opt: Option, lang: str) -> str:
    if opt.condition in ("stage", "election"):
        words = STAGE_WORDS if opt.condition == "stage" else ELECTION_WORDS
        told = " / ".join(words[s][lang] for s in opt.value)
        return f"If {told}" if lang == "en" else f"Jika {told}"
    return opt.candidate.rule.act.get(lang)


def _alternative(question: str, opt: Option, lang: str, prov: Provisions | None, election: str | None) -> Alternative:
    r = opt.candidate.rule
    return Alternative(
        verdict=r.verdict, condition=opt.condition, value=list(opt.value), condition_text=_condition_text(opt, lang),
        rule=r.id, act=r.act.get(lang), provision=_cite(for_election(r.basis, election)[0], prov) if r.basis else None,
        sanctions=[_cite(c, prov) for c in r.sanction_basis], penalty=_t(r.sanction, lang),
        followup=_followup(question, opt, lang),
    )


def build_card(question: str, decision: Decision, prov: Provisions | None = None) -> Card:
    """The card for a decision; quotations come from `prov` (None: citations only)."""
    f = decision.facts
    lang = f.lang
    r = decision.rule if decision.verdict != "depends" else None
    alts = [_alternative(question, o, lang, prov, f.election) for o in decision.options]  # for "unclear": the close rules
    reason_text = []
    for code in decision.reasons:
        if code == "rule_unclear" and decision.rule and decision.rule.unclear_why:
            reason_text.append(decision.rule.unclear_why.get(lang))
        elif code == "exception_stated" and decision.rule and decision.rule.exceptions:
            reason_text.append(REASON_WORDS[code][lang].format(exceptions=decision.rule.exceptions.get(lang)))
        else:
            reason_text.append(REASON_WORDS[code][lang].format(actor=ACTOR_WORDS[f.actor][lang]))
    basis = [_cite(c, prov) for c in for_election(r.basis, f.election)] if r else []
    main = alts[0] if r is None and alts else None  # "depends", or an "unclear" that lists the close rules
    return Card(
        query=question, lang=lang, verdict=decision.verdict, rule=r,
        provision=basis[0] if basis else (main.provision if main else None),
        basis=basis,
        sanctions=[_cite(c, prov) for c in r.sanction_basis] if r else (main.sanctions if main else []),
        alternatives=alts, variants=[_alternative(question, o, lang, prov, f.election) for o in decision.variants],
        reasons=list(decision.reasons), reason_text=reason_text,
        asker={"actor": f.actor, "explicit": f.actor_explicit, "words": f.actor_words, "label": ACTOR_WORDS[f.actor][lang],
               "stage": f.stage, "stage_words": f.stage_words, "election": f.election, "election_words": f.election_words,
               "person": f.person},
        candidates=[c.to_json() for c in decision.candidates],
    )


class RuleCards:
    """The card maker of one index generation (`kb.library.CardMaker`): its rules matched
    (`kb.rulematch.RuleMatcher`), their citations resolved in its articles
    (`kb.provisions.Provisions`). Built once per generation; `warm` resolves every
    citation, so no request pays for reading an article."""

    def __init__(self, matcher: RuleMatcher, prov: Provisions):
        self.matcher = matcher
        self.prov = prov

    def answer(self, query: str) -> Card:
        return build_card(query, self.matcher.decide(query), self.prov)

    def warm(self) -> None:
        for r in self.matcher.rules:
            for c in (*r.basis, *r.sanction_basis):
                self.prov.resolve(c)
