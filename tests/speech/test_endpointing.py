"""Endpointing on synthetic and spoken audio: profiles, thinking pauses, commands, noise."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.voice.endpointing import PROFILES, Endpoint, Endpointer, profile_for
from tests.audio.harness import espeak

SILENCE = np.zeros(16000, dtype=np.int16)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(16000 * seconds), dtype=np.int16)


def run(
    endpointer: Endpointer, audio: np.ndarray, block: int = 320
) -> list[tuple[float, Endpoint]]:
    marks = []
    for start in range(0, len(audio), block):
        for mark in endpointer.feed(audio[start : start + block]):
            marks.append((round(endpointer.audio_s, 2), mark))
    return marks


@pytest.fixture(scope="module")
def sentence() -> np.ndarray:
    return espeak("I am sorry that I broke your trust.", speed=150)


def test_an_answer_ends_after_its_trailing_silence(sentence: np.ndarray) -> None:
    endpointer = Endpointer()
    endpointer.begin(PROFILES["answer"])
    marks = run(endpointer, np.concatenate([silence(0.5), sentence, silence(3)]))
    kinds = [m for _, m in marks]
    assert kinds == [Endpoint.SPEECH_STARTED, Endpoint.SPEECH_ENDED]
    loud = np.flatnonzero(np.abs(sentence) > 500) / 16000
    ended_at = marks[-1][0]
    assert 0.5 + loud[-1] + 0.8 <= ended_at <= 0.5 + loud[-1] + 1.3
    assert abs(endpointer.speech_s - (loud[-1] - loud[0])) < 0.3


def test_long_form_survives_a_four_second_thinking_pause(sentence: np.ndarray) -> None:
    endpointer = Endpointer()
    endpointer.begin(profile_for("long_form"))
    audio = np.concatenate([sentence, silence(4.0), sentence, silence(6)])
    marks = run(endpointer, audio)
    assert [m for _, m in marks] == [Endpoint.SPEECH_STARTED, Endpoint.SPEECH_ENDED]
    # Ended after the second half, not in the pause.
    assert marks[-1][0] > (2 * len(sentence)) / 16000 + 4.0


def test_a_command_turn_ends_well_under_two_seconds_after_stop() -> None:
    stop = espeak("stop")
    endpointer = Endpointer()
    endpointer.begin(profile_for("command"))
    marks = run(endpointer, np.concatenate([stop, silence(3)]))
    assert marks[-1][1] is Endpoint.SPEECH_ENDED
    assert marks[-1][0] - len(stop) / 16000 < 1.0


def test_no_speech_times_out_per_profile() -> None:
    for name in ("command", "answer"):
        endpointer = Endpointer()
        profile = PROFILES[name]
        endpointer.begin(profile)
        marks = run(endpointer, silence(profile.no_speech_timeout_s + 1))
        assert marks == [(pytest.approx(profile.no_speech_timeout_s, abs=0.05), Endpoint.NO_SPEECH)]


def test_maximum_length_bounds_endless_speech(sentence: np.ndarray) -> None:
    endpointer = Endpointer()
    endpointer.begin(PROFILES["command"])  # 5 s cap
    marks = run(endpointer, np.tile(sentence, 4))
    assert marks[-1][1] is Endpoint.MAX_LENGTH
    assert marks[-1][0] <= PROFILES["command"].max_length_s + 0.5


def test_steady_noise_is_not_speech() -> None:
    rng = np.random.default_rng(7)
    hiss = (rng.standard_normal(16000 * 14) * 2000).astype(np.int16)  # loud, constant
    endpointer = Endpointer()
    endpointer.begin(PROFILES["answer"])
    marks = run(endpointer, hiss)
    assert marks[-1][1] is Endpoint.NO_SPEECH  # it never became a turn
    assert endpointer.noise_floor > 1000  # and the floor learned the hiss


def test_speech_over_learned_noise_is_still_heard(sentence: np.ndarray) -> None:
    rng = np.random.default_rng(3)
    hum = (rng.standard_normal(16000 * 3) * 300).astype(np.int16)
    endpointer = Endpointer()
    endpointer.begin(PROFILES["answer"])
    run(endpointer, hum)
    loud_speech = (sentence.astype(np.int32) + hum[: len(sentence)]).clip(-32768, 32767)
    marks = run(endpointer, np.concatenate([loud_speech.astype(np.int16), hum]))
    assert Endpoint.SPEECH_STARTED in [m for _, m in marks]


def test_unknown_profile_names_fall_back_to_answer() -> None:
    assert profile_for("nonsense") == PROFILES["answer"]
    assert profile_for(None) == PROFILES["answer"]
