"""Crisis care. The words and resources live in actions.coaching.safety, shared with the runtime."""

from __future__ import annotations

import os
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.coaching.safety import (
    SafetyKind,
    crisis_reply,
    declined_coaching_reply,
    resources_reply,
)
from actions.payloads import EXPECT_KEY, REGION_KEY

# The runtime sends the user's region with every message (REGION_KEY); the environment
# variable is a fallback for running the actions in Rasa's own action server.
REGION_ENV = "KINTSUGI_REGION"
ROLE_ENTITY = "abuse_role"
ROLE_SLOT = "safety_role"
KNOWN_ROLES = frozenset({"harmed", "harming", "unclear"})


def _region(tracker: Tracker) -> str:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    region = metadata.get(REGION_KEY)
    return str(region) if region else os.environ.get(REGION_ENV, "US")


def _role(tracker: Tracker) -> Any:
    """The role the screen attached to this message, else the one remembered earlier."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == ROLE_ENTITY and entity.get("value") in KNOWN_ROLES:
            return entity["value"]
    remembered = tracker.get_slot(ROLE_SLOT)
    return remembered if remembered in KNOWN_ROLES else "unclear"


def _also_self_harm(tracker: Tracker) -> bool:
    entities = (tracker.latest_message or {}).get("entities") or []
    return any(
        entity.get("entity") == "crisis_also" and entity.get("value") == "self_harm"
        for entity in entities
    )


class ActionCrisisResponse(Action):
    """Stop coaching and answer with care and crisis resources."""

    def name(self) -> str:
        return "action_crisis_response"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message or {}).get("intent", {}).get("name")
        kind: SafetyKind = "abuse" if intent == "crisis_abuse" else "self_harm"
        role = _role(tracker) if kind == "abuse" else None
        lines = crisis_reply(kind, _region(tracker), role=role)
        if kind == "abuse" and _also_self_harm(tracker):
            # Their own safety first, then the abuse resources (without repeating lines).
            first = crisis_reply("self_harm", _region(tracker))
            lines = first + [line for line in lines if line not in first]
        for line in lines:
            dispatcher.utter_message(text=line)
        # The person may want to keep talking; give them room.
        dispatcher.utter_message(json_message={EXPECT_KEY: "long_form"})
        events: list[EventType] = [SlotSet("exercise", None), SlotSet("requested_slot", None)]
        if kind == "abuse":
            events += [SlotSet("abuse_disclosed", True), SlotSet(ROLE_SLOT, role)]
        return events


class ActionCrisisResources(Action):
    """Asked for help numbers, or told "I'm not safe" with no why: stop coaching and give
    every resource. Nothing is assumed, so coaching is not declined for the session."""

    def name(self) -> str:
        return "action_crisis_resources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        for line in resources_reply(_region(tracker)):
            dispatcher.utter_message(text=line)
        dispatcher.utter_message(json_message={EXPECT_KEY: "long_form"})
        return [SlotSet("exercise", None), SlotSet("requested_slot", None)]


class ActionDeclineCoaching(Action):
    """After an abuse disclosure: no apology or reconciliation practice, and why."""

    def name(self) -> str:
        return "action_decline_coaching"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        for line in declined_coaching_reply(_region(tracker), role=_role(tracker)):
            dispatcher.utter_message(text=line)
        return [SlotSet("exercise", None)]
