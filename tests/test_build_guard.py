"""An operator's slips never cost the index (issue 13, cases 1 and 7): a build that would
remove most documents, or meets a missing or unreadable corpus folder, stops and changes
nothing; pruning never removes the last generation that had documents; what cannot be
read (files, folders, broken links) is named and keeps its previous version.

Tests run as root here, where file permissions do not stop reading; unreadable files and
folders are therefore simulated by making `os.scandir` / `file_sha256` fail for them."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from kb import build as build_mod
from kb.build import BuildRefused, build_index, walk_corpus
from kb.config import Settings
from kb.index import current_generation, load_index, write_generation
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf


@pytest.fixture
def settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index")


def _sources(s: Settings) -> set[str]:
    return {c.source for c in load_index(s.index_dir).chunks}


def _add_regulations(corpus: Path, numbers: range) -> None:
    for n in numbers:
        make_pdf(corpus / "regulations" / f"pp-{n}-2031.pdf", [p.replace("7 TAHUN 2030", f"{n} TAHUN 2031") for p in PP_PAGES])


def test_a_missing_corpus_folder_stops_the_build_and_changes_nothing(settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    before, sources = current_generation(settings.index_dir), _sources(settings)
    regs = settings.corpus_dir / "regulations"
    regs.rename(settings.corpus_dir / "regulations.off")
    with pytest.raises(BuildRefused) as e:
        build_index(settings, embedder=emb, progress=False)
    msg = str(e.value)
    assert "regulations is missing" in msg and "1 documents" in msg and "--allow-removals" in msg and "\n" not in msg
    assert current_generation(settings.index_dir) == before and _sources(settings) == sources
    r = build_index(settings, embedder=emb, progress=False, allow_removals=True)  # told: it goes ahead
    assert r.removed == ["regulations/pp-7-2030.pdf"] and _sources(settings) == {"rulings/putusan-9-pid.sus-2030-pn-uji.pdf"}


def test_a_corpus_without_any_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildRefused, match="holds none of the folders regulations/, rulings/, official/regulations/, official/rulings/: nothing to index"):
        build_index(Settings(corpus_dir=tmp_path / "empty", index_dir=tmp_path / "index"), embedder=HashEmbedder(), progress=False)


def _unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """os.scandir fails on `folder` as it would without read permission (root reads anyway)."""
    real = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(build_mod.os, "scandir", scandir)


def test_an_unreadable_corpus_folder_stops_the_build(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    before = current_generation(settings.index_dir)
    _unreadable(monkeypatch, settings.corpus_dir / "rulings")
    with pytest.raises(BuildRefused, match=r"rulings cannot be read: nothing changed"):
        build_index(settings, embedder=emb, progress=False)
    assert current_generation(settings.index_dir) == before
    r = build_index(settings, embedder=emb, progress=False, allow_removals=True)  # told: built, its documents kept
    assert any(p.source == "rulings/" and "cannot read this folder" in p.reason for p in r.problems)
    assert "rulings/putusan-9-pid.sus-2030-pn-uji.pdf" in _sources(settings) and not r.removed


def test_a_build_that_would_remove_most_documents_stops(settings: Settings) -> None:
    _add_regulations(settings.corpus_dir, range(10, 14))  # 6 documents in all
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    before = current_generation(settings.index_dir)
    for n in range(10, 14):
        (settings.corpus_dir / "regulations" / f"pp-{n}-2031.pdf").unlink()
    with pytest.raises(BuildRefused, match=r"would remove 4 of the 6 indexed documents .*--allow-removals"):
        build_index(settings, embedder=emb, progress=False)
    assert current_generation(settings.index_dir) == before and len(_sources(settings)) == 6
    assert len(build_index(settings, embedder=emb, progress=False, allow_removals=True).removed) == 4


def test_removing_a_few_documents_needs_no_flag(settings: Settings) -> None:
    _add_regulations(settings.corpus_dir, range(10, 14))
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    for n in (10, 11):
        (settings.corpus_dir / "regulations" / f"pp-{n}-2031.pdf").unlink()
    assert len(build_index(settings, embedder=emb, progress=False).removed) == 2  # 2 of 6: not "most"


def test_pruning_keeps_the_last_generation_that_had_documents(settings: Settings) -> None:
    build_index(settings, embedder=HashEmbedder(), progress=False)
    good = current_generation(settings.index_dir)
    assert good is not None
    for _ in range(3):  # three builds in a row that hold nothing
        write_generation(settings.index_dir, [], [], np.zeros((0, HashEmbedder.dim), np.float32), {"model": HashEmbedder.model_id})
    assert good.is_dir(), "the last generation with documents was pruned"
    gens = sorted(p.name for p in settings.index_dir.glob("gen-*"))
    assert len(gens) == 3 and good.name in gens  # the two newest, and the last good one


def test_an_unreadable_file_keeps_its_previous_version(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    make_pdf(settings.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    real = build_mod.file_sha256

    def sha(path: Path) -> str:
        if path.name == "pp-7-2030.pdf":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(build_mod, "file_sha256", sha)
    r = build_index(settings, embedder=emb, progress=False)
    assert [(p.source, p.reason) for p in r.problems] == [("regulations/pp-7-2030.pdf", "cannot read file (Permission denied)")]
    assert "regulations/pp-7-2030.pdf" in _sources(settings) and not r.removed  # kept, not silently dropped


def test_an_unreadable_subfolder_is_named_and_its_documents_kept(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    sub = settings.corpus_dir / "regulations" / "2031"
    make_pdf(sub / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    (settings.corpus_dir / "regulations" / "pp-7-2030.pdf").write_bytes(b"%PDF-1.4 now broken")  # something to rebuild
    _unreadable(monkeypatch, sub)
    r = build_index(settings, embedder=emb, progress=False)
    assert ("regulations/2031/", "cannot read this folder (Permission denied); what the index holds from it is kept") in [
        (p.source, p.reason) for p in r.problems]
    assert "regulations/2031/pp-8-2031.pdf" in _sources(settings) and not r.removed


def test_symlink_loops_and_dangling_links_are_named(settings: Settings) -> None:
    regs = settings.corpus_dir / "regulations"
    (regs / "gone.pdf").symlink_to(regs / "missing.pdf")
    (regs / "self.pdf").symlink_to(regs / "self.pdf")
    (regs / "sub").mkdir()
    (regs / "sub" / "up").symlink_to(regs)  # a folder link back to its ancestor
    (regs / "elsewhere").symlink_to(settings.corpus_dir / "rulings", target_is_directory=True)  # a plain folder link: followed
    scan = walk_corpus(settings.corpus_dir)
    reasons = {p.source: p.reason for p in scan.problems}
    assert reasons == {
        "regulations/gone.pdf": "dangling symbolic link (its target does not exist), skipped",
        "regulations/self.pdf": "symbolic link loop, skipped",
        "regulations/sub/up": "symbolic link loop (points to a folder above it), skipped",
    }
    assert [f.source for f in scan.files] == [
        "regulations/elsewhere/putusan-9-pid.sus-2030-pn-uji.pdf", "regulations/pp-7-2030.pdf", "rulings/putusan-9-pid.sus-2030-pn-uji.pdf"]
    r = build_index(settings, embedder=HashEmbedder(), progress=False)
    assert {p.source for p in r.problems} >= set(reasons)


def test_the_guard_counts_only_what_would_really_go(settings: Settings) -> None:
    """Switching to official texts only is a removal the operator asked for: with few
    documents it goes through; the files that stay are not counted."""
    make_pdf(settings.corpus_dir / "official" / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    shutil.rmtree(settings.corpus_dir / "rulings")
    with pytest.raises(BuildRefused, match="rulings is missing"):
        build_index(settings, embedder=emb, progress=False)
