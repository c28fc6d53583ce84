"""Hearing the user speak over the partner in a listening role-play, and when.

Two small parts, one concern each:

* `OverlapDetector` tells, chunk by chunk during playback, whether the microphone carries a
  voice other than our own. Our voice is first removed (`assistant.voice.echo.cancel_echo`, a short
  least-squares echo filter fitted against what the speaker just played); what is left is
  judged by frame energy. A voice needs `min_voiced_s` of voiced frames, with gaps no longer
  than `max_gap_s`, before it counts, so a click, a cough or a breath does not stop the
  partner. The onset reported is the first voiced frame of that run, not the moment of the
  decision.
* `MonologueClock` keeps the partner's own time: seconds of their speech and designed pauses
  since the monologue began, without the time the user spent talking over them or the
  partner's "please let me finish". Interruption times are given on this clock, so they
  compare with the scenario's nominal timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.events import PCM, SAMPLE_RATE
from assistant.voice.echo import ResidualEchoModel, cancel_echo

FRAME = 320  # 20 ms


@dataclass(frozen=True)
class Onset:
    """A voice over playback, confirmed."""

    at: float
    """`time.monotonic()` of its first voiced frame."""

    residual: PCM
    """The microphone audio from shortly before the onset, with our own voice removed (for
    the recognizer, so the user's first words are not lost)."""


class OverlapDetector:
    """Voice on the microphone that is not our own playback coming back."""

    def __init__(
        self,
        *,
        min_level: float = 300.0,
        over_floor: float = 3.0,
        min_voiced_s: float = 0.3,
        max_gap_s: float = 0.1,
        residual_share: float = 0.1,
        preroll_s: float = 0.3,
    ) -> None:
        """A frame is voiced when what is left after echo removal is at least `min_level`
        (int16 RMS, about -40 dBFS, as in the endpointer), `over_floor` times the room's noise
        floor, and at least `residual_share` of the frame's power: a voice adds power the
        playback cannot explain, while leftovers of an imperfect echo fit are a small share of
        a loud echo."""
        self._min_level = min_level
        self._over_floor = over_floor
        self._min_voiced = max(1, round(min_voiced_s * 1000 / 20))
        self._max_gap = max(0, round(max_gap_s * 1000 / 20))
        self._share = residual_share
        self._preroll_s = preroll_s
        self._reverb = ResidualEchoModel()
        """Learned across the whole session (it is the room, not the sentence)."""
        self.reset()

    def reset(self) -> None:
        """Forget the current run (a new stretch of the partner's voice); keep what was
        learned about the room's echo."""
        self._mic = np.zeros(0, dtype=np.float64)
        self._run_start: float | None = None
        self._voiced = 0
        self._gap = 0
        self._kept: list[tuple[float, PCM]] = []
        self.last_share = 0.0
        """Residual share of the last frame judged (for tuning and the events log)."""

    def feed(
        self, chunk: PCM, captured_at: float, reference: PCM, noise_floor: float = 0.0
    ) -> Onset | None:
        """Judge one microphone chunk (its last sample arrived at `captured_at`, monotonic).

        `reference` is the played audio that had gone out by `captured_at`, newest last,
        covering the chunk and the echo delay before it (see `cancel_echo`).
        Returns the onset once a voice is confirmed, else None."""
        window = max(int(0.25 * SAMPLE_RATE), len(chunk))  # a batch may be longer
        self._mic = np.concatenate([self._mic, chunk.astype(np.float64)])[-window:]
        residual = cancel_echo(self._mic, reference)[-len(chunk) :]
        start = captured_at - len(chunk) / SAMPLE_RATE
        self._keep(start, residual)
        threshold = max(self._min_level, noise_floor * self._over_floor)
        mic = chunk.astype(np.float64)
        for offset in range(0, len(chunk) - FRAME + 1, FRAME):
            mic_power = float(np.mean(np.square(mic[offset : offset + FRAME])))
            frame = residual[offset : offset + FRAME]
            # The playback frame that went out as this one came in (newest last).
            back = len(chunk) - offset - FRAME
            played = reference[len(reference) - back - FRAME : len(reference) - back]
            unexplained = self._reverb.unexplained(frame, played) if len(played) == FRAME else 1.0
            res_power = float(np.mean(np.square(frame))) * unexplained
            self.last_share = res_power / mic_power if mic_power > 0 else 0.0
            voiced = res_power >= threshold * threshold and self.last_share >= self._share
            at = start + offset / SAMPLE_RATE
            if voiced:
                if self._run_start is None:
                    self._run_start = at
                self._voiced += 1
                self._gap = 0
                if self._voiced >= self._min_voiced:
                    return Onset(self._run_start, self._preroll(self._run_start))
            elif self._run_start is not None:
                self._gap += 1
                if self._gap > self._max_gap:
                    self._run_start, self._voiced, self._gap = None, 0, 0
        return None

    def _keep(self, start: float, residual: np.ndarray) -> None:
        samples = np.clip(residual, -32768, 32767).astype(np.int16)
        self._kept.append((start, samples))
        # Enough to reach back from a confirmation to its onset, plus the preroll.
        horizon = start - 2.0
        self._kept = [(t, s) for t, s in self._kept if t >= horizon]

    def _preroll(self, onset: float) -> PCM:
        since = onset - self._preroll_s
        parts = [s for t, s in self._kept if t + len(s) / SAMPLE_RATE > since]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)


class MonologueClock:
    """The partner's own time through a monologue: their speech and their designed pauses.

    The session calls `speaking(now, segment)` when a stretch of the partner's voice starts
    sounding, `stopped(now)` when it ends (finished or cut off), and `pause_ended(now)` when
    the silence after it ends (the user spoke, or the pause ran out). `at(t)` is the partner
    time of a moment `t` (monotonic) inside the current stretch or the pause after it.
    """

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        """A new monologue begins at partner time 0."""
        self.elapsed_s = 0.0
        self.segment = 0
        self.running = False
        self.runs = 0
        """How many stretches of the partner's voice have begun (to notice a new one)."""
        self._since: float | None = None

    def speaking(self, now: float, segment: int) -> None:
        self.segment = segment
        self.running = True
        self.runs += 1
        self._since = now

    def stopped(self, now: float) -> None:
        if not self.running:
            return
        if self._since is not None:
            self.elapsed_s += max(0.0, now - self._since)
        self.running = False
        self._since = now  # the pause after it starts here

    def pause_ended(self, now: float) -> None:
        if not self.running and self._since is not None:
            self.elapsed_s += max(0.0, now - self._since)
        self._since = None

    def at(self, moment: float) -> float:
        """Partner seconds since the monologue began at `moment`."""
        if self._since is None:
            return self.elapsed_s
        return self.elapsed_s + max(0.0, moment - self._since)
