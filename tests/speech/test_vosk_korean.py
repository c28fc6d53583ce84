"""The real Vosk path with PyPI's Korean model and espeak-ng's Korean voice: loading,
streaming partial and final results, word confidences, grammar mode, resampling."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.audio.convert import resample
from assistant.audio.fakes import WavMicrophone
from assistant.errors import SpeechModelError
from assistant.speech.commands import CommandVocabulary
from assistant.speech.vosk_recognizer import CommandRecognizer, VoskRecognizer, load_model
from tests.audio.harness import KO_MODEL, espeak

pytestmark = pytest.mark.model

SENTENCE = "오늘 날씨가 좋습니다. 미안합니다."
COMMANDS = CommandVocabulary({"stop": ("정지",), "pause": ("잠깐",), "continue": ("계속",)})


def stream(recognizer: VoskRecognizer, samples: np.ndarray, block: int = 320) -> list[str]:
    partials = []
    for start in range(0, len(samples), block):
        partial = recognizer.accept(samples[start : start + block])
        if partial and (not partials or partials[-1] != partial):
            partials.append(partial)
    return partials


def test_streaming_gives_growing_partials_then_a_final_with_word_confidences(
    ko_model: Any,
) -> None:
    speech = espeak(SENTENCE, "ko", 130)
    recognizer = VoskRecognizer(ko_model)
    partials = stream(recognizer, np.concatenate([speech, np.zeros(8000, np.int16)]))
    transcript = recognizer.final()

    assert len(partials) >= 3, partials  # the words arrive while the user is still talking
    assert transcript.text and len(transcript.words) >= 3
    assert all(0.0 < w.confidence <= 1.0 for w in transcript.words)
    assert all(w.start_s < w.end_s for w in transcript.words)
    starts = [w.start_s for w in transcript.words]
    assert starts == sorted(starts)
    assert not any(w.word.startswith("[") for w in transcript.words)  # no [unk]-style markers
    assert transcript.delivery is not None and transcript.delivery.duration_s > 1.0
    # The recognizer is ready for the next turn at once.
    assert recognizer.final().text == ""


def test_a_long_pause_inside_one_turn_keeps_both_halves(ko_model: Any) -> None:
    first, second = espeak("오늘 날씨가 좋습니다", "ko", 130), espeak("미안합니다", "ko", 130)
    recognizer = VoskRecognizer(ko_model)
    # Four seconds of thinking: Vosk closes a segment on its own; we must keep it.
    stream(recognizer, np.concatenate([first, np.zeros(64000, np.int16), second]))
    transcript = recognizer.final()
    assert transcript.delivery is not None
    assert transcript.delivery.long_pauses >= 1
    assert transcript.delivery.longest_pause_s > 3.0
    assert transcript.words[0].start_s < 2.0 and transcript.words[-1].start_s > 5.0


@pytest.mark.parametrize(
    "word, command", [("정지", "stop"), ("잠깐", "pause"), ("계속", "continue")]
)
def test_grammar_mode_hears_only_commands(ko_model: Any, word: str, command: str) -> None:
    recognizer = CommandRecognizer(ko_model, COMMANDS)
    speech = np.concatenate([espeak(word, "ko", 140), np.zeros(8000, np.int16)])
    heard = [recognizer.accept(speech[i : i + 320]) for i in range(0, len(speech), 320)]
    found = [c for c in heard if c is not None] or [recognizer.final()]
    assert found[0] == command


def test_grammar_mode_acts_on_a_stable_partial_before_the_word_is_final(ko_model: Any) -> None:
    recognizer = CommandRecognizer(ko_model, COMMANDS)
    speech = espeak("정지", "ko", 140)
    fired_at = None
    for i in range(0, len(speech) + 8000, 320):
        block = speech[i : i + 320] if i < len(speech) else np.zeros(320, np.int16)
        if recognizer.accept(block, act_on_partial=frozenset({"stop"})) == "stop":
            fired_at = i
            break
    assert fired_at is not None
    # Barge-in does not wait for Vosk's own end-of-utterance silence (~0.5 s).
    assert fired_at < len(speech) + 4000


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_recorded_files_at_any_rate_are_resampled_and_recognized(
    ko_model: Any, tmp_path: Path, rate: int
) -> None:
    speech16 = espeak("정지", "ko", 140)
    path = tmp_path / f"stop-{rate}.wav"
    data = resample(speech16, 16000, rate)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)  # stereo too: the microphone downmixes
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.repeat(data.reshape(-1, 1), 2, axis=1).astype("<i2").tobytes())

    async def read_all() -> np.ndarray:
        mic = WavMicrophone([path], speed=None, gap_s=0.5)
        mic.start()
        chunks = []
        mic.listening_started()  # one turn: the file, its trailing gap, then end of input
        while (chunk := await mic.read()) is not None:
            chunks.append(chunk.samples)
            mic.listening_started()
        mic.close()
        return np.concatenate(chunks)

    heard = asyncio.run(read_all())
    assert (
        abs(np.count_nonzero(np.abs(heard) > 500) - np.count_nonzero(np.abs(speech16) > 500)) < 1600
    )
    recognizer = CommandRecognizer(ko_model, COMMANDS)
    found = [c for i in range(0, len(heard), 320) if (c := recognizer.accept(heard[i : i + 320]))]
    assert (found or [recognizer.final()])[0] == "stop"


def test_a_missing_or_broken_model_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "am").mkdir()
    (tmp_path / "am" / "final.mdl").write_bytes(b"not a model")
    with pytest.raises(SpeechModelError, match="kintsugi models"):
        load_model(tmp_path)


def test_the_korean_model_directory_is_inside_the_pypi_package() -> None:
    assert (KO_MODEL / "am" / "final.mdl").is_file()
