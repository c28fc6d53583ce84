"""Shared fixtures: the real trained Rasa model with the real custom actions, loaded once."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from assistant.dialogue.bridge import RasaDialogue, TurnResult
from assistant.dialogue.training import train_stale
from assistant.paths import PROJECT_ROOT
from assistant.settings import DialogueSettings

VENV_BIN = PROJECT_ROOT / ".venv" / "bin"


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

    saved = learned_labels_in_use()
    if "rasa" not in request.keywords:
        use_learned_labels(None)
    yield
    use_learned_labels(saved)


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


def kintsugi_command() -> list[str]:
    """The installed console script, as a user would run it."""
    return [str(VENV_BIN / "kintsugi")]


def python_command() -> list[str]:
    return [str(VENV_BIN / "python")]


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose HOME and data dirs are private to the test."""
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        RASA_TELEMETRY_ENABLED="false",
    )
    (tmp_path / "home").mkdir(exist_ok=True)
    env.pop("KINTSUGI_HOME", None)
    return env


def practice_turn(
    dialogue: RasaDialogue, run: Callable[[Any], Any], sender: str, text: str
) -> TurnResult:
    """One typed turn of an exercise. When the safety guard is unsure about practice words
    and asks, the user says no, as they would, and the held-back words go on."""
    result: TurnResult = run(dialogue.handle(sender, text))
    if result.safety == "check":
        result = run(dialogue.handle(sender, "no"))
    return result


def jsonl_session(tmp_path: Path, sender: str, texts: list[str]) -> list[dict[str, Any]]:
    """`kintsugi chat --jsonl` as a user runs it, one line per text; exactly one output
    line per input line, parsed."""
    result = subprocess.run(
        [*kintsugi_command(), "chat", "--jsonl"],
        input="".join(json.dumps({"sender": sender, "text": t}) + "\n" for t in texts),
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == len(texts)
    return outputs
