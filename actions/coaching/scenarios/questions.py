"""Repeated-questions scenarios: a hurt partner asks the same hard things again and again.

CONTENT.md (advice 7 and the atone phase of affair recovery): a hurt partner may ask the same
questions many times, and the person who broke the trust answers honestly every time, without
getting defensive, and lets them know they may keep asking. So each scenario has two or three
questions and a schedule that circles back to every one at least three times, the way a hurt
person does: sometimes the same words, sometimes reworded from a new angle, and usually
rawer as the session goes on (`Ask.intensity`).

Each question carries a patient example answer for feedback. The examples invent plausible
facts for the scenario, always include the reassurance that asking again is fine, and never
promise what cannot be kept (advice 6).

The scenarios are data, one YAML file each in `data/questions/`; this module reads and checks
them once, on import.
"""

from __future__ import annotations

from importlib.abc import Traversable
from typing import Any

from actions.coaching.scenarios.base import Ask, HardQuestion, QuestionsScenario
from actions.coaching.scenarios.files import ScenarioFileError, data_folder, ids_in, read, text

__all__ = [
    "QUESTIONS_ORDER",
    "QUESTIONS_SCENARIOS",
    "get_questions_scenario",
    "load_questions_scenario",
    "questions_files",
]

QUESTIONS_ORDER = (
    "after-the-affair",
    "where-were-you",
    "the-debt",
    "who-else-knows",
    "the-journal-questions",
    "the-relapse",
    "late-night-texts",
)
"""Every scenario file's id, in the order a user is offered them."""

_DATA = data_folder("questions")
_KEYS = frozenset({"id", "title", "premise", "questions", "schedule", "closing"})
_QUESTION_KEYS = frozenset({"id", "text", "topic", "patient_example"})
_ASK_KEYS = frozenset({"question", "wording", "intensity"})


def _entries(value: Any, keys: frozenset[str], where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(
        isinstance(entry, dict) and set(entry) == keys for entry in value
    ):
        raise ScenarioFileError(f"{where}: expected a list of entries with {sorted(keys)}")
    return value


def _ask(entry: dict[str, Any], where: str) -> Ask:
    intensity = entry["intensity"]
    if isinstance(intensity, bool) or intensity not in (1, 2, 3):
        raise ScenarioFileError(f"{where}: 'intensity' must be 1, 2 or 3")
    return Ask(text(entry, "question", where), text(entry, "wording", where), intensity)


def load_questions_scenario(scenario_id: str, folder: Traversable = _DATA) -> QuestionsScenario:
    """Read and check one scenario file (`<folder>/<id>.yml`, by default `data/questions/`)."""
    where = f"questions scenario {scenario_id}"
    raw = read(folder, f"{scenario_id}.yml")
    if not isinstance(raw, dict) or set(raw) != _KEYS:
        raise ScenarioFileError(f"{where}: expected exactly the keys {sorted(_KEYS)}")
    if raw["id"] != scenario_id:
        raise ScenarioFileError(f"{where}: the id inside is {raw['id']!r}")
    questions = tuple(
        HardQuestion(
            text(entry, "id", where),
            text(entry, "text", where),
            text(entry, "topic", where),
            text(entry, "patient_example", where),
        )
        for entry in _entries(raw["questions"], _QUESTION_KEYS, f"{where}, questions")
    )
    schedule = tuple(
        _ask(entry, where) for entry in _entries(raw["schedule"], _ASK_KEYS, f"{where}, schedule")
    )
    known = {question.id for question in questions}
    unknown = sorted({ask.question_id for ask in schedule} - known)
    if unknown:
        raise ScenarioFileError(f"{where}: the schedule asks unknown questions {unknown}")
    return QuestionsScenario(
        id=scenario_id,
        title=text(raw, "title", where),
        premise=text(raw, "premise", where),
        questions=questions,
        schedule=schedule,
        closing=text(raw, "closing", where),
    )


def questions_files() -> tuple[str, ...]:
    """The ids of the scenario files present, sorted (for the schema test)."""
    return ids_in(_DATA)


QUESTIONS_SCENARIOS: tuple[QuestionsScenario, ...] = tuple(
    load_questions_scenario(scenario_id) for scenario_id in QUESTIONS_ORDER
)
"""Every repeated-questions scenario, in the order a user is offered them."""

_BY_ID = {scenario.id: scenario for scenario in QUESTIONS_SCENARIOS}


def get_questions_scenario(scenario_id: str) -> QuestionsScenario:
    """The scenario with this id; KeyError names the ids that exist."""
    try:
        return _BY_ID[scenario_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise KeyError(f"no questions scenario {scenario_id!r}; known: {known}") from None
