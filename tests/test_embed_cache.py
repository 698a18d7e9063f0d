"""A killed build keeps the embeddings it computed (issue 13, case 9): the cache is written
batch by batch, so the next build embeds only the rest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kb.build import build_index
from kb.config import Settings
from kb.index import current_generation
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf


class KilledAfter(HashEmbedder):
    """Embeds `batches` calls' worth, then the process is 'killed' (KeyboardInterrupt)."""

    def __init__(self, batches: int):
        super().__init__()
        self.batches = batches
        self.calls = 0

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        if self.calls == self.batches:
            raise KeyboardInterrupt
        self.calls += 1
        return super().encode_passages(texts, show_progress)


@pytest.fixture
def settings(corpus: Path, tmp_path: Path) -> Settings:
    for n in range(10, 14):
        make_pdf(corpus / "regulations" / f"pp-{n}-2031.pdf", [p.replace("7 TAHUN 2030", f"{n} TAHUN 2031").replace("netral", f"netral {n}") for p in PP_PAGES])
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embed_cache_every=4)


def test_a_killed_build_keeps_what_it_embedded(settings: Settings) -> None:
    total = HashEmbedder()
    build_index(replace(settings, index_dir=settings.index_dir.parent / "reference"), embedder=total, progress=False)
    assert total.passages_encoded > 12  # enough passages for several batches of 4

    killed = KilledAfter(batches=3)
    with pytest.raises(KeyboardInterrupt):
        build_index(settings, embedder=killed, progress=False)
    assert current_generation(settings.index_dir) is None and killed.passages_encoded == 12

    again = HashEmbedder()
    r = build_index(settings, embedder=again, progress=False)
    assert again.passages_encoded == total.passages_encoded - 12  # only the rest
    assert r.cached == r.chunks - r.embedded and r.embedded == again.passages_encoded


def test_the_cache_is_written_in_batches_of_the_setting(settings: Settings) -> None:
    emb = HashEmbedder()
    sizes: list[int] = []
    real = emb.encode_passages
    emb.encode_passages = lambda texts, show_progress=False: (sizes.append(len(texts)), real(texts))[1]  # type: ignore[method-assign]
    build_index(settings, embedder=emb, progress=False)
    assert max(sizes) == 4 and sum(sizes) == emb.passages_encoded
