"""Train the learned answer labels (actions/coaching/learned_labels.py read by
actions/coaching/answer.py), and only when what they learn from changed.

The examples are the clauses in ``actions/coaching/data/answer_clauses/*.yml``, written by
scripts/write_answer_clauses.py, each with the complete list of its labels (none for an
honest answer). Split, fit and thresholds: assistant/learning/clause_labels.py.
"""

from __future__ import annotations

from pathlib import Path

from actions.coaching.answer import LABELS
from actions.coaching.learned_labels import LearnedLabels
from assistant.learning import clause_labels
from assistant.learning.clause_labels import Clause, LabelSet, split_of

__all__ = [
    "ANSWER_LABELS",
    "Clause",
    "answer_model_is_current",
    "learned_answer_labels_if_trained",
    "load_answer_clauses",
    "load_learned_answer_labels",
    "split_of",
    "train_answer_model",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "actions" / "coaching" / "data" / "answer_clauses"

ANSWER_LABELS = LabelSet(
    name="answer",
    labels=LABELS,
    data_dir=DATA_DIR,
    trainer_version="answer-ovr-logreg-tfidf-speech-copies-dense-lbfgs-v2",
    features_version="answer-clauses-v1",
    regularisation_c=4.0,
    precision_beta=0.5,
    plateau_tolerance=0.05,
)
"""Thresholds favour precision (F0.5) as the apology's do: an answer has several clauses,
each a chance of a wrong finding, and a wrong finding costs more than a missed one. As
there, each label takes the highest threshold within 0.05 of its best F0.5: the validation
fold shares fragments with training and is flat over a wide band, whose lowest point let
deflection fire on plain honest answers in h1-h3 (a development set since its first run)."""


def load_answer_clauses() -> list[Clause]:
    return clause_labels.load_clauses(ANSWER_LABELS)


def answer_model_is_current(model_dir: Path) -> bool:
    return clause_labels.model_is_current(ANSWER_LABELS, model_dir)


def train_answer_model(model_dir: Path) -> Path:
    return clause_labels.train_model(ANSWER_LABELS, model_dir)


def load_learned_answer_labels(model_dir: Path) -> LearnedLabels:
    """Raises ClauseModelError or EncoderModelError."""
    return clause_labels.load_learned_labels(ANSWER_LABELS, model_dir)


def learned_answer_labels_if_trained(model_dir: Path) -> LearnedLabels | None:
    return clause_labels.learned_labels_if_trained(ANSWER_LABELS, model_dir)
