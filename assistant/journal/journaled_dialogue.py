"""A Dialogue that records each turn in the journal, as text chat does.

The home device's sessions go through it, so what they keep (scores and labels; words only
with consent) is in the journal, where a spoken "forget that" can erase it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from assistant.dialogue.bridge import Dialogue, TurnResult
from assistant.journal.store import Journal


class JournaledDialogue:
    """Wraps a Dialogue; a failed save is told to the user in the reply, as in chat."""

    def __init__(self, inner: Dialogue, journal: Journal) -> None:
        self.inner = inner
        self.journal = journal

    async def handle(
        self, sender: str, text: str, audio: Mapping[str, Any] | None = None
    ) -> TurnResult:
        result = await self.inner.handle(sender, text, audio)
        write = self.journal.record_turn(result)
        if not write.message:
            return result
        return dataclasses.replace(result, bot=[*result.bot, write.message])
