"""What the learned classifiers share at training time: the split of examples by a hash of
their words, and a cache of encoder features so a retrain encodes only what is new.

The crisis classifier (assistant/safety/training.py) and the learned apology labels
(assistant/learning/apology.py) both train through these.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

__all__ = ["FeatureCache", "feature_cache_path", "split_bucket", "text_key"]

_log = logging.getLogger(__name__)

Encode = Callable[[Sequence[str]], np.ndarray]


def text_key(text: str) -> str:
    """Sentences that differ only in case, punctuation or spacing are one sentence."""
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def split_bucket(text: str) -> int:
    """0-99, from a stable hash of the sentence's words: a sentence stays in its bucket
    whatever else is added, so a held-out split stays held out."""
    digest = hashlib.sha256(text_key(text).encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


def feature_cache_path(name: str) -> Path:
    """Where one classifier's feature cache lives: in the user's cache folder
    (assistant.paths.default_cache_dir), not in the checkout's models/, so a fresh clone on
    the same machine encodes only sentences no clone has encoded before (embedding every
    training sentence takes about twenty minutes on two cores; the fit, seconds). The cache
    holds only the project's own training sentences and their vectors, never anything a
    user said, and is owner-only like every file Kintsugi writes."""
    from assistant.paths import default_cache_dir

    return default_cache_dir() / "features" / f"{name}.npz"


class FeatureCache:
    """Encoder features of sentences already seen, so a retrain encodes only what is new.
    Keyed by the exact sentence; the encoder's hash and ``version`` (how the features are
    pooled) are part of the file name."""

    def __init__(self, path: Path, version: str) -> None:
        from assistant.encoder.install import WEIGHTS_SHA256

        digest = hashlib.sha256(f"{WEIGHTS_SHA256}{version}".encode()).hexdigest()
        self._path = path.with_name(f"{path.stem}-{digest[:12]}{path.suffix}")
        self._vectors: dict[str, np.ndarray] = {}
        self._added = False
        try:
            with np.load(self._path, allow_pickle=False) as data:
                for text, vector in zip(data["texts"], data["vectors"], strict=True):
                    self._vectors[str(text)] = vector
        except FileNotFoundError:
            pass
        except (
            OSError,
            EOFError,
            ValueError,
            KeyError,
            zipfile.BadZipFile,
        ) as error:  # torn: start over
            _log.warning("feature cache %s unreadable (%s); encoding afresh", self._path, error)
            self._vectors = {}

    def features(self, texts: Sequence[str], encode: Encode) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._vectors})
        if missing:
            for text, vector in zip(missing, encode(missing), strict=True):
                self._vectors[text] = vector
            self._added = True
        return np.stack([self._vectors[t] for t in texts])

    def save(self) -> None:
        """Write the cache atomically and owner-only. Two trainings saving at once (two
        clones, two test workers) each write their own temporary file; the last rename
        wins and the other's new sentences are simply encoded again next time. When
        nothing was encoded since the file was read, nothing is written: the crisis
        classifier's cache is about a gigabyte, and most retrains add no sentence."""
        if not self._added:
            return
        from assistant.paths import ensure_private_dir

        texts = list(self._vectors)
        try:
            ensure_private_dir(self._path.parent)
            fd, partial = tempfile.mkstemp(prefix=f".{self._path.stem}.", dir=self._path.parent)
        except OSError as error:  # a read-only home: training goes on, uncached
            _log.warning("feature cache not saved in %s (%s)", self._path.parent, error)
            return
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as handle:
                np.savez(
                    handle,
                    texts=np.array(texts),
                    vectors=np.stack([self._vectors[t] for t in texts]),
                )
            os.replace(partial, self._path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
