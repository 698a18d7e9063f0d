"""The answer card (kb.answer): rule wording, and whole answers on PDFs the tests make, on
the bundled corpus (stand-in embedder), and (slow) with the real model, through the served
app."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.answer import Answer, rule_cue
from kb.build import build_index
from kb.config import Settings
from kb.index import load_index
from kb.library import Library
from kb.search import Searcher
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf

ROOT = Path(__file__).resolve().parents[1]

MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"
DEKLARASI = "can I attend a candidate's declaration before KPU confirms them?"
RENDANG = "resep rendang padang"


# ---------------------------------------------------------------------------- rule wording


def test_rule_wording() -> None:
    assert rule_cue("PNS dilarang menjadi anggota partai politik")[0] == "prohibited"
    assert rule_cue("PNS tidak boleh mendukung calon")[:2] == ("prohibited", "strong")
    assert rule_cue("calon wajib menyatakan pengunduran dirinya")[0] == "required"
    assert rule_cue("pejabat daerah boleh ikut berkampanye setelah mengajukan izin")[0] == "allowed"
    assert rule_cue("Lampiran ini mendaftar bentuk-bentuk pelanggaran netralitas.")[:2] == ("prohibited", "weak")
    assert rule_cue("Pasal ini mulai berlaku pada tanggal diundangkan.") is None
    assert rule_cue("Candidate pairs may not involve civil servants", english=True)[0] == "prohibited"
    assert rule_cue("Letter n bars civil servants from campaigning", english=True)[0] == "prohibited"
    assert rule_cue("A candidate must resign in writing", english=True)[0] == "required"


# ---------------------------------------------------------------------------- whole answers


@pytest.fixture(scope="module")
def test_pp(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """PP 7/2030 of the test PDFs: Pasal 3 lists prohibitions a-c, Pasal 4 punishes Pasal 3."""
    root = tmp_path_factory.mktemp("answer-pp")
    make_pdf(root / "corpus" / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    s = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    return Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s))


def _ask(lib: Library, q: str) -> Answer:
    card = lib.ask(q, 6).answer
    assert isinstance(card, Answer)
    return card


def test_a_prohibition_is_pinned_and_linked_to_the_article_that_punishes_it(test_pp: Library) -> None:
    a = _ask(test_pp, "bolehkah pegawai memakai kendaraan dinas untuk kampanye?")
    assert a.verdict == "prohibited" and not a.weak
    assert a.provision.citation == "PP 7/2030 Pasal 3 huruf b"
    assert a.provision.text == "b. memakai kendaraan dinas untuk kampanye; dan"
    assert a.provision.page == 2 and a.provision.anchor == "pasal-3"
    assert [s.citation for s in a.sanctions] == ["PP 7/2030 Pasal 4 ayat (1)"]
    assert a.sanctions[0].text == "(1) Pelanggaran Pasal 3 dijatuhi hukuman disiplin berat."
    # Pasal 5 refers to Pasal 3 too, but only to have it examined: no sanction
    assert all("Pasal 5" not in s.citation for s in a.sanctions)


def test_an_obligation_and_no_clear_rule(test_pp: Library) -> None:
    a = _ask(test_pp, "apakah pegawai wajib bersikap netral?")
    assert (a.verdict, a.provision.citation, a.sanctions) == ("required", "PP 7/2030 Pasal 2", [])
    a = _ask(test_pp, RENDANG)
    assert a.verdict == "unclear" and a.weak and a.provision is None and a.reasons
    assert "No clear rule" in a.summary("en") and "Tidak ditemukan aturan yang jelas" in a.summary("id")
    js = a.to_json()
    assert js["verdict"] == "unclear" and js["provision"] is None and "not legal advice" in js["disclaimer"]["en"]


def test_a_question_naming_the_article_gets_that_clause(test_pp: Library) -> None:
    a = _ask(test_pp, "isi pasal 3 huruf c PP 7 2030")
    assert a.provision.citation == "PP 7/2030 Pasal 3 huruf c"


@pytest.fixture(scope="module")
def bundled(bundled_index: Settings) -> Library:
    s = bundled_index
    return Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s))


def test_bundled_corpus_official_car(bundled: Library) -> None:
    a = _ask(bundled, MOBIL)
    assert a.verdict == "prohibited"
    assert a.provision.citation == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert "fasilitas negara" in a.provision.text
    cits = [s.citation for s in a.sanctions]
    assert cits[0] == "PP 94/2021 Pasal 14 huruf i angka 2"  # angka 3-7 of Pasal 5 huruf n are items 1-5 of Pasal 14 huruf i
    assert "Hukuman Disiplin berat" in a.sanctions[0].text and a.sanctions[0].link == "reference"
    js = a.to_json()
    assert js["provision"]["citation"] == a.provision.citation and js["sanctions"][0]["citation"] == cits[0]


def test_bundled_corpus_other_questions(bundled: Library) -> None:
    a = _ask(bundled, DEKLARASI)
    assert a.verdict == "prohibited" and a.provision.source == "regulations/skb-netralitas-asn-2022.pdf"
    assert _ask(bundled, RENDANG).verdict == "unclear"
    assert _ask(bundled, "resep rendang untuk PNS kampanye").verdict == "unclear"  # one key term of three is not enough
    a = _ask(bundled, "can a civil servant be a member of a campaign team?")
    assert a.provision.citation == "UU 7/2017 Pasal 280 ayat (3)"
    assert a.sanctions[0].citation == "UU 7/2017 Pasal 494"  # another article punishes "Pasal 280 ayat (3)"
    a = _ask(bundled, "apa sanksi bagi kepala desa yang menguntungkan peserta pemilu?")
    assert a.provision.citation == "UU 7/2017 Pasal 282"
    assert [s.citation for s in a.sanctions] == ["UU 7/2017 Pasal 490"]  # the provision's own pointer, followed


# ---------------------------------------------------------------------------- real model


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from kb.embed import ModelEmbedder

    s = Settings.from_env(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("bundled-real"))
    embedder = ModelEmbedder(s)
    build_index(s, embedder=embedder, progress=False)
    return s, Library(s, Searcher.open(s, embedder))


@pytest.mark.slow
def test_real_model_answers(real) -> None:  # noqa: ANN001
    _s, lib = real
    a = _ask(lib, MOBIL)
    assert a.verdict == "prohibited"
    assert a.provision.citation == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert any(s.citation.startswith("PP 94/2021 Pasal 14") for s in a.sanctions)
    a = _ask(lib, DEKLARASI)
    assert a.verdict in ("prohibited", "required", "allowed") and a.provision.citation.startswith("SKB 2/2022")
    assert _ask(lib, RENDANG).verdict == "unclear"


@pytest.mark.slow
def test_real_model_served_app(real) -> None:  # noqa: ANN001
    """create_app with no searcher loads the model and the index itself, once."""
    from fastapi.testclient import TestClient

    from kb.web import create_app

    s, _lib = real
    client = TestClient(create_app(s))
    r = client.get("/api/answer", params={"q": MOBIL})
    assert r.status_code == 200
    card = r.json()["answer"]
    assert card["verdict"] == "prohibited" and card["provision"]["citation"] == "PP 94/2021 Pasal 5 huruf n angka 4"
    page = client.get("/ask", params={"q": DEKLARASI, "lang": "en"}).text
    assert "SKB 2/2022" in page and "This is not legal advice" in page
