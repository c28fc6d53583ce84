"""The overlap judge when the machine is busy: microphone blocks that wait while a feed runs
go in together, and each batch is judged against the playback that had gone out by its last
block's capture (the own-voice listening test once failed under load because the detector
fell seconds behind and compared the microphone with newer playback)."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from assistant.events import AudioChunk, EventLog
from assistant.voice.endpointing import Endpointer
from assistant.voice.overlap import Onset
from assistant.voice.partner import ListeningPartner
from assistant.voice.playback import OverlapJudge
from tests.test_overlap import PLAYED, echo_of, with_user

RATE = 16000
BLOCK = 320
START = 1000.0
"""The monotonic moment playback began, on the speaker double's clock."""


class PlayedSoFar:
    """DOUBLE of a speaker that has finished playing `played` (no stream can run here): its
    newest output is the end of the signal, and `until` gives what had gone out by then."""

    name = "played so far"

    def __init__(self, played: np.ndarray) -> None:
        self._played = np.clip(played, -32768, 32767).astype(np.int16)

    def recent_output(self, samples: int, until: float | None = None) -> np.ndarray:
        end = len(self._played) if until is None else round((until - START) * RATE)
        out = self._played[max(0, end - samples) : max(0, end)]
        return np.concatenate([np.zeros(samples - len(out), np.int16), out])


async def judge_all(mic: np.ndarray, played: np.ndarray) -> tuple[float | None, int, int]:
    """Offer `mic` block by block as fast as it comes (a backlog, as after a stall): the
    onset (seconds from the start) or None, the number of feeds and of blocks."""
    partner = ListeningPartner(EventLog())
    partner.clock.speaking(START, 1)
    feeds = 0
    feed = partner.overlap.feed

    def counted(*args: object) -> Onset | None:
        nonlocal feeds
        feeds += 1
        return feed(*args)  # type: ignore[arg-type]

    partner.overlap.feed = counted  # type: ignore[method-assign,assignment]
    tail = np.zeros(RATE)  # silence after, for the last waiting blocks to be judged
    mic, played = np.concatenate([mic, tail]), np.concatenate([played, tail])
    judge = OverlapJudge(partner, PlayedSoFar(played), Endpointer())  # type: ignore[arg-type]
    blocks = 0
    for end in range(BLOCK, len(mic) + 1, BLOCK):
        samples = np.clip(mic[end - BLOCK : end], -32768, 32767).astype(np.int16)
        onset = judge.offer(AudioChunk(samples, START + end / RATE))
        blocks += 1
        if onset is not None:
            await judge.settle()
            return onset.at - START, feeds, blocks
        if end > len(mic) - len(tail):
            await judge.settle()  # the silence at the end: let each feed finish
        else:
            await asyncio.sleep(0)
    await judge.settle()
    return None, feeds, blocks


@pytest.mark.parametrize("gain", [0.3, 1.0])
def test_our_own_voice_judged_late_in_batches_is_still_not_a_voice(gain: float) -> None:
    onset, feeds, blocks = asyncio.run(judge_all(echo_of(PLAYED, 0.0373, gain), PLAYED))
    assert onset is None
    assert feeds < blocks / 2, "the blocks were fed one by one: nothing was batched"


def test_a_voice_over_the_echo_judged_late_in_batches_keeps_its_onset() -> None:
    onset, feeds, blocks = asyncio.run(
        judge_all(with_user(echo_of(PLAYED, 0.0373, 1.0), 2.5), PLAYED)
    )
    assert onset is not None and 2.5 <= onset <= 2.6
    assert feeds < blocks / 2
