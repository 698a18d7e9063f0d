"""kb.tokenizer: the Latin-script subset of a Unigram tokenizer gives the whole tokenizer's
ids; texts it does not cover go to the whole one; the subset is written once and redone when
the source changes. A small hand-made tokenizer (fast), then the real e5 one (slow)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

from kb.tokenizer import SUBSET_DIR, ModelTokenizer

VOCAB = [
    ("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("\u2581", -2.0),
    ("a", -3.0), ("b", -3.0), ("z", -1.0), ("\u2581ab", -4.0), ("ab", -5.0), ("qz", -25.0),
    ("\u03a9", -6.0), ("\u2581\u03a9a", -4.0), ("\u03bc", -6.0), ("\u00e9", -5.0), ("\u2581\u00e9a", -4.5),
    ("\u2026", -5.0), ("fi", -4.0), ("\u0436", -30.0), ("<mask>", 0.0),
]
"""`ж` (Cyrillic) has the lowest score, which sets the penalty of an unknown character: "qz"
is one piece with it, `q` unknown + `z` without it (a subset that lost it would say so)."""
TEXTS = [
    "a b ab", "ab\u2026ab", "qz", "q z qz  qz", "\u00e9a ab \u00e9", "\u03a9a ab", "\u00b5 ab", "\ufb01 ab",
    "<s> ab </s>", "ab<mask>", "", "\u0436ab", "ab\tab\nz", "\u201cab\u201d \u2014 z",
]
NOT_COVERED = {"\u03a9a ab", "\u00b5 ab", "\u0436ab", "\ufb01 ab"}
"""Greek, Cyrillic, a character normalised (NFKC) to Greek (\u00b5), one from outside the
covered set that normalises into it (the ligature \ufb01): the whole tokenizer's."""


def _write(folder: Path, vocab: list[tuple[str, float]] = VOCAB) -> Path:
    tok = Tokenizer(models.Unigram(vocab, 3, False))
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.add_special_tokens(["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    folder.mkdir(parents=True, exist_ok=True)
    tok.save(str(folder / "tokenizer.json"))
    return folder


def _whole_ids(folder: Path, texts: list[str]) -> list[list[int]]:
    return [e.ids for e in Tokenizer.from_file(str(folder / "tokenizer.json")).encode_batch(texts)]


def test_the_subset_gives_the_whole_tokenizers_ids(tmp_path: Path) -> None:
    folder = _write(tmp_path / "model")
    first = ModelTokenizer(folder)
    assert not first.subset_loaded and (folder / SUBSET_DIR / "tokenizer.json").is_file(), "the first load writes the subset"
    kept = json.loads((folder / SUBSET_DIR / "tokenizer.json").read_text())["model"]["vocab"]
    assert len(kept) < len(VOCAB) and ["\u0436", -30.0] in kept and ["\u03a9", -6.0] not in kept
    again = ModelTokenizer(folder)
    assert again.subset_loaded
    assert {t for t in TEXTS if not again.covers(t)} == NOT_COVERED
    want = _whole_ids(folder, TEXTS)
    assert again.ids(TEXTS) == want == first.ids(TEXTS)
    assert [again.ids([t])[0] for t in TEXTS] == want
    assert want[TEXTS.index("qz")] == [0, 4, 10, 2], "the case the lowest score decides"


def test_a_changed_or_damaged_source_is_not_read_through_an_old_subset(tmp_path: Path) -> None:
    folder = _write(tmp_path / "model")
    ModelTokenizer(folder)
    changed = [(p, s - 1.0) if p == "ab" else (p, s) for p, s in VOCAB]  # "ab" less likely now
    _write(folder, changed)
    st = (folder / "tokenizer.json").stat()
    os.utime(folder / "tokenizer.json", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    tok = ModelTokenizer(folder)
    assert not tok.subset_loaded and tok.ids(TEXTS) == _whole_ids(folder, TEXTS)
    assert ModelTokenizer(folder).subset_loaded, "the subset is written again for the new source"
    (folder / SUBSET_DIR / "tokenizer.json").write_text("{not json")
    damaged = ModelTokenizer(folder)
    assert not damaged.subset_loaded and damaged.ids(TEXTS) == _whole_ids(folder, TEXTS)


def test_without_a_subset_the_whole_tokenizer_is_used(tmp_path: Path) -> None:
    folder = _write(tmp_path / "model")
    tok = ModelTokenizer(folder, subset=False)
    assert not tok.subset_loaded and not (folder / SUBSET_DIR).exists()
    assert tok.ids(TEXTS) == _whole_ids(folder, TEXTS)
    wordlevel = tmp_path / "wordlevel"  # not a Unigram model: no subset is made
    wordlevel.mkdir()
    other = Tokenizer(models.WordLevel({"ab": 0, "[UNK]": 1}, unk_token="[UNK]"))
    other.pre_tokenizer = pre_tokenizers.Whitespace()
    other.save(str(wordlevel / "tokenizer.json"))
    tok = ModelTokenizer(wordlevel)
    assert not tok.subset_loaded and not (wordlevel / SUBSET_DIR).exists() and tok.ids(["ab zz"]) == [[0, 1]]


# ---------------------------------------------------------------- the real e5 tokenizer


@pytest.fixture(scope="module")
def e5_folder() -> Path:
    from kb.config import Settings
    from kb.embed import ModelError, resolve_model

    try:
        return resolve_model(Settings())
    except ModelError as e:
        pytest.skip(f"needs the e5 model: {e}")


@pytest.mark.slow  # the real tokenizer (16 MB) and model
def test_e5_subset_gives_identical_ids_and_vectors(e5_folder: Path, bundled_index, tmp_path: Path) -> None:  # noqa: ANN001
    from kb.embed import OnnxEncoder
    from kb.index import current_generation, read_chunks

    folder = tmp_path / "e5"
    folder.mkdir()
    shutil.copy(e5_folder / "tokenizer.json", folder / "tokenizer.json")
    assert not ModelTokenizer(folder).subset_loaded
    part = ModelTokenizer(folder)
    assert part.subset_loaded
    passages = [c.text for c in read_chunks(current_generation(bundled_index.index_dir))]  # type: ignore[arg-type]
    assert len(passages) >= 100
    texts = [f"passage: {p}" for p in passages] + ["query: bolehkah \u201cASN\u201d ikut kampanye\u2026?", "query: caf\u00e9 na\u00efve",
                                                    "query: \u9009\u4e3e PNS", "query: \U0001f642 ok", "query: \u00b5g"]
    assert sum(part.covers(t) for t in texts) >= len(passages), "the passages go through the subset"
    whole = Tokenizer.from_file(str(folder / "tokenizer.json"))
    assert part.ids(texts) == [e.ids for e in whole.encode_batch(texts)]

    enc = OnnxEncoder(e5_folder, threads=1)
    sample = texts[:40] + texts[-5:]
    fast = enc.encode(sample, batch_size=8)
    enc.tokenizer = ModelTokenizer(e5_folder, subset=False)
    np.testing.assert_array_equal(fast, enc.encode(sample, batch_size=8))
