"""Rasa actions for the apology rehearsal. The coaching itself is in actions.coaching."""

from __future__ import annotations

import dataclasses
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coaching.apology import ApologyAnalysis, analyze_apology
from actions.coaching.apology_feedback import TRY_AGAIN, compose_feedback, stronger_example
from actions.coaching.delivery import analyze_delivery
from actions.payloads import AUDIO_KEY, EXPECT_KEY, FEEDBACK_KEY

# Two sentences of framing, from the research in CONTENT.md: own it, name the harm, offer
# repair, and leave out the "but".
FRAMING = (
    "An apology that rebuilds trust says plainly what you did and how it hurt them, "
    "with no but and no excuse, and offers something real to make it right. "
    "Let's practise one out loud."
)
MIN_APOLOGY_WORDS = 3

MORE_OFFERED_SLOT = "apology_more_offered"
"""True while the feedback's closing question offers the rest of it: the rules then read
yes and no as answers to that, not as another go."""
REST_SLOT = "apology_feedback_rest"
"""The held-back feedback lines, said on a yes."""
NO_REST = "That's fine."
"""Said, before the offer of another go, when they don't want the rest."""


def _no_rest_pending() -> list[EventType]:
    return [SlotSet(MORE_OFFERED_SLOT, False), SlotSet(REST_SLOT, None)]


class ActionStartApology(Action):
    """Frame the exercise and clear any earlier attempt's text."""

    def name(self) -> str:
        return "action_start_apology"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=FRAMING)
        return [
            SlotSet("exercise", "apology"),
            SlotSet("apology_text", None),
            SlotSet("apology_last_text", None),
            SlotSet("apology_attempts", 0.0),
            *_no_rest_pending(),
        ]


class ActionAskApologyText(Action):
    """The form's question, plus a note to the voice runtime: this is long-form speech,
    so thinking pauses must not end the turn."""

    def name(self) -> str:
        return "action_ask_apology_text"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="Whenever you're ready, say your apology the way you'd say it to them. "
            "Take as long as you need."
        )
        dispatcher.utter_message(json_message={EXPECT_KEY: "long_form"})
        # A new attempt is coming: whatever feedback was held back is for the old one.
        return _no_rest_pending()


class ValidateApologyForm(FormValidationAction):
    """Accept anything that sounds like an attempt; gently re-ask after a word or two."""

    def name(self) -> str:
        return "validate_apology_form"

    async def validate_apology_text(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot_value is None:
            # Cleared by the start action, not said by the user: nothing to judge yet.
            return {"apology_text": None}
        text = str(slot_value).strip()
        if len(text.split()) < MIN_APOLOGY_WORDS:
            dispatcher.utter_message(
                text="Take your time. When you're ready, say the whole apology, "
                "just as you'd say it to them."
            )
            dispatcher.utter_message(json_message={EXPECT_KEY: "long_form"})
            return {"apology_text": None}
        return {"apology_text": text}


class ActionApologyFeedback(Action):
    """Analyse the attempt, compare it with the one before, say the part of the feedback
    that matters most, and offer the rest (or, when nothing is held back, another go)."""

    def name(self) -> str:
        return "action_apology_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = str(tracker.get_slot("apology_text") or "")
        previous_text = tracker.get_slot("apology_last_text")
        attempt = int(tracker.get_slot("apology_attempts") or 0) + 1

        analysis = _with_audio_delivery(analyze_apology(text), tracker)
        previous = analyze_apology(str(previous_text)) if previous_text else None
        spoken = compose_feedback(analysis, previous, previous_attempt=attempt - 1)
        for line in spoken.now:
            dispatcher.utter_message(text=line)

        payload = analysis.to_dict()
        payload["exercise"] = "apology"
        payload["attempt"] = attempt
        if previous is not None:
            payload["previous_score"] = previous.score
        dispatcher.utter_message(json_message={FEEDBACK_KEY: payload})
        return [
            SlotSet("apology_last_text", text),
            SlotSet("apology_text", None),
            SlotSet("apology_attempts", float(attempt)),
            SlotSet(MORE_OFFERED_SLOT, bool(spoken.later)),
            SlotSet(REST_SLOT, list(spoken.later) or None),
        ]


class ActionApologyFeedbackRest(Action):
    """The answer to "want to hear the other two?": on yes, the held-back feedback (it ends
    with the offer of another go); on anything else, straight to that offer."""

    def name(self) -> str:
        return "action_apology_feedback_rest"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        rest = [str(line) for line in tracker.get_slot(REST_SLOT) or []]
        if intent == "affirm" and rest:
            for line in rest:
                dispatcher.utter_message(text=line)
        else:
            dispatcher.utter_message(text=NO_REST)
            dispatcher.utter_message(text=TRY_AGAIN)
        return _no_rest_pending()


def _with_audio_delivery(analysis: ApologyAnalysis, tracker: Tracker) -> ApologyAnalysis:
    """Add what the voice runtime measured (duration, pauses) when the apology was spoken."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    audio = metadata.get(AUDIO_KEY)
    if not isinstance(audio, dict) or not audio.get("duration_s"):
        return analysis
    delivery = analyze_delivery(
        analysis.text,
        duration_s=float(audio["duration_s"]),
        pauses_s=tuple(float(p) for p in audio.get("pauses_s") or ()),
    )
    return dataclasses.replace(analysis, delivery=delivery)


class ActionApologyExample(Action):
    """Say a stronger version of the user's last attempt, built from their own words."""

    def name(self) -> str:
        return "action_apology_example"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        last = tracker.get_slot("apology_last_text")
        if not last:
            dispatcher.utter_message(
                text="Say your own version first, and then I'll build a stronger one "
                "from your words."
            )
        else:
            example = stronger_example(str(last), analyze_apology(str(last)))
            dispatcher.utter_message(text="Here's one way it could sound, using your words.")
            dispatcher.utter_message(text=example)
        dispatcher.utter_message(text="Would you like to try it yourself now?")
        return [SlotSet("exercise", "apology"), *_no_rest_pending()]
