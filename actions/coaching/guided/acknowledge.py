"""What is said right after a spoken answer in a guided reflection.

A reflection is not the rehearsal: it does not score or coach every answer. But thanks that
follow "I'm sorry if you feel hurt, but I did it to protect you" must not sound like approval,
so an answer to a step that `checks_answer` is read by the apology analyzer, and the thanks
then name the one thing that undoes it, gently, in the user's own words. Pure: no I/O.
"""

from __future__ import annotations

from actions.coaching.apology import analyze_apology
from actions.coaching.apology_feedback import anti_pattern_note
from actions.coaching.guided.base import Step

__all__ = ["THANKS", "acknowledge"]

THANKS = "Thank you."
"""The acknowledgement of an answer with nothing in it to point out (or not read for it)."""


def acknowledge(step: Step, answer: str) -> str:
    """The line said after `answer` to `step`: plain thanks, or thanks with a note on the
    heaviest anti-pattern found when the step checks its answer."""
    if not step.checks_answer:
        return THANKS
    note = anti_pattern_note(analyze_apology(answer))
    if note is None:
        return THANKS
    return f"{THANKS} One thing to notice before we go on: {note[:1].lower()}{note[1:]}"
