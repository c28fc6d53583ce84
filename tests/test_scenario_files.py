"""The role-play scenarios' data files (listening and questions): every file is offered,
every offered scenario has a file, and a file of the wrong shape is refused by name instead
of loading half a scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.coaching.scenarios.listening import (
    LISTENING_ORDER,
    LISTENING_SCENARIOS,
    ScenarioFileError,
    load_listening_scenario,
    scenario_files,
    shared_feelings,
)
from actions.coaching.scenarios.questions import (
    QUESTIONS_ORDER,
    QUESTIONS_SCENARIOS,
    load_questions_scenario,
    questions_files,
)

GOOD = """
id: tiny
title: A tiny scenario
premise: You forgot.
segments:
- text: You forgot again. That's all I wanted to say.
  pause_s: 0.0
finishing_cue: That's all I wanted to say.
key_points:
- id: forgot
  summary: you forgot
  alternatives: [forgot|forget*]
feelings:
- name: hurt
  synonyms: ["@hurt", sore]
"""


def test_every_file_is_offered_and_every_offered_scenario_has_a_file() -> None:
    assert scenario_files() == tuple(sorted(LISTENING_ORDER))
    assert tuple(scenario.id for scenario in LISTENING_SCENARIOS) == LISTENING_ORDER


def test_shared_feelings_expand_in_place(tmp_path: Path) -> None:
    (tmp_path / "tiny.yml").write_text(GOOD, encoding="utf-8")
    shared = shared_feelings()
    scenario = load_listening_scenario("tiny", shared, tmp_path)
    assert scenario.feelings[0].synonyms == (*shared["hurt"], "sore")
    assert scenario.segments[0].pause_s == 0.0


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace("title:", "titel:"), "exactly the keys"),
        (GOOD.replace("id: tiny", "id: other"), "the id inside"),
        (GOOD.replace('"@hurt"', '"@hurted"'), "no shared feeling vocabulary"),
        (GOOD.replace("alternatives: [forgot|forget*]", "alternatives: forgot"), "list of strings"),
        (GOOD.replace("summary: you forgot", "summary: ''"), "non-empty string"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(tmp_path: Path, broken: str, message: str) -> None:
    (tmp_path / "tiny.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(ScenarioFileError, match=message):
        load_listening_scenario("tiny", shared_feelings(), tmp_path)


QUESTIONS = """
id: tiny
title: A tiny questions scenario
premise: You were late again.
questions:
- id: where
  text: Where were you?
  topic: where you were
  patient_example: At work. Ask me again whenever you need to.
schedule:
- question: where
  wording: Where were you?
  intensity: 1
- question: where
  wording: Where were you, really?
  intensity: 3
closing: Thank you for answering me.
"""


def test_every_questions_file_is_offered_and_every_offered_scenario_has_a_file() -> None:
    assert questions_files() == tuple(sorted(QUESTIONS_ORDER))
    assert tuple(scenario.id for scenario in QUESTIONS_SCENARIOS) == QUESTIONS_ORDER


def test_a_questions_file_loads_its_questions_and_schedule(tmp_path: Path) -> None:
    (tmp_path / "tiny.yml").write_text(QUESTIONS, encoding="utf-8")
    scenario = load_questions_scenario("tiny", tmp_path)
    assert [ask.intensity for ask in scenario.asks_of("where")] == [1, 3]
    assert scenario.question("where").topic == "where you were"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (QUESTIONS.replace("closing:", "ending:"), "exactly the keys"),
        (QUESTIONS.replace("  topic: where you were\n", ""), "a list of entries"),
        (QUESTIONS.replace("intensity: 3", "intensity: 4"), "1, 2 or 3"),
        (
            QUESTIONS.replace(
                "- question: where\n  wording: Where were you, really?",
                "- question: when\n  wording: When?",
            ),
            "unknown questions",
        ),
    ],
)
def test_a_questions_file_of_the_wrong_shape_is_refused(
    tmp_path: Path, broken: str, message: str
) -> None:
    (tmp_path / "tiny.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(ScenarioFileError, match=message):
        load_questions_scenario("tiny", tmp_path)
