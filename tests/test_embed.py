"""kb.embed: the ONNX runtime computes sentence-transformers' vectors, and the runtime
choice (auto / onnx / torch) behaves as documented. On a tiny synthetic model (seconds)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kb import convert as kc
from kb.config import Settings
from kb.embed import CALL_TOKENS, ONNX_FILE, ModelEmbedder, ModelError, OnnxEncoder, TorchEncoder, export_onnx, least_cost_calls
from tests.helpers import H, write_e5s1

pytestmark = pytest.mark.slow  # torch, sentence-transformers and an ONNX export: ~10 s to import and run

TEXTS = ["query: a b", "passage: x y c ab ab a b x", "ab", "query: c", "a \t b\x01 zz"]


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    src = tmp_path / "tiny-q4.bin"
    write_e5s1(src)
    folder = tmp_path / "tiny-e5"
    kc.convert(src, folder)
    return folder


def test_onnx_export_gives_sentence_transformers_vectors(tiny: Path) -> None:
    path = export_onnx(tiny)
    assert path == tiny / ONNX_FILE and (path.parent / "model.onnx.data").is_file()
    assert not [p for p in tiny.iterdir() if p.name.startswith(".onnx-") or p.name.startswith(".check-")], "temporary folders left"
    stamp = path.stat().st_mtime_ns
    assert export_onnx(tiny) == path and path.stat().st_mtime_ns == stamp, "a second export must be a no-op"

    fast, slow = OnnxEncoder(tiny, threads=1), TorchEncoder(tiny, threads=1)
    want = slow.encode(TEXTS, batch_size=8)
    batched = fast.encode(TEXTS, batch_size=8)  # padded to the longest
    single = np.vstack([fast.encode([t], batch_size=1) for t in TEXTS])
    assert batched.shape == (len(TEXTS), H)
    np.testing.assert_allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)
    assert (batched * want).sum(1).min() > 0.99999
    assert (single * want).sum(1).min() > 0.99999
    fitted = fast.encode_fitted(TEXTS + ["a " * 40], most=2)  # a long text and at most two per call: several calls
    assert (fitted[: len(TEXTS)] * want).sum(1).min() > 0.99999
    assert (fitted[-1] * slow.encode(["a " * 40], 1)[0]).sum() > 0.99999
    for t in TEXTS:
        assert fast.count_tokens(t) == slow.count_tokens(t)


def test_too_long_text_is_cut_as_sentence_transformers_cuts_it(tiny: Path) -> None:
    cfg = tiny / "sentence_bert_config.json"
    cfg.write_text(json.dumps({"max_seq_length": 6, "do_lower_case": False}))
    export_onnx(tiny)
    long = "a b x y c ab a b x y"
    fast, slow = OnnxEncoder(tiny, threads=1), TorchEncoder(tiny, threads=1)
    assert fast.count_tokens(long) > 6, "counting must see the whole text"
    v_fast, v_slow = fast.encode([long, "a"], 2), slow.encode([long, "a"], 2)
    assert (v_fast * v_slow).sum(1).min() > 0.99999


def test_runtime_choice(tiny: Path, tmp_path: Path) -> None:
    base = Settings(model=str(tiny), cache_dir=tmp_path / "cache", model_threads=1)
    torch_emb = ModelEmbedder(replace(base, runtime="auto"))
    assert torch_emb.runtime == "torch", "a custom folder without an ONNX export runs on torch under auto"
    assert not (tiny / ONNX_FILE).exists(), "auto must not write into a custom model folder"

    onnx_emb = ModelEmbedder(replace(base, runtime="onnx"))  # exports on demand
    assert onnx_emb.runtime == "onnx" and (tiny / ONNX_FILE).is_file()
    assert ModelEmbedder(replace(base, runtime="auto")).runtime == "onnx"
    forced = ModelEmbedder(replace(base, runtime="torch"))
    assert forced.runtime == "torch"

    # Same vectors, same model id: an index built with one runtime serves the other.
    assert onnx_emb.model_id == forced.model_id
    q = ["apakah a boleh b", "x y"]
    assert (onnx_emb.encode_queries(q) * forced.encode_queries(q)).sum(1).min() > 0.99999
    assert onnx_emb.encode_passages([]).shape == (0, H)

    with pytest.raises(ModelError, match="unknown runtime"):
        ModelEmbedder(replace(base, runtime="gpu"))


def test_onnx_runtime_refuses_pooling_it_cannot_do(tiny: Path, tmp_path: Path) -> None:
    export_onnx(tiny)
    pooling = tiny / "1_Pooling" / "config.json"
    cfg = json.loads(pooling.read_text())
    cfg.update(pooling_mode_mean_tokens=False, pooling_mode_max_tokens=True)
    pooling.write_text(json.dumps(cfg))
    s = Settings(model=str(tiny), cache_dir=tmp_path / "cache", model_threads=1)
    assert ModelEmbedder(s).runtime == "torch", "auto falls back to sentence-transformers"
    with pytest.raises(ModelError, match="mean or CLS"):
        ModelEmbedder(replace(s, runtime="onnx"))


def test_questions_are_cut_into_calls_that_pad_little() -> None:
    """A server's questions (token lengths, ascending): one call while padding costs less than
    another call; a long story apart; never more than `most` rows in a call; every row once, in order."""
    assert least_cost_calls([20, 22, 25, 30], 16) == [range(0, 4)]
    assert least_cost_calls([20, 22, 25, 30 + 4 * CALL_TOKENS], 16) == [range(0, 3), range(3, 4)]
    calls = least_cost_calls([12] * 10, 4)
    assert max(len(c) for c in calls) <= 4 and [i for c in calls for i in c] == list(range(10))
    assert least_cost_calls([], 8) == []
    assert least_cost_calls([7], 0) == [range(0, 1)]  # at least one row a call
