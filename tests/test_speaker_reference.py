"""The speaker's echo reference: what went out, where it fell in time, and the silence an
underrun left. Driven through the real PortAudio callback of `SoundDeviceSpeaker` with the
timing PortAudio hands it; no stream is opened (tests/audio/ plays through real ones)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np

from assistant.audio.sd_speaker import SoundDeviceSpeaker

BLOCK = 320


def blocks(count: int, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.integers(-8000, 8000, BLOCK, dtype=np.int16) for _ in range(count)]


class NoStream:
    """DOUBLE of the PortAudio stream: the callback is driven by hand here."""

    latency = 0.0


def speaker_without_stream() -> SoundDeviceSpeaker:
    speaker = SoundDeviceSpeaker()
    speaker._stream = NoStream()
    return speaker


def play_out(speaker: SoundDeviceSpeaker, dac_times: list[float], sound: list[np.ndarray]) -> None:
    """Queue `sound` and run one callback per playback time, as PortAudio would."""
    for samples in sound:
        speaker.play(samples)
    for dac in dac_times:
        out = np.zeros((BLOCK, 1), dtype=np.int16)
        speaker._callback(out, BLOCK, SimpleNamespace(outputBufferDacTime=dac), 0)


def test_blocks_that_follow_each_other_are_one_stretch_of_sound() -> None:
    speaker = speaker_without_stream()
    sound = blocks(3)
    # Playback times a few milliseconds off the ideal: jitter, not an underrun.
    play_out(speaker, [10.0, 10.023, 10.039], sound)
    assert np.array_equal(speaker.recent_output(3 * BLOCK), np.concatenate(sound))


def test_the_silence_an_underrun_left_is_in_the_reference() -> None:
    speaker = speaker_without_stream()
    sound = blocks(3)
    # The third block went out 100 ms late: the device played silence meanwhile.
    play_out(speaker, [10.0, 10.02, 10.14], sound)
    heard = speaker.recent_output(3 * BLOCK + 1600)
    gap = np.zeros(1600, dtype=np.int16)
    assert np.array_equal(heard, np.concatenate([sound[0], sound[1], gap, sound[2]]))


def test_the_reference_for_a_moment_ends_with_what_had_gone_out_by_then() -> None:
    speaker = speaker_without_stream()
    sound = blocks(2, seed=1)
    play_out(speaker, [10.0, 10.02], sound)
    moment = time.monotonic()
    play_out(speaker, [10.04, 10.06], [])  # two blocks of silence, written after the moment
    assert np.array_equal(speaker.recent_output(2 * BLOCK, until=moment), np.concatenate(sound))
    assert not np.array_equal(speaker.recent_output(2 * BLOCK), np.concatenate(sound))


def test_a_host_without_playback_times_is_taken_as_gapless() -> None:
    speaker = speaker_without_stream()
    sound = blocks(2, seed=2)
    play_out(speaker, [0.0, 0.0], sound)
    assert np.array_equal(speaker.recent_output(2 * BLOCK), np.concatenate(sound))
