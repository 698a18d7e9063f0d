"""A real server on loopback under concurrent requests while generations whose files do not
belong together, or are damaged, are switched in (issue 13, case 2): zero failed requests,
the previous generation keeps serving, and `/healthz` says "degraded" with the reason.

Five bad generations, each switched in three times while six clients send searches, answer
pages and health checks: a `bm25/`, a `vectors.faiss` or a `meta.sqlite` from the
generation being served, half the chunk rows deleted, 2,000 bytes overwritten in
`vectors.faiss`. The clients stop by themselves (at least REQUESTS, at most MAX_REQUESTS).
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kb.build import build_index
from kb.config import Settings
from kb.index import current_generation
from kb.search import LiveSearcher
from kb.web import create_app
from kb.web.server import server_config
from tests.helpers import PP_PAGES, HashEmbedder, free_port, load_request, make_pdf, uvicorn_thread

REQUESTS = 900
MAX_REQUESTS = 6_000
CLIENTS = 6
ROUNDS = 3


def _copy_from(part: str) -> Callable[[Path, Path], None]:
    def damage(gen: Path, serving: Path) -> None:
        if (gen / part).is_dir():
            shutil.rmtree(gen / part)
            shutil.copytree(serving / part, gen / part)
        else:
            shutil.copy(serving / part, gen / part)
    return damage


def _delete_rows(gen: Path, serving: Path) -> None:
    db = sqlite3.connect(gen / "meta.sqlite")
    db.execute("DELETE FROM chunks WHERE id % 2 = 1")
    db.commit()
    db.close()


def _overwrite_vectors(gen: Path, serving: Path) -> None:
    path = gen / "vectors.faiss"
    data = bytearray(path.read_bytes())
    data[-2000:] = bytes(range(256)) * 7 + bytes(208)  # 2,000 bytes, same size
    path.write_bytes(bytes(data))


DAMAGES: list[tuple[str, str, Callable[[Path, Path], None]]] = [
    ("bm25/ from the served generation", "bm25", _copy_from("bm25")),
    ("vectors.faiss from the served generation", "vectors.faiss", _copy_from("vectors.faiss")),
    ("meta.sqlite from the served generation", "meta.sqlite", _copy_from("meta.sqlite")),
    ("half the chunk rows deleted", "meta.sqlite", _delete_rows),
    ("2,000 bytes overwritten in vectors.faiss", "vectors.faiss", _overwrite_vectors),
]


def _bad_generations(s: Settings, emb: HashEmbedder, serving: Path) -> list[tuple[str, str, Path]]:
    """One newer generation per damage (each built with one more document, then damaged)."""
    out = []
    for n, (label, part, damage) in enumerate(DAMAGES, 8):
        make_pdf(s.corpus_dir / "regulations" / f"pp-{n}-2031.pdf", [p.replace("7 TAHUN 2030", f"{n} TAHUN 2031") for p in PP_PAGES])
        build_index(s, embedder=emb, progress=False)
        gen = current_generation(s.index_dir)
        assert gen is not None
        out.append((label, part, gen))
    (s.index_dir / "CURRENT").write_text(serving.name)  # back to the good one while the bad ones are damaged
    for (label, part, gen), (_, _, damage) in zip(out, DAMAGES):
        damage(gen, serving)
    return out


@pytest.mark.slow  # ~10 s of load
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
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with uvicorn_thread(server_config(create_app(s, live), s, "127.0.0.1", port, log_level="warning")):  # as `kb serve`
        errors: list[str] = []
        sent: Counter[str] = Counter()
        health: list[tuple[str, int, dict[str, object]]] = []  # (generation switched in, HTTP status, body)
        switched = threading.Event()

        def client(worker: int) -> None:
            paths = ["/api/search", "/ask", "/api/search", "/healthz"]
            with httpx.Client(base_url=base, timeout=10) as http:
                i = 0
                while (not switched.is_set() or sum(sent.values()) < REQUESTS) and sum(sent.values()) < MAX_REQUESTS:
                    path = paths[(worker + i) % len(paths)]
                    i += 1
                    sent[path] += 1
                    load_request(http, path, worker + i, errors)

        def switch() -> None:
            try:
                with httpx.Client(base_url=base, timeout=10) as http:
                    for _label, _part, gen in bad * ROUNDS:
                        time.sleep(0.1)
                        (s.index_dir / "CURRENT").write_text(gen.name)
                        end = time.monotonic() + 10
                        while f"refused {gen.name}" not in str(live.last_error) and time.monotonic() < end:
                            live.wait_until_loaded()
                            time.sleep(0.02)
                        r = http.get("/healthz")
                        health.append((gen.name, r.status_code, r.json()))
            finally:
                switched.set()

        started = time.monotonic()
        switcher = threading.Thread(target=switch)
        switcher.start()
        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(client, range(CLIENTS)))
        switcher.join(timeout=120)
        elapsed = time.monotonic() - started
        total = sum(sent.values())
        print(f"{total} requests ({dict(sent)}) from {CLIENTS} clients in {elapsed:.1f} s while {len(health)} bad generations "
              f"were switched in: {len(errors)} failed; /healthz degraded {sum(b['status'] == 'degraded' for _, _, b in health)} "
              f"of {len(health)} times")
        assert errors == [] and total >= REQUESTS and live.generation == good.name
        assert len(health) == len(bad) * ROUNDS
        for (label, part, gen), (named, status, body) in zip(bad * ROUNDS, health):
            assert named == gen.name and status == 200 and body["status"] == "degraded", (label, body)
            assert body["generation"] == good.name and body["query_ms"] is not None, (label, body)
            reason = str(body["reason"])
            assert f"refused {gen.name}" in reason and part in reason and good.name in reason, (label, reason)
