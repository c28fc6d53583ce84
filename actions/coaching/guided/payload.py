"""The guide payload: where a guided reflection is, sent with every turn of it.

The one definition of the contract between the reflection actions (which build it) and the
front-ends (the voice session paces the reflection by it, the journal keeps its place).
It travels through Rasa as a custom payload, so at run time it is a plain dict; this type
is what both sides are checked against.
"""

from __future__ import annotations

from typing import TypedDict

from actions.coaching.guided.base import GuidedReflection
from actions.coaching.guided.navigation import Position


class GuidePayload(TypedDict):
    """One turn's place in a guided reflection."""

    reflection: str
    """The reflection's id."""
    title: str
    step: int
    """The step just said, 1-based."""
    of: int
    """How many steps the reflection has."""
    silence_s: float
    """The designed silence after this step's prompt (0 when finished)."""
    answer: bool
    """The step invites a spoken answer (a long-form turn)."""
    remaining_s: float
    """Designed time from the start of this step to the end."""
    closing: bool
    """This is the closing step."""
    paused: bool
    pace: float
    """Speaking pace relative to the rate the reflection began at."""
    keep_answers: bool | None
    """Whether the user agreed to keep their spoken answers (None: not asked yet)."""
    kept_answer: int | None
    """The step whose answer this turn's words were kept for, if any."""
    text_cue: str | None
    """The last bot line when it is a cue for text mode only (a voice does not say it)."""
    finished: bool
    stopped: bool


def guide_payload(
    reflection: GuidedReflection,
    position: Position,
    *,
    keep: bool | None,
    text_cue: str | None = None,
    kept_answer: int | None = None,
    finished: bool = False,
    stopped: bool = False,
) -> GuidePayload:
    """Where the reflection is, for front-ends: the contract is `GuidePayload`, whose
    fields say what each means."""
    count = len(reflection.steps)
    if finished:
        return {
            "reflection": reflection.id,
            "title": reflection.title,
            "step": count,
            "of": count,
            "silence_s": 0.0,
            "answer": False,
            "remaining_s": 0.0,
            "closing": True,
            "paused": False,
            "pace": position.pace,
            "keep_answers": keep,
            "kept_answer": kept_answer,
            "text_cue": None,
            "finished": True,
            "stopped": False,
        }
    step = reflection.steps[position.step]
    return {
        "reflection": reflection.id,
        "title": reflection.title,
        "step": position.step + 1,
        "of": count,
        "silence_s": float(step.silence_s),
        "answer": step.invites_answer,
        "remaining_s": round(reflection.remaining_s(position.step), 1),
        "closing": reflection.is_closing(position.step),
        "paused": position.paused,
        "pace": position.pace,
        "keep_answers": keep,
        "kept_answer": kept_answer,
        "text_cue": text_cue,
        "finished": False,
        "stopped": stopped,
    }
