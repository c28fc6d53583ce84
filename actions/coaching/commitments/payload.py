"""The commitment payload: what the commitments exercise hands the runtime.

Sent when a promise is agreed (`made`) or a check-in is answered (`checkin`); the runtime
keeps kept commitments in the journal (with consent) and hands the due one back, so the
actions never touch the journal or the clock.
"""

from __future__ import annotations

from typing import TypedDict


class CommitmentRecord(TypedDict, total=False):
    """One commitment the user agreed to keep."""

    id: str
    """A short random identifier (never the user's words)."""
    text: str
    """The promise as the user said it and approved it."""
    partner: str
    """How the partner is spoken of: "her", "him" or "them"."""
    made: str
    """When it was agreed, ISO 8601 with the user's UTC offset."""
    checked: str | None
    """When it was last checked in on, or None."""
    outcomes: list[str]
    """Every check-in answer so far, in order: "kept", "partly" or "missed"."""


class CommitmentPayload(TypedDict, total=False):
    """What one turn settled: a new commitment, or the answer to a check-in."""

    made: CommitmentRecord
    """A commitment just agreed; `keep` says whether the user asked to keep it."""
    keep: bool
    """Whether the user agreed to keep `made` on the device."""
    checkin: dict[str, str]
    """{"id": the commitment's id, "result": "kept" | "partly" | "missed"}."""
