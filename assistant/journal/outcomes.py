"""What a journal write came to, and the one sentence the user hears when storage is in
trouble (a full disk, a lock, a folder that cannot be written, a damaged file)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

# -- what the user hears --------------------------------------------------------------------

STILL_SAFE = "your session goes on and nothing saved before is lost"
MESSAGE_DISK_FULL = (
    f"I couldn't save today's progress because the disk is full; {STILL_SAFE}. "
    "Free some space and I'll save it after your next turn."
)
MESSAGE_LOCKED = (
    "I couldn't save today's progress just now because another Kintsugi program is using "
    f"the journal; {STILL_SAFE}, and I'll try again after your next turn."
)
MESSAGE_UNWRITABLE = (
    f"I couldn't save today's progress because I can't write to my data folder; {STILL_SAFE}. "
    "Check that {folder} belongs to you and has free space."
)
MESSAGE_CORRUPT = (
    "Your journal file was damaged, so I set it aside as {name} in {folder} and started a "
    "new one; your session goes on."
)
MESSAGE_RECOVERED = "Your progress is being saved again, including what I couldn't save earlier."
MESSAGE_DROPPED = " A few of the oldest unsaved results could not be kept."


class WriteStatus(enum.Enum):
    """What happened to one record."""

    SAVED = "saved"
    """On disk, together with anything held from earlier."""

    HELD = "held"
    """Not written; kept in memory and retried at the next write."""

    NOT_RECORDED = "not_recorded"
    """Nothing in this turn is kept: no coaching feedback, or a safety disclosure."""


@dataclass(frozen=True)
class JournalWrite:
    """The outcome of one write, for the front-end to act on."""

    status: WriteStatus
    """What happened to the record."""

    message: str | None = None
    """One sentence to tell the user now, or None when there is nothing new to say. A
    problem is reported when it starts (not again at every turn while it lasts), and again
    when saving works again."""

    held: int = 0
    """Records still waiting in memory after this write."""

    @property
    def saved(self) -> bool:
        """True when this record is on disk."""
        return self.status is WriteStatus.SAVED


class Problem(enum.Enum):
    FULL = "full"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    UNWRITABLE = "unwritable"


def classify(error: BaseException) -> Problem:
    """What kind of storage trouble an error is."""
    # Python 3.10's sqlite3 exposes no error codes, only SQLite's fixed messages.
    text = str(error).lower()
    if "disk is full" in text or getattr(error, "errno", None) == 28:  # ENOSPC
        return Problem.FULL
    if "locked" in text or "busy" in text:
        return Problem.LOCKED
    if "not a database" in text or "malformed" in text:
        return Problem.CORRUPT
    return Problem.UNWRITABLE


def describe(error: BaseException) -> str:
    """A short, text-free description of a storage error for logs and messages."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
