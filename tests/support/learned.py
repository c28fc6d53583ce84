"""A tiny learned-label model for tests of how learned labels combine with the rules: its
labels fire on chosen words, so a test states exactly what the "model" hears."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from actions.coaching.learned_labels import ClauseModel, LearnedLabels

DIM = 4
"""The width of the (all-zero) sentence features: only the word weights decide."""


def word_model(
    labels: Sequence[str], weights: dict[str, dict[str, float]], threshold: float = 0.5
) -> ClauseModel:
    """A model whose labels fire on words: ``{label: {word: weight}}``; a weight of 5 or
    more on one word crosses the 0.5 threshold against the -4 bias."""
    words = sorted({w for table in weights.values() for w in table})
    vocabulary = {w: i for i, w in enumerate(words)}
    lexical = np.zeros((len(words), len(labels)), np.float32)
    for label, table in weights.items():
        for word, weight in table.items():
            lexical[vocabulary[word], list(labels).index(label)] = weight
    return ClauseModel(
        labels=tuple(labels),
        dense_weight=np.zeros((DIM, len(labels)), np.float32),
        lexical_weight=lexical,
        bias=np.full(len(labels), -4.0, np.float32),
        thresholds=np.full(len(labels), threshold, np.float32),
        vocabulary=vocabulary,
        idf=np.ones(len(words)),
        fingerprint="test",
    )


def word_labels(labels: Sequence[str], weights: dict[str, dict[str, float]]) -> LearnedLabels:
    """:func:`word_model` behind all-zero sentence features."""
    model = word_model(labels, weights)
    return LearnedLabels(lambda texts: np.zeros((len(texts), DIM), np.float32), model)
