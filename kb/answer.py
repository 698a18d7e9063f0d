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

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .articles import (
    Article,
    ArticleKey,
    ArticleStore,
    Unit,
    anchor_for,
    clause_anchor,
    first_sentence,
    group_key,
    pinned_citation,
    quote,
    trim_noise,
)
from .citations import parse_citation
from .lexical import GENERIC, coverage, query_concepts, terms
from .references import Ref, find_refs, in_spans, ref_match, span_values

if TYPE_CHECKING:
    from .search import Result
    from .urls import Urls

DISCLAIMER = {
    "id": "Ini bukan nasihat hukum. Jawaban ini disusun otomatis dari kutipan dokumen yang diindeks; "
    "baca teks yang dikutip (dan naskah resminya) sebelum bertindak.",
    "en": "This is not legal advice. The answer is assembled automatically from quotations of the "
    "indexed documents; read the cited text (and the official text) before acting on it.",
}

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


def is_sanction(art: Article) -> bool:
    """An article that imposes punishment ("Hukuman Disiplin berat dijatuhkan ...")."""
    lead = art.lead
    return bool(lead and has_sanction(lead.text))


def modality(art: Article, u: Unit) -> tuple[str, str, str, int] | None:
    """The rule wording that governs a clause: its own, else its list's lead-in, else
    the article's opening paragraph ("Berisi larangan bagi PNS ...") unless the clause
    is an ayat (an ayat is a norm of its own); (verdict, strength, words, unit index)."""
    for v in [u, *art.ancestors(u)]:
        if cue := rule_cue(v.text):
            return (*cue, v.index)
    lead = art.lead
    in_ayat = any(k == "ayat" for k, _ in u.path)
    if lead is not None and lead.kind == "para" and lead.index != u.index and not in_ayat and (cue := rule_cue(lead.text)):
        return (*cue, lead.index)
    return None



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

    def to_json(self, urls: Urls | None = None) -> dict[str, Any]:
        """The clause; with `urls`, its addresses in the document view and the PDF too."""
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
            **(urls.clause(self) if urls else {}),
        }


@dataclass
class Answer:
    query: str
    verdict: str  # prohibited | required | allowed | unclear
    provision: Clause | None
    sanctions: list[Clause]
    passages: list[Result]
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

    def to_json(self, urls: Urls | None = None) -> dict[str, Any]:
        """The card; with `urls`, each clause carries its `doc_url` and `pdf_url`."""
        return {
            "query": self.query,
            "verdict": self.verdict,
            "weak": self.weak,
            "reasons": self.reasons,
            "cue": self.cue,
            "strength": self.strength,
            "coverage": self.coverage,
            "summary": {"id": self.summary("id"), "en": self.summary("en")},
            "provision": self.provision.to_json(urls) if self.provision else None,
            "gloss": self.gloss,
            "sanctions": [s.to_json(urls) for s in self.sanctions],
            "passages": [r.rank for r in self.passages],
            "disclaimer": DISCLAIMER,
        }



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
    """Builds answer cards over one index's articles (kb.articles.ArticleStore, whose cache
    makes later answers fast)."""

    TOP_PASSAGES = 5  # regulation passages read for the provision
    MIN_COVERAGE = 0.34  # share of the question's key terms the provision must cover
    MIN_SCORE = 0.3  # fused search score of the best regulation passage
    MAX_SANCTIONS = 3
    SANCTION_WINDOW = 0.6  # sanctions within this much of the best match are shown too

    def __init__(self, store: ArticleStore):
        self.store = store
        self.docs = store.docs
        self._punishers: dict[str, list[_Punisher]] | None = None

    def _aliases(self, source: str) -> dict[str, float]:
        """Names under which a document's articles are referred to, with a small cost for
        the indirect ones: its own, and the laws it amends (an amended article keeps its
        number: UU 10/2016 rewrites Pasal 71 of UU 1/2015)."""
        short = self.store.short(source)
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
        for k in self.store.by_article.get((source, ref.article), []):
            if k[1] != "body":
                continue
            art = self.store.article(k)
            if not ref.parts:
                if art.lead is not None:
                    out.append((art, art.lead))
                continue
            for u in art.units:
                if u.kind != "item" or len(u.path) != len(ref.parts):
                    continue
                have = dict(u.path)
                if all(kind in have and in_spans(have[kind], spans) for kind, spans in ref.parts.items()):
                    out.append((art, u))
        return out

    def _candidates(self, query: str, results: list[Result], concepts: list[frozenset[str]]) -> list[_Candidate]:
        cited_docs, cited_article, wanted = self._cited(query)
        asked = next((v for v, rx in _ASKED if rx.search(query)), None)
        regs = [r for r in results if r.chunk.kind == "regulation"][: self.TOP_PASSAGES]
        best: dict[tuple[ArticleKey, int], _Candidate] = {}
        seen: set[ArticleKey] = set()
        for r in regs:
            key = group_key(r.chunk)
            if key in seen:
                continue
            seen.add(key)
            art = self.store.article(key)
            targets: list[tuple[Article, Unit, float]] = []
            if is_sanction(art) or r.chunk.part == "penjelasan":
                # a punishing article, or an elucidation, points at the rule: follow it there
                for u in art.units:
                    if u.kind == "english" or coverage(concepts, terms(u.text))[1] == 0:
                        continue
                    for ref in find_refs(u.text):
                        if ref.article_hi or (ref.doc and ref.doc != self.store.short(art.first.source)):
                            continue
                        targets.extend((a, t, -0.05) for a, t in self._resolve(art.first.source, ref))
                if r.chunk.part == "penjelasan":
                    for k in self.store.by_article.get((art.first.source, art.first.article or ""), []):
                        if k[1] == "body":
                            body = self.store.article(k)
                            targets.extend((body, u, -0.05) for u in body.units)
            else:
                targets = [(art, u, 0.0) for u in art.units]
            for a, u, bonus in targets:
                if u.kind == "english" or u.body.lower().startswith("penjelasan") or a.is_definitions:
                    continue
                mod = modality(a, u)
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
                own = self.store.short(src)
                for art in self.store.articles_of(src):
                    if art.first.part != "body" or art.first.kind != "regulation":
                        continue
                    for u in art.units:
                        if u.kind == "english":
                            continue
                        if not (is_sanction(art) or has_sanction(u.text) or any(has_sanction(x.text) for x in art.ancestors(u))):
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
                    s += 0.5 if is_sanction(p.article) else 0.0
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
        own_short = self.store.short(art.first.source)
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
                for src in self.store.by_short.get(target, []):
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
        for other in self.store.articles_of(art.first.source):
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

    def answer(self, query: str, results: list[Result]) -> Answer:
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
