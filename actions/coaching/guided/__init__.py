"""Guided reflections: content (one YAML file per reflection in data/, read by `files`),
navigation and command reading.

Pure Python, no Rasa; the only I/O is reading its own data files once, on import. The Rasa
actions are in actions/guided_actions.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from actions.coaching.guided.base import GuidedReflection, Step
from actions.coaching.guided.commands import plain
from actions.coaching.guided.files import GUIDED_ORDER, load_reflection

__all__ = [
    "REFLECTIONS",
    "GuidedReflection",
    "Step",
    "get_reflection",
    "named_reflection",
    "suggest_reflection",
]

REFLECTIONS: tuple[GuidedReflection, ...] = tuple(
    load_reflection(reflection_id) for reflection_id in GUIDED_ORDER
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
