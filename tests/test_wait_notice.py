"""First words at once, the dialogue behind them: a turn that waits for the model says so.

The slow dialogue here is a DOUBLE that answers only once told to, so nothing depends on
how fast this machine loads Rasa; the real background load is checked with the real model.
"""

from __future__ import annotations

import asyncio
import io
from typing import Any

import pytest

from assistant.aio import with_wait_notice
from assistant.cli.chat import run_interactive
from assistant.dialogue.bridge import RasaDialogue, TurnResult
from assistant.dialogue.replies import STILL_LOADING, domain_greeting
from assistant.paths import PROJECT_ROOT
from assistant.settings import DialogueSettings


class LoadingDialogueDouble:
    """Dialogue DOUBLE: every turn waits until `loaded` is set, like a model still loading."""

    def __init__(self) -> None:
        self.loaded = asyncio.Event()
        self.heard: list[str] = []

    async def handle(self, sender: str, text: str, audio: object = None) -> TurnResult:
        await self.loaded.wait()
        self.heard.append(text.strip())
        return TurnResult(sender, text, "any", 1.0, None, None, [f"reply to {text.strip()}"])


def test_the_notice_comes_once_while_waiting_and_never_when_quick() -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        notes: list[str] = []
        gate = asyncio.Event()

        async def slow() -> str:
            await gate.wait()
            return "done"

        def notice() -> None:
            notes.append("one moment")
            gate.set()  # released only after the notice: no race with the clock

        slow_result = await with_wait_notice(slow(), 0.01, notice)
        quick = await with_wait_notice(asyncio.sleep(0, "quick"), 60, notice)
        return [slow_result, quick], notes

    results, notes = asyncio.run(scenario())
    assert results == ["done", "quick"]
    assert notes == ["one moment"]


def test_typed_chat_greets_before_the_dialogue_is_ready_then_says_one_moment() -> None:
    dialogue = LoadingDialogueDouble()
    sink = io.StringIO()

    class Source(io.StringIO):
        def readline(self, *_args: Any) -> str:  # type: ignore[override]
            line = super().readline()
            if not line:
                return line
            # The greeting is already out before the dialogue could answer anything.
            assert "Hi, I'm Kintsugi" in sink.getvalue()
            assert dialogue.heard == []
            return line

    greeting = domain_greeting(PROJECT_ROOT)

    async def scenario() -> int:
        async def load_after_notice() -> None:
            while STILL_LOADING not in sink.getvalue():
                await asyncio.sleep(0.01)
            dialogue.loaded.set()

        loader = asyncio.ensure_future(load_after_notice())
        code = await run_interactive(dialogue, Source("yes\n"), sink, None, greeting)
        await loader
        return code

    assert asyncio.run(scenario()) == 0
    out = sink.getvalue()
    assert out.index(greeting) < out.index(STILL_LOADING) < out.index("reply to yes")
    assert dialogue.heard == ["hello", "yes"]  # the dialogue heard the greeting's hello first


@pytest.mark.rasa
def test_a_turn_sent_while_the_real_model_loads_waits_for_it() -> None:
    dialogue = RasaDialogue(DialogueSettings(), load_in_background=True)
    with dialogue:
        result = asyncio.run(dialogue.handle("loading", "help me practise an apology"))
        assert dialogue.loaded
    assert result.exercise == "apology"
