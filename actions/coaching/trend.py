"""Delivery across the rounds of the questions exercise: is the voice getting louder or faster?

Being asked the same thing a third time is when patience slips, and it often shows in the
voice before the words: it gets louder, or the answer speeds up. The voice runtime measures
each answer (loudness in dB, words per minute) and passes the numbers in; this module only
looks at how they move, so it stays pure and testable. Rounds without measurements (text
mode) are skipped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["DeliveryTrend", "MeasureTrend", "delivery_trend"]

MIN_ROUNDS = 3
"""Measured rounds needed before a trend is called: two points make a jump, not a trend."""

LOUDNESS_RISE_DB = 3.0
"""A rise of 3 dB in speech level is clearly audible to a listener, and not mic noise."""

PACE_RISE_FRACTION = 0.15
"""A pace rise of 15 % (about 20 words a minute at a calm 140) is audible as hurrying."""

PACE_RISE_MIN_WPM = 15.0


@dataclass(frozen=True)
class MeasureTrend:
    """How one measurement moved across the rounds."""

    measure: str
    """"loudness_db" or "words_per_minute"."""

    values: tuple[float | None, ...]
    """One entry per round given; None where the round was not measured."""

    first: float
    """The first measured value."""

    last: float
    """The last measured value."""

    rise: float
    """Fitted change from the first measured round to the last (least squares), in the
    measure's unit; robust to one odd round in the middle."""

    rising: bool
    """True when the rise is clear (see the thresholds above) and the last round is above the
    first."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "values": list(self.values),
            "first": self.first,
            "last": self.last,
            "rise": self.rise,
            "rising": self.rising,
        }


@dataclass(frozen=True)
class DeliveryTrend:
    """Loudness and pace across the rounds, with spoken notes when either rose."""

    loudness: MeasureTrend | None
    """None when fewer than `MIN_ROUNDS` rounds carry a loudness."""

    pace: MeasureTrend | None
    """None when fewer than `MIN_ROUNDS` rounds carry a pace."""

    notes: tuple[str, ...]
    """Plain sentences for text-to-speech, one per rising measure; empty when steady."""

    @property
    def loudness_rising(self) -> bool:
        return self.loudness is not None and self.loudness.rising

    @property
    def pace_rising(self) -> bool:
        return self.pace is not None and self.pace.rising

    def to_dict(self) -> dict[str, Any]:
        return {
            "loudness": self.loudness.to_dict() if self.loudness else None,
            "pace": self.pace.to_dict() if self.pace else None,
            "loudness_rising": self.loudness_rising,
            "pace_rising": self.pace_rising,
            "notes": list(self.notes),
        }


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _fitted_rise(points: Sequence[tuple[int, float]]) -> float:
    """Least-squares slope times the span of rounds: the trend's change, first to last."""
    count = len(points)
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope * (points[-1][0] - points[0][0])


def _trend(
    rounds: Sequence[Mapping[str, Any]], keys: tuple[str, ...], measure: str
) -> MeasureTrend | None:
    values: list[float | None] = []
    for round_ in rounds:
        found = None
        for key in keys:
            found = _number(round_.get(key))
            if found is not None:
                break
        values.append(found)
    points = [(index, value) for index, value in enumerate(values) if value is not None]
    if len(points) < MIN_ROUNDS:
        return None
    first, last = points[0][1], points[-1][1]
    rise = _fitted_rise(points)
    if measure == "loudness_db":
        threshold = LOUDNESS_RISE_DB
    else:
        threshold = max(PACE_RISE_MIN_WPM, PACE_RISE_FRACTION * first)
    rising = rise >= threshold and last > first
    return MeasureTrend(measure, tuple(values), first, last, round(rise, 1), rising)


def delivery_trend(rounds: Sequence[Mapping[str, Any]]) -> DeliveryTrend:
    """Whether loudness or pace rose across the rounds.

    Each round is a mapping with optional "loudness_db" (speech level in dB; any fixed
    reference, only differences matter) and "words_per_minute" (or "wpm"). Missing, None or
    non-numeric values mean "not measured".
    """
    loudness = _trend(rounds, ("loudness_db",), "loudness_db")
    pace = _trend(rounds, ("words_per_minute", "wpm"), "words_per_minute")
    notes = []
    if loudness is not None and loudness.rising:
        notes.append(
            f"Your voice got louder as the questions came back, about {round(loudness.rise)} "
            "decibels from the first answer to the last. A steady voice tells them it is safe "
            "to ask."
        )
    if pace is not None and pace.rising:
        notes.append(
            f"You also sped up, from about {round(pace.first)} to {round(pace.last)} words a "
            "minute. Slowing down shows them you have time for this."
            if notes
            else f"You sped up as the questions came back, from about {round(pace.first)} to "
            f"{round(pace.last)} words a minute. Slowing down shows them you have time for this."
        )
    return DeliveryTrend(loudness, pace, tuple(notes))
