"""Asking for help numbers ("crisis help", "I'm not safe") works anywhere, with the trained
model and the real action server: at the menu and in the middle of every exercise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assistant.dialogue.bridge import RasaDialogue

pytestmark = pytest.mark.rasa

EXERCISES = {
    "apology": ["help me practise an apology"],
    "listening": ["practise listening"],
    "questions": ["my partner keeps asking me the same questions"],
    "reflection": ["guide me through a reflection", "yes", "no"],
}


def _gives_every_resource(bot: list[str]) -> bool:
    said = " ".join(bot)
    return all(number in said for number in ("988", "1-800-799-7233", "911"))


@pytest.mark.parametrize("asked", ["crisis help", "i dont feel safe", "give me a hotline number"])
def test_at_the_menu_a_request_for_help_numbers_gets_every_resource(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], asked: str
) -> None:
    sender = f"menu-{asked}"
    run(rasa_dialogue.handle(sender, "hello"))
    result = run(rasa_dialogue.handle(sender, asked))
    assert result.intent == "ask_crisis_help"
    assert _gives_every_resource(result.bot)
    assert result.expect == "long_form"  # room to keep talking


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_inside_every_exercise_im_not_safe_ends_it_and_gives_every_resource(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], exercise: str
) -> None:
    sender = f"inside-{exercise}"
    for text in EXERCISES[exercise]:
        started = run(rasa_dialogue.handle(sender, text))
    assert started.exercise == exercise
    result = run(rasa_dialogue.handle(sender, "im not safe"))
    assert result.exercise is None
    assert _gives_every_resource(result.bot)
    # Nothing was assumed: coaching is still offered afterwards.
    again = run(rasa_dialogue.handle(sender, "help me practise an apology"))
    assert again.exercise == "apology"


def test_an_apology_that_mentions_safety_is_still_an_apology(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    sender = "apology-safe"
    run(rasa_dialogue.handle(sender, "help me practise an apology"))
    result = run(
        rasa_dialogue.handle(
            sender,
            "I'm sorry I wasn't safe to be around when I drank, and I'm getting help now",
        )
    )
    if result.safety == "check":  # the guard may ask; a "no" gives the apology its feedback
        result = run(rasa_dialogue.handle(sender, "no"))
    assert result.intent != "ask_crisis_help"
    assert result.feedback is not None and not _gives_every_resource(result.bot)
