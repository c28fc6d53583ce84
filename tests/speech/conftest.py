"""Fixtures for the speech tests: the real Korean Vosk model from PyPI, loaded once."""

from __future__ import annotations

from typing import Any

import pytest

from tests.audio.harness import KO_MODEL


@pytest.fixture(scope="session")
def ko_model() -> Any:
    from assistant.speech.vosk_recognizer import load_model

    return load_model(KO_MODEL)
