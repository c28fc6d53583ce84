"""On-device sentence embeddings (all-MiniLM-L6-v2) with numpy and `tokenizers` only.

`load_encoder(model_dir).encode(texts)` gives L2-normalised 384-dimensional vectors, the
same as sentence-transformers gives, without torch or TensorFlow at run time.

The names are imported lazily (PEP 562): `python -m assistant.encoder.install` then runs
without loading numpy and tokenizers, and without runpy's double-import warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

EMBEDDING_DIM = 384
"""Length of every sentence vector."""

SENTENCE_FEATURES = slice(10 * EMBEDDING_DIM, 11 * EMBEDDING_DIM)
"""The columns of `SentenceEncoder.features` that are the sentence embedding itself (the
last of the six layers, mean-pooled and unit length: what `encode` returns)."""

MODEL_DIR_ENV = "KINTSUGI_UNDERSTANDING_DIR"
"""Names the models folder for code that Rasa builds, which cannot be handed settings (the
NLU featurizer); `kintsugi train` sets it for its `rasa train` child."""

if TYPE_CHECKING:
    from assistant.encoder.install import ensure_encoder
    from assistant.encoder.minilm import (
        SentenceEncoder,
        load_encoder,
        shared_encoder,
        shared_model_dir,
        use_model_dir,
    )

__all__ = [
    "EMBEDDING_DIM",
    "MODEL_DIR_ENV",
    "SENTENCE_FEATURES",
    "SentenceEncoder",
    "ensure_encoder",
    "load_encoder",
    "shared_encoder",
    "shared_model_dir",
    "use_model_dir",
]

_FROM_MINILM = (
    "SentenceEncoder",
    "load_encoder",
    "shared_encoder",
    "shared_model_dir",
    "use_model_dir",
)


def __getattr__(name: str) -> Any:
    if name == "ensure_encoder":
        from assistant.encoder import install

        return install.ensure_encoder
    if name in _FROM_MINILM:
        from assistant.encoder import minilm

        return getattr(minilm, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
