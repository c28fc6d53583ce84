"""Fixtures for the audio tests: the private PulseAudio daemon (see harness.py), started once
per test session and stopped at the end. The Korean Vosk model (`ko_model`) is the root
conftest's, shared with the speech tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.audio.harness import PulseHarness, rescan_portaudio


@pytest.fixture(scope="session")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseHarness]:
    for tool in ("pulseaudio", "pactl", "espeak-ng"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run scripts/system-packages")
    harness = PulseHarness(tmp_path_factory.mktemp("pulse"))
    saved = {
        k: os.environ.get(k) for k in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_SERVER")
    }
    harness.start()
    os.environ.update({k: harness.env[k] for k in saved})
    rescan_portaudio()
    try:
        yield harness
    finally:
        harness.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        rescan_portaudio()
