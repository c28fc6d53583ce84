"""Commitments, progress and time apart, spoken, through the whole voice loop with the REAL dialogue
(trained Rasa model and actions) and the journal wrappers a voice session uses. Turn
boundaries come from real audio through the endpointer; the words come from the
ScriptedRecognizer DOUBLE (the English Vosk model cannot be fetched here)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.dialogue.bridge import RasaDialogue
from assistant.events import Transcript
from assistant.journal.journaled_dialogue import JournaledDialogue
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.audio.harness import espeak
from tests.support.coach import Clock, RecordingCoach, SettlesChecks, coach
from tests.support.voice import replay

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


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


def test_space_until_sunday_is_settled_and_carried_by_voice(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    """Issue 13's first example, spoken: the time is said back in words, the agreement kept,
    and a later request to write to her meets the agreement, not an apology rehearsal."""
    wednesday = datetime(2026, 12, 2, 13, 35, tzinfo=timezone(timedelta(hours=1)))
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        wrapped = coach(rasa_dialogue, journal, Clock(wednesday))
        dialogue = RecordingCoach(SettlesChecks(JournaledDialogue(wrapped, journal)), "voice-apart")
        _speak_all(
            tmp_path / "apart",
            dialogue,
            [
                "my wife asked me for some space until sunday evening",
                "yes thats right",
                "only about the kids and emergencies",
                "yes please",
                "can you help me write her a text tonight",
            ],
        )
    start, _exceptions, _keep, settled, message = dialogue.results
    assert start.exercise == "time_apart"
    assert (
        start.bot[-1]
        == "So you'll give her space until Sunday at 6 in the evening — is that right?"
    )
    assert "Agreed: you'll give her space until Sunday at 6 in the evening." in " ".join(
        settled.bot
    )
    assert settled.apart is not None and settled.apart["until"] == "2026-12-06T18:00:00+01:00"
    assert message.exercise != "apology"
    assert message.bot[0] == "You agreed to give her space until Sunday at 6 in the evening."
