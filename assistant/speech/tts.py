"""Speech output with pyttsx3 driving espeak-ng, rendered to samples (not played by pyttsx3).

Each sentence is saved by pyttsx3 into a private temporary folder, read back and deleted at
once, so no audio stays on disk. The samples then go through our Speaker, which can stop
them mid-word and time them.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import wave
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio.convert import resample
from assistant.errors import SynthesisError
from assistant.events import PCM

ESPEAK_FIX = (
    "Install espeak-ng: `sudo apt-get install espeak-ng libespeak-ng1` "
    "(or run scripts/system-packages)."
)
_LOCK = threading.Lock()
"""libespeak-ng is one synthesizer per process: one sentence at a time, whoever asks."""

_voice_in_use: str | None = None
"""The voice last set on the process-wide espeak-ng (guarded by `_LOCK`)."""

MIN_RATE = 110
MAX_RATE = 260
RATE_STEP = 25


class Pyttsx3Synthesizer:
    """pyttsx3's espeak driver (the process-wide espeak-ng library), one sentence at a time."""

    def __init__(self, voice: str = "", rate: int = 165) -> None:
        """`voice` is an espeak-ng voice name or id ("" = English); `rate` in words/minute."""
        self.voice = voice
        self.rate = _clamp(rate)
        self._engine: Any = None

    def _ensure_engine(self) -> Any:
        if self._engine is None:
            self._engine = _make_engine()
        return self._engine

    def synthesize(self, text: str) -> PCM:
        text = text.strip()
        if not text:
            return np.zeros(0, dtype=np.int16)
        with _LOCK:
            engine = self._ensure_engine()
            self._apply_voice_and_rate()
            folder = Path(tempfile.mkdtemp(prefix="kintsugi-tts-"))  # owner-only (0700)
            path = folder / "sentence.wav"
            try:
                engine.save_to_file(text, str(path))
                engine.runAndWait()
                if not path.exists():
                    # pyttsx3's espeak loop now and then ends before the file is written
                    # (about one sentence in several hundred, more on a busy machine); the
                    # same sentence asked again is written. A second miss is an error.
                    engine.save_to_file(text, str(path))
                    engine.runAndWait()
                samples, rate = _read_wav(path)
            except (OSError, RuntimeError, wave.Error, EOFError) as error:
                raise SynthesisError(f"espeak-ng could not render speech: {error}") from error
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return resample(samples, rate)

    def _apply_voice_and_rate(self) -> None:
        """Set voice and rate on espeak-ng directly.

        pyttsx3's `engine.setProperty` queues the change and swallows errors (an unknown voice
        would silently keep the old one); its espeak driver's static setters apply at once
        and raise. espeak-ng is one synthesizer per process, so the voice is set whenever it
        differs from the last one set; setting it again every time would make espeak-ng ignore
        later rate changes.
        """
        global _voice_in_use
        from pyttsx3.drivers import _espeak
        from pyttsx3.drivers.espeak import EspeakDriver

        voice = self.voice or "en-us"
        if voice != _voice_in_use:
            try:
                EspeakDriver.setProperty("voice", voice)
            except (ValueError, KeyError) as error:
                raise SynthesisError(
                    f"espeak-ng has no voice '{self.voice}'. Choose one from "
                    "`espeak-ng --voices` and pass it with --voice."
                ) from error
            _voice_in_use = voice
        EspeakDriver.setProperty("rate", self.rate)
        # In pyttsx3's retrieval mode espeak-ng queues parameter changes on its own thread;
        # wait for the queue so this sentence really uses this rate.
        _espeak.Synchronize()

    def slower(self) -> int:
        self.rate = _clamp(self.rate - RATE_STEP)
        return self.rate

    def faster(self) -> int:
        self.rate = _clamp(self.rate + RATE_STEP)
        return self.rate


def _clamp(rate: int) -> int:
    return max(MIN_RATE, min(MAX_RATE, int(rate)))


def _quiet(*_args: object, **_kwargs: object) -> None:
    """Replaces `print` inside pyttsx3's espeak driver, which announces every saved file
    (with its temporary path) on stdout."""


def _make_engine() -> Any:
    try:
        import pyttsx3
        import pyttsx3.drivers.espeak as espeak_driver
    except (ImportError, OSError, RuntimeError) as error:
        raise SynthesisError(f"Speech output is unavailable ({error}). {ESPEAK_FIX}") from error
    espeak_driver.print = _quiet  # type: ignore[attr-defined]
    try:
        return pyttsx3.init("espeak")
    except (ImportError, OSError, RuntimeError) as error:
        raise SynthesisError(f"espeak-ng could not start ({error}). {ESPEAK_FIX}") from error


def _read_wav(path: Path) -> tuple[PCM, int]:
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.int16)
        if wav.getnchannels() > 1:
            data = data.reshape(-1, wav.getnchannels())[:, 0].copy()
    return data, rate


def espeak_available() -> str | None:
    """None when espeak-ng can speak here; otherwise the reason and the fix."""
    try:
        Pyttsx3Synthesizer().synthesize("ok")
    except SynthesisError as error:
        return str(error)
    return None
