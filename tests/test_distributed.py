"""Distributed embedding on Ray (kb.distributed): `kb build --workers N` / `--ray ADDRESS`
give the index a local build gives; its faults are one line and leave the previous index
serving.

Ray is started by the tests themselves (`ray.init(num_cpus=2)`, no dashboard), once for the
module, and shut down after; the build uses the session it finds. The stand-in embedder is
sent to the workers as it is. Slow: the build starting and stopping its own Ray, with the
real model loaded by each worker.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kb.build import build_index
from kb.config import Settings
from kb.distributed import RayMissing, RayUnavailable, RayWorkerDied
from kb.embed import ModelError
from kb.index import current_generation, load_index, read_chunks
from tests import helpers
from tests.helpers import ROOT, HashEmbedder, free_port, make_pdf

class Recording(HashEmbedder):
    """The stand-in model, noting every passage it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        self.texts.update(texts)
        return super().encode_passages(texts, show_progress)


class NoModelOnTheNode(HashEmbedder):
    """A model that cannot be loaded where the worker runs (its folder is missing there)."""

    def __setstate__(self, state: dict) -> None:
        raise ModelError("model folder /srv/models/e5 is missing on this node")


class DiesOnEmbedding(HashEmbedder):
    """A worker's model that kills its process at the first batch (a crashed node)."""

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        os._exit(3)


def _index(s: Settings) -> tuple[list[tuple[str, str, str]], np.ndarray]:
    """The generation's chunks (source, citation, text) in row order, and its vectors."""
    gen = current_generation(s.index_dir)
    assert gen is not None
    loaded = load_index(s.index_dir)
    chunks = [(c.source, c.citation, c.text) for c in read_chunks(gen)]
    return chunks, np.asarray(loaded.vectors.vectors())


def _cache(s: Settings) -> dict[str, bytes]:
    with sqlite3.connect(s.index_dir / "cache" / "embeddings.sqlite") as db:
        return dict(db.execute("SELECT key, vec FROM emb"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The bundled corpus, parts of 32 passages for the cache, batches of 5 for the workers
    (so parts end mid-batch and workers take turns)."""
    return Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path / "index", embed_cache_every=32, ray_batch_size=5)


@pytest.fixture
def previous(settings: Settings, tmp_path: Path) -> Settings:
    """A served index of a small corpus, and a new document waiting to be embedded."""
    s = replace(settings, corpus_dir=helpers.make_corpus(tmp_path / "corpus"))
    build_index(s, embedder=HashEmbedder(), progress=False)
    make_pdf(s.corpus_dir / "regulations" / "pp-8-2030.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2030") for p in helpers.PP_PAGES])
    return s


# ---------------------------------------------------------------------------- without a Ray session


def test_without_ray_installed_the_build_says_so_in_one_line(previous: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kb.cli import app

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    before = current_generation(previous.index_dir)
    r = CliRunner().invoke(app, ["--corpus", str(previous.corpus_dir), "--index", str(previous.index_dir), "build", "-q", "--workers", "2"])
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    assert r.stderr.strip() == "error: ray is not installed: pip install 'netral[ray]'"
    with pytest.raises(RayMissing, match=r"^ray is not installed: pip install 'netral\[ray\]'$"):  # the build itself, too
        build_index(replace(previous, embed_workers=2), embedder=HashEmbedder(), progress=False)
    assert current_generation(previous.index_dir) == before


def test_an_unreachable_address_is_one_line_and_the_previous_index_serves(previous: Settings) -> None:
    pytest.importorskip("ray")
    before = current_generation(previous.index_dir)
    address = f"127.0.0.1:{free_port()}"
    with pytest.raises(RayUnavailable) as e:
        build_index(replace(previous, ray_address=address), embedder=HashEmbedder(), progress=False)
    assert str(e.value) == f"ray cluster at {address} is unreachable (Connection refused)"
    with pytest.raises(RayUnavailable, match="ray address 'nowhere': give host:port"):
        build_index(replace(previous, ray_address="nowhere"), embedder=HashEmbedder(), progress=False)
    assert current_generation(previous.index_dir) == before
    assert {c.source for c in load_index(previous.index_dir).chunks} == {"regulations/pp-7-2030.pdf", "rulings/putusan-9-pid.sus-2030-pn-uji.pdf"}


@pytest.mark.slow
def test_workers_start_their_own_ray_and_match_the_local_build_with_the_real_model(tmp_path: Path) -> None:
    """`--workers 2` on a machine without a Ray session: Ray starts, two workers each load the
    real model (one thread), the vectors match a local build's, and Ray is stopped after."""
    ray = pytest.importorskip("ray")
    if ray.is_initialized():
        pytest.skip("a Ray session is open in this process")
    from kb.embed import load_embedder

    corpus = helpers.make_corpus(tmp_path / "corpus")
    local = Settings.from_env(corpus_dir=corpus, index_dir=tmp_path / "local")
    model = load_embedder(local)
    build_index(local, embedder=model, progress=False)
    spread = replace(local, index_dir=tmp_path / "spread", embed_workers=2, ray_batch_size=3, embed_cache_every=8)
    r = build_index(spread, embedder=model, progress=False)
    assert not ray.is_initialized()
    assert r.embedded == r.chunks > 8 and "embed.ray_start" in r.seconds
    (want_chunks, want), (got_chunks, got) = _index(local), _index(spread)
    assert got_chunks == want_chunks
    assert np.allclose(got, want, atol=1e-5), np.abs(got - want).max()  # 1 thread vs 2, other batches: rounding only


# ---------------------------------------------------------------------------- one Ray session for the module


@pytest.fixture(scope="module")
def ray_session() -> Iterator[object]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False, object_store_memory=128 * 2**20)
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import the tests
    ray.cloudpickle.register_pickle_by_value(helpers)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.mark.slow  # a Ray session: ~20 s to start
def test_two_workers_give_the_local_build_exactly(settings: Settings, ray_session: object) -> None:
    local = HashEmbedder()
    want_report = build_index(settings, embedder=local, progress=False)
    spread = replace(settings, index_dir=settings.index_dir.parent / "spread", embed_workers=2)
    driver = Recording()
    r = build_index(spread, embedder=driver, progress=False)

    assert r.embedded == want_report.embedded == r.chunks > 64  # several parts of 32, batches of 5
    passages = {c.passage for c in read_chunks(current_generation(spread.index_dir))}  # type: ignore[arg-type]
    assert len(passages) > 64 and not passages & driver.texts  # the workers embedded every chunk, the driver none
    (want_chunks, want), (got_chunks, got) = _index(settings), _index(spread)
    assert got_chunks == want_chunks and len(got_chunks) == r.chunks
    assert np.array_equal(got, want)
    got_cache, want_cache = _cache(spread), _cache(settings)  # the same vectors under the same keys
    assert len(got_cache) >= r.chunks and all(want_cache[k] == v for k, v in got_cache.items())

    again = build_index(replace(spread, corpus_dir=settings.corpus_dir), embedder=HashEmbedder(), progress=False)
    assert again.embedded == 0 and "embed.ray_start" not in again.seconds  # all cached: no workers started


@pytest.mark.slow
def test_a_worker_that_dies_is_one_line_and_the_previous_index_serves(previous: Settings, ray_session: object) -> None:
    before = current_generation(previous.index_dir)
    spread = replace(previous, embed_workers=2)
    with pytest.raises(RayWorkerDied) as e:
        build_index(spread, embedder=DiesOnEmbedding(), progress=False)
    assert re.fullmatch(r"a ray worker died \(embedding\): process \d+ on \S+ ended: Worker unexpectedly exits .*\.", str(e.value)), str(e.value)
    with pytest.raises(RayWorkerDied) as e:
        build_index(spread, embedder=NoModelOnTheNode(), progress=False)
    assert str(e.value) == "a ray worker died (could not load the model): ModelError: model folder /srv/models/e5 is missing on this node"
    assert current_generation(previous.index_dir) == before
    assert len(load_index(previous.index_dir).chunks) == len(read_chunks(before))  # type: ignore[arg-type]
    ray = ray_session
    deadline = time.monotonic() + 30
    while ray.available_resources().get("CPU", 0) < 2 and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.2)
    assert ray.available_resources().get("CPU", 0) == 2  # type: ignore[attr-defined]  # the workers were stopped
