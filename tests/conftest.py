"""Fixtures shared by the test modules (their helpers live in tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.build import build_index
from kb.config import Settings
from tests.helpers import PP_PAGES, ROOT, RULES_FIXTURE, HashEmbedder, make_corpus, make_pdf


@pytest.fixture
def pp_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "corpus" / "regulations" / "pp-7-2030.pdf", PP_PAGES)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus indexed once with the stand-in embedder (read-only: every module
    that serves it opens its own Searcher)."""
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("bundled-index"))
    build_index(s, embedder=HashEmbedder(), progress=False)
    return s


@pytest.fixture(scope="session")
def fixture_rules_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus indexed with the stand-in embedder, carrying the fixture rule base
    (tests/data: 12 rules) instead of corpus/rules (read-only, like bundled_index)."""
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("rules-index"), rules_dir=RULES_FIXTURE)
    build_index(s, embedder=HashEmbedder(), progress=False)
    return s
