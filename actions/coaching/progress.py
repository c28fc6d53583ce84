"""Progress you can hear: a few spoken sentences from what the journal holds.

The runtime reads the journal and hands the actions `ProgressFacts` (no words of the
user's, only counts, scores and labels); this module says them plainly. No internal keys
or identifiers reach the user: labels and exercises are named in words.

Pure functions, no I/O.
"""

from __future__ import annotations

from typing import TypedDict


class ExerciseProgress(TypedDict):
    """One exercise's practice, from the journal."""

    exercise: str
    """The exercise's identifier ("apology", "listening", ...)."""
    attempts: int
    this_week: int
    """Attempts in the last seven days."""
    first_score: float | None
    latest_score: float | None
    improved: list[str]
    """Problem labels seen in earlier attempts and gone from the latest ones."""
    recurring: list[str]
    """Problem labels in at least two of the last three attempts."""


class CommitmentCounts(TypedDict):
    made: int
    kept: int
    partly: int
    missed: int


class ProgressFacts(TypedDict):
    exercises: list[ExerciseProgress]
    """Most practised first."""
    commitments: CommitmentCounts
    apart_days: int | None
    """Days since the kept time apart began, while one runs."""


GOOD_LABELS = frozenset(
    {
        # apology components
        "regret",
        "responsibility",
        "specific_act",
        "harm_acknowledged",
        "repair_offer",
        "repentance",
        "forgiveness_request",
        # listening and answers
        "feeling_named",
        "validation",
        "question",
        "reassurance",
        # the promise role-play
        "acknowledged",
        "honest_why",
        "realistic_offer",
    }
)
"""Labels that name a strength; every other label names something to work on."""

EXERCISE_WORDS = {
    "apology": "an apology",
    "listening": "listening",
    "questions": "answering questions",
    "reflection": "reflections",
    "commitments": "promises you can keep",
}

LABEL_WORDS = {
    "but_undoing": "“sorry, but”",
    "conditional": "“sorry if”",
    "feelings_deflection": "“sorry you feel that way”",
    "passive_voice": "“mistakes were made”",
    "excuse": "excuses",
    "justification": "justifying",
    "blame_shift": "shifting the blame",
    "minimizing": "playing it down",
    "invalidating": "telling them how to feel",
    "counter_attack": "hitting back",
    "absolute_promise": "promises that can't be kept",
    "pressure_to_forgive": "pushing to move on",
    "self_focus": "turning it towards your own guilt",
    "defensiveness": "getting defensive",
    "fixing": "jumping in to fix it",
    "interrupting": "cutting in",
    "impatience": "impatience",
    "deflection": "changing the subject",
    "inconsistent": "answers that don't match",
    "absolute": "“never” and “always” promises",
    "vague": "vague promises",
    "unverifiable": "promises nobody could see kept",
    "no_action": "promises without something to see you do",
    "no_timeframe": "promises without a time frame",
}

NOTHING_YET = (
    "There's nothing in your journal yet. Practise something first: say practise an apology, "
    "practise listening, or help me make a promise I can keep. Then ask me how you're doing."
)


def label_words(label: str) -> str:
    """A label in plain words (never the identifier itself)."""
    return LABEL_WORDS.get(label, label.replace("_", " "))


def exercise_words(exercise: str) -> str:
    return EXERCISE_WORDS.get(exercise, exercise.replace("_", " "))


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def progress_lines(facts: ProgressFacts | None) -> list[str]:
    """The spoken summary: a few sentences, most telling first."""
    if facts is None:
        return [NOTHING_YET]
    exercises = [item for item in facts["exercises"] if item["attempts"]]
    counts = facts["commitments"]
    if not exercises and not counts["made"] and facts["apart_days"] is None:
        return [NOTHING_YET]
    lines: list[str] = []
    if exercises:
        week = [item for item in exercises if item["this_week"]]
        total = sum(item["attempts"] for item in exercises)
        if week:
            done = _join(
                [f"{exercise_words(item['exercise'])} {_times(item['this_week'])}" for item in week]
            )
            lines.append(f"This past week you practised {done}. {_tries(total)} in all.")
        else:
            done = _join([exercise_words(item["exercise"]) for item in exercises])
            lines.append(f"Nothing this past week; before that, {_tries(total)}: {done}.")
        for item in exercises:
            first, latest = item["first_score"], item["latest_score"]
            if item["attempts"] > 1 and first is not None and latest is not None:
                if latest > first:
                    lines.append(
                        f"Your {_score_name(item['exercise'])} went from {first:.0f} to "
                        f"{latest:.0f}."
                    )
                break
        improved = [label for item in exercises for label in item["improved"]][:2]
        recurring = [label for item in exercises for label in item["recurring"]][:2]
        if improved:
            lines.append(
                f"{_join([label_words(label) for label in improved]).capitalize()} "
                f"{'has' if len(improved) == 1 else 'have'} gone from your latest tries."
            )
        if recurring:
            lines.append(
                f"{_join([label_words(label) for label in recurring]).capitalize()} "
                f"{'keeps' if len(recurring) == 1 else 'keep'} coming back; that's the one "
                "to work on."
            )
    checked = counts["kept"] + counts["partly"] + counts["missed"]
    if checked:
        partly = f", {counts['partly']} partly" if counts["partly"] else ""
        lines.append(
            f"Of your promises checked on, you kept {counts['kept']} of {checked}{partly}."
        )
    elif counts["made"]:
        lines.append(
            f"You've made {counts['made']} promise{'s' if counts['made'] != 1 else ''} to "
            "keep; I'll ask how it went next time."
        )
    if facts["apart_days"] is not None:
        days = facts["apart_days"]
        since = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        lines.append(f"The time apart began {since}.")
    return lines


def _tries(total: int) -> str:
    return "One try" if total == 1 else f"{total} tries"


def _score_name(exercise: str) -> str:
    return {
        "apology": "apology score",
        "listening": "listening score",
        "questions": "score for answering questions",
        "commitments": "promise score",
    }.get(exercise, f"{exercise_words(exercise)} score")
