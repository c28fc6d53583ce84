"""A Rasa tracker store that keeps live conversation objects in memory.

Rasa's InMemoryTrackerStore serialises every conversation to JSON on save and rebuilds it
on every retrieve; rebuilding resolves each event's class by walking Rasa's event class
tree, so a turn costs more the longer the conversation gets (measured: 47 ms → 131 ms per
turn over 40 turns). One process serves the conversations here, and Rasa's lock store runs
one turn per sender at a time, so the live object can be handed out as is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


class LiveTrackerStore(TrackerStore):  # type: ignore[misc]
    """Conversations kept as live trackers, one per sender id."""

    def __init__(self, domain: Domain, **kwargs: Any) -> None:
        self.trackers: dict[str, DialogueStateTracker] = {}
        super().__init__(domain, None, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self.trackers[tracker.sender_id] = tracker

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return self.trackers.get(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        return self.trackers.get(sender_id)

    async def keys(self) -> Iterable[str]:
        return list(self.trackers)

    def event_count(self, sender_id: str) -> int:
        """How many events the conversation has (0 if it does not exist yet)."""
        tracker = self.trackers.get(sender_id)
        return len(tracker.events) if tracker else 0

    def truncate(self, sender_id: str, event_count: int) -> None:
        """Put a conversation back to its first `event_count` events (0 forgets it)."""
        tracker = self.trackers.get(sender_id)
        if tracker is None:
            return
        if event_count == 0:
            del self.trackers[sender_id]
            return
        events = list(tracker.events)[:event_count]
        self.trackers[sender_id] = DialogueStateTracker.from_events(
            sender_id, events, slots=self.domain.slots
        )

    def restart(self, sender_id: str, keep: Collection[str]) -> None:
        """Start the conversation afresh, carrying only the slots named in `keep`."""
        tracker = self.trackers.pop(sender_id, None)
        if tracker is None:
            return
        carried = [
            SlotSet(name, tracker.get_slot(name))
            for name in keep
            if tracker.get_slot(name) not in (None, False)
        ]
        if not carried:
            return
        events = [
            ActionExecuted(ACTION_SESSION_START_NAME),
            SessionStarted(),
            *carried,
            ActionExecuted(ACTION_LISTEN_NAME),
        ]
        self.trackers[sender_id] = DialogueStateTracker.from_events(
            sender_id, events, slots=self.domain.slots
        )

    def compact(self, sender_id: str) -> None:
        """Replace a conversation at rest by a fresh session holding the same slot values.

        Rasa's rule policy re-reads the whole conversation on every turn, so a long one gets
        slower turn by turn. At rest (no exercise, no form waiting) the dialogue state is
        just the slots plus the last turn (an offer just made must still be answerable), so
        nothing the rules look at is lost — including a disclosure that must keep coaching
        off for the rest of the session.
        """
        tracker = self.trackers.get(sender_id)
        if tracker is None:
            return
        events_so_far = list(tracker.events)
        last_user = max(
            (i for i, event in enumerate(events_so_far) if isinstance(event, UserUttered)),
            default=len(events_so_far),
        )
        last_turn = events_so_far[last_user:]
        carried = [
            SlotSet(name, slot.value)
            for name, slot in tracker.slots.items()
            if slot.value is not None and name != "session_started_metadata"
        ]
        events = [
            ActionExecuted(ACTION_SESSION_START_NAME),
            SessionStarted(),
            *carried,
            ActionExecuted(ACTION_LISTEN_NAME),
            *last_turn,
        ]
        self.trackers[sender_id] = DialogueStateTracker.from_events(
            sender_id, events, slots=self.domain.slots
        )
