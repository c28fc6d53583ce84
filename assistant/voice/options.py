"""The voice session's states and its behaviour knobs."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.speech import phrases
from assistant.voice.endpointing import PROFILES, TurnProfile


class State(enum.Enum):
    IDLE = "idle"
    LISTENING = "listening"
    THINKING = "thinking"
    SPEAKING = "speaking"
    PAUSED = "paused"
    QUIET = "quiet"
    """A guided reflection's designed silence: nothing said, commands only."""
    RECOVERING = "recovering"
    STOPPED = "stopped"


@dataclass(frozen=True)
class SessionOptions:
    """Behaviour knobs of the turn loop (tests shorten the waits)."""

    greeting: str | None = phrases.GREETING
    """Said once at the start (None: start by listening)."""

    min_confidence: float = 0.45
    """Mean word confidence below which a transcript counts as not understood."""

    max_not_understood: int = 3
    """After this many "didn't catch that" in a row the session pauses instead."""

    holdoff_s: float = 0.3
    """After playback, microphone audio this long is dropped (our voice's room tail)."""

    retry_interval_s: float = 1.0
    """How often a lost device is tried again."""

    early_end_speech_s: float = 2.0
    """A turn whose words so far are exactly one voice command, no longer than this,
    ends after the command profile's short silence whatever the profile (so "stop"
    never waits for long-form patience)."""

    echo_guard: bool = True
    """Use the correlation echo guard during playback (module-echo-cancel may make it moot)."""

    profiles: Mapping[str, TurnProfile] = field(default_factory=lambda: dict(PROFILES))
    """Endpointing profiles by name ("command", "answer", "long_form")."""

    guided_silence_scale: float = 1.0
    """TEST KNOB: multiplies the designed silences of guided reflections (tests shorten
    them). Keep 1.0 in use: the silences are part of the reflection."""
