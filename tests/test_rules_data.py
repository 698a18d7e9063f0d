"""The reviewed rule base (corpus/rules/*.toml) against its schema (corpus/rules/README.md)
and against the bundled corpus: every citation must point at a passage our rendered PDFs hold.

Self-contained on purpose (tomllib, pypdf and kb.render only): the engine's own loader and
`kb rules check` may change, this file keeps checking the data."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from kb.render import load_regulation, render_corpus, source_files, tomllib

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "corpus" / "rules"
RULE_FILES = sorted(RULES_DIR.glob("*.toml"))

ACTORS = {"PNS", "CPNS", "PPPK", "ASN", "kepala-desa", "perangkat-desa", "kepala-daerah", "pejabat-negara",
          "pejabat-asn", "TNI-Polri", "penyelenggara", "honorer", "karyawan-bumn", "calon", "warga"}
STAGES = {"any", "bakal-calon", "kampanye", "masa-tenang", "pemungutan", "setelah"}
ELECTIONS = {"any", "pemilu", "pilkada"}
VERDICTS = {"prohibited", "required", "allowed", "unclear"}
LEVELS = {"disiplin-ringan", "disiplin-sedang", "disiplin-berat", "moral", "pidana", "administratif",
          "pemberhentian", "none", "unclear"}
TWINS = ("act", "situations", "conditions", "exceptions", "sanction", "enforcer", "report", "misconceptions", "unclear_why")
KNOWN = {"id", "actors", "verdict", "stages", "elections", "elements", "unless", "basis", "sanction_level", "sanction_basis", "reviewed", "flag", "general", "when_asked", "stage_told"} | {
    f"{t}_{lang}" for t in TWINS for lang in ("id", "en")}
LISTS = {"situations", "misconceptions"}

CITATION = re.compile(
    r"^(?P<penjelasan>Penjelasan )?(?P<type>[A-Z][A-Za-z]*) (?P<num>\d+)/(?P<year>\d{4}) "
    r"(?:Pasal (?P<pasal>\d+[A-Z]?)(?P<subs>(?: ayat \(\d+[a-z]?\))?(?:(?: huruf [a-z]\d?)?(?: angka \d+)?|(?: angka \d+)(?: huruf [a-z]\d?)))"
    r"|Butir (?P<butir>\d+[a-z]?))$"
)
# Sub-references in the order the citation gives them; each opens a paragraph of its own kind.
SUBREF = {
    "ayat": (lambda v: f"({v}) ", r"\(\d+[a-z]?\) "),
    "huruf": (lambda v: f"{v}. ", r"[a-z]\d?\. "),
    "angka": (lambda v: f"{v}. ", r"\d+[a-z]?\. "),
}
REVIEWED = re.compile(r"^(?:official: shared/corpus/regulations/(?P<file>[a-z0-9-]+\.pdf) pp?\. (?P<pages>\d+(?:[-,] ?\d+)*)(?:; .+)?"
                      r"|summary only: .+|secondary sources only(?:: .+)?)$")


def _rules() -> list[tuple[str, dict]]:
    out = []
    for path in RULE_FILES:
        with path.open("rb") as f:
            data = tomllib.load(f)
        assert set(data) <= {"rule", "element"}, f"{path.name}: only [[rule]] and [[element]] tables are expected, got {sorted(data)}"
        out += [(path.name, r) for r in data.get("rule", [])]
    return out


RULES = _rules()
IDS = [f"{r.get('id', '?')}" for _f, r in RULES]


# ---------------------------------------------------------------------------- the corpus the citations point at


@lru_cache(maxsize=1)
def _instruments() -> dict[str, Path]:
    """'PP 94/2021' -> its source TOML (one per regulation summary)."""
    regs, _ruls = source_files(ROOT / "corpus" / "src")
    out = {}
    for src in regs:
        reg = load_regulation(src)
        out[f"{reg.type} {reg.number}/{reg.year}"] = src
    return out


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """Render the bundled sources and split each PDF's text into articles:
    'PP 94/2021' -> {'Pasal 5': [lines...], ...} (what the index will hold)."""
    out_dir = tmp_path_factory.mktemp("rendered")
    render_corpus(ROOT / "corpus" / "src", out_dir)
    result: dict[str, dict[str, list[str]]] = {}
    for name, src in _instruments().items():
        pdf = out_dir / "regulations" / f"{load_regulation(src).stem}.pdf"
        lines = [ln.strip() for p in PdfReader(pdf).pages for ln in (p.extract_text() or "").splitlines() if ln.strip()]
        arts: dict[str, list[str]] = {}
        current = None
        for ln in lines:
            if re.fullmatch(r"(Pasal|Butir) \S+", ln):
                current = ln
                arts[current] = []
            elif current and not re.fullmatch(r"- \d+ -", ln):
                arts[current].append(ln)
        result[name] = arts
    return result


def _resolve(citation: str, articles: dict[str, dict[str, list[str]]]) -> str | None:
    """None when the citation points at a passage of the rendered corpus, else the reason."""
    m = CITATION.match(citation)
    if not m:
        return "malformed"
    inst = f"{m['type']} {m['num']}/{m['year']}"
    if inst not in articles:
        return f"no summary of {inst} in corpus/src"
    heading = f"Butir {m['butir']}" if m["butir"] else f"Pasal {m['pasal']}"
    lines = articles[inst].get(heading)
    if lines is None:
        return f"{inst} has no {heading}"
    pos, end = 0, len(lines)
    for kind, marker in re.findall(r"(ayat|huruf|angka) \(?([0-9a-z]+)\)?", m["subs"] or ""):
        own, sibling = SUBREF[kind]
        hit = next((i for i in range(pos, end) if lines[i].startswith(own(marker))), None)
        if hit is None:
            return f"{inst} {heading}: {kind} {marker!r} not found where expected"
        # the next sibling at the same level closes this one's scope
        pos, end = hit + 1, next((i for i in range(hit + 1, end) if re.match(sibling, lines[i])), end)
    if m["penjelasan"]:  # our summaries give the elucidation as a paragraph opening "Penjelasan <sub-reference>"
        text = " ".join(lines)
        where = (m["subs"] or "").strip()
        if not re.search(r"Penjelasan " + re.escape(where), text):
            return f"{inst} {heading}: no Penjelasan of {where!r} in the summary"
    return None


# ---------------------------------------------------------------------------- tests


def test_rule_files_and_count() -> None:
    assert RULE_FILES, "no corpus/rules/*.toml"
    # the issue asked for 60-100; the second pass (every prohibition per actor it binds) reached ~125,
    # the steps of a disciplinary case (PP 94/2021 Pasal 26-38) ~135, the irrevocable resignation 151
    assert 60 <= len(RULES) <= 160, f"{len(RULES)} rules; expected 60-160"


def test_ids_unique_and_well_formed() -> None:
    assert len(set(IDS)) == len(IDS), sorted({i for i in IDS if IDS.count(i) > 1})
    for i in IDS:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i), f"bad id {i!r}"


@pytest.mark.parametrize(("fname", "rule"), RULES, ids=IDS)
def test_rule_fields(fname: str, rule: dict) -> None:
    rid = rule.get("id")
    unknown = set(rule) - KNOWN
    assert not unknown, f"{fname} {rid}: unknown fields {sorted(unknown)}"
    for key in ("id", "actors", "verdict", "act_id", "act_en", "situations_id", "situations_en", "reviewed"):
        assert rule.get(key), f"{fname} {rid}: missing {key}"
    verdict = rule["verdict"]
    assert verdict in VERDICTS
    assert rule["actors"] and set(rule["actors"]) <= ACTORS, f"{rid}: actors {rule['actors']}"
    assert set(rule.get("stages", ["any"])) <= STAGES, f"{rid}: stages {rule.get('stages')}"
    assert set(rule.get("elections", ["any"])) <= ELECTIONS, f"{rid}: elections {rule.get('elections')}"
    for t in TWINS:  # every _id has its _en twin, lists are lists, strings are non-empty
        a, b = rule.get(f"{t}_id"), rule.get(f"{t}_en")
        assert (a is None) == (b is None), f"{rid}: {t}_id and {t}_en must come together"
        if a is None:
            continue
        if t in LISTS:
            assert isinstance(a, list) and isinstance(b, list) and all(isinstance(x, str) and x.strip() for x in a + b)
        else:
            assert isinstance(a, str) and isinstance(b, str) and a.strip() and b.strip(), f"{rid}: {t}"
            assert a != b, f"{rid}: {t}_id and {t}_en are identical"
    for lang in ("id", "en"):
        sits = rule[f"situations_{lang}"]
        assert len(sits) >= 4, f"{rid}: at least 4 situations_{lang}"
        assert len({s.strip().lower() for s in sits}) == len(sits), f"{rid}: duplicate situations_{lang}"
    assert not set(map(str.lower, rule["situations_id"])) & set(map(str.lower, rule["situations_en"]))
    if verdict == "prohibited":
        for key in ("sanction_level", "sanction_id", "sanction_en", "enforcer_id", "enforcer_en"):
            assert rule.get(key), f"{rid}: a prohibition needs {key}"
    if verdict == "required":
        assert rule.get("enforcer_id"), f"{rid}: a duty needs its enforcer"
    if verdict == "unclear":
        assert rule.get("unclear_why_id"), f"{rid}: say why the law is unclear"
    else:
        assert rule.get("basis"), f"{rid}: a {verdict} verdict needs its basis"
    if "sanction_level" in rule:
        assert rule["sanction_level"] in LEVELS, f"{rid}: sanction_level {rule['sanction_level']}"
    m = REVIEWED.match(rule["reviewed"])
    assert m, f"{rid}: reviewed must be 'official: shared/corpus/regulations/<file> p. N', 'summary only: ...' or 'secondary sources only'"
    if rule["reviewed"].startswith("secondary"):
        assert rule.get("flag") == "secondary", f"{rid}: a rule confirmed only by secondary sources is flagged"
    assert rule.get("flag") in (None, "secondary")


def test_resolver_checks_nesting(articles: dict) -> None:
    """The check itself: a sub-reference must sit inside its parent, in the order cited."""
    for good in ("PP 94/2021 Pasal 5 huruf n angka 7", "PP 94/2021 Pasal 8 ayat (4) huruf c",
                 "Penjelasan PP 94/2021 Pasal 5 huruf n angka 1", "Penjelasan UU 10/2016 Pasal 71 ayat (2)",
                 "PP 53/2010 Pasal 4 angka 12 huruf d", "UU 7/2017 Pasal 280 ayat (2) huruf f", "SKB 2/2022 Butir 5"):
        assert _resolve(good, articles) is None, (good, _resolve(good, articles))
    for bad in ("PP 94/2021 Pasal 5 huruf n angka 9",  # no such angka
                "PP 94/2021 Pasal 8 ayat (2) huruf c angka 1",  # huruf c of ayat (2) has no angka
                "PP 94/2021 Pasal 13 huruf g angka 1",
                "PP 53/2010 Pasal 4 angka 13 huruf c",  # angka 13 has only a and b
                "PP 53/2010 Pasal 4 angka 14 huruf a",
                "Penjelasan PP 94/2021 Pasal 5 huruf n angka 5",  # the summary has no elucidation of angka 5
                "UU 7/2017 Pasal 999", "SKB 2/2022 Butir 99", "PP 94/2021 Pasal 5 angka 1x", "UU 1/2099 Pasal 1"):
        assert _resolve(bad, articles) is not None, bad


@pytest.mark.parametrize(("fname", "rule"), RULES, ids=IDS)
def test_citations_resolve_in_the_rendered_corpus(fname: str, rule: dict, articles: dict) -> None:
    for key in ("basis", "sanction_basis"):
        for cit in rule.get(key, []):
            why = _resolve(cit, articles)
            assert why is None, f"{fname} {rule['id']}: {key} {cit!r}: {why}"


@pytest.mark.parametrize(("fname", "rule"), RULES, ids=IDS)
def test_official_review_names_the_instrument_it_read(fname: str, rule: dict) -> None:
    """'official: .../pp-94-2021.pdf p. 5' must be the file of an instrument the rule cites."""
    m = REVIEWED.match(rule["reviewed"])
    if not m or not m["file"]:
        pytest.skip("not reviewed against an official text")
    stem = m["file"][:-4]
    cited = {re.sub(r"^(?:Penjelasan )?(\w+) (\d+)/(\d{4}).*$", r"\1-\2-\3", c).lower() for c in rule.get("basis", []) + rule.get("sanction_basis", [])}
    assert stem in cited, f"{rule['id']}: reviewed against {stem} but cites {sorted(cited)}"


def test_rules_on_revoked_law_say_when_they_apply() -> None:
    """A rule resting only on revoked instruments must say in its conditions which acts it covers."""
    status = {name: load_regulation(src).status for name, src in _instruments().items()}
    for _f, rule in RULES:
        insts = {re.sub(r"^Penjelasan | (Pasal|Butir) .*$", "", c) for c in rule.get("basis", [])}
        if insts and all(status.get(i) == "dicabut" for i in insts):
            assert rule.get("conditions_id"), f"{rule['id']} rests only on revoked law but has no conditions"


def test_no_situation_with_two_verdicts() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for _f, rule in RULES:
        for s in rule["situations_id"] + rule["situations_en"]:
            key = re.sub(r"\W+", " ", s.lower()).strip()
            if key in seen and seen[key][1] != rule["verdict"]:
                pytest.fail(f"{s!r} is a situation of {seen[key][0]} ({seen[key][1]}) and {rule['id']} ({rule['verdict']})")
            seen.setdefault(key, (rule["id"], rule["verdict"]))


def test_official_pages_exist() -> None:
    shared = ROOT.parent / "shared" / "corpus" / "regulations"
    if not shared.is_dir():
        pytest.skip("shared/ corpus not available")
    for _f, rule in RULES:
        m = REVIEWED.match(rule["reviewed"])
        if not m or not m["file"]:
            continue
        pdf = shared / m["file"]
        assert pdf.is_file(), f"{rule['id']}: {m['file']} is not in shared/"
        n_pages = len(PdfReader(pdf).pages)
        for p in re.findall(r"\d+", m["pages"]):
            assert 1 <= int(p) <= n_pages, f"{rule['id']}: {m['file']} has no page {p}"


# ---------------------------------------------------------------------------- coverage of the law (second pass)


def _main(rule: dict) -> str:
    return (rule.get("basis") or [""])[0]


def _cites(rule: dict, key: str = "basis") -> list[str]:
    return [re.sub(r"^Penjelasan ", "", c) for c in rule.get(key, [])]


def test_every_pp94_election_prohibition_has_a_rule_for_pns_and_cpns() -> None:
    for k in range(1, 8):
        cite = f"PP 94/2021 Pasal 5 huruf n angka {k}"
        bound = set().union(*[set(r["actors"]) for _f, r in RULES if r["verdict"] == "prohibited" and _main(r) == cite] or [set()])
        assert {"PNS", "CPNS"} <= bound, f"{cite}: no prohibited rule with it as main basis for PNS and CPNS (found {sorted(bound)})"


def test_pp94_sanction_levels_follow_pasal_13_and_14() -> None:
    """Angka 2 is medium (Pasal 13 huruf g); angka 3-7 heavy (Pasal 14 huruf i angka 1-5);
    angka 1 has no level in Pasal 12-14, so a rule resting on it alone cannot claim one."""
    for _f, r in RULES:
        m = re.fullmatch(r"PP 94/2021 Pasal 5 huruf n angka (\d)", _main(r))
        if not m or r["verdict"] != "prohibited":
            continue
        k, level, sb = int(m[1]), r["sanction_level"], r.get("sanction_basis", [])
        if k == 1:
            assert level in ("unclear", "moral"), f"{r['id']}: angka 1 has no level in PP 94/2021, got {level}"
        elif k == 2:
            assert level == "disiplin-sedang" and "PP 94/2021 Pasal 13 huruf g" in sb, r["id"]
        else:
            assert level == "disiplin-berat" and f"PP 94/2021 Pasal 14 huruf i angka {k - 2}" in sb, r["id"]


# provision -> the actors that must each have a prohibited (or, for 7(2)(t), required) rule citing it
BINDS = {
    "UU 7/2017 Pasal 280 ayat (3)": {"ASN", "TNI-Polri", "kepala-desa", "perangkat-desa"},
    "UU 7/2017 Pasal 280 ayat (2)": {"warga"},
    "UU 7/2017 Pasal 282": {"pejabat-negara", "pejabat-asn", "kepala-desa"},
    "UU 7/2017 Pasal 283 ayat (1)": {"pejabat-negara", "ASN"},
    "UU 10/2016 Pasal 70 ayat (1)": {"warga", "PNS", "PPPK", "TNI-Polri", "kepala-desa", "perangkat-desa"},
    "UU 10/2016 Pasal 71 ayat (1)": {"pejabat-negara", "kepala-daerah", "pejabat-asn", "TNI-Polri", "kepala-desa"},
    "UU 10/2016 Pasal 7 ayat (2) huruf t": {"PNS", "TNI-Polri", "kepala-desa"},
}


def test_each_listed_provision_has_a_rule_per_actor_it_binds() -> None:
    for cite, actors in BINDS.items():
        verdicts = ("required",) if "huruf t" in cite else ("prohibited",)
        found = set()
        for _f, r in RULES:
            if r["verdict"] in verdicts and any(c.startswith(cite) for c in _cites(r)):
                found |= set(r["actors"])
        assert actors <= found, f"{cite}: no {verdicts[0]} rule for {sorted(actors - found)}"


CRIMES = ("UU 7/2017 Pasal 490", "UU 7/2017 Pasal 493", "UU 7/2017 Pasal 494", "UU 7/2017 Pasal 521", "UU 7/2017 Pasal 547",
          "UU 1/2015 Pasal 188", "UU 1/2015 Pasal 189", "UU 10/2016 Pasal 182B", "UU 10/2016 Pasal 187A",
          # polling day: voting twice or as another, accompanying a voter who needs no help or telling the choice of one
          # helped, altering the count, a KPPS withholding the witnesses' copies
          "UU 10/2016 Pasal 178A", "UU 10/2016 Pasal 178B", "UU 10/2016 Pasal 178E", "UU 10/2016 Pasal 178G", "UU 10/2016 Pasal 178H",
          "UU 10/2016 Pasal 193")


def test_criminal_articles_are_attached_and_every_crime_names_its_article() -> None:
    attached = {c for _f, r in RULES for c in r.get("sanction_basis", [])}
    for crime in CRIMES:
        assert any(a.startswith(crime) for a in attached), f"{crime} is the sanction of no rule"
    for _f, r in RULES:
        if r.get("sanction_level") == "pidana":
            assert any(c.startswith(CRIMES) for c in r.get("sanction_basis", [])), f"{r['id']}: a crime without its article"


def test_the_law_s_permissions_have_rules() -> None:
    allowed = [r for _f, r in RULES if r["verdict"] == "allowed"]
    cited = {c for r in allowed for c in r.get("basis", [])}
    assert "Penjelasan PP 94/2021 Pasal 5 huruf n angka 1" in cited  # attending as a listener, without attributes
    assert any(c.startswith("UU 7/2017 Pasal 198") for c in cited)  # voting
    assert any(c.startswith("UU 10/2016 Pasal 70 ayat (2)") for c in cited)  # regional heads campaigning with permission
    assert any(c.startswith("UU 7/2017 Pasal 299") for c in cited)  # state officials campaigning in a general election
    assert any("warga" in r["actors"] for r in allowed)  # a relative who is no civil servant


def test_rules_binding_pppk_do_not_apply_pns_discipline_levels_silently() -> None:
    """PP 94/2021 is written for PNS (and CPNS): a rule that binds PPPK (by name or as ASN) and
    carries a disciplinary level must say what holds for a PPPK."""
    for _f, r in RULES:
        if {"PPPK", "ASN"} & set(r["actors"]) and str(r.get("sanction_level", "")).startswith("disiplin"):
            assert "PPPK" in r["sanction_id"] and "PPPK" in r["sanction_en"], r["id"]
