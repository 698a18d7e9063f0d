"""kb.embed_process: the model in a child process for a server (issue 15, cold start)."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kb.config import Settings
from kb.embed import ModelError, QueryBatcher, serving_embedder
from kb.embed_process import ProcessEmbedder
from tests.helpers import HashEmbedder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def hash_model(settings: Settings) -> HashEmbedder:
    """The stand-in model, made in the child (importable by name)."""
    return HashEmbedder()


def broken_model(settings: Settings) -> HashEmbedder:
    raise ModelError(f"{settings.model}: no such model folder")


def test_the_child_answers_as_the_model_itself_would() -> None:
    model = ProcessEmbedder(Settings(), hash_model)
    try:
        ref = HashEmbedder()
        texts = ["PNS dilarang kampanye", "netralitas ASN", ""]
        assert (model.model_id, model.dim, model.max_tokens) == (ref.model_id, ref.dim, ref.max_tokens)
        assert np.array_equal(model.encode_queries(texts), ref.encode_queries(texts))
        assert np.array_equal(model.encode_passages(texts[:2]), ref.encode_passages(texts[:2]))
        assert model.count_tokens("tiga kata saja") == ref.count_tokens("tiga kata saja")
        assert model.encode_queries([]).shape == (0, ref.dim)
        if os.geteuid() == 0:  # back to the server's priority once loaded (an unprivileged child stays lower)
            assert os.getpriority(os.PRIO_PROCESS, model._proc.pid) == os.getpriority(os.PRIO_PROCESS, 0)
    finally:
        model.close()


def test_a_child_that_dies_is_an_error_once_then_a_new_child_answers() -> None:
    model = ProcessEmbedder(Settings(), hash_model)
    try:
        assert model.dim == 64
        os.kill(model._proc.pid, signal.SIGKILL)
        model._proc.join(timeout=10)
        with pytest.raises(ModelError, match="model process ended"):
            model.encode_queries(["apa"])
        assert np.array_equal(model.encode_queries(["apa"]), HashEmbedder().encode_queries(["apa"]))
    finally:
        model.close()


def test_a_model_that_cannot_load_is_its_error_on_every_call_without_restarts() -> None:
    model = ProcessEmbedder(replace(Settings(), model="/nowhere/model"), broken_model)
    try:
        with pytest.raises(ModelError, match="/nowhere/model: no such model folder"):
            model.encode_queries(["apa"])
        first = model._proc.pid
        with pytest.raises(ModelError, match="no such model folder"):
            _ = model.dim
        assert model._proc.pid == first
    finally:
        model.close()


def test_the_server_model_starts_loading_at_once_in_its_own_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import kb.embed_process as ep

    class StandIn(ProcessEmbedder):
        def __init__(self, settings: Settings) -> None:
            super().__init__(settings, hash_model)

    monkeypatch.setattr(ep, "ProcessEmbedder", StandIn)
    t = time.perf_counter()
    served = serving_embedder(Settings(model_process=True))
    assert time.perf_counter() - t < 1.0  # not waited for here
    try:
        assert isinstance(served, QueryBatcher) and isinstance(served.inner, ProcessEmbedder)
        assert served.inner._proc.pid != os.getpid() and served.inner._proc.is_alive()
        assert np.array_equal(served.encode_queries(["netralitas"]), HashEmbedder().encode_queries(["netralitas"]))
    finally:
        served.inner.close()
    monkeypatch.setattr("kb.embed.load_embedder", lambda settings: HashEmbedder())
    assert isinstance(serving_embedder(Settings(model_process=False)).inner, HashEmbedder)  # the default: in this process



def test_model_process_is_off_unless_the_environment_says_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KB_MODEL_PROCESS", raising=False)
    assert not Settings.from_env().model_process
    monkeypatch.setenv("KB_MODEL_PROCESS", "1")
    assert Settings.from_env().model_process


@pytest.mark.slow
def test_the_real_model_in_a_child_gives_the_same_vectors_bit_for_bit() -> None:
    from kb.embed import load_embedder

    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    settings = Settings.from_env()
    child = ProcessEmbedder(settings)
    try:
        here = load_embedder(settings)
        qs = ["bolehkah PNS menghadiri kampanye calon bupati?", "What penalty applies to a civil servant who campaigns?"]
        assert child.model_id == here.model_id
        assert np.array_equal(child.encode_queries(qs), here.encode_queries(qs))
        assert np.array_equal(child.encode_passages(qs), here.encode_passages(qs))
    finally:
        child.close()


def locking_model(settings: Settings) -> HashEmbedder:
    """The stand-in, holding what the real model's encoder takes (tqdm's lock: a named semaphore)."""
    from tqdm import tqdm

    tqdm.get_lock()
    return HashEmbedder()


EXITS = """
import os, signal, sys, time
from kb.config import Settings
from kb.embed_process import ProcessEmbedder
model = ProcessEmbedder(Settings(), __import__("tests.test_embed_process", fromlist=["x"]).locking_model)
assert model.encode_queries(["netralitas"]).shape == (1, 64)
print(model._proc.pid, flush=True)
if sys.argv[1] == "ctrl-c":
    os.killpg(0, signal.SIGINT)  # what Ctrl-C in a terminal sends: the whole process group
    time.sleep(5)
"""


@pytest.mark.parametrize("how", ["exit", "ctrl-c"])
def test_the_child_ends_cleanly_when_the_server_exits(how: str) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    p = subprocess.run([sys.executable, "-c", EXITS, how], capture_output=True, text=True, timeout=120, cwd=root,
                       env={**os.environ, "PYTHONPATH": str(root)}, start_new_session=True)
    child = int(p.stdout.split()[0])
    for _ in range(100):
        if not Path(f"/proc/{child}").exists():
            break
        time.sleep(0.05)
    assert not Path(f"/proc/{child}").exists(), "the child outlived the server"
    assert "leaked semaphore" not in p.stderr, p.stderr  # what a killed child left behind
    if how == "exit":
        assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr
    else:  # the server's own KeyboardInterrupt is its business; the child says nothing
        assert "netral-model" not in p.stderr and "_child" not in p.stderr, p.stderr
