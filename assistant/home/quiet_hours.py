"""Quiet hours: a daily window in which the home device does not answer its wake phrase.

Written "HH:MM-HH:MM" in local time. A window whose end is earlier than its start crosses
midnight ("22:00-07:00" is quiet from ten at night until seven in the morning). The start
minute is quiet, the end minute is not. An empty string means never quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from assistant.errors import UsageError

_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class QuietHours:
    """One daily window of local time, or none."""

    start: time | None = None
    """First quiet minute (None: never quiet)."""

    end: time | None = None
    """First minute that is no longer quiet."""

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """ "22:00-07:00" → that window; "" → never quiet. Raises `UsageError` when the text
        is not two 24-hour times joined by a dash."""
        text = text.strip()
        if not text:
            return cls()
        parts = text.split("-")
        if len(parts) != 2:
            raise UsageError(_bad(text))
        start, end = (_clock(part, text) for part in parts)
        if start == end:
            raise UsageError(
                f"Quiet hours {text!r} start and end at the same time; leave the setting "
                "empty for no quiet hours, or give a window such as 22:00-07:00."
            )
        return cls(start, end)

    def __contains__(self, moment: time) -> bool:
        """Whether `moment` (local time of day) falls in the quiet window."""
        if self.start is None or self.end is None:
            return False
        minute = moment.replace(second=0, microsecond=0, tzinfo=None)
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end  # the window crosses midnight

    def __str__(self) -> str:
        if self.start is None or self.end is None:
            return "none"
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _clock(part: str, whole: str) -> time:
    found = _CLOCK.match(part)
    if found is None:
        raise UsageError(_bad(whole))
    hours, minutes = int(found.group(1)), int(found.group(2))
    if hours > 23 or minutes > 59:
        raise UsageError(_bad(whole))
    return time(hours, minutes)


def _bad(text: str) -> str:
    return (
        f"Quiet hours {text!r} are not understood. Write two 24-hour times joined by a "
        'dash, such as "22:00-07:00" (it may cross midnight), or leave it empty.'
    )
