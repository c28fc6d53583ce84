"""A typed turn of an exercise, as a user who answers the safety check gives it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.dialogue.bridge import Dialogue, TurnResult


def practice_turn(
    dialogue: Dialogue, run: Callable[[Any], Any], sender: str, text: str
) -> TurnResult:
    """One typed turn of an exercise, through the dialogue or its journal wrappers. When the
    safety guard is unsure about practice words and asks, the user says no, as they would,
    and the held-back words go on."""
    result: TurnResult = run(dialogue.handle(sender, text))
    if result.safety == "check":
        result = run(dialogue.handle(sender, "no"))
    return result
