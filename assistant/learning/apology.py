"""Train the learned apology labels (actions/coaching/learned_labels.py), and only when what
they learn from changed.

The examples are the clauses in ``actions/coaching/data/apology_clauses/*.yml``, each with
the complete list of its labels (none for plain talk). By a hash of the clause's words,
15 % are the test split (never trained on, never used to choose anything), the next 15 %
the validation fold that each label's threshold is chosen on, and the rest are trained on,
each with a copy as a recogniser writes it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from actions.coaching.apology import LABELS
from actions.coaching.learned_labels import (
    ClauseModel,
    ClauseModelError,
    LearnedLabels,
    speech_style,
    word_ngrams,
)
from assistant.learning import FeatureCache, split_bucket, text_key

__all__ = [
    "DATA_DIR",
    "Clause",
    "apology_model_is_current",
    "apology_model_path",
    "fit",
    "learned_labels_if_trained",
    "load_clauses",
    "load_learned_labels",
    "split_of",
    "train_apology_model",
]

_log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "actions" / "coaching" / "data" / "apology_clauses"

TEST_SHARE_PERCENT = 15
"""Share of clauses held out as the never-trained test split."""

VALIDATION_SHARE_PERCENT = 15
"""Share of clauses the thresholds are chosen on (not trained on either)."""

TRAINER_VERSION = "apology-ovr-logreg-tfidf-speech-copies-f05-plateau-v3"
"""Changes whenever the way the model is fitted changes, so it is retrained."""

FEATURES_VERSION = "apology-ovr-logreg-tfidf-speech-copies-f05-v2"
"""Names the feature cache; changes only when the encoder's features do (not the fit)."""

REGULARISATION_C = 4.0
"""Inverse L2 strength of each label's regression."""

PRECISION_BETA = 0.5
"""A turn has many clauses, each a chance of a false finding, and a wrong finding costs the
user more than a missed one: thresholds favour precision (F0.5). With F1 the combined
analyzer's anti-pattern precision on the tuned set was 0.71 (README)."""

PLATEAU_TOLERANCE = 0.05
"""The validation fold shares fragments with the training clauses, so its F0.5 is nearly
flat over a wide band of thresholds, and the lowest of a flat band is too low for new
wording. Each label takes the highest threshold within this much of its best F0.5. Chosen
among 0, 0.02 and 0.05 with the tuned set and g1 (a development set since its first run) in
view: anti-pattern precision 0.84 -> 0.92 on g1 (README)."""

THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(2, 19))
"""Thresholds tried on the validation fold (0.10 … 0.90)."""


@dataclass(frozen=True)
class Clause:
    """One labelled clause and the file it came from."""

    text: str
    labels: frozenset[str]
    source: str


def apology_model_path(model_dir: Path) -> Path:
    """Where the trained clause model lives, beside the crisis classifier."""
    return model_dir / "apology" / "clause-labels.npz"


def split_of(text: str) -> str:
    """``test``, ``validation`` or ``train``, by a stable hash of the clause's words."""
    bucket = split_bucket(text)
    if bucket < TEST_SHARE_PERCENT:
        return "test"
    if bucket < TEST_SHARE_PERCENT + VALIDATION_SHARE_PERCENT:
        return "validation"
    return "train"


def load_clauses(data_dir: Path = DATA_DIR) -> list[Clause]:
    """Every labelled clause, de-duplicated; a clause given two label sets is an error."""
    unique: dict[str, Clause] = {}
    for path in sorted(data_dir.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels = frozenset(item.get("labels") or [])
            unknown = labels - set(LABELS)
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


def training_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A content hash of everything the model learns from, and how."""
    from assistant.encoder.install import WEIGHTS_SHA256

    digest = hashlib.sha256(f"{TRAINER_VERSION}\0{WEIGHTS_SHA256}\0".encode())
    for path in sorted(data_dir.glob("*.yml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def apology_model_is_current(model_dir: Path) -> bool:
    """True when a trained clause model exists and was made from the current data."""
    try:
        model = ClauseModel.load(apology_model_path(model_dir), LABELS)
    except ClauseModelError:
        return False
    return model.fingerprint == training_fingerprint()


def train_apology_model(model_dir: Path) -> Path:
    """Embed the clauses, fit on the training split, choose thresholds on the validation
    fold, and save. Returns the model's path."""
    from assistant.encoder import load_encoder

    clauses = load_clauses()
    train = [c for c in clauses if split_of(c.text) == "train"]
    validation = [c for c in clauses if split_of(c.text) == "validation"]
    texts, targets = _with_speech_copies(train)
    encoder = load_encoder(model_dir)
    cache = FeatureCache(model_dir / "apology" / "feature-cache.npz", FEATURES_VERSION)
    features = cache.features(texts, encoder.features)
    val_texts = [c.text for c in validation]
    val_features = cache.features(val_texts, encoder.features)
    cache.save()
    model = fit(features, texts, targets, training_fingerprint())
    probabilities = model.probabilities(val_features, val_texts)
    val_targets = np.array([[label in c.labels for label in LABELS] for c in validation])
    model = _with_thresholds(model, choose_thresholds(probabilities, val_targets))
    path = apology_model_path(model_dir)
    model.save(path)
    return path


def _with_speech_copies(clauses: Sequence[Clause]) -> tuple[list[str], np.ndarray]:
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
    """Per label, the highest threshold whose F-beta (beta = PRECISION_BETA, which weighs
    precision above recall) on the validation fold is within PLATEAU_TOLERANCE of the best."""
    chosen = []
    b2 = PRECISION_BETA**2
    for column in range(targets.shape[1]):
        actual = targets[:, column]
        scores = []
        for threshold in THRESHOLD_GRID:
            predicted = probabilities[:, column] >= threshold
            tp = int((predicted & actual).sum())
            denominator = b2 * int(actual.sum()) + int(predicted.sum())
            scores.append((1 + b2) * tp / max(1, denominator))
        floor = max(scores) - PLATEAU_TOLERANCE
        chosen.append(max(t for t, f in zip(THRESHOLD_GRID, scores, strict=True) if f >= floor))
    return np.array(chosen, np.float32)


def _with_thresholds(model: ClauseModel, thresholds: np.ndarray) -> ClauseModel:
    from dataclasses import replace

    return replace(model, thresholds=thresholds)


def load_learned_labels(model_dir: Path) -> LearnedLabels:
    """The clause model from ``model_dir`` with the shared encoder that feeds it. Raises
    ClauseModelError (no or an unreadable model) or EncoderModelError."""
    from assistant.encoder import load_encoder

    model = ClauseModel.load(apology_model_path(model_dir), LABELS)
    return LearnedLabels(load_encoder(model_dir).features_packed, model)


def learned_labels_if_trained(model_dir: Path) -> LearnedLabels | None:
    """The learned labels when a model has been trained into ``model_dir``; otherwise None
    (the analyzer then uses its rules alone, as before `kintsugi train`)."""
    from assistant.errors import EncoderModelError

    try:
        return load_learned_labels(model_dir)
    except (ClauseModelError, EncoderModelError) as error:
        _log.info("apology analysis uses its rules alone: %s", error)
        return None
