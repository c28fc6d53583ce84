"""The small events that flow between the voice stages, and the log that records them.

Every event is a frozen dataclass with a docstring under each field (the wyoming way). The
session emits them in order; an `EventLog` turns each into one JSON line with a monotonic
timestamp, for `kintsugi talk --events FILE`, bug reports, tests and the latency breakdown
(`assistant.voice.latency`).
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 16000
"""Samples per second of all audio after the microphone (and all audio to the speaker):
what Vosk and the endpointer expect. Defined here, once; devices are converted to it."""

PCM = npt.NDArray[np.int16]
"""Mono 16-bit samples. Everything after the microphone is SAMPLE_RATE (16 kHz)."""


@dataclass(frozen=True)
class AudioChunk:
    """A block of microphone audio, already converted to 16 kHz mono int16."""

    samples: PCM = field(repr=False)
    """The samples (16 kHz, mono, int16)."""

    captured_at: float
    """`time.monotonic()` when the block arrived from the device (or the replay file)."""

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


@dataclass(frozen=True)
class SessionStarted:
    """The voice session is ready: devices open, model loaded."""

    input: str
    """Human-readable name of the audio source."""

    output: str
    """Human-readable name of the audio sink."""


@dataclass(frozen=True)
class StateChanged:
    """The turn loop moved to another state."""

    state: str
    """New state ("listening", "thinking", "speaking", "paused", ...)."""

    profile: str | None = None
    """Endpointing profile while listening ("command", "answer", "long_form")."""


@dataclass(frozen=True)
class SpeechStarted:
    """The endpointer heard the user begin to speak."""

    audio_s: float
    """Position in the turn's audio (seconds since listening began)."""


@dataclass(frozen=True)
class SpeechEnded:
    """The endpointer decided the user's turn is over."""

    reason: str
    """"silence" (trailing silence reached), "max_length", "command" (a short voice command
    ended the turn early) or "end_of_input"."""

    speech_s: float
    """Audio from the first speech to the end of the last speech, in seconds."""


@dataclass(frozen=True)
class PartialTranscript:
    """The recognizer's current guess while the user is still talking."""

    text: str
    """Words so far (may change)."""


@dataclass(frozen=True)
class Word:
    """One recognized word with its timing and confidence."""

    word: str
    """The word as the model spells it."""

    start_s: float
    """Start time within the utterance, seconds."""

    end_s: float
    """End time within the utterance, seconds."""

    confidence: float
    """Posterior probability from the recognizer, 0..1."""


@dataclass(frozen=True)
class Delivery:
    """How something was said, measured from audio — for kind feedback on spoken practice."""

    duration_s: float
    """From the first recognized word to the last."""

    words_per_minute: float
    """Speaking rate over `duration_s` (0 when fewer than two words)."""

    long_pauses: int
    """Gaps between words of `long_pause_s` or more (thinking pauses)."""

    longest_pause_s: float
    """The longest gap between words."""

    fillers: int
    """Filler words ("um", "uh", ...)."""

    pauses_s: tuple[float, ...] = ()
    """Every gap between words of 0.3 s or more, in order (the shape the coaching
    analyzers take as `pauses_s`)."""

    loudness_db: float | None = None
    """Speech level: RMS of the voiced frames in dB relative to full scale (dBFS), or None
    when not measured. Only differences between turns mean anything (mic gain, distance)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "duration_s": round(self.duration_s, 2),
            "words_per_minute": round(self.words_per_minute, 1),
            "long_pauses": self.long_pauses,
            "longest_pause_s": round(self.longest_pause_s, 2),
            "fillers": self.fillers,
            "pauses_s": [round(p, 2) for p in self.pauses_s],
            "loudness_db": None if self.loudness_db is None else round(self.loudness_db, 1),
        }


@dataclass(frozen=True)
class Transcript:
    """The recognizer's final result for one user turn."""

    text: str
    """Recognized words, space separated ("" when nothing usable was heard)."""

    words: tuple[Word, ...] = ()
    """Each word with timing and confidence."""

    delivery: Delivery | None = None
    """Delivery facts measured from the audio (None for an empty transcript)."""

    @property
    def confidence(self) -> float:
        """Mean word confidence (0 for no words)."""
        if not self.words:
            return 0.0
        return sum(w.confidence for w in self.words) / len(self.words)


@dataclass(frozen=True)
class NotUnderstood:
    """The turn's audio gave no usable words (empty or low confidence)."""

    text: str
    """What the recognizer guessed, if anything."""

    confidence: float
    """Mean word confidence of that guess."""


@dataclass(frozen=True)
class VoiceCommand:
    """A word from the command grammar was heard (during playback or in a command turn)."""

    command: str
    """Canonical command ("stop", "pause", "continue", "repeat", "slower", ...)."""

    during_playback: bool
    """True when it interrupted the assistant."""


@dataclass(frozen=True)
class DialogueReply:
    """The dialogue answered a user turn."""

    texts: tuple[str, ...]
    """Reply texts in order."""

    expect: str
    """Endpointing profile the dialogue wants for the next user turn."""


@dataclass(frozen=True)
class BotUtterance:
    """One sentence the assistant is about to say."""

    text: str
    """The sentence."""


@dataclass(frozen=True)
class SynthesisDone:
    """A sentence was rendered to audio."""

    text: str
    """The sentence."""

    audio_s: float
    """Length of the rendered audio, seconds."""


@dataclass(frozen=True)
class SynthesisFailed:
    """A sentence could not be rendered, even on a second try: it was shown, not said."""

    text: str
    """The sentence (already on screen through `BotUtterance`)."""

    error: str
    """What the synthesizer reported."""


@dataclass(frozen=True)
class PlaybackStarted:
    """The first audio of a reply went out to the speaker."""

    text: str
    """The first sentence of that reply."""


@dataclass(frozen=True)
class PlaybackFinished:
    """The speaker finished (or was stopped)."""

    interrupted: bool
    """True when barge-in, Ctrl-C or a device problem cut it short."""


@dataclass(frozen=True)
class BargeIn:
    """The user interrupted the assistant with a voice command."""

    command: str
    """The command that interrupted ("stop", "pause", "wait")."""


@dataclass(frozen=True)
class PartnerSpeech:
    """In a listening role-play, the partner's own voice began or ended (finished or cut
    off). Between the two, a voice over theirs is an interruption."""

    segment: int
    """The monologue segment (1-based)."""

    started: bool
    """True when their voice began; False when it ended."""

    partner_s: float
    """Partner time at this moment: seconds of their speech and pauses so far."""


@dataclass(frozen=True)
class PartnerInterrupted:
    """In a listening role-play, the user spoke before the partner had finished: over their
    voice (`overlap`), or into one of their designed pauses."""

    at_s: float
    """When the user's voice began, in the partner's own time: seconds of their speech and
    designed pauses since the monologue began (`assistant.voice.overlap.MonologueClock`)."""

    segment: int
    """The segment being spoken, or paused after (1-based)."""

    overlap: bool
    """True when the user's voice overlapped the partner's; False inside a pause."""

    detected_after_s: float = 0.0
    """From the onset of the user's voice to the decision (the detector's latency)."""


@dataclass(frozen=True)
class EchoSuppressed:
    """Microphone audio was recognised as our own voice coming back and ignored."""

    text: str
    """What the command recognizer thought it heard."""


@dataclass(frozen=True)
class Reprompt:
    """No speech came in time; the assistant nudged gently."""

    count: int
    """How many reprompts in a row (the second silence pauses the session)."""


@dataclass(frozen=True)
class SessionPaused:
    """The session paused and waits for "continue"."""

    reason: str
    """"silence", "user" (the user said pause) or "device"."""


@dataclass(frozen=True)
class SessionResumed:
    """The session picked up again after a pause."""

    reason: str
    """"user" or "device"."""


@dataclass(frozen=True)
class DeviceLost:
    """An audio device went away."""

    device: str
    """Which one ("input" or "output") and its name."""

    error: str
    """What PortAudio said."""


@dataclass(frozen=True)
class DeviceRestored:
    """A lost audio device is back and streaming."""

    device: str
    """Which one ("input" or "output") and its name."""


@dataclass(frozen=True)
class InputOverflow:
    """The microphone delivered faster than we consumed; samples were dropped."""

    total: int
    """Overflows so far in this session."""


@dataclass(frozen=True)
class SessionEnded:
    """The session is over."""

    reason: str
    """"end_of_input", "user", "interrupted" (Ctrl-C) or "error"."""


Event = Any
"""Any of the dataclasses above (kept open so tests can log their own markers)."""


def event_name(event: Event) -> str:
    return type(event).__name__


def event_to_json(event: Event) -> dict[str, Any]:
    """The JSON-able fields of an event (audio samples are never written)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        if isinstance(value, np.ndarray):
            continue
        out[f.name] = _jsonable(value)
    return out


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        to_json = getattr(value, "to_json", None)
        if callable(to_json):
            return to_json()
        return event_to_json(value)
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


Listener = Callable[[float, Event], None]


class EventLog:
    """Collects events with monotonic timestamps; optionally writes one JSON line each.

    Thread-safe: the audio threads report overflows and device loss through it too.
    `AudioChunk`s are never logged (they are far too many and they are audio).
    """

    def __init__(self, path: Path | None = None, *, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._file: IO[str] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("w", encoding="utf-8")
        self._listeners: list[Listener] = []
        self.events: list[tuple[float, Event]] = []
        """Everything emitted so far (kept for tests and the end-of-session summary)."""

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def emit(self, event: Event) -> None:
        if isinstance(event, AudioChunk):
            return
        t = self._clock()
        with self._lock:
            self.events.append((t, event))
            if self._file is not None:
                line = {"t": round(t, 4), "event": event_name(event), **event_to_json(event)}
                self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
                self._file.flush()
        for listener in self._listeners:
            listener(t, event)

    def of_type(self, kind: type) -> list[Any]:
        with self._lock:
            return [e for _, e in self.events if isinstance(e, kind)]

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def read_events(path: Path) -> list[dict[str, Any]]:
    """Load an events file written by `EventLog` (one JSON object per line)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
