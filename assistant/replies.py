"""The few things the runtime itself says (everything about coaching lives in Rasa/actions)."""

from __future__ import annotations

from assistant.text_input import InputProblem

INPUT_PROBLEM_REPLIES: dict[InputProblem, str] = {
    InputProblem.EMPTY: (
        "I didn't get any words there. Take your time, and say it again when you're ready."
    ),
    InputProblem.NOT_ENGLISH: (
        "I'm sorry, I only understand English so far. Could you say that in English?"
    ),
    InputProblem.TRUNCATED: (
        "That was a lot, so I've worked with the first part of it. "
        "Shorter pieces help me give better feedback."
    ),
}

ACTION_SERVER_RESTARTED = (
    "Sorry, part of me stopped working for a moment. I've restarted it, so let's carry on."
)
