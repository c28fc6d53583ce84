"""The few things the runtime itself says (everything about coaching lives in Rasa/actions)."""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.dialogue.text_input import InputProblem

STILL_LOADING = "One moment, I'm still getting ready."
"""Said (or printed) when the first turn waits more than WAIT_NOTICE_S for the dialogue."""

WAIT_NOTICE_S = 2.5
"""How long a turn may wait for the dialogue before the user is told why."""


def domain_greeting(project_dir: Path) -> str:
    """The dialogue's own greeting (`utter_greet` in domain/core.yml), read without loading
    Rasa, so a text session can greet at once while the model loads."""
    domain = yaml.safe_load((project_dir / "domain" / "core.yml").read_text(encoding="utf-8"))
    return str(domain["responses"]["utter_greet"][0]["text"])


INPUT_PROBLEM_REPLIES: dict[InputProblem, str] = {
    InputProblem.EMPTY: (
        "I didn't get any words there. Take your time, and say it again when you're ready."
    ),
    InputProblem.NOT_ENGLISH: (
        "I'm sorry, I only understand English for now, so I can't follow that yet. "
        "If you can say it in English, I'm glad to carry on with you."
    ),
    InputProblem.TRUNCATED: (
        "That was a lot, so I've worked with the first part of it. "
        "Shorter pieces help me give better feedback."
    ),
}

ACTION_FAILED = "Sorry, something went wrong on my side just then. Could you say that again?"
