"""Train the learned reflection labels (actions/coaching/listening_learned.py), and only when
what they learn from changed.

The examples are the clauses in ``actions/coaching/data/reflection_clauses/*.yml``, each with
the complete list of its labels (none for plain talk). By a hash of the clause's words,
15 % are the test split (never trained on, never used to choose anything), the next 15 %
the validation fold that each label's threshold is chosen on, and the rest are trained on,
each with a copy as a recogniser writes it.

The model is the apology's kind (actions/coaching/learned_labels.py `ClauseModel`): one
logistic regression per label over the shared encoder's features beside TF-IDF word pairs.
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
from actions.coaching.listening_analysis import LABELS
from assistant.learning import FeatureCache, split_bucket, text_key

__all__ = [
    "DATA_DIR",
    "ReflectionClause",
    "listening_learned_if_trained",
    "listening_model_is_current",
    "listening_model_path",
    "load_listening_learned",
    "load_reflection_clauses",
    "split_of",
    "train_listening_model",
]

_log = logging.getLogger(__name__)

DATA_DIR = (
    Path(__file__).resolve().parents[2] / "actions" / "coaching" / "data" / "reflection_clauses"
)

TEST_SHARE_PERCENT = 15
"""Share of clauses held out as the never-trained test split."""

VALIDATION_SHARE_PERCENT = 15
"""Share of clauses the thresholds are chosen on (not trained on either)."""

TRAINER_VERSION = "reflection-ovr-logreg-tfidf-speech-copies-f05-v1"
"""Changes whenever the way the model is fitted changes, so it is retrained."""

FEATURES_VERSION = "reflection-clauses-v1"
"""Names the feature cache; changes only when the encoder's features do (not the fit)."""

REGULARISATION_C = 4.0
"""Inverse L2 strength of each label's regression (the apology model's value)."""

PRECISION_BETA = 0.5
"""A reflection has several clauses, each a chance of a false finding, and telling someone
they were defensive when they were not costs more than a missed finding: thresholds favour
precision (F0.5), as the apology's do."""

THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(2, 19))
"""Thresholds tried on the validation fold (0.10 … 0.90)."""


@dataclass(frozen=True)
class ReflectionClause:
    """One labelled clause and the file it came from."""

    text: str
    labels: frozenset[str]
    source: str


def listening_model_path(model_dir: Path) -> Path:
    """Where the trained reflection model lives, beside the apology's."""
    return model_dir / "listening" / "clause-labels.npz"


def split_of(text: str) -> str:
    """``test``, ``validation`` or ``train``, by a stable hash of the clause's words."""
    bucket = split_bucket(text)
    if bucket < TEST_SHARE_PERCENT:
        return "test"
    if bucket < TEST_SHARE_PERCENT + VALIDATION_SHARE_PERCENT:
        return "validation"
    return "train"


def load_reflection_clauses(data_dir: Path = DATA_DIR) -> list[ReflectionClause]:
    """Every labelled clause, de-duplicated; a clause given two label sets is an error."""
    unique: dict[str, ReflectionClause] = {}
    for path in sorted(data_dir.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels = frozenset(item.get("labels") or [])
            unknown = labels - set(LABELS)
            if unknown or not isinstance(item.get("text"), str):
                raise ValueError(f"{path.name}: {item!r} has unknown labels {sorted(unknown)}")
            clause = ReflectionClause(item["text"], labels, path.name)
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


def training_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A content hash of everything the model learns from, and how."""
    from assistant.encoder.install import WEIGHTS_SHA256

    digest = hashlib.sha256(f"{TRAINER_VERSION}\0{WEIGHTS_SHA256}\0".encode())
    for path in sorted(data_dir.glob("*.yml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def listening_model_is_current(model_dir: Path) -> bool:
    """True when a trained reflection model exists and was made from the current data."""
    try:
        model = ClauseModel.load(listening_model_path(model_dir), LABELS)
    except ClauseModelError:
        return False
    return model.fingerprint == training_fingerprint()


def train_listening_model(model_dir: Path) -> Path:
    """Embed the clauses, fit on the training split, choose thresholds on the validation
    fold, and save. Returns the model's path."""
    from assistant.encoder import load_encoder

    clauses = load_reflection_clauses()
    train = [c for c in clauses if split_of(c.text) == "train"]
    validation = [c for c in clauses if split_of(c.text) == "validation"]
    texts, targets = _with_speech_copies(train)
    encoder = load_encoder(model_dir)
    cache = FeatureCache(model_dir / "listening" / "feature-cache.npz", FEATURES_VERSION)
    features = cache.features(texts, encoder.features)
    val_texts = [c.text for c in validation]
    val_features = cache.features(val_texts, encoder.features)
    cache.save()
    model = fit(features, texts, targets, training_fingerprint())
    probabilities = model.probabilities(val_features, val_texts)
    val_targets = np.array([[label in c.labels for label in LABELS] for c in validation])
    model = replace(model, thresholds=choose_thresholds(probabilities, val_targets))
    path = listening_model_path(model_dir)
    model.save(path)
    return path


def _with_speech_copies(clauses: Sequence[ReflectionClause]) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    rows: list[list[bool]] = []
    seen: set[str] = set()
    for clause in clauses:
        for text in (clause.text, speech_style(clause.text)):
            if text and text not in seen:
                seen.add(text)
                texts.append(text)
                rows.append([label in clause.labels for label in LABELS])
    return texts, np.array(rows, dtype=bool)


def fit(
    features: np.ndarray, texts: Sequence[str], targets: np.ndarray, fingerprint: str
) -> ClauseModel:
    """One logistic regression per label on the encoder's features beside TF-IDF word
    n-grams (thresholds 0.5 until :func:`choose_thresholds` sets them)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    missing = [label for i, label in enumerate(LABELS) if not targets[:, i].any()]
    if missing:
        raise ValueError("every label needs examples; none for " + ", ".join(missing))
    tfidf = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True)
    lexical = tfidf.fit_transform(texts)
    inputs = hstack([csr_matrix(features), lexical]).tocsr()
    columns = []
    biases = []
    for i in range(len(LABELS)):
        regression = LogisticRegression(C=REGULARISATION_C, max_iter=3000)
        regression.fit(inputs, targets[:, i].astype(int))
        columns.append(regression.coef_[0])
        biases.append(regression.intercept_[0])
    weights = np.stack(columns, axis=1).astype(np.float32)
    dense = features.shape[1]
    return ClauseModel(
        labels=LABELS,
        dense_weight=np.ascontiguousarray(weights[:dense]),
        lexical_weight=np.ascontiguousarray(weights[dense:]),
        bias=np.array(biases, np.float32),
        thresholds=np.full(len(LABELS), 0.5, np.float32),
        vocabulary={str(word): int(index) for word, index in tfidf.vocabulary_.items()},
        idf=np.asarray(tfidf.idf_, dtype=np.float64),
        fingerprint=fingerprint,
    )


def choose_thresholds(probabilities: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Per label, the threshold with the best F-beta (beta = PRECISION_BETA) on the
    validation fold; the higher one on a tie."""
    chosen = []
    b2 = PRECISION_BETA**2
    for column in range(targets.shape[1]):
        best, best_score = 0.5, -1.0
        actual = targets[:, column]
        for threshold in THRESHOLD_GRID:
            predicted = probabilities[:, column] >= threshold
            tp = int((predicted & actual).sum())
            denominator = b2 * int(actual.sum()) + int(predicted.sum())
            f_beta = (1 + b2) * tp / max(1, denominator)
            if f_beta >= best_score:
                best, best_score = threshold, f_beta
        chosen.append(best)
    return np.array(chosen, np.float32)


def load_listening_learned(model_dir: Path) -> LearnedLabels:
    """The reflection model from ``model_dir`` with the shared encoder that feeds it. Raises
    ClauseModelError (no or an unreadable model) or EncoderModelError."""
    from assistant.encoder import load_encoder

    model = ClauseModel.load(listening_model_path(model_dir), LABELS)
    return LearnedLabels(load_encoder(model_dir).features, model)


def listening_learned_if_trained(model_dir: Path) -> LearnedLabels | None:
    """The learned reflection labels when trained into ``model_dir``; otherwise None (the
    analyzer then uses its rules alone, as before `kintsugi train`)."""
    from assistant.errors import EncoderModelError

    try:
        return load_listening_learned(model_dir)
    except (ClauseModelError, EncoderModelError) as error:
        _log.info("reflection analysis uses its rules alone: %s", error)
        return None
