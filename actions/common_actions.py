"""Actions shared by every exercise."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher


class ActionLeaveExercise(Action):
    """Leave whatever exercise is in progress (silently; the rule says what comes next)."""

    def name(self) -> str:
        return "action_leave_exercise"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return [SlotSet("exercise", None), SlotSet("requested_slot", None)]
