"""The web face against a hostile client and an unlucky operator (issue 13, web part), through
FastAPI's TestClient: redirects never carry the Host header, a crash is the error page with
the security headers (the traceback only in the log), HEAD on every GET route, an
over-long query gets a short answer, the API validates `k`, `year` and `as_of`, and
`/healthz` runs a real query and says "degraded" with the reason (503 when nothing can be
served)."""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb.build import build_index
from kb.config import Settings
from kb.index import current_generation, load_index
from kb.library import Library
from kb.search import LiveSearcher, Searcher
from kb.web import create_app
from kb.web.schemas import HealthResponse, Problem
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf

PP94 = "regulations--pp-94-2021"
LIMIT = Settings().max_query_chars  # a question's characters, at most
SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


def _app(s: Settings, **overrides: object) -> tuple[TestClient, Searcher]:
    searcher = Searcher(load_index(s.index_dir), HashEmbedder(), s)
    return TestClient(create_app(replace(s, **overrides) if overrides else s, searcher)), searcher


@pytest.fixture(scope="module")
def bundled(bundled_index: Settings) -> tuple[TestClient, Searcher]:
    return _app(bundled_index)


@pytest.fixture
def client(bundled: tuple[TestClient, Searcher]) -> TestClient:
    bundled[0].cookies.clear()
    return bundled[0]


def _has_security_headers(headers: object) -> bool:
    return all(h in headers for h in SECURITY)  # type: ignore[operator]


# ---------------------------------------------------------------------------- redirects and hosts


def test_redirects_are_relative_and_never_carry_the_host_header(client: TestClient) -> None:
    for path, target in [("/docs/", "/docs"), ("/precedents/?year=2019", "/precedents?year=2019"), ("/api/docs/", "/api/docs")]:
        r = client.get(path, headers={"host": "evil.example"}, follow_redirects=False)
        assert r.status_code in (307, 308) and r.headers["location"] == target, (path, r.headers.get("location"))
        assert "evil.example" not in str(r.headers) and "evil.example" not in r.text
        assert client.get(path).status_code == 200  # and it leads where it should
    assert client.get("/ask?q=+", follow_redirects=False).headers["location"] == "/"


def test_a_redirect_target_cannot_become_another_site() -> None:
    from kb.web.security import relative_location

    assert relative_location(b"http://evil.example/docs?x=1#p") == b"/docs?x=1#p"
    assert relative_location(b"http://netral.test//evil.example/x") == b"/evil.example/x"
    assert relative_location(b"/\\evil.example") == b"/evil.example"
    assert relative_location(b"") == b"/"


def test_trusted_hosts_when_set(bundled_index: Settings) -> None:
    client, _ = _app(bundled_index, trusted_hosts=("netral.test", "*.netral.test"))
    bad = client.get("/", headers={"host": "evil.example"})
    assert bad.status_code == 400 and "evil.example" not in bad.text and _has_security_headers(bad.headers)
    assert client.get("/", headers={"host": "www.netral.test"}).status_code == 200
    assert client.get("/healthz", headers={"host": "netral.test"}).json()["status"] == "ok"


# ---------------------------------------------------------------------------- 500s


def test_an_unexpected_exception_is_the_error_page_with_headers_and_the_traceback_only_in_the_log(
    client: TestClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: Library) -> list[object]:
        raise RuntimeError("secret internal detail /srv/netral/index")

    monkeypatch.setattr(Library, "documents", broken)
    with caplog.at_level(logging.ERROR, logger="kb.serve"):
        page = client.get("/docs?lang=en")
        api = client.get("/api/docs")
        head = client.head("/docs")
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "Something went wrong" in page.text and '<html lang="en">' in page.text
    assert api.status_code == 500 and set(api.json()) == {"detail"}
    assert head.status_code == 500 and head.content == b""
    for r in (page, api, head):
        assert _has_security_headers(r.headers)
        assert "secret internal detail" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    crashes = [r for r in caplog.records if r.getMessage() == "request.failed"]
    assert len(crashes) == 3 and all(r.exc_info and "secret internal detail" in str(r.exc_info[1]) for r in crashes)
    assert {r.netral_fields["path"] for r in crashes} == {"/docs", "/api/docs"}


# ---------------------------------------------------------------------------- HEAD


PAGES = ["/", "/ask", "/precedents", "/docs", f"/docs/{PP94}", f"/docs/{PP94}.pdf", "/about", "/api/docs-ui", "/api/openapi.json", "/static/style.css"]
"""The routes outside the OpenAPI document (kb/web/__init__.py lists them)."""


def _get_paths(client: TestClient) -> list[str]:
    """A concrete path for every GET route: the pages, and every path the OpenAPI document declares."""
    spec = client.get("/api/openapi.json").json()["paths"]
    assert all(set(ops) == {"get"} for ops in spec.values())
    return PAGES + [p.replace("{doc_id}", PP94) for p in spec]


def test_head_answers_every_get_route_like_get_without_a_body(client: TestClient) -> None:
    paths = _get_paths(client)
    assert {"/healthz", "/api/search", f"/api/docs/{PP94}"} <= set(paths) and len(paths) == 16
    for path in paths:
        url = path + ("?q=kampanye" if path in ("/ask", "/api/search", "/api/answer") else "")
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code and got.status_code in (200, 404), (url, got.status_code, head.status_code)
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], url
        assert _has_security_headers(head.headers), url
        if path in ("/static/style.css", f"/docs/{PP94}.pdf", "/api/docs"):
            assert int(head.headers["content-length"]) == len(got.content), url
    assert client.head("/healthz").status_code == 200


# ---------------------------------------------------------------------------- long queries


def _longest_run(text: str, ch: str) -> int:
    return max((len(m) for m in re.findall(re.escape(ch) + "+", text)), default=0)


@pytest.mark.parametrize("path", ["/ask", "/precedents", "/api/search", "/api/answer", "/api/precedents", "/healthz"])
def test_a_60k_character_query_is_rejected_early_with_a_short_answer(client: TestClient, path: str) -> None:
    r = client.get(path, params={"q": "a" * 60_000})
    assert r.status_code == 414 and len(r.content) < 6_000 and _longest_run(r.text, "a") < 100, (path, len(r.content))
    assert _has_security_headers(r.headers)
    if path.startswith("/api/") or path == "/healthz":
        Problem.model_validate(r.json())
    else:
        assert "60000" in r.text and str(LIMIT) in r.text  # the page says how long it was and the limit


@pytest.mark.parametrize("path", ["/ask", "/precedents", "/docs/nope", "/nope"])
def test_an_error_page_echoes_at_most_a_short_prefix_of_the_query(client: TestClient, path: str) -> None:
    """Under the address limit, over the question's: the page shows the first LIMIT characters
    at most (in the form, in the language links), whichever parameter carries them."""
    long = "kampanye" + "b" * 2_500
    r = client.get(path, params={"q": long, "lang": "en", "x": "c" * 2_000})
    assert r.status_code in (400, 404) and _longest_run(r.text, "b") <= LIMIT and _longest_run(r.text, "c") <= LIMIT, path
    assert len(r.content) < 16_000 and '<html lang="en">' in r.text


def test_an_api_error_echoes_at_most_a_short_prefix_of_the_input(client: TestClient) -> None:
    for path in ("/api/search", "/api/answer", "/api/precedents"):
        detail = client.get(path, params={"q": "kampanye " + "b" * 3_000}).json()["detail"]
        assert [d["loc"] for d in detail] == [["query", "q"]] and len(detail[0]["input"]) == LIMIT, path
        assert "3009 characters" in detail[0]["msg"], detail[0]["msg"]


# ---------------------------------------------------------------------------- parameters


@pytest.mark.parametrize("params", [
    {"k": 0}, {"k": -1}, {"k": 51}, {"k": "abc"}, {"year": 12345}, {"year": 1800},
    {"as_of": "2019-13-45"}, {"as_of": "2019-02-29"}, {"as_of": "1577836800"}, {"as_of": "2019-01-01T00:00"}, {"as_of": "kemarin"},
])
def test_the_api_validates_k_year_and_as_of_like_the_cli(client: TestClient, params: dict[str, object]) -> None:
    r = client.get("/api/search", params={"q": "hukuman disiplin", **params})
    assert r.status_code == 422, (params, r.status_code)
    assert [d["loc"][-1] for d in r.json()["detail"]] == list(params), r.json()


def test_as_of_leaves_out_the_law_enacted_later(client: TestClient) -> None:
    q = "jenis hukuman disiplin pegawai negeri sipil"
    later = client.get("/api/search", params={"q": q, "k": 50}).json()["results"]
    assert any((r["doc"]["year"] or 0) > 2015 for r in later)  # the question finds newer law without as_of
    then = client.get("/api/search", params={"q": q, "k": 50, "as_of": "2015-01-01"}).json()["results"]
    assert then and all((r["doc"]["year"] or 0) <= 2015 for r in then)
    assert client.get("/api/answer", params={"q": q, "k": 0}).status_code == 422
    assert client.get("/api/precedents", params={"year": "20x9"}).status_code == 422


# ---------------------------------------------------------------------------- /healthz


def _health(client: TestClient, status: int = 200) -> HealthResponse:
    r = client.get("/healthz")
    assert r.status_code == status, r.text
    assert client.head("/healthz").status_code == status
    return HealthResponse.model_validate(r.json())


def test_healthz_runs_a_real_query(client: TestClient, bundled: tuple[TestClient, Searcher], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    search = bundled[1].search

    def spy(query: str, k: int = 10, filters: object = None) -> object:
        seen.append(query)
        return search(query, k, filters)  # type: ignore[arg-type]

    monkeypatch.setattr(bundled[1], "search", spy)
    h = _health(client)
    assert h.status == "ok" and h.reason is None and h.query_ms is not None and h.query_ms >= 0 and len(seen) == 2  # GET and HEAD


def test_healthz_is_degraded_when_the_query_fails(client: TestClient, bundled: tuple[TestClient, Searcher], monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: object, **kwargs: object) -> object:
        raise ValueError("operands could not be broadcast together with shapes (136,) (68,)")

    monkeypatch.setattr(bundled[1], "search", fails)
    h = _health(client)
    assert h.status == "degraded" and h.reason and "operands could not be broadcast" in h.reason and h.query_ms is None


def test_healthz_is_degraded_when_a_non_empty_index_finds_nothing(client: TestClient, bundled: tuple[TestClient, Searcher], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundled[1], "search", lambda *a, **kw: [])
    h = _health(client)
    assert h.status == "degraded" and h.reason == "a test query found nothing in a non-empty index" and h.chunks > 0


def test_healthz_is_503_when_nothing_can_be_served(client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def gone(self: Library) -> object:
        raise OSError("meta.sqlite: disk I/O error")

    monkeypatch.setattr(Library, "snapshot", gone)
    with caplog.at_level(logging.ERROR, logger="kb.serve"):
        r = client.get("/healthz")
    assert r.status_code == 503 and "disk I/O error" in Problem.model_validate(r.json()).detail
    assert client.head("/healthz").status_code == 503
    assert any(r.getMessage() == "health.unavailable" and r.exc_info for r in caplog.records)


def test_healthz_is_degraded_with_the_reason_when_a_newer_generation_is_refused(corpus: Path, tmp_path: Path) -> None:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    emb = HashEmbedder()
    build_index(s, embedder=emb, progress=False)
    good = current_generation(s.index_dir)
    live = LiveSearcher(s, emb, check_every=0.0, retry_every=60)
    client = TestClient(create_app(s, live))
    assert _health(client).status == "ok"
    make_pdf(s.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    build_index(s, embedder=emb, progress=False)
    bad = current_generation(s.index_dir)
    assert bad is not None and good is not None and bad != good
    (s.index_dir / "CURRENT").write_text(good.name)  # damage the new one before it is served
    db = sqlite3.connect(bad / "meta.sqlite")
    db.execute("DELETE FROM chunks WHERE id % 2 = 1")
    db.commit()
    db.close()
    (s.index_dir / "CURRENT").write_text(bad.name)
    live.wait_until_loaded()
    h = _health(client)
    assert h.status == "degraded" and h.generation == good.name and h.reason and f"refused {bad.name}" in h.reason and "meta.sqlite" in h.reason
    assert h.reload_error and client.get("/api/search", params={"q": "kampanye"}).status_code == 200
    shutil.rmtree(bad)
    (s.index_dir / "CURRENT").write_text(good.name)  # the operator puts it back: ok again
    live.wait_until_loaded()
    assert _health(client).status == "ok"
