"""`kintsugi journal export|forget|show`: the user's own view of what the app kept.

`add_journal_commands` registers the subcommands on the CLI's subparsers; each handler is
`handler(args, settings) -> exit code`, like every other command. Storage problems are
raised as `StorageError`, which the CLI prints.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.errors import StorageError
from assistant.journal.store import Journal
from assistant.settings import Settings

EXIT_DECLINED = 1
EXIT_NEEDS_CONFIRMATION = 2
RECENT_TURNS_SHOWN = 5


def add_journal_commands(subparsers: Any) -> argparse.ArgumentParser:
    """Register `journal export|forget|show` on the CLI's `add_subparsers()` object."""
    journal: argparse.ArgumentParser = subparsers.add_parser(
        "journal", help="see, export or erase what Kintsugi kept (scores, dates, commitments)"
    )
    actions = journal.add_subparsers(dest="journal_action", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="everything kept, as JSON")
    export.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (owner-only, 0600) instead of standard output",
    )
    export.set_defaults(handler=cmd_journal_export)

    forget = actions.add_parser("forget", help="erase everything kept; cannot be undone")
    forget.add_argument("--yes", action="store_true", help="erase without asking")
    forget.set_defaults(handler=cmd_journal_forget)

    show = actions.add_parser("show", help="a short summary: sessions, dates, scores")
    show.set_defaults(handler=cmd_journal_show)
    return journal


# -- handlers -------------------------------------------------------------------------------


def cmd_journal_export(args: argparse.Namespace, settings: Settings) -> int:
    data = _export(settings)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    output: Path | None = args.output
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    _write_owner_only(output.expanduser(), text.encode("utf-8"))
    print(
        f"Exported {len(data['turns'])} practice turns and {len(data['progress'])} saved "
        f"items to {output} (readable only by you).",
        file=sys.stderr,
    )
    return 0


def cmd_journal_forget(args: argparse.Namespace, settings: Settings) -> int:
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "kintsugi: `journal forget` erases everything Kintsugi kept and cannot be "
                "undone, so it asks first. Run it in a terminal to confirm, or add --yes.",
                file=sys.stderr,
            )
            return EXIT_NEEDS_CONFIRMATION
        if not _confirm(settings):
            print("Nothing was erased.", file=sys.stderr)
            return EXIT_DECLINED
    with Journal.open(settings.privacy) as journal:
        erased = journal.forget()
    if erased:
        print(f"Erased {erased} records and the journal files in {settings.privacy.data_dir}.")
    else:
        print("The journal was already empty; nothing is kept.")
    return 0


def cmd_journal_show(args: argparse.Namespace, settings: Settings) -> int:
    print(summarize(_export(settings), settings.privacy.data_dir))
    return 0


# -- helpers --------------------------------------------------------------------------------


def summarize(data: dict[str, Any], data_dir: Path) -> str:
    """A few lines a person can read: how much practice, when, and how the scores went."""
    turns: list[dict[str, Any]] = data["turns"]
    progress: list[dict[str, Any]] = data["progress"]
    if not turns and not progress:
        return f"Nothing is kept yet in {data_dir}. Practice results will appear here."

    lines = []
    if turns:
        dates = sorted(str(turn["recorded_at"])[:10] for turn in turns)
        sessions = len({turn["session"] for turn in turns})
        span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        lines.append(
            f"{_plural(len(turns), 'practice turn')} in {_plural(sessions, 'session')}, {span}."
        )
        by_exercise: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for turn in turns:
            by_exercise[str(turn["exercise"])].append(turn)
        for exercise, items in sorted(by_exercise.items()):
            scores = [item["score"] for item in items if item["score"] is not None]
            detail = (
                f"best score {_score(max(scores))}, latest {_score(scores[-1])}"
                if scores
                else "no scores"
            )
            lines.append(f"  {exercise}: {_plural(len(items), 'attempt')}, {detail}")
        lines.append("Most recent:")
        for turn in turns[-RECENT_TURNS_SHOWN:]:
            when = str(turn["recorded_at"])[:16].replace("T", " ")
            score = "no score" if turn["score"] is None else f"score {_score(turn['score'])}"
            attempt = f", attempt {turn['attempt']}" if turn["attempt"] is not None else ""
            lines.append(f"  {when} UTC  {turn['exercise']}{attempt}, {score}")
    else:
        lines.append("No practice turns kept.")
    if progress:
        kinds = ", ".join(dict.fromkeys(_saved_kind(str(item["key"])) for item in progress))
        lines.append(f"Saved items: {len(progress)} ({kinds}).")
    lines.append(
        "Your words are kept (you turned on keep_transcripts)."
        if data.get("transcripts_kept")
        else "Your words are not kept; only scores, dates and what you asked to keep."
    )
    lines.append("`kintsugi journal export` shows everything; `kintsugi journal forget` erases it.")
    return "\n".join(lines)


SAVED_KINDS = {
    "guided-position/": "where a reflection was paused",
    "guided-answer/": "answers kept from a reflection",
    "time-apart/": "a time-apart agreement",
    "commitment": "promises you asked me to keep",
}


def _saved_kind(key: str) -> str:
    """What a saved item is, in words (never its internal key)."""
    for prefix, words in SAVED_KINDS.items():
        if key.startswith(prefix):
            return words
    return "other saved progress"


def _export(settings: Settings) -> dict[str, Any]:
    with Journal.open(settings.privacy) as journal:
        data = journal.export()
        notice = journal.take_notice()
    if notice:
        print(notice, file=sys.stderr)
    return data


def _confirm(settings: Settings) -> bool:
    print(
        f"This erases everything Kintsugi kept in {settings.privacy.data_dir} (scores, dates, "
        "saved items and any kept words). It cannot be undone.",
        file=sys.stderr,
    )
    print("Type 'yes' to erase: ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in {"yes", "y"}


def _write_owner_only(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically with mode 0600, leaving the folder's mode alone.

    (`paths.write_private_file` also makes the folder 0700, right for the data directory
    but not for a folder the user chose, such as their home or Desktop.)
    """
    folder = path.parent
    if path.is_dir():
        raise StorageError(f"{path} is a folder; give a file name for --output.")
    if not folder.is_dir():
        raise StorageError(
            f"The folder {folder} does not exist; create it or choose another --output path."
        )
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise StorageError(
            f"Could not write to {folder}: {error.strerror}. Choose another --output path."
        ) from error
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as error:
        # Never leave a half-written copy of the journal behind, even on Ctrl-C.
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(error, OSError):
            raise StorageError(
                f"Could not write {path}: {error.strerror}. Free some space or choose "
                "another --output path."
            ) from error
        raise


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _score(value: float) -> str:
    return f"{value:g}"
