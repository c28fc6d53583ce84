"""The dialogue as the runtime wraps it (journal, commitments, progress), with a clock the
test moves: for the commitments and progress conversations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assistant.dialogue.bridge import RasaDialogue
from assistant.journal.commitments import CommitmentsDialogue
from assistant.journal.guided_progress import GuidedProgressDialogue
from assistant.journal.progress import ProgressDialogue
from assistant.journal.store import Journal
from assistant.journal.time_apart import TimeApartDialogue


class Clock:
    """A clock double the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def coach(rasa: RasaDialogue, journal: Journal | None, clock: Clock) -> ProgressDialogue:
    """The wrappers text chat puts around the dialogue, with the test's clock."""
    inner: Any = GuidedProgressDialogue(rasa, journal) if journal is not None else rasa
    apart = TimeApartDialogue(inner, journal, clock=clock)
    return ProgressDialogue(CommitmentsDialogue(apart, journal, clock=clock), journal, clock)
