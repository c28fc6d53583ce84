"""Conversion of whatever the device or file gives us to 16 kHz mono int16.

Resampling uses soxr (a maintained resampler) in streaming mode, so block boundaries leave no
clicks; downmixing averages the channels. Clipped input is counted, not "fixed": the
recognizer copes with it, and `kintsugi doctor` tells the user to lower the input gain.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import soxr

from assistant.events import PCM, SAMPLE_RATE

CLIP_LEVEL = 32700
"""|sample| at or above this counts as clipped."""


class ToMono16k:
    """Stateful converter for one stream: feed blocks in order, get 16 kHz mono int16 out."""

    def __init__(self, rate: int, channels: int = 1) -> None:
        if rate <= 0 or channels <= 0:
            raise ValueError(f"bad audio format: {rate} Hz, {channels} channel(s)")
        self.rate = rate
        self.channels = channels
        self._stream = (
            None if rate == SAMPLE_RATE else soxr.ResampleStream(rate, SAMPLE_RATE, 1, "float32")
        )
        self.samples_in = 0
        """Input frames seen."""
        self.clipped = 0
        """Input samples at full scale (a sign the microphone gain is too high)."""

    def convert(self, block: npt.NDArray[np.generic], last: bool = False) -> PCM:
        """Convert one block (shape (frames,) or (frames, channels); int16 or float)."""
        data = np.asarray(block)
        if data.ndim == 2:
            if data.shape[1] != self.channels:
                raise ValueError(f"expected {self.channels} channel(s), got {data.shape[1]}")
        elif data.ndim == 1:
            data = data.reshape(-1, 1) if self.channels == 1 else data.reshape(-1, self.channels)
        else:
            raise ValueError(f"audio block must be 1- or 2-dimensional, got {data.ndim}")
        floats = _to_float(data)
        self.samples_in += floats.shape[0]
        self.clipped += int(np.count_nonzero(np.abs(floats) >= CLIP_LEVEL / 32768.0))
        mono = floats.mean(axis=1, dtype=np.float32) if floats.shape[1] > 1 else floats[:, 0]
        if self._stream is not None:
            mono = self._stream.resample_chunk(np.ascontiguousarray(mono), last=last)
        return to_int16(mono)

    def flush(self) -> PCM:
        """Whatever the resampler still holds (call once at the end of a file)."""
        if self._stream is None:
            return np.zeros(0, dtype=np.int16)
        return to_int16(self._stream.resample_chunk(np.zeros(0, dtype=np.float32), last=True))


def _to_float(data: npt.NDArray[np.generic]) -> npt.NDArray[np.float32]:
    if data.dtype == np.int16:
        return data.astype(np.float32) / 32768.0
    if data.dtype == np.int32:
        return (data.astype(np.float64) / 2147483648.0).astype(np.float32)
    if data.dtype == np.uint8:
        return (data.astype(np.float32) - 128.0) / 128.0
    return data.astype(np.float32)


def to_int16(samples: npt.NDArray[np.floating]) -> PCM:
    """Float in [-1, 1] to int16, saturating rather than wrapping around."""
    scaled = np.clip(np.asarray(samples, dtype=np.float32) * 32768.0, -32768, 32767)
    return scaled.astype(np.int16)


def resample(samples: PCM, rate: int, target: int = SAMPLE_RATE) -> PCM:
    """Resample a whole mono int16 buffer (used for synthesized sentences)."""
    if rate == target or len(samples) == 0:
        return samples
    return to_int16(soxr.resample(samples.astype(np.float32) / 32768.0, rate, target))


def rms(samples: PCM) -> float:
    """Root-mean-square level on the int16 scale (0..32768)."""
    if len(samples) == 0:
        return 0.0
    return float(np.sqrt(np.mean(np.square(samples.astype(np.float64)))))


def dbfs(samples: PCM) -> float:
    """Level relative to full scale, in dB (-100 for digital silence)."""
    level = rms(samples)
    return -100.0 if level < 1e-3 else 20.0 * float(np.log10(level / 32768.0))
