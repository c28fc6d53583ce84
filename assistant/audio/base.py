"""What the session needs from a microphone and a speaker.

Hardware sits behind these protocols; the sounddevice implementations drive real devices and
the fakes in `assistant.audio.fakes` (a WAV-file microphone, a recording speaker) ship in the
package for replay mode and tests.
"""

from __future__ import annotations

from typing import Protocol

from assistant.errors import AudioDeviceError
from assistant.events import PCM, AudioChunk


class DeviceLostError(AudioDeviceError):
    """A device stopped delivering mid-session (unplugged, server restarted, ...).

    The session catches this, pauses, and retries `restart()` until it works again.
    """

    def __init__(self, message: str, kind: str = "input") -> None:
        super().__init__(message)
        self.kind = kind
        """"input" or "output"."""


class Microphone(Protocol):
    """A source of 16 kHz mono int16 audio, opened once for the whole session."""

    name: str
    """For messages and the events log."""

    def start(self) -> None:
        """Open the stream. Raises `AudioDeviceError` with a fix when it cannot."""

    def restart(self) -> None:
        """Reopen after a `DeviceLostError`. Raises `AudioDeviceError` while still gone."""

    async def read(self) -> AudioChunk | None:
        """The next block, waiting for it. None means the input has ended (replay files)."""

    def listening_started(self) -> None:
        """The session began listening for a user turn. Live microphones ignore this; a
        replay source uses it to start the next recorded turn."""

    def drain(self) -> None:
        """Drop audio that queued up while nobody was reading (e.g. while thinking)."""

    def close(self) -> None:
        """Release the device. Safe to call twice."""


class Speaker(Protocol):
    """A sink for 16 kHz mono int16 audio that can be stopped at once."""

    name: str
    """For messages and the events log."""

    def start(self) -> None:
        """Open the stream. Raises `AudioDeviceError` with a fix when it cannot."""

    def restart(self) -> None:
        """Reopen after a `DeviceLostError`."""

    def play(self, samples: PCM) -> None:
        """Queue samples behind whatever is already playing; returns at once."""

    def stop(self) -> None:
        """Drop everything queued; sound stops within the device latency. Thread-safe."""

    async def wait_done(self) -> None:
        """Wait until everything queued has been heard (or `stop()` was called).
        Raises `DeviceLostError` if the device went away."""

    @property
    def playing(self) -> bool:
        """True while queued audio remains (including the device's own buffer)."""

    def recent_output(self, samples: int, until: float | None = None) -> PCM:
        """The last `samples` samples that went out (zeros when idle): the echo reference.
        With `until` (monotonic), the last that went out by then: the reference for a
        microphone block captured at that moment, however late it is judged."""

    def close(self) -> None:
        """Release the device. Safe to call twice."""
