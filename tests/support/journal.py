"""Journal test helpers: a turn with coaching feedback (words that must never reach the file
unless consented to), a clock the test sets, and every byte a folder holds."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.dialogue.bridge import TurnResult

WORDS = "zebracorn-sorry-i-lied-about-the-money"
"""A marker no SQLite page would contain by chance: if it is in the file, the words are."""


def feedback_turn(
    text: str = f"I am sorry {WORDS}",
    *,
    score: float = 62,
    attempt: int = 1,
    safety: str | None = None,
    feedback: dict[str, Any] | None = None,
) -> TurnResult:
    """A turn that produced apology feedback, shaped as the apology action sends it."""
    if feedback is None:
        feedback = {
            "exercise": "apology",
            "score": score,
            "attempt": attempt,
            # Findings quote the user's words; only the labels may be kept.
            "findings": [{"label": "but_undoing", "phrase": WORDS, "start": 0, "end": 9}],
        }
    return TurnResult(
        sender="alice",
        text=text,
        intent="apology_attempt",
        confidence=0.9,
        exercise="apology",
        safety=safety,
        bot=["Thank you for saying that."],
        feedback=feedback,
    )


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def every_byte(folder: Path) -> bytes:
    """All the bytes of every file in `folder`: the database, its WAL and its index."""
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())
