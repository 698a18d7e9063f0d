"""The answer card through the library, the one path every face takes: Library.ask ->
kb.rulematch (the rule) -> kb.card (the card), with the rules the index generation carries.

Fast: the stand-in embedder over the bundled corpus, with the fixture rule base (tests/data)
carried into the index. Slow: the real model over the bundled corpus and its own rule base
(corpus/rules), end to end through /api/answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from kb.build import build_index
from kb.config import Settings
from kb.embed import QueryBatcher
from kb.index import current_generation, load_index, read_info
from kb.library import Library, UNCLEAR_PASSAGES
from kb.search import Searcher
from tests.helpers import LEAVE_PNS, OFFICIAL_CAR as FIVE_WAYS, ROOT, RULES_FIXTURE, HashEmbedder, hash_cards

MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"
NONSENSE = ["Apa resep rendang yang enak?", "How do I renew my passport?", "asdf qwer zxcv"]


@pytest.fixture(scope="module")
def lib(fixture_rules_index: Settings) -> Library:
    s = fixture_rules_index
    return Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)


def _card(lib: Library, q: str) -> dict:
    return lib.ask(q).to_json()["answer"]


def test_the_card_is_the_rules_verdict_with_its_quotation_sanction_and_where_to_report(lib: Library) -> None:
    res = lib.ask(MOBIL).to_json()
    c = res["answer"]
    assert (c["verdict"], c["rule"], c["lang"]) == ("prohibited", "pns-fasilitas-negara-kampanye", "id")
    p = c["provision"]
    assert p["citation"] == "PP 94/2021 Pasal 5 huruf n angka 4" and p["resolved"] and "fasilitas negara" in p["text"]
    assert p["label"] == "ringkasan kami, bukan teks resmi" and p["official"] is False
    assert p["doc_url"] == "/docs/regulations--pp-94-2021#pasal-5--huruf-n-angka-4" and p["pdf_url"].startswith("/docs/regulations--pp-94-2021.pdf#page=")
    assert [s["citation"] for s in c["sanctions"]] == ["PP 94/2021 Pasal 14 huruf i angka 2", "PP 94/2021 Pasal 8 ayat (4)"]
    assert all(s["resolved"] and s["doc_url"] for s in c["sanctions"])
    assert c["penalty"]["short"] == "hukuman disiplin berat, sampai pemberhentian" and c["penalty"]["text"].startswith("hukuman disiplin berat")
    assert c["applies_to"] == ["PNS", "CPNS"] and c["enforcer"] == "Pejabat Pembina Kepegawaian" and c["stages"] == []  # any stage
    assert c["asker"] == {**c["asker"], "actor": "PNS", "explicit": True}
    assert len(res["results"]) == 6 and all(r["citation"] for r in res["results"])


def test_the_verdict_never_comes_from_the_passages(lib: Library) -> None:
    """The card is the same whatever passages follow it, and the question's own "boleh"
    or a passage's "dapat" decides nothing."""
    snap = lib.snapshot()
    assert snap.ask(MOBIL, 1).to_json()["answer"] == snap.ask(MOBIL, 12).to_json()["answer"]
    assert _card(lib, "PNS boleh kan memakai mobil dinas untuk kampanye? katanya dapat")["verdict"] == "prohibited"


def test_the_same_act_asked_five_ways_gets_one_verdict(lib: Library) -> None:
    cards = [_card(lib, q) for q in FIVE_WAYS]
    assert {c["verdict"] for c in cards} == {"prohibited"} and {c["rule"] for c in cards} == {"pns-fasilitas-negara-kampanye"}
    assert [c["lang"] for c in cards] == ["id", "en", "id", "id", "id"]
    assert cards[1]["verdict_text"] == "Prohibited" and cards[1]["penalty"]["short"] == "heavy disciplinary punishment, up to dismissal"


def test_changing_only_the_actor_changes_the_verdict_where_the_law_does(lib: Library) -> None:
    pns = _card(lib, "Saya PNS dan sudah cuti, boleh ikut kampanye pada masa kampanye?")
    regent = _card(lib, "Saya bupati dan sudah cuti, boleh ikut kampanye pada masa kampanye?")
    assert pns["verdict"] == "prohibited" and pns["asker"]["actor"] == "PNS"
    assert regent["verdict"] == "allowed" and regent["asker"]["actor"] == "kepala-daerah" and regent["rule"] == "kepala-daerah-kampanye-cuti"
    assert regent["provision"]["citation"] == "UU 10/2016 Pasal 70 ayat (2)"


def test_leave_never_makes_campaigning_lawful_for_a_pns(lib: Library) -> None:
    for q in LEAVE_PNS:
        c = _card(lib, q)
        assert c["verdict"] == "prohibited", q
        assert all(a["verdict"] != "allowed" for a in c["alternatives"] + c["variants"]), q


def test_nonsense_gets_no_clear_rule_and_fewer_passages(lib: Library) -> None:
    for q in NONSENSE:
        res = lib.ask(q).to_json()
        c = res["answer"]
        assert c["verdict"] == "unclear" and c["rule"] is None and c["provision"] is None and c["sanctions"] == [], q
        assert c["reason_text"] and c["verdict_text"] in ("Tidak ada aturan yang jelas", "No clear rule"), q
        assert len(res["results"]) <= UNCLEAR_PASSAGES


def test_an_answer_sends_its_two_questions_to_the_model_in_one_call(fixture_rules_index: Settings) -> None:
    """The passages' question and the rules' question are encoded together (a server's
    QueryBatcher sees both within its window), not one model call after the other."""
    class Counting(HashEmbedder):
        calls: list[int] = []

        def encode_queries(self, texts: list[str]) -> np.ndarray:
            self.calls.append(len(texts))
            return super().encode_queries(texts)

    s = fixture_rules_index
    inner = Counting()
    served = Library(s, Searcher(load_index(s.index_dir), QueryBatcher(inner, window_ms=300), s), hash_cards)
    served.snapshot()  # the rules' own texts are encoded when the card maker is built
    inner.calls.clear()
    res = served.ask("Bolehkah PNS memakai mobil dinas untuk kampanye calon bupati?").to_json()
    assert inner.calls == [2], inner.calls
    plain = Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)  # the same answer without the batcher
    assert res == plain.ask("Bolehkah PNS memakai mobil dinas untuk kampanye calon bupati?").to_json()


def test_depends_lists_each_alternative_with_a_follow_up_that_settles_it(lib: Library) -> None:
    q = "Saya bupati, boleh ikut kampanye?"
    c = _card(lib, q)
    assert c["verdict"] == "depends" and c["reasons"] == ["stage_decides"] and c["reason_text"]
    by_verdict = {a["verdict"]: a for a in c["alternatives"]}
    assert set(by_verdict) == {"allowed", "prohibited"}
    for verdict, alt in by_verdict.items():
        assert alt["condition"] == "stage" and alt["condition_text"].startswith("Jika ") and alt["provision"]["resolved"]
        assert _card(lib, alt["followup"])["verdict"] == verdict  # asked again with the condition filled in
    assert c["provision"]["citation"] == c["alternatives"][0]["provision"]["citation"]


def test_a_generation_carries_the_rules_it_was_checked_with(fixture_rules_index: Settings, tmp_path: Path) -> None:
    gen = current_generation(fixture_rules_index.index_dir)
    assert sorted(p.name for p in (gen / "rules").iterdir()) == ["rules_fixture.toml"]
    info = read_info(gen)["rules"]
    assert info["served"] == 12 and info["excluded"] == [] and len(info["digest"]) == 64
    manifest = json.loads((gen / "manifest.json").read_text())
    assert "rules/rules_fixture.toml" in manifest["files"]
    # a rule whose citation does not resolve in this corpus is left out and reported; an edit makes a new generation
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(RULES_FIXTURE / "rules_fixture.toml", rules)
    (rules / "extra.toml").write_text((RULES_FIXTURE / "rules_fixture.toml").read_text().split("[[rule]]")[0] + _BROKEN)
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path / "index", rules_dir=rules)
    report = build_index(s, embedder=HashEmbedder(), progress=False)
    assert report.rules == 12
    assert [p.source for p in report.problems] == ["rules/extra.toml"] and "PP 94/2021 Pasal 99" in report.problems[0].reason
    assert read_info(current_generation(s.index_dir))["rules"]["excluded"] == ["pns-pasal-yang-tidak-ada"]
    first = current_generation(s.index_dir)
    assert build_index(s, embedder=HashEmbedder(), progress=False).generation == first.name  # nothing changed
    (rules / "extra.toml").unlink()
    again = build_index(s, embedder=HashEmbedder(), progress=False)
    assert again.generation != first.name and again.rules == 12 and again.problems == []


_BROKEN = """
[[rule]]
id = "pns-pasal-yang-tidak-ada"
actors = ["PNS"]
verdict = "prohibited"
act_id = "perbuatan uji"
act_en = "a test act"
situations_id = ["satu", "dua", "tiga", "empat"]
situations_en = ["one", "two", "three", "four"]
basis = ["PP 94/2021 Pasal 99"]
sanction_level = "disiplin-berat"
sanction_id = "uji"
sanction_en = "test"
enforcer_id = "uji"
enforcer_en = "test"
reviewed = "summary only: test"
"""


def test_a_corpus_without_rules_serves_no_clear_rule(bundled_index: Settings, tmp_path: Path) -> None:
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path / "index", rules_dir=tmp_path / "none")
    build_index(s, embedder=HashEmbedder(), progress=False)
    lib = Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)
    c = _card(lib, MOBIL)
    assert c["verdict"] == "unclear" and c["rule"] is None


# ---------------------------------------------------------------------------- the real model, end to end


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from kb.embed import load_embedder

    s = Settings.from_env(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("bundled-real"))
    embedder = load_embedder(s)
    build_index(s, embedder=embedder, progress=False)
    return s, embedder


@pytest.mark.slow
def test_real_model_end_to_end_through_the_api(real) -> None:  # noqa: ANN001
    """The bundled corpus with its own rule base, the real model, through /api/answer."""
    from fastapi.testclient import TestClient

    from kb.search import LiveSearcher
    from kb.web import create_app

    s, embedder = real
    client = TestClient(create_app(s, LiveSearcher(s, embedder)))

    def card(q: str) -> dict:
        r = client.get("/api/answer", params={"q": q})
        assert r.status_code == 200
        return r.json()["answer"]

    five = [card(q) for q in FIVE_WAYS]
    assert {c["verdict"] for c in five} == {"prohibited"}
    assert {c["provision"]["citation"] for c in five} == {"PP 94/2021 Pasal 5 huruf n angka 4"}
    assert all(any(x["citation"].startswith("PP 94/2021 Pasal 14") for x in c["sanctions"]) for c in five)
    assert five[1]["lang"] == "en" and five[1]["verdict_text"] == "Prohibited"
    for q in LEAVE_PNS:
        assert card(q)["verdict"] == "prohibited", q
    regent = card("Saya bupati, boleh ikut kampanye calon gubernur?")
    assert regent["verdict"] == "allowed" and regent["asker"]["actor"] == "kepala-daerah"
    assert card("Saya PNS, boleh ikut kampanye calon gubernur?")["verdict"] == "prohibited"
    for q in NONSENSE:
        assert card(q)["verdict"] == "unclear", q
    # honorary staff are no civil servants, and no provision here says what binds them: "unclear", and why
    honorer = card("Saya tenaga honorer di kantor dinas, bukan PNS dan bukan PPPK. Boleh saya ikut tim kampanye caleg DPRD?")
    assert honorer["verdict"] == "unclear" and honorer["rule"] == "honorer-netralitas-tidak-diatur"
    assert "PNS dan PPPK" in honorer["unclear_why"]
    page = client.get("/ask", params={"q": FIVE_WAYS[1], "lang": "id"}).text  # an English question on the Indonesian UI
    card_html = page[page.index('id="answer"') : page.index('id="passages-h"')]
    assert "Prohibited" in card_html and "Sanction: heavy disciplinary punishment" in card_html and "This is not legal advice" in card_html


def test_the_card_leads_with_the_provision_of_the_election_asked_about() -> None:
    """A rule for both kinds of election rests on a provision of each: a question about a
    general election is shown UU 7/2017 first, one about a regional election UU 10/2016;
    another kind of first provision (PP 94/2021) and an election left open change nothing."""
    from kb.card import for_election
    from kb.rules import parse_rule_citation

    basis = tuple(parse_rule_citation(t) for t in ("UU 10/2016 Pasal 70 ayat (1)", "UU 7/2017 Pasal 280 ayat (2)", "PP 94/2021 Pasal 5 huruf n"))
    assert [c.instrument for c in for_election(basis, "pemilu")] == ["UU 7/2017", "UU 10/2016", "PP 94/2021"]  # type: ignore[union-attr]
    assert for_election(basis, "pilkada") == basis and for_election(basis, None) == basis
    pp_first = (basis[2], basis[0], basis[1])
    assert for_election(pp_first, "pemilu") == pp_first  # type: ignore[arg-type]
