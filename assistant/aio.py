"""Small asyncio helpers.

Python 3.10's `asyncio.wait_for` can swallow a cancellation when the awaited thing finishes
at the same moment (bpo-42130): a Ctrl-C would then be lost and the session would carry on.
These helpers wait with `asyncio.wait`, which always lets the cancellation through.
"""

from __future__ import annotations

import asyncio


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
