"""The answer card (kb.answer): clause trees, references, rule wording, and whole answers on
PDFs the tests make, on the bundled corpus (stand-in embedder), and (slow) with the real
model, through the served app."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.answer import (
    Answerer,
    find_refs,
    merge_texts,
    parse_units,
    query_concepts,
    reflow,
    ref_match,
    rule_cue,
    split_inline_items,
    trim_noise,
)
from kb.build import build_index
from kb.config import Settings
from kb.index import load_index
from kb.search import Searcher
from tests.conftest import PP_PAGES, HashEmbedder, make_pdf

ROOT = Path(__file__).resolve().parents[1]

MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"
DEKLARASI = "can I attend a candidate's declaration before KPU confirms them?"
RENDANG = "resep rendang padang"


# ---------------------------------------------------------------------------- pieces


def test_clauses_nest_huruf_and_angka_across_line_wraps() -> None:
    text = (
        "Berisi larangan bagi PNS (huruf a sampai dengan huruf n).\n"
        "n. PNS tidak boleh mendukung calon dengan salah satu cara berikut:\n"
        "1. turut serta dalam kampanye;\n"
        "4. hadir sebagai peserta kampanye sambil memakai fasilitas\n"
        "negara;\n"
        "Penjelasan huruf n angka 1: peserta kampanye hadir untuk mendengar.\n"
        "English: Prohibitions; letter n bars civil servants from supporting\n"
        "candidates."
    )
    units = parse_units(text)
    four = next(u for u in units if "fasilitas" in u.text)
    assert four.path == (("huruf", "n"), ("angka", "4"))
    assert four.text == "4. hadir sebagai peserta kampanye sambil memakai fasilitas negara;"
    assert units[four.parent].text.startswith("n. PNS tidak boleh")
    note = next(u for u in units if u.text.startswith("Penjelasan"))
    assert note.kind == "para" and note.path == ()
    gloss = units[-1]
    assert gloss.kind == "english" and gloss.text.endswith("supporting candidates.")


def test_clauses_nest_in_the_order_the_law_uses() -> None:
    # PP 53/2010 numbers angka first, then huruf: "Pasal 4 angka 12 huruf d"
    units = parse_units("12. PNS tidak boleh mendukung calon dengan cara:\na. turut kampanye;\nd. memakai fasilitas negara.\n13. PNS tidak boleh membuat keputusan.")
    assert [u.path for u in units] == [
        (("angka", "12"),),
        (("angka", "12"), ("huruf", "a")),
        (("angka", "12"), ("huruf", "d")),
        (("angka", "13"),),
    ]
    ayat = parse_units("(1) Hukuman terdiri atas:\na. ringan;\nb. berat.\n(2) Hukuman ringan berupa teguran.")
    assert [u.path for u in ayat] == [(("ayat", "1"),), (("ayat", "1"), ("huruf", "a")), (("ayat", "1"), ("huruf", "b")), (("ayat", "2"),)]


def test_items_that_ocr_ran_onto_one_line_are_split() -> None:
    line = "h. meminta sesuatu sebagaimana dimaksud dalam Pasal 5 huruf l; ll( fl i. memberikan dukungan, yaitu: 1. menjadi peserta;"
    units = parse_units(line)
    assert [u.path for u in units] == [(("huruf", "h"),), (("huruf", "i"),), (("huruf", "i"), ("angka", "1"))]
    assert units[1].text == "i. memberikan dukungan, yaitu:"
    assert len(split_inline_items(line)) == len(line)  # offsets stay valid
    assert parse_units("dalam huruf i. memberikan")[0].text == "dalam huruf i. memberikan"  # a reference, not an item
    assert trim_noise("4. menggunakan fasilitas negara; ,1, ),16 l(lh-5(., ^r,") == "4. menggunakan fasilitas negara;"
    assert trim_noise("c. membuat keputusan; dan/atau") == "c. membuat keputusan; dan/atau"


def test_split_chunks_are_joined_back_with_their_overlap_once() -> None:
    full = " ".join(f"w{i}" for i in range(300))
    words = full.split()
    a, b = " ".join(words[:140]), " ".join(words[115:])  # chunk windows overlap by 25 words
    text, starts = merge_texts([a, b])
    assert text == full and starts == [0, full.index("w115")]
    text, starts = merge_texts(["(1) satu.", "(2) dua."])
    assert text == "(1) satu.\n(2) dua." and starts == [0, 10]


def test_references_name_articles_ranges_and_documents() -> None:
    (r,) = find_refs("mendukung calon dengan cara yang dilarang Pasal 5 huruf n angka 3 sampai dengan angka 7, yaitu:")
    assert (r.article, r.doc, r.parts) == ("5", None, {"huruf": [("n", "n")], "angka": [("3", "7")]})
    (r,) = find_refs("sebagaimana dimaksud dalam Pasal 5 huruf n angka 3, angka 4, dan angka 7;")
    assert r.parts == {"huruf": [("n", "n")], "angka": [("3", "3"), ("4", "4"), ("7", "7")]}
    (r,) = find_refs("(Pasal 4 angka 12 huruf a, huruf b, dan huruf c)")
    assert r.parts == {"angka": [("12", "12")], "huruf": [("a", "a"), ("b", "b"), ("c", "c")]}
    (r,) = find_refs("Sanksinya berupa sanksi moral menurut Pasal 15 PP 42/2004.")
    assert (r.article, r.doc) == ("15", "PP 42/2004")
    (r,) = find_refs("untuk hukuman disiplin lihat PP 94/2021 Pasal 5 huruf n")
    assert r.doc == "PP 94/2021"
    (r,) = find_refs("yang tidak memenuhi ketentuan Pasal 3 sampai dengan Pasal 5 dikenai Hukuman Disiplin")
    assert (r.article, r.article_hi) == ("3", "5")
    assert find_refs("Menurut Penjelasan Pasal 5 huruf n angka 2, kendaraan dinas ...") == []

    path = (("huruf", "n"), ("angka", "4"))
    in_range = ref_match(find_refs("Pasal 5 huruf n angka 3 sampai dengan angka 7")[0], "5", path)
    exact = ref_match(find_refs("Pasal 5 huruf n angka 4")[0], "5", path)
    bare = ref_match(find_refs("Pasal 5")[0], "5", path)
    assert exact > in_range > bare > 0  # type: ignore[operator]
    assert ref_match(find_refs("Pasal 5 huruf n angka 2")[0], "5", path) is None
    assert ref_match(find_refs("Pasal 5 huruf n angka 3 dan angka 5")[0], "5", path) is None  # two values, not a range
    assert ref_match(find_refs("Pasal 5 huruf n angka 3, angka 4, dan angka 7")[0], "5", path) == exact
    assert ref_match(find_refs("Pasal 6")[0], "5", path) is None
    assert ref_match(find_refs("Pasal 3 sampai dengan Pasal 5")[0], "5", path) == 0.4


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


def test_key_terms_leave_out_the_actor_the_modality_and_a_written_citation() -> None:
    concepts = query_concepts(MOBIL)
    flat = set().union(*concepts)
    assert {"pns", "boleh", "bolehkah"}.isdisjoint(flat)
    assert any("negara" in c and "mobil" in c for c in concepts)  # the glossary: mobil dinas -> fasilitas negara
    assert query_concepts("isi pasal 5 huruf n angka 4 PP 94 2021") == []
    assert query_concepts("can I attend it?") == [frozenset({"attend"})]


def test_reflow_undoes_line_wraps_but_keeps_items() -> None:
    assert reflow("Huruf c\nYang dimaksud dengan deklarasi\nadalah pernyataan dukungan.") == (
        "Huruf c\nYang dimaksud dengan deklarasi adalah pernyataan dukungan."
    )
    assert reflow("n. PNS tidak boleh mendukung calon dengan\ncara berikut:\n1. turut kampanye;\n2. hadir\nsebagai peserta.") == (
        "n. PNS tidak boleh mendukung calon dengan cara berikut:\n1. turut kampanye;\n2. hadir sebagai peserta."
    )


# ---------------------------------------------------------------------------- whole answers


@pytest.fixture
def test_pp(tmp_path: Path) -> Answerer:
    """PP 7/2030 of the test PDFs: Pasal 3 lists prohibitions a-c, Pasal 4 punishes Pasal 3."""
    make_pdf(tmp_path / "corpus" / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    s = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    return Answerer(Searcher(load_index(s.index_dir), HashEmbedder(), s))


def _ask(answerer: Answerer, q: str):  # noqa: ANN202
    return answerer.answer(q, answerer.searcher.search(q, 6))


def test_a_prohibition_is_pinned_and_linked_to_the_article_that_punishes_it(test_pp: Answerer) -> None:
    a = _ask(test_pp, "bolehkah pegawai memakai kendaraan dinas untuk kampanye?")
    assert a.verdict == "prohibited" and not a.weak
    assert a.provision.citation == "PP 7/2030 Pasal 3 huruf b"
    assert a.provision.text == "b. memakai kendaraan dinas untuk kampanye; dan"
    assert a.provision.page == 2 and a.provision.anchor == "pasal-3"
    assert [s.citation for s in a.sanctions] == ["PP 7/2030 Pasal 4 ayat (1)"]
    assert a.sanctions[0].text == "(1) Pelanggaran Pasal 3 dijatuhi hukuman disiplin berat."
    # Pasal 5 refers to Pasal 3 too, but only to have it examined: no sanction
    assert all("Pasal 5" not in s.citation for s in a.sanctions)


def test_an_obligation_and_no_clear_rule(test_pp: Answerer) -> None:
    a = _ask(test_pp, "apakah pegawai wajib bersikap netral?")
    assert (a.verdict, a.provision.citation, a.sanctions) == ("required", "PP 7/2030 Pasal 2", [])
    a = _ask(test_pp, RENDANG)
    assert a.verdict == "unclear" and a.weak and a.provision is None and a.reasons
    assert "No clear rule" in a.summary("en") and "Tidak ditemukan aturan yang jelas" in a.summary("id")
    js = a.to_json()
    assert js["verdict"] == "unclear" and js["provision"] is None and "not legal advice" in js["disclaimer"]["en"]


def test_a_question_naming_the_article_gets_that_clause(test_pp: Answerer) -> None:
    a = _ask(test_pp, "isi pasal 3 huruf c PP 7 2030")
    assert a.provision.citation == "PP 7/2030 Pasal 3 huruf c"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("bundled-hash"))
    build_index(s, embedder=HashEmbedder(), progress=False)
    return Answerer(Searcher(load_index(s.index_dir), HashEmbedder(), s))


def test_bundled_corpus_official_car(bundled: Answerer) -> None:
    a = _ask(bundled, MOBIL)
    assert a.verdict == "prohibited"
    assert a.provision.citation == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert "fasilitas negara" in a.provision.text
    cits = [s.citation for s in a.sanctions]
    assert cits[0] == "PP 94/2021 Pasal 14 huruf i angka 2"  # angka 3-7 of Pasal 5 huruf n are items 1-5 of Pasal 14 huruf i
    assert "Hukuman Disiplin berat" in a.sanctions[0].text and a.sanctions[0].link == "reference"
    js = a.to_json()
    assert js["provision"]["citation"] == a.provision.citation and js["sanctions"][0]["citation"] == cits[0]


def test_bundled_corpus_other_questions(bundled: Answerer) -> None:
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
    from kb.embed import Embedder

    s = Settings.from_env(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("bundled-real"))
    embedder = Embedder(s)
    build_index(s, embedder=embedder, progress=False)
    return s, Answerer(Searcher.open(s, embedder))


@pytest.mark.slow
def test_real_model_answers(real) -> None:  # noqa: ANN001
    _s, answerer = real
    a = _ask(answerer, MOBIL)
    assert a.verdict == "prohibited"
    assert a.provision.citation == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert any(s.citation.startswith("PP 94/2021 Pasal 14") for s in a.sanctions)
    a = _ask(answerer, DEKLARASI)
    assert a.verdict in ("prohibited", "required", "allowed") and a.provision.citation.startswith("SKB 2/2022")
    assert _ask(answerer, RENDANG).verdict == "unclear"


@pytest.mark.slow
def test_real_model_served_app(real) -> None:  # noqa: ANN001
    """create_app with no searcher loads the model and the index itself, once."""
    from fastapi.testclient import TestClient

    from kb.web import create_app

    s, _answerer = real
    client = TestClient(create_app(s))
    r = client.get("/api/answer", params={"q": MOBIL})
    assert r.status_code == 200
    card = r.json()["answer"]
    assert card["verdict"] == "prohibited" and card["provision"]["citation"] == "PP 94/2021 Pasal 5 huruf n angka 4"
    page = client.get("/ask", params={"q": DEKLARASI, "lang": "en"}).text
    assert "SKB 2/2022" in page and "This is not legal advice" in page
