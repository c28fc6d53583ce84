"""A scripted dialogue DOUBLE for the journal wrappers' tests: it returns results written by
hand and keeps the context each turn was given."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.dialogue.bridge import TurnResult


class ScriptedDialogue:
    """A DOUBLE: returns the next scripted result and keeps the context it was given."""

    def __init__(self, results: list[TurnResult]) -> None:
        self.results = results
        self.contexts: list[Mapping[str, Any] | None] = []

    async def handle(
        self, sender: str, text: str, audio: object = None, *, context: Any = None
    ) -> TurnResult:
        self.contexts.append(context)
        return self.results.pop(0)


def result(**changes: Any) -> TurnResult:
    base: dict[str, Any] = dict(
        sender="s", text="t", intent=None, confidence=None, exercise=None, safety=None, bot=["ok"]
    )
    return TurnResult(**{**base, **changes})
