"""A small PDF that expands to a lot of text (issue 13, case 5): limits per PDF (characters
per page and per file, a time budget), each a problem naming the file; and the structure
stage in time linear in the text (it compared every pair of "Pasal N" candidates)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import kb.extract as extract_mod
import kb.structure as structure_mod
from bench.expanding_pdf import expanding_pdf, one_line_stream
from kb.build import build_index
from kb.config import Settings
from kb.extract import ExtractError, ExtractLimits, extract_pdf
from kb.index import load_index
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf


def test_the_defaults_read_the_real_layouts(pp_pdf: Path) -> None:
    assert extract_pdf(pp_pdf).pages[1].text.startswith("Pasal 2")
    limits = ExtractLimits.from_settings(Settings())
    assert (limits.page_chars, limits.file_chars, limits.seconds) == (100_000, 4_000_000, 60.0)


def test_a_page_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    f = expanding_pdf(tmp_path / "wide.pdf", pages=2, lines=200)  # ~13,500 characters a page
    assert len(extract_pdf(f, ExtractLimits(page_chars=20_000)).text) > 20_000  # under the limit: read whole
    with pytest.raises(ExtractError) as e:
        extract_pdf(f, ExtractLimits(page_chars=10_000))
    assert e.value.path == f and e.value.reason == "page 1 has more than 10,000 characters of text (limit max_page_chars)"


def test_a_file_over_the_character_limit_is_refused_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = expanding_pdf(tmp_path / "bomb.pdf", pages=80, lines=1000)  # ~12 KB of PDF, ~5.4M characters
    assert f.stat().st_size < 20_000
    pages_read = []
    real = extract_mod._Budget.start_page
    monkeypatch.setattr(extract_mod._Budget, "start_page", lambda self, n: (pages_read.append(n), real(self, n)))
    with pytest.raises(ExtractError) as e:
        extract_pdf(f, ExtractLimits(file_chars=100_000))
    assert e.value.reason == "more than 100,000 characters of text (limit max_file_chars)"
    assert max(pages_read) == 2  # stopped as soon as the limit was passed (~67,000 a page), not after 80 pages


def test_a_file_over_the_time_budget_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = expanding_pdf(tmp_path / "slow.pdf", pages=3, lines=50)
    ticks = iter(range(0, 10**6, 7))  # a clock that advances 7 s each time it is read
    monkeypatch.setattr(extract_mod, "_clock", lambda: next(ticks))
    with pytest.raises(ExtractError) as e:
        extract_pdf(f, ExtractLimits(seconds=30))
    assert e.value.reason == "took more than 30 s to read (limit max_extract_seconds)"


def test_one_long_line_is_stopped_by_its_operators_not_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf hands out a line's text only at its end, after building it in quadratic time:
    the characters of the text operators are counted before pypdf handles them."""
    f = expanding_pdf(tmp_path / "line.pdf", pages=1, stream=one_line_stream(40_000))
    seen: list[int] = []
    real = extract_mod._Budget.text
    monkeypatch.setattr(extract_mod._Budget, "text", lambda self, text, *a: (seen.append(self.page + len(text)), real(self, text, *a)))
    with pytest.raises(ExtractError, match=r"page 1 has more than 10,000 characters"):
        extract_pdf(f, ExtractLimits(page_chars=10_000))
    assert max(seen, default=0) < 10_000  # the line's text was never handed out: stopped before


def test_the_time_budget_interrupts_pypdf_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf parses a page's whole content stream before the first operator is seen; in the
    main thread the budget is a hard deadline (SIGALRM)."""
    import time

    from pypdf import PageObject

    f = expanding_pdf(tmp_path / "p.pdf", pages=2, lines=10)
    monkeypatch.setattr(PageObject, "extract_text", lambda self, **k: time.sleep(30))
    t0 = time.monotonic()
    with pytest.raises(ExtractError, match=r"took more than 0.5 s to read"):
        extract_pdf(f, ExtractLimits(seconds=0.5))
    assert time.monotonic() - t0 < 10


def test_pypdfs_own_limits_are_a_problem_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PageObject
    from pypdf.errors import LimitReachedError

    def limit(self: object, **k: object) -> str:
        raise LimitReachedError("Reached maximum number of tokens per stream.")

    monkeypatch.setattr(PageObject, "extract_text", limit)
    with pytest.raises(ExtractError, match=r"unreadable or damaged PDF \(LimitReachedError: Reached maximum"):
        extract_pdf(expanding_pdf(tmp_path / "p.pdf", pages=1, lines=10))


def test_limits_in_a_build_skip_the_file_and_keep_its_previous_version(corpus: Path, tmp_path: Path) -> None:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", max_file_chars=200_000)
    emb = HashEmbedder()
    build_index(s, embedder=emb, progress=False)
    expanding_pdf(corpus / "regulations" / "pp-7-2030.pdf", pages=40, lines=200)  # the file turns into a bomb
    make_pdf(corpus / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    r = build_index(s, embedder=emb, progress=False)
    assert [(p.source, p.reason) for p in r.problems] == [
        ("regulations/pp-7-2030.pdf", "more than 200,000 characters of text (limit max_file_chars)")]
    assert r.added == ["regulations/pp-8-2031.pdf"]
    chunks = load_index(s.index_dir).chunks
    assert any(c.source == "regulations/pp-7-2030.pdf" and c.article == "3" for c in chunks)  # the last good version


def _heading_text(n: int) -> str:
    return "\n".join(f"Pasal {i}\nPegawai dilarang ikut kampanye sebagaimana dimaksud dalam Pasal {max(1, i - 1)}." for i in range(1, n + 1))


def test_chaining_article_headings_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed (the machine is shared): the pairs of candidates compared."""
    calls = 0
    real = structure_mod._gap_cost

    def counted(*a):  # noqa: ANN002, ANN202
        nonlocal calls
        calls += 1
        return real(*a)

    monkeypatch.setattr(structure_mod, "_gap_cost", counted)
    for amendment in (False, True):
        per = []
        for n in (200, 800):  # _PASAL reads numbers up to 999
            calls = 0
            text = _heading_text(n)
            heads = structure_mod._chain(text, 0, len(text), amendment, 8)
            assert [h.article for h in heads] == [str(i) for i in range(1, n + 1)]
            per.append(calls / n)
        assert per[1] < 30 and per[1] < 1.5 * per[0], (amendment, per)  # was ~n/2 per candidate


def _quadratic_chain(cands: list, amendment: bool, max_jump: int) -> tuple[list[float], list[int]]:
    """The definition: every earlier candidate compared (ties to the earliest)."""
    gap = structure_mod._gap_cost
    best, prev = [0.0] * len(cands), [-1] * len(cands)
    for i, (pos_i, _e, v, w) in enumerate(cands):
        best[i] = w - gap(None, v, amendment, max_jump)
        for j in range(i):
            pos_j, _ej, u, _wj = cands[j]
            if pos_j >= pos_i or u >= v:
                continue
            cost = gap(u, v, amendment, max_jump)
            if cost != float("inf") and best[j] + w - cost > best[i]:
                best[i], prev[i] = best[j] + w - cost, j
    return best, prev


def test_the_linear_chaining_chooses_what_comparing_every_pair_chose() -> None:
    """The same best weights and predecessors; where two predecessors give weights equal to
    the last bit of a float, the pick between them may differ (both chains weigh the same)."""
    rng = random.Random(13)
    exact = 0
    for _ in range(400):
        cands, pos, num = [], 0, 1
        for _ in range(rng.randint(0, 60)):
            pos += rng.choice([0, 5, 9])
            num = max(0, num + rng.choice([-2, 0, 1, 1, 1, 2, 3, 9]))
            cands.append((pos, pos + 7, (num, rng.choice(["", "", "A", "B", "C"])), rng.choice([1.0, 0.6])))
        for amendment in (False, True):
            mj = rng.choice([3, 8])
            (best, prev), (want_best, want_prev) = structure_mod._best_chains(cands, amendment, mj), _quadratic_chain(cands, amendment, mj)
            assert best == pytest.approx(want_best, abs=1e-9)
            for i, (j, k) in enumerate(zip(prev, want_prev)):
                assert j == k or (j >= 0 and k >= 0 and best[j] == pytest.approx(want_best[k], abs=1e-9)), (i, j, k)
            exact += prev == want_prev
    assert exact >= 790  # all but float-level ties
