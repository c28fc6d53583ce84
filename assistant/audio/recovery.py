"""Reopening the microphone and speaker after a device was lost, until they are back.

A session and the home-device loop recover the same way: both streams are reopened
together (when a sound server dies, the other stream died with it), on a fixed interval,
with a log line now and then rather than one a second for an unplugged headset.
"""

from __future__ import annotations

import asyncio
import logging

from assistant.audio.base import Microphone, Speaker
from assistant.errors import AudioDeviceError

logger = logging.getLogger(__name__)


async def reopen_until_back(
    mic: Microphone, speaker: Speaker, *, interval_s: float, log_every: int
) -> int:
    """Try to reopen both devices every `interval_s` seconds until it works. Returns how
    many tries it took. Runs until cancelled if the devices never come back."""
    attempt = 0
    while True:
        await asyncio.sleep(interval_s)
        attempt += 1
        try:
            mic.restart()
            speaker.restart()
        except AudioDeviceError as error:
            if attempt == 1 or attempt % log_every == 0:
                logger.info("audio still unavailable (%d tries): %s", attempt, error)
            continue
        return attempt
