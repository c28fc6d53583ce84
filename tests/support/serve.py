"""Home-device test doubles: a microphone the test pushes audio into, a wake-phrase decoder
that hears scripted lines, a session double, and a device built from them."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio.fakes import RecordingSpeaker
from assistant.dialogue.bridge import TurnResult
from assistant.events import (
    PCM,
    AudioChunk,
    EventLog,
    SessionEnded,
    SessionStarted,
    StateChanged,
    Word,
)
from assistant.home.quiet_hours import QuietHours
from assistant.home.serve import (
    HomeDevice,
    ServeOptions,
)
from assistant.home.wake import Spotter, plan_phrases
from assistant.journal.journaled_dialogue import JournaledDialogue
from assistant.journal.store import Journal
from assistant.settings import ServeSettings
from assistant.speech.tts import Pyttsx3Synthesizer

BLOCK = 320  # 20 ms


class ScriptedPhraseDecoder:
    """Recognizer DOUBLE for the English wake grammar: each utterance the real energy gate
    delivers is "heard" as the next scripted line (all words confident)."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self.lines = deque(lines)
        self.samples = 0

    def accept(self, samples: PCM) -> None:
        self.samples += len(samples)

    def finish(self) -> list[Word]:
        self.samples = 0
        text = self.lines.popleft() if self.lines else ""
        return [Word(w, 0.0, 0.0, 1.0) for w in text.split()]

    def reset(self) -> None:
        self.samples = 0


class PushMicrophone:
    """Microphone DOUBLE: silence in real time, and whatever the test says into it."""

    name = "test microphone"

    def __init__(self) -> None:
        self.pending: deque[PCM] = deque()
        self.opened = 0
        self.closed = 0

    def say(self, samples: PCM) -> None:
        audio = np.concatenate([samples, np.zeros(16000, dtype=np.int16)])
        self.pending.extend(audio[i : i + BLOCK] for i in range(0, len(audio), BLOCK))

    def start(self) -> None:
        self.opened += 1

    def restart(self) -> None:
        pass

    async def read(self) -> AudioChunk:
        await asyncio.sleep(BLOCK / 16000 / 4)  # four times real time: short tests
        block = self.pending.popleft() if self.pending else np.zeros(BLOCK, dtype=np.int16)
        return AudioChunk(block, time.monotonic())

    def listening_started(self) -> None:
        pass

    def drain(self) -> None:
        pass

    def close(self) -> None:
        self.closed += 1


def make_device(
    tmp_path: Path,
    lines: Iterable[str],
    *,
    journal: Journal | None = None,
    pause: bool = False,
    quiet: str = "",
    clock: Callable[[], datetime] = lambda: datetime(2026, 6, 1, 12, 0),
    **options: Any,
) -> tuple[HomeDevice, PushMicrophone, EventLog]:
    events = EventLog()
    mic = PushMicrophone()
    plan = plan_phrases(ServeSettings(), lambda _word: True)  # the double knows every word
    dialogue = JournaledDialogue(FeedbackDialogue(), journal) if journal else None
    device = HomeDevice(
        microphone=mic,
        speaker=RecordingSpeaker(),
        spotter=Spotter(ScriptedPhraseDecoder(lines), plan.phrases),
        synthesizer=Pyttsx3Synthesizer(),
        new_session=lambda _mic, _speaker, log: SessionDouble(dialogue, log, pause),
        events=events,
        journal=journal,
        quiet_hours=QuietHours.parse(quiet),
        options=ServeOptions(holdoff_s=0.0, **options),
        local_time=clock,
    )
    return device, mic, events


async def until(events: EventLog, kind: type, count: int = 1, timeout: float = 60.0) -> list[Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = events.of_type(kind)
        if len(found) >= count:
            return found
        await asyncio.sleep(0.02)
    names = [type(e).__name__ for _, e in events.events]
    raise AssertionError(f"no {count} x {kind.__name__} within {timeout}s; saw {names}")


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.wait({task})
    assert task.cancelled()


class SessionDouble:
    """VoiceSession DOUBLE: one recorded turn through the journaled dialogue, then it ends
    (or, with `pause`, sits paused until cancelled, as a session left alone does)."""

    def __init__(self, dialogue: JournaledDialogue | None, events: EventLog, pause: bool):
        self.dialogue, self.events, self.pause = dialogue, events, pause

    async def run(self) -> str:
        self.events.emit(SessionStarted(input="lease", output="lease"))
        try:
            if self.dialogue is not None:
                await self.dialogue.handle("home-1", "i am sorry i forgot your birthday")
            if self.pause:
                self.events.emit(StateChanged("paused"))
                await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.events.emit(SessionEnded("interrupted"))
            raise
        self.events.emit(SessionEnded("user"))
        return "user"


class FeedbackDialogue:
    """Dialogue DOUBLE: every turn produces apology feedback (so the journal keeps a row)."""

    async def handle(self, sender: str, text: str, audio: Any = None) -> TurnResult:
        return TurnResult(
            sender=sender, text=text, intent="apology_attempt", confidence=1.0,
            exercise="apology", safety=None, bot=["Thank you."],
            feedback={"exercise": "apology", "score": 55, "attempt": 1},
        )  # fmt: skip
