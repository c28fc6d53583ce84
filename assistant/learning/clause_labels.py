"""Train learned clause labels (actions/coaching/learned_labels.py) for one analyzer's label
set, and only when what they learn from changed.

A :class:`LabelSet` names the labels, the folder of labelled clauses and where the model
lives; the apology analyzer (assistant/learning/apology.py) and the answer analyzer
(assistant/learning/answer.py) each declare one and train through the same code here.

The examples are the clauses in ``<data_dir>/*.yml``, each with the complete list of its
labels (none for plain talk). By a hash of the clause's words, 15 % are the test split
(never trained on, never used to choose anything), the next 15 % the validation fold that
each label's threshold is chosen on, and the rest are trained on, each with a copy as a
recogniser writes it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import yaml

from actions.coaching.learned_labels import (
    ClauseModel,
    ClauseModelError,
    LearnedLabels,
    speech_style,
    word_ngrams,
)
from assistant.learning import FeatureCache, feature_cache_path, split_bucket, text_key

__all__ = [
    "Clause",
    "LabelSet",
    "choose_thresholds",
    "fit",
    "learned_labels_if_trained",
    "load_clauses",
    "load_learned_labels",
    "model_is_current",
    "split_of",
    "train_model",
    "training_fingerprint",
]

_log = logging.getLogger(__name__)

TEST_SHARE_PERCENT = 15
"""Share of clauses held out as the never-trained test split."""

VALIDATION_SHARE_PERCENT = 15
"""Share of clauses the thresholds are chosen on (not trained on either)."""

THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(2, 19))
"""Thresholds tried on the validation fold (0.10 … 0.90)."""


@dataclass(frozen=True)
class LabelSet:
    """One analyzer's learned labels: what they are, what they learn from, how."""

    name: str
    """Folder of the model under the understanding dir, and the name in logs."""

    labels: tuple[str, ...]
    data_dir: Path
    """Folder of ``*.yml`` labelled clauses."""

    trainer_version: str
    """Changes whenever the way the model is fitted changes, so it is retrained."""

    features_version: str
    """Names the feature cache; changes only when the encoder's features do (not the fit)."""

    regularisation_c: float = 4.0
    """Inverse L2 strength of each label's regression."""

    precision_beta: float = 0.5
    """Thresholds maximise F-beta on the validation fold; below 1 favours precision."""

    plateau_tolerance: float = 0.0
    """Each label takes the highest threshold whose F-beta is within this much of its best
    (the validation fold can be flat over a wide band, and its lowest point is then too low
    for new wording; see the apology labels)."""

    fixed_thresholds: tuple[float, ...] | None = None
    """One threshold per label, in ``labels`` order, to use instead of the validation
    fold's choice: chosen on blind batches written by other people (see the answer labels)."""

    def model_path(self, model_dir: Path) -> Path:
        """Where the trained clause model lives, beside the crisis classifier."""
        return model_dir / self.name / "clause-labels.npz"

    def choose_thresholds(self, probabilities: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Each label's threshold on the validation fold, by this set's F-beta and plateau
        tolerance (:func:`choose_thresholds`), unless the set fixes them."""
        if self.fixed_thresholds is not None:
            if len(self.fixed_thresholds) != len(self.labels):
                raise ValueError(f"{self.name}: one fixed threshold per label")
            return np.array(self.fixed_thresholds, np.float32)
        return choose_thresholds(
            probabilities, targets, self.precision_beta, self.plateau_tolerance
        )


@dataclass(frozen=True)
class Clause:
    """One labelled clause and the file it came from."""

    text: str
    labels: frozenset[str]
    source: str


def split_of(text: str) -> str:
    """``test``, ``validation`` or ``train``, by a stable hash of the clause's words."""
    bucket = split_bucket(text)
    if bucket < TEST_SHARE_PERCENT:
        return "test"
    if bucket < TEST_SHARE_PERCENT + VALIDATION_SHARE_PERCENT:
        return "validation"
    return "train"


def load_clauses(spec: LabelSet) -> list[Clause]:
    """Every labelled clause, de-duplicated; a clause given two label sets is an error."""
    unique: dict[str, Clause] = {}
    for path in sorted(spec.data_dir.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels = frozenset(item.get("labels") or [])
            unknown = labels - set(spec.labels)
            if unknown or not isinstance(item.get("text"), str):
                raise ValueError(f"{path.name}: {item!r} has unknown labels {sorted(unknown)}")
            clause = Clause(item["text"], labels, path.name)
            key = text_key(clause.text)
            earlier = unique.get(key)
            if earlier is None:
                unique[key] = clause
            elif earlier.labels != clause.labels:
                raise ValueError(
                    f"{clause.text!r} is {sorted(earlier.labels)} in {earlier.source} but "
                    f"{sorted(clause.labels)} in {clause.source}; give it one label set."
                )
    return list(unique.values())


def training_fingerprint(spec: LabelSet) -> str:
    """A content hash of everything the model learns from, and how."""
    from assistant.encoder.install import WEIGHTS_SHA256

    digest = hashlib.sha256(f"{spec.trainer_version}\0{WEIGHTS_SHA256}\0".encode())
    for path in sorted(spec.data_dir.glob("*.yml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def model_is_current(spec: LabelSet, model_dir: Path) -> bool:
    """True when a trained clause model exists and was made from the current data."""
    try:
        model = ClauseModel.load(spec.model_path(model_dir), spec.labels)
    except ClauseModelError:
        return False
    return model.fingerprint == training_fingerprint(spec)


def train_model(spec: LabelSet, model_dir: Path) -> Path:
    """Embed the clauses, fit on the training split, choose thresholds on the validation
    fold, and save. Returns the model's path."""
    from assistant.encoder import load_encoder

    clauses = load_clauses(spec)
    train = [c for c in clauses if split_of(c.text) == "train"]
    validation = [c for c in clauses if split_of(c.text) == "validation"]
    texts, targets = _with_speech_copies(train, spec.labels)
    encoder = load_encoder(model_dir)
    cache = FeatureCache(feature_cache_path(spec.name), spec.features_version)
    features = cache.features(texts, encoder.features)
    val_texts = [c.text for c in validation]
    val_features = cache.features(val_texts, encoder.features)
    cache.save()
    model = fit(
        features, texts, targets, training_fingerprint(spec), spec.labels, spec.regularisation_c
    )
    probabilities = model.probabilities(val_features, val_texts)
    val_targets = np.array([[label in c.labels for label in spec.labels] for c in validation])
    model = replace(model, thresholds=spec.choose_thresholds(probabilities, val_targets))
    path = spec.model_path(model_dir)
    model.save(path)
    return path


def _with_speech_copies(
    clauses: Sequence[Clause], labels: tuple[str, ...]
) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    rows: list[list[bool]] = []
    seen: set[str] = set()
    for clause in clauses:
        for text in (clause.text, speech_style(clause.text)):
            if text and text not in seen:
                seen.add(text)
                texts.append(text)
                rows.append([label in clause.labels for label in labels])
    return texts, np.array(rows, dtype=bool)


def fit(
    features: np.ndarray,
    texts: Sequence[str],
    targets: np.ndarray,
    fingerprint: str,
    labels: tuple[str, ...],
    regularisation_c: float = 4.0,
) -> ClauseModel:
    """One logistic regression per label on the encoder's features beside TF-IDF word
    n-grams (thresholds 0.5 until :func:`choose_thresholds` sets them)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from assistant.learning.linear import fit_sigmoids

    missing = [label for i, label in enumerate(labels) if not targets[:, i].any()]
    if missing:
        raise ValueError("every label needs examples; none for " + ", ".join(missing))
    tfidf = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True)
    lexical = tfidf.fit_transform(texts)
    regression = fit_sigmoids(features, lexical, targets, regularisation_c)
    return ClauseModel(
        labels=labels,
        dense_weight=regression.dense_weight,
        lexical_weight=regression.sparse_weight,
        bias=regression.bias,
        thresholds=np.full(len(labels), 0.5, np.float32),
        vocabulary={str(word): int(index) for word, index in tfidf.vocabulary_.items()},
        idf=np.asarray(tfidf.idf_, dtype=np.float64),
        fingerprint=fingerprint,
    )


def choose_thresholds(
    probabilities: np.ndarray, targets: np.ndarray, beta: float = 0.5, tolerance: float = 0.0
) -> np.ndarray:
    """Per label, the highest threshold whose F-beta on the validation fold (beta below 1
    weighs precision above recall) is within ``tolerance`` of the best."""
    chosen = []
    b2 = beta**2
    for column in range(targets.shape[1]):
        actual = targets[:, column]
        scores = []
        for threshold in THRESHOLD_GRID:
            predicted = probabilities[:, column] >= threshold
            tp = int((predicted & actual).sum())
            denominator = b2 * int(actual.sum()) + int(predicted.sum())
            scores.append((1 + b2) * tp / max(1, denominator))
        floor = max(scores) - tolerance
        chosen.append(max(t for t, f in zip(THRESHOLD_GRID, scores, strict=True) if f >= floor))
    return np.array(chosen, np.float32)


def load_learned_labels(spec: LabelSet, model_dir: Path) -> LearnedLabels:
    """The clause model from ``model_dir`` with the shared encoder that feeds it, and the
    turn model beside it when one is trained (assistant/learning/turns.py). Raises
    ClauseModelError (no or an unreadable clause model) or EncoderModelError."""
    from assistant.encoder import load_encoder
    from assistant.learning.turns import load_turn_model

    model = ClauseModel.load(spec.model_path(model_dir), spec.labels)
    turn = load_turn_model(spec, model_dir)
    encoder = load_encoder(model_dir)
    return LearnedLabels(encoder.features_packed, model, turn, encoder.read_packed)


def learned_labels_if_trained(spec: LabelSet, model_dir: Path) -> LearnedLabels | None:
    """The learned labels when a model has been trained into ``model_dir``; otherwise None
    (the analyzer then uses its rules alone, as before `kintsugi train`)."""
    from assistant.errors import EncoderModelError

    try:
        return load_learned_labels(spec, model_dir)
    except (ClauseModelError, EncoderModelError) as error:
        _log.info("%s analysis uses its rules alone: %s", spec.name, error)
        return None
