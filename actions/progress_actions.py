"""Rasa action for progress: "how am I doing?" answered in a few spoken sentences.

The runtime reads the journal and hands the facts over with every turn
(`PROGRESS_CONTEXT_KEY`); the words are in actions.coaching.progress.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.coaching.progress import ProgressFacts, progress_lines
from actions.payloads import PROGRESS_CONTEXT_KEY


class ActionProgressSummary(Action):
    """A few sentences from the journal: practice, scores, labels, promises, time apart."""

    def name(self) -> str:
        return "action_progress_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        facts = metadata.get(PROGRESS_CONTEXT_KEY)
        known: ProgressFacts | None = facts if isinstance(facts, dict) else None  # type: ignore[assignment]
        for line in progress_lines(known):
            dispatcher.utter_message(text=line)
        return [SlotSet("exercise", "progress")]
