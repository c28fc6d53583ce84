"""Small asyncio helpers.

Python 3.10's `asyncio.wait_for` can swallow a cancellation when the awaited thing finishes
at the same moment (bpo-42130): a Ctrl-C would then be lost and the session would carry on.
These helpers wait with `asyncio.wait`, which always lets the cancellation through.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def wait_event(event: asyncio.Event, timeout: float) -> bool:
    """Wait until `event` is set or `timeout` seconds pass; True if it was set."""
    if event.is_set():
        return True
    waiter = asyncio.ensure_future(event.wait())
    try:
        done, _ = await asyncio.wait({waiter}, timeout=timeout)
    finally:
        waiter.cancel()
    return bool(done)


async def with_wait_notice(
    awaitable: Awaitable[T], after_s: float, notice: Callable[[], Awaitable[None] | None]
) -> T:
    """Await `awaitable`; if it is not done within `after_s` seconds, call `notice` once
    (and await it, if it is a coroutine) while it goes on. Used to say "one moment" when
    the first turn waits for the dialogue to finish loading."""
    task = asyncio.ensure_future(awaitable)
    try:
        done, _ = await asyncio.wait({task}, timeout=after_s)
        if not done:
            said = notice()
            if inspect.isawaitable(said):
                await said
        return await task
    except asyncio.CancelledError:
        task.cancel()
        raise
