"""Commitments and progress, spoken, through the whole voice loop with the REAL dialogue
(trained Rasa model and actions) and the journal wrappers a voice session uses. Turn
boundaries come from real audio through the endpointer; the words come from the
ScriptedRecognizer DOUBLE (the English Vosk model cannot be fetched here)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.dialogue.bridge import RasaDialogue, TurnResult
from assistant.events import Transcript
from assistant.journal.journaled_dialogue import JournaledDialogue
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.audio.harness import espeak
from tests.support.coach import Clock, coach
from tests.support.voice import replay

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


class RecordingCoach:
    """Passes every turn to the real, wrapped dialogue and keeps what came back."""

    def __init__(self, real: object, sender: str) -> None:
        self._real = real
        self._sender = sender
        self.results: list[TurnResult] = []

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        result: TurnResult = await self._real.handle(self._sender, text, audio)  # type: ignore[attr-defined]
        self.results.append(result)
        return result


def _speak_all(tmp_path: Path, dialogue: RecordingCoach, lines: list[str]) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    audio = [espeak(line) for line in lines]
    events, _speaker, _ = replay(tmp_path, audio, lines, dialogue, out_wav=False, gap_s=2)
    assert [e.text for e in events.of_type(Transcript)] == lines


def test_a_promise_and_progress_by_voice(tmp_path: Path, rasa_dialogue: RasaDialogue) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        # As a voice session: every turn recorded in the journal, around the wrappers.
        wrapped = coach(rasa_dialogue, journal, Clock(datetime.now(timezone.utc)))
        dialogue = RecordingCoach(JournaledDialogue(wrapped, journal), "voice-promise")
        _speak_all(
            tmp_path / "promise",
            dialogue,
            [
                "help me make a promise i can keep",
                "i will be home by seven every night this week",
                "yes",
                "no thanks",
                "stop",
                "how am i doing",
            ],
        )
    start, promise, keep, agreed, _stop, progress = [
        r for r in dialogue.results if r.safety != "check"
    ]
    assert start.exercise == "commitments" and start.safety is None
    assert promise.bot[-1].startswith("So you'll promise:")
    assert keep.bot[-1].startswith("Shall I keep it")
    assert agreed.bot[0].startswith("Agreed: you'd be home by seven every night this week.")
    assert agreed.commitment is not None and agreed.commitment["keep"] is False
    assert progress.exercise == "progress"
    assert progress.bot[0].startswith("This past week you practised promises you can keep once")


class SettlesChecks:
    """Answers the guard's question about practice words with "no", as the text tests do
    (what the voice session does with that question is tested on its own)."""

    def __init__(self, inner: object) -> None:
        self._inner = inner

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        result: TurnResult = await self._inner.handle(sender, text, audio)  # type: ignore[attr-defined]
        if result.safety == "check":
            result = await self._inner.handle(sender, "no")  # type: ignore[attr-defined]
        return result


def test_a_promise_and_a_role_play_answer_both_count_by_voice(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        wrapped = coach(rasa_dialogue, journal, Clock(datetime.now(timezone.utc)))
        dialogue = RecordingCoach(
            SettlesChecks(JournaledDialogue(wrapped, journal)), "voice-counted"
        )
        lines = [
            "help me make a promise i can keep",
            "i will be home by seven every night this week",
            "yes",
            "yes please",
            "practise saying no to a promise",
            "i understand why you ask i can't promise never it wouldn't be honest what i can "
            "promise is i'll tell you where i am every evening this month",
            "stop",
            "how am i doing",
        ]
        (tmp_path / "counted").mkdir()
        replay(
            tmp_path / "counted", [espeak(line) for line in lines], lines, dialogue, out_wav=False
        )
        rows = [row["exercise"] for row in journal.export()["turns"]]
    agreed, roleplay, progress = dialogue.results[3], dialogue.results[5], dialogue.results[-1]
    assert agreed.commitment is not None and agreed.commitment["keep"] is True
    assert roleplay.feedback is not None and roleplay.feedback["part"] == "roleplay"
    assert rows == ["commitments", "commitments"]
    summary = " ".join(progress.bot)
    assert summary.startswith("This past week you practised promises you can keep twice")
    assert "You've made 1 promise to keep" in summary
