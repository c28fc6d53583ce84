"""Every exercise, spoken, through the whole voice loop with the REAL dialogue (trained Rasa
model and action server). Turn boundaries come from real audio through the endpointer; the
words come from the ScriptedRecognizer DOUBLE, because the English Vosk model cannot be
fetched here (the real Vosk path is covered with the Korean model in tests/speech)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.dialogue.bridge import RasaDialogue
from assistant.events import Transcript
from tests.audio.harness import espeak
from tests.support.recording import RecordingDialogue
from tests.support.voice import replay

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _speak_all(tmp_path: Path, dialogue: RecordingDialogue, lines: list[str]) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    audio = [espeak(line) for line in lines]
    events, _speaker, _ = replay(tmp_path, audio, lines, dialogue, out_wav=False, gap_s=2)
    heard = [e.text for e in events.of_type(Transcript)]
    assert heard == lines


def test_apology_by_voice(tmp_path: Path, rasa_dialogue: RasaDialogue) -> None:
    dialogue = RecordingDialogue(rasa_dialogue, "voice-apology")
    _speak_all(
        tmp_path,
        dialogue,
        [
            "help me practise an apology",
            "i am sorry if you were hurt but you made me do it",
            "no thanks",
            "no",
        ],
    )
    # A no to hearing the rest of the feedback offers another go; a second no leaves.
    start, attempt, _, leave = dialogue.results
    assert start.exercise == "apology" and start.expect == "long_form"
    assert attempt.feedback is not None
    assert "but_undoing" in attempt.feedback["anti_patterns"]
    assert leave.exercise is None


def test_listening_by_voice(tmp_path: Path, rasa_dialogue: RasaDialogue) -> None:
    dialogue = RecordingDialogue(rasa_dialogue, "voice-listening")
    _speak_all(tmp_path / "start", dialogue, ["i want to practise listening"])
    assert dialogue.results[0].exercise == "listening"
    turns = 0
    # Encourage the partner ("go on" is a backchannel, not an interruption) until they
    # have finished and the dialogue asks for the long-form reflection.
    while dialogue.results[-1].expect != "long_form" and turns < 20:
        _speak_all(tmp_path / f"go-on-{turns}", dialogue, ["go on"])
        turns += 1
    _speak_all(
        tmp_path / "reflect",
        dialogue,
        ["what i heard is that you feel hurt and betrayed because i lied and that makes sense"],
    )
    feedback = dialogue.results[-1].feedback
    assert feedback is not None
    assert feedback["interruptions"]["count"] == 0  # backchannels are not interruptions
    assert feedback["reflection"]["coverage"] > 0
    assert "validation" in feedback["reflection"]["labels"]


def test_repeated_questions_by_voice(tmp_path: Path, rasa_dialogue: RasaDialogue) -> None:
    dialogue = RecordingDialogue(rasa_dialogue, "voice-questions")
    _speak_all(tmp_path / "start", dialogue, ["my partner keeps asking me the same questions"])
    assert dialogue.results[0].exercise == "questions"
    answers = 0
    while dialogue.results[-1].feedback is None and answers < 20:
        _speak_all(
            tmp_path / f"a{answers}",
            dialogue,
            ["it started in march and i will answer that as many times as you need"],
        )
        answers += 1
    assert dialogue.results[-1].feedback is not None
    assert answers >= 3


def _hands_free_listening(
    tmp_path: Path, rasa_dialogue: RasaDialogue, sender: str, interrupt_at: int | None
) -> RecordingDialogue:
    """Say "practise listening", then stay quiet through each of the partner's designed
    pauses (or, at `interrupt_at`, speak into one), then reflect."""
    from actions.coaching.scenarios import LISTENING_SCENARIOS

    dialogue = RecordingDialogue(rasa_dialogue, sender)
    segments = len(LISTENING_SCENARIOS[0].segments)  # the first scenario comes first
    quiet = np.zeros(1600, np.int16)  # the pause itself is the microphone's silence after it
    audio: list[np.ndarray | Path] = [espeak("I want to practise listening.")]
    script = ["i want to practise listening"]
    for turn in range(segments - 1):
        if turn == interrupt_at:
            audio.append(espeak("But that is not fair to me."))
            script.append("but that is not fair to me")
        else:
            audio.append(quiet)
    reflection = (
        "what i heard is that you feel hurt and betrayed because i lied and that makes sense"
    )
    audio.append(espeak("What I heard is that you feel hurt and betrayed."))
    script.append(reflection)
    replay(tmp_path, audio, script, dialogue, out_wav=False, gap_s=0.5)
    return dialogue


def test_listening_hands_free_silence_lets_the_partner_go_on(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    dialogue = _hands_free_listening(tmp_path, rasa_dialogue, "voice-listen-quiet", None)
    feedback = dialogue.results[-1].feedback
    assert feedback is not None, [r.bot for r in dialogue.results]
    assert feedback["interruptions"]["count"] == 0
    segments = [r.listen["segment"] for r in dialogue.results if r.listen]
    assert segments == list(range(1, len(segments) + 1))


def test_listening_hands_free_speaking_in_a_pause_is_an_interruption(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    dialogue = _hands_free_listening(tmp_path, rasa_dialogue, "voice-listen-cut-in", 2)
    feedback = dialogue.results[-1].feedback
    assert feedback is not None, [r.bot for r in dialogue.results]
    assert feedback["interruptions"]["count"] == 1
    assert any("finish" in line for r in dialogue.results for line in r.bot)
