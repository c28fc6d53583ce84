"""What the guided exercise says around its reflections' own words: the cues after a step,
the question about keeping answers, the offer and the introduction of a reflection.

Pure Python: the Rasa actions (actions/guided_actions.py) say these.
"""

from __future__ import annotations

from collections.abc import Sequence

from actions.coaching.guided.base import GuidedReflection
from actions.coaching.guided.navigation import RESUME_WITHIN_DAYS
from actions.coaching.spoken import count_word

THINK_CUE = "(Take a moment with that. Say next when you're ready.)"
ANSWER_CUE = "(Say your answer when you're ready, or next to move on.)"
CONSENT_QUESTION = (
    "A few parts invite you to answer out loud. Would you like me to keep what you say in "
    "those, on this device only? Yes or no is fine either way."
)
KEEP_YES = (
    "Thank you. I'll keep your answers on this device only, and you can erase them whenever "
    "you like."
)
KEEP_NO = "That's fine. Nothing you say in this reflection will be kept."
LET_IT_PASS = (
    "Whatever comes up is yours; you don't need to tell me. Say next when you're ready, or "
    "stop to finish for now."
)
STILL_PAUSED = "We're paused. Say continue when you're ready, or stop to finish for now."
WHICH_ONE = (
    "Which one would you like: before a hard conversation, after an argument or a setback, "
    "or the long road? Or say yes for the one I suggested."
)
NOT_NOW = "That's fine. Whenever you'd like one, say guide me through a reflection."


def kept_place(reflection: GuidedReflection, step: int) -> str:
    return (
        f"I'll keep your place, part {step + 1} of {len(reflection.steps)}, for "
        f"{days(RESUME_WITHIN_DAYS)}: say resume my reflection to pick it up."
    )


def days(count: int) -> str:
    return "a day" if count == 1 else f"{count_word(count)} days"


def offer(reflections: Sequence[GuidedReflection], suggested: GuidedReflection) -> str:
    """Every reflection, how long it takes, and the one suggested."""
    listed = "; ".join(f"{r.title}, about {r.minutes} minutes" for r in reflections)
    return (
        f"I have {count_word(len(reflections))} guided reflections: {listed}. I'd suggest "
        f"{suggested.title.lower()}. {suggested.summary} Shall we start it, or would you "
        "like another?"
    )


def intro(reflection: GuidedReflection) -> str:
    return (
        f"{reflection.title}. {reflection.summary} It takes about {reflection.minutes} "
        "minutes. After each part there's a quiet moment to think, and I won't fill it. "
        "Say pause, back, repeat or stop whenever you like."
    )
