"""Train the learned reflection labels (actions/coaching/listening_learned.py), and only when
what they learn from changed.

The examples are the clauses in ``actions/coaching/data/reflection_clauses/*.yml``, each with
the complete list of its labels (none for plain talk). Split, fit and thresholds:
assistant/learning/clause_labels.py, the apology's and the answer's trainer (one logistic
regression per label over the shared encoder's features beside TF-IDF word pairs).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from actions.coaching.learned_labels import ClauseModelError, LearnedLabels
from actions.coaching.listening_analysis import LABELS
from assistant.learning import clause_labels
from assistant.learning.clause_labels import Clause, LabelSet, split_of

__all__ = [
    "DATA_DIR",
    "REFLECTION_LABELS",
    "ReflectionClause",
    "listening_learned_if_trained",
    "listening_model_is_current",
    "listening_model_path",
    "load_listening_learned",
    "load_reflection_clauses",
    "split_of",
    "train_listening_model",
    "training_fingerprint",
]

_log = logging.getLogger(__name__)

DATA_DIR = (
    Path(__file__).resolve().parents[2] / "actions" / "coaching" / "data" / "reflection_clauses"
)

REFLECTION_LABELS = LabelSet(
    name="listening",
    labels=LABELS,
    data_dir=DATA_DIR,
    trainer_version="reflection-ovr-logreg-tfidf-speech-copies-f05-dense-lbfgs-v2",
    features_version="reflection-clauses-v1",
    regularisation_c=4.0,
    precision_beta=0.5,
)
"""A reflection has several clauses, each a chance of a false finding, and telling someone
they were defensive when they were not costs more than a missed finding: thresholds favour
precision (F0.5), as the apology's do. The trainer version is the one this model had before
it moved to the shared trainer: the fit is the same, so the trained model stays current."""

ReflectionClause = Clause
"""One labelled reflection clause (the shared trainer's clause)."""


def listening_model_path(model_dir: Path) -> Path:
    """Where the trained reflection model lives, beside the apology's."""
    return REFLECTION_LABELS.model_path(model_dir)


def load_reflection_clauses(data_dir: Path = DATA_DIR) -> list[Clause]:
    """Every labelled clause, de-duplicated; a clause given two label sets is an error."""
    return clause_labels.load_clauses(replace(REFLECTION_LABELS, data_dir=data_dir))


def training_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A content hash of everything the model learns from, and how."""
    return clause_labels.training_fingerprint(replace(REFLECTION_LABELS, data_dir=data_dir))


def listening_model_is_current(model_dir: Path) -> bool:
    """True when a trained reflection model exists and was made from the current data."""
    return clause_labels.model_is_current(REFLECTION_LABELS, model_dir)


def train_listening_model(model_dir: Path) -> Path:
    """Embed the clauses, fit on the training split, choose thresholds on the validation
    fold, and save. Returns the model's path."""
    return clause_labels.train_model(REFLECTION_LABELS, model_dir)


def load_listening_learned(model_dir: Path) -> LearnedLabels:
    """The reflection model from ``model_dir`` with the shared encoder that feeds it. Raises
    ClauseModelError (no or an unreadable model) or EncoderModelError."""
    return clause_labels.load_learned_labels(REFLECTION_LABELS, model_dir)


def listening_learned_if_trained(model_dir: Path) -> LearnedLabels | None:
    """The learned reflection labels when trained into ``model_dir``; otherwise None (the
    analyzer then uses its rules alone, as before `kintsugi train`)."""
    from assistant.errors import EncoderModelError

    try:
        return load_listening_learned(model_dir)
    except (ClauseModelError, EncoderModelError) as error:
        _log.info("reflection analysis uses its rules alone: %s", error)
        return None
