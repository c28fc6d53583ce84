"""Keeping the assistant from hearing itself, without relying on an echo canceller.

Where PulseAudio/PipeWire's `module-echo-cancel` runs, the microphone signal is already
clean. Where it does not (many laptops, every null-sink test), three rules keep our own
voice from turning into a "user" turn:

1. While we speak, the microphone feeds only the command grammar, never free text.
2. Microphone audio that closely matches what the speaker just played (normalized
   cross-correlation against the playback reference, over the plausible echo delays) is
   treated as echo: the command recognizer hears silence instead.
3. A command phrase that we are saying ourselves in the current sentence is ignored unless
   the microphone was clearly carrying something other than echo.

After playback ends, a short hold-off drops the room's tail of our own voice.

In a listening role-play the user's voice over the partner matters even when it is not a
command: `cancel_echo` removes our own voice from the microphone signal so that what is left
can be judged as a voice or not (`assistant.voice.overlap`).
"""

from __future__ import annotations

import collections

import numpy as np

from assistant.events import PCM, SAMPLE_RATE


class EchoGuard:
    """Decides, chunk by chunk during playback, whether the microphone hears only us."""

    def __init__(
        self,
        *,
        window_s: float = 0.2,
        max_delay_s: float = 1.0,
        threshold: float = 0.6,
        quiet_level: float = 200.0,
    ) -> None:
        """`window_s` of microphone audio is compared with the last `max_delay_s` of played
        audio; a correlation of `threshold` or more means echo. Below `quiet_level`
        (int16 RMS) the microphone is too quiet to matter."""
        self._window = int(window_s * SAMPLE_RATE)
        self._max_delay = int(max_delay_s * SAMPLE_RATE)
        self._threshold = threshold
        self._quiet_level = quiet_level
        self._mic = np.zeros(0, dtype=np.float64)
        self._verdicts: collections.deque[bool] = collections.deque(maxlen=25)
        self.last_correlation = 0.0
        """Peak correlation of the last check (for the events log and tuning)."""

    def reset(self) -> None:
        self._mic = np.zeros(0, dtype=np.float64)
        self._verdicts.clear()

    def is_echo(self, chunk: PCM, reference: PCM) -> bool:
        """True when `chunk` (the newest microphone audio) is our own playback coming back.

        `reference` is the most recent played audio (16 kHz, newest last), at least
        `max_delay_s + window_s` long.
        """
        self._mic = np.concatenate([self._mic, chunk.astype(np.float64)])[-self._window :]
        mic = self._mic
        mic_level = float(np.sqrt(np.mean(np.square(mic)))) if len(mic) else 0.0
        ref = reference.astype(np.float64)[-(self._max_delay + self._window) :]
        if mic_level < self._quiet_level or len(mic) < self._window // 2:
            verdict = False
        elif len(ref) < len(mic) or float(np.max(np.abs(ref))) < 1.0:
            verdict = False  # we played nothing recently: whatever is heard is not echo
        else:
            self.last_correlation = _peak_correlation(mic, ref)
            verdict = self.last_correlation >= self._threshold
        self._verdicts.append(verdict)
        return verdict

    @property
    def mostly_echo(self) -> bool:
        """Most of the last half second was echo (used to doubt a command heard in it)."""
        if not self._verdicts:
            return False
        return sum(self._verdicts) * 2 > len(self._verdicts)


def _correlations(mic: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Normalized cross-correlation of `mic` against every alignment inside `ref`: entry k
    compares `mic` with `ref[k : k + len(mic)]`."""
    m = mic - mic.mean()
    r = ref - ref.mean()
    n = len(r) + len(m)
    size = 1 << (n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(r, size) * np.conj(np.fft.rfft(m, size)), size)
    valid = corr[: len(r) - len(m) + 1]
    energy = np.concatenate([[0.0], np.cumsum(r * r)])
    window_energy = energy[len(m) :] - energy[: len(r) - len(m) + 1]
    norm = np.sqrt(np.maximum(window_energy, 1e-9) * float(np.dot(m, m)))
    result: np.ndarray = np.abs(valid) / np.maximum(norm, 1e-9)
    return result


def _peak_correlation(mic: np.ndarray, ref: np.ndarray) -> float:
    """Max normalized cross-correlation of `mic` against every alignment inside `ref`."""
    return float(np.max(_correlations(mic, ref)))


def cancel_echo(
    mic: np.ndarray, reference: PCM, *, max_delay_s: float = 1.0, taps: int = 9
) -> np.ndarray:
    """`mic` with our own playback removed, as float64 samples.

    The echo delay is found by cross-correlation; around it a short filter (`taps` samples)
    is fitted by least squares, which also absorbs a fractional-sample delay, the room's or
    loopback's gain and a little colouring. What the filter cannot explain - a voice that is
    not in the playback - is left. With nothing played recently, `mic` comes back unchanged.
    A one-shot fit, not an adaptive canceller: it is enough to tell "only echo" from "echo
    and a voice", which is all the listening role-play needs.
    """
    samples = mic.astype(np.float64)
    need = int(max_delay_s * SAMPLE_RATE) + len(samples)
    ref = reference.astype(np.float64)[-need:]
    if len(samples) < taps * 4 or len(ref) < len(samples) + taps:
        return samples
    if float(np.max(np.abs(ref))) < 1.0 or float(np.dot(samples, samples)) <= 0.0:
        return samples
    half = taps // 2
    lag = int(np.argmax(_correlations(samples, ref)))
    lag = min(max(lag, half), len(ref) - len(samples) - half)
    columns = np.stack(
        [ref[lag - half + j : lag - half + j + len(samples)] for j in range(taps)], axis=1
    )
    fit, *_ = np.linalg.lstsq(columns, samples, rcond=None)
    residual: np.ndarray = samples - columns @ fit
    return residual


def mentions_command(sentence: str, phrase: str) -> bool:
    """Whether `phrase` occurs as words in `sentence` (rule 3 above)."""
    words = (
        " "
        + " ".join("".join(c if c.isalnum() or c == "'" else " " for c in sentence.lower()).split())
        + " "
    )
    return f" {phrase.lower()} " in words


class ResidualEchoModel:
    """What is left of our voice after `cancel_echo`, predicted in power per frequency band.

    A short filter removes the direct echo; a room's reverberation (hundreds of
    milliseconds) it cannot. This model learns, band by band, how much power the last
    `history_s` of playback leaves in the microphone (a non-negative filter on band powers,
    adapted by normalized LMS on every frame), and says how much of a frame's power it cannot
    explain. Working on power, not waveforms, it needs no phase accuracy and few weights.
    """

    def __init__(
        self,
        *,
        bands: int = 20,
        history_s: float = 0.4,
        rate: float = 0.3,
        margin: float = 2.0,
        warm_up_s: float = 2.0,
    ) -> None:
        """For the first `warm_up_s` of playback it learns from every frame (the coach's
        own lines come first, before any partner voice). After that only from frames it can
        mostly explain, so a voice over the playback is not learned as echo."""
        self._frame = 320
        self._warm_up = round(warm_up_s * SAMPLE_RATE / 320)
        self._learned = 0
        self._bands = bands
        self._history = max(1, round(history_s * SAMPLE_RATE / self._frame))
        self._rate = rate
        self._margin = margin
        bins = self._frame // 2 + 1
        self._edges = np.linspace(1, bins, bands + 1).astype(int)  # skip DC
        self._window = np.hanning(self._frame)
        self._weights = np.zeros((self._history, bands))
        self._played = np.zeros((self._history, bands))

    def _band_power(self, frame: np.ndarray) -> np.ndarray:
        spectrum = np.abs(np.fft.rfft(frame * self._window)) ** 2
        return np.add.reduceat(spectrum, self._edges[:-1])[: self._bands]

    def unexplained(self, residual: np.ndarray, played: np.ndarray) -> float:
        """The share (0-1) of `residual`'s power (one 20 ms frame after `cancel_echo`) that
        recent playback cannot explain; `played` is the newest 20 ms of playback. Learns."""
        self._played = np.roll(self._played, 1, axis=0)
        self._played[0] = self._band_power(played.astype(np.float64))
        heard = self._band_power(residual)
        total = float(np.sum(heard))
        predicted = np.sum(self._weights * self._played, axis=0)
        unexplained = float(np.sum(np.maximum(0.0, heard - self._margin * predicted)))
        share = unexplained / total if total > 0.0 else 0.0
        if float(np.sum(self._played[0])) <= 0.0:
            return share  # nothing playing: nothing to learn
        if self._learned >= self._warm_up and share > 0.2:
            return share  # much of it is something else, a voice perhaps: not echo to learn
        self._learned += 1
        error = heard - predicted
        norm = np.sum(self._played * self._played, axis=0) + 1e-9 * (1.0 + total * total)
        self._weights = np.maximum(0.0, self._weights + self._rate * self._played * (error / norm))
        return share
