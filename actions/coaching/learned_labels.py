"""Learned apology labels: a clause-level, multi-label linear model over what a clause means
and the words it uses.

The rules in apology.py are precise but miss new wording; this model reads each clause
(pieces.py) and gives every label of CONTENT.md its own probability (one-vs-rest logistic
regression), over the same two kinds of features as the crisis classifier
(assistant/safety/classifier.py): the shared sentence encoder's features and TF-IDF word
n-grams. Each label has its own threshold, chosen on a validation fold.

Trained by `kintsugi train` (assistant/learning/apology.py) with scikit-learn; at run time
it is a dictionary lookup and a matrix product, the weights read from plain arrays (`.npz`,
no pickle). The text features below are shared with the crisis classifier.

Pure: no I/O except :meth:`ClauseModel.save` / :meth:`ClauseModel.load`, which the runtime
calls; the encoder is passed in as a function.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from actions.coaching.pieces import Segment, clauses

if TYPE_CHECKING:
    from actions.coaching.turn_labels import TurnModel

__all__ = [
    "ClauseModel",
    "ClauseModelError",
    "LearnedLabels",
    "NgramVocabulary",
    "linear_arrays",
    "linear_fields",
    "save_arrays",
    "speech_style",
    "tfidf_row",
    "word_ngrams",
]

_FORMAT = 1
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_NOT_WORD = re.compile(r"[^\w\s]")

Encode = Callable[[Sequence[str]], np.ndarray]
"""Texts → (n, dim) encoder features (assistant.encoder's ``features``)."""


class PackedFeatures(Protocol):
    """What :data:`ReadTogether` gives (assistant.encoder's ``PackedReading``)."""

    @property
    def rows(self) -> np.ndarray:
        """(n, dim): each text's features, as :data:`Encode` gives them."""

    @property
    def together(self) -> np.ndarray:
        """(dim,): every text's tokens pooled at once, one reading of them all."""


ReadTogether = Callable[[Sequence[str]], PackedFeatures]
"""One turn's clause texts → their features and their reading as one (the encoder's
``read_packed``): the turn model's whole-turn features from the clauses' own pass."""


def speech_style(text: str) -> str:
    """``text`` as a speech recogniser writes it: lowercase, no apostrophes ("im", "dont"),
    no punctuation. Features, training copies and the crisis guard all read text through it."""
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text.lower())).split())


def word_ngrams(text: str) -> list[str]:
    """Lowercase words (apostrophes dropped, so "I'm" and a recogniser's "im" are one
    word) and each pair of neighbouring words. Training and run time share this."""
    words = speech_style(text).split()
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


class NgramVocabulary(Mapping[str, int]):
    """Word n-gram → row, held as one sorted array of UTF-8 bytes instead of a dict.

    A loaded model's vocabulary is only looked up, never changed. As a dict of Python
    strings the crisis classifier's 110,000 n-grams took about 17 MB and a tenth of a second
    to build; as an array they take about 3 MB, and a turn's n-grams are found in one
    binary search (:meth:`rows_of`)."""

    def __init__(self, words: Sequence[str]) -> None:
        """``words[row]`` is the n-gram of that row."""
        encoded = np.array([word.encode("utf-8") for word in words], dtype=np.bytes_)
        order = np.argsort(encoded, kind="stable")
        self._keys = encoded[order]
        self._rows = order.astype(np.int32)
        if len(self._keys) > 1 and (self._keys[1:] == self._keys[:-1]).any():
            raise ValueError("an n-gram is listed twice")
        if any(word.endswith("\0") for word in words):
            raise ValueError("an n-gram ends in a NUL byte")  # numpy's bytes drop them

    def rows_of(self, grams: Sequence[str]) -> np.ndarray:
        """(len(grams),) the row of each n-gram, -1 where it is not in the vocabulary."""
        if not grams or not len(self._keys):
            return np.full(len(grams), -1, np.intp)
        wanted = np.array([gram.encode("utf-8") for gram in grams], dtype=np.bytes_)
        at = np.minimum(np.searchsorted(self._keys, wanted), len(self._keys) - 1)
        found = self._keys[at] == wanted
        return np.where(found, self._rows[at], -1).astype(np.intp)

    def __getitem__(self, gram: str) -> int:
        row = int(self.rows_of([gram])[0])
        if row < 0:
            raise KeyError(gram)
        return row

    def __contains__(self, gram: object) -> bool:
        return isinstance(gram, str) and int(self.rows_of([gram])[0]) >= 0

    def __iter__(self) -> Iterator[str]:
        return (bytes(key).decode("utf-8") for key in self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def tfidf_row(
    text: str, vocabulary: Mapping[str, int], idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The TF-IDF row of ``text`` as (indices, values): sublinear counts times idf,
    L2-normalised, exactly as scikit-learn's TfidfVectorizer(sublinear_tf=True) does."""
    counts = Counter(word_ngrams(text))  # first-seen order, as the sum below reads it
    grams = list(counts)
    if isinstance(vocabulary, NgramVocabulary):
        rows = vocabulary.rows_of(grams)
    else:
        rows = np.fromiter((vocabulary.get(g, -1) for g in grams), np.intp, len(grams))
    known = rows >= 0
    if not known.any():
        return np.zeros(0, np.intp), np.zeros(0, np.float32)
    indices = rows[known]
    tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), np.float64, len(counts))
    values = tf[known] * idf[indices]
    values /= np.linalg.norm(values)
    return indices, values.astype(np.float32)


class ClauseModelError(Exception):
    """A saved clause model is missing, unreadable or made by another version."""


@dataclass(frozen=True)
class ClauseModel:
    """One-vs-rest logistic regression over [encoder features, TF-IDF of word n-grams]."""

    labels: tuple[str, ...]
    """The labels, in the order of the model's outputs."""

    dense_weight: np.ndarray
    """(encoder features, labels)."""

    lexical_weight: np.ndarray
    """(vocabulary, labels)."""

    bias: np.ndarray
    """(labels,)."""

    thresholds: np.ndarray
    """(labels,): the probability at which each label counts, chosen on a validation fold."""

    vocabulary: Mapping[str, int]
    """Word n-gram → row of :attr:`lexical_weight` and :attr:`idf` (a dict when just
    trained, a :class:`NgramVocabulary` when loaded)."""

    idf: np.ndarray
    """Inverse document frequency per n-gram, as scikit-learn computed it."""

    fingerprint: str
    """The training fingerprint this model was made from (data, encoder, settings)."""

    def probabilities(self, features: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """(n, len(labels)) independent probabilities for the encoder's (n, dim) features
        of ``texts``."""
        logits: np.ndarray = np.asarray(features, np.float32) @ self.dense_weight + self.bias
        for row, text in enumerate(texts):
            indices, values = tfidf_row(text, self.vocabulary, self.idf)
            if len(indices):
                logits[row] += values @ self.lexical_weight[indices]
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
        return probabilities

    def save(self, path: Path) -> None:
        """Write the arrays atomically (a crash leaves the old file or none)."""
        thresholds = self.thresholds.astype(np.float32)
        save_arrays(path, **linear_arrays(self, _FORMAT, self.labels), thresholds=thresholds)

    @classmethod
    def load(cls, path: Path, labels: Sequence[str]) -> ClauseModel:
        """Read a saved model made for ``labels``; anything else raises ClauseModelError."""
        if not path.is_file():
            raise ClauseModelError(f"no trained clause model at {path}")
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    labels=tuple(str(label) for label in labels),
                    thresholds=np.ascontiguousarray(data["thresholds"]),
                    **linear_fields(data, _FORMAT, labels),
                )
        except (OSError, ValueError, KeyError) as error:
            raise ClauseModelError(
                f"the clause model at {path} could not be read ({error})"
            ) from error


def linear_arrays(model: Any, version: int, labels: Sequence[str]) -> dict[str, np.ndarray]:
    """What every learned linear model here saves (the clause, turn and crisis models):
    its version and labels, fingerprint, weights, and n-gram vocabulary with idf."""
    words = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    return {
        "format": np.array(version),
        "labels": np.array(labels),
        "fingerprint": np.array(model.fingerprint),
        "dense_weight": model.dense_weight.astype(np.float32),
        "lexical_weight": model.lexical_weight.astype(np.float32),
        "bias": model.bias.astype(np.float32),
        "vocabulary": np.array(words),
        "idf": model.idf.astype(np.float64),
    }


def linear_fields(data: Any, version: int, labels: Sequence[str]) -> dict[str, Any]:
    """The fields :func:`linear_arrays` wrote, read back from an open ``.npz``; ValueError
    when it was made by another version or for other labels."""
    if int(data["format"]) != version or tuple(data["labels"]) != tuple(labels):
        raise ValueError("it was made by another version")
    return {
        "dense_weight": np.ascontiguousarray(data["dense_weight"]),
        "lexical_weight": np.ascontiguousarray(data["lexical_weight"]),
        "bias": np.ascontiguousarray(data["bias"]),
        "vocabulary": NgramVocabulary([str(word) for word in data["vocabulary"]]),
        "idf": np.ascontiguousarray(data["idf"]),
        "fingerprint": str(data["fingerprint"]),
    }


@dataclass(frozen=True)
class ClauseReading:
    """The model's reading of one turn: its clauses and each label's probability."""

    text: str
    """The turn as given."""

    pieces: tuple[Segment, ...]
    probabilities: np.ndarray
    """(len(pieces), len(labels))."""

    thresholds: np.ndarray
    labels: tuple[str, ...]
    together: np.ndarray | None = None
    """The turn's clauses read as one (:data:`ReadTogether`), when the reader can."""

    def found(self, label: str) -> list[Segment]:
        """The clauses that carry ``label``, most probable first."""
        column = self.labels.index(label)
        rows = np.flatnonzero(self.probabilities[:, column] >= self.thresholds[column])
        return [self.pieces[i] for i in sorted(rows, key=lambda i: -self.probabilities[i, column])]

    def probability(self, label: str, start: int, end: int) -> float:
        """The highest probability of ``label`` among clauses overlapping [start, end)."""
        column = self.labels.index(label)
        best = 0.0
        for row, piece in enumerate(self.pieces):
            if piece.start < end and start < piece.end:
                best = max(best, float(self.probabilities[row, column]))
        return best


class LearnedLabels:
    """The clause model with the encoder that feeds it: text → :class:`ClauseReading`;
    and, once trained, the turn model that has the last word on a turn's labels
    (turn_labels.py)."""

    def __init__(
        self,
        encode: Encode,
        model: ClauseModel,
        turn: TurnModel | None = None,
        read_together: ReadTogether | None = None,
    ) -> None:
        self.encode = encode
        """Reads a turn's clauses."""
        self.model = model
        self.turn = turn
        self.read_together = read_together
        """Reads a turn's clauses and the turn as one in the same pass (the turn model's
        features); without it the clauses are read by ``encode`` and the turn apart."""

    def without_turn(self) -> LearnedLabels:
        """The clause model alone (what the turn model learns from, and a bench column)."""
        return LearnedLabels(self.encode, self.model, read_together=self.read_together)

    def read(self, text: str) -> ClauseReading:
        pieces = tuple(clauses(text))
        labels = self.model.labels
        if not pieces:
            empty = np.zeros((0, len(labels)), np.float32)
            return ClauseReading(text, pieces, empty, self.model.thresholds, labels)
        texts = [p.text for p in pieces]
        together = None
        if self.read_together is not None:
            packed = self.read_together(texts)
            features, together = packed.rows, packed.together
        else:
            features = self.encode(texts)
        probabilities = self.model.probabilities(features, texts)
        return ClauseReading(text, pieces, probabilities, self.model.thresholds, labels, together)

    def turn_features(self, reading: ClauseReading) -> np.ndarray:
        """What the turn model reads of the whole turn: its clauses read as one, or, from a
        reader that cannot (or a turn with no clause), the encoder on the whole text."""
        if reading.together is not None:
            return reading.together
        return np.asarray(self.encode([reading.text])[0], np.float32)


def save_arrays(path: Path, **arrays: np.ndarray) -> None:
    """Write named arrays as an ``.npz`` (no pickle) atomically: a crash leaves the old file
    or none. The learned models' one way to save."""
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(buffer.getvalue())
    partial.replace(path)
