"""What the session needs from speech recognition and speech synthesis."""

from __future__ import annotations

from typing import Protocol

from assistant.events import PCM, Transcript


class Recognizer(Protocol):
    """Streaming speech-to-text for one user turn at a time (16 kHz mono int16 in)."""

    def accept(self, samples: PCM) -> str:
        """Feed audio; returns the current partial transcript ("" when none yet)."""

    def final(self) -> Transcript:
        """End the turn: the final transcript with per-word confidences. Resets for the
        next turn."""

    def reset(self) -> None:
        """Forget the current turn's audio (after barge-in, a pause, ...)."""


class Synthesizer(Protocol):
    """Text-to-speech that renders to samples, so playback can be stopped and timed."""

    rate: int
    """Speaking rate in words per minute."""

    def synthesize(self, text: str) -> PCM:
        """One sentence to 16 kHz mono int16. Raises `SynthesisError`."""

    def slower(self) -> int:
        """Lower the rate one step for the rest of the session; returns the new rate."""

    def faster(self) -> int:
        """Raise the rate one step for the rest of the session; returns the new rate."""
