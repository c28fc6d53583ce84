"""Delivery facts from recognized words and the audio: how long, how fast, how loud, how
many pauses and fillers.

These feed the coaching feedback (said kindly by the dialogue); they are measurements, not
judgements.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Sequence

from assistant.events import Delivery, Word

LONG_PAUSE_S = 2.0
"""A gap between words at least this long counts as a thinking pause."""

MIN_PAUSE_S = 0.3
"""Shorter gaps are just the space between words."""

FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "hmm", "mm"})
"""Single-word fillers (Vosk's English model spells them like this)."""


def measure_delivery(words: Sequence[Word], long_pause_s: float = LONG_PAUSE_S) -> Delivery:
    """Duration, words per minute, long pauses and fillers of one utterance."""
    if not words:
        return Delivery(0.0, 0.0, 0, 0.0, 0, ())
    duration = max(0.0, words[-1].end_s - words[0].start_s)
    gaps = [b.start_s - a.end_s for a, b in itertools.pairwise(words)]
    fillers = sum(1 for w in words if w.word.lower() in FILLERS)
    spoken = len(words) - fillers
    wpm = spoken / duration * 60.0 if duration > 0 and len(words) > 1 else 0.0
    return Delivery(
        duration_s=duration,
        words_per_minute=wpm,
        long_pauses=sum(1 for g in gaps if g >= long_pause_s),
        longest_pause_s=max(gaps, default=0.0),
        fillers=fillers,
        pauses_s=tuple(g for g in gaps if g >= MIN_PAUSE_S),
    )


FULL_SCALE = 32768.0
"""int16 full scale: 0 dBFS."""


def loudness_dbfs(power_sum: float, frames: int) -> float | None:
    """RMS level in dBFS of `frames` voiced frames whose mean-square levels add up to
    `power_sum` (int16 units squared). None when no frame was voiced.

    Power is averaged before taking the log, so a loud word counts for more than a quiet one,
    the way a listener hears it."""
    if frames <= 0 or power_sum <= 0:
        return None
    return 10.0 * math.log10(power_sum / frames / (FULL_SCALE * FULL_SCALE))


def with_loudness(delivery: Delivery, level_db: float | None) -> Delivery:
    """`delivery` with its speech level filled in (the recognizer only sees words)."""
    if level_db is None:
        return delivery
    return dataclasses.replace(delivery, loudness_db=round(level_db, 2))
