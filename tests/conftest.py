"""Shared fixtures: the real trained Rasa model with the real custom actions, and the Korean
Vosk model, each loaded once. Shared helpers (not fixtures) are in tests/support/."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from assistant.dialogue.bridge import RasaDialogue
from assistant.dialogue.training import train_stale
from assistant.settings import DialogueSettings


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked ``first`` run first. pytest-xdist hands out tests in collection
    order; a test of a minute or two that comes late runs on one worker while the other
    worker has nothing left to do. The other tests keep their order (the sort is stable)."""
    items.sort(key=lambda item: item.get_closest_marker("first") is None)


@pytest.fixture(scope="session", autouse=True)
def _quiet_rasa() -> None:
    """Keep Rasa's debug logs (which include user text) out of the test output, as the
    CLI does; pytest's own warning handling is left alone."""
    import structlog

    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )


@pytest.fixture(autouse=True)
def _apology_rules_alone_outside_rasa_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    """The action server installs the learned apology labels once it starts; tests that do
    not run the dialogue see the analyzer as unit tests expect, its rules alone."""
    from actions.coaching.apology import learned_labels_in_use, use_learned_labels
    from actions.coaching.listening_learned import listening_learned_in_use, use_listening_learned

    saved = learned_labels_in_use()
    saved_listening = listening_learned_in_use()
    if "rasa" not in request.keywords:
        use_learned_labels(None)
        use_listening_learned(None)
    yield
    use_learned_labels(saved)
    use_listening_learned(saved_listening)


@pytest.fixture(autouse=True)
def _answer_rules_alone_outside_rasa_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    """Likewise for the answer analyzer's learned labels (tests/test_answer_learned.py)."""
    from actions.coaching import answer

    saved = answer.learned_labels_in_use()
    if "rasa" not in request.keywords:
        answer.use_learned_labels(None)
    yield
    answer.use_learned_labels(saved)


@pytest.fixture(scope="session")
def dialogue_settings() -> DialogueSettings:
    """The project's real models (dialogue and crisis classifier), trained now if `make`
    has not trained them already."""
    settings = DialogueSettings()
    train_stale(settings)
    return settings


@pytest.fixture(scope="session")
def rasa_dialogue(dialogue_settings: DialogueSettings) -> Iterator[RasaDialogue]:
    """A started RasaDialogue (agent and custom actions in this process), shared by tests.

    Tests use a fresh sender id each so conversations do not leak into each other.
    """
    from assistant.safety.guard import load_safety_guard

    guard = load_safety_guard(dialogue_settings.understanding_dir)
    dialogue = RasaDialogue(dialogue_settings, safety_screen=guard)
    dialogue.start()
    yield dialogue
    dialogue.stop()


@pytest.fixture
def run() -> object:
    """Run a coroutine to completion (tests stay synchronous and simple)."""
    return asyncio.run


@pytest.fixture(scope="session")
def ko_model() -> Any:
    """The real Korean Vosk model from PyPI (the English one cannot be fetched here), loaded
    once for the audio and speech tests."""
    from assistant.speech.vosk_recognizer import load_model
    from tests.audio.harness import KO_MODEL

    return load_model(KO_MODEL)
