"""Guided reflections by voice, on real PortAudio streams through the PulseAudio harness, with
the REAL dialogue (trained Rasa model and action server) and real espeak-ng playback.

Voice commands go through the real Vosk grammar path with the Korean model from PyPI (a
Korean word per command: the English model cannot be fetched here); the session sends the
dialogue the English words each command stands for. Free speech (the first turn and spoken
answers) comes from the ScriptedRecognizer DOUBLE, with turn boundaries from the real audio
through the real endpointer. Designed silences are scaled down with the session's test knob
(`SessionOptions.guided_silence_scale`).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.audio.fakes import RecordingSpeaker, WavMicrophone
from assistant.dialogue.bridge import RasaDialogue
from assistant.events import (
    BargeIn,
    BotUtterance,
    EventLog,
    NotUnderstood,
    PlaybackFinished,
    PlaybackStarted,
    Reprompt,
    SessionPaused,
    SessionResumed,
    SpeechEnded,
    StateChanged,
    SynthesisDone,
    Transcript,
    VoiceCommand,
)
from assistant.journal.guided_progress import GuidedProgressDialogue
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from assistant.speech.commands import CommandVocabulary
from assistant.speech.scripted import ScriptedRecognizer
from assistant.speech.tts import Pyttsx3Synthesizer
from assistant.voice.session import SessionOptions, VoiceSession
from tests.audio.harness import PulseHarness, Voice, espeak
from tests.support.guided_voice import (
    HARD_TALK,
    KOREAN_NAVIGATION,
    SCALE,
    GuidedRecording,
    first_sentence,
    ko,
    quiet_began,
    run_guided,
    said,
)
from tests.support.voice import wait_for, write_wav

pytestmark = [pytest.mark.audio, pytest.mark.model, pytest.mark.rasa, pytest.mark.slow]


def test_a_command_over_a_prompt_takes_effect(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        await asyncio.sleep(2.0)  # well into step 1's prompt
        voice.say(ko("넘어가"))  # "skip"
        said_at = await asyncio.to_thread(voice.wait, 10)
        barged, _ = await wait_for(events, lambda e: isinstance(e, BargeIn), timeout=20)
        next_step, _ = await wait_for(
            events,
            lambda e: isinstance(e, PlaybackStarted) and e.text == first_sentence(2),
            timeout=60,
            after=barged,
        )
        print(
            f"skip over a prompt: barge-in {barged - said_at:.2f} s after the word ended, "
            f"the next step playing {next_step - said_at:.2f} s after it"
        )

    events, dialogue, _ = run_guided(
        pulse, ko_model, rasa_dialogue, "voice-guided-skip", at_step=1, script=[], scenario=scenario
    )
    assert events.of_type(BargeIn)[0].command == "skip"
    assert dialogue.sent == ["repeat", "skip"]
    assert [r.guide["step"] for r in dialogue.results if r.guide] == [1, 2]
    lines = said(events)
    # The prompt was cut off, then step 2 was said; the text-mode cue never was.
    assert lines.index(first_sentence(1)) < lines.index(first_sentence(2))
    assert not any("Say next" in line or "say next" in line for line in lines)


BACK_ONLY = CommandVocabulary({"back": KOREAN_NAVIGATION.commands["back"]})
"""The grammar for the back test holds back alone. This test is about what back does over a
prompt; with the whole Korean set, one espeak "뒤로" that a PulseAudio underrun cut was
heard as stop ("종료") in CI at 3790592, which ends the reflection and leaves nothing to go
back in. Fed through the grammar with cuts, drops, shifts, noise and paces 100-180 (90
variants), "뒤로" was heard as back 71/90 with the whole set (the rest nothing or slower)
and 86/90 alone, never as anything else; a miss is said again below. How the words of the
whole set are told apart is tests/speech/test_korean_navigation.py's concern."""


def test_back_over_a_prompt_says_the_step_before(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        await asyncio.sleep(2.0)
        began = time.monotonic()

        def back_heard() -> float | None:
            times = (
                t
                for t, e in events.events
                if t > began and isinstance(e, BargeIn) and e.command == "back"
            )
            return next(times, None)

        # "back", said again, as a person would, until it is heard over a prompt: the grammar
        # sometimes misses one short espeak word on a busy box. Each try is at another pace,
        # as a person repeating themselves would speak (in CI at 4f06e0b four tries at one
        # pace were all missed).
        for speed in (140, 120, 160, 110):
            voice.say(ko("뒤로", speed))
            await asyncio.to_thread(voice.wait, 10)
            with contextlib.suppress(AssertionError):
                await wait_for(
                    events,
                    lambda e: isinstance(e, BargeIn) and e.command == "back",
                    timeout=3,
                    after=began,
                )
            if back_heard() is not None:
                break
        barged = back_heard()
        assert barged is not None, "back was never heard over a prompt"
        while not dialogue.sent or dialogue.sent[-1] != "back" or len(dialogue.results) < 2:
            await asyncio.sleep(0.05)
        steps = [r.guide["step"] for r in dialogue.results if r.guide]
        await wait_for(
            events,
            lambda e: isinstance(e, BotUtterance) and e.text == first_sentence(steps[-1]),
            timeout=60,
            after=barged,
        )

    events, dialogue, _ = run_guided(
        pulse,
        ko_model,
        rasa_dialogue,
        "voice-guided-back",
        at_step=3,
        script=[],
        scenario=scenario,
        vocabulary=BACK_ONLY,
    )
    assert "back" in [b.command for b in events.of_type(BargeIn)]
    assert dialogue.sent[0] == "repeat" and "back" in dialogue.sent
    steps = [r.guide["step"] for r in dialogue.results if r.guide]
    back = dialogue.sent.index("back")
    assert steps[back] == steps[back - 1] - 1  # back said the step before the one playing


def test_how_long_is_left_in_a_silence_is_answered_and_the_silence_goes_on(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        began = await quiet_began(events)
        # "how long is left", said again, as a person would, if nothing at all was heard: on
        # a busy box the grammar now and then misses one short espeak phrase (seen in CI:
        # never heard, and the silence ran out). The silence is held at half length (10 s)
        # so a second try still falls inside it.
        for _attempt in range(3):
            await asyncio.sleep(0.5)
            voice.say(ko("얼마나"))  # "how long (is left)"
            said_at = await asyncio.to_thread(voice.wait, 10)
            with contextlib.suppress(AssertionError):
                await wait_for(events, lambda e: isinstance(e, VoiceCommand), 3.0, began)
            if events.of_type(VoiceCommand):
                break
            assert not any(
                t > said_at and isinstance(e, StateChanged) and e.state != "quiet"
                for t, e in events.events
            ), "the silence ended before how long is left was heard"
        answered, _ = await wait_for(
            events,
            lambda e: isinstance(e, BotUtterance) and "left" in e.text,
            timeout=30,
            after=began,
        )
        again = await quiet_began(events, after=answered)
        # The rest of the silence, then the reflection moves on by itself.
        await wait_for(
            events,
            lambda e: isinstance(e, BotUtterance) and e.text == first_sentence(2),
            timeout=60,
            after=again,
        )

    events, dialogue, _ = run_guided(
        pulse,
        ko_model,
        rasa_dialogue,
        "voice-guided-left",
        at_step=1,
        script=[],
        scenario=scenario,
        scale=0.5,
    )
    assert dialogue.sent == ["repeat", "how long is left", "next"]
    commands = events.of_type(VoiceCommand)
    assert [(c.command, c.during_playback) for c in commands] == [("time_left", False)]
    assert any(line.startswith("About") and "minutes left" in line for line in said(events))
    assert not events.of_type(Reprompt)


def test_crisis_help_in_a_silence_ends_the_reflection_with_every_resource(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    # "위험해" ("it's dangerous") stands for "crisis help": among these words the Korean
    # grammar hears it 3/3 from espeak-ng and takes nothing else for it (checked).
    vocabulary = CommandVocabulary({**KOREAN_NAVIGATION.commands, "crisis_help": ("위험해",)})

    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        began = await quiet_began(events)
        await asyncio.sleep(0.5)
        voice.say(ko("위험해"))
        helped, _ = await wait_for(
            events,
            lambda e: isinstance(e, BotUtterance) and "988" in e.text,
            timeout=30,
            after=began,
        )
        # Every line is said, then the session listens (no silence, no next step).
        await wait_for(
            events,
            lambda e: isinstance(e, StateChanged) and e.state == "listening",
            timeout=90,
            after=helped,
        )

    events, dialogue, _ = run_guided(
        pulse, ko_model, rasa_dialogue, "voice-guided-crisis", at_step=1, script=[],
        scenario=scenario, vocabulary=vocabulary,
    )  # fmt: skip
    assert dialogue.sent == ["repeat", "crisis help"]
    commands = events.of_type(VoiceCommand)
    assert [(c.command, c.during_playback) for c in commands] == [("crisis_help", False)]
    last = dialogue.results[-1]
    assert last.intent == "ask_crisis_help" and last.exercise is None and last.guide is None
    assert any("911" in line for line in said(events))
    # The reflection is over: step 2 is never said.
    assert first_sentence(2) not in said(events)


def test_a_designed_silence_is_silent_and_then_moves_on(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        began = await quiet_began(events)
        await wait_for(
            events,
            lambda e: isinstance(e, BotUtterance) and e.text == first_sentence(2),
            timeout=60,
            after=began,
        )
        await asyncio.sleep(1.0)

    events, dialogue, recording = run_guided(
        pulse,
        ko_model,
        rasa_dialogue,
        "voice-guided-quiet",
        at_step=1,
        script=[],
        scenario=scenario,
    )
    assert dialogue.sent == ["repeat", "next"]
    assert not events.of_type(Reprompt)
    prompt_done = next(t for t, e in events.events if isinstance(e, PlaybackFinished))
    next_said = next(
        t for t, e in events.events if isinstance(e, PlaybackStarted) and t > prompt_done
    )
    held = next_said - prompt_done
    designed = HARD_TALK.steps[0].silence_s * SCALE
    print(f"designed silence {designed:.1f} s, held {held:.2f} s from the end of the prompt")
    assert held >= designed
    # Nothing at all came out of the speaker in the silence (the prompt's tail aside).
    loud = [t for t in recording.loud_times() if prompt_done + 0.5 <= t < next_said]
    assert loud == [], f"{len(loud)} loud frames in the silence"
    assert recording.loud_times(), "the prompts were not heard on the speaker"


def test_a_long_answer_with_a_four_second_pause_is_one_turn(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    answer = (
        "i told her i was working late when i was not and i hid the messages "
        "and that cost her months of feeling foolish"
    )

    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        started, _ = await wait_for(
            events,
            lambda e: isinstance(e, StateChanged) and e.profile == "long_form",
            timeout=60,
        )
        voice.say(
            np.concatenate(
                [
                    espeak("I told her I was working late when I was not."),
                    np.zeros(16000 * 4, np.int16),  # thinking
                    espeak("And I hid the messages, and that cost her months."),
                ]
            )
        )
        await wait_for(events, lambda e: isinstance(e, Transcript), timeout=60, after=started)
        await wait_for(
            events,
            lambda e: isinstance(e, BotUtterance) and e.text == first_sentence(3),
            timeout=60,
        )

    events, dialogue, _ = run_guided(
        pulse,
        ko_model,
        rasa_dialogue,
        "voice-guided-answer",
        at_step=2,
        script=[answer],
        scenario=scenario,
        scale=0.3,  # step 2 waits 13.5 s for an answer to begin
    )
    assert dialogue.sent == ["repeat", answer]
    transcripts = events.of_type(Transcript)
    assert [t.text for t in transcripts] == ["repeat", answer]
    ended = events.of_type(SpeechEnded)
    assert ended[-1].speech_s > 6, "the answer was cut at the thinking pause"
    assert not events.of_type(NotUnderstood)
    assert dialogue.results[-1].guide is not None and dialogue.results[-1].guide["step"] == 3
    assert "Thank you." in said(events)


def test_pause_then_continue_picks_up_the_same_step(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        began = await quiet_began(events)
        await asyncio.sleep(0.3)
        voice.say(ko("잠깐"))  # "pause"
        paused, _ = await wait_for(events, lambda e: isinstance(e, SessionPaused), timeout=20)
        await wait_for(
            events, lambda e: isinstance(e, StateChanged) and e.state == "paused", after=paused
        )
        # Longer than the step's (scaled) silence: a paused reflection does not move on.
        await asyncio.sleep(HARD_TALK.steps[0].silence_s * SCALE + 2.0)
        voice.say(ko("계속"))  # "continue"
        resumed, _ = await wait_for(events, lambda e: isinstance(e, SessionResumed), timeout=20)
        await wait_for(
            events,
            lambda e: isinstance(e, BotUtterance) and e.text == first_sentence(1),
            timeout=60,
            after=resumed,
        )
        assert began < paused

    events, dialogue, _ = run_guided(
        pulse,
        ko_model,
        rasa_dialogue,
        "voice-guided-pause",
        at_step=1,
        script=[],
        scenario=scenario,
    )
    assert dialogue.sent == ["repeat", "pause", "continue"]
    steps = [(r.guide["step"], r.guide["paused"]) for r in dialogue.results if r.guide]
    assert steps == [(1, False), (1, True), (1, False)]
    assert any(line.startswith("Picking up") for line in said(events))
    assert not events.of_type(Reprompt)


def test_a_whole_reflection_hands_free_reaches_the_closing(
    pulse: PulseHarness, ko_model: Any, rasa_dialogue: RasaDialogue
) -> None:
    """Silence through every step (answer steps too): each moves on after its designed
    silence, to the end."""

    async def scenario(voice: Voice, events: EventLog, dialogue: GuidedRecording) -> None:
        deadline = time.monotonic() + 600
        while not (dialogue.results and (dialogue.results[-1].guide or {}).get("finished")):
            assert time.monotonic() < deadline, "the reflection never reached its closing"
            await asyncio.sleep(0.5)
        closing, _ = await wait_for(
            events, lambda e: isinstance(e, BotUtterance) and e.text.startswith("That's the end")
        )
        await wait_for(events, lambda e: isinstance(e, PlaybackFinished), after=closing)

    events, dialogue, _ = run_guided(
        pulse,
        ko_model,
        rasa_dialogue,
        "voice-guided-whole",
        at_step=1,
        script=[],
        scenario=scenario,
        scale=0.05,
        rate=260,
        # The course through every step is what is tested here; real playback of the
        # prompts (over two minutes of speech) is covered by the tests above.
        instant_playback=True,
    )
    count = len(HARD_TALK.steps)
    assert dialogue.sent == ["repeat", *["next"] * count]
    steps = [r.guide["step"] for r in dialogue.results if r.guide]
    assert steps == [*range(1, count + 1), count]
    assert dialogue.results[-1].guide is not None and dialogue.results[-1].guide["finished"]
    assert any(line.startswith("That's the end of") for line in said(events))
    assert not events.of_type(Reprompt)


# -- through the replay loop (WAV turns, no sound server): spoken commands at answer steps --


def replay_guided(
    tmp_path: Path,
    dialogue: GuidedRecording,
    lines: list[str],
    *,
    at_step: int | None,
) -> tuple[EventLog, Pyttsx3Synthesizer]:
    """Optionally put the reflection at `at_step` by text, then say `lines` (espeak-ng
    audio as the microphone, the double for the words), one turn each."""
    if at_step is not None:
        asyncio.run(dialogue.reach_step(at_step))
    events = EventLog()
    files = [write_wav(tmp_path / f"turn{i}.wav", espeak(line)) for i, line in enumerate(lines)]
    synthesizer = Pyttsx3Synthesizer(rate=200)
    session = VoiceSession(
        dialogue=dialogue,
        microphone=WavMicrophone(files, speed=None, gap_s=6.0),
        speaker=RecordingSpeaker(None),
        recognizer=ScriptedRecognizer(lines),
        synthesizer=synthesizer,
        commands=None,
        events=events,
        options=SessionOptions(greeting=None, holdoff_s=0.0, guided_silence_scale=0.5),
    )
    assert asyncio.run(session.run()) == "end_of_input"
    return events, synthesizer


def test_slower_at_an_answer_step_slows_the_prompt_said_again(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    dialogue = GuidedRecording(rasa_dialogue, "voice-guided-slower")
    events, synthesizer = replay_guided(
        tmp_path, dialogue, ["repeat", "slower", "repeat"], at_step=2
    )
    assert dialogue.sent == ["repeat", "slower", "repeat"]
    paces = [r.guide["pace"] for r in dialogue.results if r.guide]
    assert paces == [1.0, 0.9, 0.9]
    assert "Okay, more slowly." in said(events)
    # The same sentence, rendered at 0.9 of the rate: about a ninth longer.
    lengths = [e.audio_s for e in events.of_type(SynthesisDone) if e.text == first_sentence(2)]
    assert len(lengths) == 2
    assert 1.05 < lengths[1] / lengths[0] < 1.25, lengths
    assert synthesizer.rate == 180  # still in the reflection, at its pace


def test_a_stopped_reflection_resumes_by_voice_after_a_restart(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    """Stop at step 2 (an answer step: spoken words are heard) by voice; then, as after a
    restart (a fresh conversation, the journal opened again), "resume my reflection" by
    voice picks it up at step 2."""
    sender = "voice-guided-resume"
    privacy = PrivacySettings(data_dir=tmp_path / "data")
    with Journal.open(privacy) as journal:
        before = GuidedRecording(GuidedProgressDialogue(rasa_dialogue, journal), sender)  # type: ignore[arg-type]
        (tmp_path / "one").mkdir()
        replay_guided(tmp_path / "one", before, ["repeat", "stop"], at_step=2)
    assert before.sent == ["repeat", "stop"]
    stopped = before.results[-1].guide
    assert stopped is not None and stopped["stopped"] and stopped["step"] == 2

    rasa_dialogue.end_conversation(sender)  # the process's memory of it is gone
    with Journal.open(privacy) as journal:
        after = GuidedRecording(GuidedProgressDialogue(rasa_dialogue, journal), sender)  # type: ignore[arg-type]
        (tmp_path / "two").mkdir()
        events, _ = replay_guided(tmp_path / "two", after, ["resume my reflection"], at_step=None)
    resumed = after.results[0]
    assert resumed.guide is not None and resumed.guide["step"] == 2
    lines = said(events)
    assert any(line.startswith("Welcome back") for line in lines)
    assert first_sentence(2) in lines
