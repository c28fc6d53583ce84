"""The apart payload: a time-apart agreement once it is settled.

Sent by the time-apart actions when the arrangement is agreed; the runtime keeps it (in the
journal, with consent) and carries it on every later turn while it runs, so a front-end or
a script can read the agreed time.
"""

from __future__ import annotations

from typing import TypedDict


class ApartPayload(TypedDict, total=False):
    """One agreement. Holds no words of the user's, only what the set-up understood."""

    until: str
    """The agreed time to talk again, ISO 8601 with the user's UTC offset."""
    said: str
    """The same time in words, as confirmed ("Sunday at 6 in the evening")."""
    partner: str
    """How the partner is spoken of: "her", "him" or "them"."""
    exceptions: list[str]
    """What contact is still agreed: identifiers ("children", "emergencies")."""
    keep: bool
    """Whether the user agreed to keep it on the device."""
