"""The learned crisis screen: every piece of a turn embedded, then classified.

Three outcomes, not two (ARCHITECTURE.md, "Safety model"):

- a crisis class at or above :data:`CRISIS_AT` is a clear crisis: the crisis reply;
- any crisis class at or above :data:`CHECK_AT` (and below the first bar) is unsure: a
  gentle, direct question that lets the answer decide;
- otherwise nothing.

A turn is read as its sentences (and windows of long ones, see segments.py); the piece
with the highest crisis probability is the one quoted back. The thresholds were chosen on
the never-trained test split and the blind batches (README, "Safety screen").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.safety.classifier import LABELS, CrisisModel, speech_style
from assistant.safety.screen import AbuseRole, SafetyFinding, SafetyKind
from assistant.safety.segments import Segment, segments

__all__ = ["CHECK_AT", "CRISIS_AT", "CrisisScore", "LearnedScreen"]

CRISIS_AT = 0.95
"""Probability of one crisis class at which the screen is sure enough to stop coaching."""

CHECK_AT = 0.35
"""Probability of any crisis class at which the screen asks rather than stays silent."""

_KIND_AND_ROLE: dict[str, tuple[SafetyKind, AbuseRole | None]] = {
    "self_harm": ("self_harm", None),
    "abuse_suffered": ("abuse", "harmed"),
    "abuse_done": ("abuse", "harming"),
}

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class CrisisScore:
    """The strongest sign of one crisis class in a turn."""

    label: str
    """``self_harm``, ``abuse_suffered`` or ``abuse_done``."""

    probability: float
    segment: Segment
    context: float = 1.0
    """For a clause read alone out of a long sentence: the whole sentence's probability
    of the same class (1.0 otherwise)."""

    @property
    def sure(self) -> float:
        """The probability the screen may be sure on: a clause needs its context."""
        return self.probability if self.context >= CHECK_AT else min(self.probability, CHECK_AT)


class LearnedScreen:
    """Callable like :func:`assistant.safety.screen_all`: findings, most urgent first,
    each marked ``certain`` (a clear crisis) or not (a check)."""

    def __init__(
        self,
        encode: Encode,
        model: CrisisModel,
        *,
        crisis_at: float = CRISIS_AT,
        check_at: float = CHECK_AT,
    ) -> None:
        self._encode = encode
        self._model = model
        self.crisis_at = crisis_at
        self.check_at = check_at

    def scores(self, text: str) -> list[CrisisScore]:
        """For each crisis class, its highest probability over the turn's pieces."""
        pieces = segments(text)
        if not pieces:
            return []
        texts = [p.text for p in pieces]
        # The same words typed or spoken get the same care: each piece is also read as a
        # recogniser writes it ("I'm ending it tonight" read 0.16 typed, 0.65 spoken),
        # and the stronger reading of each class counts.
        # A piece already in speech style (every spoken turn) is read once, not twice.
        rows = [i for i, t in enumerate(texts) if speech_style(t) not in ("", t)]
        spoken = [speech_style(texts[i]) for i in rows]
        readings = texts + spoken
        both = self._model.probabilities(self._encode(readings), readings)
        probabilities = both[: len(texts)]
        if rows:
            probabilities[rows] = np.maximum(probabilities[rows], both[len(texts) :])
            probabilities[:, LABELS.index("none")] = 1.0 - probabilities[:, 1:].max(axis=1)
        found = []
        for column, label in enumerate(LABELS):
            if label == "none":
                continue
            column_probabilities = probabilities[:, column]
            # On a tie the shortest piece is quoted: the user's most specific words.
            top = np.flatnonzero(column_probabilities >= column_probabilities.max() - 1e-6)
            best = int(min(top, key=lambda i: pieces[i].end - pieces[i].start))
            within = pieces[best].within
            # A clause cut out of a long sentence can raise a check on its own, but it is
            # sure only when its whole sentence reads as a crisis too ("i felt like id
            # died … and then our little one came in and i knew i had to keep going").
            context = 1.0 if within is None else float(probabilities[within, column])
            found.append(
                CrisisScore(label, float(probabilities[best, column]), pieces[best], context)
            )
        return found

    def __call__(self, text: str) -> tuple[SafetyFinding, ...]:
        return self.findings(self.scores(text))

    def findings(self, scores: Sequence[CrisisScore]) -> tuple[SafetyFinding, ...]:
        """At most one finding per kind (self-harm first), certain or a check."""
        best: dict[SafetyKind, SafetyFinding] = {}
        for score in sorted(scores, key=lambda s: -s.probability):
            if score.probability < self.check_at:
                continue
            kind, role = _KIND_AND_ROLE[score.label]
            if kind in best:
                continue
            best[kind] = SafetyFinding(
                kind,
                score.segment.text,
                score.segment.start,
                score.segment.end,
                role,
                certain=score.sure >= self.crisis_at,
                score=round(score.probability, 4),
            )
        return tuple(best[kind] for kind in ("self_harm", "abuse") if kind in best)
