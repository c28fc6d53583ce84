"""Where a guided reflection was left, kept in the journal so it can be resumed after a
restart; and the spoken answers the user agreed to keep.

The actions never touch the journal (they are the dialogue's pure side, with no
settings). The runtime reads each turn's `guide` payload after the turn: a step said or a
stop saves the position, the end clears it, and an answer the user agreed to keep is saved
with the words of that turn. When a later turn asks to resume, the front-end passes the
saved position to `Dialogue.handle(resume=...)`, which hands it to the actions as message
metadata.

Nothing is saved from a turn the safety screen flagged. Keys hold a hash of the sender id,
never the id itself (a JSONL sender may be a name).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

from actions.coaching.guided.navigation import RESUME_WITHIN_DAYS
from actions.coaching.guided.payload import GuidePayload
from assistant.dialogue.bridge import Dialogue, RasaDialogue, TurnResult
from assistant.journal.store import JournalWrite

__all__ = [
    "ANSWER_PREFIX",
    "POSITION_PREFIX",
    "RESUME_WITHIN",
    "GuidedProgress",
    "GuidedProgressDialogue",
]

RESUME_WITHIN = timedelta(days=RESUME_WITHIN_DAYS)
POSITION_PREFIX = "guided-position/"
ANSWER_PREFIX = "guided-answer/"


class _Store(Protocol):
    """The parts of `assistant.journal.store.Journal` used here."""

    def save_progress(self, key: str, value_json: str) -> JournalWrite: ...

    def load_progress(self, key: str, max_age: timedelta) -> str | None: ...

    def clear_progress(self, key: str) -> JournalWrite: ...


class _Turn(Protocol):
    @property
    def sender(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def safety(self) -> str | None: ...

    @property
    def guide(self) -> GuidePayload | None: ...


def _sender_key(sender: str) -> str:
    return hashlib.sha256(sender.encode("utf-8")).hexdigest()[:16]


class GuidedProgress:
    """Saves and restores reflection positions per sender, through the journal."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        # Read from the journal once per sender; kept current by `after_turn`.
        self._positions: dict[str, dict[str, Any] | None] = {}

    def saved(self, sender: str) -> dict[str, Any] | None:
        """The position to resume (at most RESUME_WITHIN old), or None."""
        if sender not in self._positions:
            raw = self._store.load_progress(POSITION_PREFIX + _sender_key(sender), RESUME_WITHIN)
            self._positions[sender] = _position_from(raw)
        return self._positions[sender]

    def after_turn(self, turn: _Turn) -> list[JournalWrite]:
        """Record what this turn changed; returns the journal writes it made."""
        guide = turn.guide
        if turn.safety is not None or not isinstance(guide, dict):
            return []
        writes: list[JournalWrite] = []
        kept = guide.get("kept_answer")
        if isinstance(kept, int) and guide.get("keep_answers") is True and turn.text:
            writes.append(self._save_answer(guide, kept, turn.text))
        key = POSITION_PREFIX + _sender_key(turn.sender)
        if guide.get("finished"):
            self._positions[turn.sender] = None
            writes.append(self._store.clear_progress(key))
            return writes
        position = {
            "reflection": guide.get("reflection"),
            "step": guide.get("step"),
            "paused": bool(guide.get("paused")),
            "pace": guide.get("pace", 1.0),
            "keep_answers": guide.get("keep_answers"),
        }
        self._positions[turn.sender] = position
        writes.append(self._store.save_progress(key, json.dumps(position)))
        return writes

    def _save_answer(self, guide: GuidePayload, step: int, text: str) -> JournalWrite:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        reflection = str(guide.get("reflection"))
        value = {"reflection": reflection, "step": step, "answer": text, "said_at": now}
        return self._store.save_progress(
            f"{ANSWER_PREFIX}{reflection}/{now}/{step}", json.dumps(value, ensure_ascii=False)
        )


def _position_from(raw: str | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) and value.get("reflection") else None


class GuidedProgressDialogue:
    """A Dialogue that keeps guided-reflection places (and agreed answers) in the journal,
    and hands the saved place back to the dialogue with each turn, which passes it to the
    actions when the turn asks to resume. Text chat wraps its dialogue in it; a voice
    session can do the same."""

    def __init__(self, inner: Dialogue, store: _Store) -> None:
        self.inner = inner
        self.progress = GuidedProgress(store)

    async def handle(
        self,
        sender: str,
        text: str,
        audio: Mapping[str, Any] | None = None,
        *,
        apart: Mapping[str, Any] | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> TurnResult:
        """`apart` (the time-apart context) and `context` (more metadata for the actions)
        are passed on to a RasaDialogue."""
        saved = self.progress.saved(sender)
        if isinstance(self.inner, RasaDialogue):
            result = await self.inner.handle(
                sender, text, audio, resume=saved, apart=apart, context=context
            )
        else:
            result = await self.inner.handle(sender, text, audio)
        messages = [write.message for write in self.progress.after_turn(result) if write.message]
        if not messages:
            return result
        return dataclasses.replace(result, bot=[*result.bot, *dict.fromkeys(messages)])
