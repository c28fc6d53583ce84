"""Contradictions between answers to the same question (see `facts` for what is read).

A changed answer is reported only when no fact of one kind in the later answer agrees with
any of the earlier answer's, with tolerances for hedged values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from actions.coaching.fact_words import (
    APPROX_TOLERANCE,
    DURATION_TOLERANCE,
    MONEY_TOLERANCE,
    TIME_TOLERANCE_MIN,
)
from actions.coaching.facts import Fact, extract_facts

__all__ = ["Inconsistency", "check_consistency"]


@dataclass(frozen=True)
class Inconsistency:
    """Two answers to the same question that cannot both be true."""

    question_id: str
    """The question both answers answer."""

    kind: str
    """What differs: "time", "day", "month", "place", "number" or "yes_no"."""

    first_index: int
    """Position of the earlier answer in the list given to `check_consistency`."""

    second_index: int
    """Position of the later answer."""

    first_answer: str
    """The earlier answer, as given."""

    second_answer: str
    """The later answer, as given."""

    first_phrase: str
    """The words of the earlier answer that disagree."""

    second_phrase: str
    """The words of the later answer that disagree."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "kind": self.kind,
            "first_index": self.first_index,
            "second_index": self.second_index,
            "first_answer": self.first_answer,
            "second_answer": self.second_answer,
            "first_phrase": self.first_phrase,
            "second_phrase": self.second_phrase,
        }


def _numbers_agree(key: str, a: Fact, b: Fact) -> bool:
    x, y = float(a.value), float(b.value)
    largest = max(abs(x), abs(y), 1.0)
    if key == "number:duration":
        return abs(x - y) <= DURATION_TOLERANCE * largest
    if a.approx or b.approx:
        return abs(x - y) <= max(APPROX_TOLERANCE * largest, 1.0)
    if key == "number:amount":
        return abs(x - y) <= MONEY_TOLERANCE * largest
    return x == y


def _times_agree(a: Fact, b: Fact) -> bool:
    x, y = float(a.value), float(b.value)
    period = 1440.0 if a.absolute and b.absolute else 720.0
    difference = abs(x - y) % period
    difference = min(difference, period - difference)
    tolerance = TIME_TOLERANCE_MIN if a.approx or b.approx else 0
    return difference <= tolerance


def _agree(a: Fact, b: Fact) -> bool:
    if a.kind == "time":
        return _times_agree(a, b)
    if a.kind == "number":
        return _numbers_agree(a.key, a, b)
    return a.value == b.value


_MAX_FACTS_COMPARED = 20
"""Facts of one kind compared per answer. A spoken answer states a handful; the cap keeps a
pathological 10,000-character answer from making the pairwise comparison quadratic."""


def _conflict(first: Sequence[Fact], second: Sequence[Fact]) -> tuple[Fact, Fact] | None:
    """A pair showing the two groups disagree: no fact of one agrees with any of the other."""
    first, second = first[:_MAX_FACTS_COMPARED], second[:_MAX_FACTS_COMPARED]
    if not first or not second:
        return None
    if any(_agree(a, b) for a in first for b in second):
        return None
    return first[0], second[0]


def check_consistency(answers: Sequence[tuple[str, str]]) -> list[Inconsistency]:
    """Contradictions between answers to the same question.

    `answers` is the session's answers in order, each (question id, answer text). Every
    later answer is compared with the earlier answers to its question; for each kind of
    fact, the earliest earlier answer that disagrees is reported, quoting both.
    """
    facts = [extract_facts(text) for _, text in answers]
    found: list[Inconsistency] = []
    for later, (question_id, later_text) in enumerate(answers):
        reported: set[str] = set()
        for earlier in range(later):
            if answers[earlier][0] != question_id:
                continue
            keys = {fact.key for fact in facts[later]} & {fact.key for fact in facts[earlier]}
            for key in sorted(keys):
                if key in reported:
                    continue
                pair = _conflict(
                    [f for f in facts[earlier] if f.key == key],
                    [f for f in facts[later] if f.key == key],
                )
                if pair is None:
                    continue
                reported.add(key)
                found.append(
                    Inconsistency(
                        question_id=question_id,
                        kind=pair[0].kind,
                        first_index=earlier,
                        second_index=later,
                        first_answer=answers[earlier][1],
                        second_answer=later_text,
                        first_phrase=pair[0].phrase,
                        second_phrase=pair[1].phrase,
                    )
                )
    return found
