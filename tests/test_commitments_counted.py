"""Making a promise and the role-play of a promise that can't be kept both count as the
commitments exercise: in the journal, in "how am I doing?", and in `kintsugi progress`,
alike in text chat and in `chat --jsonl`. The real model, actions and journal."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from assistant.cli.progress import progress_table
from assistant.dialogue.bridge import RasaDialogue
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.support.chat import practice_turn as turn
from tests.support.cli import isolated_env, jsonl_session, kintsugi_command
from tests.support.coach import Clock, coach

pytestmark = pytest.mark.rasa

PROMISE = "I'll text you when I leave work, every day this month"
ASK = "she keeps asking me to promise she will never feel like this again, what do i say"
ANSWER = (
    "I understand why you ask. I can't promise never, it wouldn't be honest. What I can "
    "promise is I'll tell you where I am every evening this month."
)
SESSION = [
    "help me make a promise I can keep",
    PROMISE,
    "yes",
    "yes please",
    ASK,
    ANSWER,
    "stop",
    "how am I doing?",
]


def test_a_promise_and_a_role_play_answer_both_count_in_text_chat(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], tmp_path: Path
) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        dialogue = coach(rasa_dialogue, journal, Clock(datetime.now(timezone.utc)))
        results = []
        for text in SESSION:
            result = turn(dialogue, run, "counted-1", text)
            journal.record_turn(result)  # as text chat does after every turn
            results.append(result)
        data = journal.export()
    promise, roleplay = results[1], results[5]
    assert promise.exercise == roleplay.exercise == "commitments"
    assert promise.feedback is not None and roleplay.feedback is not None
    assert [row["exercise"] for row in data["turns"]] == ["commitments", "commitments"]
    summary = " ".join(results[-1].bot)
    assert "you practised promises you can keep twice" in summary
    assert "You've made 1 promise to keep" in summary
    table = progress_table(data)
    assert table.splitlines()[2].split()[:6] == ["Promises", "you", "can", "keep", "2", "2"]
    assert "Promises you asked me to keep: 1" in table


@pytest.mark.slow
def test_a_promise_and_a_role_play_answer_both_count_in_jsonl(tmp_path: Path) -> None:
    outputs = jsonl_session(tmp_path, "counted-2", SESSION)
    assert [line["exercise"] for line in outputs[:6]] == ["commitments"] * 6
    assert outputs[3]["commitment"]["keep"] is True
    assert outputs[5]["feedback"]["part"] == "roleplay"
    summary = " ".join(outputs[-1]["bot"])
    assert "you practised promises you can keep twice" in summary
    assert "You've made 1 promise to keep" in summary
    exported = subprocess.run(
        [*kintsugi_command(), "journal", "export"],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path),
        timeout=120,
        check=True,
    )
    data = json.loads(exported.stdout)
    assert [row["exercise"] for row in data["turns"]] == ["commitments", "commitments"]
