"""`kintsugi doctor`: is this machine ready for spoken sessions? Each check says what it
found and, when something is wrong, the command or setting that fixes it."""

from __future__ import annotations

import asyncio
import dataclasses
import subprocess

import numpy as np

from assistant.errors import KintsugiError
from assistant.settings import Settings


@dataclasses.dataclass(frozen=True)
class Check:
    """One line of `kintsugi doctor`."""

    name: str
    """What was checked."""

    ok: bool
    """Whether it is fine."""

    detail: str
    """What was found, and the fix when it is not fine."""

    essential: bool = True
    """A failing essential check makes doctor exit 1."""


def run_checks(settings: Settings, *, listen_s: float = 2.0) -> list[Check]:
    """Everything `kintsugi doctor` checks, in order."""
    portaudio = _check_portaudio()
    checks = [_check_espeak(), portaudio]
    microphone = None
    if portaudio.ok:
        microphone = _check_device(settings, "input")
        checks += [microphone, _check_device(settings, "output")]
    model = _check_model(settings)
    # Without a model the wake phrase is still checked, against the pronouncing dictionary.
    checks += [model, _check_echo_cancel(), check_wake_phrase(settings)]
    if microphone is not None and microphone.ok:
        checks.append(_check_mic_level(settings, listen_s))
    return checks


def _check_espeak() -> Check:
    from assistant.speech.tts import espeak_available

    problem = espeak_available()
    return Check("speech output (espeak-ng)", problem is None, problem or "speaks")


def _check_portaudio() -> Check:
    from assistant.audio.devices import sounddevice_module

    try:
        sd = sounddevice_module()
    except KintsugiError as error:
        return Check("audio library (PortAudio)", False, str(error))
    return Check("audio library (PortAudio)", True, sd.get_portaudio_version()[1])


def _check_device(settings: Settings, kind: str) -> Check:
    from assistant.audio.devices import resolve_device

    spec = settings.audio.input_device if kind == "input" else settings.audio.output_device
    label = "microphone" if kind == "input" else "speaker"
    try:
        device = resolve_device(spec, "input" if kind == "input" else "output")
    except KintsugiError as error:
        return Check(label, False, str(error))
    return Check(label, True, f"{device.index}: {device.name}")


def _check_model(settings: Settings) -> Check:
    from assistant.speech.models import locate_model, verify_model

    try:
        path = locate_model(settings.speech.model or None, settings.privacy.data_dir)
    except KintsugiError as error:
        return Check("speech model", False, str(error))
    status = verify_model(path)
    if not status.ok:
        return Check(
            "speech model",
            False,
            f"{path}: {status.problems[0]}. Run `kintsugi models download` to replace it.",
        )
    return Check("speech model", True, str(path))


def echo_cancel_active() -> bool | None:
    """Whether PulseAudio/PipeWire's echo canceller is loaded (None: cannot tell — no
    `pactl`, or no sound server answered it)."""
    try:
        listing = subprocess.run(
            ["pactl", "list", "short", "modules"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return "echo-cancel" in listing


ECHO_CANCEL_FIX = (
    "optional: `pactl load-module module-echo-cancel aec_method=webrtc` then pick "
    "the echo-cancelled devices; without it Kintsugi's own echo guard still keeps it from "
    "hearing itself"
)


def _check_echo_cancel() -> Check:
    active = echo_cancel_active()
    if active:
        return Check("echo cancellation", True, "module-echo-cancel is loaded", essential=False)
    found = "not active" if active is False else "unknown (`pactl` missing or no sound server)"
    return Check("echo cancellation", False, f"{found}; {ECHO_CANCEL_FIX}", essential=False)


def _check_mic_level(settings: Settings, seconds: float) -> Check:
    from assistant.audio import SoundDeviceMicrophone
    from assistant.audio.convert import dbfs

    async def listen() -> tuple[float, float, int]:
        mic = SoundDeviceMicrophone(
            settings.audio.input_device, capture_rate=settings.audio.capture_rate
        )
        mic.start()
        try:
            chunks = []
            loop = asyncio.get_running_loop()
            deadline = loop.time() + seconds
            while loop.time() < deadline:
                chunk = await mic.read()
                if chunk is not None:
                    chunks.append(chunk.samples)
        finally:
            mic.close()
        audio = np.concatenate(chunks) if chunks else np.zeros(1, dtype=np.int16)
        peak = float(np.abs(audio.astype(np.int32)).max())
        return dbfs(audio), peak, mic.clipped_samples

    name = f"microphone level ({seconds:.0f} s)"
    try:
        level, peak, clipped = asyncio.run(listen())
    except KintsugiError as error:
        return Check(name, False, str(error))
    if clipped:
        return Check(name, False, f"clipping ({clipped} samples): turn the input gain down")
    if peak < 30:
        return Check(
            name,
            False,
            f"silent ({level:.0f} dBFS): check the microphone is not muted "
            "(`pactl set-source-mute @DEFAULT_SOURCE@ 0`) or pick another with --input-device",
        )
    return Check(name, True, f"{level:.0f} dBFS average; speak during the check to see it rise")


def check_wake_phrase(settings: Settings) -> Check:
    """One `kintsugi doctor` line: can the speech model hear the wake phrase? (Loads the
    model, a few seconds.) Without a model, or with one that cannot say which words it
    knows, the English pronouncing dictionary stands in for its word table."""
    from assistant.home.pronouncing import DICTIONARY
    from assistant.home.wake import describe_plan, plan_phrases, vosk_knows
    from assistant.speech.models import locate_model
    from assistant.speech.vosk_recognizer import load_model

    name = "wake phrase (kintsugi serve)"
    try:
        model_path = locate_model(settings.speech.model or None, settings.privacy.data_dir)
    except KintsugiError:
        # The model line says how to get one; this says whether the phrase will do in English.
        return _wake_phrase_in_english(name, settings, f"no speech model yet; in {DICTIONARY}")
    try:
        plan = plan_phrases(settings.serve, vosk_knows(load_model(model_path)))
    except KintsugiError as error:
        return Check(name, False, str(error), essential=False)
    if not plan.checked:
        return _wake_phrase_in_english(
            name, settings, f"the model cannot list its words; in {DICTIONARY}"
        )
    return Check(name, True, "; ".join(describe_plan(settings.serve, plan)), essential=False)


def _wake_phrase_in_english(name: str, settings: Settings, source: str) -> Check:
    """The wake phrase planned against the English pronouncing dictionary."""
    from assistant.home.pronouncing import in_dictionary
    from assistant.home.wake import describe_plan, plan_phrases

    try:
        plan = plan_phrases(settings.serve, in_dictionary)
    except KintsugiError as error:
        return Check(name, False, f"{source}: {error}", essential=False)
    return Check(name, True, f"{source}: " + "; ".join(describe_plan(settings.serve, plan)), False)
