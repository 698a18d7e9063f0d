"""The model in a process of its own, for a server (`kb serve`, `kb mcp`).

Loading the model holds the interpreter lock for most of its ~1.5 s (the tokenizers
library builds its 250,000-piece vocabulary without releasing it), and so does every
question's tokenisation. In the server's own process that time adds up with the imports
and the index load, one after the other, on one core. In a child process it runs on the
other core while the server imports and loads its index, and question encoding no longer
competes with ranking for the lock.

`ProcessEmbedder(settings)` returns at once, with the child loading; the Embedder
protocol's attributes (`model_id`, `dim`, ...) and calls wait until it is ready. Calls are
one at a time over a pipe (the QueryBatcher in front of it batches questions). The vectors
are the local model's (`kb.embed.load_embedder` runs in the child), bit for bit. A model
that fails to load is a ModelError with the child's message; a child that dies is a
ModelError on the call that finds it gone, and the next call starts a new one.

Off by default (`Settings.model_process`, KB_MODEL_PROCESS=1 turns it on): it pays only
where a core is free. Measured at 139k chunks on the shared 2-core machine at load ~3 (no
core free), six cold starts each: first answer median 4.24 s against 4.06 s in-process,
health checks 2.23 against 2.14 s. The timeline of one start there: the child had the model
ready at 4.0 s, as the server finished loading its index, both slowed alike by the load.
Again with the server answering health checks from its first moment (kb.web.starter) and the
child at the server's priority (a trial), load 3-4.7: no gain either (3 starts each, medians
5.4-7.0 s against 4.1-6.5 s). The kernel there shares the CPU between sessions (autogroup),
not processes: a second process of the same session gets no more of it. At load ~1 (a core
free), 4 starts each: 1.94 s against 2.22 s.

On Ctrl-C (SIGINT to the whole process group) the child ignores the signal and ends when the
server closes its pipe (at exit, before multiprocessing would kill it): a killed child left
tqdm's semaphore behind ("resource_tracker: ... leaked semaphore objects").
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from .config import Settings
from .embed import ModelError


LOAD_NICE = 10
"""The child loads the model at this lower priority: on a busy machine (measured at load ~3 on
2 cores) the server then answers health checks as soon as it did with the model in its own
process, and its first answer comes sooner; on an idle one the child has a core to itself."""


def _child(conn: Connection, settings: Settings, factory: Callable[[Settings], Any] | None) -> None:
    """The child: load the model, say what it is, then answer calls until the pipe closes."""
    from .embed import load_embedder

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the server stops us (the pipe closes)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    os.nice(LOAD_NICE)  # a busy machine runs the server's own start first: health checks, the index
    try:
        model = (factory or load_embedder)(settings)
    except Exception as e:  # every failure is the parent's to report
        conn.send(("error", f"{type(e).__name__}: {e}" if not isinstance(e, ModelError) else str(e)))
        return
    try:
        os.setpriority(os.PRIO_PROCESS, 0, own)  # questions at the server's priority (where allowed)
    except OSError:
        pass
    facts = {name: getattr(model, name, None) for name in ("model_id", "dim", "max_tokens", "runtime", "name", "path")}
    conn.send(("ready", facts))
    while True:
        try:
            kind, arg = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        try:
            if kind == "queries":
                out: Any = model.encode_queries(arg)
            elif kind == "passages":
                out = model.encode_passages(arg)
            else:
                out = model.count_tokens(arg)
            conn.send(("ok", out))
        except Exception as e:
            conn.send(("error", f"{type(e).__name__}: {e}"))


class ProcessEmbedder:
    """kb.embed's Embedder protocol, answered by the model in a child process."""

    def __init__(self, settings: Settings, factory: Callable[[Settings], Any] | None = None):
        """`factory` (importable by name, e.g. a module's function): what the child calls
        instead of kb.embed.load_embedder (tests give a stand-in model)."""
        self.settings = settings
        self._factory = factory
        self._lock = threading.Lock()  # one call at a time; held while a reply is awaited
        self._facts: dict[str, Any] | None = None
        self._failed: str | None = None  # the model could not be loaded: said on every call
        self._start()
        atexit.register(self.close)  # before multiprocessing's own exit handler kills the child: it ends on the closed pipe, cleanly

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # a clean interpreter: no threads or locks copied
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_child, args=(child, self.settings, self._factory), name="netral-model", daemon=True)
        self._proc.start()
        child.close()

    def _receive(self) -> tuple[str, Any]:
        try:
            return self._conn.recv()
        except (EOFError, OSError) as e:
            self._proc.join(timeout=5)
            code = self._proc.exitcode
            self._conn.close()
            self._facts = None
            self._start()  # the next call gets a new process
            raise ModelError(f"the model process ended (exit code {code}); a new one is starting") from e

    def _ready_locked(self) -> dict[str, Any]:
        if self._failed is not None:
            raise ModelError(self._failed)
        if self._facts is None:
            status, value = self._receive()  # the child's first message: what the model is
            if status == "error":
                self._failed = value  # it could not load the model: no use starting another
                raise ModelError(value)
            self._facts = value
        return self._facts

    def _ready(self) -> dict[str, Any]:
        with self._lock:
            return self._ready_locked()

    def _call(self, kind: str, arg: Any) -> Any:
        with self._lock:
            self._ready_locked()
            try:
                self._conn.send((kind, arg))
            except (OSError, ValueError):
                pass  # a dead child: _receive says so
            status, value = self._receive()
        if status == "error":
            raise ModelError(value)
        return value

    @property
    def model_id(self) -> str:
        return str(self._ready()["model_id"])

    @property
    def dim(self) -> int:
        return int(self._ready()["dim"])

    @property
    def max_tokens(self) -> int:
        return int(self._ready()["max_tokens"])

    @property
    def runtime(self) -> str | None:
        return self._ready()["runtime"]

    def count_tokens(self, text: str) -> int:
        return int(self._call("tokens", text))

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._call("queries", list(texts))

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self._call("passages", list(texts))

    def close(self) -> None:
        """Stop the child: it ends when its pipe closes, releasing what it holds (a child
        killed instead leaves a semaphore behind, which Python's resource tracker reports as
        leaked at exit). Also called when this process exits."""
        self._conn.close()
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.terminate()
