"""The learned crisis screen: every piece of a turn embedded, then classified.

Three outcomes, not two (ARCHITECTURE.md, "Safety model"):

- a crisis class at or above :data:`CRISIS_AT` is a clear crisis: the crisis reply;
- any crisis class at or above :data:`CHECK_AT` (and below the first bar) is unsure: a
  gentle, direct question that lets the answer decide. A weak sign (below
  :data:`CHECK_ALONE_AT`) is asked about only when the whole turn, read at once, shows
  some sign too (:data:`TURN_AGREES_AT`);
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

__all__ = [
    "CHECK_ALONE_AT",
    "CHECK_AT",
    "CRISIS_AT",
    "TURN_AGREES_AT",
    "CrisisScore",
    "LearnedScreen",
]

CRISIS_AT = 0.95
"""Probability of one crisis class at which the screen is sure enough to stop coaching."""

CHECK_AT = 0.35
"""Probability of any crisis class at which the screen may ask rather than stay silent."""

CHECK_ALONE_AT = 0.6
"""A piece this likely a crisis is asked about whatever the rest of the turn says. Below
it, a piece is asked about only when the turn read whole shows some sign too
(:data:`TURN_AGREES_AT`)."""

TURN_AGREES_AT = 0.1
"""The whole turn's strongest crisis probability that lets a weak piece raise a check.
Long turns said inside an exercise borrow a crisis's words in one clause ("I could have
killed myself when I saw her face") while the turn as a whole reads as what it is. Left
out writer by writer (n, t, u, v), this gate took the screen's checks on benign from
19.6 % to 17.5 % at the same recall (0.981); on the never-trained test split, 12.0 % to
10.8 %, recall 0.971 both (README, "Safety screen").

Raising both bars (0.7 and 0.25, chosen on the test split: checks 10.2 % to 8.4 % for
0.2 points of recall) was tried at c5a184c and reverted: on the next new writer (kh) it
took the screen's checks from 15.8 % to 11.7 % but lost two crises, a pill stockpile
"just in case" and a face grabbed during an argument (README)."""

_KIND_AND_ROLE: dict[str, tuple[SafetyKind, AbuseRole | None]] = {
    "self_harm": ("self_harm", None),
    "abuse_suffered": ("abuse", "harmed"),
    "abuse_done": ("abuse", "harming"),
}

Encode = Callable[[Sequence[str]], np.ndarray]

_TURNS_AT_ONCE = 200
"""Turns read in one pass by :meth:`LearnedScreen.scores_many`: their pieces' features and
the nearest-sentence vote's similarities (pieces × training sentences) stay in memory."""


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
    turn: float = 1.0
    """The whole turn read at once: its strongest crisis probability of any class. Read
    only when some class's strongest piece is a weak sign (the gate needs it); 1.0
    otherwise."""

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
        check_alone_at: float = CHECK_ALONE_AT,
        turn_agrees_at: float = TURN_AGREES_AT,
    ) -> None:
        self._encode = encode
        self._model = model
        self.crisis_at = crisis_at
        self.check_at = check_at
        self.check_alone_at = check_alone_at
        self.turn_agrees_at = turn_agrees_at

    def scores(self, text: str, *, exact: bool = False) -> list[CrisisScore]:
        """For each crisis class, its highest probability over the turn's pieces.

        The findings made from them are always the same; but below :attr:`check_at` a
        class's probability may be a lower bound (the slow nearest-sentence vote is left
        out where it cannot lift a piece to a check, :meth:`CrisisModel.read`). Ask for
        ``exact`` scores to weigh a low probability yourself (the guard's patterns)."""
        return self.scores_many([text], exact=[exact])[0]

    def scores_many(
        self, turns: Sequence[str], exact: Sequence[bool] | None = None
    ) -> list[list[CrisisScore]]:
        """:meth:`scores` of each turn, the pieces of all of them read in one pass (the
        encoder batches them: measuring the screen over thousands of turns). Turns are
        read a few hundred at a time, so memory stays flat however many there are."""
        wanted = [False] * len(turns) if exact is None else list(exact)
        found: list[list[CrisisScore]] = []
        for first in range(0, len(turns), _TURNS_AT_ONCE):
            last = first + _TURNS_AT_ONCE
            found.extend(self._scores_of_some(turns[first:last], wanted[first:last]))
        return found

    def _scores_of_some(
        self, turns: Sequence[str], exact: Sequence[bool]
    ) -> list[list[CrisisScore]]:
        cut = [segments(text) for text in turns]
        texts = [p.text for pieces in cut for p in pieces]
        if not texts:
            return [[] for _ in turns]
        # The same words typed or spoken get the same care: each piece is also read as a
        # recogniser writes it ("I'm ending it tonight" read 0.16 typed, 0.65 spoken), and
        # the stronger reading of each class counts. A piece already in speech style
        # (every spoken turn) is read once, not twice.
        rows = [i for i, t in enumerate(texts) if speech_style(t) not in ("", t)]
        readings = texts + [speech_style(texts[i]) for i in rows]
        # Below this no piece raises a check nor makes its clause's context count
        # (CrisisScore.sure), so the vote is needed only where it could lift a piece to it.
        floor = min(self.check_at, CHECK_AT)
        piece_floor = np.repeat(
            np.where(np.asarray(exact, bool), 0.0, floor).astype(np.float32),
            [len(pieces) for pieces in cut],
        )
        reading = self._model.read(
            self._encode(readings), readings, np.concatenate([piece_floor, piece_floor[rows]])
        )
        every, read_exactly = reading.probabilities, reading.exact
        probabilities = every[: len(texts)]
        exactly = read_exactly[: len(texts)].copy()
        if rows:
            probabilities[rows] = np.maximum(probabilities[rows], every[len(texts) :])
            probabilities[:, LABELS.index("none")] = 1.0 - probabilities[:, 1:].max(axis=1)
            exactly[rows] &= read_exactly[len(texts) :]
        starts = _starts(cut)
        turn_signs = self._turn_signs(turns, cut, starts, probabilities, exactly)
        return [
            _strongest(pieces, probabilities[first : first + len(pieces)], sign) if pieces else []
            for first, pieces, sign in zip(starts, cut, turn_signs, strict=True)
        ]

    def _turn_signs(
        self,
        turns: Sequence[str],
        cut: Sequence[Sequence[Segment]],
        starts: Sequence[int],
        probabilities: np.ndarray,
        exactly: np.ndarray,
    ) -> list[float]:
        """Each turn's strongest crisis probability read whole (:attr:`CrisisScore.turn`).

        Only a class whose strongest piece is a weak sign (from :attr:`check_at` up to
        :attr:`check_alone_at`) is gated on it, so only turns with one are read whole
        again; the others keep 1.0, which gates nothing. A turn that is one of its own
        pieces is not read twice, unless its vote was left out: the gate's bar is lower
        than the one the vote was left out below."""
        signs = [1.0] * len(turns)
        again: list[int] = []
        for index, (first, pieces) in enumerate(zip(starts, cut, strict=True)):
            if not pieces:
                continue
            own = probabilities[first : first + len(pieces), 1:]
            strongest = own.max(axis=0)
            if not ((strongest >= self.check_at) & (strongest < self.check_alone_at)).any():
                continue
            whole = turns[index].strip()
            at = next((i for i, p in enumerate(pieces) if p.text == whole), None)
            if at is None or not exactly[first + at]:
                again.append(index)
            else:
                signs[index] = float(own[at].max())
        if again:
            wholes = [turns[i].strip() for i in again]
            read = self._model.probabilities(self._encode(wholes), wholes)
            for index, row in zip(again, read, strict=True):
                signs[index] = float(row[1:].max())
        return signs

    def __call__(self, text: str) -> tuple[SafetyFinding, ...]:
        return self.findings(self.scores(text))

    def findings(self, scores: Sequence[CrisisScore]) -> tuple[SafetyFinding, ...]:
        """At most one finding per kind (self-harm first), certain or a check."""
        best: dict[SafetyKind, SafetyFinding] = {}
        for score in sorted(scores, key=lambda s: -s.probability):
            if score.probability < self.check_at:
                continue
            if score.probability < self.check_alone_at and score.turn < self.turn_agrees_at:
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


def _starts(cut: Sequence[Sequence[Segment]]) -> list[int]:
    """Where each turn's pieces begin in the flat list of all turns' pieces."""
    starts, first = [], 0
    for pieces in cut:
        starts.append(first)
        first += len(pieces)
    return starts


def _strongest(
    pieces: Sequence[Segment], probabilities: np.ndarray, turn: float
) -> list[CrisisScore]:
    """For each crisis class, the piece of one turn that reads as it most strongly."""
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
            CrisisScore(label, float(probabilities[best, column]), pieces[best], context, turn)
        )
    return found
