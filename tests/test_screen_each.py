"""How the bridge asks a safety screen about many texts: in one pass when the screen can
read many at once (the guard), one by one otherwise. Plain-Python screens here are doubles
of the guard, named as such; the guard itself is tested in test_safety_pipeline.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.dialogue.turn import BatchSafetyScreen, screen_each


@dataclass(frozen=True)
class _Verdict:
    kind: str
    phrase: str
    certain: bool = False
    role: str | None = None


def _one_at_a_time_double(text: str) -> Sequence[_Verdict]:
    return (_Verdict("self_harm", text),) if "bridge" in text else ()


class _BatchDouble:
    """Reads many texts at once, and counts how it was asked."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> Sequence[_Verdict]:
        self.calls.append("one")
        return _one_at_a_time_double(text)

    def many(self, texts: Sequence[str]) -> list[Sequence[_Verdict]]:
        self.calls.append(f"many:{len(texts)}")
        return [_one_at_a_time_double(text) for text in texts]


def test_a_screen_that_reads_many_is_asked_once() -> None:
    screen = _BatchDouble()
    assert isinstance(screen, BatchSafetyScreen)
    found = screen_each(screen, ["hello", "the bridge tonight", "fine"])
    assert screen.calls == ["many:3"]
    assert [len(f) for f in found] == [0, 1, 0]
    assert found[1][0].phrase == "the bridge tonight"


def test_a_plain_screen_is_asked_text_by_text() -> None:
    assert not isinstance(_one_at_a_time_double, BatchSafetyScreen)
    found = screen_each(_one_at_a_time_double, ["the bridge", "ok"])
    assert [len(f) for f in found] == [1, 0]


def test_no_screen_finds_nothing_in_each_text() -> None:
    assert screen_each(None, ["a", "b"]) == [(), ()]
