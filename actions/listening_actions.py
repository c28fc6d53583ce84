"""Rasa actions for listening practice. The coaching itself is in actions.coaching.

The assistant plays the hurt partner. Their monologue arrives one segment per bot turn: the
form `listening_form` asks for `listening_reflection`, and its ask action says the next
segment instead of a question. Until the last segment (which ends with the finishing cue)
has been said, whatever the user types is either a backchannel, which keeps the partner
going, or an interruption, which is recorded and answered before the partner carries on.
After it, the next message is the reflection, and the form completes.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coaching.listening_feedback import compose_listening_feedback
from actions.coaching.scenarios import (
    LISTENING_SCENARIOS,
    ListeningScenario,
    get_listening_scenario,
)
from actions.coaching.scenarios.base import count_words
from actions.coaching.scenarios.listen_payload import ListenPayload
from actions.coaching.spoken import join_words
from actions.payloads import AUDIO_KEY, EXPECT_KEY, FEEDBACK_KEY, LISTEN_KEY
from actions.roleplay import (
    choose_scenario,
    is_backchannel,
    scene_line,
    segment_at,
    text_interruption_time,
)

SCENARIO_SLOT = "listening_scenario"
SEGMENT_SLOT = "listening_segment"
INTERRUPTIONS_SLOT = "listening_interruptions"
REFLECTION_SLOT = "listening_reflection"
DONE_SLOT = "listening_done"
INTERRUPTED_INTENT = "listening_interrupted"
AT_ENTITY = "at_s"
VOICE_MOMENT_KEY = "listening"
"""Inside the turn's audio metadata: the interruption moment the voice runtime measured
(`at_s`, `segment`, `in_pause`, `overlap`, and `unsaid`: the partner's words it cut off)."""
MIN_REFLECTION_WORDS = 3

INSTRUCTIONS = (
    "I'll play your partner now. They need to say all of this without being cut off. "
    "While they talk, a short go on or mm keeps them going; anything more is cutting in. "
    "When they've finished, tell them what you heard, in your own words."
)
YOUR_TURN = "They've finished. Now tell them what you heard, in your own words."
TAKE_YOUR_TIME = "Take your time. When you're ready, tell them what you heard them say."
# What the partner says when cut off, in turn; people don't repeat themselves word for word.
REACTIONS = (
    "Please, let me finish.",
    "Can you just let me get through this?",
    "I'm not done yet.",
    "Hold on. Let me say all of it first.",
    "Please. I need you to just listen right now.",
)


def _scenario(tracker: Tracker) -> ListeningScenario:
    scenario_id = tracker.get_slot(SCENARIO_SLOT)
    return get_listening_scenario(str(scenario_id)) if scenario_id else LISTENING_SCENARIOS[0]


def _spoken(tracker: Tracker) -> int:
    return int(tracker.get_slot(SEGMENT_SLOT) or 0)


def _latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def _latest_intent(tracker: Tracker) -> str | None:
    intent = (tracker.latest_message or {}).get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def _injected_time(tracker: Tracker) -> float | None:
    """The `at_s` a voice front-end sent with `/listening_interrupted`, if any."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == AT_ENTITY:
            try:
                return max(0.0, float(entity.get("value")))
            except (TypeError, ValueError):
                return None
    return None


def _voice_moment(tracker: Tracker) -> dict[str, Any] | None:
    """The moment the voice runtime measured for this turn, if it sent one."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    audio = metadata.get(AUDIO_KEY)
    moment = audio.get(VOICE_MOMENT_KEY) if isinstance(audio, dict) else None
    if not isinstance(moment, dict):
        return None
    try:
        at_s = max(0.0, float(moment["at_s"]))
        segment = int(moment["segment"])
    except (KeyError, TypeError, ValueError):
        return None
    unsaid = moment.get("unsaid")
    return {
        "at_s": at_s,
        "segment": segment,
        "in_pause": bool(moment.get("in_pause")),
        "overlap": bool(moment.get("overlap")),
        "unsaid": unsaid if isinstance(unsaid, str) and unsaid.strip() else None,
    }


def _fresh_round(scenario: ListeningScenario) -> list[EventType]:
    """Slots for hearing `scenario` from its first segment."""
    return [
        SlotSet(SCENARIO_SLOT, scenario.id),
        SlotSet(SEGMENT_SLOT, 0.0),
        SlotSet(INTERRUPTIONS_SLOT, []),
        SlotSet(REFLECTION_SLOT, None),
    ]


def _introduce(dispatcher: CollectingDispatcher, tracker: Tracker, lead: str) -> list[EventType]:
    """Pick a scenario (named in the message, else the next one not done), set the scene,
    and return the slots for a fresh round of it."""
    chosen, done = choose_scenario(
        [scenario.id for scenario in LISTENING_SCENARIOS],
        _latest_text(tracker),
        list(tracker.get_slot(DONE_SLOT) or []),
        tracker.get_slot(SCENARIO_SLOT),
    )
    scenario = get_listening_scenario(chosen)
    dispatcher.utter_message(text=scene_line(lead, scenario.title, scenario.premise))
    dispatcher.utter_message(text=INSTRUCTIONS)
    return [*_fresh_round(scenario), SlotSet(DONE_SLOT, done)]


class ActionStartListening(Action):
    """Choose a scenario, set the scene, and hand over to the partner."""

    def name(self) -> str:
        return "action_start_listening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        lead = (
            "Here's another:"
            if tracker.get_slot("exercise") == "listening"
            else "Here's the scenario:"
        )
        return [SlotSet("exercise", "listening"), *_introduce(dispatcher, tracker, lead)]


class ActionListeningSkip(Action):
    """ "Skip" in the middle of a monologue: on to a different scenario. A bare "next" there
    is a backchannel, not a skip, so the partner simply carries on."""

    def name(self) -> str:
        return "action_listening_skip"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if _spoken(tracker) < len(_scenario(tracker).segments) and is_backchannel(
            _latest_text(tracker)
        ):
            return []
        return _introduce(dispatcher, tracker, "Let's try a different one:")


class ActionListeningAgain(Action):
    """The same scenario once more, from the top."""

    def name(self) -> str:
        return "action_listening_again"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="Okay, from the top. Let them get all the way to the end, then tell them "
            "what you heard."
        )
        return _fresh_round(_scenario(tracker))


class ActionAskListeningReflection(Action):
    """The partner says their next segment; after the last one, the user's turn.

    Each segment goes with a `LISTEN_KEY` payload (scenario, segment i of n, the designed
    pause after it) so a voice front-end can play the pause and time interruptions."""

    def name(self) -> str:
        return "action_ask_listening_reflection"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        scenario = _scenario(tracker)
        spoken = _spoken(tracker)
        total = len(scenario.segments)
        if spoken >= total:
            dispatcher.utter_message(text=TAKE_YOUR_TIME)
            dispatcher.utter_message(json_message={EXPECT_KEY: "long_form"})
            return []
        segment = scenario.segments[spoken]
        dispatcher.utter_message(text=segment.text)
        listen: ListenPayload = {
            "scenario": scenario.id,
            "segment": spoken + 1,
            "of": total,
            "pause_s": segment.pause_s,
        }
        dispatcher.utter_message(json_message={LISTEN_KEY: listen})
        if spoken + 1 == total:
            dispatcher.utter_message(text=YOUR_TURN)
            dispatcher.utter_message(json_message={EXPECT_KEY: "long_form"})
        else:
            dispatcher.utter_message(json_message={EXPECT_KEY: "answer"})
        return [SlotSet(SEGMENT_SLOT, float(spoken + 1))]


class ValidateListeningForm(FormValidationAction):
    """Before the finishing cue: tell backchannels from interruptions, and record the
    interruptions. After it: accept the reflection."""

    def name(self) -> str:
        return "validate_listening_form"

    async def validate_listening_reflection(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot_value is None:
            # Cleared by an action, not said by the user: nothing to judge.
            return {REFLECTION_SLOT: None}
        text = str(slot_value).strip()
        scenario = _scenario(tracker)
        spoken = _spoken(tracker)
        injected = _latest_intent(tracker) == INTERRUPTED_INTENT and text.startswith("/")
        voice = _voice_moment(tracker)
        # Spoken over the last segment, before its finishing cue was heard, is still
        # cutting in, although that segment has already been sent.
        cut_last = voice is not None and voice["overlap"] and voice["segment"] >= spoken

        if spoken < len(scenario.segments) or cut_last:
            unsaid = voice["unsaid"] if voice else None
            if not injected and is_backchannel(text):
                if unsaid:
                    dispatcher.utter_message(text=unsaid)  # they carry on where they were
                return {REFLECTION_SLOT: None}
            moments = list(tracker.get_slot(INTERRUPTIONS_SLOT) or [])
            at_s = _injected_time(tracker) if injected else None
            if voice is not None:
                # Measured from audio by the voice runtime, on the partner's own clock.
                moment = {
                    "segment": voice["segment"],
                    "at_s": round(voice["at_s"], 1),
                    "source": "audio",
                    "in_pause": voice["in_pause"],
                }
            elif at_s is None:
                moment = {
                    "segment": spoken,
                    "at_s": round(text_interruption_time(scenario, spoken), 1),
                    "source": "text",
                }
            else:
                moment = {
                    "segment": segment_at(scenario, at_s),
                    "at_s": round(at_s, 1),
                    "source": "audio",
                }
            moments.append(moment)
            dispatcher.utter_message(text=REACTIONS[(len(moments) - 1) % len(REACTIONS)])
            if unsaid:
                dispatcher.utter_message(text=unsaid)
            return {REFLECTION_SLOT: None, INTERRUPTIONS_SLOT: moments}

        if injected or count_words(text) < MIN_REFLECTION_WORDS:
            # Speech after the finishing cue is not an interruption, and a word or two is
            # not yet a reflection: wait for it.
            return {REFLECTION_SLOT: None}
        return {REFLECTION_SLOT: text}


class ActionListeningFeedback(Action):
    """Interruptions, what the reflection caught and missed, one thing for next time, and
    the offer to go again."""

    def name(self) -> str:
        return "action_listening_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        scenario = _scenario(tracker)
        reflection = str(tracker.get_slot(REFLECTION_SLOT) or "")
        moments = list(tracker.get_slot(INTERRUPTIONS_SLOT) or [])
        feedback = compose_listening_feedback(
            scenario,
            reflection,
            [float(moment["at_s"]) for moment in moments],
            in_pause=[moment.get("in_pause") for moment in moments],
        )
        *body, offer = feedback.sentences
        dispatcher.utter_message(text=" ".join(body))
        dispatcher.utter_message(text=offer)

        payload = feedback.to_dict()
        payload["interruptions"]["moments"] = moments
        dispatcher.utter_message(json_message={FEEDBACK_KEY: payload})
        return [SlotSet(REFLECTION_SLOT, None)]


class ActionListeningExample(Action):
    """After feedback, "show me an example": what a full reflection of this scenario gives
    back, in the coach's words (the user's own words are theirs to find)."""

    def name(self) -> str:
        return "action_listening_example"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        scenario = _scenario(tracker)
        points = [f"that {point.summary}" for point in scenario.key_points]
        given_back = (
            "; ".join(points[:-1]) + f"; and {points[-1]}" if len(points) > 1 else points[0]
        )
        feelings = join_words([feeling.name for feeling in scenario.feelings[:2]])
        dispatcher.utter_message(
            text=f"A full reflection would give back, in your own words, {given_back}. It would "
            f"name that they felt {feelings}, say that this makes sense, and end by asking "
            "whether you got it right."
        )
        dispatcher.utter_message(text="Would you like to try this one again?")
        return []
