"""The listen payload: which partner segment of a listening role-play was just spoken.

Built by the listening actions after each segment; the dialogue adds the segment's own
words (`text`), so a voice front-end knows which line is the partner's voice, plays the
designed pause after it, and times an interruption against it.
"""

from __future__ import annotations

from typing import TypedDict


class ListenPayload(TypedDict, total=False):
    """One partner segment; `text` is added by the runtime (the actions do not send it)."""

    scenario: str
    """The scenario's id."""
    segment: int
    """The segment just spoken, 1-based."""
    of: int
    """How many segments the monologue has."""
    pause_s: float
    """The designed pause after this segment, in which the listener should stay quiet."""
    text: str
    """The segment's words, as said (added by the runtime)."""
