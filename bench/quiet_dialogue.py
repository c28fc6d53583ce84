"""The whole dialogue (safety guard, NLU, rules, actions) for a bench that scores batches
of text, trained if stale, with Rasa's per-parse debug logging (which carries the user's
text) kept out of the table."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.dialogue.bridge import RasaDialogue


@contextmanager
def quiet_dialogue() -> Iterator[RasaDialogue]:
    """A started dialogue with the safety guard, stopped on leaving. Whatever model is out of
    date is trained first, and said on stderr."""
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from assistant.dialogue.bridge import RasaDialogue
    from assistant.dialogue.training import train_stale
    from assistant.safety.guard import load_safety_guard
    from assistant.settings import DialogueSettings

    settings = DialogueSettings()
    trained = train_stale(settings)
    if trained:
        # A blind batch's first run then measures these models, not the last commit's: the
        # batch's header must say so (it happened to rb: README, "Measured figures").
        print(
            "bench: trained first, as their data had changed: " + ", ".join(trained),
            file=sys.stderr,
        )
    dialogue = RasaDialogue(settings, safety_screen=load_safety_guard(settings.understanding_dir))
    dialogue.start()
    try:
        yield dialogue
    finally:
        dialogue.stop()
