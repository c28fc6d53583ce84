"""The linear-time check used by the junk-input tests can fail: quadratic work fails it."""

from __future__ import annotations

import re

import pytest

from tests.support.scaling import assert_linear

_BACKTRACKS = re.compile(r"(?:a+)+b")  # nested quantifiers: the classic bad pattern


def test_linear_work_passes() -> None:
    assert_linear(lambda text: text.count("ab"), lambda size: "ab" * (size // 2), size=400_000)


def test_quadratic_work_fails() -> None:
    def quadratic(text: str) -> None:
        for start in range(0, len(text), 8):
            text[start:].strip("a")  # copies and scans the rest of the text each time

    with pytest.raises(AssertionError, match="super-linear"):
        assert_linear(quadratic, lambda size: "a" * size, size=40_000)


def test_a_backtracking_pattern_fails() -> None:
    with pytest.raises(AssertionError, match="super-linear"):
        assert_linear(_BACKTRACKS.search, lambda size: "a" * size, size=24)
