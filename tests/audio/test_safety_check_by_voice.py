"""A safety check by voice: it is spoken, and the yes or no is heard with the command
grammar — the real Vosk grammar path with the Korean model from PyPI (one Korean word per
answer; the English model cannot be fetched here), real espeak-ng for what Kintsugi says,
the shipped WAV microphone and recording speaker. Free speech comes from the
ScriptedRecognizer DOUBLE, and the dialogue is CheckingDialogue, a DOUBLE that asks a check
on the first turn and answers the way the real dialogue does (the real dialogue's check
flow is tested in tests/test_safety_check_chat.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from actions.coaching.safety import crisis_reply
from assistant.audio.fakes import RecordingSpeaker, WavMicrophone
from assistant.dialogue.bridge import TurnResult
from assistant.events import BotUtterance, EventLog, VoiceCommand
from assistant.safety.check import check_question
from assistant.speech.commands import CommandVocabulary
from assistant.speech.scripted import ScriptedRecognizer
from assistant.speech.tts import Pyttsx3Synthesizer
from assistant.speech.vosk_recognizer import CommandRecognizer
from assistant.voice.session import SessionOptions, VoiceSession
from tests.audio.harness import espeak
from tests.support.voice import write_wav

pytestmark = [pytest.mark.model, pytest.mark.slow]

KOREAN_ANSWERS = CommandVocabulary({"yes": ("네",), "no": ("아니요",), "stop": ("정지",)})


class CheckingDialogue:
    """Dialogue DOUBLE: the first turn gets a self-harm check; then "yes" gets the crisis
    reply and "no" the exercise back."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        self.heard.append(text)
        if len(self.heard) == 1:
            bot, safety, expect = check_question("self_harm"), "check", "command"
        elif text == "yes":
            bot, safety, expect = crisis_reply("self_harm"), "self_harm", "long_form"
        else:
            bot, safety, expect = ["Thank you for telling me. Let's carry on."], None, "answer"
        return TurnResult(sender, text, None, None, None, safety, bot, expect=expect)


def _session(tmp_path: Path, ko_model: Any, answer_word: str) -> tuple[Any, ...]:
    first = write_wav(tmp_path / "first.wav", espeak("I gave my guitar away today."))
    answer = write_wav(tmp_path / "answer.wav", espeak(answer_word, "ko", 140))
    dialogue = CheckingDialogue()
    events = EventLog(tmp_path / "events.jsonl")
    speaker = RecordingSpeaker(None)
    session = VoiceSession(
        dialogue=dialogue,
        microphone=WavMicrophone([first, answer], gap_s=3.0),
        speaker=speaker,
        recognizer=ScriptedRecognizer(["I gave my guitar away today"]),
        synthesizer=Pyttsx3Synthesizer(),
        commands=CommandRecognizer(ko_model, KOREAN_ANSWERS),
        events=events,
        options=SessionOptions(holdoff_s=0.0),
    )
    return session, dialogue, events


@pytest.mark.parametrize(("word", "answer"), [("네", "yes"), ("아니요", "no")])
def test_the_check_is_spoken_and_the_answer_heard_with_the_command_grammar(
    tmp_path: Path, ko_model: Any, word: str, answer: str
) -> None:
    session, dialogue, events = _session(tmp_path, ko_model, word)
    assert asyncio.run(session.run()) == "end_of_input"
    events.close()
    assert dialogue.heard == ["I gave my guitar away today", answer]
    said = [e.text for e in events.of_type(BotUtterance)]
    assert any("ending your life" in line for line in said)
    heard = [e.command for e in events.of_type(VoiceCommand)]
    assert heard == [answer]
    if answer == "yes":
        assert any("988" in line for line in said[-4:])


def test_espeak_words_used_here_are_not_silent() -> None:
    assert np.abs(espeak("네", "ko", 140)).max() > 1000
