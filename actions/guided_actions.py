"""Rasa actions for guided reflections ("exercise": "reflection"). Content and navigation are
in actions.coaching.guided; not to be confused with the listening exercise's analysis of
what the user reflects back (actions.coaching.listening_analysis).

One form, `guided_form`, runs a reflection from the choice to the closing. Its only slot,
`guided_input`, takes every message except stop, help and crisis (rules handle those); the
validator reads each message by phase:

- choosing: a reflection named ("the one before a hard conversation"), yes to the suggested
  one, or no;
- consent: yes or no to keeping the spoken answers (anything else counts as no);
- steps: a navigation command, an answer (on a step that invites one), or talk to let pass.

The ask action then says what the phase calls for and sends the `GUIDE_KEY` payload, so a
voice front-end knows the silence to hold after the prompt and whether an answer follows.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coaching.guided import (
    REFLECTIONS,
    GuidedReflection,
    get_reflection,
    named_reflection,
    suggest_reflection,
)
from actions.coaching.guided.acknowledge import acknowledge
from actions.coaching.guided.commands import plain, read_command
from actions.coaching.guided.lines import (
    ANSWER_CUE,
    CONSENT_QUESTION,
    KEEP_NO,
    KEEP_YES,
    LET_IT_PASS,
    NOT_NOW,
    STILL_PAUSED,
    THINK_CUE,
    WHICH_ONE,
    days,
    intro,
    kept_place,
    offer,
)
from actions.coaching.guided.navigation import (
    RESUME_WITHIN_DAYS,
    Command,
    Move,
    Position,
    navigate,
)
from actions.coaching.guided.payload import guide_payload
from actions.payloads import EXPECT_KEY, GUIDE_KEY, GUIDE_RESUME_KEY

INPUT_SLOT = "guided_input"
REFLECTION_SLOT = "guided_reflection"
STEP_SLOT = "guided_step"
PAUSED_SLOT = "guided_paused"
PACE_SLOT = "guided_pace"
KEEP_SLOT = "guided_keep"
ANNOUNCE_SLOT = "guided_announce"
KEPT_SLOT = "guided_kept"
SUGGESTED_SLOT = "guided_suggested"
DONE_SLOT = "guided_done"

# What completes the form, and how the finishing action reads it.
FINISHED = "finished"
DECLINED = "declined"
LEFT = "left"
LEAVE_INTENTS = frozenset({"menu", "goodbye"})

_YES = frozenset({"yes", "yeah", "yep", "sure", "ok", "okay", "please", "yes please", "go on"})
_SUGGESTED = frozenset(
    plain(phrase)
    for phrase in (
        "you choose", "you pick", "you decide", "suggest one", "any", "any of them",
        "whichever", "surprise me", "that one", "the one you suggested", "your suggestion",
        "lets do that one", "lets do it", "start it", "sounds good",
    )
)  # fmt: skip

# -- reading the tracker --------------------------------------------------------------------


def _reflection(tracker: Tracker) -> GuidedReflection | None:
    reflection_id = tracker.get_slot(REFLECTION_SLOT)
    try:
        return get_reflection(str(reflection_id)) if reflection_id else None
    except KeyError:
        return None


def _position(tracker: Tracker, reflection: GuidedReflection) -> Position:
    step = int(tracker.get_slot(STEP_SLOT) or 0)
    return Position(
        reflection_id=reflection.id,
        step=min(max(step, 0), len(reflection.steps) - 1),
        paused=bool(tracker.get_slot(PAUSED_SLOT)),
        pace=float(tracker.get_slot(PACE_SLOT) or 1.0),
    )


def _keep(tracker: Tracker) -> bool | None:
    value = tracker.get_slot(KEEP_SLOT)
    return None if value is None else bool(value)


def _latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def _latest_intent(tracker: Tracker) -> str | None:
    name = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return str(name) if name else None


def _saved_position(tracker: Tracker) -> tuple[GuidedReflection, Position, bool | None] | None:
    """The position the runtime passed with this message (from the journal), if valid."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    saved = metadata.get(GUIDE_RESUME_KEY)
    if not isinstance(saved, dict):
        return None
    try:
        reflection = get_reflection(str(saved.get("reflection")))
        step = int(saved.get("step") or 1) - 1
        pace = float(saved.get("pace") or 1.0)
    except (KeyError, TypeError, ValueError):
        return None
    if not 0 <= step < len(reflection.steps):
        return None
    keep = saved.get("keep_answers")
    return (
        reflection,
        Position(reflection.id, step=step, pace=pace),
        keep if isinstance(keep, bool) else None,
    )


def _fresh(reflection: GuidedReflection | None) -> dict[str, Any]:
    """Slots for starting `reflection` from its first step (None: choosing one)."""
    return {
        INPUT_SLOT: None,
        REFLECTION_SLOT: reflection.id if reflection else None,
        STEP_SLOT: 0.0,
        PAUSED_SLOT: False,
        PACE_SLOT: 1.0,
        KEEP_SLOT: None,
        KEPT_SLOT: None,
        ANNOUNCE_SLOT: True,
    }


def _slot_events(values: dict[str, Any]) -> list[EventType]:
    return [SlotSet(name, value) for name, value in values.items()]


def _suggested(tracker: Tracker) -> GuidedReflection:
    try:
        return get_reflection(str(tracker.get_slot(SUGGESTED_SLOT)))
    except KeyError:
        return suggest_reflection(list(tracker.get_slot(DONE_SLOT) or []))


# -- actions --------------------------------------------------------------------------------


class ActionGuidedStart(Action):
    """Start the reflection named in the message, or offer them all with a suggestion."""

    def name(self) -> str:
        return "action_guided_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        named = named_reflection(_latest_text(tracker))
        suggested = suggest_reflection(list(tracker.get_slot(DONE_SLOT) or []))
        return [
            SlotSet("exercise", "reflection"),
            SlotSet(SUGGESTED_SLOT, suggested.id),
            *_slot_events(_fresh(named)),
        ]


class ActionGuidedResume(Action):
    """Pick a paused or stopped reflection up where it was: from this conversation, else
    from the position the runtime saved (passed as message metadata)."""

    def name(self) -> str:
        return "action_guided_resume"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reflection = _reflection(tracker)
        found: tuple[GuidedReflection, Position, bool | None] | None
        if reflection is not None:
            found = (reflection, _position(tracker, reflection), _keep(tracker))
        else:
            found = _saved_position(tracker)
        if found is None:
            dispatcher.utter_message(
                text=f"I don't have a reflection paused in the last {days(RESUME_WITHIN_DAYS)}"
                ", so let's choose one."
            )
            suggested = suggest_reflection(list(tracker.get_slot(DONE_SLOT) or []))
            return [
                SlotSet("exercise", "reflection"),
                SlotSet(SUGGESTED_SLOT, suggested.id),
                *_slot_events(_fresh(None)),
            ]
        reflection, position, keep = found
        dispatcher.utter_message(
            text=f"Welcome back to {reflection.title.lower()}. We were at part "
            f"{position.step + 1} of {len(reflection.steps)}."
        )
        values = _fresh(reflection)
        values.update({STEP_SLOT: float(position.step), PACE_SLOT: position.pace, KEEP_SLOT: keep})
        return [SlotSet("exercise", "reflection"), *_slot_events(values)]


class ActionAskGuidedInput(Action):
    """Say what the phase calls for: the offer, the consent question, or the current step's
    prompt with its text-mode cue; and send the guide payload and the turn kind."""

    def name(self) -> str:
        return "action_ask_guided_input"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        announce = bool(tracker.get_slot(ANNOUNCE_SLOT))
        done: list[EventType] = [SlotSet(ANNOUNCE_SLOT, False), SlotSet(KEPT_SLOT, None)]
        reflection = _reflection(tracker)
        if reflection is None:
            dispatcher.utter_message(
                text=offer(REFLECTIONS, _suggested(tracker)) if announce else WHICH_ONE
            )
            saved = _saved_position(tracker) if announce else None
            if saved is not None:
                dispatcher.utter_message(
                    text=f"You also have {saved[0].title.lower()} paused at part "
                    f"{saved[1].step + 1}; say resume my reflection to pick it up."
                )
            dispatcher.utter_message(json_message={EXPECT_KEY: "answer"})
            return done
        keep = _keep(tracker)
        if keep is None:
            if announce:
                dispatcher.utter_message(text=intro(reflection))
            dispatcher.utter_message(text=CONSENT_QUESTION)
            dispatcher.utter_message(json_message={EXPECT_KEY: "answer"})
            # The validator asks for the first step once the question is answered.
            return done

        position = _position(tracker, reflection)
        kept = tracker.get_slot(KEPT_SLOT)
        kept_answer = int(kept) if kept else None
        if position.paused:
            dispatcher.utter_message(
                json_message={
                    GUIDE_KEY: guide_payload(
                        reflection, position, keep=keep, kept_answer=kept_answer
                    )
                }
            )
            dispatcher.utter_message(json_message={EXPECT_KEY: "command"})
            return done
        step = reflection.steps[position.step]
        if announce:
            dispatcher.utter_message(text=step.text)
        cue = ANSWER_CUE if step.invites_answer else THINK_CUE
        dispatcher.utter_message(text=cue)
        dispatcher.utter_message(
            json_message={
                GUIDE_KEY: guide_payload(
                    reflection, position, keep=keep, text_cue=cue, kept_answer=kept_answer
                )
            }
        )
        dispatcher.utter_message(
            json_message={EXPECT_KEY: "long_form" if step.invites_answer else "command"}
        )
        return done


class ValidateGuidedForm(FormValidationAction):
    """Read each message by phase (see the module docstring)."""

    def name(self) -> str:
        return "validate_guided_form"

    async def validate_guided_input(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot_value is None:
            return {INPUT_SLOT: None}
        text = str(slot_value).strip()
        intent = _latest_intent(tracker)
        reflection = _reflection(tracker)
        if reflection is None:
            return _choose(text, intent, dispatcher, tracker)
        keep = _keep(tracker)
        if keep is None:
            agreed = intent == "affirm" or plain(text) in _YES
            dispatcher.utter_message(text=KEEP_YES if agreed else KEEP_NO)
            return {INPUT_SLOT: None, KEEP_SLOT: agreed, ANNOUNCE_SLOT: True}

        position = _position(tracker, reflection)
        step = reflection.steps[position.step]
        answer_step = step.invites_answer and not position.paused
        command = read_command(text, intent, answer_step=answer_step)
        if command is None and intent in LEAVE_INTENTS and not answer_step:
            return {INPUT_SLOT: LEFT}
        other = named_reflection(text) if intent == "start_guided" else None
        if command is None and not answer_step and other not in (None, reflection):
            # "The one after an argument" in the middle of another: switch to it.
            return _fresh(other)
        if command is None:
            if answer_step:
                # Taken as the answer; the runtime keeps the words only if the user agreed.
                kept = float(position.step + 1) if keep else None
                dispatcher.utter_message(text=acknowledge(step, text))
                return _apply(navigate(reflection, position, Command.NEXT), kept=kept)
            dispatcher.utter_message(text=STILL_PAUSED if position.paused else LET_IT_PASS)
            return {INPUT_SLOT: None}
        move = navigate(reflection, position, command)
        if move.note:
            # Slower/faster is only acknowledged here: the pace goes out in the guide payload
            # for a voice front-end to apply; in text the reader sets their own pace.
            dispatcher.utter_message(text=move.note)
        return _apply(move)


def _choose(
    text: str, intent: str | None, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    named = named_reflection(text)
    if named is None and (intent == "affirm" or plain(text) in _SUGGESTED | _YES):
        named = _suggested(tracker)
    if named is not None:
        return _fresh(named)
    if intent in ("deny", *LEAVE_INTENTS):
        return {INPUT_SLOT: DECLINED}
    dispatcher.utter_message(text="I'm not sure which one you mean.")
    return {INPUT_SLOT: None}


def _apply(move: Move, kept: float | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        INPUT_SLOT: FINISHED if move.finished else None,
        STEP_SLOT: float(move.position.step),
        PAUSED_SLOT: move.position.paused,
        PACE_SLOT: move.position.pace,
        ANNOUNCE_SLOT: move.announce,
        KEPT_SLOT: kept,
    }
    return values


class ActionGuidedFinish(Action):
    """The form is complete: the reflection finished, was declined at the offer, or the user
    asked for the menu or said goodbye in the middle (then their place is kept)."""

    def name(self) -> str:
        return "action_guided_finish"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        outcome = tracker.get_slot(INPUT_SLOT)
        reflection = _reflection(tracker)
        leave = [SlotSet("exercise", None), SlotSet(INPUT_SLOT, None), SlotSet(KEPT_SLOT, None)]
        if reflection is None or outcome == DECLINED:
            dispatcher.utter_message(text=NOT_NOW)
            return leave
        position = _position(tracker, reflection)
        keep = _keep(tracker)
        if outcome == LEFT:
            _say_stopped(dispatcher, reflection, position, keep)
            intent = _latest_intent(tracker)
            dispatcher.utter_message(
                response="utter_goodbye" if intent == "goodbye" else "utter_menu"
            )
            return leave
        kept = tracker.get_slot(KEPT_SLOT)
        dispatcher.utter_message(
            text=f"That's the end of {reflection.title.lower()}. Thank you for giving it your "
            "time. Come back to it, or to another one, whenever you like."
        )
        dispatcher.utter_message(
            json_message={
                GUIDE_KEY: guide_payload(
                    reflection,
                    position,
                    keep=keep,
                    kept_answer=int(kept) if kept else None,
                    finished=True,
                )
            }
        )
        done = list(tracker.get_slot(DONE_SLOT) or [])
        if reflection.id not in done:
            done.append(reflection.id)
        return [*leave, SlotSet(REFLECTION_SLOT, None), SlotSet(DONE_SLOT, done)]


def _say_stopped(
    dispatcher: CollectingDispatcher,
    reflection: GuidedReflection,
    position: Position,
    keep: bool | None,
) -> None:
    dispatcher.utter_message(text=f"Okay, we'll stop here. {kept_place(reflection, position.step)}")
    dispatcher.utter_message(
        json_message={GUIDE_KEY: guide_payload(reflection, position, keep=keep, stopped=True)}
    )


class ActionGuidedStop(Action):
    """Stop: leave the reflection, keeping the place so it can be resumed."""

    def name(self) -> str:
        return "action_guided_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reflection = _reflection(tracker)
        leave = [SlotSet("exercise", None), SlotSet(INPUT_SLOT, None), SlotSet(KEPT_SLOT, None)]
        if reflection is None:
            dispatcher.utter_message(response="utter_stopped")
            return leave
        position = _position(tracker, reflection)
        _say_stopped(dispatcher, reflection, position, _keep(tracker))
        return [*leave, SlotSet(PAUSED_SLOT, False)]
