"""The home device when its microphone or speaker goes away: it says nothing it can't, waits
for the devices to come back, and goes on serving. The devices here are DOUBLES (a lost
device can't be made on demand without a sound server; tests/audio/test_session_live.py
kills a real PulseAudio daemon under a session)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from assistant.audio.base import DeviceLostError
from assistant.audio.fakes import RecordingSpeaker
from assistant.audio.recovery import reopen_until_back
from assistant.errors import AudioDeviceError
from assistant.events import PCM, AudioChunk, DeviceLost, DeviceRestored, SessionEnded
from assistant.home.serve import PhraseHeard
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.audio.harness import espeak
from tests.support.serve import PushMicrophone, make_device, stop, until


class UnpluggedMicrophone(PushMicrophone):
    """Microphone DOUBLE: after `lose_after` reads it is gone, and stays gone for
    `gone_for` reopening tries."""

    def __init__(self, lose_after: int, gone_for: int) -> None:
        super().__init__()
        self.reads, self.lose_after, self.gone_for = 0, lose_after, gone_for
        self.restarts = 0
        self.lost = False

    async def read(self) -> AudioChunk:
        self.reads += 1
        if self.reads == self.lose_after:
            self.lost = True
        if self.lost:
            raise DeviceLostError(f"The microphone '{self.name}' went away.")
        return await super().read()

    def restart(self) -> None:
        self.restarts += 1
        if self.restarts <= self.gone_for:
            raise AudioDeviceError(f"No microphone '{self.name}' yet.")
        self.lost = False


class SpeakerLostOnce(RecordingSpeaker):
    """Speaker DOUBLE: the first line it is given fails as an unplugged speaker's would."""

    def __init__(self) -> None:
        super().__init__()
        self.failed = False
        self.restarts = 0

    def play(self, samples: PCM) -> None:
        if not self.failed:
            self.failed = True
            raise DeviceLostError("The speaker 'recording' is not available.", "output")
        super().play(samples)

    def restart(self) -> None:
        self.restarts += 1


def test_a_microphone_lost_while_waiting_is_reopened_and_the_wake_phrase_still_works(
    tmp_path: Path,
) -> None:
    device, _mic, events = make_device(tmp_path, ["hey coach"], retry_interval_s=0.05)
    mic = UnpluggedMicrophone(lose_after=5, gone_for=3)
    device.mic = mic

    async def scenario() -> None:
        task = asyncio.create_task(device.run())
        await until(events, DeviceRestored)
        mic.say(espeak("Hey coach."))
        await until(events, SessionEnded)
        await stop(task)

    asyncio.run(scenario())
    lost = events.of_type(DeviceLost)
    assert [e.device for e in lost] == ["input: test microphone"]
    assert mic.restarts == 4  # three tries while it was gone, then the one that worked
    assert [e.key for e in events.of_type(PhraseHeard)] == ["wake"]
    assert mic.closed == 1


def test_a_speaker_lost_while_answering_is_reopened_and_serving_goes_on(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        device, mic, events = make_device(
            tmp_path, ["hey coach", "forget that", "hey coach"], journal=journal,
            retry_interval_s=0.05,
        )  # fmt: skip
        speaker = SpeakerLostOnce()
        device.speaker = speaker

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            mic.say(espeak("Hey coach."))
            await until(events, SessionEnded)
            mic.say(espeak("Forget that."))  # the answer to this finds no speaker
            await until(events, DeviceRestored)
            mic.say(espeak("Hey coach."))
            await until(events, SessionEnded, count=2)
            await stop(task)

        asyncio.run(scenario())
    assert [e.device for e in events.of_type(DeviceLost)] == ["output: recording"]
    assert speaker.restarts == 1
    assert [e.key for e in events.of_type(PhraseHeard)] == ["wake", "forget", "wake"]


def test_reopening_gives_up_only_when_cancelled() -> None:
    mic = UnpluggedMicrophone(lose_after=1, gone_for=10**9)
    speaker = RecordingSpeaker()

    async def scenario() -> None:
        # Devices that never come back: it must still be trying when the wait runs out.
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(
                reopen_until_back(mic, speaker, interval_s=0.01, log_every=10), timeout=0.3
            )

    asyncio.run(scenario())
    assert mic.restarts >= 5  # it kept trying at its interval the whole time
