"""`kintsugi serve` and `kintsugi service install|uninstall|status`.

`assistant.cli.main` wires them in with `add_serve_commands(subparsers, open_dialogue)`. The
serving loop is `assistant.home.serve.HomeDevice`; the unit file is `assistant.home.service`.

Serving prints status lines only (woke, session ended, waiting), never what was said: under
systemd, stdout goes to the system journal on disk, and the words stay out of it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from assistant.dialogue.bridge import Dialogue, RasaDialogue
from assistant.errors import VoiceUnavailableError
from assistant.events import Event, EventLog, InputOverflow, SessionEnded, SessionStarted
from assistant.settings import Settings

OpenDialogue = Callable[[Settings], AbstractContextManager[RasaDialogue]]


def add_serve_commands(subparsers: Any, open_dialogue: OpenDialogue) -> None:
    """Register `serve` and `service`; each sets `handler(args, settings)`."""
    serve = subparsers.add_parser(
        "serve", help="home-device mode: wait for the wake phrase, then talk (always on)"
    )
    serve.add_argument("--input-device", help="microphone: number or name from `kintsugi devices`")
    serve.add_argument("--output-device", help="speaker: number or name from `kintsugi devices`")
    serve.add_argument("--model", help="Vosk speech model folder (default: the downloaded one)")
    serve.add_argument("--voice", help="espeak-ng voice (see `espeak-ng --voices`)")
    serve.add_argument("--rate", type=int, help="speaking rate, words per minute (default 165)")
    serve.add_argument(
        "--events", type=Path, metavar="FILE", help="write one JSON line per event (debugging)"
    )
    serve.add_argument(
        "--check",
        action="store_true",
        help="check the wake and forget phrases against the speech model, then exit",
    )

    def serve_handler(args: argparse.Namespace, settings: Settings) -> int:
        return run_serve(args, settings, open_dialogue)

    serve.set_defaults(handler=serve_handler)

    service = subparsers.add_parser(
        "service", help="install, remove or show the systemd user service running `serve`"
    )
    actions = service.add_subparsers(dest="service_action", metavar="ACTION", required=True)
    install = actions.add_parser("install", help="write the unit and enable it (start at login)")
    install.set_defaults(handler=_cmd_service_install)
    uninstall = actions.add_parser("uninstall", help="stop, disable and remove the unit")
    uninstall.set_defaults(handler=_cmd_service_uninstall)
    status = actions.add_parser("status", help="is it installed, enabled, running?")
    status.set_defaults(handler=_cmd_service_status)


def _note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- serve ----------------------------------------------------------------------------------


def run_serve(args: argparse.Namespace, settings: Settings, open_dialogue: OpenDialogue) -> int:
    """Serve until SIGTERM/Ctrl-C (then KeyboardInterrupt goes up: exit 130, a clean stop)."""
    from assistant.audio.devices import quiet_alsa_errors
    from assistant.cli.voice import voice_unavailable_reason, with_voice_flags
    from assistant.home.quiet_hours import QuietHours
    from assistant.home.wake import describe_plan, plan_phrases, vosk_knows
    from assistant.journal.store import Journal
    from assistant.speech.models import locate_model
    from assistant.speech.vosk_recognizer import load_model

    settings = with_voice_flags(settings, args)
    quiet = QuietHours.parse(settings.serve.quiet_hours)
    if not args.check:
        reason = voice_unavailable_reason(settings)
        if reason is not None:
            raise VoiceUnavailableError(reason)
    model_path = locate_model(settings.speech.model or None, settings.privacy.data_dir)
    if args.check:
        plan = plan_phrases(settings.serve, vosk_knows(load_model(model_path)))
        for line in describe_plan(settings.serve, plan):
            print(line)
        print(f"quiet hours: {quiet}")
        return 0
    _note("kintsugi serve: starting (loading the speech model and the dialogue)...")
    quiet_alsa_errors()
    with EventLog(args.events) as events:
        events.subscribe(_status_lines)
        # The dialogue loads on its own thread while the speech model loads here. Listening
        # for the wake phrase starts once both are ready: loading holds the interpreter for
        # seconds, and on a busy machine the microphone's audio could stall meanwhile.
        with open_dialogue(settings) as dialogue, Journal.open(settings.privacy) as journal:
            model = load_model(model_path)
            plan = plan_phrases(settings.serve, vosk_knows(model))  # SetupError if unheard
            for note in plan.notes:
                _note(f"kintsugi serve: {note}")
            dialogue.block_until_loaded()
            device = _build_device(settings, model, plan, quiet, dialogue, journal, events)
            _note(
                f"kintsugi serve: waiting for {settings.serve.wake_phrase!r} "
                f"(quiet hours: {quiet}). SIGTERM or Ctrl-C stops it."
            )
            from assistant.cli.voice import run_until_signal

            asyncio.run(run_until_signal(device.run))
    return 0


def _build_device(
    settings: Settings,
    model: Any,
    plan: Any,
    quiet: Any,
    dialogue: Dialogue,
    journal: Any,
    events: EventLog,
) -> Any:
    from assistant.audio import SoundDeviceMicrophone, SoundDeviceSpeaker
    from assistant.home.serve import HomeDevice, ServeOptions
    from assistant.home.sessions import HOME_SENDER, HomeSessions
    from assistant.home.wake import vosk_spotter
    from assistant.journal.time_apart import TimeApartAnnouncer
    from assistant.speech.tts import Pyttsx3Synthesizer
    from assistant.speech.vosk_recognizer import CommandRecognizer, VoskRecognizer
    from assistant.voice.session import SessionOptions

    audio, serve = settings.audio, settings.serve
    commands = CommandRecognizer(model)
    new_session = HomeSessions(
        dialogue=dialogue,
        journal=journal,
        recognizer=VoskRecognizer(model),
        commands=commands,
        new_synthesizer=lambda: Pyttsx3Synthesizer(
            voice=settings.tts.voice, rate=settings.tts.rate
        ),
        options=SessionOptions(min_confidence=settings.speech.min_confidence),
    )

    return HomeDevice(
        microphone=SoundDeviceMicrophone(
            audio.input_device,
            capture_rate=audio.capture_rate,
            block_ms=audio.block_ms,
            on_overflow=lambda total: events.emit(InputOverflow(total)),
        ),
        speaker=SoundDeviceSpeaker(audio.output_device, block_ms=audio.block_ms),
        spotter=vosk_spotter(model, plan, serve),
        synthesizer=Pyttsx3Synthesizer(voice=settings.tts.voice, rate=settings.tts.rate),
        new_session=new_session,
        events=events,
        journal=journal,
        quiet_hours=quiet,
        # The end of a kept time apart is said when it comes (never in quiet hours). Kept
        # promises are asked about when it wakes (HomeSessions).
        announcements=TimeApartAnnouncer(journal, HOME_SENDER).due,
        commands=commands,
        options=ServeOptions(
            quiet_timeout_s=serve.quiet_timeout_s, forget_window_s=serve.forget_window_s
        ),
    )


def _status_lines(_t: float, event: Event) -> None:
    from assistant.home.serve import QuietTimeout, SessionForgotten, WakeIgnored

    if isinstance(event, SessionStarted):
        _note("kintsugi serve: woke; session started")
    elif isinstance(event, SessionEnded):
        _note(f"kintsugi serve: session ended ({event.reason}); waiting")
    elif isinstance(event, QuietTimeout):
        _note("kintsugi serve: the session was quiet for too long; waiting")
    elif isinstance(event, WakeIgnored):
        _note(f"kintsugi serve: wake phrase heard during {event.reason.replace('_', ' ')}")
    elif isinstance(event, SessionForgotten):
        _note(f"kintsugi serve: forgot the last session ({event.records} records)")


# -- service --------------------------------------------------------------------------------


def _print_report(report: Any) -> int:
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


def _cmd_service_install(args: argparse.Namespace, _settings: Settings) -> int:
    from assistant.home import service

    config = args.config.resolve() if getattr(args, "config", None) else None
    return _print_report(service.install(config=config))


def _cmd_service_uninstall(_args: argparse.Namespace, _settings: Settings) -> int:
    from assistant.home import service

    return _print_report(service.uninstall())


def _cmd_service_status(_args: argparse.Namespace, _settings: Settings) -> int:
    from assistant.home import service

    return _print_report(service.status())


__all__ = ["add_serve_commands", "run_serve"]
