"""Process-wide logging setup, done once by the CLI (and by test fixtures).

Rasa 3.6 logs through structlog, whose default prints every debug event — user text
included — to stdout. That would break the JSONL protocol and put transcripts in logs, so
we route structlog through a level filter to stderr. At the default level nothing Rasa or
Kintsugi logs contains what the user said.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings

NOISY_LIBRARIES = ("rasa", "rasa_sdk", "tensorflow", "absl", "sanic", "urllib3", "asyncio")


def _discard_warning(*_args: object, **_kwargs: object) -> None:
    return None


def configure_logging(verbose: bool = False) -> None:
    """WARNING and above to stderr by default; DEBUG (which may hold user text) with -v."""
    import structlog

    level = logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True
    )
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    if not verbose:
        # Rasa's dependencies warn about their own dependencies at import; not for users.
        # Some of them reset the warning filters when imported, so silence the display.
        warnings.simplefilter("ignore")
        warnings.showwarning = _discard_warning
        os.environ.setdefault("PYTHONWARNINGS", "ignore")  # inherited by any child process
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        for name in NOISY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.ERROR)
