"""Benchmark the answer page (GET /ask?q=...), warm: in-process through FastAPI's TestClient,
then over HTTP against a uvicorn server this script starts on 127.0.0.1. Prints p50 / p95 /
max latency in milliseconds. A benchmark, not a test: the target is p95 < 150 ms warm for
the bundled corpus on the reference machine.

    . .venv/bin/activate
    python bench/bench_web.py                          # ./index (or KB_INDEX), the real model
    python bench/bench_web.py --index /tmp/idx --corpus corpus --requests 300

If the index folder holds no index, the corpus is indexed into a temporary folder first
(about 20 s for the bundled corpus). The request count is bounded (at most 5,000).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "bolehkah PNS memakai mobil dinas untuk kampanye?",
    "can I attend a candidate's declaration before KPU confirms them?",
    "apa sanksi bagi PNS yang menjadi tim sukses calon bupati?",
    "PNS ikut kampanye pakai seragam korpri",
    "can a civil servant be a member of a campaign team?",
    "hukuman PNS yang membuat keputusan menguntungkan pasangan calon",
    "apakah PNS wajib netral?",
    "bolehkah ASN like dan share postingan calon bupati di medsos?",
    "isi pasal 5 huruf n angka 4 PP 94 2021",
    "what is the punishment for using an official car in a campaign?",
    "resep rendang padang",
]


def percentiles(ms: list[float]) -> str:
    ms = sorted(ms)
    p = lambda q: ms[min(len(ms) - 1, int(round(q * (len(ms) - 1))))]  # noqa: E731
    return f"n={len(ms)}  p50={p(0.50):.1f} ms  p95={p(0.95):.1f} ms  max={ms[-1]:.1f} ms  mean={statistics.fmean(ms):.1f} ms"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(get, n: int, warmup: int) -> list[float]:  # noqa: ANN001
    urls = [f"/ask?q={quote(q)}" for q in QUESTIONS]
    for i in range(warmup):
        r = get(urls[i % len(urls)])
        assert r.status_code == 200, (r.status_code, r.text[:300])
    out = []
    for i in range(n):
        t = time.perf_counter()
        r = get(urls[i % len(urls)])
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (r.status_code, r.text[:300])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, default=None, help="index folder (default: KB_INDEX or ./index)")
    ap.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: KB_CORPUS or ./corpus)")
    ap.add_argument("--requests", type=int, default=200, help="timed requests per mode (default 200, at most 5000)")
    ap.add_argument("--warmup", type=int, default=22, help="untimed requests first (default 22)")
    ap.add_argument("--threads", type=int, default=0, help="model threads per question, as `kb serve --threads` (default: all cores)")
    args = ap.parse_args()
    n = max(1, min(args.requests, 5000))

    import httpx
    import uvicorn
    from fastapi.testclient import TestClient

    from kb.build import build_index
    from kb.config import Settings
    from kb.embed import ModelEmbedder
    from kb.index import current_generation
    from kb.search import Searcher
    from kb.web import create_app

    s = Settings.from_env(index_dir=args.index, corpus_dir=args.corpus or (ROOT / "corpus"), model_threads=args.threads)
    t0 = time.perf_counter()
    embedder = ModelEmbedder(s)
    print(f"model loaded in {time.perf_counter() - t0:.1f} s", flush=True)
    tmp = None
    if current_generation(s.index_dir) is None:
        tmp = tempfile.TemporaryDirectory(prefix="netral-bench-")
        s = Settings.from_env(index_dir=Path(tmp.name), corpus_dir=s.corpus_dir, model=s.model, model_threads=args.threads)
        t0 = time.perf_counter()
        build_index(s, embedder=embedder, progress=False)
        print(f"no index found: built {s.corpus_dir} into {s.index_dir} in {time.perf_counter() - t0:.1f} s", flush=True)
    searcher = Searcher.open(s, embedder)
    app = create_app(s, searcher)
    print(f"index: {searcher.index.path} ({len(searcher.index.docs)} documents, {len(searcher.chunks)} chunks)")
    print(f"{n} timed requests per mode, {args.warmup} warm-up; {len(QUESTIONS)} questions in turn; "
          f"{args.threads} model thread(s); load average {open('/proc/loadavg').read().split()[0]}\n", flush=True)

    with TestClient(app) as client:
        print("in-process (TestClient):  " + percentiles(run(client.get, n, args.warmup)), flush=True)

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            print(f"over HTTP (uvicorn :{port}): " + percentiles(run(http.get, n, args.warmup)), flush=True)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
