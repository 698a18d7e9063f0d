"""The rule base (kb.rules), citations resolved against an index (kb.provisions) and
`kb rules check`: validation errors name file and rule, every fixture citation resolves to a
quoted clause, official texts win over our summaries, contradicting rules are found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.build import build_index
from kb.chunk import Chunk
from kb.cli import app
from kb.config import Settings
from kb.index import DocRecord
from kb.provisions import IndexSnapshot, Provisions, check_rules, find_conflicts
from kb.rules import RuleError, load_rules, parse_rule_citation, read_rules
from kb.structure import DocMeta
from tests.helpers import HashEmbedder

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "rules_fixture.toml"

GOOD = '''
[[rule]]
id = "{id}"
actors = {actors}
verdict = "{verdict}"
act_id = "ikut kampanye"
act_en = "campaigning"
situations_id = [{sit_id}]
situations_en = ["joining a rally", "campaigning for a candidate", "speaking at a rally", "handing out leaflets"]
stages = {stages}
basis = ["PP 94/2021 Pasal 5 huruf n angka 1"]
sanction_level = "disiplin-sedang"
sanction_id = "hukuman disiplin sedang"
sanction_en = "medium disciplinary punishment"
enforcer_id = "PPK"
enforcer_en = "the personnel authority"
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"
'''
SITS = '"ikut rapat umum calon", "kampanye untuk calon bupati", "pidato di panggung kampanye", "bagi selebaran calon"'


def rule_toml(id: str = "r-one", actors: str = '["PNS"]', verdict: str = "prohibited", stages: str = '["any"]', sit_id: str = SITS) -> str:
    return GOOD.format(id=id, actors=actors, verdict=verdict, stages=stages, sit_id=sit_id)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus indexed with the stand-in embedder (texts and structure are real)."""
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("rules-bundled"))
    build_index(s, embedder=HashEmbedder(), progress=False)
    return s


# ---------------------------------------------------------------------------- reading


def test_fixture_rule_base_loads_typed() -> None:
    base = load_rules(FIXTURE.parent)
    r = base.by_id["pns-fasilitas-negara-kampanye"]
    assert r.verdict == "prohibited" and r.actors == ("PNS", "CPNS") and r.stages == ("any",)
    assert r.basis[0].instrument == "PP 94/2021" and r.basis[0].parts == (("huruf", "n"), ("angka", "4"))
    assert [c.text for c in r.sanction_basis] == ["PP 94/2021 Pasal 14 huruf i angka 2", "PP 94/2021 Pasal 8 ayat (4)"]
    assert r.sanction and r.sanction.get("en").startswith("heavy") and r.sanction.get("id").startswith("hukuman")
    assert len(r.situations.id) == 4 and len(r.situations.en) == 4
    assert base.by_id["pns-like-unggahan-bakal-calon"].flag == "secondary"
    assert len(base.digest) == 64


@pytest.mark.parametrize(
    ("table", "says"),
    [
        (rule_toml().replace('act_en = "campaigning"\n', ""), "act_id has no twin act_en"),
        (rule_toml(actors='["PNS", "lurah"]'), "unknown actor(s) 'lurah'"),
        (rule_toml(stages='["kampanye", "sesudah"]'), "unknown stage(s) 'sesudah'"),
        (rule_toml().replace('stages = ["any"]', 'stages = ["any"]\nelections = ["pileg"]'), "unknown election(s) 'pileg'"),
        (rule_toml(verdict="forbidden"), "verdict must be one of"),
        (rule_toml(sit_id='"ikut rapat umum calon"'), "situations_id needs at least 4 phrasings (has 1)"),
        (rule_toml().replace("PP 94/2021 Pasal 5 huruf n angka 1", "PP 94/2021 pasal 5 n 1"), "is not a citation in the form"),
        (rule_toml().replace('sanction_level = "disiplin-sedang"\n', ""), "sanction_level is required for verdict 'prohibited'"),
        (rule_toml().replace('reviewed = "summary only', 'reviewed = "secondary sources only'), 'set flag = "secondary"'),
        (rule_toml().replace('verdict = "prohibited"', 'verdict = "prohibited"\ncolour = "red"'), "unknown field(s) colour"),
        (rule_toml(id="R One"), "id must be lower-case words joined by hyphens"),
    ],
)
def test_validation_errors_name_file_and_rule(tmp_path: Path, table: str, says: str) -> None:
    folder = write(tmp_path / "rules", "pp-94.toml", table)
    with pytest.raises(RuleError) as err:
        load_rules(folder)
    msg = str(err.value)
    assert str(folder / "pp-94.toml") in msg and says in msg
    assert "rule r-one" in msg or "R One" in msg or "#1" in msg


def test_all_problems_are_collected_and_duplicates_named_across_files(tmp_path: Path) -> None:
    folder = write(tmp_path / "rules", "a.toml", rule_toml("same-id"))
    write(folder, "b.toml", rule_toml("same-id") + rule_toml("bad-one", verdict="maybe"))
    write(folder, "c.toml", "[[rule]\nid = 'x'")
    base, problems = read_rules(folder)
    lines = [str(p) for p in problems]
    assert any(f"{folder / 'b.toml'}: rule same-id: duplicate id (also in {folder / 'a.toml'})" == x for x in lines)
    assert any(x.startswith(f"{folder / 'b.toml'}: rule bad-one: verdict must be one of") for x in lines)
    assert any(x.startswith(f"{folder / 'c.toml'}: not valid TOML") for x in lines)
    assert [r.id for r in base] == ["same-id"]  # only the valid, first one is kept
    with pytest.raises(RuleError, match="more problem"):
        load_rules(folder)


def test_missing_folder_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no rule folder"):
        load_rules(tmp_path / "absent")


@pytest.mark.parametrize(
    ("text", "instrument", "article", "parts", "butir"),
    [
        ("PP 94/2021 Pasal 5 huruf n angka 1", "PP 94/2021", "5", (("huruf", "n"), ("angka", "1")), None),
        ("UU 7/2017 Pasal 280 ayat (2) huruf f", "UU 7/2017", "280", (("ayat", "2"), ("huruf", "f")), None),
        ("UU 1/2015 Pasal 187A", "UU 1/2015", "187A", (), None),
        ("PP 11/2017 Pasal 254 ayat (1a)", "PP 11/2017", "254", (("ayat", "1a"),), None),
        ("PP 53/2010 Pasal 4 angka 15 huruf a", "PP 53/2010", "4", (("angka", "15"), ("huruf", "a")), None),
        ("SKB 2/2022 Butir 2", "SKB 2/2022", None, (), "2"),
    ],
)
def test_rule_citations_parse(text: str, instrument: str, article: str | None, parts: tuple, butir: str | None) -> None:
    c = parse_rule_citation(text)
    assert c is not None and (c.instrument, c.article, c.parts, c.butir) == (instrument, article, parts, butir)


@pytest.mark.parametrize("text", ["PP 94/2021", "Pasal 5 huruf n", "PP 94/2021 Pasal 5 huruf n angka 1 dan 2", "PP 94/2021 Pasal 5 n", "KUHP Pasal 5"])
def test_rule_citations_refuse_other_forms(text: str) -> None:
    assert parse_rule_citation(text) is None


# ---------------------------------------------------------------------------- resolving


def test_fixture_citations_resolve_to_quoted_clauses(bundled: Settings) -> None:
    base = load_rules(FIXTURE.parent)
    snap = IndexSnapshot.current(bundled.index_dir)
    assert snap is not None and check_rules(base, snap) == []
    prov = Provisions.of(snap)
    q = prov.resolve(base.by_id["pns-fasilitas-negara-kampanye"].basis[0])
    assert q is not None and q.citation == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert "fasilitas negara" in q.text and q.text.startswith("n. ")  # the list's lead-in, then the item
    assert q.page and q.source == "regulations/pp-94-2021.pdf" and not q.official
    assert q.label("en") == "our summary, not the official text" and q.anchor == "pasal-5--huruf-n-angka-4"
    skb = prov.resolve(parse_rule_citation("SKB 2/2022 Butir 2"))
    assert skb is not None and skb.citation == "SKB 2/2022 Butir 2"


def test_amended_article_resolves_in_the_amending_law(bundled: Settings) -> None:
    prov = Provisions.of(IndexSnapshot.current(bundled.index_dir))
    q = prov.resolve(parse_rule_citation("UU 1/2015 Pasal 71 ayat (1)"))
    assert q is not None and q.citation.startswith("UU 10/2016 Pasal 71 ayat (1)")


def test_unresolved_citations_are_reported_with_the_reason(tmp_path: Path, bundled: Settings) -> None:
    text = rule_toml().replace(
        'basis = ["PP 94/2021 Pasal 5 huruf n angka 1"]',
        'basis = ["PP 94/2021 Pasal 5 huruf n angka 9", "PP 94/2021 Pasal 99", "PP 7/2030 Pasal 1"]',
    )
    base = load_rules(write(tmp_path / "rules", "x.toml", text))
    lines = [str(p) for p in check_rules(base, IndexSnapshot.current(bundled.index_dir))]
    assert len(lines) == 3 and all("rule r-one: basis" in x for x in lines)
    assert "has no clause huruf n angka 9" in lines[0]
    assert "PP 94/2021 has no indexed Pasal 99" in lines[1]
    assert "no indexed document is PP 7/2030" in lines[2]


def _doc(source: str, summary: bool) -> DocRecord:
    return DocRecord(source, "0" * 64, 1, DocMeta("regulation", "PP", "94", 2021, "Disiplin", summary=summary, status="berlaku"))


def _chunk(source: str, text: str, page: int) -> Chunk:
    return Chunk(source, "regulation", "body", "5", "PP 94/2021 Pasal 5", "", text, [page])


def test_official_text_is_quoted_when_it_holds_the_clause() -> None:
    body = "PNS dilarang:\nn. memberikan dukungan kepada calon dengan cara:\n1. ikut kampanye;\n2. menjadi peserta kampanye dengan atribut;"
    docs = {"o.pdf": _doc("o.pdf", False), "s.pdf": _doc("s.pdf", True)}
    snap = IndexSnapshot(docs, [_chunk("s.pdf", body, 2), _chunk("o.pdf", body, 7)])
    q = Provisions.of(snap).resolve(parse_rule_citation("PP 94/2021 Pasal 5 huruf n angka 2"))
    assert q is not None and q.official and q.source == "o.pdf" and q.page == 7 and q.label("id") == "teks resmi"
    ocr_damaged = "PNS dilarang:\nn. memberikan dukungan kepada calon dengan cara: 1 ikut kampanye 2 menjadi peserta"
    snap = IndexSnapshot(docs, [_chunk("s.pdf", body, 2), _chunk("o.pdf", ocr_damaged, 7)])
    q = Provisions.of(snap).resolve(parse_rule_citation("PP 94/2021 Pasal 5 huruf n angka 2"))
    assert q is not None and not q.official and q.source == "s.pdf"  # the summary, labelled as ours


def test_elucidations_resolve_in_the_official_penjelasan_or_our_summary_note() -> None:
    docs = {"o.pdf": _doc("o.pdf", False), "s.pdf": _doc("s.pdf", True)}
    official = Chunk(
        "o.pdf", "regulation", "penjelasan", "5", "Penjelasan PP 94/2021 Pasal 5", "",
        "Huruf m Cukup jelas. Huruf n Angka 1 PNS hadir sebagai pendengar saja. Angka 2 Yang dimaksud atribut ialah seragam.", [29],
    )
    summary = _chunk("s.pdf", "n. PNS tidak boleh mendukung calon:\n1. ikut kampanye;\n"
                     "Penjelasan huruf n angka 1: hadir hanya untuk mendengar, tanpa atribut. Penjelasan huruf n angka 2: atribut.", 2)
    cit = parse_rule_citation("Penjelasan PP 94/2021 Pasal 5 huruf n angka 1")
    q = Provisions.of(IndexSnapshot(docs, [summary, official])).resolve(cit)
    assert q is not None and q.official and q.page == 29 and q.text == "PNS hadir sebagai pendengar saja."
    assert q.citation == "Penjelasan PP 94/2021 Pasal 5 huruf n angka 1"
    q = Provisions.of(IndexSnapshot({"s.pdf": docs["s.pdf"]}, [summary])).resolve(cit)
    assert q is not None and not q.official and q.text == "Penjelasan huruf n angka 1: hadir hanya untuk mendengar, tanpa atribut."
    assert q.citation == "Penjelasan PP 94/2021 Pasal 5 huruf n angka 1"
    ayat = _chunk("s.pdf", "(1) Pejabat tidak boleh.\n(2) Kepala daerah tidak boleh mengganti pejabat.\n"
                  "Penjelasan ayat (1): pejabat menurut UU ASN. Penjelasan ayat (2): hanya mutasi dalam jabatan.", 3)
    q = Provisions.of(IndexSnapshot({"s.pdf": docs["s.pdf"]}, [ayat])).resolve(parse_rule_citation("Penjelasan PP 94/2021 Pasal 5 ayat (2)"))
    assert q is not None and q.text == "Penjelasan ayat (2): hanya mutasi dalam jabatan."
    none = Provisions.of(IndexSnapshot(docs, [summary, official]))
    assert none.resolve(parse_rule_citation("Penjelasan PP 94/2021 Pasal 5 huruf n angka 3")) is None
    assert "has no elucidation of huruf n angka 3" in none.unresolved_reason(parse_rule_citation("Penjelasan PP 94/2021 Pasal 5 huruf n angka 3"))


# ---------------------------------------------------------------------------- contradictions


def test_same_situation_with_opposite_verdicts_is_a_conflict(tmp_path: Path) -> None:
    folder = write(tmp_path / "rules", "a.toml", rule_toml("no-campaign") + rule_toml("yes-campaign", verdict="allowed"))
    problems = find_conflicts(load_rules(folder))
    assert len(problems) == 1 and "same situation as rule yes-campaign" in str(problems[0])
    assert str(problems[0]).startswith(f"{folder / 'a.toml'}: rule no-campaign:")


def test_rules_apart_by_actor_or_stage_do_not_conflict(tmp_path: Path) -> None:
    by_actor = rule_toml("no-campaign") + rule_toml("yes-campaign", actors='["kepala-daerah"]', verdict="allowed")
    assert find_conflicts(load_rules(write(tmp_path / "a", "a.toml", by_actor))) == []
    by_stage = rule_toml("no-quiet", stages='["masa-tenang"]') + rule_toml("yes-campaign", stages='["kampanye"]', verdict="allowed")
    assert find_conflicts(load_rules(write(tmp_path / "b", "b.toml", by_stage))) == []
    by_election = rule_toml("no-pemilu").replace('stages = ["any"]', 'elections = ["pemilu"]') + rule_toml(
        "yes-pilkada", verdict="allowed").replace('stages = ["any"]', 'elections = ["pilkada"]')
    assert find_conflicts(load_rules(write(tmp_path / "d", "d.toml", by_election))) == []
    asn_vs_pns = rule_toml("no-campaign", actors='["ASN"]') + rule_toml("yes-campaign", verdict="allowed")
    assert len(find_conflicts(load_rules(write(tmp_path / "c", "c.toml", asn_vs_pns)))) == 1  # a rule for ASN binds a PNS


# ---------------------------------------------------------------------------- kb rules check


def test_cli_rules_check(tmp_path: Path, bundled: Settings) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["--index", str(bundled.index_dir), "rules", "check", "--rules", str(FIXTURE.parent)])
    assert ok.exit_code == 0, ok.output
    assert "12 rules" in ok.output and "every citation resolves" in ok.output
    bad = write(tmp_path / "rules", "x.toml", rule_toml("no-campaign") + rule_toml("yes-campaign", verdict="allowed").replace("angka 1", "angka 9"))
    res = runner.invoke(app, ["--index", str(bundled.index_dir), "rules", "check", "--rules", str(bad)])
    assert res.exit_code == 1
    lines = [x for x in res.stdout.splitlines() if x.strip()]
    assert len(lines) == 2 and "does not resolve" in lines[0] and "same situation" in lines[1]
    none = runner.invoke(app, ["--index", str(tmp_path / "no-index"), "rules", "check", "--rules", str(FIXTURE.parent)])
    assert none.exit_code == 1 and "no index: citations not checked" in none.stdout
    missing = runner.invoke(app, ["rules", "check", "--rules", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no rule folder" in missing.output and "Traceback" not in missing.output


@pytest.mark.slow
def test_real_rule_base_checks_clean_against_the_bundled_corpus(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The project's own rules (corpus/rules/*.toml), when present: schema, every citation
    resolving in the bundled corpus, no contradictions."""
    folder = ROOT / "corpus" / "rules"
    if not list(folder.glob("*.toml")):
        pytest.skip("no corpus/rules/*.toml yet")
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("rules-real"))
    build_index(s, embedder=HashEmbedder(), progress=False)
    base, problems = read_rules(folder)
    found = check_rules(base, IndexSnapshot.current(s.index_dir), problems)
    assert [str(p) for p in found] == []


def test_fixture_copy_is_independent(tmp_path: Path) -> None:
    """The digest follows the files: a copy with one changed line has another digest."""
    a = write(tmp_path / "a", FIXTURE.name, FIXTURE.read_text())
    b = tmp_path / "b"
    shutil.copytree(a, b)
    (b / FIXTURE.name).write_text(FIXTURE.read_text().replace("ikut kampanye calon bupati di lapangan", "ikut kampanye di alun-alun", 1))
    assert load_rules(a).digest == load_rules(FIXTURE.parent).digest != load_rules(b).digest
