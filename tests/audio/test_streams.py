"""Real PortAudio streams through the private PulseAudio daemon: devices, microphone, speaker."""

from __future__ import annotations

import asyncio
import time

import numpy as np
import pytest

from assistant.audio import SoundDeviceMicrophone, SoundDeviceSpeaker, list_devices, resolve_device
from assistant.audio.convert import rms
from assistant.errors import AudioDeviceError
from tests.audio.harness import PulseHarness, Recorder, Voice, espeak

pytestmark = pytest.mark.audio


def test_devices_lists_the_sound_server_and_resolves_by_name_and_index(pulse: PulseHarness) -> None:
    devices = list_devices()
    pulse_device = next(d for d in devices if d.name == "pulse")
    assert pulse_device.max_input_channels > 0 and pulse_device.max_output_channels > 0

    assert resolve_device("pulse", "input").index == pulse_device.index
    assert resolve_device(str(pulse_device.index), "output").name == "pulse"
    assert resolve_device("", "input").max_input_channels > 0  # the system default

    with pytest.raises(AudioDeviceError, match="kintsugi devices"):
        resolve_device("no such microphone", "input")
    with pytest.raises(AudioDeviceError, match="no input device number 999"):
        resolve_device("999", "input")


async def _record(mic: SoundDeviceMicrophone, seconds: float) -> np.ndarray:
    chunks = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        chunk = await mic.read()
        assert chunk is not None
        chunks.append(chunk.samples)
    return np.concatenate(chunks)


async def _hear(mic: SoundDeviceMicrophone, voice: Voice, speech: np.ndarray) -> np.ndarray:
    """Let the stream settle, then have the user say `speech` and record it."""
    await _record(mic, 0.5)
    voice.say(speech)
    return await _record(mic, len(speech) / 16000 + 1.0)


@pytest.mark.parametrize(
    ("capture_rate", "expected_rate"), [(0, 16000), (22050, 22050), (44100, 44100), (48000, 48000)]
)
def test_microphone_delivers_16k_mono_from_any_device_rate(
    pulse: PulseHarness, capture_rate: int, expected_rate: int
) -> None:
    speech = espeak("This is the user speaking to the microphone.")

    async def scenario() -> tuple[np.ndarray, tuple[int, int]]:
        with pulse.voice() as voice:
            mic = SoundDeviceMicrophone("pulse", capture_rate=capture_rate)
            mic.start()
            try:
                return await _hear(mic, voice, speech), mic.format
            finally:
                mic.close()

    heard, (rate, _channels) = asyncio.run(scenario())
    assert rate == expected_rate
    assert heard.dtype == np.int16
    # Converted at 16 kHz, the speech keeps its length (within the start-up jitter) and level.
    loud = np.flatnonzero(np.abs(heard) > 1000)
    assert loud.size, "the microphone heard nothing"
    source = np.flatnonzero(np.abs(speech) > 1000)
    span_s = (loud[-1] - loud[0]) / 16000
    assert abs(span_s - (source[-1] - source[0]) / 16000) < 0.1
    assert rms(heard[loud[0] : loud[-1]]) > 0.3 * rms(speech)


def test_speaker_stop_cuts_the_rest_of_the_sentence(pulse: PulseHarness) -> None:
    sentence = espeak("I am going to keep talking for quite a while so that you can stop me.")

    async def scenario(recording: Recorder) -> tuple[float, int]:
        speaker = SoundDeviceSpeaker("pulse")
        speaker.start()
        try:
            speaker.play(sentence)
            # Stop once the sentence is heard, then a little into it: a fixed 1.2 s was
            # sometimes before a new stream's first sound on a busy box (CI at 31ac7eb).
            deadline = time.monotonic() + 20
            while not recording.loud_times() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            stopped_at = time.monotonic()
            speaker.stop()
            await speaker.wait_done()
            await asyncio.sleep(0.6)
            return stopped_at, speaker._consumed
        finally:
            speaker.close()

    with pulse.recorder() as recording:
        stopped_at, taken = asyncio.run(scenario(recording))
    loud = recording.loud_times()
    # Once (CI at 862de36) nothing was heard for 20 s; say which side went quiet if it recurs.
    assert loud, (
        f"nothing reached the speaker: its stream took {taken} samples, the recorder got "
        f"{len(recording.blocks)} blocks; streams now: "
        f"{pulse.pactl('list', 'short', 'sink-inputs')!r}"
    )
    assert loud[0] < stopped_at, "playback never started before stop()"
    last_sound = max(loud)
    # Measured from the recording of what actually came out of the speaker sink. The figure
    # is printed (200 ms is the design target); what the test asserts holds on a busy
    # machine too: most of what was left of the sentence was never played.
    left = len(sentence) / 16000 - (stopped_at - loud[0])
    print(f"speaker stop: audio went on {(last_sound - stopped_at) * 1000:.0f} ms after stop()")
    assert last_sound - stopped_at < left / 2, f"{last_sound - stopped_at:.3f}s after stop"


def test_clipped_input_is_counted_not_wrapped_around(pulse: PulseHarness) -> None:
    too_loud = np.clip(espeak("Too loud!").astype(np.int32) * 8, -32768, 32767).astype(np.int16)

    async def scenario() -> tuple[np.ndarray, int]:
        with pulse.voice() as voice:
            mic = SoundDeviceMicrophone("pulse", capture_rate=48000)
            mic.start()
            try:
                return await _hear(mic, voice, too_loud), mic.clipped_samples
            finally:
                mic.close()

    heard, clipped = asyncio.run(scenario())
    assert clipped > 0  # counted (doctor tells the user to lower the gain) ...
    assert np.abs(heard).max() > 30000  # ... and still delivered, saturated, not wrapped
