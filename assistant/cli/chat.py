"""Text sessions: interactive `kintsugi chat` and its scriptable form `chat --jsonl`.

JSONL protocol (stable): each input line is `{"sender": "<id>", "text": "<message>"}`
(`sender` optional, default "default"), or a plain non-JSON line taken as text from
"default". Each input line gets exactly one output line, flushed at once:
`{"sender", "text", "intent", "confidence", "exercise", "safety", "bot", "feedback", ...}`
(`apart` carries a time-apart agreement, its agreed time as ISO 8601, once settled),
or `{"error": ..., "line": N}` for a malformed line. End of input ends the process (exit 0).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import IO, Any

from assistant.aio import with_wait_notice
from assistant.dialogue.bridge import Dialogue, TurnResult
from assistant.dialogue.replies import STILL_LOADING, WAIT_NOTICE_S
from assistant.journal.commitments import CommitmentsDialogue
from assistant.journal.guided_progress import GuidedProgressDialogue
from assistant.journal.progress import ProgressDialogue
from assistant.journal.store import Journal
from assistant.journal.time_apart import TimeApartDialogue

DEFAULT_SENDER = "default"
MAX_SENDER_CHARS = 128


@dataclass(frozen=True)
class ChatRequest:
    """One parsed JSONL input line."""

    sender: str
    text: str


class MalformedLine(ValueError):
    """An input line that is neither plain text nor a valid request object."""


def parse_jsonl_line(line: str) -> ChatRequest:
    """Read one input line. Plain text is allowed; broken or odd JSON is an error."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return ChatRequest(sender=DEFAULT_SENDER, text=stripped)
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as error:
        raise MalformedLine(f"not valid JSON ({error.msg} at column {error.colno})") from error
    if not isinstance(data, dict):
        raise MalformedLine("expected a JSON object")
    sender = data.get("sender", DEFAULT_SENDER)
    text = data.get("text")
    if not isinstance(text, str):
        raise MalformedLine('"text" must be a string')
    if not isinstance(sender, str) or not sender.strip():
        raise MalformedLine('"sender" must be a non-empty string')
    if len(sender) > MAX_SENDER_CHARS:
        raise MalformedLine(f'"sender" must be at most {MAX_SENDER_CHARS} characters')
    return ChatRequest(sender=sender, text=text)


def _emit(stream: IO[str], obj: dict[str, Any]) -> None:
    stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
    stream.flush()


def _with_journal(result: TurnResult, journal: Journal | None) -> TurnResult:
    """Record the turn (scores and labels; text only with consent). If saving failed, the
    user is told in the reply and the session goes on."""
    if journal is None:
        return result
    write = journal.record_turn(result)
    if not write.message or write.message in result.bot:
        return result
    return dataclasses.replace(result, bot=[*result.bot, write.message])


def _with_progress(dialogue: Dialogue, journal: Journal | None) -> ProgressDialogue:
    """With a journal, guided reflections can be resumed where they were left, a kept
    time-apart agreement is carried into the session, kept promises are checked in on, and
    "how am I doing?" is answered from it; without one, an agreement or a promise holds for
    this run only."""
    if journal is not None:
        dialogue = GuidedProgressDialogue(dialogue, journal)
    apart = TimeApartDialogue(dialogue, journal)
    return ProgressDialogue(CommitmentsDialogue(apart, journal), journal)


async def run_jsonl(
    dialogue: Dialogue, source: IO[bytes], sink: IO[str], journal: Journal | None = None
) -> int:
    """Serve JSONL turns until end of input. Returns the exit code (0)."""
    dialogue = _with_progress(dialogue, journal)
    for number, raw in enumerate(iter(source.readline, b""), start=1):
        # Undecodable bytes become replacement characters and are cleaned downstream.
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            request = ChatRequest(sender=DEFAULT_SENDER, text="")
        else:
            try:
                request = parse_jsonl_line(line)
            except MalformedLine as error:
                _emit(sink, {"error": f"line {number}: {error}", "line": number})
                continue
        result = await with_wait_notice(
            dialogue.handle(request.sender, request.text), WAIT_NOTICE_S, _loading_note
        )
        _emit(sink, _with_journal(result, journal).to_json())
    return 0


def _loading_note() -> None:
    """JSONL keeps one output line per input line, so the wait is told on stderr."""
    print("kintsugi: still loading the dialogue model...", file=sys.stderr, flush=True)


async def run_interactive(
    dialogue: Dialogue,
    source: IO[str],
    sink: IO[str],
    journal: Journal | None = None,
    greeting: str | None = None,
) -> int:
    """A typed conversation on the terminal. Ends at end of input or on "goodbye".

    With `greeting` (the dialogue's own, read from the domain), it is printed at once and
    the dialogue hears the "hello" behind it while it loads, so a reply like "yes" to the
    greeting means what it does when the greeting came from the dialogue."""
    prompt = "you> " if source.isatty() else ""
    dialogue = _with_progress(dialogue, journal)
    sink.write(
        "Kintsugi (text). Type your message; say help for options, or press Ctrl-D to leave.\n"
    )
    greeted: asyncio.Future[TurnResult] | None = None
    if greeting is not None:
        _print_bot(sink, [greeting])
        # A kept time-apart agreement (how long is left, or the preparation for the talk),
        # and a kept promise's check-in.
        _print_bot(sink, dialogue.opening(DEFAULT_SENDER))
        greeted = asyncio.ensure_future(dialogue.handle(DEFAULT_SENDER, "hello"))
    else:
        first = await dialogue.handle(DEFAULT_SENDER, "hello")
        _print_bot(sink, first.bot)
    notice = journal.take_notice() if journal else None
    if notice:
        _print_bot(sink, [notice])
    while True:
        if prompt:
            sink.write(prompt)
            sink.flush()
        # Read on the loop's own thread, as before: a Ctrl-C here must interrupt it at once
        # (a reader thread would keep asyncio.run's shutdown waiting for a line). The model
        # loads on its own thread meanwhile; the greeting turn catches up after the line.
        line = source.readline()
        if not line:
            sink.write("\nGoodbye. Take care.\n")
            return 0
        result = await with_wait_notice(
            _after(greeted, dialogue.handle(DEFAULT_SENDER, line)),
            WAIT_NOTICE_S,
            lambda: _print_bot(sink, [STILL_LOADING]),
        )
        greeted = None
        _print_bot(sink, _with_journal(result, journal).bot)
        if result.intent == "goodbye":
            return 0


async def _after(first: Awaitable[object] | None, then: Awaitable[TurnResult]) -> TurnResult:
    """`then`, once `first` (the greeting turn, whose reply is already printed) is done."""
    if first is not None:
        await first
    return await then


def _print_bot(sink: IO[str], lines: list[str]) -> None:
    for text in lines:
        sink.write(f"kintsugi> {text}\n")
    sink.flush()


def stdin_bytes() -> IO[bytes]:
    return sys.stdin.buffer
