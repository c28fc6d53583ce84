"""Progress end to end: "how am I doing?" and its phrasings, with the real model and actions,
answered from the real journal in a few sentences, without internal keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from assistant.dialogue.bridge import RasaDialogue
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.support.chat import practice_turn as turn
from tests.support.coach import Clock, coach


class _Turn:
    def __init__(self, exercise: str, score: float, labels: list[str]) -> None:
        self.text = "words"
        self.exercise = exercise
        self.safety = None
        self.feedback = {"exercise": exercise, "score": score, "anti_patterns": labels}


@pytest.mark.rasa
@pytest.mark.parametrize(
    "asked", ["how am I doing?", "what did I practise last week?", "show my progress"]
)
def test_how_am_i_doing_is_answered_from_the_journal(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], tmp_path: Path, asked: str
) -> None:
    now = datetime.now(timezone.utc)
    clock = Clock(now - timedelta(days=3))
    with Journal.open(PrivacySettings(data_dir=tmp_path), clock=clock) as journal:
        for score, labels in ((40, ["excuse", "but_undoing"]), (60, ["but_undoing"]), (75, [])):
            journal.record_turn(_Turn("apology", score, labels))
            clock.now += timedelta(hours=5)
        dialogue = coach(rasa_dialogue, journal, Clock(now))
        result = turn(dialogue, run, f"progress-{len(asked)}", asked)
    assert result.intent == "ask_progress" and result.exercise == "progress"
    spoken = " ".join(result.bot)
    assert spoken.startswith("This past week you practised an apology 3 times.")
    assert "Your apology score went from 40 to 75." in spoken
    assert "gone from your latest tries" in spoken
    assert 2 <= len(result.bot) <= 6
    assert not re.search(r"[a-z]+[/_][a-z0-9]+", spoken), spoken


@pytest.mark.rasa
def test_an_empty_journal_says_how_to_start(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], tmp_path: Path
) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        dialogue = coach(rasa_dialogue, journal, Clock(datetime.now(timezone.utc)))
        result = turn(dialogue, run, "progress-empty", "how am i doing")
    assert result.bot[0].startswith("There's nothing in your journal yet.")
    left = turn(dialogue, run, "progress-empty", "stop")
    assert left.exercise is None
