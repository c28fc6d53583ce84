"""The last word on a turn's labels: one reading of the whole answer or apology.

The rules and the clause model (learned_labels.py) each read a clause at a time, and long
turns are where they fail: an honest clause of a long, patient answer read as a dodge, or
blame told as a story across three sentences that no one clause carries. The turn model
reads the whole turn once, with what the rules and the clause model found as part of what it
reads: per label, a logistic regression over

- which labels the rules found, and which the rules and clause model found together;
- the clause model's highest and mean probability of each label over the turn's clauses,
  and how many clauses there are;
- the encoder's features of the whole turn, and its TF-IDF word n-grams.

It learns from the blind writers' batches (whole answers and apologies by people who never
saw the rules or the data, labelled by the annotation guidelines) once each has been run;
assistant/learning/turns.py trains it. The rules keep their findings unless the turn model
is all but sure the label is absent (RULE_VETO): they are there because they are precise
("sorry if you were hurt, but you made me do it" is a "but" whatever a model makes of it),
yet on fresh writers' words a phrase rule is sometimes wrong in its context ("I told you
nothing happened" owns a lie; it does not minimise). Any other label is reported when the
turn model reads it, quoting the finding the clause model already had, else the clause it
reads as most likely to carry it; a clause model's finding the turn model reads as surely
absent is dropped. Measured writer by writer, each left out of the fit, in the README ("The
turn model").

Pure: no I/O except :meth:`TurnModel.save` / :meth:`TurnModel.load`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from actions.coaching.apology_vocabulary import Finding
from actions.coaching.learned_labels import (
    ClauseReading,
    LearnedLabels,
    linear_arrays,
    linear_fields,
    save_arrays,
    tfidf_row,
)

__all__ = [
    "DROP_BELOW",
    "RULE_VETO",
    "SURE_CLAUSE",
    "THRESHOLD",
    "TurnModel",
    "TurnModelError",
    "decide",
    "read_turn",
    "turn_row",
]

_FORMAT = 1

THRESHOLD = 0.4
"""A label no one found is added when the turn model reads it at least this likely."""

DROP_BELOW = 0.35
"""A clause model's finding is dropped when the turn model reads its label below this..."""

SURE_CLAUSE = 0.995
"""...unless the clause model read it this surely in some clause. A whole-turn reading
dilutes one clause among many: "...but I was stressed and you spend a lot too. It's not a
big deal, calm down" is a counter-attack the clause model reads at 0.998 and the turn model,
amid five other anti-patterns, at 0.02.

The three chosen writer by writer, each left out of the fit (2026-12-05, after writers as
and at; `bench.turn_cv`'s folds): against the first settings (0.5, 0.2, 0.95), answers on
the four newest writers 0.836 -> 0.860 (P 0.86 -> 0.89), every writer 0.863 -> 0.876;
apology anti-patterns 0.783 -> 0.793 and 0.824 -> 0.831 (P 0.006 lower), components level.
The sure clause at 0.995 measured the same as no exception at all (0.861, 0.793) and keeps
the counter-attack above."""


RULE_VETO = 0.1
"""A rule's finding is dropped only when the turn model reads its label below this: nine
chances in ten that it is absent. Chosen writer by writer, each left out of the fit
(2026-12-05, after writers bb-bg; /tmp sweep on `bench.turn_cv`'s folds), against keeping
every rule finding: apology anti-patterns on the four newest writers 0.827 -> 0.833 (P
0.840 -> 0.855), every writer 0.837 -> 0.844; components 0.951 -> 0.956; answers on the
four newest 0.847 -> 0.851, every writer 0.871 -> 0.872. At 0.2 the same within 0.001."""


MayAdd = Callable[[str, int, int], bool]
"""(label, start, end) → may the turn model add that label quoting text[start:end]? The
analyzer's own vetoes ("sorry you feel that way about the affair" names no act)."""


class TurnModelError(Exception):
    """A saved turn model is missing, unreadable or made by another version."""


def turn_row(
    labels: Sequence[str],
    rules_found: Collection[str],
    found: Collection[str],
    reading: ClauseReading,
    features: np.ndarray,
) -> np.ndarray:
    """The dense part of what the turn model reads (see the module docstring): ``found``
    are the labels of the rules and clause model together, ``features`` the encoder's
    features of the whole turn."""
    columns = [reading.labels.index(label) for label in labels]
    probabilities = reading.probabilities[:, columns]
    if len(probabilities):
        highest, mean = probabilities.max(axis=0), probabilities.mean(axis=0)
    else:
        highest = mean = np.zeros(len(labels), np.float32)
    return np.concatenate(
        [
            np.array([label in found for label in labels], np.float32),
            np.array([label in rules_found for label in labels], np.float32),
            highest.astype(np.float32),
            mean.astype(np.float32),
            np.array([np.log1p(len(probabilities))], np.float32),
            np.asarray(features, np.float32).ravel(),
        ]
    )


def decide(
    text: str,
    findings: list[Finding],
    rules_found: Collection[str],
    reading: ClauseReading,
    probabilities: Mapping[str, float],
    advice: Callable[[str], str],
    may_add: MayAdd = lambda _label, _start, _end: True,
    thresholds: Mapping[str, float] | None = None,
) -> list[Finding]:
    """The findings of the rules the turn model does not veto (RULE_VETO), those of the
    clause model it does not rule out (DROP_BELOW, SURE_CLAUSE), and one finding for each
    label the turn model reads that none had: the clause read as most likely to carry it
    (the whole turn when it has no clauses), unless the analyzer's own vetoes rule that
    label out there (``may_add``). ``thresholds`` sets another bar than THRESHOLD for
    adding some labels."""

    def surest(label: str) -> float:
        """The clause model's highest reading of ``label`` in any clause of the turn."""
        if label not in reading.labels:
            return 0.0
        return reading.probability(label, 0, len(reading.text))

    def vetoed(label: str) -> bool:
        """A rule's label the turn model reads as all but surely absent."""
        return label in rules_found and probabilities.get(label, 1.0) < RULE_VETO

    bar = thresholds or {}
    kept = {label for label, p in probabilities.items() if p >= bar.get(label, THRESHOLD)}
    kept |= {label for label in rules_found if not vetoed(label)}
    kept |= {
        finding.label
        for finding in findings
        if not vetoed(finding.label)
        and (
            probabilities.get(finding.label, 1.0) >= DROP_BELOW
            or surest(finding.label) >= SURE_CLAUSE
        )
    }
    decided = [finding for finding in findings if finding.label in kept]
    had = {finding.label for finding in decided}
    for label in sorted(kept - had):
        if len(reading.pieces) and label in reading.labels:
            column = reading.labels.index(label)
            piece = reading.pieces[int(np.argmax(reading.probabilities[:, column]))]
            phrase, start, end = piece.text, piece.start, piece.end
        else:
            phrase, start, end = text, 0, len(text)
        if may_add(label, start, end):
            decided.append(Finding(label, phrase, start, end, advice(label)))
    return decided


def read_turn(
    reader: LearnedLabels,
    text: str,
    rules_found: Collection[str],
    findings: list[Finding],
    reading: ClauseReading,
    advice: Callable[[str], str],
    may_add: MayAdd = lambda _label, _start, _end: True,
    thresholds: Mapping[str, float] | None = None,
) -> list[Finding]:
    """``findings`` (the rules' and clause model's) decided by the reader's turn model, or
    unchanged when it has none."""
    model = reader.turn
    if model is None:
        return findings
    found = {finding.label for finding in findings}
    row = turn_row(model.labels, rules_found, found, reading, reader.turn_features(reading))
    chances = model.probabilities(row, text)
    return decide(text, findings, rules_found, reading, chances, advice, may_add, thresholds)


@dataclass(frozen=True)
class TurnModel:
    """One-vs-rest logistic regression over [turn_row, TF-IDF of the turn's n-grams]."""

    labels: tuple[str, ...]
    dense_weight: np.ndarray
    """(len(turn_row), labels)."""

    lexical_weight: np.ndarray
    """(vocabulary, labels)."""

    bias: np.ndarray
    vocabulary: Mapping[str, int]
    idf: np.ndarray
    fingerprint: str
    """The training fingerprint (batches, the clause model, the rules, the settings)."""

    def probabilities(self, row: np.ndarray, text: str) -> dict[str, float]:
        """Each label's probability for the turn ``text`` whose dense row is ``row``."""
        logits = np.asarray(row, np.float32) @ self.dense_weight + self.bias
        indices, values = tfidf_row(text, self.vocabulary, self.idf)
        if len(indices):
            logits = logits + values @ self.lexical_weight[indices]
        chances = 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))
        return {label: float(p) for label, p in zip(self.labels, chances, strict=True)}

    def save(self, path: Path) -> None:
        """Write the arrays atomically (a crash leaves the old file or none)."""
        save_arrays(path, **linear_arrays(self, _FORMAT, self.labels))

    @classmethod
    def load(cls, path: Path, labels: Sequence[str]) -> TurnModel:
        """Read a saved model made for ``labels``; anything else raises TurnModelError."""
        if not path.is_file():
            raise TurnModelError(f"no trained turn model at {path}")
        try:
            with np.load(path, allow_pickle=False) as data:
                fields = linear_fields(data, _FORMAT, labels)
                return cls(labels=tuple(str(label) for label in labels), **fields)
        except (OSError, ValueError, KeyError) as error:
            raise TurnModelError(f"the turn model at {path} could not be read ({error})") from error
