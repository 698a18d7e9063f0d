"""A real server on loopback under concurrent requests while generations whose files do not
belong together are switched in (issue 13, case 2): zero failed requests, the previous
generation keeps serving, and the reason is reported."""

from __future__ import annotations

import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

from kb.build import build_index
from kb.config import Settings
from kb.index import current_generation
from kb.search import LiveSearcher
from kb.web import create_app
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf
from tests.test_serve_load import QUESTIONS, _free_port

REQUESTS = 600
CLIENTS = 6


def _bad_generations(s: Settings, emb: HashEmbedder, serving: Path) -> list[tuple[str, Path]]:
    """Three newer generations, each with one part from the generation being served."""
    out = []
    for n, part in enumerate(["bm25", "vectors.faiss", "meta.sqlite"], 8):
        make_pdf(s.corpus_dir / "regulations" / f"pp-{n}-2031.pdf", [p.replace("7 TAHUN 2030", f"{n} TAHUN 2031") for p in PP_PAGES])
        build_index(s, embedder=emb, progress=False)
        gen = current_generation(s.index_dir)
        assert gen is not None
        out.append((part, gen))
    (s.index_dir / "CURRENT").write_text(serving.name)  # back to the good one while the bad ones are made
    for part, gen in out:
        if (gen / part).is_dir():
            shutil.rmtree(gen / part)
            shutil.copytree(serving / part, gen / part)
        else:
            shutil.copy(serving / part, gen / part)
    return out


def test_bad_generations_switched_in_under_load_fail_no_request(corpus: Path, tmp_path: Path) -> None:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    emb = HashEmbedder()
    build_index(s, embedder=emb, progress=False)
    good = current_generation(s.index_dir)
    assert good is not None
    import kb.index

    kb.index.KEEP_GENERATIONS = 10  # keep the good generation while the bad ones are built
    try:
        bad = _bad_generations(s, emb, good)
    finally:
        kb.index.KEEP_GENERATIONS = 2
    live = LiveSearcher(s, emb, check_every=0.02, retry_every=0.5)
    assert live.generation == good.name
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(s, live), host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    errors: list[str] = []
    seen: list[str] = []

    def client(worker: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            for i in range(REQUESTS // CLIENTS):
                try:
                    r = http.get("/api/search" if i % 2 else "/ask", params={"q": QUESTIONS[(worker + i) % len(QUESTIONS)], "k": 5})
                    if r.status_code != 200:
                        errors.append(str(r.status_code))
                except httpx.HTTPError as e:
                    errors.append(type(e).__name__)

    def switch() -> None:
        for _part, gen in bad * 3:
            time.sleep(0.1)
            (s.index_dir / "CURRENT").write_text(gen.name)
            end = time.monotonic() + 10
            while f"refused {gen.name}" not in str(live.last_error) and time.monotonic() < end:
                live.wait_until_loaded()
                time.sleep(0.02)
            seen.append(str(live.last_error))

    try:
        switcher = threading.Thread(target=switch)
        switcher.start()
        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(client, range(CLIENTS)))
        switcher.join(timeout=60)
        assert errors == [] and live.generation == good.name
        for (part, gen), reason in zip(bad * 3, seen):
            assert f"refused {gen.name}" in reason and part.split(".")[0] in reason, reason
        health = httpx.get(f"http://127.0.0.1:{port}/healthz").json()
        assert health["generation"] == good.name and "refused" in health["reload_error"]
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
