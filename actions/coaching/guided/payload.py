"""The guide payload: where a guided reflection is, sent with every turn of it.

The one definition of the contract between the reflection actions (which build it) and the
front-ends (the voice session paces the reflection by it, the journal keeps its place).
It travels through Rasa as a custom payload, so at run time it is a plain dict; this type
is what both sides are checked against.
"""

from __future__ import annotations

from typing import TypedDict


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
