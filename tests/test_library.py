"""The library (kb.library), the one core under the three faces: its typed results, one
snapshot per generation, and the CLI's `kb answer`, which prints what `/api/answer` returns.
The stand-in embedder over the bundled corpus and the test PP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kb.cli import app
from kb.config import Settings
from kb.index import load_index
from kb.library import DocumentNotFound, EmptyQuery, Library, QueryTooLong
from kb.precedents import PrecedentFilters
from kb.search import Searcher
from kb.web import create_app
from tests.helpers import ROOT, HashEmbedder, hash_cards

_BUNDLED_PDFS = len(list((ROOT / "corpus").glob("*/*.pdf")))  # regulations/ and rulings/

MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"
PP94 = "regulations--pp-94-2021"


@pytest.fixture(scope="module")
def bundled(bundled_index: Settings) -> tuple[Settings, Library]:
    s = bundled_index
    return s, Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s))


@pytest.fixture(scope="module")
def ruled(fixture_rules_index: Settings) -> tuple[Settings, Library]:
    """The bundled corpus with the fixture rule base, cards with the stand-in's thresholds."""
    s = fixture_rules_index
    return s, Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)


def test_ask_gives_the_card_its_passages_and_the_urls_of_its_clauses(ruled: tuple[Settings, Library]) -> None:
    _s, lib = ruled
    res = lib.ask(f"  {MOBIL} ")
    assert res.query == MOBIL and len(res.results) == 6
    js = res.to_json()
    assert js["answer"]["verdict"] == "prohibited" and js["answer"]["query"] == MOBIL
    assert js["answer"]["provision"]["citation"] == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert js["answer"]["provision"]["doc_url"] == f"/docs/{PP94}#pasal-5--huruf-n-angka-4"
    assert js["answer"]["sanctions"][0]["doc_url"] == f"/docs/{PP94}#pasal-14--huruf-i-angka-2"
    assert [r["rank"] for r in js["results"]] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(EmptyQuery):
        lib.ask("   ")
    limit = Settings().max_query_chars
    with pytest.raises(QueryTooLong, match=f"too long: {limit + 1} characters; the limit is {limit}"):
        lib.ask("k" * (limit + 1))


def test_one_snapshot_per_generation(bundled: tuple[Settings, Library]) -> None:
    _s, lib = bundled
    snap = lib.snapshot()
    assert lib.snapshot() is snap and snap.document(PP94) is snap.document(PP94)  # pages are built once
    page = snap.document(PP94)
    assert page.document.short == "PP 94/2021" and page.to_json()["document"] == page.document.to_json()
    with pytest.raises(DocumentNotFound, match="no document 'nope'"):
        snap.document("nope")


def test_documents_precedents_and_health(bundled: tuple[Settings, Library]) -> None:
    _s, lib = bundled
    docs = lib.documents()
    kinds = [d.kind for d in docs]
    assert len(docs) == _BUNDLED_PDFS and kinds == sorted(kinds, key=lambda k: k != "regulation")  # regulations first
    found = lib.precedents(filters=PrecedentFilters(article="Pasal 490"))
    assert [p.document.case_number for p in found.items] == ["30/Pid.Sus/2019/PN Pml"]
    assert found.items[0].outcome.label == "convicted" and found.to_json()["filters"]["article"] == "Pasal 490"
    h = lib.health().to_json()
    assert h["status"] == "ok" and h["documents"] == _BUNDLED_PDFS and "reload_error" not in h


def _cli(s: Settings, monkeypatch: pytest.MonkeyPatch, *args: str):  # noqa: ANN202
    monkeypatch.setattr("kb.embed.load_embedder", lambda settings: HashEmbedder())
    return CliRunner().invoke(app, ["--corpus", str(s.corpus_dir), "--index", str(s.index_dir), *args])


def test_kb_answer_json_is_what_the_api_returns(ruled: tuple[Settings, Library], monkeypatch: pytest.MonkeyPatch) -> None:
    s, lib = ruled
    monkeypatch.setattr(Library, "open", classmethod(lambda cls, settings, embedder=None, live=False: cls(settings, Searcher.open(settings, HashEmbedder()), hash_cards)))
    api = TestClient(create_app(s, lib))
    for q in (MOBIL, "Saya bupati, boleh ikut kampanye?", "resep rendang padang", "Can a civil servant use an official car to go to a campaign rally?"):
        r = _cli(s, monkeypatch, "answer", "--json", q)
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout) == api.get("/api/answer", params={"q": q}).json()
    r = _cli(s, monkeypatch, "answer", MOBIL)
    lines = r.stdout.splitlines()
    assert r.exit_code == 0 and lines[0] == "Dilarang. Sanksi: hukuman disiplin berat, sampai pemberhentian"
    assert lines[1] == "PP 94/2021 Pasal 5 huruf n angka 4" and "berlaku untuk: PNS, CPNS" in lines
    assert "   PP 94/2021 Pasal 14 huruf i angka 2 [ringkasan kami, bukan teks resmi]" in lines and "Ini bukan nasihat hukum" in r.stdout
    r = _cli(s, monkeypatch, "answer", "Saya bupati, boleh ikut kampanye?")
    assert r.stdout.startswith("Tergantung.") and 'tanyakan lagi: kb answer "Saya bupati, boleh ikut kampanye? (pada masa kampanye)"' in r.stdout
    r = _cli(s, monkeypatch, "answer", "How do I renew my passport?")
    assert r.stdout.startswith("No clear rule.\nThis question does not seem to be about elections")


def test_foreseen_faults_are_one_line_and_exit_1(bundled: tuple[Settings, Library], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    s, _lib = bundled
    limit = Settings().max_query_chars
    r = _cli(s, monkeypatch, "answer", "k" * (limit + 1))
    assert r.exit_code == 1 and r.output.strip() == f"error: the question is too long: {limit + 1} characters; the limit is {limit}"
    r = _cli(Settings(corpus_dir=s.corpus_dir, index_dir=tmp_path / "none"), monkeypatch, "search", "kampanye")
    assert r.exit_code == 1 and r.output.strip().startswith("error: no index in ") and "Traceback" not in r.output
    r = _cli(Settings(corpus_dir=tmp_path / "no-corpus", index_dir=tmp_path / "idx"), monkeypatch, "build", "-q")
    assert r.exit_code == 1 and r.output.strip() == f"error: corpus folder {tmp_path / 'no-corpus'} does not exist (give --corpus)"
