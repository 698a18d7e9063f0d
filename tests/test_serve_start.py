"""`kb serve`'s start (kb.web.starter): the port answers health checks while the app is
still being made, other requests wait for it, and a start that fails stops the server with
its reason. A real server on loopback; the app is held back until the test lets it go."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from kb.config import Settings
from kb.index import IndexStateError
from kb.library import Library
from kb.search import LiveSearcher
from kb.web import create_app
from kb.web.server import serve, starting_server
from kb.web.starter import STARTING, Starter
from tests.helpers import HashEmbedder, free_port, hash_cards


def _get(base: str, path: str, out: list[Any] | None = None, **params: str) -> httpx.Response:
    r = httpx.get(base + path, params=params, timeout=60, trust_env=False)
    if out is not None:
        out.append(r)
    return r


def _wait_listening(base: str) -> httpx.Response:
    deadline = time.monotonic() + 30
    while True:
        try:
            return _get(base, "/healthz")
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server did not listen"
            time.sleep(0.02)


def test_health_checks_are_answered_while_the_app_is_made(bundled_index: Settings) -> None:
    s = bundled_index
    gate = threading.Event()

    def make() -> Any:
        assert gate.wait(60)
        return create_app(s, Library(s, LiveSearcher(s, HashEmbedder(), background=True), hash_cards))

    starter = Starter(make)
    port = free_port()
    server = starting_server(starter, s, "127.0.0.1", port, log_level="warning")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        r = _wait_listening(base)
        assert r.status_code == 503 and r.json() == {"detail": STARTING} and r.headers["retry-after"] == "1"
        assert r.headers["x-content-type-options"] == "nosniff"
        head = httpx.head(base + "/healthz", trust_env=False)
        assert head.status_code == 503 and head.content == b""
        waiting: list[httpx.Response] = []
        asking = threading.Thread(target=_get, args=(base, "/api/search", waiting), kwargs={"q": "netralitas ASN"})
        asking.start()
        time.sleep(0.5)
        assert waiting == [] and not starter.made.done(), "a question waits for the app, it is not refused"
        gate.set()
        asking.join(60)
        assert waiting[0].status_code == 200 and waiting[0].json()["results"]
        for _ in range(300):
            r = _get(base, "/healthz")
            if r.status_code == 200:
                break
            assert r.json()["detail"].startswith("starting")  # the real app, its index still loading
            time.sleep(0.1)
        assert r.status_code == 200 and r.json()["chunks"] > 0
    finally:
        gate.set()
        server.should_exit = True
        thread.join(20)


def test_a_start_that_fails_stops_the_server_with_its_reason(tmp_path: Path) -> None:
    s = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")  # no index built
    gate = threading.Event()

    def make() -> Any:
        assert gate.wait(60)
        return create_app(s)  # what `kb serve` makes: it finds no index

    port = free_port()
    raised: list[BaseException] = []

    def run() -> None:
        try:
            serve(Starter(make), s, "127.0.0.1", port)
        except BaseException as e:  # noqa: BLE001  # what the CLI prints
            raised.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    assert _wait_listening(base).status_code == 503
    waiting: list[httpx.Response] = []
    asking = threading.Thread(target=_get, args=(base, "/api/search", waiting), kwargs={"q": "netralitas"})
    asking.start()
    time.sleep(0.3)
    gate.set()
    asking.join(30)
    thread.join(30)
    assert not thread.is_alive(), "the server stops"
    assert len(raised) == 1 and isinstance(raised[0], IndexStateError) and "no index" in str(raised[0])
    assert waiting and waiting[0].status_code == 503 and "could not start" in waiting[0].json()["detail"]
    with pytest.raises(httpx.TransportError):
        _get(base, "/healthz")
