"""The dialogue as the runtime wraps it (journal, commitments, progress), with a clock the
test moves: for the commitments, progress and time-apart conversations; and wrappers a
spoken test puts around it (what came back, checks settled with "no")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assistant.dialogue.bridge import RasaDialogue, TurnResult
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


class RecordingCoach:
    """Passes every turn to the real, wrapped dialogue and keeps what came back."""

    def __init__(self, real: object, sender: str) -> None:
        self._real = real
        self._sender = sender
        self.results: list[TurnResult] = []

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        result: TurnResult = await self._real.handle(self._sender, text, audio)  # type: ignore[attr-defined]
        self.results.append(result)
        return result


class SettlesChecks:
    """Answers the guard's question about practice words with "no", as the text tests do
    (what the voice session does with that question is tested on its own)."""

    def __init__(self, inner: object) -> None:
        self._inner = inner

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        result: TurnResult = await self._inner.handle(sender, text, audio)  # type: ignore[attr-defined]
        if result.safety == "check":
            result = await self._inner.handle(sender, "no")  # type: ignore[attr-defined]
        return result
