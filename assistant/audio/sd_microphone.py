"""The live microphone: one PortAudio input stream for the whole session.

The PortAudio callback only copies the block and hands it to the event loop; conversion to
16 kHz mono happens in `read()`. Overflows are counted and logged, never fatal. When the
stream dies (device unplugged, sound server restarted) or stalls, `read()` raises
`DeviceLostError`; the session pauses and calls `restart()` until the device is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.audio.base import DeviceLostError
from assistant.audio.closing import close_stream_in_background, wait_closed
from assistant.audio.convert import ToMono16k
from assistant.audio.devices import DeviceInfo, resolve_device, sounddevice_module
from assistant.errors import AudioDeviceError
from assistant.events import SAMPLE_RATE, AudioChunk

logger = logging.getLogger(__name__)

_LOST = object()
"""Queue marker: the stream ended without us asking."""

_STALLED = object()
"""Queue marker: the stream is open but has delivered nothing for a while."""


class SoundDeviceMicrophone:
    """A real microphone through sounddevice/PortAudio."""

    def __init__(
        self,
        device: str = "",
        *,
        capture_rate: int = 0,
        block_ms: int = 20,
        max_queue_s: float = 10.0,
        stall_timeout_s: float = 4.0,
        on_overflow: Callable[[int], None] | None = None,
    ) -> None:
        """`capture_rate` 0 means 16 kHz when the device takes it, else its own rate.

        `max_queue_s` bounds memory if nobody reads for a while (older blocks are dropped and
        counted as overflows); `stall_timeout_s` turns a stream that silently stopped
        delivering into a `DeviceLostError`.
        """
        self._spec = device
        self._capture_rate = capture_rate
        self._block_ms = block_ms
        self._max_blocks = max(1, int(max_queue_s * 1000 / block_ms))
        self._stall_timeout_s = stall_timeout_s
        self._on_overflow = on_overflow
        self._stream: Any = None
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._converter: ToMono16k | None = None
        self._closing = False
        self._last_block = 0.0
        self._watchdog: asyncio.TimerHandle | None = None
        self._closed: threading.Event | None = None
        self.name = device or "default input"
        self.device: DeviceInfo | None = None
        self.overflows = 0
        """Blocks PortAudio or our own queue had to drop."""
        self.format: tuple[int, int] = (SAMPLE_RATE, 1)
        """(rate, channels) the device actually delivers."""

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        sd = sounddevice_module()
        self.device = resolve_device(self._spec, "input")
        self.name = self.device.name
        rate, channels = self._choose_format(sd, self.device)
        self.format = (rate, channels)
        self._converter = ToMono16k(rate, channels)
        self._closing = False
        try:
            stream = sd.InputStream(
                device=self.device.index,
                samplerate=rate,
                channels=channels,
                dtype="int16",
                blocksize=int(rate * self._block_ms / 1000),
                callback=self._callback,
                finished_callback=self._finished,
            )
            stream.start()
        except sd.PortAudioError as error:
            raise _open_error(self.device, error) from error
        self._stream = stream
        self._last_block = time.monotonic()
        self._watch()
        logger.info("microphone %s open at %d Hz, %d channel(s)", self.name, rate, channels)

    def _watch(self) -> None:
        """Check now and then whether the stream went quiet without telling us. (`read()`
        itself has no timeout: see `assistant.aio` on why not `asyncio.wait_for`.)"""
        assert self._loop is not None
        self._watchdog = self._loop.call_later(self._stall_timeout_s / 2, self._check_stall)

    def _check_stall(self) -> None:
        if self._stream is None or self._closing:
            return
        if time.monotonic() - self._last_block > self._stall_timeout_s:
            self._queue.put_nowait(_STALLED)
            return
        self._watch()

    def _choose_format(self, sd: Any, device: DeviceInfo) -> tuple[int, int]:
        """16 kHz mono if the device takes it; otherwise its own rate and channel count."""
        candidates = []
        if self._capture_rate:
            candidates.append((self._capture_rate, 1))
            candidates.append((self._capture_rate, min(2, device.max_input_channels)))
        else:
            candidates.append((SAMPLE_RATE, 1))
        native = int(device.default_samplerate) or 48000
        candidates += [(native, 1), (native, min(2, device.max_input_channels)), (48000, 2)]
        for rate, channels in candidates:
            try:
                sd.check_input_settings(
                    device=device.index, samplerate=rate, channels=channels, dtype="int16"
                )
            except sd.PortAudioError:
                continue
            else:
                return rate, channels
        raise AudioDeviceError(
            f"The microphone '{device.name}' accepts none of the usual formats "
            "(16/44.1/48 kHz, mono or stereo). Pick another with --input-device "
            "(see `kintsugi devices`)."
        )

    def restart(self) -> None:
        self._close_stream()
        self.drain()
        self.start()

    def close(self) -> None:
        self._close_stream()
        wait_closed(self._closed, f"the microphone '{self.name}'")

    def _close_stream(self) -> None:
        """Hand the stream to a closing thread; returns at once (see `closing`)."""
        self._closing = True
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        stream, self._stream = self._stream, None
        if stream is not None:
            self._closed = close_stream_in_background(stream, f"microphone {self.name}")

    # -- audio thread ----------------------------------------------------------------------

    def _callback(self, indata: Any, _frames: int, _time: Any, status: Any) -> None:
        # PortAudio's thread: copy and hand over, nothing else.
        # Stamped here, not on delivery: a busy event loop must not make the audio look newer
        # than it is (the echo reference and interruption times are lined up by this stamp).
        self._post(self._deliver, indata.copy(), bool(status.input_overflow), time.monotonic())

    def _finished(self) -> None:
        if not self._closing:
            self._post(self._queue.put_nowait, _LOST)

    def _post(self, function: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        # The loop may shut down between the check and the call.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(function, *args)

    # -- event loop ------------------------------------------------------------------------

    def _deliver(self, block: np.ndarray, overflowed: bool, captured_at: float) -> None:
        if overflowed:
            self._count_overflow()
        if self._queue.qsize() >= self._max_blocks:
            # Nobody read for a while (a long dialogue turn, a pause): keep memory bounded by
            # dropping the oldest audio. Not an overflow: the device lost nothing.
            self._queue.get_nowait()
        self._last_block = time.monotonic()
        self._queue.put_nowait((block, captured_at))

    def _count_overflow(self) -> None:
        self.overflows += 1
        if self.overflows == 1 or self.overflows % 100 == 0:
            logger.warning("microphone input overflow (%d so far)", self.overflows)
        if self._on_overflow is not None:
            self._on_overflow(self.overflows)

    async def read(self) -> AudioChunk | None:
        if self._stream is None:
            raise DeviceLostError(f"The microphone '{self.name}' is not open.")
        item = await self._queue.get()
        if item is _STALLED:
            raise DeviceLostError(f"The microphone '{self.name}' stopped sending audio.")
        if item is _LOST:
            raise DeviceLostError(f"The microphone '{self.name}' went away.")
        block, captured_at = item
        assert self._converter is not None
        return AudioChunk(self._converter.convert(block), captured_at)

    def listening_started(self) -> None:
        pass

    def drain(self) -> None:
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if item is _LOST or item is _STALLED:  # never swallow news of a dead device
                self._queue.put_nowait(item)
                return

    @property
    def clipped_samples(self) -> int:
        return 0 if self._converter is None else self._converter.clipped


def _open_error(device: DeviceInfo, error: Exception) -> AudioDeviceError:
    text = str(error)
    if "busy" in text.lower() or "unavailable" in text.lower():
        return AudioDeviceError(
            f"The microphone '{device.name}' is busy (another program is using it): {text}. "
            "Close that program, or choose another device with --input-device."
        )
    return AudioDeviceError(
        f"Could not open the microphone '{device.name}': {text}. "
        "Check `kintsugi doctor`, or choose another with --input-device."
    )
