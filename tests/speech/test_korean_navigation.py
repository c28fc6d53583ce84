"""The Korean words the guided audio tests say for navigation commands, checked through the
real Korean grammar without a sound server: each, as espeak-ng says it at any pace from 120
to 160 words a minute, must be heard as its own command and nothing else.

Why: the audio tests say each word once or twice at 140 over a busy box's jitter. A word
heard only at exactly that pace ("이전" for back was heard as skip at 130 and as nothing
at 100-120) passes alone and fails in CI now and then; this catches such a word before it is
used.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from assistant.speech.commands import BARGE_IN
from assistant.speech.vosk_recognizer import CommandRecognizer
from tests.audio.harness import espeak
from tests.support.guided_voice import KOREAN_NAVIGATION

pytestmark = [pytest.mark.model]

SPOKEN_IN_AUDIO_TESTS = ("pause", "continue", "skip", "back", "time_left")
"""The commands the guided audio tests say by voice (repeat comes from the text double)."""

PACES = (120, 130, 140, 150, 160)


def heard(model: Any, samples: np.ndarray) -> list[str]:
    """Commands the grammar acts on, fed the way the session feeds it: 20 ms blocks, with a
    little silence before and a second after."""
    recognizer = CommandRecognizer(model, KOREAN_NAVIGATION)
    audio = np.concatenate([np.zeros(3200, np.int16), samples, np.zeros(16000, np.int16)])
    commands = []
    for start in range(0, len(audio), 320):
        command = recognizer.accept(audio[start : start + 320], act_on_partial=BARGE_IN)
        if command is not None:
            commands.append(command)
    return commands


@pytest.mark.parametrize("command", SPOKEN_IN_AUDIO_TESTS)
def test_each_navigation_word_is_heard_as_its_command_at_every_pace(
    ko_model: Any, command: str
) -> None:
    (word,) = KOREAN_NAVIGATION.commands[command]
    by_pace = {pace: heard(ko_model, espeak(word, "ko", pace)) for pace in PACES}
    assert all(commands[:1] == [command] for commands in by_pace.values()), by_pace
