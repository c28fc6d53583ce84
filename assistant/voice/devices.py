"""A voice session's devices going and coming back: what is said and logged when one is
lost, and the wait until both are open again (`assistant.audio.recovery`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from assistant.audio.base import Microphone, Speaker
from assistant.audio.recovery import reopen_until_back
from assistant.errors import AudioDeviceError
from assistant.events import DeviceLost, DeviceRestored, EventLog, SessionPaused, SessionResumed
from assistant.speech import phrases
from assistant.speech.base import Synthesizer

logger = logging.getLogger(__name__)


def report_device_lost(events: EventLog, kind: str, device: str, error: Exception) -> None:
    """`kind` is "input" or "output"; `device` its name."""
    events.emit(DeviceLost(device=f"{kind}: {device}", error=str(error)))
    events.emit(SessionPaused("device"))
    logger.warning("%s device lost: %s", kind, error)


async def recover_devices(
    mic: Microphone,
    speaker: Speaker,
    synth: Synthesizer,
    events: EventLog,
    *,
    lost: set[str],
    retry_interval_s: float,
) -> None:
    """Return once both devices are open again; say so first when the speaker still works."""
    if lost == {"input"}:
        # The speaker still works: say what is happening, then keep trying.
        with contextlib.suppress(AudioDeviceError):
            samples = await asyncio.to_thread(synth.synthesize, phrases.INPUT_LOST)
            speaker.play(samples)
            await speaker.wait_done()
    await reopen_until_back(mic, speaker, interval_s=retry_interval_s, log_every=30)
    events.emit(DeviceRestored(device=f"{mic.name} / {speaker.name}"))
    events.emit(SessionResumed("device"))
