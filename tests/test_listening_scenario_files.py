"""The listening scenarios' data files: every file is offered, every offered scenario has
a file, and a file of the wrong shape is refused by name instead of loading half a scenario."""

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
