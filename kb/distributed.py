"""Distributed embedding on Ray: the passages a build must embed, embedded by N workers.

`kb build --workers N` starts a local Ray (N CPUs, no dashboard) for the build and stops it
after; `kb build --ray ADDRESS` connects to a running cluster (`ray start --head` on one
machine, `ray start --address HEAD:6379` on the others). A Ray session already open in the
process (a test, a notebook) is used as it is and left open.

Each worker is a Ray actor that loads the model once (`kb.embed.load_embedder`, from its own
cache folder, offline, `Settings.ray_worker_threads` threads) and embeds batches of
`Settings.ray_batch_size` passages. The build hands over its passages in parts (the
embedding cache is written after each, so a killed build keeps what it embedded); every
worker is kept busy across parts, and each part's vectors come back in the order given.
A stand-in embedder that is not the local model (the tests') is sent to the workers as it
is (pickled).

On a cluster every node needs netral installed (`pip install 'netral[ray]'`, same version)
and the converted model in its cache folder (`kb build` once, or copy `~/.cache/netral`).

Faults are one line (`RayError`): ray not installed, Ray not starting, an address that does
not answer, workers not starting in time, a worker that dies. The build raises before it
writes a generation, so the previous index keeps serving.
"""

from __future__ import annotations

import logging
import re
import socket
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any, Callable

import numpy as np

from .config import Settings
from .embed import Embedder, ModelEmbedder
from .errors import NetralError
from .logs import fields

log = logging.getLogger(__name__)

IN_FLIGHT = 2
"""Batches queued on each worker, so that it starts the next one as soon as it returns one."""
WORKER_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1", "TOKENIZERS_PARALLELISM": "false"}
"""The workers' environment: no model hub, ever (the model comes from the local cache folder)."""


class RayError(NetralError):
    """Distributed embedding could not run; the message names the reason."""


class RayMissing(RayError):
    pass


class RayUnavailable(RayError):
    """Ray did not start, or the cluster address did not answer."""


class RayWorkerDied(RayError):
    pass


@dataclass(frozen=True)
class RayPlan:
    """Where and how to embed: `workers` actors (0 with an address: one per CPU of the
    cluster) on a local Ray or the cluster at `address`."""

    workers: int = 0
    address: str | None = None
    batch_size: int = 16
    worker_threads: int = 1
    start_timeout_s: float = 120.0
    object_store_mb: int = 256

    @classmethod
    def from_settings(cls, settings: Settings) -> RayPlan:
        return cls(settings.embed_workers, settings.ray_address, settings.ray_batch_size, settings.ray_worker_threads,
                   settings.ray_start_timeout_s, settings.ray_object_store_mb)

    @property
    def enabled(self) -> bool:
        return self.workers > 0 or bool(self.address)


def import_ray() -> ModuleType:
    """The ray package, imported only when distributed embedding is asked for."""
    try:
        import ray
    except ImportError:
        raise RayMissing("ray is not installed: pip install 'netral[ray]'") from None
    return ray


@dataclass(frozen=True)
class LoadModel:
    """How a worker gets the local model: loaded from its own cache folder."""

    settings: Settings

    def __call__(self) -> Embedder:
        from .embed import load_embedder

        return load_embedder(self.settings)


@dataclass(frozen=True)
class SendEmbedder:
    """How a worker gets a stand-in embedder: the object itself, pickled."""

    embedder: Embedder

    def __call__(self) -> Embedder:
        return self.embedder


class EmbedWorker:
    """The body of one Ray actor: one model, loaded once, embedding batch after batch."""

    def __init__(self, make: Callable[[], Embedder]):
        self.embedder = make()

    def ready(self) -> tuple[str, int]:
        return self.embedder.model_id, self.embedder.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.embedder.encode_passages(texts), dtype=np.float32)


def recipe(embedder: Embedder, settings: Settings, threads: int) -> Callable[[], Embedder]:
    if isinstance(embedder, ModelEmbedder):
        return LoadModel(replace(settings, model_threads=threads, embed_workers=0, ray_address=None, query_model=None))  # passages only
    return SendEmbedder(embedder)


def one_line(e: BaseException, limit: int = 300) -> str:
    """A Ray error (often a multi-line traceback) as one line: its first and last lines."""
    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip() and not ln.startswith((" ", "\t"))]
    if not lines:
        return type(e).__name__
    text = lines[0] if len(lines) == 1 else f"{lines[0]} ... {lines[-1]}"
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def death_reason(e: BaseException) -> str:
    """Why a Ray worker died, in one line: the exception its model raised while loading, or
    how its process ended (pid and node)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(e))
    raised = re.findall(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit)\w*): (.+)$", text, re.M)
    if "creation task" in text and raised:
        return one_line(Exception(f"{raised[-1][0].rsplit('.', 1)[-1]}: {raised[-1][1]}"))
    pid, ip = re.search(r"\bpid[:=] ?(\d+)", text), re.search(r"\bip[:=] ?([\w.:-]+)", text)
    detail = re.search(r"Worker exit detail: (.+?\.)(?:\s|$)", text)
    where = f"process {pid.group(1)}" + (f" on {ip.group(1).rstrip(',')}" if ip else "") if pid else "its process"
    return f"{where} ended" + (f": {detail.group(1)}" if detail else f" ({one_line(e)})")


def check_address(address: str, timeout: float) -> None:
    """A host:port address (or ray://host:port) must accept a connection before Ray is asked
    to join it (Ray itself retries an unreachable address for minutes)."""
    m = re.fullmatch(r"(?:ray://)?\[?([^\]/]+?)\]?:(\d{1,5})", address.strip())
    if m is None:
        if address.strip() in ("auto", "local"):
            return
        raise RayUnavailable(f"ray address {address!r}: give host:port (the head node's GCS, e.g. 10.0.0.5:6379), ray://host:port or auto")
    try:
        socket.create_connection((m.group(1), int(m.group(2))), timeout=timeout).close()
    except OSError as e:
        raise RayUnavailable(f"ray cluster at {address} is unreachable ({e.strerror or e})") from None


class RayEmbedding:
    """N Ray workers holding the model, for the length of a `with` block.

        with RayEmbedding(plan, settings, embedder) as pool:
            for vectors in pool.encode_parts(parts): ...   # one array per part, in order
    """

    def __init__(self, plan: RayPlan, settings: Settings, embedder: Embedder):
        self.plan, self.settings, self.embedder = plan, settings, embedder
        self.ray = import_ray()
        self.workers: list[Any] = []
        self.started_ray = False
        self.start_seconds = 0.0
        self.dim = embedder.dim

    def __enter__(self) -> RayEmbedding:
        t0 = time.perf_counter()
        try:
            self._connect()
            self._start_workers()
        except BaseException:
            self.close()
            raise
        self.start_seconds = round(time.perf_counter() - t0, 2)
        log.info("ray.ready", extra=fields(workers=len(self.workers), address=self.plan.address or "local", seconds=self.start_seconds))
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> None:
        ray, plan = self.ray, self.plan
        if plan.address:
            check_address(plan.address, timeout=min(10.0, plan.start_timeout_s))
        if ray.is_initialized():
            return
        quiet = {"logging_level": logging.ERROR, "log_to_driver": False, "include_dashboard": False}
        if plan.address:
            where, kwargs = f"ray cluster at {plan.address}", {"address": plan.address, **quiet}
        else:
            where = f"a local ray with {plan.workers} workers"
            kwargs = {"num_cpus": plan.workers, "object_store_memory": plan.object_store_mb * 2**20, **quiet}
        try:
            ray.init(**kwargs)
        except Exception as e:  # ray raises ConnectionError, RuntimeError, ValueError, ...
            raise RayUnavailable(f"cannot start {where}: {one_line(e)}") from None
        self.started_ray = True

    def _start_workers(self) -> None:
        ray, plan = self.ray, self.plan
        n = plan.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(EmbedWorker)
        make = recipe(self.embedder, self.settings, plan.worker_threads)
        env = {"env_vars": {**WORKER_ENV, "OMP_NUM_THREADS": str(plan.worker_threads)}}
        self.workers = [actor.options(runtime_env=env).remote(make) for _ in range(n)]
        refs = [w.ready.remote() for w in self.workers]
        done, waiting = ray.wait(refs, num_returns=len(refs), timeout=plan.start_timeout_s)
        if waiting:
            cpus = ray.cluster_resources().get("CPU", 0)
            raise RayUnavailable(f"{len(waiting)} of {n} ray workers did not start within {plan.start_timeout_s:g} s "
                                 f"(the cluster has {cpus:g} CPUs; each worker takes 1)")
        want = (self.embedder.model_id, self.embedder.dim)
        for got in (self._get(r, "could not load the model") for r in refs):
            if tuple(got) != want:
                raise RayError(f"a ray worker loaded model {got[0]} (dim {got[1]}), not {want[0]} (dim {want[1]}): "
                               "give every node the same model folder")

    def _get(self, ref: Any, doing: str) -> Any:
        """A worker's result; its failure as one line."""
        exc = self.ray.exceptions
        try:
            return self.ray.get(ref)
        except exc.RayActorError as e:
            raise RayWorkerDied(f"a ray worker died ({doing}): {death_reason(e)}") from None
        except exc.RayTaskError as e:
            cause = getattr(e, "cause", None)
            if isinstance(cause, NetralError):
                raise type(cause)(f"on a ray worker: {cause}") from None
            raise RayError(f"a ray worker failed ({doing}): {one_line(cause or e)}") from None
        except exc.RayError as e:
            raise RayError(f"ray failed ({doing}): {one_line(e)}") from None

    def encode_parts(self, parts: Sequence[list[str]]) -> Iterator[np.ndarray]:
        """The passages' vectors, one (len(part), dim) array per part, in the order given.
        Batches never straddle parts; up to IN_FLIGHT batches wait on each worker."""
        size = max(1, self.plan.batch_size)
        todo = deque((p, s) for p, texts in enumerate(parts) for s in range(0, len(texts), size))
        left = [-(-len(texts) // size) for texts in parts]
        out: dict[int, np.ndarray] = {}
        free = [w for w in self.workers for _ in range(IN_FLIGHT)]
        pending: dict[Any, tuple[Any, int, int]] = {}
        for p, texts in enumerate(parts):
            while left[p]:
                while todo and free:
                    worker, (q, s) = free.pop(0), todo.popleft()
                    pending[worker.encode.remote(parts[q][s : s + size])] = (worker, q, s)
                (ref,), _ = self.ray.wait(list(pending), num_returns=1)
                worker, q, s = pending.pop(ref)
                vecs = self._get(ref, "embedding")
                out.setdefault(q, np.zeros((len(parts[q]), self.dim), dtype=np.float32))[s : s + len(vecs)] = vecs
                left[q] -= 1
                free.append(worker)
            yield out.pop(p, np.zeros((0, self.dim), dtype=np.float32))

    def encode(self, texts: list[str]) -> np.ndarray:
        return next(iter(self.encode_parts([texts])))

    def close(self) -> None:
        """Stop the workers, and Ray if this pool started it."""
        for w in self.workers:
            try:
                self.ray.kill(w)
            except Exception:  # already dead
                pass
        self.workers = []
        if self.started_ray:
            self.ray.shutdown()
            self.started_ray = False
