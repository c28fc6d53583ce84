"""One bad sentence never ends a spoken session.

pyttsx3's `save_to_file` now and then writes nothing for a sentence it rendered fine a
moment before (`SynthesisError` in `tts.py`). A second try almost always works; when it
does not either, the caller shows the sentence instead of saying it and goes on.
"""

from __future__ import annotations

import asyncio
import logging

from assistant.errors import SynthesisError
from assistant.events import PCM
from assistant.speech.base import Synthesizer

logger = logging.getLogger(__name__)

TRIES = 2


async def synthesize_or_none(synth: Synthesizer, sentence: str) -> tuple[PCM | None, str]:
    """Render `sentence` off the event loop, trying twice. Returns (samples, "") or, when
    both tries fail, (None, the last error) for the caller to show the text instead."""
    error = ""
    for attempt in range(1, TRIES + 1):
        try:
            return await asyncio.to_thread(synth.synthesize, sentence), ""
        except SynthesisError as failure:
            error = str(failure)
            logger.warning("speech synthesis failed (try %d of %d): %s", attempt, TRIES, error)
    return None, error
