"""The web UI and JSON API (kb.web) through FastAPI's TestClient: every route, its errors,
escaping, the PDF route's confinement to the corpus, security headers. The stand-in
embedder over the bundled corpus, and over PDFs the tests make (one of them hostile)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb.build import build_index
from kb.config import Settings
from kb.index import load_index
from kb.search import Filters, Searcher
from kb.urls import make_ids, slug
from kb.web import create_app
from kb.web.text import highlight
from kb.library import Library
from tests.helpers import ROOT, PP_PAGES, HashEmbedder, hash_cards, make_pdf

_BUNDLED_PDFS = len(list((ROOT / "corpus").glob("*/*.pdf")))  # regulations/ and rulings/

ROOT = Path(__file__).resolve().parents[1]
MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"
PP94 = "regulations--pp-94-2021"
PML = "rulings--putusan-30-pid-sus-2019-pn-pml"


@pytest.fixture(scope="module")
def bundled(bundled_index: Settings) -> tuple[TestClient, Searcher]:
    s = bundled_index
    searcher = Searcher(load_index(s.index_dir), HashEmbedder(), s)
    return TestClient(create_app(s, searcher)), searcher


@pytest.fixture(scope="module")
def client(bundled) -> TestClient:  # noqa: ANN001
    return bundled[0]


@pytest.fixture(scope="module")
def ruled(fixture_rules_index: Settings) -> TestClient:
    """The bundled corpus with the fixture rule base; cards with the stand-in's thresholds."""
    s = fixture_rules_index
    return TestClient(create_app(s, Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)))


EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path]:
    """The test PP (with a Penjelasan), a PDF whose text carries markup, and a symlink that
    points out of the corpus."""
    root = tmp_path_factory.mktemp("web-crafted")
    corpus = root / "corpus"
    make_pdf(corpus / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    make_pdf(
        corpus / "regulations" / "pp-8-2031.pdf",
        [
            "PERATURAN PEMERINTAH REPUBLIK INDONESIA\nNOMOR 8 TAHUN 2031\nTENTANG\nUJI " + EVIL + "\nMEMUTUSKAN:\n"
            "Pasal 1\nPegawai dilarang memasang spanduk " + EVIL + " untuk kampanye.\n"
            "Pasal 2\nPelanggaran Pasal 1 dijatuhi hukuman disiplin " + EVIL + ".\n"
        ],
    )
    outside = make_pdf(
        root / "outside" / "secret.pdf",
        ["PERATURAN PEMERINTAH REPUBLIK INDONESIA\nNOMOR 9 TAHUN 2032\nTENTANG\nRAHASIA\nMEMUTUSKAN:\nPasal 1\nDokumen ini di luar korpus.\nPasal 2\nCukup."],
    )
    (corpus / "regulations" / "link.pdf").symlink_to(outside)
    (corpus / "rules").mkdir()
    (corpus / "rules" / "evil.toml").write_text(EVIL_RULE.replace("EVIL", EVIL.replace('"', "'")))
    s = Settings(corpus_dir=corpus, index_dir=root / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    lib = Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)
    return TestClient(create_app(s, lib)), corpus


EVIL_RULE = """
[[rule]]
id = "pegawai-spanduk"
actors = ["PNS"]
verdict = "prohibited"
act_id = "memasang spanduk untuk kampanye EVIL"
act_en = "putting up a campaign banner EVIL"
situations_id = ["pegawai memasang spanduk untuk kampanye", "pasang spanduk calon", "spanduk kampanye di kantor", "bikin spanduk paslon"]
situations_en = ["putting up a campaign banner", "a banner for a candidate", "campaign banner at the office", "making a banner"]
basis = ["PP 8/2031 Pasal 1"]
sanction_level = "disiplin-berat"
sanction_id = "hukuman disiplin EVIL"
sanction_en = "discipline EVIL"
sanction_basis = ["PP 8/2031 Pasal 2"]
enforcer_id = "pejabat EVIL"
enforcer_en = "the official EVIL"
reviewed = "summary only: test"
"""


@pytest.fixture(autouse=True)
def _fresh_cookies(request: pytest.FixtureRequest):  # noqa: ANN202
    """The module's clients are shared: a language cookie set by one test must not leak."""
    yield
    for name in ("client", "crafted"):
        if name in request.fixturenames:
            c = request.getfixturevalue(name)
            (c[0] if isinstance(c, tuple) else c).cookies.clear()


# ---------------------------------------------------------------------------- helpers


def test_document_ids_are_slugs_of_the_source_path() -> None:
    assert slug("regulations/pp-94-2021.pdf") == "regulations--pp-94-2021"
    assert slug("rulings/sub dir/Putusan 4.PDF") == "rulings--sub-dir--putusan-4"
    ids = make_ids(["regulations/a b.pdf", "regulations/a-b.pdf"])
    assert len(ids) == 2 and "regulations--a-b" in ids and all(i.startswith("regulations--a-b") for i in ids)


def test_highlight_escapes_first_then_marks() -> None:
    out = highlight('<b onclick="x">kampanye</b> & memakai', frozenset({"kampany", "pakai"}))
    assert str(out) == "&lt;b onclick=&#34;x&#34;&gt;<mark>kampanye</mark>&lt;/b&gt; &amp; <mark>memakai</mark>"
    assert str(highlight("<i>x</i>", frozenset())) == "&lt;i&gt;x&lt;/i&gt;"


# ---------------------------------------------------------------------------- pages


def _no_inline_code(html: str) -> None:
    """The CSP forbids inline script and style: the pages must not need them."""
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html and "<style" not in html and " on" + "click=" not in html


def test_home(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="id">' in html and '<label for="q">' in html and 'name="q"' in html
    assert 'action="/ask"' in html and 'method="get"' in html
    assert "Contoh pertanyaan" in html and "Ini bukan nasihat hukum" in html
    _no_inline_code(html)


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in ["/", f"/ask?q={MOBIL}", "/api/search?q=kampanye", f"/docs/{PP94}.pdf", "/nope", "/api/nope", "/static/style.css"]:
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp, url
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer", url
        assert h["x-frame-options"] == "DENY", url


def test_answer_page_shows_the_card_then_the_cited_passages(ruled: TestClient) -> None:
    r = ruled.get("/ask", params={"q": MOBIL})
    assert r.status_code == 200
    html = r.text
    card = html[html.index('<section class="card') : html.index('id="passages-h"')]
    assert "verdict-prohibited" in card and 'lang="id"' in card
    head = card[: card.index("Berlaku untuk")]  # the first lines: verdict, what the sanction means, the citation
    assert "Dilarang." in head and "Sanksi: hukuman disiplin berat, sampai pemberhentian" in head
    assert f'<p class="maincit"><a href="/docs/{PP94}#pasal-5--huruf-n-angka-4">PP 94/2021 Pasal 5 huruf n angka 4</a></p>' in head
    assert "<dd>PNS, CPNS</dd>" in card and "fasilitas negara" in card
    assert 'class="label ours">ringkasan kami, bukan teks resmi</span>' in card  # our summary, named as ours
    assert "PP 94/2021 Pasal 14 huruf i angka 2" in card and "hukuman disiplin berat: penurunan jabatan" in card
    assert "(4) Hukuman berat berupa salah satu dari:\na. penurunan jabatan" in card and "\nc. pemberhentian" in card  # a lead-in quoted with its list
    assert f'href="/docs/{PP94}.pdf#page=2"' in card and "Pejabat Pembina Kepegawaian" in card
    assert "Ini bukan nasihat hukum" in card
    passages = html[html.index('id="passages-h"') :]
    assert passages.count('class="passage"') == 6
    assert "Ringkasan kami, bukan teks resmi." in passages and "Sumber resmi: Presiden Republik Indonesia" in passages
    assert 'class="badge status-berlaku"' in passages and 'class="badge summary"' in passages
    assert "<mark>kampanye</mark>" in passages
    assert re.search(rf'href="/docs/{PP94}\.pdf#page=\d"', passages)
    _no_inline_code(html)


def test_an_english_question_gets_an_english_card_on_the_indonesian_page(ruled: TestClient) -> None:
    html = ruled.get("/ask", params={"q": "Can a civil servant use an official car to go to a campaign rally?", "lang": "id"}).text
    card = html[html.index('<section class="card') : html.index('id="passages-h"')]
    assert '<html lang="id">' in html and 'lang="en"' in card and "Kutipan yang dirujuk" in html  # the page stays Indonesian
    assert "Prohibited." in card and "Sanction: heavy disciplinary punishment, up to dismissal" in card
    assert "Applies to" in card and "our summary, not the official text" in card and "This is not legal advice" in card
    assert "Dilarang" not in card and "Berlaku untuk" not in card


def test_a_depends_card_shows_each_condition_with_a_follow_up_link(ruled: TestClient) -> None:
    html = ruled.get("/ask", params={"q": "Saya bupati, boleh ikut kampanye?"}).text
    card = html[html.index('<section class="card') : html.index('id="passages-h"')]
    assert "verdict-depends" in card and "Tergantung." in card and "tergantung tahap pemilihan" in card
    assert card.count('class="alt verdict-') == 2 and "Jika pada masa kampanye:" in card and "Jika pada masa tenang:" in card
    links = re.findall(r'<p class="followup"><a href="(/ask\?[^"]+)">', card)
    assert len(links) == 2
    followed = ruled.get(links[0].replace("&amp;", "&")).text
    assert "verdict-depends" not in followed and 'id="answer"' in followed


def test_answer_page_when_no_clear_rule(ruled: TestClient) -> None:
    html = ruled.get("/ask", params={"q": "resep rendang padang"}).text
    card = html[html.index('<section class="card') : html.index('id="passages-h"')]
    assert "verdict-unclear" in card and "Tidak ada aturan yang jelas." in card
    assert "bukan tentang pemilu" in card and "not_about" not in card  # the reason in plain words, no internal code
    assert "Kutipan terdekat" in html and html.count('class="passage"') <= 3 and "Ini bukan nasihat hukum" in card


def test_an_unclear_card_lists_the_close_rules_that_disagree(fixture_rules_index: Settings) -> None:
    """"Rules disagree": the card names the close rules (verdict, act, provision), so the asker
    sees what the question turns on."""
    from kb.rulematch import Candidate, Decision, Option

    def forced(searcher: Searcher, store):  # noqa: ANN001, ANN202
        cards = hash_cards(searcher, store)
        base = cards.matcher.base

        def decide(q: str) -> Decision:
            from kb.actors import analyse

            a, b = base.by_id["pns-ikut-kampanye"], base.by_id["pns-memberi-suara"]
            opts = [Option(Candidate(r, 0.2, 0.9, 3.0, r.act.id, 0.4), "rule", r.stages) for r in (a, b)]
            return Decision("unclear", analyse(q), None, opts, ["rules_disagree"])

        cards.matcher.decide = decide  # type: ignore[method-assign]
        return cards

    s = fixture_rules_index
    client = TestClient(create_app(s, Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), forced)))
    html = client.get("/ask", params={"q": "boleh datang ke TPS pakai kaos partai?"}).text
    card = html[html.index('<section class="card') : html.index('id="passages-h"')]
    assert "verdict-unclear" in card and "Aturan terdekat" in card
    assert card.count('class="alt verdict-') == 2 and ">Dilarang</span>: turut serta dalam kampanye" in card and ">Boleh</span>" in card
    assert "PP 94/2021 Pasal 5 huruf n angka 1" in card


def test_empty_question_goes_back_home(client: TestClient) -> None:
    r = client.get("/ask", params={"q": "   "}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_question_length_is_capped_with_a_clear_message(client: TestClient) -> None:
    limit = Settings().max_query_chars
    long_q = "kampanye " * (limit // 9 + 10)  # past the limit by ~90 characters
    n = len(long_q)
    r = client.get("/ask", params={"q": long_q})
    assert r.status_code == 400 and f"Pertanyaan terlalu panjang ({n - 1} karakter)" in r.text and str(limit) in r.text
    assert 'id="answer"' not in r.text
    r = client.get("/ask", params={"q": long_q, "lang": "en"})
    assert f"The question is too long ({n - 1} characters)" in r.text
    for url in ["/api/search", "/api/answer", "/api/precedents"]:
        r = client.get(url, params={"q": long_q})
        assert r.status_code == 422, url
        (err,) = r.json()["detail"]  # the shape /api/openapi.json declares for a 422
        assert err["loc"] == ["query", "q"] and err["msg"] == f"the question is too long: {n} characters; the limit is {limit}", url
    r = client.get("/precedents", params={"q": long_q, "lang": "id"})  # the request before left an "en" cookie
    assert r.status_code == 400 and "Pertanyaan terlalu panjang" in r.text
    assert client.get("/api/search", params={"q": "k" * Settings().max_query_chars}).status_code == 200  # the limit itself is fine


def test_language_switch_and_cookie(ruled: TestClient) -> None:
    client = ruled
    r = client.get("/", params={"lang": "en"})
    assert '<html lang="en">' in r.text and "Your question" in r.text and "This is not legal advice" in r.text
    assert "lang=en" in r.headers["set-cookie"]
    client.cookies.set("lang", "en")
    try:
        page = client.get("/ask", params={"q": MOBIL}).text
        card = page[page.index('<section class="card') : page.index('id="passages-h"')]
        assert 'lang="id"' in card and "Jawaban" in card  # an Indonesian question: an Indonesian card...
        assert "Cited passages" in page and "Our summary, not the official text." in page  # ...on the English page
        assert 'href="/ask?q=' in page and "lang=id" in page  # the switch keeps the question
    finally:
        client.cookies.clear()
    assert '<html lang="id">' in client.get("/", params={"lang": "xx"}).text


# ---------------------------------------------------------------------------- API


def test_api_search_returns_the_objects_of_kb_search_json(bundled) -> None:  # noqa: ANN001
    client, searcher = bundled
    q = "kendaraan dinas kampanye"
    r = client.get("/api/search", params={"q": q, "k": 3})
    assert r.status_code == 200
    assert r.json() == {"query": q, "results": [x.to_json() for x in searcher.search(q, 3)]}
    rulings = client.get("/api/search", params={"q": "kampanye", "kind": "ruling", "k": 10}).json()["results"]
    assert rulings and all(x["kind"] == "ruling" for x in rulings)
    y2014 = client.get("/api/search", params={"q": "kampanye", "year": 2014}).json()["results"]
    assert y2014 and all(x["doc"]["year"] == 2014 for x in y2014)
    assert y2014 == [x.to_json() for x in searcher.search("kampanye", 10, Filters(year=2014))]


@pytest.mark.parametrize(
    "params",
    [
        {}, {"q": ""}, {"q": "  "}, {"q": "x", "k": 0}, {"q": "x", "k": 51}, {"q": "x", "kind": "law"},
        {"q": "x", "year": "abc"}, {"q": "x", "year": 99},
    ],
)
def test_api_search_rejects_bad_parameters(client: TestClient, params: dict) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    detail = r.json()["detail"]
    assert detail and all({"loc", "msg", "type"} <= set(e) for e in detail)  # as declared: a list of {loc, msg, type}


def test_api_answer(ruled: TestClient) -> None:
    r = ruled.get("/api/answer", params={"q": MOBIL})
    assert r.status_code == 200
    body = r.json()
    card = body["answer"]
    assert card["verdict"] == "prohibited" and card["rule"] == "pns-fasilitas-negara-kampanye"
    assert card["provision"]["citation"] == "PP 94/2021 Pasal 5 huruf n angka 4" and card["provision"]["anchor"] == "pasal-5--huruf-n-angka-4"
    assert card["provision"]["doc_url"] == f"/docs/{PP94}#pasal-5--huruf-n-angka-4"
    assert card["provision"]["pdf_url"] == f"/docs/{PP94}.pdf#page=2"
    assert card["sanctions"][0]["citation"] == "PP 94/2021 Pasal 14 huruf i angka 2"
    assert card["disclaimer"].startswith("Ini bukan nasihat hukum") and card["summary"].startswith("Dilarang bagi PNS, CPNS")
    assert len(body["results"]) == 6 and body["results"][0]["rank"] == 1
    unclear = ruled.get("/api/answer", params={"q": "resep rendang padang"}).json()
    assert unclear["answer"]["verdict"] == "unclear" and unclear["answer"]["provision"] is None and len(unclear["results"]) <= 3
    assert ruled.get("/api/answer").status_code == 422


def test_api_docs(client: TestClient) -> None:
    docs = client.get("/api/docs").json()["documents"]
    assert len(docs) == _BUNDLED_PDFS
    pp94 = next(d for d in docs if d["id"] == PP94)
    assert pp94["short"] == "PP 94/2021" and pp94["status"] == "berlaku" and pp94["summary"] is True
    assert pp94["url"] == f"/docs/{PP94}" and pp94["pdf"] == f"/docs/{PP94}.pdf"
    assert next(d for d in docs if d["source"].endswith("pp-53-2010.pdf"))["status"] == "dicabut"
    one = client.get(f"/api/docs/{PP94}").json()
    assert one["document"]["id"] == PP94
    pasal5 = next(s for s in one["sections"] if s["anchor"] == "pasal-5")
    assert pasal5["label"] == "Pasal 5" and "BAB II KEWAJIBAN DAN LARANGAN" in pasal5["breadcrumbs"][0]
    assert "sebagai peserta kampanye dengan memakai fasilitas negara" in " ".join(pasal5["text"].split())
    r = client.get("/api/docs/nope")
    assert r.status_code == 404 and r.json() == {"detail": "no document 'nope'"}


def test_api_precedents(client: TestClient) -> None:
    body = client.get("/api/precedents", params={"article": "490"}).json()
    assert [x["document"]["case_number"] for x in body["results"]] == ["30/Pid.Sus/2019/PN Pml"]
    assert body["results"][0]["outcome"]["label"] == "convicted"
    assert client.get("/api/precedents", params={"year": 1800}).status_code == 422


def test_healthz_and_openapi(client: TestClient) -> None:
    h = client.get("/healthz").json()
    assert h["status"] == "ok" and h["documents"] == _BUNDLED_PDFS and h["chunks"] > 50 and h["generation"].startswith("gen-")
    spec = client.get("/api/openapi.json").json()
    assert {"/api/search", "/api/answer", "/api/docs", "/api/docs/{doc_id}", "/api/precedents", "/healthz"} <= set(spec["paths"])
    assert not any(p.startswith("/docs") or p in ("/", "/ask") for p in spec["paths"])  # pages stay out of the API
    ui = client.get("/api/docs-ui")
    assert ui.status_code == 200 and 'id="swagger-ui"' in ui.text and "cdn" not in ui.text.lower()
    assert "script-src 'self';" in ui.headers["content-security-policy"]
    assert "<script>" not in ui.text and "'unsafe-inline'" not in ui.headers["content-security-policy"]  # no inline script
    for src in ("/api/docs-ui/swagger-ui-bundle.js", "/api/docs-ui/swagger-ui.css", "/static/swagger-init.js"):
        assert src in ui.text
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 300 and "max-age=" in asset.headers["cache-control"]
    assert client.get("/docs").status_code == 200  # the document list, not Swagger


def test_errors_are_html_for_pages_and_json_for_the_api(client: TestClient) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "Halaman tidak ditemukan" in r.text
    r = client.get("/docs/nope")
    assert r.status_code == 404 and "Dokumen tidak ditemukan" in r.text
    r = client.get("/api/nope")
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}
    r = client.get("//evil.example/x")
    assert r.status_code == 404 and 'href="//evil' not in r.text  # the language switch stays on this site
    r = client.post("/api/search?q=x")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD" and r.json() == {"detail": "Method Not Allowed"}
    assert client.delete("/docs").headers["allow"] == "GET, HEAD"


# ---------------------------------------------------------------------------- documents


def test_document_list_and_about(client: TestClient) -> None:
    html = client.get("/docs").text
    assert f'href="/docs/{PP94}"' in html and "PP 94/2021" in html and "Putusan" in html
    about = client.get("/about").text
    assert "Tentang Netral" in about and "Ini bukan nasihat hukum" in about and "16 dokumen" in about
    assert "dicabut" in about and "berlaku" in about and "diubah" in about and "Sumber resmi" in about
    assert "test-hash-embedder" in about
    _no_inline_code(about)


def test_document_view_bab_and_linkable_pasal(client: TestClient) -> None:
    html = client.get(f"/docs/{PP94}").text
    assert '<h1><span lang="id">Disiplin Pegawai Negeri Sipil</span></h1>' in html
    order = [html.index(x) for x in ("BAB I KETENTUAN UMUM", 'id="pasal-1"', "BAB II KEWAJIBAN DAN LARANGAN", 'id="pasal-5"')]
    assert order == sorted(order)
    assert 'href="#pasal-5"' in html and f'href="/docs/{PP94}.pdf#page=2"' in html
    clause = "4. sebagai peserta kampanye dengan memakai fasilitas negara;"
    assert f'<p class="u d1 item" id="pasal-5--huruf-n-angka-4">{clause}</p>' in html
    assert "Ringkasan kami, bukan teks resmi." in html and 'class="badge status-berlaku"' in html
    ruling = client.get(f"/docs/{PML}").text
    assert "Putusan 30/Pid.Sus/2019/PN Pml" in ruling and 'id="bagian-amar"' in ruling and "Amar putusan" in ruling


def test_document_view_puts_the_penjelasan_next_to_its_pasal(crafted) -> None:  # noqa: ANN001
    client, _ = crafted
    html = client.get("/docs/regulations--pp-7-2030").text
    pasal3 = html[html.index('id="pasal-3"') : html.index('id="pasal-4"')]
    assert 'class="pasal has-pj"' in html and '<aside class="pj" id="penjelasan-pasal-3"' in pasal3
    assert "Yang dimaksud dengan deklarasi adalah pernyataan dukungan." in pasal3
    assert "Penjelasan Umum" in html and 'class="badge status-unknown"' in html and "status tidak diketahui" in html
    assert "Ringkasan, bukan teks resmi" not in html  # not one of our summaries


def test_precedents_page_filters(client: TestClient) -> None:
    html = client.get("/precedents").text
    assert html.count('class="ruling"') == 5 and "5 putusan" in html
    assert '<option value="2019">' in html and '<option value="Pengadilan Negeri Depok">' in html
    y2019 = client.get("/precedents", params={"year": "2019"}).text
    assert y2019.count('class="ruling"') == 2 and "30/Pid.Sus/2019/PN Pml" in y2019 and "51/Pid.Sus/2019/PN Idm" in y2019
    depok = client.get("/precedents", params={"court": "Pengadilan Negeri Depok"}).text
    assert depok.count('class="ruling"') == 1 and "01/Pid.Sus-Pemilu/2014/PN Dpk" in depok
    art = client.get("/precedents", params={"article": "Pasal 490"}).text
    assert art.count('class="ruling"') == 1 and "30/Pid.Sus/2019/PN Pml" in art and "terbukti bersalah" in art
    assert "Pidana penjara 1 bulan" in art and "19 Februari 2019" in art
    found = client.get("/precedents", params={"q": "guru PNS kampanye caleg", "year": "2014"}).text
    assert 'class="ruling"' in found and "<mark>" in found and "2019/PN" not in found
    bad = client.get("/precedents", params={"year": "20x9"})
    assert bad.status_code == 400 and "Tahun harus berupa angka empat digit" in bad.text
    assert "Tidak ada putusan yang cocok" in client.get("/precedents", params={"year": "1999"}).text


# ---------------------------------------------------------------------------- safety


def test_pdf_is_served_only_from_inside_the_corpus(crafted) -> None:  # noqa: ANN001
    client, corpus = crafted
    r = client.get("/docs/regulations--pp-7-2030.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert r.headers["content-disposition"].startswith("inline")
    ids = client.get("/api/docs").json()["documents"]
    assert "regulations--link" in {d["id"] for d in ids}  # the symlinked file was indexed...
    assert client.get("/docs/regulations--link.pdf").status_code == 404  # ...but is not served: it lives outside
    for bad in ["/docs/..%2F..%2F..%2Fetc%2Fpasswd.pdf", "/docs/%2e%2e.pdf", "/docs/regulations%2Fpp-7-2030.pdf", "/docs/nope.pdf",
                "/docs/..%2Foutside%2Fsecret.pdf", "/docs/regulations--pp-7-2030.PDF.pdf"]:
        assert client.get(bad).status_code == 404, bad
    moved = corpus / "regulations" / "pp-7-2030.pdf"
    shutil.move(moved, moved.with_suffix(".bak"))
    try:
        assert client.get("/docs/regulations--pp-7-2030.pdf").status_code == 404  # indexed, but gone from disk
    finally:
        shutil.move(moved.with_suffix(".bak"), moved)


def test_text_from_pdfs_is_escaped_everywhere(crafted) -> None:  # noqa: ANN001
    client, _ = crafted
    pages = [
        client.get("/ask", params={"q": "bolehkah pegawai memasang spanduk untuk kampanye"}).text,
        client.get("/docs/regulations--pp-8-2031").text,
        client.get("/docs").text,
        client.get("/about").text,
        client.get("/ask", params={"q": '<script>alert("q")</script> spanduk'}).text,
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
        assert "&lt;script&gt;alert" in html or "&lt;SCRIPT&gt;" in html.upper()
    assert "verdict-prohibited" in pages[0] and "PP 8/2031 Pasal 1" in pages[0]  # a rule's text is escaped too
    assert "memasang spanduk untuk kampanye &lt;script&gt;" in pages[0]
    api = client.get("/api/search", params={"q": "spanduk"})
    assert api.headers["content-type"] == "application/json" and EVIL in api.text.replace("\\", "")


def test_static_assets(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert client.get("/static/../kb/web.py").status_code == 404


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; the permission case cannot be staged")
def test_unreadable_corpus_file_is_a_404_not_a_500(crafted) -> None:  # noqa: ANN001
    client, corpus = crafted
    p = corpus / "regulations" / "pp-7-2030.pdf"
    p.chmod(0)
    try:
        assert client.get("/docs/regulations--pp-7-2030.pdf").status_code in (403, 404)
    finally:
        p.chmod(0o644)



def test_every_request_is_logged_without_the_question(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    with caplog.at_level(logging.INFO, logger="kb.serve"):
        assert client.get("/ask", params={"q": "rahasia pribadi kampanye"}).status_code == 200
        assert client.get("/no-such-page").status_code == 404
    rows = [(r.netral_fields["path"], r.netral_fields["status"]) for r in caplog.records if r.name == "kb.serve"]
    assert rows == [("/ask", 200), ("/no-such-page", 404)]
    assert all("rahasia" not in r.getMessage() and "rahasia" not in str(r.netral_fields) for r in caplog.records)
    assert all(r.netral_fields["ms"] >= 0 for r in caplog.records if r.name == "kb.serve")


def test_a_vector_store_failing_mid_request_is_a_503_that_names_it(bundled, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from kb.milvus_store import MilvusError

    client, searcher = bundled

    def down(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise MilvusError("cannot reach Milvus at http://milvus:19530: connection refused")

    monkeypatch.setattr(searcher.store, "search", down)
    r = client.get("/api/search", params={"q": MOBIL})
    assert r.status_code == 503 and "http://milvus:19530" in r.json()["detail"]
    page = client.get("/ask", params={"q": MOBIL})
    assert page.status_code == 503 and "http://milvus:19530" in page.text
