"""A dialogue that passes every turn to the real one and keeps what went in and came back
(not a double): the voice tests check what the session sent and what the user heard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.dialogue.bridge import Dialogue, TurnResult


class RecordingDialogue:
    """Every turn goes to `real` as `sender`, whatever sender the session uses."""

    def __init__(self, real: Dialogue, sender: str) -> None:
        self._real = real
        self.sender = sender
        self.sent: list[str] = []
        """The texts sent, in order (kept even when the turn then fails)."""
        self.results: list[TurnResult] = []
        self.turns: list[tuple[str, dict[str, Any] | None, TurnResult]] = []
        """(text, the audio measurements sent with it, the result), in order."""

    async def handle(
        self, sender: str, text: str, audio: Mapping[str, Any] | None = None
    ) -> TurnResult:
        self.sent.append(text)
        result = await self._real.handle(self.sender, text, audio)
        self.results.append(result)
        self.turns.append((text, dict(audio) if audio else None, result))
        return result
