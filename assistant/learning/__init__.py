"""What the learned classifiers share at training time: the split of examples by a hash of
their words, and a cache of encoder features so a retrain encodes only what is new.

The crisis classifier (assistant/safety/training.py) and the learned apology labels
(assistant/learning/apology.py) both train through these.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

__all__ = ["FeatureCache", "split_bucket", "text_key"]

Encode = Callable[[Sequence[str]], np.ndarray]


def text_key(text: str) -> str:
    """Sentences that differ only in case, punctuation or spacing are one sentence."""
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def split_bucket(text: str) -> int:
    """0-99, from a stable hash of the sentence's words: a sentence stays in its bucket
    whatever else is added, so a held-out split stays held out."""
    digest = hashlib.sha256(text_key(text).encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


class FeatureCache:
    """Encoder features of sentences already seen, so a retrain encodes only what is new.
    Keyed by the exact sentence; the encoder's hash and ``version`` (how the features are
    pooled) are part of the file name."""

    def __init__(self, path: Path, version: str) -> None:
        from assistant.encoder.install import WEIGHTS_SHA256

        digest = hashlib.sha256(f"{WEIGHTS_SHA256}{version}".encode()).hexdigest()
        self._path = path.with_name(f"{path.stem}-{digest[:12]}{path.suffix}")
        self._vectors: dict[str, np.ndarray] = {}
        if self._path.is_file():
            with np.load(self._path, allow_pickle=False) as data:
                for text, vector in zip(data["texts"], data["vectors"], strict=True):
                    self._vectors[str(text)] = vector

    def features(self, texts: Sequence[str], encode: Encode) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._vectors})
        if missing:
            for text, vector in zip(missing, encode(missing), strict=True):
                self._vectors[text] = vector
        return np.stack([self._vectors[t] for t in texts])

    def save(self) -> None:
        texts = list(self._vectors)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        partial = self._path.with_name(self._path.name + ".partial.npz")
        np.savez(
            partial, texts=np.array(texts), vectors=np.stack([self._vectors[t] for t in texts])
        )
        partial.replace(self._path)
