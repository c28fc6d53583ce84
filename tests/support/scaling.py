"""Check that work grows linearly with the input, without a wall-clock budget.

A regular expression that backtracks badly takes seconds on 10,000 characters and
minutes on more; an absolute time bound catches that but also fails on a busy 2-core
machine. The ratio of two input sizes does not depend on how busy the machine is: four
times the input takes about four times as long when the work is linear and sixteen times
when it is quadratic. Each size is timed several times, interleaved, and the fastest run
counts (the run least disturbed by other work). The time is the process's CPU time, not the
wall clock's: on a busy machine a call also waits for a core, and a 4x input that ran
about 14 ms was timed at 41 ms five runs out of five with five test workers on two cores.
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["assert_linear", "repeated"]

GROWTH = 4
"""The large input is this many times the small one."""

MOST_RATIO = 10.0
"""Linear work gives a ratio near GROWTH, quadratic near GROWTH**2; this sits between."""

FLOOR_S = 0.002
"""Below this the small input's time is mostly the call's fixed cost; it is raised to
this, so a fast call's noise cannot make a ratio."""


def assert_linear(
    run: Callable[[str], object], text: Callable[[int], str], size: int = 10_000, rounds: int = 5
) -> None:
    """Fail when ``run(text(size))`` takes more than MOST_RATIO times
    ``run(text(size // GROWTH))``."""
    samples = (text(size // GROWTH), text(size))
    fastest = [float("inf"), float("inf")]
    for _ in range(rounds):
        for index, sample in enumerate(samples):
            started = time.process_time()
            run(sample)
            fastest[index] = min(fastest[index], time.process_time() - started)
    small, large = fastest
    ratio = large / max(small, FLOOR_S)
    assert ratio < MOST_RATIO, (
        f"{GROWTH}x the input took {ratio:.1f}x the time "
        f"({small * 1000:.1f} ms → {large * 1000:.1f} ms): super-linear"
    )


def repeated(chunk: str) -> Callable[[int], str]:
    """Texts of any size made of ``chunk`` over and over, for :func:`assert_linear`."""
    return lambda size: (chunk * (size // max(len(chunk), 1) + 1))[:size]
