"""The `kintsugi` command line. The only place that reads flags, prints errors and exits."""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# Before anything can import Rasa: no telemetry, ever.
os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from assistant.cli.journal import add_journal_commands
from assistant.cli.progress import add_progress_command
from assistant.cli.serve import add_serve_commands
from assistant.cli.voice import add_voice_commands
from assistant.errors import KintsugiError, UsageError
from assistant.logs import configure_logging
from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.dialogue.bridge import RasaDialogue

EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kintsugi",
        description="An offline coach for repairing trust: practise an apology out loud.",
    )
    parser.add_argument(
        "--config", type=Path, help="config file (default: ~/.config/kintsugi/config.yml)"
    )
    parser.add_argument("--region", help="crisis resources region: US (default), UK, INTL")
    parser.add_argument("--model-dir", type=Path, help="folder of the trained dialogue model")
    parser.add_argument(
        "--keep-transcripts",
        action="store_true",
        default=None,
        help="consent to keeping what you say (text only, never audio) in the journal",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logging")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="start a session (what `make run` starts)")
    run.set_defaults(handler=_cmd_run)

    chat = commands.add_parser("chat", help="a typed session")
    chat.add_argument("--jsonl", action="store_true", help="JSON lines in and out (scriptable)")
    chat.set_defaults(handler=_cmd_chat)

    analyze = commands.add_parser("analyze", help="analyse a text and print JSON")
    analyze_kinds = analyze.add_subparsers(dest="kind", metavar="KIND", required=True)
    apology = analyze_kinds.add_parser("apology", help="components and anti-patterns of an apology")
    apology.add_argument("text", help="the apology, typed or as recognised speech")
    apology.set_defaults(handler=_cmd_analyze_apology)
    reflection = analyze_kinds.add_parser(
        "reflection", help="what a listening reflection gave back of a scenario"
    )
    reflection.add_argument("--scenario", required=True, help="listening scenario id")
    reflection.add_argument("text", help="the reflection, typed or as recognised speech")
    reflection.set_defaults(handler=_cmd_analyze_reflection)
    answer = analyze_kinds.add_parser("answer", help="patience labels of an answer")
    answer.add_argument("text", help="the answer, typed or as recognised speech")
    answer.set_defaults(handler=_cmd_analyze_answer)

    train = commands.add_parser("train", help="train the dialogue model")
    group = train.add_mutually_exclusive_group()
    group.add_argument(
        "--if-changed", action="store_true", help="only when domain/data/config changed"
    )
    group.add_argument("--force", action="store_true", help="train even if up to date")
    train.set_defaults(handler=_cmd_train)

    add_journal_commands(commands)
    add_progress_command(commands)
    add_voice_commands(commands, _open_dialogue, text_fallback=_typed_chat)
    add_serve_commands(commands, _open_dialogue)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so every `with` block cleans up on the way out."""


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _raise_terminated)
    # Ctrl-C always stops a session cleanly, however the process was started: a shell
    # starts background commands with SIGINT ignored, and Python then leaves it ignored
    # (seen in CI: a typed session never stopped on SIGINT). Spoken sessions handle it on
    # their event loop (`cli.voice.run_until_signal`), which works either way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # `kill -USR1 <pid>` prints every thread's stack to stderr: what a stuck process is
    # doing, without stopping it (used by the tests when an exit takes too long).
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    configure_logging(args.verbose)
    try:
        settings = load_settings(
            config_file=args.config,
            overrides={
                "safety": {"region": args.region},
                "dialogue": {"model_dir": args.model_dir},
                "privacy": {"keep_transcripts": args.keep_transcripts},
            },
        )
        return int(args.handler(args, settings))
    except KintsugiError as error:
        print(f"kintsugi: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        # Every finished turn is already saved; an interrupted one is simply not recorded.
        print("\nStopped. Take care.", file=sys.stderr)
        return EXIT_INTERRUPTED


def _say(message: str) -> None:
    """Progress notes go to stderr so stdout stays clean for JSON."""
    print(message, file=sys.stderr, flush=True)


# -- commands -------------------------------------------------------------------------------


def _cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.dialogue.training import train_stale

    if not args.if_changed:
        _say(
            "kintsugi: training the dialogue model, the crisis classifier and the apology and"
            " reflection and answer labels..."
        )
    trained = train_stale(settings.dialogue, force=not args.if_changed, quiet=not args.verbose)
    if trained:
        # "the crisis classifier (240 s) and the dialogue model (from the cache, 1 s)"
        _say(f"kintsugi: models ready: the {' and the '.join(trained)}")
    return 0


def _ensure_model(settings: Settings) -> None:
    from assistant.dialogue.training import model_is_current, train_stale
    from assistant.safety.training import crisis_model_is_current

    dialogue = settings.dialogue
    if not dialogue.model_path.is_file():
        _say("kintsugi: no trained dialogue model yet; training it now (about a minute)...")
        train_stale(dialogue)
    elif not crisis_model_is_current(dialogue.understanding_dir, dialogue.project_dir):
        # Safety is never left on an old model: the classifier trains in seconds.
        _say("kintsugi: training the crisis classifier (a few seconds)...")
        train_stale(dialogue)
    elif not model_is_current(dialogue):
        _say(
            "kintsugi: note: domain/, data/ or config.yml changed since the model was "
            "trained; run `kintsugi train` to update it."
        )


def _open_dialogue(settings: Settings) -> RasaDialogue:
    from actions.coaching.safety import resources_for
    from assistant.dialogue.bridge import RasaDialogue
    from assistant.safety.guard import load_safety_guard

    try:
        resources_for(settings.safety.region)
    except ValueError as error:
        raise UsageError(str(error)) from error
    _ensure_model(settings)
    understanding = settings.dialogue.understanding_dir
    # Loads behind the first words: the front-end greets at once, and the first turn
    # waits for the model (saying so if that takes more than a moment).
    return RasaDialogue(
        settings.dialogue,
        load_safety_screen=lambda: load_safety_guard(understanding),
        region=settings.safety.region,
        notice=logging.getLogger("kintsugi").warning,
        load_in_background=True,
    )


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.cli.chat import run_interactive, run_jsonl
    from assistant.dialogue.replies import domain_greeting
    from assistant.journal.store import Journal

    with _open_dialogue(settings) as dialogue, Journal.open(settings.privacy) as journal:
        if args.jsonl:
            return asyncio.run(run_jsonl(dialogue, sys.stdin.buffer, sys.stdout, journal))
        greeting = domain_greeting(settings.dialogue.project_dir)
        return asyncio.run(run_interactive(dialogue, sys.stdin, sys.stdout, journal, greeting))


def _typed_chat(args: argparse.Namespace, settings: Settings) -> int:
    args.jsonl = False
    return _cmd_chat(args, settings)


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """A spoken session when a microphone, a speaker and the speech model are there;
    otherwise one line saying why (and how to fix it), then a typed session."""
    from assistant.cli.voice import voice_unavailable_reason

    reason = voice_unavailable_reason(settings)
    if reason:
        _say(f"kintsugi: no spoken session: {reason}")
        _say("kintsugi: starting a typed session instead.")
        return _typed_chat(args, settings)
    talk_args = build_parser().parse_args(["talk"])
    return int(talk_args.handler(talk_args, settings))


def _cmd_analyze_apology(args: argparse.Namespace, settings: Settings) -> int:
    from actions.coaching.apology import analyze_apology
    from assistant.learning.apology import learned_labels_if_trained

    learned = learned_labels_if_trained(settings.dialogue.understanding_dir)
    analysis = analyze_apology(args.text, learned)
    print(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    return 0


def _cmd_analyze_reflection(args: argparse.Namespace, settings: Settings) -> int:
    from actions.coaching.listening_analysis import analyze_listening
    from actions.coaching.scenarios import LISTENING_SCENARIOS, get_listening_scenario
    from assistant.learning.listening import listening_learned_if_trained

    try:
        scenario = get_listening_scenario(args.scenario)
    except KeyError:
        known = ", ".join(s.id for s in LISTENING_SCENARIOS)
        raise UsageError(f"no listening scenario {args.scenario!r}; known: {known}") from None
    learned = listening_learned_if_trained(settings.dialogue.understanding_dir)
    analysis = analyze_listening(scenario, args.text, learned)
    print(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    return 0


def _cmd_analyze_answer(args: argparse.Namespace, settings: Settings) -> int:
    from actions.coaching.answer import analyze_answer
    from assistant.learning.answer import learned_answer_labels_if_trained

    learned = learned_answer_labels_if_trained(settings.dialogue.understanding_dir)
    analysis = analyze_answer(args.text, learned)
    print(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    return 0
