"""The voice turn loop on real PortAudio streams, real espeak-ng and real Vosk (Korean model).

The "user" is espeak-ng speech played into the microphone's null sink at scripted times;
what the assistant says is recorded from the speaker's monitor. The dialogue is a double
(the Rasa side is tested elsewhere): it answers every turn with a long English reply.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from assistant.audio import SoundDeviceMicrophone, SoundDeviceSpeaker
from assistant.dialogue.bridge import TurnResult
from assistant.events import (
    BargeIn,
    DeviceLost,
    DeviceRestored,
    EventLog,
    PlaybackFinished,
    PlaybackStarted,
    Reprompt,
    SessionPaused,
    SessionResumed,
    StateChanged,
    Transcript,
)
from assistant.speech.tts import Pyttsx3Synthesizer
from assistant.speech.vosk_recognizer import CommandRecognizer, VoskRecognizer
from assistant.voice.session import SessionOptions, VoiceSession
from tests.audio.harness import PulseHarness, Recorder, espeak
from tests.support.voice import FAST_PROFILES, KOREAN_COMMANDS, LONG_REPLY, stop_session, wait_for

pytestmark = [pytest.mark.audio, pytest.mark.model, pytest.mark.slow]


class LongReplyDialogue:
    """Dialogue DOUBLE: answers every turn with the same long reply."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        self.heard.append(text)
        return TurnResult(
            sender=sender,
            text=text,
            intent="share",
            confidence=1.0,
            exercise=None,
            safety=None,
            bot=[LONG_REPLY],
        )


def make_session(ko_model: Any, events: EventLog, **options: Any) -> VoiceSession:
    return VoiceSession(
        dialogue=LongReplyDialogue(),
        microphone=SoundDeviceMicrophone("pulse"),
        speaker=SoundDeviceSpeaker("pulse"),
        recognizer=VoskRecognizer(ko_model),
        synthesizer=Pyttsx3Synthesizer(rate=170),
        commands=CommandRecognizer(ko_model, KOREAN_COMMANDS),
        events=events,
        options=SessionOptions(
            greeting=None, min_confidence=0.0, profiles=FAST_PROFILES, **options
        ),
    )


def last_sound_between(recording: Recorder, start: float, end: float) -> float | None:
    times = [t for t in recording.loud_times() if start <= t <= end]
    return max(times) if times else None


def test_barge_in_stops_playback_promptly(pulse: PulseHarness, ko_model: Any) -> None:
    events = EventLog()
    hello, stop = espeak("안녕하세요", "ko", 140), espeak("정지", "ko", 140)

    async def scenario() -> tuple[float, float, float]:
        with pulse.voice() as voice:
            session = make_session(ko_model, events)
            task = asyncio.create_task(session.run())
            await wait_for(events, lambda e: isinstance(e, StateChanged) and e.state == "listening")
            voice.say(hello)
            started, _ = await wait_for(events, lambda e: isinstance(e, PlaybackStarted))
            await asyncio.sleep(2.0)  # well into the reply
            voice.say(stop)
            said_stop = voice.wait(10)
            barged, _ = await wait_for(events, lambda e: isinstance(e, BargeIn), timeout=10)
            await asyncio.sleep(1.5)
            await stop_session(task)
            return said_stop, barged, started

    with pulse.recorder() as recording:
        said_stop, barged, started = asyncio.run(scenario())
        last_sound = last_sound_between(recording, started, barged + 1.4)
    assert events.of_type(BargeIn)[0].command == "stop"
    assert last_sound is not None
    assert events.of_type(PlaybackFinished)[0].interrupted
    stop_latency = last_sound - barged
    end_to_silence = last_sound - said_stop
    print(
        f"barge-in: audio stopped {stop_latency * 1000:.0f} ms after the decision, "
        f"{end_to_silence * 1000:.0f} ms after the user finished saying stop"
    )
    # Measured from the recording of the speaker sink. The printed figures are the latency
    # (200 ms is the design target); the test asserts the behaviour, which holds on a busy
    # 2-core machine too: the speaker went quiet long before the reply would have ended.
    reply_seconds = len(LONG_REPLY.split()) * 60 / 170  # the synthesiser speaks 170 words/min
    assert last_sound - started < reply_seconds / 2


def test_own_voice_looped_into_the_microphone_is_not_a_user_turn(
    pulse: PulseHarness, ko_model: Any
) -> None:
    events = EventLog()
    hello = espeak("안녕하세요", "ko", 140)

    async def scenario() -> LongReplyDialogue:
        with pulse.voice() as voice, pulse.speaker_into_mic():
            session = make_session(ko_model, events)
            dialogue = session.dialogue
            assert isinstance(dialogue, LongReplyDialogue)
            task = asyncio.create_task(session.run())
            await wait_for(events, lambda e: isinstance(e, StateChanged) and e.state == "listening")
            voice.say(hello)
            await wait_for(events, lambda e: isinstance(e, PlaybackFinished), timeout=60)
            await asyncio.sleep(1.5)  # listening again, with our voice's tail in the room
            await stop_session(task)
            return dialogue

    dialogue = asyncio.run(scenario())
    assert not events.of_type(BargeIn), "the assistant interrupted itself"
    assert events.of_type(PlaybackFinished)[0].interrupted is False
    assert len(dialogue.heard) == 1, f"echo became a user turn: {dialogue.heard}"
    assert len(events.of_type(Transcript)) == 1


def test_silence_gets_one_reprompt_then_a_pause_until_continue(
    pulse: PulseHarness, ko_model: Any
) -> None:
    events = EventLog()
    go_on = espeak("계속", "ko", 140)

    async def scenario() -> None:
        with pulse.voice() as voice:
            session = make_session(ko_model, events)
            task = asyncio.create_task(session.run())
            await wait_for(events, lambda e: isinstance(e, SessionPaused), timeout=30)
            await wait_for(events, lambda e: isinstance(e, StateChanged) and e.state == "paused")
            await asyncio.sleep(3.0)  # endless silence while paused: no more prompts
            voice.say(go_on)
            await wait_for(events, lambda e: isinstance(e, SessionResumed), timeout=15)
            await stop_session(task)

    with pulse.recorder() as recording:
        asyncio.run(scenario())
        spoken = recording.loud_times()
    assert [r.count for r in events.of_type(Reprompt)] == [1, 2]
    assert events.of_type(SessionPaused)[0].reason == "silence"
    assert spoken, "the reprompt and the pause were not heard on the speaker"


def test_sound_server_vanishing_pauses_and_resumes(pulse: PulseHarness, ko_model: Any) -> None:
    events = EventLog()
    hello = espeak("안녕하세요", "ko", 140)

    async def scenario() -> None:
        session = make_session(ko_model, events, retry_interval_s=0.5)
        task = asyncio.create_task(session.run())
        await wait_for(events, lambda e: isinstance(e, StateChanged) and e.state == "listening")
        pulse.kill()
        await wait_for(events, lambda e: isinstance(e, DeviceLost), timeout=15)
        await asyncio.sleep(1.0)  # a few failed retries while it is gone
        pulse.start()
        with pulse.voice() as voice:
            restored, _ = await wait_for(
                events, lambda e: isinstance(e, DeviceRestored), timeout=20
            )
            await wait_for(
                events,
                lambda e: isinstance(e, StateChanged) and e.state == "listening",
                after=restored,
            )
            voice.say(hello)
            await wait_for(events, lambda e: isinstance(e, Transcript), timeout=20)
        await stop_session(task)

    asyncio.run(scenario())
    assert events.of_type(SessionPaused)[0].reason == "device"
    assert events.of_type(SessionResumed)[0].reason == "device"
