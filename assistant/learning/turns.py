"""Train the turn models (actions/coaching/turn_labels.py) of the answer and apology
analyzers, and only when what they learn from changed.

They learn from the blind writers' batches in tests/eval/blind/ (answers-*.yml,
apology-*.yml): whole answers and apologies written by people who never saw the rules or
the data, each with the complete set of its labels, and each run once before anything
learned from it (its first-run line is in its header). Every batch there is learned from
except its hashed test share (split_of: the same 15 % the clause models hold out), which
no model ever trains on. A new writer's batch is scored before it is copied in; then it is
data like the others. A batch whose header says "# Not learned by the turn model..."
(NOT_LEARNED) is left out.

What the turn model reads includes what the rules and the clause model found, so it is
retrained whenever they change: the fingerprint covers the batches, the clause model's own
fingerprint, the analyzers' code and their rule files (actions/coaching/data/rules/).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from actions.coaching.learned_labels import ClauseReading, LearnedLabels, word_ngrams
from actions.coaching.turn_labels import TurnModel, TurnModelError, turn_row
from assistant.learning.clause_labels import LabelSet, split_of

__all__ = [
    "ANSWER_TURNS",
    "APOLOGY_TURNS",
    "NOT_LEARNED",
    "ReadTurns",
    "Turn",
    "TurnSpec",
    "fit_turn_model",
    "learned_by_the_turn_model",
    "load_turn_model",
    "load_turns",
    "read_turns",
    "train_turn_model",
    "turn_model_is_current",
    "turn_model_path",
]

_log = logging.getLogger(__name__)

PROJECT = Path(__file__).resolve().parents[2]
BLIND = PROJECT / "tests" / "eval" / "blind"
COACHING_CODE = PROJECT / "actions" / "coaching"
COACHING_RULES = COACHING_CODE / "data" / "rules"

TRAINER_VERSION = "turn-ovr-logreg-flags-clause-max-mean-packed-together-tfidf-min2-c10-v2"

REGULARISATION_C = 10.0
"""Chosen writer by writer out of fold (bench/turn_cv.py): 3 and 30 within 0.005 of it."""

Analyze = Callable[[str, LearnedLabels | None, bool], Iterable[str]]
"""(text, clause reader, use it?) → the labels the analyzer finds."""


@dataclass(frozen=True)
class Turn:
    text: str
    labels: frozenset[str]
    batch: str


@dataclass(frozen=True)
class TurnSpec:
    """One analyzer's turn model: its labels, the batches it learns from, the analyzer."""

    labels: LabelSet
    batches: str
    """Glob of the blind batches under tests/eval/blind/."""

    analyze: Analyze

    def model_path(self, model_dir: Path) -> Path:
        return turn_model_path(self.labels, model_dir)

    def batch_paths(self) -> list[Path]:
        return sorted(BLIND.glob(self.batches))


def turn_model_path(labels: LabelSet, model_dir: Path) -> Path:
    """Where a turn model lives: beside the clause model of ``labels``."""
    return labels.model_path(model_dir).with_name("turn-labels.npz")


class _ReadOnce(LearnedLabels):
    """The clause model with one turn's reading already made, so the analyzer and the turn
    row read that turn's clauses once between them."""

    def __init__(self, reader: LearnedLabels, text: str) -> None:
        super().__init__(reader.encode, reader.model, read_together=reader.read_together)
        self.text, self.reading = text, reader.read(text)

    def read(self, text: str) -> ClauseReading:
        return self.reading if text == self.text else super().read(text)


def _analyze_answer(text: str, reader: LearnedLabels | None, use: bool) -> Iterable[str]:
    from actions.coaching.answer import analyze_answer

    return analyze_answer(text, reader, use_learned=use).labels


def _analyze_apology(text: str, reader: LearnedLabels | None, use: bool) -> Iterable[str]:
    from actions.coaching.apology import analyze_apology

    return analyze_apology(text, reader, use_learned=use).labels


def _answer_spec() -> TurnSpec:
    from assistant.learning.answer import ANSWER_LABELS

    return TurnSpec(ANSWER_LABELS, "answers-*.yml", _analyze_answer)


def _apology_spec() -> TurnSpec:
    from assistant.learning.apology import APOLOGY_LABELS

    return TurnSpec(APOLOGY_LABELS, "apology-*.yml", _analyze_apology)


ANSWER_TURNS = _answer_spec()
APOLOGY_TURNS = _apology_spec()


NOT_LEARNED = "# Not learned by the turn model"
"""A batch whose header has a line starting so is left out: a new writer's batch until its
first run is recorded and the next writer has run, or a batch labelled otherwise."""


def learned_by_the_turn_model(path: Path) -> bool:
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] == "#"]
    return not any(line.startswith(NOT_LEARNED) for line in header)


def load_turns(spec: TurnSpec) -> list[Turn]:
    """Every labelled turn of the spec's batches the turn model learns from (labels outside
    the analyzer's dropped)."""
    known = set(spec.labels.labels)
    turns = []
    for path in spec.batch_paths():
        if not learned_by_the_turn_model(path):
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            labels = frozenset(label for label in item.get("labels") or [] if label in known)
            turns.append(Turn(str(item["text"]), labels, path.name))
    return turns


def training_fingerprint(spec: TurnSpec, clause_fingerprint: str) -> str:
    digest = hashlib.sha256(f"{TRAINER_VERSION}\0{clause_fingerprint}\0".encode())
    analyzers = [*sorted(COACHING_CODE.glob("*.py")), *sorted(COACHING_RULES.glob("*.yml"))]
    # Only the batches it learns from: recording a new writer's first run changes nothing
    # the model reads, so it must not make the model stale.
    learned = [path for path in spec.batch_paths() if learned_by_the_turn_model(path)]
    for path in [*learned, *analyzers]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def turn_model_is_current(spec: TurnSpec, model_dir: Path) -> bool:
    from actions.coaching.learned_labels import ClauseModel, ClauseModelError

    try:
        clause = ClauseModel.load(spec.labels.model_path(model_dir), spec.labels.labels)
        turn = TurnModel.load(spec.model_path(model_dir), spec.labels.labels)
    except (ClauseModelError, TurnModelError):
        return False
    return turn.fingerprint == training_fingerprint(spec, clause.fingerprint)


@dataclass(frozen=True)
class ReadTurns:
    """Turns as the turn model reads them: the dense rows, and what the analyzer found
    before it (rules alone, rules and clause model)."""

    turns: list[Turn]
    rows: np.ndarray
    rules_found: list[frozenset[str]]
    found: list[frozenset[str]]


def read_turns(spec: TurnSpec, reader: LearnedLabels, turns: list[Turn]) -> ReadTurns:
    """Each turn read by the analyzer as the turn model will see it (``reader``: the
    clause model alone)."""
    rows, rules_found, found = [], [], []
    for turn in turns:
        once = _ReadOnce(reader, turn.text)
        rules_found.append(frozenset(spec.analyze(turn.text, None, False)))
        found.append(frozenset(spec.analyze(turn.text, once, True)))
        features = once.turn_features(once.reading)
        rows.append(
            turn_row(spec.labels.labels, rules_found[-1], found[-1], once.reading, features)
        )
    return ReadTurns(turns, np.array(rows, np.float32), rules_found, found)


def fit_turn_model(
    spec: TurnSpec, read: ReadTurns, chosen: np.ndarray, fingerprint: str
) -> TurnModel:
    """The turn model fitted on the turns where ``chosen`` is True."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from assistant.learning.linear import fit_sigmoids

    turns = [turn for turn, keep in zip(read.turns, chosen, strict=True) if keep]
    labels = spec.labels.labels
    targets = np.array([[label in turn.labels for label in labels] for turn in turns])
    tfidf = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True, min_df=2)
    lexical = tfidf.fit_transform([turn.text for turn in turns])
    fitted = fit_sigmoids(read.rows[chosen], lexical, targets, REGULARISATION_C)
    return TurnModel(
        labels=labels,
        dense_weight=fitted.dense_weight,
        lexical_weight=fitted.sparse_weight,
        bias=fitted.bias,
        vocabulary={str(word): int(index) for word, index in tfidf.vocabulary_.items()},
        idf=np.asarray(tfidf.idf_, dtype=np.float64),
        fingerprint=fingerprint,
    )


def train_turn_model(spec: TurnSpec, model_dir: Path) -> Path:
    """Read every turn outside the test share as the analyzer does, fit, and save; returns
    the path. Needs the clause model trained first."""
    from assistant.learning.clause_labels import load_learned_labels

    reader = load_learned_labels(spec.labels, model_dir).without_turn()
    # Taken before the turns are read: a file edited during the fit makes the model stale,
    # and retrained next time, rather than current under a fingerprint it never read.
    fingerprint = training_fingerprint(spec, reader.model.fingerprint)
    turns = [turn for turn in load_turns(spec) if split_of(turn.text) != "test"]
    read = read_turns(spec, reader, turns)
    model = fit_turn_model(spec, read, np.ones(len(turns), bool), fingerprint)
    path = spec.model_path(model_dir)
    model.save(path)
    _log.info("%s turn model: %d turns, saved to %s", spec.labels.name, len(turns), path)
    return path


def load_turn_model(labels: LabelSet, model_dir: Path) -> TurnModel | None:
    """The trained turn model beside the clause model of ``labels``, or None."""
    try:
        return TurnModel.load(turn_model_path(labels, model_dir), labels.labels)
    except TurnModelError as error:
        _log.info("%s analysis reads no whole turn: %s", labels.name, error)
        return None
