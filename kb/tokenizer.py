"""The model's tokenizer, quick to load: token ids identical to the folder's `tokenizer.json`.

multilingual-e5's tokenizer is a Unigram model of 250,002 pieces. `tokenizers` builds its
lookup structure for every piece when it loads (~1.1-2.6 s measured on the 2-core machine,
holding the interpreter lock throughout, so a starting server can do nothing else). A text
can only be cut into pieces whose characters it contains, so for a text written in Latin
script (the characters `COVERED` matches, after the tokenizer's own normalisation) a
tokenizer holding only the pieces made of those characters finds the same pieces, at the
same scores, as the whole one (110,405 pieces for e5: loads in ~0.4 s). Its ids are mapped
back to the whole vocabulary's.

The subset is written once beside the model (`SUBSET_DIR`, from the first load of the whole
tokenizer) and stamped with the source file's size and modification time. The piece with
the lowest score stays in it whatever its characters: the Unigram model's penalty for an
unknown character is computed from that score. A text with any other character (Greek,
Arabic, CJK, emoji, ...) goes to the whole tokenizer, loaded on first need. Where the
subset cannot be written (a read-only model folder), the whole tokenizer is used as before.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

SUBSET_DIR = ".netral-tokenizer"
"""The subset's folder inside the model folder: tokenizer.json, ids.npy, stamp.json."""
FORMAT = 1
COVERED = re.compile(r"^[\x00-\u024f\u2000-\u206f\u2581]*$")
"""Characters the subset covers: Latin (basic, Latin-1, extended A and B), general
punctuation (curly quotes, dashes, ellipsis) and the pre-tokenizer's word mark U+2581."""


def _stamp(source: Path) -> dict[str, Any]:
    st = source.stat()
    return {"format": FORMAT, "covered": COVERED.pattern, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def subset_spec(spec: dict[str, Any]) -> tuple[dict[str, Any], list[int]] | None:
    """The tokenizer.json of the subset and, for each of its ids, the whole vocabulary's id;
    None for a tokenizer that is not a Unigram model."""
    model = spec.get("model") or {}
    if model.get("type") != "Unigram" or not model.get("vocab"):
        return None
    vocab = model["vocab"]
    lowest = min(range(len(vocab)), key=lambda i: vocab[i][1])
    keep = [i for i, (piece, _) in enumerate(vocab) if i == lowest or COVERED.match(piece)]
    new_id = {old: new for new, old in enumerate(keep)}
    out = json.loads(json.dumps(spec))  # a deep copy of plain JSON
    out["model"]["vocab"] = [vocab[i] for i in keep]
    if out["model"].get("unk_id") is not None:
        out["model"]["unk_id"] = new_id[model["unk_id"]]
    for tok in out.get("added_tokens") or []:
        if tok["id"] not in new_id:
            return None  # an added token outside the subset: no subset
        tok["id"] = new_id[tok["id"]]
    if not _renumber(out.get("post_processor"), new_id):
        return None
    return out, keep


def _renumber(processor: dict[str, Any] | None, new_id: dict[int, int]) -> bool:
    """The post-processor's special-token ids in the subset's numbering (False: one is not in it)."""
    if not processor:
        return True
    if processor.get("type") == "Sequence":
        return all(_renumber(p, new_id) for p in processor.get("processors", []))
    for tok in (processor.get("special_tokens") or {}).values():
        if any(i not in new_id for i in tok.get("ids", [])):
            return False
        tok["ids"] = [new_id[i] for i in tok["ids"]]
    for key in ("sep", "cls"):  # RobertaProcessing / BertProcessing: [text, id]
        if isinstance(processor.get(key), list):
            if processor[key][1] not in new_id:
                return False
            processor[key][1] = new_id[processor[key][1]]
    return True


def write_subset(source: Path, target: Path) -> bool:
    """Write the subset of `source` into `target` (replaced whole); False when there is none
    or it cannot be written."""
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        made = subset_spec(json.loads(source.read_text(encoding="utf-8")))
        if made is None:
            return False
        spec, keep = made
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        (tmp / "tokenizer.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        np.save(tmp / "ids.npy", np.asarray(keep, dtype=np.int64))
        (tmp / "stamp.json").write_text(json.dumps(_stamp(source)))
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        return True
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.debug("no tokenizer subset for %s: %s", source, e)
        shutil.rmtree(tmp, ignore_errors=True)
        return False


def _from_file(path: Path) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.no_truncation()  # counts must see the whole text; the encoder truncates
    return tok


class ModelTokenizer:
    """Token ids (special tokens added, no padding, no truncation) of `folder/tokenizer.json`,
    from the subset where the text allows it. `subset=False`: the whole tokenizer only."""

    def __init__(self, folder: Path, subset: bool = True):
        self.source = folder / "tokenizer.json"
        self._whole: Any = None
        self._lock = threading.Lock()
        self._part: Any = None
        self._ids: list[int] = []
        if subset:
            self._load_subset(folder / SUBSET_DIR)
        if self._part is None:
            self._whole = _from_file(self.source)
            if subset and type(self._whole.model).__name__ == "Unigram":  # other models: no subset, none tried
                write_subset(self.source, folder / SUBSET_DIR)  # for the next start

    def _load_subset(self, where: Path) -> None:
        try:
            if json.loads((where / "stamp.json").read_text()) != _stamp(self.source):
                return
            ids = np.load(where / "ids.npy").tolist()
            part = _from_file(where / "tokenizer.json")
        except Exception as e:  # missing, stale or damaged (tokenizers raises plain Exception): the whole one
            if not isinstance(e, FileNotFoundError):
                log.debug("tokenizer subset in %s not used: %s", where, e)
            return
        self._part, self._ids = part, ids

    @property
    def subset_loaded(self) -> bool:
        return self._part is not None

    def whole(self) -> Any:
        """The whole tokenizer (loaded on first need)."""
        if self._whole is None:
            with self._lock:
                if self._whole is None:
                    self._whole = _from_file(self.source)
        return self._whole

    def covers(self, text: str) -> bool:
        """Whether the subset gives `text` the whole tokenizer's ids."""
        if self._part is None or not COVERED.match(text):
            return False
        norm = self._part.normalizer
        return norm is None or COVERED.match(norm.normalize_str(text)) is not None

    def ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's token ids."""
        out: list[list[int]] = [[] for _ in texts]
        part = [i for i, t in enumerate(texts) if self.covers(t)]
        rest = sorted(set(range(len(texts))) - set(part))
        if part:
            m = self._ids
            for i, enc in zip(part, self._part.encode_batch([texts[i] for i in part])):
                out[i] = [m[j] for j in enc.ids]
        if rest:
            for i, enc in zip(rest, self.whole().encode_batch([texts[i] for i in rest])):
                out[i] = enc.ids
        return out
