"""Kept commitments, carried from session to session through the journal, with check-ins.

The actions never touch the journal or the clock. When a turn agrees a promise (its
`commitment` payload, `made`) and the user said to keep it, this wrapper saves it in the
journal. At the start of a later session (a later day than it was made or last checked),
a session at rest asks how it went ("Last week you said you'd ... How did it go?"); for the
next few turns the actions get that commitment as message metadata
(`actions.payloads.COMMITMENTS_CONTEXT_KEY`), so the answer (kept, partly or missed) is read
as a check-in, and the wrapper records it. Nothing is saved from a turn the safety screen
flagged. Keys hold a hash of the sender id, never the id itself. The home device also
checks in on promises kept in text chat and `kintsugi voice` (`also_from`); an answer is
recorded with the commitment, under its own key.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from actions.coaching.commitments import CommitmentRecord, checkin_question
from actions.payloads import COMMITMENTS_CONTEXT_KEY
from assistant.dialogue.bridge import Dialogue, TurnResult
from assistant.journal.store import JournalWrite
from assistant.journal.time_apart import local_now

__all__ = [
    "COMMITMENTS_PREFIX",
    "CommitmentsDialogue",
    "commitments_key",
    "read_commitments",
    "takes_context",
]

COMMITMENTS_PREFIX = "commitments/"
KEPT_FOR = timedelta(days=400)
ANSWER_WITHIN_TURNS = 3
"""A check-in question waits this many turns for its answer, then lets the session be."""
MAX_KEPT = 20
"""The newest commitments kept; older ones are let go (their check-ins stay counted)."""


class _Store(Protocol):
    def save_progress(self, key: str, value_json: str) -> JournalWrite: ...

    def load_progress(self, key: str, max_age: timedelta) -> str | None: ...


def takes_context(dialogue: Dialogue) -> bool:
    """True when `dialogue.handle` takes `context` (more metadata for the actions): the
    RasaDialogue and the journal wrappers around it do."""
    return "context" in inspect.signature(dialogue.handle).parameters


def commitments_key(sender: str) -> str:
    """The journal key of `sender`'s kept commitments (a hash of the id, never the id)."""
    return COMMITMENTS_PREFIX + hashlib.sha256(sender.encode("utf-8")).hexdigest()[:16]


def read_commitments(raw: Any) -> list[CommitmentRecord]:
    """The commitments in a journal value (JSON text or already parsed); bad ones left out."""
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError:
        return []
    if not isinstance(value, list):
        return []
    kept: list[CommitmentRecord] = []
    for item in value:
        try:
            datetime.fromisoformat(str(item["made"]))
            if item["id"] and item["text"]:
                kept.append(item)
        except (KeyError, TypeError, ValueError):
            continue
    return kept


def _last_contact(record: CommitmentRecord) -> datetime:
    return datetime.fromisoformat(str(record.get("checked") or record["made"]))


class CommitmentsDialogue:
    """A Dialogue that keeps commitments and checks in on them (see the module docstring)."""

    def __init__(
        self,
        inner: Dialogue,
        store: _Store | None,
        clock: Callable[[], datetime] = local_now,
        *,
        also_from: Sequence[str] = (),
    ) -> None:
        """`also_from`: other conversation ids on this machine whose kept commitments may
        be checked in on here too (the home device asks about promises made in chat); an
        answer is recorded with the commitment, under its own conversation's key."""
        self.inner = inner
        self._store = store
        self._clock = clock
        self._also_from = tuple(also_from)
        self._kept: dict[str, list[CommitmentRecord]] = {}
        self._asked: set[str] = set()
        self._asking: dict[str, tuple[CommitmentRecord, int]] = {}

    def commitments(self, sender: str) -> list[CommitmentRecord]:
        """The kept commitments of `sender` (read from the journal once)."""
        if sender not in self._kept:
            raw = (
                self._store.load_progress(commitments_key(sender), KEPT_FOR)
                if self._store
                else None
            )
            self._kept[sender] = read_commitments(raw) if raw else []
        return self._kept[sender]

    def due(self, sender: str, *, not_now: Collection[str] = ()) -> CommitmentRecord | None:
        """The commitment to ask about: made or last checked on an earlier day (the longest
        waiting first); none whose id is in `not_now`."""
        today = self._clock().date()
        waiting = [
            record
            for owner in self._owners(sender)
            for record in self.commitments(owner)
            if _last_contact(record).astimezone(self._clock().tzinfo).date() < today
            and record["id"] not in not_now
        ]
        return min(waiting, key=_last_contact) if waiting else None

    def _owners(self, sender: str) -> list[str]:
        """`sender` and the other conversations it may check in for."""
        return [sender, *(other for other in self._also_from if other != sender)]

    def ask_first(self, sender: str, *, not_now: Collection[str] = ()) -> tuple[str, str] | None:
        """For a session that opens with the check-in (the home device's wake): the id of
        the commitment asked about and the question, or None when none is due. The
        session's first turns then read the answer as a check-in, and it is not asked again
        later in the session."""
        if sender in self._asked:
            return None
        record = self.due(sender, not_now=not_now)
        if record is None:
            return None
        self._asked.add(sender)
        self._asking[sender] = (record, 0)
        return str(record["id"]), self._question(record)

    def opening(self, sender: str) -> list[str]:
        """A session's check-in question (once per sender and run), after what the inner
        dialogue says first."""
        inner = getattr(self.inner, "opening", None)
        lines: list[str] = list(inner(sender)) if callable(inner) else []
        return [*lines, *self._ask(sender)]

    def _ask(self, sender: str) -> list[str]:
        if sender in self._asked:
            return []
        self._asked.add(sender)
        record = self.due(sender)
        if record is None:
            return []
        self._asking[sender] = (record, 0)
        return [self._question(record)]

    def _question(self, record: CommitmentRecord) -> str:
        made = datetime.fromisoformat(str(record["made"]))
        return checkin_question(
            str(record["text"]), str(record.get("partner")), made, self._clock()
        )

    async def handle(
        self,
        sender: str,
        text: str,
        audio: Mapping[str, Any] | None = None,
        *,
        context: Mapping[str, Any] | None = None,
    ) -> TurnResult:
        now = self._clock()
        asking = self._asking.get(sender)
        own = {"now": now.isoformat(), "checkin": asking[0] if asking else None}
        merged = {**(context or {}), COMMITMENTS_CONTEXT_KEY: own}
        if takes_context(self.inner):
            result = await self.inner.handle(sender, text, audio, context=merged)  # type: ignore[call-arg]
        else:
            result = await self.inner.handle(sender, text, audio)
        if asking is not None:
            turns = asking[1] + 1
            if turns >= ANSWER_WITHIN_TURNS:
                self._asking.pop(sender, None)
            else:
                self._asking[sender] = (asking[0], turns)
        messages = self._keep(sender, result, now)
        question: list[str] = []
        if sender not in self._asked and result.exercise is None and result.safety is None:
            question = self._ask(sender)  # a session at rest: ask how it went
        if not (messages or question):
            return result
        return dataclasses.replace(result, bot=[*result.bot, *messages, *question])

    def _keep(self, sender: str, result: TurnResult, now: datetime) -> list[str]:
        """Save what the turn settled; the journal's one sentence when saving failed."""
        payload = result.commitment
        if result.safety is not None or not isinstance(payload, dict):
            return []
        owner = sender
        kept = self.commitments(sender)
        if "made" in payload and payload.get("keep"):
            kept.append(payload["made"])
            del kept[:-MAX_KEPT]
        elif "checkin" in payload:
            answer = payload["checkin"]
            self._asking.pop(sender, None)
            for owner in self._owners(sender):
                kept = self.commitments(owner)
                found = [record for record in kept if record["id"] == answer.get("id")]
                for record in found:
                    record["checked"] = now.isoformat()
                    record["outcomes"] = [*record.get("outcomes", []), str(answer.get("result"))]
                if found:
                    break
            else:
                return []
        else:
            return []
        if self._store is None:
            return []
        write = self._store.save_progress(commitments_key(owner), json.dumps(kept))
        return [write.message] if write.message else []
