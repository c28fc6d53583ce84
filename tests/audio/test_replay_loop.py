"""The whole voice loop from recorded WAVs: real endpointing, real espeak-ng, the shipped fake
microphone and speaker — and, for English words, the ScriptedRecognizer DOUBLE (the English
Vosk model cannot be fetched here). Turn boundaries come from the audio; words from the script.
"""

from __future__ import annotations

import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from assistant.dialogue.bridge import TurnResult
from assistant.errors import SynthesisError
from assistant.events import (
    BotUtterance,
    DialogueReply,
    NotUnderstood,
    Reprompt,
    SessionPaused,
    SessionResumed,
    SpeechEnded,
    StateChanged,
    SynthesisDone,
    SynthesisFailed,
    Transcript,
    VoiceCommand,
)
from assistant.speech import phrases
from assistant.speech.tts import Pyttsx3Synthesizer
from tests.audio.harness import espeak
from tests.support.voice import replay, write_wav


class EchoDialogue:
    """Dialogue DOUBLE: repeats back how many words it heard; asks for long-form speech
    after "practise"."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        self.heard.append(text)
        expect = "long_form" if "practise" in text else "answer"
        return TurnResult(
            sender=sender,
            text=text,
            intent="any",
            confidence=1.0,
            exercise=None,
            safety=None,
            bot=[f"I heard {len(text.split())} words. Thank you."],
            expect=expect,
        )


# Long clips are replayed at 30x real time, not as fast as possible: while a reply is being
# synthesised the session keeps reading the microphone (for barge-in), and unpaced, a busy
# machine's slow synthesis let that read use up a whole 90-second clip before the turn
# logic under test ever saw it (seen in CI runs of the whole suite).
PACED = 30.0


def test_an_apology_with_a_thinking_pause_arrives_as_one_long_form_turn(tmp_path: Path) -> None:
    ask = espeak("Help me practise an apology.")
    apology = np.concatenate(
        [
            espeak("I am sorry that I lied to you about the money."),
            np.zeros(16000 * 4, np.int16),  # thinking
            espeak("I understand that it hurt you, and I will show you the statements."),
        ]
    )
    dialogue = EchoDialogue()
    events, speaker, _ = replay(
        tmp_path,
        [ask, apology],
        [
            "help me practise an apology",
            "i am sorry that i lied to you about the money "
            "i understand that it hurt you and i will show you the statements",
        ],
        dialogue,
    )
    assert len(dialogue.heard) == 2
    listening = [e.profile for e in events.of_type(StateChanged) if e.state == "listening"]
    assert listening == ["answer", "long_form", "answer"]  # as the dialogue asked
    transcripts = events.of_type(Transcript)
    delivery = transcripts[1].delivery
    assert delivery is not None and delivery.duration_s > 6
    assert events.of_type(SpeechEnded)[1].speech_s > 6  # not cut at the pause
    # Everything the assistant said is in the out WAV, and nothing else was written.
    with wave.open(str(tmp_path / "out.wav")) as recorded:
        assert recorded.getnframes() == speaker.samples_played > 16000
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "events.jsonl",
        "out.wav",
        "turn0.wav",
        "turn1.wav",
    ]


class FailingSynthesizer:
    """Synthesizer DOUBLE around the real one: pyttsx3 now and then writes no WAV for a
    sentence, which cannot be provoked on purpose, so this one fails a set number of times
    for sentences containing a marker, and renders everything else with espeak-ng."""

    def __init__(self, failures: dict[str, int]) -> None:
        self._real = Pyttsx3Synthesizer()
        self._failures = dict(failures)
        self.rate = self._real.rate
        self.tries: list[str] = []

    def synthesize(self, text: str) -> np.ndarray:
        self.tries.append(text)
        for marker, left in self._failures.items():
            if marker in text and left > 0:
                self._failures[marker] = left - 1
                raise SynthesisError("pyttsx3 wrote no audio (double)")
        return self._real.synthesize(text)

    def slower(self) -> int:
        return self._real.slower()

    def faster(self) -> int:
        return self._real.faster()


def test_a_sentence_that_will_not_synthesise_is_retried_then_shown_and_the_session_goes_on(
    tmp_path: Path,
) -> None:
    class TwoSentenceDialogue(EchoDialogue):
        async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
            self.heard.append(text)
            return TurnResult(
                sender=sender,
                text=text,
                intent="any",
                confidence=1.0,
                exercise=None,
                safety=None,
                bot=["This one stumbles once.", "This one never works.", "This one is fine."],
            )

    synthesizer = FailingSynthesizer({"stumbles": 1, "never": 99})
    dialogue = TwoSentenceDialogue()
    events, speaker, _ = replay(
        tmp_path,
        [espeak("hello there"), espeak("thank you")],
        ["hello there", "thank you"],
        dialogue,
        out_wav=False,
        gap_s=2,
        synthesizer=synthesizer,
    )
    assert dialogue.heard == ["hello there", "thank you"]  # the session went on
    assert synthesizer.tries.count("This one stumbles once.") == 3  # fail, retry; then once
    assert synthesizer.tries.count("This one never works.") == 4  # 2 turns x 2 tries
    failed = [e.text for e in events.of_type(SynthesisFailed)]
    assert failed == ["This one never works.", "This one never works."]
    said = [e.text for e in events.of_type(SynthesisDone)]
    assert said.count("This one stumbles once.") == 2  # the retry said it
    assert said.count("This one is fine.") == 2
    assert "This one never works." not in said
    shown = [e.text for e in events.of_type(BotUtterance)]
    assert shown.count("This one never works.") == 2  # on screen all the same
    assert speaker.samples_played > 16000


def test_voice_commands_pause_continue_slower_repeat_and_goodbye(tmp_path: Path) -> None:
    lines = ["hello there", "pause", "continue", "slower", "repeat", "goodbye"]
    audio = [espeak(line) for line in lines]
    dialogue = EchoDialogue()
    events, _, synthesizer = replay(
        tmp_path, audio, lines, dialogue, out_wav=False, gap_s=2, ends="user"
    )
    commands = [e.command for e in events.of_type(VoiceCommand)]
    assert commands == ["pause", "continue", "slower", "repeat", "quit"]
    assert dialogue.heard == ["hello there"]  # session commands never reach the dialogue
    assert events.of_type(SessionPaused)[0].reason == "user"
    assert events.of_type(SessionResumed)[0].reason == "user"
    assert synthesizer.rate < 165
    said = [e.text for e in events.of_type(BotUtterance)]
    assert said.count("I heard 2 words.") == 2  # the reply, then repeated
    assert said[-1] == phrases.GOODBYE


def test_empty_recognition_gets_didnt_catch_that_then_a_retry(tmp_path: Path) -> None:
    audio = [espeak("mumble mumble"), espeak("I said hello")]
    dialogue = EchoDialogue()
    events, _, _ = replay(tmp_path, audio, ["", "i said hello"], dialogue, out_wav=False, gap_s=2)
    assert len(events.of_type(NotUnderstood)) == 1
    said = [e.text for e in events.of_type(BotUtterance)]
    assert phrases.NOT_UNDERSTOOD in said
    assert dialogue.heard == ["i said hello"]


def test_endless_silence_is_one_reprompt_then_a_quiet_pause(tmp_path: Path) -> None:
    dialogue = EchoDialogue()
    events, _, _ = replay(
        tmp_path,
        [np.zeros(16000 * 90, np.int16)],
        [],
        dialogue,
        out_wav=False,
        gap_s=1,
        speed=PACED,
    )
    assert [r.count for r in events.of_type(Reprompt)] == [1, 2]
    assert events.of_type(SessionPaused)[0].reason == "silence"
    said = [e.text for e in events.of_type(BotUtterance)]
    assert said == [phrases.GREETING, phrases.REPROMPT, phrases.PAUSED_SILENCE]
    assert dialogue.heard == []


def test_non_speech_noise_never_becomes_a_user_turn(tmp_path: Path) -> None:
    # 90 s, like the silence test: while Kintsugi speaks, the replayed microphone keeps
    # being read (for barge-in), and on a loaded machine that can use up a shorter clip
    # before the second no-speech timeout.
    seconds = 90
    rng = np.random.default_rng(11)
    hum = np.sin(np.arange(16000 * seconds) * 2 * np.pi * 100 / 16000) * 3000
    noise = (hum + rng.standard_normal(16000 * seconds) * 1500).astype(np.int16)
    dialogue = EchoDialogue()
    events, _, _ = replay(
        tmp_path, [noise], ["should never be used"], dialogue, out_wav=False, speed=PACED
    )
    assert dialogue.heard == []
    assert not events.of_type(Transcript)
    assert events.of_type(SessionPaused)[0].reason == "silence"


@pytest.mark.slow
def test_ten_minutes_of_continuous_speech_in_bounded_memory(tmp_path: Path) -> None:
    speech = np.concatenate(
        [espeak(s, speed=170) for s in ("I keep talking without a break", "and on and on")]
    )
    minutes = np.tile(speech, int(np.ceil(16000 * 600 / len(speech))))[: 16000 * 600]
    assert np.count_nonzero(np.abs(minutes) > 300) > 0.5 * len(minutes)  # mostly voiced
    recording = write_wav(tmp_path / "ten-minutes.wav", minutes)  # temporary, 19 MB
    del minutes
    dialogue = EchoDialogue()
    tracemalloc.start()
    try:
        events, _, _ = replay(
            tmp_path, [recording], ["words"] * 40, dialogue, out_wav=False, gap_s=2, speed=PACED
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    ends = events.of_type(SpeechEnded)
    assert ends and all(e.speech_s <= 45.5 for e in ends)  # cut at the answer maximum
    assert [e.reason for e in ends].count("max_length") >= 5
    assert len(events.of_type(DialogueReply)) == len(ends)
    # The 10 minutes (19 MB as 16 kHz int16) were never held in memory at once.
    assert peak < 8 * 1024 * 1024, f"peak Python memory {peak / 1e6:.1f} MB"


def test_a_lone_stop_ends_even_a_long_form_turn_quickly(tmp_path: Path) -> None:
    dialogue = EchoDialogue()
    events, _, _ = replay(
        tmp_path,
        [espeak("Help me practise an apology."), espeak("stop")],
        ["help me practise an apology", "stop"],
        dialogue,
        out_wav=False,
        partials=True,
    )
    listening = [e.profile for e in events.of_type(StateChanged) if e.state == "listening"]
    assert listening[1] == "long_form"
    stop_turn = events.of_type(SpeechEnded)[1]
    # Ended by the command rule after a short silence, not by 5 s of long-form patience.
    assert stop_turn.reason == "command"
    assert dialogue.heard == ["help me practise an apology", "stop"]
