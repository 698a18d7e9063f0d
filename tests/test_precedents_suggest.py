"""kb.rulings (articles applied, sentence, violation types), the precedents filters and sort,
kb.suggest (examples near an unanswered question), the page language from Accept-Language,
and the web hygiene (compression, cache headers, favicon, meta description)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb.config import Settings
from kb.index import load_index
from kb.library import Library
from kb.precedents import PrecedentFilters
from kb.rules import load_rules
from kb.rulings import ArticleRef, applied_articles, date_key, parse_article_filter, sentence_of, violation_types
from kb.search import Searcher
from kb.suggest import Suggester
from kb.web.pages import accepted_lang
from tests.helpers import ROOT, RULES_FIXTURE, HashEmbedder, hash_cards


def test_applied_articles_take_their_law_from_the_sentence() -> None:
    text = ("Pasal 490 jo. Pasal 282 UU 7/2017 tentang Pemilihan Umum. Pasal 14a KUHP. "
            "Kesatu, Pasal 278 UU 8/2012 (PNS yang melanggar Pasal 86 ayat (3)); atau kedua, Pasal 301 ayat (1) UU yang sama.")
    assert [str(a) for a in applied_articles(text)] == [
        "UU 7/2017 Pasal 490", "UU 7/2017 Pasal 282", "KUHP Pasal 14A", "UU 8/2012 Pasal 278",
        "UU 8/2012 Pasal 86 ayat (3)", "UU 8/2012 Pasal 301 ayat (1)",
    ]


def test_an_article_filter_as_legal_staff_write_it() -> None:
    assert parse_article_filter("UU 7/2017 Pasal 280 ayat (2)") == ArticleRef("UU 7/2017", "280", "2")
    assert parse_article_filter("pasal 280 ayat 2 UU 7 tahun 2017") == ArticleRef("UU 7/2017", "280", "2")
    assert parse_article_filter("490") == ArticleRef(None, "490")
    assert parse_article_filter("kampanye") is None
    wanted = ArticleRef("UU 7/2017", "280", "2")
    assert ArticleRef("UU 7/2017", "280", "2", "f").within(wanted)
    assert not ArticleRef("UU 7/2017", "280", "1", "j").within(wanted)  # another ayat
    assert not ArticleRef("UU 7/2017", "280").within(wanted)  # the ayat asked for is not named
    assert not ArticleRef("UU 8/2012", "280", "2").within(wanted)  # another law
    assert ArticleRef("UU 10/2016", "187A").within(ArticleRef("UU 1/2015", "187A"))  # the amended regional-election law


def test_the_sentence_and_the_kind_of_violation() -> None:
    amar = ("Terdakwa bersalah menjanjikan materi lainnya. Pidana penjara 6 bulan dan denda Rp10.000.000 subsidair 3 bulan "
            "kurungan; bila denda tidak dibayar diganti kurungan 2 bulan. Tidak dijalani kecuali sebelum masa percobaan 1 tahun berakhir.")
    s = sentence_of(amar)
    assert (s.prison, s.detention, s.fine, s.probation) == ("6 bulan", None, "Rp10.000.000", "1 tahun")
    assert violation_types([ArticleRef("UU 7/2017", "521"), ArticleRef("UU 7/2017", "280", "1", "j")], amar) == ["politik-uang"]
    assert violation_types([ArticleRef("UU 7/2017", "490")], "menguntungkan peserta pemilu") == ["keputusan-pejabat"]
    assert violation_types([], "tidak ada kata yang cocok") == []
    assert date_key("5 Juni 2014", 2014) > date_key("5 Mei 2014", 2014) > date_key(None, 2013)


@pytest.fixture(scope="module")
def lib(fixture_rules_index: Settings) -> Library:
    """The bundled corpus with the fixture rule base and the stand-in's card maker."""
    s = fixture_rules_index
    return Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)


def test_precedents_filters_and_sort(lib: Library) -> None:
    def cases(q: str = "", **kw: object) -> list[str]:
        return [p.document.case_number or "" for p in lib.precedents(q, PrecedentFilters(**kw)).items]  # type: ignore[arg-type]

    assert cases(article="UU 7/2017 Pasal 280 ayat (1)") == ["51/Pid.Sus/2019/PN Idm"]
    assert cases(article="Pasal 86 ayat (3) UU 8/2012") == ["04/Pid.Sus/2014/PN Pwr"]
    assert cases(article="UU 7/2017 Pasal 280 ayat (2)") == []  # no ruling applied that ayat
    assert cases(violation="suara") == ["01/Pid.Sus-Pemilu/2014/PN Dpk", "4/Pid.S/2014/PN Spg"]
    assert cases(year_from=2015) == ["51/Pid.Sus/2019/PN Idm", "30/Pid.Sus/2019/PN Pml"]  # 20 and 19 February 2019
    assert cases(year_to=2014, sort="date") == ["01/Pid.Sus-Pemilu/2014/PN Dpk", "4/Pid.S/2014/PN Spg", "04/Pid.Sus/2014/PN Pwr"]
    found = cases("guru PNS kampanye stiker caleg")
    assert len(found) == len(set(found)) == 5  # one entry per ruling
    one = lib.precedents("", PrecedentFilters(article="490")).items[0].outcome.to_json()
    assert one["articles"][:2] == ["UU 7/2017 Pasal 490", "UU 7/2017 Pasal 282"]
    assert one["sentence"] == {"prison": "1 bulan", "detention": None, "fine": "Rp1.000.000", "probation": "2 bulan"}


def test_a_rulings_outcome_is_read_once_per_generation(fixture_rules_index: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import kb.precedents

    s = fixture_rules_index
    fresh = Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)
    read: list[int] = []
    real = kb.precedents.ruling_outcome
    monkeypatch.setattr(kb.precedents, "ruling_outcome", lambda arts: read.append(1) or real(arts))
    first = fresh.precedents("guru PNS kampanye stiker caleg").to_json()
    assert len(read) == 5  # one per ruling found
    assert fresh.precedents("guru PNS kampanye stiker caleg").to_json() == first  # the same answer...
    assert fresh.precedents("", PrecedentFilters(violation="suara")).items and len(read) == 5  # ...and none read again


def test_api_precedents_takes_the_same_filters(lib: Library) -> None:
    from kb.web import create_app

    api = TestClient(create_app(lib.settings, lib))
    body = api.get("/api/precedents", params={"article": "UU 7/2017 Pasal 280 ayat (1)", "sort": "date"}).json()
    assert [r["document"]["case_number"] for r in body["results"]] == ["51/Pid.Sus/2019/PN Idm"]
    assert body["filters"]["article"] == "UU 7/2017 Pasal 280 ayat (1)" and body["filters"]["sort"] == "date"
    assert api.get("/api/precedents", params={"violation": "politik-uang"}).json()["results"][0]["outcome"]["violations"] == ["politik-uang"]
    assert api.get("/api/precedents", params={"violation": "nope"}).status_code == 422
    assert api.get("/api/precedents", params={"sort": "random"}).status_code == 422
    spec = api.get("/api/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/precedents"]["get"]["parameters"]}
    assert {"article", "violation", "court", "year_from", "year_to", "sort"} <= names


def test_suggestions_come_from_the_rules_nearest_first() -> None:
    s = Suggester.open(ROOT / "corpus" / "rules", {"id": ["contoh kurasi"], "en": ["a curated example"]})
    near = s.suggest("bolehkah PNS ikut konvoi kampanye calon gubernur?", "id")
    assert near and any("konvoi" in x.text for x in near) and len({x.rule for x in near}) == len(near)  # one per rule
    assert all(x.rule for x in near)
    assert [x.text for x in s.suggest("berapa harga cabai hari ini", "id")] == ["contoh kurasi"]  # one common word is not nearness
    en = s.suggest("can I post about a candidate on facebook?", "en")
    assert en and all(x.text.isascii() for x in en)  # the question's language
    assert Suggester.open(Path("/nonexistent"), {"en": ["x"]}).suggest("anything at all", "en")[0].text == "x"


def test_the_library_suggests_from_the_rules_its_generation_serves(lib: Library) -> None:
    """The fixture rule base (tests/data), not corpus/rules: suggestions can be answered."""
    served = {r.id for r in load_rules(RULES_FIXTURE)}
    near = lib.suggest("bolehkah PNS memakai mobil dinas untuk kampanye?", "id")
    assert near and all(x.rule in served for x in near)
    assert len(load_rules(ROOT / "corpus" / "rules")) > len(served)  # corpus/rules would offer other rules


def test_accept_language_decides_a_first_visit() -> None:
    assert accepted_lang("en-GB,en;q=0.9,id;q=0.8") == "en"
    assert accepted_lang("id-ID,id;q=0.9,en-US;q=0.8") == "id"
    assert accepted_lang("fr-FR,fr;q=0.9,en;q=0.5,id;q=0.7") == "id"  # the higher weight wins
    assert accepted_lang("in") == "id" and accepted_lang("de, *;q=0.5") is None and accepted_lang(None) is None
    assert accepted_lang("en;q=0, id;q=0.1") == "id"  # q=0: not acceptable


def test_pages_follow_accept_language_and_the_hygiene_headers(lib: Library) -> None:
    from kb.web import create_app

    web = TestClient(create_app(lib.settings, lib))
    r = web.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in r.text and "Accept-Language" in r.headers["vary"]
    assert '<meta name="description" content="Netral answers' in r.text
    assert '<html lang="id">' in web.get("/", headers={"Accept-Language": "en"}, params={"lang": "id"}).text  # a choice wins
    web.cookies.clear()
    assert '<html lang="id">' in web.get("/").text  # no preference: Indonesian
    big = web.get("/docs/regulations--pp-94-2021", headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    css = web.get("/static/style.css")
    assert css.status_code == 200 and "max-age=" in css.headers["cache-control"]
    icon = web.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml") and b"<svg" in icon.content
    unclear = web.get("/ask", params={"q": "berapa harga cabai rawit di pasar minggu ini?", "lang": "id"}).text
    assert "verdict-unclear" in unclear and 'class="suggest"' in unclear and "Sebutkan siapa Anda" in unclear
    assert 0 < unclear.count('class="passage"') <= 3  # fewer passages after "no clear rule"
    clear = web.get("/ask", params={"q": "bolehkah PNS memakai mobil dinas untuk kampanye?", "lang": "id"}).text
    assert 'class="suggest"' not in clear and clear.count('class="passage"') == 6
