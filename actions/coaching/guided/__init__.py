"""Guided reflections: content (one module per reflection), navigation and command reading.

Pure Python: no Rasa, no I/O. The Rasa actions are in actions/guided_actions.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from actions.coaching.guided.after_a_setback import AFTER_A_SETBACK
from actions.coaching.guided.base import GuidedReflection, Step
from actions.coaching.guided.before_hard_conversation import BEFORE_A_HARD_CONVERSATION
from actions.coaching.guided.commands import plain
from actions.coaching.guided.the_long_road import THE_LONG_ROAD

__all__ = [
    "REFLECTIONS",
    "GuidedReflection",
    "Step",
    "get_reflection",
    "named_reflection",
    "suggest_reflection",
]

REFLECTIONS: tuple[GuidedReflection, ...] = (
    BEFORE_A_HARD_CONVERSATION,
    AFTER_A_SETBACK,
    THE_LONG_ROAD,
)
"""In the order they are offered."""


def get_reflection(reflection_id: str) -> GuidedReflection:
    for reflection in REFLECTIONS:
        if reflection.id == reflection_id:
            return reflection
    raise KeyError(reflection_id)


def named_reflection(text: str) -> GuidedReflection | None:
    """The reflection the text names by one of its aliases (the longest alias found wins, so
    "after an argument" beats a bare "argument"), or None."""
    said = f" {plain(text)} "
    best: tuple[int, GuidedReflection] | None = None
    for reflection in REFLECTIONS:
        for alias in reflection.aliases:
            phrase = plain(alias)
            if f" {phrase} " in said and (best is None or len(phrase) > best[0]):
                best = (len(phrase), reflection)
    return best[1] if best else None


def suggest_reflection(done: Sequence[str]) -> GuidedReflection:
    """The first reflection not yet done in this conversation; the first when all are."""
    for reflection in REFLECTIONS:
        if reflection.id not in done:
            return reflection
    return REFLECTIONS[0]
