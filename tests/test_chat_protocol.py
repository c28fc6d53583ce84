"""The JSONL protocol of `kintsugi chat --jsonl`, against a dialogue double.

`RecordingDialogueDouble` stands in for Rasa here only to pin down the line protocol
(parsing, one output per input, errors per line); the real dialogue is exercised through the
same protocol in test_chat_rasa.py.
"""

from __future__ import annotations

import asyncio
import io
import json

import pytest

from assistant.cli.chat import MalformedLine, parse_jsonl_line, run_jsonl
from assistant.dialogue.bridge import TurnResult


class RecordingDialogueDouble:
    """A double of the Rasa dialogue that records turns and echoes them back."""

    def __init__(self) -> None:
        self.turns: list[tuple[str, str]] = []

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        self.turns.append((sender, text))
        return TurnResult(
            sender=sender, text=text, intent="greet", confidence=0.9, exercise=None,
            safety=None, bot=[f"echo: {text}"],
        )  # fmt: skip


def _serve(lines: bytes) -> tuple[list[dict[str, object]], RecordingDialogueDouble]:
    dialogue = RecordingDialogueDouble()
    out = io.StringIO()
    code = asyncio.run(run_jsonl(dialogue, io.BytesIO(lines), out))
    assert code == 0
    return [json.loads(line) for line in out.getvalue().splitlines()], dialogue


def test_object_plain_and_default_sender() -> None:
    assert parse_jsonl_line('{"sender": "a", "text": "hi"}').sender == "a"
    assert parse_jsonl_line('{"text": "hi"}').sender == "default"
    plain = parse_jsonl_line("just some words\n")
    assert (plain.sender, plain.text) == ("default", "just some words")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"sender": "a", "text": ', "not valid JSON"),
        ('{"sender": "a"}', '"text" must be a string'),
        ('{"text": 5}', '"text" must be a string'),
        ('{"sender": 7, "text": "hi"}', '"sender" must be a non-empty string'),
        ('{"sender": "", "text": "hi"}', '"sender" must be a non-empty string'),
        ('{"sender": "' + "x" * 200 + '", "text": "hi"}', "at most 128"),
    ],
)
def test_malformed_lines_are_explained(line: str, problem: str) -> None:
    with pytest.raises(MalformedLine, match=problem):
        parse_jsonl_line(line)


def test_one_output_per_input_and_errors_do_not_stop_the_stream() -> None:
    lines = (
        b'{"sender": "a", "text": "hello"}\n'
        b'{"broken\n'
        b"\n"
        b"plain words\n"
        b'\xff\xfe{"bytes": \x00}\n'
        b'{"sender": "b", "text": "hi"}'  # no trailing newline on the last line
    )
    outputs, dialogue = _serve(lines)
    assert len(outputs) == 6
    assert outputs[1]["line"] == 2 and "not valid JSON" in str(outputs[1]["error"])
    assert outputs[0]["sender"] == "a"
    assert outputs[5]["sender"] == "b"
    # Empty and undecodable lines still reach the dialogue, which answers them calmly.
    assert ("default", "") in dialogue.turns
    assert ("default", "plain words") in dialogue.turns
    assert set(outputs[0]) >= {
        "sender", "text", "intent", "confidence", "exercise", "safety", "bot", "feedback"
    }  # fmt: skip
