"""Moving through a guided reflection: a position, the commands, and what each one does.

Pure and small on purpose: the Rasa actions and (later) a voice session both follow the same
rules, and the edge cases (back at the start, next at the closing, anything while paused)
are tested here without Rasa.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any

from actions.coaching.guided.base import GuidedReflection

__all__ = [
    "FASTEST_PACE",
    "RESUME_WITHIN_DAYS",
    "SLOWEST_PACE",
    "Command",
    "Move",
    "Position",
    "navigate",
    "time_left_words",
]

RESUME_WITHIN_DAYS = 2
"""A paused or stopped reflection can be picked up where it was for this long (the runtime
keeps the position in the journal; the actions say the figure)."""

PACE_STEP = 0.1
SLOWEST_PACE = 0.7
FASTEST_PACE = 1.3


class Command(enum.Enum):
    """What the user can ask for in the middle of a reflection."""

    NEXT = "next"
    """On to the next step (also "ok", "done", "ready")."""
    SKIP = "skip"
    """Past this step without its silence or answer; in text the same as NEXT."""
    BACK = "back"
    REPEAT = "repeat"
    PAUSE = "pause"
    RESUME = "resume"
    """Carry on after a pause; when not paused, say the current step again."""
    CONTINUE = "continue"
    """ "Continue", "go on": RESUME while paused, otherwise NEXT."""
    TIME_LEFT = "time_left"
    SLOWER = "slower"
    FASTER = "faster"


@dataclass(frozen=True)
class Position:
    """Where a user is in a reflection; what is saved to resume it."""

    reflection_id: str
    step: int = 0
    """0-based index of the current step (its prompt has been or is being said)."""
    paused: bool = False
    pace: float = 1.0
    """Speaking-rate factor the user asked for (1.0 normal); voice applies it, text ignores it."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "reflection": self.reflection_id,
            "step": self.step + 1,
            "paused": self.paused,
            "pace": self.pace,
        }


@dataclass(frozen=True)
class Move:
    """The result of one command."""

    position: Position
    finished: bool = False
    """True when the user moved on from the closing step: the reflection is over."""
    announce: bool = False
    """True when the (new) current step's prompt should be said now."""
    note: str | None = None
    """A short sentence to say first (or alone), e.g. the time left."""


def navigate(reflection: GuidedReflection, position: Position, command: Command) -> Move:
    """Apply one command. Never moves outside the reflection: back at the first step stays
    there, next at the closing finishes."""
    last = len(reflection.steps) - 1
    here = dataclasses.replace(position, step=min(max(position.step, 0), last))
    if command is Command.CONTINUE:
        command = Command.RESUME if here.paused else Command.NEXT

    if command in (Command.NEXT, Command.SKIP):
        if here.step >= last:
            return Move(dataclasses.replace(here, paused=False), finished=True)
        return Move(dataclasses.replace(here, step=here.step + 1, paused=False), announce=True)
    if command is Command.BACK:
        moved = dataclasses.replace(here, step=max(0, here.step - 1), paused=False)
        note = "This is the first part, so here it is again." if here.step == 0 else None
        return Move(moved, announce=True, note=note)
    if command is Command.REPEAT:
        return Move(dataclasses.replace(here, paused=False), announce=True)
    if command is Command.PAUSE:
        return Move(
            dataclasses.replace(here, paused=True),
            note="Paused. Take all the time you need, and say continue when you're ready.",
        )
    if command is Command.RESUME:
        if here.paused:
            return Move(
                dataclasses.replace(here, paused=False),
                announce=True,
                note="Picking up where we were.",
            )
        return Move(here, announce=True)
    if command is Command.TIME_LEFT:
        return Move(here, note=time_left_words(reflection.remaining_s(here.step)))
    if command is Command.SLOWER:
        pace = round(max(SLOWEST_PACE, here.pace - PACE_STEP), 2)
        note = "Okay, more slowly." if pace < here.pace else "This is as slow as I go."
        return Move(dataclasses.replace(here, pace=pace), note=note)
    if command is Command.FASTER:
        pace = round(min(FASTEST_PACE, here.pace + PACE_STEP), 2)
        note = "Okay, a little quicker." if pace > here.pace else "This is as quick as I go."
        return Move(dataclasses.replace(here, pace=pace), note=note)
    raise ValueError(f"unknown command {command!r}")  # pragma: no cover - enum is closed


def time_left_words(remaining_s: float) -> str:
    """ "About 7 minutes left, with the quiet moments." """
    minutes = round(remaining_s / 60)
    if remaining_s < 60:
        return "Less than a minute left."
    if minutes <= 1:
        return "About a minute left, with the quiet moments."
    return f"About {minutes} minutes left, with the quiet moments."
