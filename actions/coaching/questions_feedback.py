"""Spoken feedback after the repeated-questions exercise.

It quotes the moments that mattered (the answer where patience slipped, and the one where it
held best), shows what a patient answer could sound like, notes any answers that changed
between rounds, notes a voice that got louder or faster when the voice runtime measured it,
and offers to go again. Composition is pure: answers and audio facts in, sentences out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from actions.coaching.answer import AnswerAnalysis, analyze_answer
from actions.coaching.apology import Finding
from actions.coaching.consistency import Inconsistency, check_consistency
from actions.coaching.facts import extract_facts
from actions.coaching.scenarios import QuestionsScenario, get_questions_scenario
from actions.coaching.spoken import ordinal, quote, quote_from
from actions.coaching.trend import DeliveryTrend, delivery_trend

__all__ = ["QuestionsFeedback", "compose_questions_feedback"]

OFFER = "Would you like to go through this one again, or try a different scenario?"

# Which slip to quote first when there are several: the ones that wound the partner (telling
# them their feelings are wrong, turning on them, blaming them) before the ones that only
# close the door (impatience, shrinking it, changing the subject).
_SEVERITY = {
    "invalidating": 0,
    "counter_attack": 1,
    "blame_shift": 2,
    "impatience": 3,
    "minimizing": 4,
    "deflection": 5,
}
_WHAT_IT_DID = {
    "invalidating": "that tells them their hurt is the problem",
    "counter_attack": "that turns the conversation onto them",
    "blame_shift": "that puts your choice on someone else",
    "impatience": "that tells them asking again is a burden",
    "minimizing": "that makes what happened smaller than it was for them",
    "deflection": "that leaves the question unanswered",
}
MAX_SLIPS_QUOTED = 2


@dataclass(frozen=True)
class AnsweredRound:
    """One ask of the session and how the user answered it."""

    index: int
    """Position in the session, from 0."""

    question_id: str
    """The question asked."""

    ask_number: int
    """1 for the first time this question was asked, 2 for the second ..."""

    answer: AnswerAnalysis
    """The analysis of the answer."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "question_id": self.question_id,
            "ask_number": self.ask_number,
            "answer": self.answer.text,
            **self.answer.to_dict(),
        }


@dataclass(frozen=True)
class QuestionsFeedback:
    """What the coach says after a questions session, and the facts behind it."""

    scenario_id: str
    """The scenario practised."""

    sentences: tuple[str, ...]
    """The feedback, one plain sentence per entry, in speaking order."""

    rounds: tuple[AnsweredRound, ...]
    """Every answer, analysed, in order."""

    inconsistencies: tuple[Inconsistency, ...]
    """Answers to the same question that contradict each other."""

    delivery: DeliveryTrend | None
    """Loudness and pace across rounds, when audio facts were given."""

    patient_example: str
    """The example answer the feedback offers (also among `sentences`)."""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def labels(self) -> list[str]:
        """Every patience label found in any round (and `inconsistent` when answers to the
        same question contradict each other), in order of first appearance."""
        found = [label for round_ in self.rounds for label in round_.answer.labels]
        if self.inconsistencies:
            found.append("inconsistent")
        return list(dict.fromkeys(found))

    @property
    def score(self) -> int:
        """0-100 for the journal: each round answered without impatience, belittling,
        deflection or the like counts, and a contradiction takes a share off."""
        if not self.rounds:
            return 0
        clean = sum(1 for round_ in self.rounds if round_.answer.patient)
        return max(0, round(100 * clean / len(self.rounds)) - 20 * len(self.inconsistencies))

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": "questions",
            "score": self.score,
            "labels": self.labels,
            "scenario_id": self.scenario_id,
            "text": self.text,
            "sentences": list(self.sentences),
            "rounds": [round_.to_dict() for round_ in self.rounds],
            "inconsistencies": [item.to_dict() for item in self.inconsistencies],
            "delivery": self.delivery.to_dict() if self.delivery else None,
            "patient_example": self.patient_example,
        }


def _rounds(
    scenario: QuestionsScenario, answers: Sequence[tuple[str, str]]
) -> tuple[AnsweredRound, ...]:
    seen: dict[str, int] = {}
    rounds = []
    for index, (question_id, text) in enumerate(answers):
        scenario.question(question_id)  # an unknown id is a caller bug: fail loudly
        seen[question_id] = seen.get(question_id, 0) + 1
        rounds.append(AnsweredRound(index, question_id, seen[question_id], analyze_answer(text)))
    return tuple(rounds)


def _when(scenario: QuestionsScenario, round_: AnsweredRound) -> str:
    topic = scenario.question(round_.question_id).topic
    if round_.ask_number == 1:
        return f"When they first asked about {topic}"
    return f"The {ordinal(round_.ask_number)} time they asked about {topic}"


def _slips(rounds: Sequence[AnsweredRound]) -> list[tuple[AnsweredRound, Finding]]:
    """The worst finding of each slipping round, worst first, later rounds first on ties
    (patience wearing thin late in a session is the lesson)."""
    found = []
    for round_ in rounds:
        bad = [f for f in round_.answer.findings if f.label in _SEVERITY]
        if bad:
            found.append((round_, min(bad, key=lambda f: _SEVERITY[f.label])))
    found.sort(key=lambda pair: (_SEVERITY[pair[1].label], -pair[0].index))
    return found


def _comparable(answers: Sequence[tuple[str, str]]) -> bool:
    """True when some question got two answers that state the same kind of fact."""
    keys: dict[str, list[set[str]]] = {}
    for question_id, text in answers:
        keys.setdefault(question_id, []).append({fact.key for fact in extract_facts(text)})
    for groups in keys.values():
        for i, first in enumerate(groups):
            if any(first & later for later in groups[i + 1 :]):
                return True
    return False


def compose_questions_feedback(
    scenario: str | QuestionsScenario,
    answers: Sequence[tuple[str, str]],
    audio: Sequence[Mapping[str, Any]] | None = None,
) -> QuestionsFeedback:
    """Feedback for one questions session.

    `answers` are (question id, answer text) in the order asked. `audio`, when the voice
    runtime measured the answers, has one mapping per answer with optional "loudness_db" and
    "words_per_minute" (see `actions.coaching.trend.delivery_trend`).
    """
    chosen = get_questions_scenario(scenario) if isinstance(scenario, str) else scenario
    rounds = _rounds(chosen, answers)
    inconsistencies = tuple(check_consistency(answers))
    trend = delivery_trend(audio) if audio else None
    sentences: list[str] = []

    slips = _slips(rounds)
    reassured = [
        (round_, finding)
        for round_ in rounds
        for finding in round_.answer.findings_for("reassurance")
    ]
    if not rounds:
        sentences.append("You didn't get to answer this time.")
    elif not slips:
        sentences.append(
            f"You answered all {len(rounds)} times without a trace of impatience."
            if len(rounds) > 1
            else "You answered without a trace of impatience."
        )
    for round_, finding in slips[:MAX_SLIPS_QUOTED]:
        sentences.append(
            f"{_when(chosen, round_)}, you said "
            f"{quote_from(round_.answer.text, finding.start, finding.end)}, and "
            f"{_WHAT_IT_DID[finding.label]}."
        )
    if reassured:
        round_, finding = reassured[-1]
        sentences.append(
            "And when you said "
            f"{quote_from(round_.answer.text, finding.start, finding.end)}, that was exactly what "
            "helps."
        )
    elif rounds:
        sentences.append("One thing to add: tell them they can ask as many times as they need.")

    # The example answers the question where patience slipped first, else the one asked most.
    if slips:
        question = chosen.question(slips[0][0].question_id)
    else:
        question = max(chosen.questions, key=lambda q: len(chosen.asks_of(q.id)))
    sentences.append(f'A patient answer could sound like: "{question.patient_example}"')

    if inconsistencies:
        first = inconsistencies[0]
        topic = chosen.question(first.question_id).topic
        sentences.append(
            f"Your answers about {topic} changed: first {quote(first.first_phrase)}, later "
            f"{quote(first.second_phrase)}. If one of them was wrong, say so plainly; a "
            "corrected answer builds more trust than a smooth one."
        )
    elif _comparable(answers):
        sentences.append("Your facts stayed the same each time they asked, and that matters.")

    if trend is not None:
        sentences.extend(trend.notes)
    sentences.append(OFFER)
    return QuestionsFeedback(
        scenario_id=chosen.id,
        sentences=tuple(sentences),
        rounds=rounds,
        inconsistencies=inconsistencies,
        delivery=trend,
        patient_example=question.patient_example,
    )
