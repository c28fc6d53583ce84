"""Audio parts without hardware, shipped in the package like httpx's MockTransport.

- `WavMicrophone` replays recorded WAV files (any sample rate, mono or stereo) as if spoken
  into a microphone: one file per user turn, each started when the session begins listening,
  so a recorded conversation lines up with the assistant's turns. Used by
  `kintsugi talk --mic-wav` and by tests.
- `RecordingSpeaker` takes the assistant's audio and, only when given a path
  (`--out-wav`), writes it to a WAV file; it can also pass it on to a real speaker.
"""

from __future__ import annotations

import asyncio
import time
import wave
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.aio import wait_event
from assistant.audio.base import Speaker
from assistant.audio.convert import ToMono16k
from assistant.errors import AudioDeviceError
from assistant.events import PCM, SAMPLE_RATE, AudioChunk


class WavMicrophone:
    """Replays WAV files, one per user turn, with silence between them."""

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        speed: float | None = 1.0,
        block_ms: int = 20,
        gap_s: float = 2.0,
    ) -> None:
        """`speed` 1.0 delivers audio in real time (for meaningful latency figures); None
        delivers as fast as it is read. `gap_s` of silence follows each file so the endpointer
        sees the turn end."""
        self._paths = list(paths)
        self._speed = speed
        self._block = int(SAMPLE_RATE * block_ms / 1000)
        self._gap_blocks = int(gap_s * 1000 / block_ms)
        self._next = 0
        self._reader: _WavReader | None = None
        self._tail_left = 0
        self._turn_wanted = False
        self._clock_start = 0.0
        self._delivered = 0
        self.name = ", ".join(p.name for p in self._paths) or "no files"
        self.clipped_samples = 0

    def start(self) -> None:
        for path in self._paths:
            _WavReader(path).close()  # fail early, with the file name, on a bad file
        self._clock_start = time.monotonic()

    def restart(self) -> None:
        pass

    def listening_started(self) -> None:
        self._turn_wanted = True

    def drain(self) -> None:
        pass

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    async def read(self) -> AudioChunk | None:
        await self._pace()
        if self._reader is None and self._tail_left == 0 and self._turn_wanted:
            if self._next >= len(self._paths):
                return None
            self._reader = _WavReader(self._paths[self._next])
            self._next += 1
            self._turn_wanted = False
        samples = self._next_samples()
        self._delivered += len(samples)
        return AudioChunk(samples, time.monotonic())

    def _next_samples(self) -> PCM:
        if self._reader is not None:
            samples = self._reader.read(self._block)
            if samples is not None:
                return samples
            self.clipped_samples += self._reader.converter.clipped
            self._reader.close()
            self._reader = None
            self._tail_left = self._gap_blocks
        if self._tail_left:
            self._tail_left -= 1
        return np.zeros(self._block, dtype=np.int16)

    async def _pace(self) -> None:
        if self._speed is None:
            await asyncio.sleep(0)  # let other tasks run even in fast mode
            return
        due = self._clock_start + self._delivered / SAMPLE_RATE / self._speed
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -1.0:
            self._clock_start -= delay  # we were not read for a while: do not burst to catch up


class _WavReader:
    """Reads one WAV file block by block, converting to 16 kHz mono (bounded memory)."""

    def __init__(self, path: Path) -> None:
        try:
            self._wav = wave.open(str(path), "rb")  # noqa: SIM115 (closed in close())
        except (OSError, EOFError, wave.Error) as error:
            raise AudioDeviceError(
                f"Cannot read {path} as a WAV file ({error}). Use 16-bit PCM WAV, for example "
                f"`ffmpeg -i INPUT -ac 1 -ar 16000 out.wav`."
            ) from error
        width = self._wav.getsampwidth()
        self._dtype = {1: np.uint8, 2: np.int16, 4: np.int32}.get(width)
        if self._dtype is None:
            self._wav.close()
            raise AudioDeviceError(f"{path}: {8 * width}-bit WAV is not supported; use 16-bit.")
        self._rate = self._wav.getframerate()
        self._channels = self._wav.getnchannels()
        self.converter = ToMono16k(self._rate, self._channels)
        self._done = False

    def read(self, target_samples: int) -> PCM | None:
        if self._done:
            return None
        frames = max(1, round(target_samples * self._rate / SAMPLE_RATE))
        raw = self._wav.readframes(frames)
        data = np.frombuffer(raw, dtype=self._dtype).reshape(-1, self._channels)
        last = len(data) < frames
        out = self.converter.convert(data, last=last)
        if last:
            self._done = True
            if len(out) == 0:
                return None
        return out

    def close(self) -> None:
        self._wav.close()


class RecordingSpeaker:
    """Collects what the assistant says; writes it to a WAV only when given a path."""

    def __init__(
        self, path: Path | None = None, *, realtime: bool = False, inner: Speaker | None = None
    ) -> None:
        """`realtime` makes `wait_done()` take as long as the audio would (for barge-in tests
        without hardware); `inner` also plays everything on a real speaker."""
        self._path = path
        self._realtime = realtime
        self._inner = inner
        self._wav: wave.Wave_write | None = None
        self._queued_s = 0.0
        self._stopped = asyncio.Event()
        self.name = str(path) if path else "recording"
        if inner is not None:
            self.name = f"{inner.name} + {self.name}"
        self.samples_played = 0
        """Total samples handed to this speaker."""

    def start(self) -> None:
        if self._inner is not None:
            self._inner.start()
        if self._path is not None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            wav = wave.open(str(self._path), "wb")  # noqa: SIM115 (closed in close())
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            self._wav = wav

    def restart(self) -> None:
        if self._inner is not None:
            self._inner.restart()

    def play(self, samples: PCM) -> None:
        if self._wav is not None:
            self._wav.writeframes(samples.astype("<i2").tobytes())
        self.samples_played += len(samples)
        self._queued_s += len(samples) / SAMPLE_RATE
        self._stopped.clear()
        if self._inner is not None:
            self._inner.play(samples)

    def stop(self) -> None:
        self._queued_s = 0.0
        self._stopped.set()
        if self._inner is not None:
            self._inner.stop()

    async def wait_done(self) -> None:
        if self._inner is not None:
            await self._inner.wait_done()
        elif self._realtime and self._queued_s > 0:
            await wait_event(self._stopped, self._queued_s)
        self._queued_s = 0.0

    @property
    def playing(self) -> bool:
        if self._inner is not None:
            return self._inner.playing
        return self._queued_s > 0

    def recent_output(self, samples: int, until: float | None = None) -> PCM:
        if self._inner is not None:
            return self._inner.recent_output(samples, until)
        return np.zeros(samples, dtype=np.int16)

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
        if self._wav is not None:
            self._wav.close()
            self._wav = None
