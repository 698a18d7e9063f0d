"""Integration: the real model over the real, noisy shared corpus, and the bundled corpus.

Builds real indexes (minutes on 2 cores, the first time); the dev-set floor is the quality
bar of the pipeline issue. Skipped, with the reason, when ../shared is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.build import build_index
from kb.cli import app
from kb.config import Settings
from kb.evaluate import evaluate, load_questions, summarise
from kb.extract import extract_pdf
from kb.search import Searcher
from tests.helpers import SHARED

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embedder():
    from kb.embed import ModelEmbedder

    return ModelEmbedder(Settings.from_env())


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory: pytest.TempPathFactory, embedder) -> Settings:  # noqa: ANN001
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED}/corpus is absent: the shared corpus is needed for this integration test")
    s = Settings.from_env(corpus_dir=SHARED / "corpus", index_dir=tmp_path_factory.mktemp("shared-index"))
    report = build_index(s, embedder=embedder, progress=False)
    assert report.problems == [] and len(report.added) == 11
    return s


@pytest.fixture(scope="module")
def bundled_index(tmp_path_factory: pytest.TempPathFactory, embedder) -> Settings:  # noqa: ANN001
    s = Settings.from_env(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("bundled-index"))
    report = build_index(s, embedder=embedder, progress=False)
    assert report.problems == []
    return s


def test_dev_set_quality_bar(shared_index: Settings, embedder) -> None:  # noqa: ANN001
    searcher = Searcher.open(shared_index, embedder)
    summary = summarise(evaluate(searcher, load_questions(SHARED / "eval" / "dev.jsonl")))
    print(json.dumps(summary, indent=1))
    assert summary["all"]["R@5"] >= 0.85
    assert summary["all"]["MRR@10"] >= 0.70
    assert summary["lang=en"]["R@5"] >= 0.75


def test_every_cited_article_and_page_is_in_the_pdf(shared_index: Settings, embedder) -> None:  # noqa: ANN001
    """The article number and pages of a chunk match the PDF: the passage's opening words
    stand on its first page, and a body Pasal heading stands on or just before it."""
    searcher = Searcher.open(shared_index, embedder)
    pages_cache: dict[str, list[str]] = {}
    checked = 0
    headed: set[tuple[str, str]] = set()
    for c in searcher.chunks:
        if c.kind != "regulation" or not c.article or c.part != "body" or c.amendment:
            continue
        if c.source not in pages_cache:
            pages_cache[c.source] = [re.sub(r"\s+", " ", p.text) for p in extract_pdf(shared_index.corpus_dir / c.source).pages]
        pages = pages_cache[c.source]
        opening = " ".join(c.text.split()[:6])
        assert opening in pages[c.pages[0] - 1], f"{c.citation}: '{opening}' not on page {c.pages[0]}"
        if (c.source, c.article) in headed:
            checked += 1
            continue  # only an article's first chunk stands right after its heading
        headed.add((c.source, c.article))
        near = " ".join(pages[max(0, c.pages[0] - 2) : c.pages[0]])
        digits = r"\s?".join(re.sub(r"\D", "", c.article))  # OCR splits "Pasal 4 1"
        assert re.search(rf"P[a4]s[a4][lIJ1]\s*{digits}", near.replace("O", "0")), c.citation
        checked += 1
    assert checked > 300


def test_bundled_corpus_answers_the_starter_questions(bundled_index: Settings, embedder) -> None:  # noqa: ANN001
    s = Searcher.open(bundled_index, embedder)

    def top(q: str, k: int = 3) -> list[str]:
        return [r.chunk.citation for r in s.search(q, k)]

    for q in ("bolehkah PNS menghadiri deklarasi bakal calon sebelum ditetapkan KPU?",
              "can I attend a candidate's declaration before KPU confirms them?"):
        assert any(c.startswith("SKB 2/2022") for c in top(q)), (q, top(q))
    for q in ("what is the punishment for a civil servant who uses an official car for a campaign?",
              "apa hukuman PNS yang memakai mobil dinas untuk kampanye?"):
        got = top(q, 4)
        assert any(re.match(r"PP 94/2021 Pasal (13|14)\b", c) for c in got), (q, got)
    assert top("putusan PNS ikut kampanye caleg", 1)[0].startswith("Putusan 04/Pid.Sus/2014/PN Pwr")
    # In English the top rulings tie (fused score 1.0 on this corpus, before and after the rule-base summary
    # additions), so their order is a tie-break that corpus-wide term statistics can flip: the right
    # ruling must be among the first two and the first three must all be rulings.
    q = "court ruling on a civil servant campaigning for a legislative candidate"
    got = top(q)
    assert any(c.startswith("Putusan 04/Pid.Sus/2014/PN Pwr") for c in got[:2]), (q, got)
    assert all(c.startswith("Putusan ") for c in got), (q, got)
    first = s.search("pasal 5 huruf n PP 94 2021", 1)[0].to_json()
    assert first["article"] == "5" and first["doc"]["summary"] is True and first["doc"]["status"] == "berlaku"


def test_cli_search_json_batch_status_and_eval(shared_index: Settings, tmp_path: Path) -> None:
    run = CliRunner()
    base = ["--corpus", str(shared_index.corpus_dir), "--index", str(shared_index.index_dir)]
    r = run.invoke(app, [*base, "search", "--json", "-k", "3", "isi pasal 5 huruf n PP 94 2021"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout[r.stdout.index("{"):])
    first = out["results"][0]
    assert out["query"] == "isi pasal 5 huruf n PP 94 2021"
    assert (first["source"], first["article"], first["part"], first["kind"]) == ("regulations/pp-94-2021.pdf", "5", "body", "regulation")
    assert first["doc"]["type"] == "PP" and first["doc"]["year"] == 2021 and first["page"] in (4, 5)
    assert first["citation"].startswith("PP 94/2021 Pasal 5")
    qs = tmp_path / "q.jsonl"
    qs.write_text('{"id": "a", "question": "UU ASN pasal 9"}\n{"id": "b", "question": "putusan guru PNS kampanye caleg"}\n')
    r = run.invoke(app, [*base, "search", "--batch", str(qs), "--json", "-k", "2"])
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith('{"id"')]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert lines[0]["results"][0]["article"] == "9" and lines[1]["results"][0]["kind"] == "ruling"
    r = run.invoke(app, [*base, "search", "--batch", str(qs), "--json"])  # batch default k = 10: R@10 measurable
    assert [len(json.loads(x)["results"]) for x in r.stdout.splitlines() if x.startswith('{"id"')] == [10, 10]
    r = run.invoke(app, [*base, "status"])
    assert r.exit_code == 0 and "documents: 11" in r.stdout and "dicabut oleh PP 94/2021" in r.stdout
    r = run.invoke(app, [*base, "eval", str(SHARED / "eval" / "dev.jsonl")])
    assert r.exit_code == 0 and re.search(r"^all\s+30\s", r.stdout, re.M)
    r = run.invoke(app, ["--index", str(tmp_path / "none"), "search", "x"])
    assert r.exit_code == 1 and "run `kb build` first" in r.output
