"""Speech output through pyttsx3's espeak driver with Debian's libespeak-ng."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.audio.convert import rms
from assistant.errors import SynthesisError
from assistant.events import SAMPLE_RATE
from assistant.speech.tts import MAX_RATE, MIN_RATE, Pyttsx3Synthesizer


def leftovers() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("kintsugi-tts-*"))


def test_a_sentence_renders_to_16k_samples_and_leaves_nothing_on_disk(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = leftovers()
    samples = Pyttsx3Synthesizer().synthesize("Thank you for telling me.")
    assert samples.dtype == np.int16
    assert 0.8 < len(samples) / 16000 < 4.0
    assert rms(samples) > 500
    assert leftovers() == before
    assert capsys.readouterr().out == ""  # pyttsx3's "Audio saved to ..." is silenced


def test_slower_and_faster_change_the_length_for_the_rest_of_the_session() -> None:
    synthesizer = Pyttsx3Synthesizer(rate=170)
    normal = len(synthesizer.synthesize("Let us take this one step at a time."))
    synthesizer.slower()
    synthesizer.slower()
    slow = len(synthesizer.synthesize("Let us take this one step at a time."))
    assert slow > normal * 1.15
    for _ in range(20):
        synthesizer.faster()
    assert synthesizer.rate == MAX_RATE
    for _ in range(20):
        synthesizer.slower()
    assert synthesizer.rate == MIN_RATE


def test_korean_voice_speaks_hangul() -> None:
    samples = Pyttsx3Synthesizer(voice="ko").synthesize("안녕하세요")
    assert len(samples) > 8000 and rms(samples) > 500


def test_an_unknown_voice_says_how_to_choose_one() -> None:
    with pytest.raises(SynthesisError, match="espeak-ng --voices"):
        Pyttsx3Synthesizer(voice="no-such-voice-xx").synthesize("hello")


def test_empty_text_is_silence_not_an_error() -> None:
    assert len(Pyttsx3Synthesizer().synthesize("   ")) == 0


class _EngineThatMissesOnce:
    """A pyttsx3 engine double whose first run writes no file, as the espeak driver now and
    then does; the real engine writes the second time."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.runs = 0
        self._pending: tuple[str, str] | None = None

    def save_to_file(self, text: str, path: str) -> None:
        self._pending = (text, path)

    def runAndWait(self) -> None:
        self.runs += 1
        if self.runs > 1 and self._pending is not None:
            self.real.save_to_file(*self._pending)
            self.real.runAndWait()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_a_sentence_the_engine_did_not_write_is_asked_for_once_more() -> None:
    synthesizer = Pyttsx3Synthesizer()
    real = synthesizer._ensure_engine()
    double = _EngineThatMissesOnce(real)
    synthesizer._engine = double
    pcm = synthesizer.synthesize("Take your time.")
    assert double.runs == 2
    assert len(pcm) > SAMPLE_RATE // 4
