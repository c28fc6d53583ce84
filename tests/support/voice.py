"""Voice-loop test helpers: writing speech to a WAV, replaying recorded turns through a
VoiceSession, the Korean command words and fast endpointing profiles of the live tests, and
waiting for a session's events or stopping it."""

from __future__ import annotations

import asyncio
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.audio.fakes import RecordingSpeaker, WavMicrophone
from assistant.events import (
    BotUtterance,
    EventLog,
)
from assistant.speech.commands import CommandVocabulary
from assistant.speech.scripted import ScriptedRecognizer
from assistant.speech.tts import Pyttsx3Synthesizer
from assistant.voice.endpointing import PROFILES, TurnProfile
from assistant.voice.session import SessionOptions, VoiceSession


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())
    return path


def replay(
    tmp_path: Path,
    audio: list[np.ndarray | Path],
    script: list[str],
    dialogue: Any,
    *,
    out_wav: bool = True,
    gap_s: float = 6.0,
    ends: str = "end_of_input",
    partials: bool = False,
    speed: float | None = None,
    synthesizer: Any = None,
) -> tuple[EventLog, RecordingSpeaker, Any]:
    files = [
        a if isinstance(a, Path) else write_wav(tmp_path / f"turn{i}.wav", a)
        for i, a in enumerate(audio)
    ]
    events = EventLog(tmp_path / "events.jsonl")
    speaker = RecordingSpeaker(tmp_path / "out.wav" if out_wav else None)
    synthesizer = synthesizer or Pyttsx3Synthesizer()
    session = VoiceSession(
        dialogue=dialogue,
        microphone=WavMicrophone(files, speed=speed, gap_s=gap_s),
        speaker=speaker,
        recognizer=ScriptedRecognizer(script, partials=partials),
        synthesizer=synthesizer,
        commands=None,
        events=events,
        options=SessionOptions(holdoff_s=0.0),
    )
    assert asyncio.run(session.run()) == ends
    events.close()
    return events, speaker, synthesizer


KOREAN_COMMANDS = CommandVocabulary(
    {
        "stop": ("정지",),
        "pause": ("잠깐",),
        "continue": ("계속",),
        "repeat": ("다시",),
        "yes": ("네",),
        "no": ("아니요",),
    }
)
"""Words espeak-ng's Korean voice says clearly enough for the Korean model's grammar mode."""


LONG_REPLY = (
    "Thank you for telling me that. I would like to say a few things about it, slowly, and "
    "you can interrupt me whenever you like. Trust is rebuilt in small steps, one kept promise "
    "at a time. It helps to say what happened plainly, without excuses. It also helps to listen "
    "to how it felt for the other person, and to let them take their time."
)


FAST_PROFILES = {
    **PROFILES,
    "answer": TurnProfile(
        "answer", trailing_silence_s=0.8, max_length_s=20, no_speech_timeout_s=2.0
    ),
}


async def wait_for(
    events: EventLog, predicate: Callable[[Any], bool], timeout: float = 30.0, after: float = 0.0
) -> tuple[float, Any]:
    """The first event (logged after `after`) matching `predicate`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for t, event in list(events.events):
            if t > after and predicate(event):
                return t, event
        await asyncio.sleep(0.02)
    seen = [
        f"{type(e).__name__}({e.text!r})" if isinstance(e, BotUtterance) else type(e).__name__
        for _, e in events.events
    ]
    raise AssertionError(f"no matching event in {timeout}s; saw {seen}")


async def stop_session(task: asyncio.Task[str]) -> None:
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
