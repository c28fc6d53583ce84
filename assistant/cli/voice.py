"""The voice commands of the `kintsugi` CLI: talk, devices, models, doctor.

`assistant.cli.main` wires them in with `add_voice_commands(subparsers, open_dialogue)`; `kintsugi
run` asks `voice_unavailable_reason(settings)` first and falls back to text chat with that
one-line reason. Library code below raises `KintsugiError`s; only the handlers print.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import signal
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from assistant.dialogue.bridge import Dialogue
from assistant.errors import KintsugiError, SpeechModelError, VoiceUnavailableError
from assistant.events import (
    BotUtterance,
    Event,
    EventLog,
    InputOverflow,
    Listener,
    NotUnderstood,
    SynthesisFailed,
    Transcript,
)
from assistant.settings import Settings

DialogueFactory = Callable[[], AbstractContextManager[Dialogue]]
"""Returns a context manager yielding a started Dialogue (and stopping it on exit)."""

TextFallback = Callable[[], int]
"""Runs a text chat instead (when voice cannot work here); returns an exit code."""


# -- wiring ----------------------------------------------------------------------------------


def add_voice_commands(
    subparsers: Any,
    open_dialogue: Callable[[Settings], AbstractContextManager[Dialogue]],
    text_fallback: Callable[[argparse.Namespace, Settings], int] | None = None,
) -> None:
    """Register `talk`, `devices`, `models` and `doctor`; each sets `handler(args, settings)`.

    `open_dialogue(settings)` gives the dialogue for `talk`; `text_fallback(args, settings)`
    runs a typed session when voice is unavailable (omit it to fail with the reason instead).
    """
    talk = subparsers.add_parser("talk", help="a spoken session (microphone and speaker)")
    talk.add_argument("--input-device", help="microphone: number or name from `kintsugi devices`")
    talk.add_argument("--output-device", help="speaker: number or name from `kintsugi devices`")
    talk.add_argument("--model", help="Vosk speech model folder (default: the downloaded one)")
    talk.add_argument("--voice", help="espeak-ng voice (see `espeak-ng --voices`)")
    talk.add_argument("--rate", type=int, help="speaking rate, words per minute (default 165)")
    talk.add_argument(
        "--mic-wav",
        type=Path,
        action="append",
        metavar="FILE",
        help="replay a recorded WAV as the user's turn instead of the microphone (repeatable)",
    )
    talk.add_argument(
        "--out-wav", type=Path, metavar="FILE", help="also write everything said aloud to a WAV"
    )
    talk.add_argument(
        "--events", type=Path, metavar="FILE", help="write one JSON line per pipeline event"
    )

    def talk_handler(args: argparse.Namespace, settings: Settings) -> int:
        fallback = None
        if text_fallback is not None:

            def fallback() -> int:
                return text_fallback(args, settings)

        return run_voice_command(args, settings, lambda: open_dialogue(settings), fallback)

    talk.set_defaults(handler=talk_handler)

    devices = subparsers.add_parser("devices", help="list microphones and speakers")
    devices.set_defaults(handler=_cmd_devices)

    models = subparsers.add_parser("models", help="download, list or verify the speech model")
    actions = models.add_subparsers(dest="models_action", metavar="ACTION", required=True)
    download = actions.add_parser("download", help="fetch the English model (about 40 MB)")
    download.add_argument(
        "--from-zip", type=Path, metavar="FILE", help="install a zip fetched some other way"
    )
    download.set_defaults(handler=_cmd_models_download)
    listing = actions.add_parser("list", help="installed speech models")
    listing.set_defaults(handler=_cmd_models_list)
    verify = actions.add_parser("verify", help="check a model's files against their checksums")
    verify.add_argument("path", nargs="?", type=Path, help="model folder (default: the one used)")
    verify.set_defaults(handler=_cmd_models_verify)

    doctor = subparsers.add_parser("doctor", help="check speech, audio and the speech model")
    doctor.add_argument("--input-device", help="microphone to check")
    doctor.add_argument("--output-device", help="speaker to check")
    doctor.add_argument("--model", help="speech model folder to check")
    doctor.set_defaults(handler=_cmd_doctor)


def with_voice_flags(settings: Settings, args: argparse.Namespace) -> Settings:
    """`settings` with the voice flags that were given on the command line applied."""

    def pick(section: Any, **flags: Any) -> Any:
        given = {name: value for name, value in flags.items() if value is not None}
        return dataclasses.replace(section, **given) if given else section

    return dataclasses.replace(
        settings,
        audio=pick(
            settings.audio,
            input_device=getattr(args, "input_device", None),
            output_device=getattr(args, "output_device", None),
        ),
        speech=pick(settings.speech, model=getattr(args, "model", None)),
        tts=pick(
            settings.tts, voice=getattr(args, "voice", None), rate=getattr(args, "rate", None)
        ),
    )


# -- can we talk here? -----------------------------------------------------------------------


def voice_unavailable_reason(settings: Settings) -> str | None:
    """None when a spoken session can start; otherwise one line saying why and how to fix it.

    Checks, in order: espeak-ng, PortAudio, a microphone, a speaker, the speech model. Fast
    (no model is loaded, no network is touched).
    """
    from assistant.audio.devices import resolve_device
    from assistant.speech.models import locate_model
    from assistant.speech.tts import espeak_available

    problem = espeak_available()
    if problem:
        return problem
    try:
        resolve_device(settings.audio.input_device, "input")
        resolve_device(settings.audio.output_device, "output")
        locate_model(settings.speech.model or None, settings.privacy.data_dir)
    except KintsugiError as error:
        return str(error)
    return None


# -- talk ------------------------------------------------------------------------------------


def run_voice_command(
    args: argparse.Namespace,
    settings: Settings,
    dialogue_factory: DialogueFactory,
    text_fallback: TextFallback | None = None,
    on_event: Listener | None = None,
) -> int:
    """`kintsugi talk`: a spoken session (or a replay of WAV files). Returns the exit code.

    `on_event(t, event)` sees every pipeline event as it happens — e.g. the `Transcript`
    (with its `delivery` facts), which is emitted just before the dialogue gets that text.
    Ctrl-C stops the audio at once, closes the devices and the dialogue, then raises
    KeyboardInterrupt for the CLI to report.
    """
    from assistant.audio.devices import quiet_alsa_errors
    from assistant.journal.store import Journal

    settings = with_voice_flags(settings, args)
    replay = bool(getattr(args, "mic_wav", None))
    if not replay:
        reason = voice_unavailable_reason(settings)
        if reason is not None:
            if text_fallback is None:
                raise VoiceUnavailableError(reason)
            _note(f"kintsugi: voice is unavailable: {reason}")
            _note("kintsugi: continuing as a typed session.")
            return text_fallback()
    quiet_alsa_errors()
    with EventLog(getattr(args, "events", None)) as events:
        events.subscribe(_subtitles)
        if on_event is not None:
            events.subscribe(on_event)
        # The dialogue starts loading first (on its own thread), while the voice parts
        # are built, so the greeting does not wait for it.
        with dialogue_factory() as dialogue, Journal.open(settings.privacy) as journal:
            parts = _build_parts(args, settings, replay, events)
            session = _make_session(parts, _with_journal(dialogue, journal), events, settings)
            reason = asyncio.run(run_until_signal(session.run))
    return 0 if reason in ("user", "end_of_input") else 1


def _build_parts(
    args: argparse.Namespace, settings: Settings, replay: bool, events: EventLog
) -> dict[str, Any]:
    from assistant.audio import RecordingSpeaker, SoundDeviceMicrophone, SoundDeviceSpeaker
    from assistant.audio.fakes import WavMicrophone
    from assistant.speech.models import locate_model
    from assistant.speech.tts import Pyttsx3Synthesizer
    from assistant.speech.vosk_recognizer import BackgroundModel, CommandRecognizer, VoskRecognizer

    # Found (or refused, in one line) now; loaded on its own thread while the session
    # greets the user: a large model takes seconds, and the greeting needs none of it.
    model = BackgroundModel(locate_model(settings.speech.model or None, settings.privacy.data_dir))
    out_wav: Path | None = getattr(args, "out_wav", None)
    microphone: Any
    speaker: Any
    if replay:
        microphone = WavMicrophone(args.mic_wav)
        speaker = RecordingSpeaker(out_wav)
    else:
        audio = settings.audio
        microphone = SoundDeviceMicrophone(
            audio.input_device,
            capture_rate=audio.capture_rate,
            block_ms=audio.block_ms,
            on_overflow=lambda total: events.emit(InputOverflow(total)),
        )
        device_speaker = SoundDeviceSpeaker(audio.output_device, block_ms=audio.block_ms)
        speaker = RecordingSpeaker(out_wav, inner=device_speaker) if out_wav else device_speaker
    return {
        "microphone": microphone,
        "speaker": speaker,
        "recognizer": VoskRecognizer(model),
        "commands": CommandRecognizer(model),
        "synthesizer": Pyttsx3Synthesizer(voice=settings.tts.voice, rate=settings.tts.rate),
    }


def _with_journal(dialogue: Dialogue, journal: Any) -> Dialogue:
    """As in text chat and `kintsugi serve`: turns are kept in the journal (words only with
    consent), and a guided reflection's place is kept there, so "resume my reflection"
    picks it up by voice after a restart; a kept time-apart agreement is carried (the
    first reply says how long is left); kept promises are checked in on, and "how am I
    doing?" is answered from the journal."""
    from assistant.journal.commitments import CommitmentsDialogue
    from assistant.journal.guided_progress import GuidedProgressDialogue
    from assistant.journal.journaled_dialogue import JournaledDialogue
    from assistant.journal.progress import ProgressDialogue
    from assistant.journal.time_apart import TimeApartDialogue

    guided = GuidedProgressDialogue(dialogue, journal)
    kept = CommitmentsDialogue(TimeApartDialogue(guided, journal), journal)
    return JournaledDialogue(ProgressDialogue(kept, journal), journal)


def _make_session(
    parts: dict[str, Any], dialogue: Dialogue, events: EventLog, settings: Settings
) -> Any:
    from assistant.voice.session import SessionOptions, VoiceSession

    return VoiceSession(
        dialogue=dialogue,
        events=events,
        options=SessionOptions(min_confidence=settings.speech.min_confidence),
        **parts,
    )


async def run_until_signal(run: Callable[[], Any]) -> str:
    """Run the session; SIGINT/SIGTERM cancel it (audio stops, devices close), then
    KeyboardInterrupt goes up to the CLI."""
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(run())
    signalled: list[int] = []

    def on_signal(signum: int) -> None:
        signalled.append(signum)
        task.cancel()

    watched = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.getsignal(signum) for signum in watched}
    for signum in watched:
        loop.add_signal_handler(signum, on_signal, signum)
    try:
        result: str = await task
        return result
    except asyncio.CancelledError:
        if signalled:
            raise KeyboardInterrupt from None
        raise
    finally:
        for signum in watched:
            loop.remove_signal_handler(signum)
            signal.signal(signum, previous[signum])  # the CLI's own handlers, as they were


def _subtitles(_t: float, event: Event) -> None:
    """What is said, as text on stdout (for people who also read along, and for logs)."""
    if isinstance(event, Transcript):
        print(f"you: {event.text}", flush=True)
    elif isinstance(event, NotUnderstood):
        print("you: (not understood)", flush=True)
    elif isinstance(event, BotUtterance):
        print(f"kintsugi: {event.text}", flush=True)
    elif isinstance(event, SynthesisFailed):
        print("kintsugi: (that line could not be spoken; it is shown above)", flush=True)


def _note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- devices and models ----------------------------------------------------------------------


def _cmd_devices(_args: argparse.Namespace, _settings: Settings) -> int:
    from assistant.audio.devices import format_devices, list_devices

    print(format_devices(list_devices()))
    return 0


def _cmd_models_download(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speech import models

    data_dir = settings.privacy.data_dir
    if args.from_zip:
        path = models.install_zip(data_dir, args.from_zip)
    else:
        _note(f"kintsugi: downloading {models.MODEL_NAME} from {models.MODEL_URL}")
        path = models.download_model(
            data_dir, progress=models.text_progress(lambda s: print(s, end="", file=sys.stderr))
        )
        print(file=sys.stderr)
    print(f"Installed the speech model at {path}")
    return 0


def _cmd_models_list(_args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speech import models

    found = models.list_models(settings.privacy.data_dir)
    if settings.speech.model:
        found.append(models.verify_model(Path(settings.speech.model)))
    if not found:
        print(f"No speech model installed. {models.DOWNLOAD_FIX}")
        return 0
    for status in found:
        state = "ok" if status.ok else f"problem: {status.problems[0]}"
        print(f"{status.name}  {status.path}  ({state})")
    return 0


def _cmd_models_verify(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.speech import models

    path = args.path or models.locate_model(
        settings.speech.model or None, settings.privacy.data_dir
    )
    status = models.verify_model(path)
    if status.ok:
        print(f"{path}: ok")
        return 0
    for problem in status.problems:
        print(f"{path}: {problem}")
    raise SpeechModelError(f"The speech model at {path} is damaged. {models.DOWNLOAD_FIX}")


# -- doctor ----------------------------------------------------------------------------------


def _cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.audio.devices import quiet_alsa_errors
    from assistant.cli.doctor import run_checks

    quiet_alsa_errors()
    checks = run_checks(with_voice_flags(settings, args))
    for check in checks:
        mark = "ok " if check.ok else ("-- " if not check.essential else "!! ")
        print(f"{mark} {check.name}: {check.detail}")
    failed = [c for c in checks if c.essential and not c.ok]
    if failed:
        print(f"\n{len(failed)} problem(s); spoken sessions fall back to typed chat until fixed.")
        return 1
    print("\nReady for spoken sessions: `kintsugi talk`.")
    return 0


__all__ = [
    "add_voice_commands",
    "run_voice_command",
    "voice_unavailable_reason",
    "with_voice_flags",
]
