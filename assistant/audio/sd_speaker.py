"""The live speaker: one PortAudio output stream, fed from a queue that `stop()` empties.

Keeping one stream open for the whole session makes the first audio of a reply start within
one block, and makes stopping instant: `stop()` drops what is queued, so only the device's
own buffer (tens of milliseconds) is still heard. The samples that went out are kept for a
few seconds as the echo guard's reference.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.aio import wait_event
from assistant.audio.base import DeviceLostError
from assistant.audio.closing import close_stream_in_background, wait_closed
from assistant.audio.convert import resample
from assistant.audio.devices import DeviceInfo, resolve_device, sounddevice_module
from assistant.errors import AudioDeviceError
from assistant.events import PCM, SAMPLE_RATE

logger = logging.getLogger(__name__)

STALL_S = 3.0
"""Longer than the queued audio plus this, and playback counts as stuck (device lost)."""

GAP_S = 0.01
"""A jump in the stream's playback time larger than this (an underrun) is silence heard
between two blocks: the echo reference leaves room for it."""

REFERENCE_S = 6.0
"""How much played audio the echo guard can look back on: the echo delay (up to a second)
plus the microphone audio still waiting to be judged when the box is busy."""


class SoundDeviceSpeaker:
    """A real speaker through sounddevice/PortAudio."""

    def __init__(self, device: str = "", *, block_ms: int = 20) -> None:
        self._spec = device
        self._block_ms = block_ms
        self._stream: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self._pending: collections.deque[PCM] = collections.deque()
        self._offset = 0  # samples of _pending[0] already played
        self._queued = 0
        self._rate = SAMPLE_RATE
        self._channels = 1
        self._reference = np.zeros(int(REFERENCE_S * SAMPLE_RATE), dtype=np.int16)
        self._produced = 0  # samples ever written into _reference
        self._stamps: collections.deque[tuple[float, int]] = collections.deque()
        self._next_dac = 0.0  # when the sample after the last block is due out (stream time)
        self._idle = asyncio.Event()
        self._lost = False
        self._closing = False
        self._consumed = 0
        self._closed: threading.Event | None = None
        self.name = device or "default output"
        self.device: DeviceInfo | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Event()
        self._idle.set()
        sd = sounddevice_module()
        self.device = resolve_device(self._spec, "output")
        self.name = self.device.name
        self._rate, self._channels = self._choose_format(sd, self.device)
        self._reference = np.zeros(int(REFERENCE_S * self._rate), dtype=np.int16)
        self._produced = 0
        self._stamps = collections.deque(maxlen=int(REFERENCE_S * 1000 / self._block_ms) + 1)
        self._next_dac = 0.0
        self._lost = False
        self._closing = False
        self._consumed = 0
        try:
            stream = sd.OutputStream(
                device=self.device.index,
                samplerate=self._rate,
                channels=self._channels,
                dtype="int16",
                blocksize=int(self._rate * self._block_ms / 1000),
                callback=self._callback,
                finished_callback=self._finished,
            )
            stream.start()
        except sd.PortAudioError as error:
            raise AudioDeviceError(
                f"Could not open the speaker '{self.device.name}': {error}. "
                "If another program is using it, close that program; or choose another "
                "device with --output-device (see `kintsugi devices`)."
            ) from error
        self._stream = stream
        self._warm_up()
        logger.info("speaker %s open at %d Hz", self.name, self._rate)

    def _warm_up(self, seconds: float = 0.3, limit_s: float = 4.0) -> None:
        """Let the stream play `seconds` of silence before the first sentence.

        Through ALSA's PulseAudio plugin an output stream consumes slowly for its first second
        or two; a first sentence played then would drag. Real hardware passes this at once.
        """
        deadline = time.monotonic() + limit_s
        while self._consumed < seconds * self._rate and time.monotonic() < deadline:
            time.sleep(0.02)

    @staticmethod
    def _choose_format(sd: Any, device: DeviceInfo) -> tuple[int, int]:
        native = int(device.default_samplerate) or 48000
        for rate, channels in ((SAMPLE_RATE, 1), (native, 1), (native, 2), (48000, 2)):
            try:
                sd.check_output_settings(
                    device=device.index, samplerate=rate, channels=channels, dtype="int16"
                )
            except sd.PortAudioError:
                continue
            else:
                return rate, channels
        raise AudioDeviceError(
            f"The speaker '{device.name}' accepts none of the usual formats. "
            "Choose another with --output-device (see `kintsugi devices`)."
        )

    def restart(self) -> None:
        self._close_stream()
        self.start()

    def close(self) -> None:
        self.stop()
        self._close_stream()
        wait_closed(self._closed, f"the speaker '{self.name}'")

    def _close_stream(self) -> None:
        """Hand the stream to a closing thread; returns at once (see `closing`)."""
        self._closing = True
        stream, self._stream = self._stream, None
        if stream is not None:
            self._closed = close_stream_in_background(stream, f"speaker {self.name}")

    # -- playing ---------------------------------------------------------------------------

    def play(self, samples: PCM) -> None:
        if self._lost or self._stream is None:
            raise DeviceLostError(f"The speaker '{self.name}' is not available.", "output")
        data = resample(samples, SAMPLE_RATE, self._rate)
        with self._lock:
            self._pending.append(data)
            self._queued += len(data)
            self._idle.clear()

    def stop(self) -> None:
        with self._lock:
            self._pending.clear()
            self._offset = 0
            self._queued = 0
        self._post(self._idle.set)

    async def wait_done(self) -> None:
        # A stream that silently stops calling back would otherwise make us wait forever.
        allowed_s = self._queued / self._rate + STALL_S
        if not await wait_event(self._idle, allowed_s):
            self._lost = True
            raise DeviceLostError(f"The speaker '{self.name}' stopped playing.", "output")
        if self._lost:
            raise DeviceLostError(f"The speaker '{self.name}' went away.", "output")
        # The last block is still in the device buffer: wait until it has been heard.
        stream = self._stream
        if stream is not None:
            await asyncio.sleep(float(stream.latency))

    @property
    def playing(self) -> bool:
        return not self._idle.is_set()

    def recent_output(self, samples: int, until: float | None = None) -> PCM:
        with self._lock:
            reference = self._reference.copy()
            back = self._produced - self._produced_by(until) if until is not None else 0
        # Audio written after `until` cannot be in a microphone block captured by then: drop
        # it, so the reference lines up with the block however late the block is judged.
        back = min(back, len(reference))
        reference = reference[: len(reference) - back]
        if self._rate != SAMPLE_RATE:
            reference = resample(reference, self._rate, SAMPLE_RATE)
        return reference[-samples:] if samples < len(reference) else reference

    def _produced_by(self, moment: float) -> int:
        """Samples written by `moment` (monotonic): the count at the last callback no later
        than it (the oldest one kept, for a moment older than all). Callers hold the lock."""
        for stamp, count in reversed(self._stamps):
            if stamp <= moment:
                return count
        return self._stamps[0][1] if self._stamps else self._produced

    # -- audio thread ----------------------------------------------------------------------

    def _callback(self, outdata: Any, frames: int, timing: Any, _status: Any) -> None:
        self._consumed += frames
        block = np.zeros(frames, dtype=np.int16)
        filled = 0
        with self._lock:
            while filled < frames and self._pending:
                head = self._pending[0]
                take = min(frames - filled, len(head) - self._offset)
                block[filled : filled + take] = head[self._offset : self._offset + take]
                filled += take
                self._offset += take
                if self._offset >= len(head):
                    self._pending.popleft()
                    self._offset = 0
            self._queued -= filled
            finished = filled > 0 and not self._pending
            self._record(block, float(getattr(timing, "outputBufferDacTime", 0.0) or 0.0))
        outdata[:] = (
            block.reshape(-1, 1)
            if self._channels == 1
            else np.repeat(block.reshape(-1, 1), self._channels, axis=1)
        )
        if finished:
            self._post(self._idle.set)

    def _record(self, block: PCM, dac: float) -> None:
        """Add `block` to the echo reference as it will be heard. After an underrun the
        device played silence the blocks never held, and the stream's playback time jumps;
        the reference gets that silence too, or the echo heard after it would no longer match
        (the own-voice listening test read itself as the user cutting in). Callers hold the
        lock; `dac` 0 means the host API gives no playback time."""
        gap = 0
        if dac > 0.0 and self._next_dac > 0.0 and dac - self._next_dac > GAP_S:
            gap = min(round((dac - self._next_dac) * self._rate), len(self._reference))
        self._next_dac = dac + len(block) / self._rate if dac > 0.0 else 0.0
        step = gap + len(block)
        self._reference = np.roll(self._reference, -step)
        self._reference[-step:] = 0
        self._reference[-len(block) :] = block
        self._produced += step
        self._stamps.append((time.monotonic(), self._produced))

    def _finished(self) -> None:
        if not self._closing:
            self._lost = True
            self._post(self._idle.set)

    def _post(self, function: Callable[[], Any]) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            function()
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(function)
