"""Repeated questions by voice: a voice that gets louder round after round reaches the end
feedback. The whole voice loop runs with the REAL dialogue (trained Rasa model, action
server); the loudness is measured from the audio by the endpointer. Words come from the
ScriptedRecognizer DOUBLE (the English Vosk model cannot be fetched here)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from assistant.dialogue.bridge import RasaDialogue
from assistant.events import Transcript
from tests.audio.harness import espeak
from tests.support.recording import RecordingDialogue
from tests.support.voice import replay

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

START = "my partner keeps asking me the same questions"
ANSWER = "it started in march and i will answer that as many times as you need"


def test_a_voice_rising_across_the_rounds_is_noted_in_the_feedback(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    dialogue = RecordingDialogue(rasa_dialogue, "voice-questions-louder")
    answer = espeak("It started in March, and I will answer that as many times as you need.")
    rounds = 9  # the first scenario's schedule; the feedback check below says if it changed
    gains = np.geomspace(0.2, 1.0, rounds)  # about 14 dB quieter to full, evenly in dB
    audio: list[np.ndarray | Path] = [espeak("My partner keeps asking me the same questions.")]
    audio += [(answer * gain).astype(np.int16) for gain in gains]
    events, _speaker, _ = replay(
        tmp_path, audio, [START] + [ANSWER] * rounds, dialogue, out_wav=False, gap_s=1.0
    )

    levels = [t.delivery.loudness_db for t in events.of_type(Transcript)][1:]
    assert len(levels) == rounds and all(level is not None for level in levels)
    print("\nanswer loudness by round (dBFS):", [round(level, 1) for level in levels])
    # Measured from the audio: each round about 1.75 dB louder than the last. A little less
    # in all, because in the quietest answers the softest frames fall under the voice
    # threshold, and only voiced frames are measured.
    assert all(b > a for a, b in itertools.pairwise(levels))
    assert levels[-1] - levels[0] == pytest.approx(20 * np.log10(gains[-1] / gains[0]), abs=2.0)

    assert dialogue.results[0].exercise == "questions"
    feedback = dialogue.results[-1].feedback
    assert feedback is not None, [r.bot for r in dialogue.results]
    delivery = feedback["delivery"]
    assert delivery is not None and delivery["loudness_rising"] is True
    assert delivery["loudness"]["values"] == pytest.approx(levels, abs=0.1)
    assert delivery["pace_rising"] is False  # same words, same length: same pace
    assert any("louder" in line for line in dialogue.results[-1].bot)
