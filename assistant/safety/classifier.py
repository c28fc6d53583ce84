"""The learned crisis classifier: a linear model over what a sentence means and the words
it uses.

Two kinds of features, side by side:

- the shared encoder's features (assistant/encoder: the sentence embedding, an earlier
  layer's mean and the last layer's strongest token), which carry meaning — "I won't be
  around for her birthday" is near "I plan to end my life";
- word and word-pair weights (TF-IDF), which carry the small words that turn a crisis's
  vocabulary into this product's everyday talk — "ending it *with him*", "pills *for her
  headache*", "*I agreed* she can check my phone".

On the never-trained test split the pair beat either alone and beat a small neural network
and an RBF support-vector machine on the same features (README, "Safety screen").

Beside the regression, a vote of the nearest training sentences (:class:`Neighbours`). A
linear model draws one boundary through the whole space; this product's hard cases sit in
small pockets of it — pills taken as prescribed, "I could kill myself" over a spelling
mistake, a phone check that was the user's own idea — and the nearest examples know each
pocket. Left out writer by writer (bench/safety_cv.py), the blend raised fewer alarms at
the same or better recall than the regression alone (README).

It is trained by `kintsugi train` (assistant/safety/training.py) with scikit-learn, but at
run time it is a dictionary lookup and a matrix product: the weights are saved as plain
arrays (`.npz`, no pickle), so loading it imports nothing heavy and cannot run code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# The text features are shared with the learned apology labels.
from actions.coaching.learned_labels import (
    linear_arrays,
    linear_fields,
    save_arrays,
    speech_style,
    tfidf_row,
    word_ngrams,
)
from assistant.encoder import SENTENCE_FEATURES
from assistant.errors import DialogueModelError

__all__ = ["LABELS", "CrisisModel", "Neighbours", "Reading", "speech_style", "word_ngrams"]

LABELS = ("none", "self_harm", "abuse_suffered", "abuse_done")
"""The classes, in the order of the model's outputs. ``abuse_suffered``: the user is hurt,
threatened or controlled; ``abuse_done``: the user threatens, hurts, confines or controls
their partner."""

_FORMAT = 3


@dataclass(frozen=True)
class Neighbours:
    """The training sentences' embeddings and classes, for a vote of the nearest ones."""

    embeddings: np.ndarray
    """(sentences, 384) float32, unit rows: the encoder's sentence embeddings."""

    classes: np.ndarray
    """(sentences,) index into :data:`LABELS` of each sentence's class."""

    count: int
    """How many nearest sentences vote."""

    temperature: float
    """How fast a vote fades with distance: weights are exp(cosine / temperature), so at
    0.02 a neighbour 0.05 less similar counts about a twelfth as much."""

    share: float
    """The vote's weight in the blended probabilities (the regression has the rest)."""

    def vote(self, features: np.ndarray) -> np.ndarray:
        """(n, len(LABELS)) the similarity-weighted class shares of each row's nearest
        training sentences."""
        similarity = np.asarray(features, np.float32)[:, SENTENCE_FEATURES] @ self.embeddings.T
        count = min(self.count, similarity.shape[1])
        nearest = np.argpartition(-similarity, count - 1, axis=1)[:, :count]
        closeness = np.take_along_axis(similarity, nearest, axis=1)
        weights = np.exp((closeness - closeness.max(axis=1, keepdims=True)) / self.temperature)
        shares = np.zeros((len(similarity), len(LABELS)), np.float32)
        for column in range(len(LABELS)):
            shares[:, column] = (weights * (self.classes[nearest] == column)).sum(axis=1)
        shares /= weights.sum(axis=1, keepdims=True)
        return shares


@dataclass(frozen=True)
class Reading:
    """What :meth:`CrisisModel.read` found: probabilities, and which rows are exact."""

    probabilities: np.ndarray
    """(n, len(LABELS))."""

    exact: np.ndarray
    """(n,) bool. False: the vote was left out, and every crisis class of the row is a
    lower bound that stays below the row's ``vote_from``."""


@dataclass(frozen=True)
class CrisisModel:
    """Multinomial logistic regression over [encoder features, TF-IDF of word n-grams]."""

    dense_weight: np.ndarray
    """(encoder features, classes)."""

    lexical_weight: np.ndarray
    """(vocabulary, classes)."""

    bias: np.ndarray
    """(classes,)."""

    vocabulary: Mapping[str, int]
    """Word n-gram → row of :attr:`lexical_weight` and :attr:`idf` (a dict when just
    trained, an :class:`NgramVocabulary` when loaded)."""

    idf: np.ndarray
    """Inverse document frequency per n-gram, as scikit-learn computed it."""

    fingerprint: str
    """The training fingerprint this model was made from (data, encoder, settings)."""

    neighbours: Neighbours | None = None
    """The nearest-sentence vote blended in, or None for the regression alone."""

    def lexical(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The TF-IDF row of ``text`` as (indices, values): sublinear counts times idf,
        L2-normalised, exactly as scikit-learn's TfidfVectorizer does."""
        return tfidf_row(text, self.vocabulary, self.idf)

    def probabilities(self, features: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """(n, len(LABELS)) class probabilities for the encoder's (n, dim) features of
        ``texts``."""
        return self.read(features, texts).probabilities

    def read(
        self, features: np.ndarray, texts: Sequence[str], vote_from: np.ndarray | None = None
    ) -> Reading:
        """:meth:`probabilities`, with the nearest-sentence vote taken only where it could
        matter. The vote is the slow part of a turn (every training sentence compared
        with every piece), and most pieces are everyday talk. Its share is bounded, so a
        row whose regression is low enough cannot reach ``vote_from[row]`` in any crisis
        class whatever the vote says: that row gets the regression's part alone (its
        crisis classes the lowest the vote could leave them, still below the bar) and is
        marked not exact. Rows with ``vote_from`` 0 are always exact."""
        regression = self._regression(features, texts)
        if self.neighbours is None:
            return Reading(regression, np.ones(len(regression), bool))
        share = self.neighbours.share
        if vote_from is None:
            vote_from = np.zeros(len(regression), np.float32)
        highest = (1.0 - share) * regression[:, 1:].max(axis=1, initial=0.0) + share
        exact = highest >= vote_from
        blended = (1.0 - share) * regression
        blended[~exact, LABELS.index("none")] += share
        if exact.any():
            blended[exact] += share * self.neighbours.vote(np.asarray(features)[exact])
        return Reading(blended, exact)

    def _regression(self, features: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        logits: np.ndarray = np.asarray(features, np.float32) @ self.dense_weight + self.bias
        for row, text in enumerate(texts):
            indices, values = self.lexical(text)
            if len(indices):
                logits[row] += values @ self.lexical_weight[indices]
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        return logits

    def save(self, path: Path) -> None:
        """Write the arrays atomically (a crash leaves the old file or none)."""
        neighbours = self.neighbours
        vote: dict[str, np.ndarray] = {}
        if neighbours is not None:
            vote = {
                # Half precision on disk: the vote does not need more, and it halves the file.
                "neighbour_embeddings": neighbours.embeddings.astype(np.float16),
                "neighbour_classes": neighbours.classes.astype(np.int8),
                "neighbour_settings": np.array(
                    [neighbours.count, neighbours.temperature, neighbours.share], np.float64
                ),
            }
        save_arrays(path, **linear_arrays(self, _FORMAT, LABELS), **vote)

    @classmethod
    def load(cls, path: Path) -> CrisisModel:
        """Read a saved model; a missing or unreadable file says how to rebuild it."""
        fix = "Run `kintsugi train` (or `make run`, which trains when needed)."
        if not path.is_file():
            raise DialogueModelError(f"No trained crisis classifier at {path}. {fix}")
        try:
            with np.load(path, allow_pickle=False) as data:
                fields = linear_fields(data, _FORMAT, LABELS)
                neighbours = None
                if "neighbour_embeddings" in data:
                    count, temperature, share = (float(v) for v in data["neighbour_settings"])
                    neighbours = Neighbours(
                        embeddings=data["neighbour_embeddings"].astype(np.float32),
                        classes=data["neighbour_classes"].astype(np.intp),
                        count=int(count),
                        temperature=temperature,
                        share=share,
                    )
                return cls(**fields, neighbours=neighbours)
        except (OSError, ValueError, KeyError) as error:
            raise DialogueModelError(
                f"The crisis classifier at {path} could not be read ({error}). "
                "Run `kintsugi train --force` to rebuild it."
            ) from error
