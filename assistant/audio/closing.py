"""Closing a PortAudio stream without ever hanging the caller.

When the sound server dies under an open stream (PulseAudio or PipeWire restarting),
PortAudio's `abort()` can block for good, spinning a core inside ALSA's PulseAudio plugin.
Called on the event loop, that froze the whole session (and `serve`) forever. So the
blocking calls run on a daemon thread of their own; the caller waits a bounded time at most,
and a stream that will not close is abandoned and logged, not waited on.

Not the default executor: `asyncio.run` joins that at shutdown, and a stuck close would
hang the exit instead.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

logger = logging.getLogger(__name__)

CLOSE_WAIT_S = 2.0
"""How long a caller that needs the stream gone (a session ending) waits for it."""


def close_stream_in_background(stream: Any, name: str) -> threading.Event:
    """Abort and close `stream` on a daemon thread. The returned event is set once it has
    closed (or failed to: a dead device may refuse, and it is gone anyway)."""
    closed = threading.Event()

    def close() -> None:
        try:
            stream.abort()
            stream.close()
        except Exception as error:
            logger.debug("closing %s: %s", name, error)
        finally:
            closed.set()

    threading.Thread(target=close, name=f"close {name}", daemon=True).start()
    return closed


def wait_closed(closed: threading.Event | None, name: str, wait_s: float = CLOSE_WAIT_S) -> bool:
    """Wait up to `wait_s` for a background close. False (and a log line) if it is stuck;
    the stream is then left behind, which costs a thread but never the session."""
    if closed is None or closed.wait(wait_s):
        return True
    logger.warning("%s did not close within %.0f s; leaving it behind", name, wait_s)
    return False
