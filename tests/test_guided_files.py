"""The guided reflections' data files: every file is offered, every offered reflection has
a file, and a file of the wrong shape is refused by name instead of loading half a
reflection."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.coaching.guided import REFLECTIONS
from actions.coaching.guided.files import (
    GUIDED_ORDER,
    ReflectionFileError,
    load_reflection,
    reflection_files,
)

GOOD = """
id: tiny
title: A tiny reflection
aliases: [tiny one]
summary: Two quiet minutes.
steps:
- id: settle
  text: Settle in.
  silence_s: 20
- id: say-it
  text: Say what you would say to them.
  silence_s: 30.5
  invites_answer: true
  checks_answer: true
  tags: [advice_1_sincere_apology]
"""


def test_every_file_is_offered_and_every_offered_reflection_has_a_file() -> None:
    assert reflection_files() == tuple(sorted(GUIDED_ORDER))
    assert tuple(reflection.id for reflection in REFLECTIONS) == GUIDED_ORDER


def test_a_well_formed_file_loads_every_field(tmp_path: Path) -> None:
    (tmp_path / "tiny.yml").write_text(GOOD, encoding="utf-8")
    reflection = load_reflection("tiny", tmp_path)
    first, second = reflection.steps
    assert (first.silence_s, first.invites_answer, first.tags) == (20, False, frozenset())
    assert second.silence_s == 30.5 and second.invites_answer and second.checks_answer
    assert second.tags == frozenset({"advice_1_sincere_apology"})


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace("summary:", "sumary:"), "exactly the keys"),
        (GOOD.replace("id: tiny", "id: other"), "the id inside"),
        (GOOD.replace("silence_s: 20", "silence_s: soon"), "number of seconds"),
        (GOOD.replace("silence_s: 20", "silence_s: -1"), "number of seconds"),
        (GOOD.replace("invites_answer: true", "invites_answer: sometimes"), "true or false"),
        (GOOD.replace("  checks_answer: true", "  checks: true"), "may have"),
        (GOOD.replace("aliases: [tiny one]", "aliases: tiny one"), "list of strings"),
        (GOOD.replace("text: Settle in.", "text: ''"), "non-empty string"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(tmp_path: Path, broken: str, message: str) -> None:
    (tmp_path / "tiny.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(ReflectionFileError, match=message):
        load_reflection("tiny", tmp_path)
