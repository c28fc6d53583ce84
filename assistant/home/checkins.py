"""Check-ins on kept commitments when the home device wakes.

A session woken by the wake phrase opens with "Last week you said you'd ... How did it go?"
instead of its usual greeting, when a kept commitment is due (made or last checked on an
earlier day: `assistant.journal.commitments`). The answer — kept, partly or missed — is read
and recorded by the commitments wrapper, as in a text session.

Someone who wakes the device five times a day is asked about one commitment at most once
that day: a question left unanswered is not repeated until the next day. (Quiet hours need
nothing here: the device does not answer its wake phrase then, so no session is started.)
What was asked is held in memory for the life of `kintsugi serve`, not in the journal: it
is not something the user kept, and a "forget that" would have nothing of it to erase.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol

__all__ = ["WakeCheckins"]


class AsksFirst(Protocol):
    """The part of `assistant.journal.commitments.CommitmentsDialogue` used here."""

    def ask_first(
        self, sender: str, *, not_now: frozenset[str] = ...
    ) -> tuple[str, str] | None: ...


class WakeCheckins:
    """Chooses the check-in question a woken session opens with (see the module docstring)."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._asked: dict[str, date] = {}
        """Commitment id → the day the wake last asked about it."""

    def question(self, commitments: AsksFirst, sender: str) -> str | None:
        """The question to open with, or None (nothing due, or all asked today)."""
        today = self._clock().date()
        self._asked = {key: day for key, day in self._asked.items() if day == today}
        asked = commitments.ask_first(sender, not_now=frozenset(self._asked))
        if asked is None:
            return None
        commitment_id, question = asked
        self._asked[commitment_id] = today
        return question
