"""Time-apart agreements, carried from turn to turn and (with consent) from session to
session through the journal.

The actions never touch the journal or the clock. With every turn this wrapper hands them
the time-apart context as message metadata ({"now", "agreement"}: see
`actions.payloads.APART_CONTEXT_KEY`); when a turn settles an agreement (its `apart`
payload), it is held for the rest of the process, and saved in the journal when the user
said to keep it. While one runs, every turn's result carries it, so `chat --jsonl` shows the
agreed time. A new session opens with how long is left, or, once the time has come, a short
preparation for the conversation (said once; the agreement is then let go).

Nothing is saved from a turn the safety screen flagged. Keys hold a hash of the sender id,
never the id itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from actions.coaching.apart import ApartPayload, preparation_lines, session_opening
from assistant.dialogue.bridge import Dialogue, RasaDialogue, TurnResult
from assistant.journal.guided_progress import GuidedProgressDialogue
from assistant.journal.store import JournalWrite

__all__ = [
    "AGREEMENT_PREFIX",
    "TimeApartAnnouncer",
    "TimeApartDialogue",
    "agreement_key",
    "local_now",
]

AGREEMENT_PREFIX = "time-apart/"
KEPT_FOR = timedelta(days=400)
"""Longer than any agreement can run (the understanding caps it at half a year), so a kept
agreement is read back until its preparation has been said."""


def local_now() -> datetime:
    """This machine's local time, with its UTC offset."""
    return datetime.now().astimezone()


class _Store(Protocol):
    """The parts of `assistant.journal.store.Journal` used here."""

    def save_progress(self, key: str, value_json: str) -> JournalWrite: ...

    def load_progress(self, key: str, max_age: timedelta) -> str | None: ...

    def clear_progress(self, key: str) -> JournalWrite: ...


def agreement_key(sender: str) -> str:
    """The journal key of `sender`'s agreement (a hash of the id, never the id)."""
    return AGREEMENT_PREFIX + hashlib.sha256(sender.encode("utf-8")).hexdigest()[:16]


def _agreement_from(raw: str | None) -> ApartPayload | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
        datetime.fromisoformat(str(value["until"]))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    return ApartPayload(**value) if isinstance(value, dict) else None  # type: ignore[typeddict-item]


class TimeApartDialogue:
    """A Dialogue that carries time-apart agreements (see the module docstring)."""

    def __init__(
        self,
        inner: Dialogue,
        store: _Store | None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        self.inner = inner
        self._store = store
        self._clock = clock
        self._agreements: dict[str, ApartPayload | None] = {}
        self._opened: set[str] = set()

    def agreement(self, sender: str) -> ApartPayload | None:
        """The agreement held for `sender` (read from the journal once), or None."""
        if sender not in self._agreements:
            raw = (
                self._store.load_progress(agreement_key(sender), KEPT_FOR) if self._store else None
            )
            self._agreements[sender] = _agreement_from(raw)
        return self._agreements[sender]

    def opening(self, sender: str) -> list[str]:
        """What a new session says first about a kept agreement (once per sender and run):
        the time left, or the preparation when the time has come, which lets it go."""
        if sender in self._opened:
            return []
        self._opened.add(sender)
        agreement = self.agreement(sender)
        if agreement is None:
            return []
        now = self._clock()
        lines = session_opening(agreement, now)
        if datetime.fromisoformat(agreement["until"]) <= now:
            self._agreements[sender] = None
            if self._store is not None:
                self._store.clear_progress(agreement_key(sender))
        return lines

    async def handle(
        self,
        sender: str,
        text: str,
        audio: Mapping[str, Any] | None = None,
        *,
        context: Mapping[str, Any] | None = None,
    ) -> TurnResult:
        """`context` (more metadata for the actions, from outer wrappers) is passed on."""
        opening = self.opening(sender)
        now = self._clock()
        apart = {"now": now.isoformat(), "agreement": self.agreement(sender)}
        if isinstance(self.inner, (RasaDialogue, GuidedProgressDialogue)):
            result = await self.inner.handle(sender, text, audio, apart=apart, context=context)
        else:
            result = await self.inner.handle(sender, text, audio)
        messages: list[str] = []
        if result.safety is None and isinstance(result.apart, dict) and result.apart.get("until"):
            settled = result.apart
            self._agreements[sender] = settled
            if settled.get("keep") and self._store is not None:
                write = self._store.save_progress(agreement_key(sender), json.dumps(settled))
                if write.message:
                    messages.append(write.message)
        running = self.agreement(sender)
        if running is not None and datetime.fromisoformat(running["until"]) <= now:
            running = None
        if not (opening or messages or running != result.apart):
            return result
        return dataclasses.replace(result, bot=[*opening, *result.bot, *messages], apart=running)


class TimeApartAnnouncer:
    """For the home device: once a kept agreement's time has come, the preparation for the
    conversation, said once (the agreement is then let go, so a later session does not say
    it again). The home device asks between sessions and never in quiet hours; the journal
    is read at most every `every_s` seconds."""

    def __init__(self, store: _Store, sender: str, *, every_s: float = 30.0) -> None:
        self._store = store
        self._sender = sender
        self._every_s = every_s
        self._next_check = 0.0

    def due(self, now: datetime) -> list[str]:
        """The lines to say now (empty when nothing is due). A naive `now` is local time."""
        if time.monotonic() < self._next_check:
            return []
        self._next_check = time.monotonic() + self._every_s
        key = agreement_key(self._sender)
        agreement = _agreement_from(self._store.load_progress(key, KEPT_FOR))
        now = now if now.tzinfo is not None else now.astimezone()
        if agreement is None or datetime.fromisoformat(agreement["until"]) > now:
            return []
        self._store.clear_progress(key)
        return preparation_lines(agreement.get("partner", "them"))
