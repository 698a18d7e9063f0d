#!/usr/bin/env python
"""Netral benchmark: how fast the pipeline and search are, and how cost grows with size.

    python bench/bench.py [--sizes 1,10,100] [--quick] [--out bench/out/results.json]

Sizes are multiples of the shared corpus (../shared/corpus, 11 real PDFs):

* 1x: the real corpus, measured end to end (extraction, structure, chunking, embedding
  with the real model, cold and warm builds, a one-document change, queries, cold start).
* Nx (10, 100): the real corpus plus N-1 perturbed copies made here. Embedding ~14k or
  ~140k passages for real would take hours on 2 cores, so:
    - text stages (structure, chunking, relations, index write, cache look-up) are
      measured on perturbed copies of the real extracted pages (words swapped, some new
      words, document numbers changed)            -> marked "+" (synthetic text)
    - pypdf extraction is measured on a sample of perturbed PDF copies (a page dropped)
    - vectors are the real chunk vectors plus Gaussian noise, renormalised; search
      latency, memory, recall and cold start on them are real measurements on
      synthetic vectors                             -> marked "*" (synthetic vectors)
    - the cold build (needs embedding) and the one-document change are estimates from
      measured parts                                -> marked "~" (estimate)
  Query text is always real (the dev questions) and always encoded by the real model.

Prints a table and writes JSON (bench/out/ is git-ignored). Never writes into the shared
corpus or the project's corpus/ and index/: everything happens in a temporary folder.
Timings are wall-clock on whatever else the machine is doing; the load average before and
after is recorded next to them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("kb") is None:  # a checkout without `pip install -e`
    sys.path.insert(0, str(ROOT))

from kb.build import build_index, scan_corpus  # noqa: E402
from kb.chunk import Chunk, chunk_document  # noqa: E402
from kb.config import Settings  # noqa: E402
from kb.extract import ExtractedPdf, ExtractError, Page, extract_pdf  # noqa: E402
from kb.index import (  # noqa: E402
    DocRecord,
    EmbeddingCache,
    current_generation,
    load_index,
    read_chunks,
    read_documents,
    write_generation,
)
from kb.relations import apply_relations  # noqa: E402
from kb.search import Searcher  # noqa: E402
from kb.structure import parse_document  # noqa: E402
from synth import PROTECTED, WORD, word_swapper  # noqa: E402  (bench/ is on sys.path when a script here runs)
from kb import vectors as kbv  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
KB_CMD = [sys.executable, "-c", "from kb.cli import app; app()"]

FALLBACK_QUESTIONS = [  # used when ../shared/eval is absent; our own wording
    "apakah guru honorer boleh menjadi tim sukses calon bupati?",
    "sanksi bagi PNS yang memasang spanduk calon kepala daerah",
    "may a civil servant like a candidate's post on social media?",
    "larangan pegawai negeri menjadi anggota partai politik",
    "what penalty applies to a village head who campaigns for a candidate?",
    "isi pasal 4 PP 53 2010",
]

# ------------------------------------------------------------------------------------ results

HOW_MARK = {"real": "", "synthetic-text": "+", "synthetic-vectors": "*", "estimate": "~", "skipped": ""}


@dataclass
class Metric:
    value: Any
    unit: str = ""
    how: str = "real"  # real | synthetic-text | synthetic-vectors | estimate | skipped
    note: str = ""


@dataclass
class SizeResult:
    factor: int
    label: str
    metrics: dict[str, Metric] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def put(self, key: str, value: Any, unit: str = "", how: str = "real", note: str = "") -> None:
        self.metrics[key] = Metric(value, unit, how, note)


ROWS: list[tuple[str, str]] = [
    ("documents", "documents"),
    ("pages", "pages"),
    ("chunks", "chunks"),
    ("extract_pps", "extraction, pages/s"),
    ("structure_pps", "structure, pages/s"),
    ("extract_structure_pps", "extraction + structure, pages/s  [>= 20]"),
    ("chunk_cps", "chunking (model tokenizer), chunks/s"),
    ("embed_cps", "embedding, chunks/s"),
    ("model_load_s", "model load, s"),
    ("build_cold_s", "build, cold, s"),
    ("build_warm_s", "build, warm (embedding cache), s"),
    ("build_noop_s", "rebuild, nothing changed, s"),
    ("index_write_s", "index write (SQLite + vectors + BM25), s"),
    ("one_doc_rebuild_s", "one-document change, `kb build` wall, s  [<= 10]"),
    ("index_mb", "index on disk (one generation), MB"),
    ("cache_mb", "embedding cache on disk, MB"),
    ("store_written", "vector store in the index"),
    ("store_chosen", "choose_store() picks"),
    ("flat_ms", "dense exact (flat), k=200, p50/p95 ms"),
    ("hnsw_build_s", "HNSW build, s"),
    ("hnsw_ms", "dense HNSW, k=200, p50/p95 ms"),
    ("hnsw_recall10", "HNSW recall@10 vs exact (dev questions)"),
    ("hnsw_recall10_pseudo", "HNSW recall@10 vs exact (200 pseudo-queries)"),
    ("hnsw_recall200", "HNSW recall@200 vs exact (search pool)"),
    ("searcher_open_s", "index load + Searcher init (in-process), s"),
    ("encode_ms", "query encoder alone, p50/p95 ms"),
    ("rank_ms", "search without encoder, p50/p95 ms"),
    ("query_ms", "query in-process incl. encoder, p50/p95 ms  [p95 <= 50 @100k]"),
    ("final_agreement", "final top-10 overlap, other store vs this one"),
    ("http_ms", "query over HTTP incl. encoder, p50/p95 ms"),
    ("server_rss_mb", "server RSS after queries, MB"),
    ("proc_rss_mb", "`kb search` process peak RSS, MB"),
    ("cold_start_s", "cold start to first answer (`kb search`), s  [<= 3]"),
]


def fmt_value(m: Metric | None) -> str:
    if m is None:
        return "-"
    if m.how == "skipped":
        return "skip"
    v = m.value
    if isinstance(v, dict) and "p50" in v:
        s = f"{v['p50']:.1f} / {v['p95']:.1f}"
    elif isinstance(v, float):
        s = f"{v:.3f}" if abs(v) < 1 else (f"{v:.1f}" if abs(v) < 1000 else f"{v:,.0f}")
    elif isinstance(v, int):
        s = f"{v:,}"
    else:
        s = str(v)
    return s + HOW_MARK.get(m.how, "")


def print_table(results: list[SizeResult], machine: dict[str, Any]) -> str:
    head = ["metric"] + [r.label for r in results]
    rows = [head] + [[label] + [fmt_value(r.metrics.get(key)) for r in results] for key, label in ROWS]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        f"Netral benchmark, {machine['date']}, {machine['cpu_model']}, {machine['cores_usable']} cores usable "
        f"({machine['cores_logical']} logical), load average {machine['loadavg_start']} -> {machine.get('loadavg_end')}",
        "",
    ]
    for i, row in enumerate(rows):
        lines.append("  ".join(c.ljust(widths[j]) if j == 0 else c.rjust(widths[j]) for j, c in enumerate(row)))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += [
        "",
        "no mark: measured on the real corpus | +: measured on perturbed copies of the real text | "
        "*: measured on synthetic vectors (real vectors + noise) | ~: estimate from measured parts | skip: not available",
    ]
    notes = []
    for r in results:
        for key, m in r.metrics.items():
            if m.note:
                notes.append(f"  {r.label} {key}: {m.note}")
    if notes:
        lines += ["notes:"] + notes
    text = "\n".join(lines)
    print(text, flush=True)
    return text


# ------------------------------------------------------------------------------------ helpers


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(seconds: list[float]) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000.0
    return {"p50": round(float(np.percentile(ms, 50)), 2), "p95": round(float(np.percentile(ms, 95)), 2), "n": len(ms)}


def du_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
    return round(total / 1e6, 2)


def proc_status_mb(pid: int, field_name: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def machine_info() -> dict[str, Any]:
    import faiss

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        mem = round(int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0]) / 1024 / 1024, 1)
    except (OSError, IndexError, ValueError):
        pass

    def version(mod: str) -> str | None:
        try:
            return importlib.import_module(mod).__version__
        except Exception:  # noqa: BLE001
            return None

    commit = None
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, timeout=10).stdout.strip()
        commit = f"{commit}{'+dirty' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "host": platform.node(),
        "cpu_model": cpu,
        "cores_logical": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": {m: version(m) for m in ("numpy", "faiss", "onnxruntime", "tokenizers", "torch", "sentence_transformers", "bm25s", "pypdf")},
        "model_runtime": Settings.from_env().runtime,
        "faiss_threads": faiss.omp_get_max_threads(),
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        "git": commit,
        "kb_package": str(Path(importlib.util.find_spec("kb").origin).parent),  # which code was measured
    }


def load_questions() -> list[str]:
    dev = SHARED / "eval" / "dev.jsonl"
    if dev.exists():
        qs = [json.loads(line)["question"] for line in dev.read_text().splitlines() if line.strip()]
        if qs:
            return qs
    return list(FALLBACK_QUESTIONS)


def dense_text(q: str) -> str:
    """What Searcher encodes for a question (glossary expansion), if it says."""
    fn = getattr(Searcher, "_dense_text", None)
    return fn(q) if callable(fn) else q


class PrecomputedEncoder:
    """Stands in for the embedder so a search can be timed without the encoder."""

    def __init__(self, embedder):  # noqa: ANN001
        self.embedder = embedder
        self.model_id = embedder.model_id
        self.dim = embedder.dim
        self.cache: dict[str, np.ndarray] = {}

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.cache]
        if missing:
            for t, v in zip(missing, self.embedder.encode_queries(missing)):
                self.cache[t] = v
        return np.stack([self.cache[t] for t in texts])

    def __getattr__(self, name: str) -> Any:
        return getattr(self.embedder, name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------------------------ queries


def interleaved_timings(searcher: Searcher, embedder, questions: list[str], n: int, budget_s: float,  # noqa: ANN001
                        min_rounds: int = 30, pre: PrecomputedEncoder | None = None) -> tuple[list[float], list[float], list[float]]:
    """Seconds per round of: search (encoder included), the encoder alone on what the
    searcher encodes, and search with the question pre-encoded; interleaved so that machine
    noise hits all three alike. Stops after n rounds, or after budget_s once min_rounds are
    done (a busy machine)."""
    real = searcher.embedder
    pre = pre or PrecomputedEncoder(embedder)

    def encoded(q: str) -> str:  # what the searcher encodes: the question as it reads it (normalised), expanded
        return dense_text(searcher.read(q) if hasattr(searcher, "read") else q)

    for q in questions[:5]:  # warm-up: first calls allocate
        searcher.search(q, k=10)
    for q in questions:  # fill the pre-encoded cache
        pre.encode_queries([encoded(q)])
    full, enc, rank = [], [], []
    start = time.perf_counter()
    try:
        for i in range(n):
            if i >= min_rounds and time.perf_counter() - start > budget_s:
                break
            q = questions[i % len(questions)]
            searcher.embedder = real
            t = time.perf_counter()
            res = searcher.search(q, k=10)
            full.append(time.perf_counter() - t)
            if not res:
                raise RuntimeError(f"no results for {q!r}")
            t = time.perf_counter()
            embedder.encode_queries([encoded(q)])
            enc.append(time.perf_counter() - t)
            searcher.embedder = pre
            t = time.perf_counter()
            searcher.search(q, k=10)
            rank.append(time.perf_counter() - t)
    finally:
        searcher.embedder = real
    return full, enc, rank


def time_queries(searcher: Searcher, embedder, questions: list[str], n: int, budget_s: float = 90.0,  # noqa: ANN001
                 pre: PrecomputedEncoder | None = None) -> dict[str, dict[str, float]]:
    """In-process latency (`interleaved_timings`): p50/p95 of each."""
    full, enc, rank = interleaved_timings(searcher, embedder, questions, n, budget_s, 30, pre)
    return {"query_ms": pct(full), "encode_ms": pct(enc), "rank_ms": pct(rank)}


def cold_start(corpus: Path, index: Path, question: str) -> dict[str, Any]:
    """`kb search` in a fresh process: spawn to answer, and its peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen([*KB_CMD, "--corpus", str(corpus), "--index", str(index), "search", "-k", "5", "--json", question], stdout=out, stderr=err, cwd=corpus.parent)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    ok = p.returncode == 0
    n = 0
    if ok:
        try:
            n = len(json.loads(stdout)["results"])
        except (ValueError, KeyError):
            ok = False
    return {"wall_s": round(wall, 2), "ok": ok and n > 0, "results": n, "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "stderr": stderr[-500:] if not ok else ""}


COLD_BREAKDOWN = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from kb.config import Settings
from kb.search import Searcher
from kb.embed import ModelEmbedder
t1 = time.perf_counter()
s = Settings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]))
emb = ModelEmbedder(s)
t2 = time.perf_counter()
searcher = Searcher.open(s, embedder=emb)
t3 = time.perf_counter()
res = searcher.search(sys.argv[3], k=5)
t4 = time.perf_counter()
print(json.dumps({"imports_s": round(t1 - t0, 2), "model_load_s": round(t2 - t1, 2), "index_load_s": round(t3 - t2, 2),
                  "first_query_s": round(t4 - t3, 2), "results": len(res)}))
"""


def cold_breakdown(corpus: Path, index: Path, question: str) -> dict[str, Any]:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", COLD_BREAKDOWN, str(corpus), str(index), question], capture_output=True, text=True, timeout=600, cwd=corpus.parent)
    wall = time.perf_counter() - t
    try:
        out = json.loads(p.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": p.stderr[-500:]}
    out["process_start_s"] = round(wall - sum(v for k, v in out.items() if k.endswith("_s")), 2)
    out["wall_s"] = round(wall, 2)
    return out


def http_bench(corpus: Path, index: Path, questions: list[str], n: int, budget_s: float = 45.0) -> dict[str, Any]:
    """A real `kb serve` on 127.0.0.1 (own process), n sequential requests to the documented
    `GET /api/search?q=` (kb/web/views/api.py)."""
    import httpx

    port = free_port()
    with tempfile.TemporaryFile() as err:
        cmd = [*KB_CMD, "--corpus", str(corpus), "--index", str(index), "serve", "--host", "127.0.0.1", "--port", str(port)]
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=corpus.parent)
        try:
            base = f"http://127.0.0.1:{port}"
            t0 = time.perf_counter()
            with httpx.Client(base_url=base, timeout=60.0, trust_env=False) as client:

                def ask(q: str) -> httpx.Response:
                    return client.get("/api/search", params={"q": q, "k": 10})

                while True:
                    if p.poll() is not None:
                        err.seek(0)
                        return {"skipped": f"server exited ({p.returncode}): {err.read().decode(errors='replace')[-400:]}"}
                    try:
                        r = ask(questions[0])
                        if r.status_code == 200:
                            break
                        return {"skipped": f"GET /api/search answered HTTP {r.status_code}: {r.text[:200]}"}
                    except httpx.TransportError:
                        if time.perf_counter() - t0 > 180:
                            return {"skipped": "server did not start within 180 s"}
                        time.sleep(0.25)
                first_answer = time.perf_counter() - t0
                for q in questions[1:5]:
                    ask(q)
                ts, bad = [], 0
                start = time.perf_counter()
                for i in range(n):
                    if i >= 30 and time.perf_counter() - start > budget_s:  # bounded on a busy machine
                        break
                    t = time.perf_counter()
                    r = ask(questions[i % len(questions)])
                    ts.append(time.perf_counter() - t)
                    bad += r.status_code != 200
            return {"command": " ".join(cmd[len(KB_CMD):]), "route": "GET /api/search?q=", "latency": pct(ts), "errors": bad, "rss_mb": proc_status_mb(p.pid, "VmRSS"),
                    "peak_rss_mb": proc_status_mb(p.pid, "VmHWM"), "start_to_first_answer_s": round(first_answer, 2)}
        finally:
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


# ------------------------------------------------------------------------------------ vectors


def store_bench(vecs: np.ndarray, qvecs: np.ndarray, noise: float, rng: np.random.Generator, reps: int) -> dict[str, Any]:
    """Exact vs HNSW on these vectors: latency (k=200, the search pool), build time,
    recall@10 and @200 against exact, for the real questions and for pseudo-queries."""
    n, d = vecs.shape
    flat = kbv.FlatStore(d)
    flat.add(vecs)
    t = time.perf_counter()
    hnsw = kbv.HnswStore(d)
    hnsw.add(vecs)
    build = time.perf_counter() - t
    pseudo = vecs[rng.integers(0, n, 200)] + rng.normal(0, noise, (200, d)).astype(np.float32)
    pseudo /= np.linalg.norm(pseudo, axis=1, keepdims=True)

    def lat(store) -> dict[str, float]:  # noqa: ANN001
        ts = []
        for i in range(reps):
            t = time.perf_counter()
            store.search(qvecs[i % len(qvecs)], 200)
            ts.append(time.perf_counter() - t)
        return pct(ts)

    lat(flat), lat(hnsw)  # warm-up
    out = {
        "flat_ms": lat(flat),
        "hnsw_ms": lat(hnsw),
        "hnsw_build_s": round(build, 2),
        "hnsw_params": {"M": kbv.HNSW_M, "efConstruction": kbv.HNSW_EF_CONSTRUCTION, "efSearch": kbv.HNSW_EF_SEARCH},
        "recall10": round(kbv.recall_at_k(hnsw.search(qvecs, 10)[1], flat.search(qvecs, 10)[1], 10), 4),
        "recall10_pseudo": round(kbv.recall_at_k(hnsw.search(pseudo, 10)[1], flat.search(pseudo, 10)[1], 10), 4),
        "recall200": round(kbv.recall_at_k(hnsw.search(qvecs, 200)[1], flat.search(qvecs, 200)[1], 200), 4),
        "chosen": kbv.choose_store(n, d).kind,
        "threshold": kbv.HNSW_THRESHOLD,
    }
    out["_stores"] = {"flat": flat, "hnsw": hnsw}
    return out


def final_agreement(searcher: Searcher, stores: dict[str, Any], pre: PrecomputedEncoder, questions: list[str], k: int = 10) -> dict[str, Any]:
    """Share of the final top-k (after fusion, priors, dedup) that stays the same when the
    Searcher's dense side uses the other store (HNSW instead of exact, or the reverse)."""
    import dataclasses

    mine = getattr(searcher, "store", None)
    if mine is None:
        return {"skipped": "Searcher does not use kb.vectors yet (dense side is a full matrix product)"}
    other_kind = "hnsw" if mine.kind == "flat" else "flat"
    other = stores.get(other_kind)
    if other is None or other.ntotal != mine.ntotal:
        return {"skipped": "no comparable store"}
    a = Searcher(searcher.index, pre, searcher.settings)
    b = Searcher(dataclasses.replace(searcher.index, vectors=other), pre, searcher.settings)

    def key(res) -> list[tuple[str, Any, Any]]:  # noqa: ANN001
        return [(r.chunk.source, r.chunk.article or r.chunk.point, r.chunk.part) for r in res]

    overlaps = []
    for q in questions:
        x, y = key(a.search(q, k)), key(b.search(q, k))
        overlaps.append(len(set(x) & set(y)) / max(1, len(set(x))))
    return {"this": mine.kind, "other": other_kind, "overlap": round(float(np.mean(overlaps)), 4), "questions": len(questions)}


def written_store_kind(gen: Path) -> str:
    try:
        from kb.index import open_store

        return open_store(gen).kind
    except Exception as e:  # noqa: BLE001
        return f"? ({e})"


# ------------------------------------------------------------------------------------ synthetic text

_NUMBER = re.compile(r"(NOMOR\s*:?\s*)([0-9OolI][\w./-]*)")


def corpus_vocabulary(pdfs: dict[str, ExtractedPdf]) -> list[str]:
    words: set[str] = set()
    for pdf in pdfs.values():
        for p in pdf.pages:
            words.update(WORD.findall(p.text))
    return sorted(words - PROTECTED)


def perturb_pdf(pdf: ExtractedPdf, copy_no: int, source: str, rnd: random.Random, vocab: list[str], kind: str) -> ExtractedPdf:
    """A perturbed copy: ~5% of ordinary words swapped for other corpus words, ~1% for
    words new to the corpus (so the vocabulary grows), and a regulation's number changed
    so that each copy is a distinct instrument."""
    swap = word_swapper(vocab, copy_no, rnd)

    pages = []
    for p in pdf.pages:
        text = WORD.sub(swap, p.text)
        if p.number == 1 and kind == "regulation":
            text = _NUMBER.sub(lambda m: f"{m.group(1)}{9000 + copy_no}", text, count=1)
        pages.append(Page(p.number, text))
    return ExtractedPdf(path=Path(source), pages=pages, metadata=dict(pdf.metadata))


def copy_source(source: str, copy_no: int) -> str:
    folder, rest = source.split("/", 1)
    return f"{folder}/synth-{copy_no:03d}/{rest}"


def write_pdf_copy(src: Path, dst: Path, rnd: random.Random) -> None:
    """A byte-different PDF copy with one page dropped (for extraction timing)."""
    import pypdf

    reader = pypdf.PdfReader(str(src))
    writer = pypdf.PdfWriter()
    drop = rnd.randrange(len(reader.pages)) if len(reader.pages) > 1 else -1
    for i, page in enumerate(reader.pages):
        if i != drop:
            writer.add_page(page)
    writer.add_metadata({"/Subject": f"netral bench copy {dst.parent.name}"})
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(dst, "wb") as fh:
        writer.write(fh)


def drop_middle_page(pdfs: list[Path]) -> tuple[Path, int]:
    """The PDF with the most pages among `pdfs` loses its middle page (the one-document change
    both benchmarks time); which file and which page (1-based)."""
    import pypdf

    target = sorted(pdfs, key=lambda p: -len(pypdf.PdfReader(str(p)).pages))[0]
    reader, writer = pypdf.PdfReader(str(target)), pypdf.PdfWriter()
    drop = len(reader.pages) // 2
    for i, page in enumerate(reader.pages):
        if i != drop:
            writer.add_page(page)
    with open(target, "wb") as fh:
        writer.write(fh)
    return target, drop + 1


def noise_shape(real: np.ndarray, shape: str) -> np.ndarray | None:
    """None for isotropic noise; for "cov", a matrix giving noise the real vectors'
    covariance (same total variance), so copies vary the way real chunks vary."""
    if shape != "cov":
        return None
    w, u = np.linalg.eigh(np.cov((real - real.mean(0)).T))
    w = np.clip(w, 0, None)
    return (u * np.sqrt(w / w.sum() * real.shape[1])).astype(np.float32)


def synth_vectors(chunks: list[Chunk], origin: list[str], real: dict[str, Any], noise: float, rng: np.random.Generator,
                  shape: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Copy 0 keeps its real vectors; every other chunk gets the vector of the real chunk it
    was made from (same document and provision; else the same position) plus Gaussian
    noise (isotropic, or shaped by `shape`), renormalised."""
    by_passage, by_key, by_doc, mat = real["by_passage"], real["by_key"], real["by_doc"], real["matrix"]
    idx = np.empty(len(chunks), dtype=np.int64)
    is_copy = np.zeros(len(chunks), dtype=bool)
    pos_in_doc: dict[str, int] = {}
    for i, (c, src) in enumerate(zip(chunks, origin)):
        pos = pos_in_doc.get(c.source, 0)
        pos_in_doc[c.source] = pos + 1
        if c.source == src and c.passage in by_passage:
            idx[i] = by_passage[c.passage]
            continue
        is_copy[i] = True
        j = by_key.get((src, c.part, c.article, c.sub, c.point))
        if j is None:
            rows = by_doc.get(src) or [int(rng.integers(len(mat)))]
            j = rows[min(pos, len(rows) - 1)]
        idx[i] = j
    vecs = mat[idx].copy()
    k = int(is_copy.sum())
    cos = 1.0
    if k:
        z = rng.normal(0.0, noise, (k, mat.shape[1])).astype(np.float32)
        noisy = vecs[is_copy] + (z if shape is None else z @ shape.T)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        cos = float(np.median(np.sum(noisy * mat[idx[is_copy]], axis=1)))
        vecs[is_copy] = noisy
    return np.ascontiguousarray(vecs, dtype=np.float32), cos


# ------------------------------------------------------------------------------------ the run


class Bench:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.quick: bool = args.quick
        self.tmp = Path(tempfile.mkdtemp(prefix="netral-bench-", dir=args.tmp))
        self.questions = load_questions()
        self.n_queries = 60 if self.quick else 200
        self.n_http = 50 if self.quick else 200
        self.rng = np.random.default_rng(args.seed)
        self.rnd = random.Random(args.seed)
        self.results: list[SizeResult] = []
        self.embedder = None
        self.real: dict[str, Any] = {}

    # ---------------------------------------------------------------- shared steps

    def load_model(self) -> float:
        from kb.embed import ModelEmbedder

        t = time.perf_counter()
        self.embedder = ModelEmbedder(Settings())
        took = time.perf_counter() - t
        self.pre = PrecomputedEncoder(self.embedder)  # query vectors, encoded once for all sizes
        return took

    def serve_and_query(self, r: SizeResult, corpus: Path, index: Path, how: str) -> None:
        settings = Settings(corpus_dir=corpus, index_dir=index)
        t = time.perf_counter()
        searcher = Searcher.open(settings, embedder=self.embedder)
        r.put("searcher_open_s", round(time.perf_counter() - t, 2), "s", how)
        log(f"{r.label}: up to {self.n_queries} rounds of in-process queries")
        q = time_queries(searcher, self.embedder, self.questions, self.n_queries, 30.0 if self.quick else 60.0, self.pre)
        for key, v in q.items():
            r.put(key, v, "ms", how)
        r.details["searcher_class"] = f"{type(searcher).__module__}.{type(searcher).__name__}"
        r.details["searcher_uses_store"] = hasattr(searcher, "store")
        agree = final_agreement(searcher, getattr(self, "_stores", {}), self.pre, self.questions)
        r.details["final_agreement"] = agree
        if "skipped" in agree:
            r.put("final_agreement", None, how="skipped", note=agree["skipped"])
        else:
            r.put("final_agreement", agree["overlap"], "", how, note=f"{agree['other']} vs {agree['this']}, dev questions")
        self._stores = {}

        log(f"{r.label}: HTTP")
        h = http_bench(corpus, index, self.questions, self.n_http, 20.0 if self.quick else 45.0)
        r.details["http"] = h
        if "skipped" in h:
            r.put("http_ms", None, how="skipped", note=h["skipped"])
            r.put("server_rss_mb", None, how="skipped")
        else:
            r.put("http_ms", h["latency"], "ms", how, note=f"{h['errors']} errors" if h["errors"] else "")
            r.put("server_rss_mb", h["rss_mb"], "MB", how)
        del searcher
        gc.collect()

        log(f"{r.label}: cold start")
        c = cold_start(corpus, index, self.questions[0])
        r.details["cold_start"] = c
        if not c["ok"]:
            r.put("cold_start_s", None, how="skipped", note=f"kb search failed: {c['stderr']}")
        else:
            r.put("cold_start_s", c["wall_s"], "s", how, note="new process, OS file cache warm")
            r.put("proc_rss_mb", c["peak_rss_mb"], "MB", how)
        if not self.quick:
            r.details["cold_start_breakdown"] = cold_breakdown(corpus, index, self.questions[0])

    def vectors_of(self, r: SizeResult, vecs: np.ndarray, how: str) -> None:
        log(f"{r.label}: flat vs HNSW on {len(vecs):,} vectors")
        qv = self.pre.encode_queries([dense_text(q) for q in self.questions])
        s = store_bench(vecs, qv, self.args.noise, self.rng, 60 if self.quick else 200)
        self._stores = s.pop("_stores")
        r.details["stores"] = s
        r.put("store_chosen", f"{s['chosen']}", how="real")
        r.put("flat_ms", s["flat_ms"], "ms", how)
        r.put("hnsw_build_s", s["hnsw_build_s"], "s", how)
        r.put("hnsw_ms", s["hnsw_ms"], "ms", how)
        r.put("hnsw_recall10", s["recall10"], "", how)
        r.put("hnsw_recall10_pseudo", s["recall10_pseudo"], "", how)
        r.put("hnsw_recall200", s["recall200"], "", how)

    # ---------------------------------------------------------------- 1x: the real corpus

    def run_real(self) -> SizeResult:
        r = SizeResult(1, "1x (real)")
        base = self.tmp / "x1"
        corpus = base / "corpus"
        shutil.copytree(self.args.corpus, corpus)
        r.put("model_load_s", round(self.load_model(), 2), "s", note=f"in-process, {self.embedder.runtime} runtime")
        emb = self.embedder

        log("1x: extraction, structure, chunking")
        files = scan_corpus(corpus)
        pdfs: dict[str, ExtractedPdf] = {}
        kinds: dict[str, str] = {}
        t = time.perf_counter()
        for f in files:
            try:
                pdfs[f.source] = extract_pdf(f.path)
                kinds[f.source] = f.kind
            except ExtractError as e:
                r.details.setdefault("problems", []).append(f"{f.source}: {e.reason}")
        t_extract = time.perf_counter() - t
        pages = sum(len(p.pages) for p in pdfs.values())
        t = time.perf_counter()
        docs = {s: parse_document(p, s, kinds[s]) for s, p in pdfs.items()}
        t_struct = time.perf_counter() - t
        t = time.perf_counter()
        chunks = [c for d in docs.values() for c in chunk_document(d, Settings().max_chunk_tokens, emb.count_tokens)]
        t_chunk = time.perf_counter() - t
        r.put("documents", len(docs))
        r.put("pages", pages)
        r.put("extract_pps", round(pages / t_extract, 1), "pages/s")
        r.put("structure_pps", round(pages / t_struct, 1), "pages/s")
        r.put("extract_structure_pps", round(pages / (t_extract + t_struct), 1), "pages/s")
        r.put("chunk_cps", round(len(chunks) / t_chunk, 1), "chunks/s")
        self.real.update(pdfs=pdfs, kinds=kinds, pages=pages, extract_rate=pages / t_extract)

        index = base / "index"
        settings = Settings(corpus_dir=corpus, index_dir=index)
        saved_cache = OUT / "embed-cache.sqlite"
        if self.quick and saved_cache.exists():
            log("1x: --quick: embedding rate from a sample; build seeded with the cache of an earlier run")
            sample = [c.passage for c in chunks[:: max(1, len(chunks) // 96)]][:96]
            t = time.perf_counter()
            emb.encode_passages(sample)
            rate = len(sample) / (time.perf_counter() - t)
            (index / "cache").mkdir(parents=True)
            shutil.copy(saved_cache, index / "cache" / "embeddings.sqlite")
            rep = build_index(settings, embedder=emb, progress=False)
            r.put("embed_cps", round(rate, 1), "chunks/s", note=f"sample of {len(sample)} passages")
            cold = rep.seconds.get("total", 0) + (rep.chunks - rep.embedded) / rate
            r.put("build_cold_s", round(cold, 1), "s", "estimate", note="--quick: cached build + chunks / embedding rate")
        else:
            log(f"1x: cold build ({len(chunks)} chunks to embed; minutes)")
            rep = build_index(settings, embedder=emb, progress=False)
            rate = rep.embedded / max(rep.seconds.get("embed", 1e-9), 1e-9)
            r.put("embed_cps", round(rate, 1), "chunks/s")
            r.put("build_cold_s", rep.seconds["total"], "s", note=f"model preloaded; stages {rep.seconds}")
            OUT.mkdir(parents=True, exist_ok=True)
            shutil.copy(index / "cache" / "embeddings.sqlite", saved_cache)
        self.real["embed_rate"] = rate
        r.put("chunks", rep.chunks)
        r.details["build_report"] = {"seconds": rep.seconds, "embedded": rep.embedded, "cached": rep.cached, "problems": [p.__dict__ for p in rep.problems]}
        gen = current_generation(index)
        assert gen is not None

        log("1x: warm build (embedding cache) and no-op rebuild")
        warm_index = base / "index-warm"
        (warm_index / "cache").mkdir(parents=True)
        shutil.copy(index / "cache" / "embeddings.sqlite", warm_index / "cache" / "embeddings.sqlite")
        wsettings = Settings(corpus_dir=corpus, index_dir=warm_index)
        wrep = build_index(wsettings, embedder=emb, progress=False)
        r.put("build_warm_s", wrep.seconds["total"], "s", note=f"stages {wrep.seconds}")
        r.put("index_write_s", wrep.seconds.get("index"), "s")
        nrep = build_index(wsettings, embedder=emb, progress=False)
        r.put("build_noop_s", nrep.seconds["total"], "s")
        t = time.perf_counter()
        prev_docs = read_documents(gen)
        for src in prev_docs:
            read_chunks(gen, src)
        self.real["reuse_s"] = time.perf_counter() - t
        self.real["index_write_s"] = wrep.seconds.get("index", 0.0)
        r.put("index_mb", du_mb(gen), "MB")
        r.put("cache_mb", du_mb(index / "cache"), "MB")
        r.put("store_written", written_store_kind(gen))
        r.details["index_files_mb"] = {p.name: du_mb(p) for p in gen.iterdir()}

        log("1x: one-document change")
        self.one_doc_change(r, corpus, index, base)

        idx = load_index(index)
        mat = idx.vectors.reconstruct_n(0, idx.vectors.ntotal) if hasattr(idx.vectors, "reconstruct_n") else np.array(idx.vectors.vectors(), copy=True)
        by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(idx.chunks):
            by_doc.setdefault(c.source, []).append(i)
        self.real.update(
            matrix=np.ascontiguousarray(mat, dtype=np.float32),
            by_passage={c.passage: i for i, c in enumerate(idx.chunks)},
            by_key={(c.source, c.part, c.article, c.sub, c.point): i for i, c in enumerate(idx.chunks)},
            by_doc=by_doc,
            chunks_per_doc={s: len(v) for s, v in by_doc.items()},
        )
        del idx
        self.vectors_of(r, self.real["matrix"], "real")
        self.serve_and_query(r, corpus, index, "real")
        return r

    def one_doc_change(self, r: SizeResult, corpus: Path, index: Path, base: Path) -> None:
        c_corpus, c_index = base / "corpus-change", base / "index-change"
        shutil.copytree(corpus, c_corpus)
        shutil.copytree(index, c_index, ignore=shutil.ignore_patterns("build.lock"))
        target, page = drop_middle_page(list((c_corpus / "regulations").rglob("*.pdf")) or sorted(c_corpus.rglob("*.pdf"))[:1])
        t = time.perf_counter()
        p = subprocess.run([*KB_CMD, "--corpus", str(c_corpus), "--index", str(c_index), "build", "-q"], capture_output=True, text=True, timeout=900, cwd=base)
        wall = time.perf_counter() - t
        stages = {}
        m = re.search(r"timings \(s\): (.*)", p.stdout)
        if m:
            for part in m.group(1).split(", "):
                k, _, v = part.rpartition(" ")
                try:
                    stages[k] = float(v)
                except ValueError:
                    pass
        summary = next((ln for ln in p.stdout.splitlines() if ln.startswith("added")), p.stderr[-300:])
        r.details["one_doc_change"] = {"file": target.name, "dropped_page": page, "wall_s": round(wall, 2), "stages": stages, "summary": summary, "returncode": p.returncode}
        if p.returncode != 0 or "changed 1" not in summary:
            r.put("one_doc_rebuild_s", None, how="skipped", note=f"kb build failed: {summary}")
            return
        r.put("one_doc_rebuild_s", round(wall, 2), "s", note=f"{target.name} minus page {page}; stages {stages}")
        self.real["one_doc"] = {"wall": wall, "stages": stages}

    # ---------------------------------------------------------------- Nx: synthetic

    def run_synthetic(self, factor: int) -> SizeResult:
        r = SizeResult(factor, f"{factor}x (synthetic)")
        base = self.tmp / f"x{factor}"
        emb = self.embedder
        pdfs, kinds = self.real["pdfs"], self.real["kinds"]
        vocab = corpus_vocabulary(pdfs)

        # extraction: a sample of byte-different PDF copies
        sample_copies = min(factor - 1, 1 if self.quick else 2)
        log(f"{factor}x: extraction on {sample_copies} perturbed PDF copies")
        files = scan_corpus(self.args.corpus)
        paths = []
        for c in range(1, sample_copies + 1):
            for f in files:
                dst = base / "pdf-sample" / copy_source(f.source, c)
                write_pdf_copy(f.path, dst, self.rnd)
                paths.append(dst)
        t = time.perf_counter()
        sample_pages = sum(len(extract_pdf(p).pages) for p in paths)
        extract_rate = sample_pages / (time.perf_counter() - t)
        shutil.rmtree(base / "pdf-sample", ignore_errors=True)
        r.put("extract_pps", round(extract_rate, 1), "pages/s", "synthetic-text", note=f"sample of {sample_copies} corpus copies ({sample_pages} pages)")

        log(f"{factor}x: perturbing the extracted text of {factor - 1} copies")
        copies: list[tuple[str, str, str, ExtractedPdf]] = []  # (source, origin source, kind, pdf)
        for c in range(factor):
            for src, pdf in pdfs.items():
                if c == 0:
                    copies.append((src, src, kinds[src], pdf))
                else:
                    new = copy_source(src, c)
                    copies.append((new, src, kinds[src], perturb_pdf(pdf, c, new, self.rnd, vocab, kinds[src])))
        pages = sum(len(p.pages) for _, _, _, p in copies)

        log(f"{factor}x: structure and chunking of {pages:,} pages")
        t = time.perf_counter()
        parsed = [(src, origin, parse_document(pdf, src, kind), len(pdf.pages)) for src, origin, kind, pdf in copies]
        t_struct = time.perf_counter() - t
        max_tokens = Settings().max_chunk_tokens
        t = time.perf_counter()
        chunks: list[Chunk] = []
        origin_of: list[str] = []
        docs: list[DocRecord] = []
        for src, origin, doc, n_pages in parsed:
            cs = chunk_document(doc, max_tokens, emb.count_tokens)
            chunks.extend(cs)
            origin_of.extend([origin] * len(cs))
            docs.append(DocRecord(src, f"synthetic-{factor}-{src}", n_pages, doc.meta))
        t_chunk = time.perf_counter() - t
        del parsed, copies
        t = time.perf_counter()
        apply_relations(docs, chunks)
        t_rel = time.perf_counter() - t
        r.put("documents", len(docs), how="synthetic-text")
        r.put("pages", pages, how="synthetic-text")
        r.put("chunks", len(chunks), how="synthetic-text")
        r.put("structure_pps", round(pages / t_struct, 1), "pages/s", "synthetic-text")
        r.put("extract_structure_pps", round(pages / (pages / extract_rate + t_struct), 1), "pages/s", "synthetic-text")
        r.put("chunk_cps", round(len(chunks) / t_chunk, 1), "chunks/s", "synthetic-text")
        r.details["chunks_per_copy_vs_real"] = round(len(chunks) / factor / max(1, sum(self.real["chunks_per_doc"].values())), 3)

        log(f"{factor}x: synthetic vectors (noise sigma {self.args.noise})")
        vecs, cos = synth_vectors(chunks, origin_of, self.real, self.args.noise, self.rng, noise_shape(self.real["matrix"], self.args.noise_shape))
        r.details["synthetic_vectors"] = {"noise_sigma": self.args.noise, "noise_shape": self.args.noise_shape, "median_cosine_copy_to_origin": round(cos, 3)}

        corpus = base / "corpus"  # empty: the index is written directly; `kb search` only reads the index
        (corpus / "regulations").mkdir(parents=True)
        index = base / "index"
        cache = EmbeddingCache(index)
        keys = [cache.key(emb.model_id, c.passage) for c in chunks]
        cache.put_many(dict(zip(keys, vecs)))
        cache.close()
        t = time.perf_counter()
        cache = EmbeddingCache(index)
        keys = [cache.key(emb.model_id, c.passage) for c in chunks]
        found = cache.get_many(list(set(keys)))
        np.stack([found[k] for k in keys])
        cache.close()
        t_cache = time.perf_counter() - t
        del found

        log(f"{factor}x: index write ({len(chunks):,} chunks)")
        info = {"model": emb.model_id, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "corpus": f"synthetic {factor}x", "problems": []}
        t = time.perf_counter()
        gen = write_generation(index, docs, chunks, vecs, info)
        t_write = time.perf_counter() - t
        r.put("index_write_s", round(t_write, 2), "s", "synthetic-vectors")
        r.put("index_mb", du_mb(gen), "MB", "synthetic-vectors")
        r.put("cache_mb", du_mb(index / "cache"), "MB", "synthetic-vectors")
        r.put("store_written", written_store_kind(gen), how="synthetic-vectors")
        r.details["index_files_mb"] = {p.name: du_mb(p) for p in gen.iterdir()}
        t = time.perf_counter()
        for src in read_documents(gen):
            read_chunks(gen, src)
        t_reuse = time.perf_counter() - t

        warm = pages / extract_rate + t_struct + t_chunk + t_rel + t_cache + t_write
        parts = {"extract(at rate)": round(pages / extract_rate, 1), "structure": round(t_struct, 1), "chunk": round(t_chunk, 1),
                 "relations": round(t_rel, 2), "cache lookup": round(t_cache, 1), "index write": round(t_write, 1)}
        r.details["warm_build_parts_s"] = parts
        r.put("build_warm_s", round(warm, 1), "s", "estimate", note=f"sum of measured parts {parts}")
        r.put("build_cold_s", round(warm + len(chunks) / self.real["embed_rate"], 0), "s", "estimate",
              note=f"warm + {len(chunks):,} chunks at the 1x embedding rate ({self.real['embed_rate']:.1f}/s)")
        one = self.real.get("one_doc")
        if one:
            est = one["wall"] - self.real["reuse_s"] - self.real["index_write_s"] + t_reuse + t_write
            r.put("one_doc_rebuild_s", round(est, 1), "s", "estimate",
                  note=f"1x wall - 1x (reuse + index write) + {factor}x reuse of unchanged chunks ({t_reuse:.1f} s) + index write ({t_write:.1f} s)")

        self.vectors_of(r, vecs, "synthetic-vectors")
        del vecs, chunks, docs, origin_of
        gc.collect()
        self.serve_and_query(r, corpus, index, "synthetic-vectors")
        shutil.rmtree(base / "index" / "cache", ignore_errors=True)
        return r

    # ---------------------------------------------------------------- targets

    def targets(self) -> list[dict[str, Any]]:
        by = {r.factor: r for r in self.results}
        out = []

        def val(factor: int, key: str, sub: str | None = None) -> Any:
            m = by.get(factor) and by[factor].metrics.get(key)
            if not m or m.value is None:
                return None
            return m.value[sub] if sub else m.value

        big = max((r for r in self.results if (val(r.factor, "chunks") or 0) >= 100_000), key=lambda r: r.factor, default=None)
        p95 = val(big.factor, "query_ms", "p95") if big else None
        out.append({"target": "query p95 <= 50 ms warm in-process at 100k chunks (encoder incl.)", "measured": p95,
                    "where": big.label if big else "no size with >= 100k chunks run", "met": None if p95 is None else p95 <= 50})
        cs = val(1, "cold_start_s")
        out.append({"target": "cold start <= 3 s to first answer", "measured": cs, "where": "1x", "met": None if cs is None else cs <= 3})
        es = val(1, "extract_structure_pps")
        out.append({"target": "extraction + structure >= 20 pages/s", "measured": es, "where": "1x", "met": None if es is None else es >= 20})
        od = val(1, "one_doc_rebuild_s")
        out.append({"target": "one-document change rebuilds in <= 10 s", "measured": od, "where": "1x", "met": None if od is None else od <= 10})
        for r in self.results:
            rc = val(r.factor, "hnsw_recall10")
            if rc is not None and r.details.get("stores", {}).get("chosen") == "hnsw":
                out.append({"target": "HNSW recall@10 vs exact >= 0.95 where HNSW is chosen", "measured": rc, "where": r.label, "met": rc >= 0.95})
        return out

    def run(self) -> dict[str, Any]:
        machine = machine_info()
        t0 = time.perf_counter()
        try:
            for factor in self.args.sizes:
                log(f"== size {factor}x ==")
                r = self.run_real() if factor == 1 else self.run_synthetic(factor)
                self.results.append(r)
                gc.collect()
        finally:
            if not self.args.keep:
                shutil.rmtree(self.tmp, ignore_errors=True)
        machine["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        table = print_table(self.results, machine)
        targets = self.targets()
        print("\ntargets:")
        for t in targets:
            mark = "n/a" if t["met"] is None else ("met" if t["met"] else "NOT met")
            print(f"  {mark:8} {t['target']}: {t['measured']} ({t['where']})")
        return {
            "machine": machine,
            "settings": {"sizes": self.args.sizes, "quick": self.quick, "noise_sigma": self.args.noise, "noise_shape": self.args.noise_shape, "seed": self.args.seed,
                         "queries_in_process": self.n_queries, "queries_http": self.n_http, "questions": len(self.questions),
                         "corpus": str(self.args.corpus), "hnsw_threshold": kbv.HNSW_THRESHOLD,
                         "hnsw": {"M": kbv.HNSW_M, "efConstruction": kbv.HNSW_EF_CONSTRUCTION, "efSearch": kbv.HNSW_EF_SEARCH}},
            "legend": {"real": "measured on the real corpus", "synthetic-text": "measured on perturbed copies of the real text",
                       "synthetic-vectors": "measured on synthetic vectors (real chunk vectors + Gaussian noise, renormalised)",
                       "estimate": "computed from measured parts (see note)", "skipped": "not available"},
            "sizes": [
                {"factor": r.factor, "label": r.label,
                 "metrics": {k: {"value": m.value, "unit": m.unit, "how": m.how, **({"note": m.note} if m.note else {})} for k, m in r.metrics.items()},
                 "details": r.details}
                for r in self.results
            ],
            "targets": targets,
            "total_seconds": round(time.perf_counter() - t0, 1),
            "table": table,
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,10,100", help="corpus multiples, comma-separated; 1 is always run first (default 1,10,100)")
    ap.add_argument("--quick", action="store_true", help="fewer queries; reuse the embedding cache of an earlier run")
    ap.add_argument("--out", type=Path, default=OUT / "results.json")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--noise", type=float, default=0.015, help="sigma of the noise added to synthetic vectors (default 0.015)")
    ap.add_argument("--noise-shape", choices=["iso", "cov"], default="iso",
                    help="iso: isotropic Gaussian noise (default, hardest for HNSW); cov: shaped like the real vectors' covariance")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--tmp", default=None, help="parent of the temporary work folder")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or sizes[0] < 1:
        ap.error("--sizes: positive integers")
    args.sizes = sorted(set(sizes) | {1})  # synthetic sizes are made from the 1x run
    if not (args.corpus / "regulations").is_dir() and not (args.corpus / "rulings").is_dir():
        ap.error(f"no corpus at {args.corpus} (regulations/, rulings/)")
    result = Bench(args).run()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    print(f"\nwrote {args.out} ({result['total_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
