"""A real server on loopback under concurrent requests while the index is rebuilt
(issue 5): zero failed requests, and the new generation is served without a restart."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from kb.build import build_index
from kb.config import Settings
from kb.search import LiveSearcher
from kb.web import create_app
from tests.helpers import PP_PAGES, HashEmbedder, free_port, load_request, make_pdf, uvicorn_thread

REQUESTS = 1000
CLIENTS = 6


@pytest.fixture
def server(corpus: Path, tmp_path: Path):  # noqa: ANN201
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    live = LiveSearcher(settings, emb, check_every=0.05)
    port = free_port()
    with uvicorn_thread(uvicorn.Config(create_app(settings, live), host="127.0.0.1", port=port, log_level="warning", access_log=False)):
        yield f"http://127.0.0.1:{port}", settings, emb, live


@pytest.mark.slow  # ~10 s of load
def test_1000_requests_while_a_build_completes(server) -> None:  # noqa: ANN001
    base, settings, emb, live = server
    first_gen = live.generation
    errors: list[str] = []
    latencies: list[float] = []
    done = threading.Event()

    def client(worker: int) -> None:
        with httpx.Client(base_url=base, timeout=10) as http:
            for i in range(REQUESTS // CLIENTS + (1 if worker < REQUESTS % CLIENTS else 0)):
                path = "/api/search" if i % 2 else "/ask"
                t = time.perf_counter()
                load_request(http, path, worker + i, errors)
                latencies.append(time.perf_counter() - t)

    def rebuild() -> None:
        time.sleep(0.3)
        make_pdf(settings.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
        build_index(settings, embedder=emb, progress=False)
        done.set()

    builder = threading.Thread(target=rebuild)
    builder.start()
    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    builder.join(timeout=60)
    elapsed = time.monotonic() - started
    assert done.is_set()
    assert len(latencies) == REQUESTS and errors == []
    live.wait_until_loaded()
    assert live.generation != first_gen
    r = httpx.get(f"{base}/api/search", params={"q": "netralitas pegawai", "k": 10, "year": 2031})
    assert r.status_code == 200 and r.json()["results"], "the new document is served"
    latencies.sort()
    print(f"{REQUESTS} requests, {CLIENTS} clients, {elapsed:.1f} s: p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms (stand-in embedder)")
