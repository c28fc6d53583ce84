"""Rasa actions for time apart (step 8 of the advice). The understanding and the words are in
actions.coaching.apart.

When the partner has asked for space, `apart_form` settles the arrangement with one
free-text slot, `apart_reply`, read by the validator for the stage it answers: when they
will talk again (said back to confirm), what they will still be in touch about, and whether
to keep it. The settled agreement goes to the runtime as an `ApartPayload`; the runtime
keeps it and hands it back with every turn (`APART_CONTEXT_KEY`), from which
`action_read_apart` keeps the `apart_until` slot that the rules read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coaching.apart import (
    ApartPayload,
    describe_time,
    exceptions_in,
    parse_agreed_time,
    partner_in,
    read_yes_no,
)
from actions.coaching.apart.agreement import PRONOUNS, no_contact_line, reminder_lines
from actions.payloads import APART_CONTEXT_KEY, APART_KEY, EXPECT_KEY

REPLY_SLOT = "apart_reply"
STAGE_SLOT = "apart_stage"
DRAFT_SLOT = "apart_draft"
UNTIL_SLOT = "apart_until"
PARTNER_SLOT = "apart_partner"

WHEN, CONFIRM, EXCEPTIONS, KEEP = "when", "confirm", "exceptions", "keep"


def _context(tracker: Tracker) -> dict[str, Any] | None:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    context = metadata.get(APART_CONTEXT_KEY)
    return context if isinstance(context, dict) else None


def _now(tracker: Tracker) -> datetime:
    """The user's local time: from the runtime when it says (its clock can be a test's),
    else this machine's."""
    context = _context(tracker) or {}
    try:
        return datetime.fromisoformat(str(context["now"]))
    except (KeyError, ValueError):
        return datetime.now().astimezone()


def _running(tracker: Tracker) -> ApartPayload | None:
    """The agreement in force: the one the runtime keeps, else the one settled in this
    conversation."""
    context = _context(tracker)
    kept = context.get("agreement") if context else None
    if isinstance(kept, dict) and kept.get("until"):
        return ApartPayload(**kept)  # type: ignore[typeddict-item]
    until = tracker.get_slot(UNTIL_SLOT)
    if not until:
        return None
    return ApartPayload(until=str(until), partner=str(tracker.get_slot(PARTNER_SLOT) or "them"))


def _objects(partner: str) -> str:
    return PRONOUNS.get(partner, PRONOUNS["them"])["object"]


def _draft(tracker: Tracker) -> dict[str, Any]:
    draft = tracker.get_slot(DRAFT_SLOT)
    return dict(draft) if isinstance(draft, dict) else {"partner": "them", "exceptions": []}


def _said_yes_or_no(tracker: Tracker, text: str) -> str | None:
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    words = read_yes_no(text)
    if words is not None:
        return words
    return {"affirm": "yes", "deny": "no"}.get(str(intent))


class ActionReadApart(Action):
    """Runs at every user turn (the custom mapping of `apart_until`): the agreed time while an
    agreement runs, cleared once it has passed."""

    def name(self) -> str:
        return "action_read_apart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        current = tracker.get_slot(UNTIL_SLOT)
        now = _now(tracker)
        running = _running(tracker)
        until = running.get("until") if running else None
        if until and datetime.fromisoformat(until) <= now:
            until = None
        events: list[EventType] = []
        if until != current:
            events.append(SlotSet(UNTIL_SLOT, until))
        if running and until and running.get("partner") != tracker.get_slot(PARTNER_SLOT):
            events.append(SlotSet(PARTNER_SLOT, running.get("partner")))
        return events


class ActionStartTimeApart(Action):
    """Acknowledge the request for space, and begin settling it (with the time already
    understood when the message named one)."""

    def name(self) -> str:
        return "action_start_time_apart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        partner = partner_in(text)
        agreed = parse_agreed_time(text, _now(tracker))
        pronoun = _objects(partner)
        dispatcher.utter_message(
            text=f"Thank you for telling me. Stepping back is hard, and giving {pronoun} that "
            "space is a way of showing you heard what you were asked. Let's make the "
            "arrangement clear, so you both know where you stand."
        )
        draft: dict[str, Any] = {
            "partner": partner,
            "until": agreed.isoformat() if agreed else None,
            "exceptions": [],
            "keep": False,
        }
        return [
            SlotSet("exercise", "time_apart"),
            SlotSet(STAGE_SLOT, CONFIRM if agreed else WHEN),
            SlotSet(DRAFT_SLOT, draft),
            SlotSet(PARTNER_SLOT, partner),
            SlotSet(REPLY_SLOT, None),
        ]


class ActionAskApartReply(Action):
    """The set-up's next question."""

    def name(self) -> str:
        return "action_ask_apart_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        stage = tracker.get_slot(STAGE_SLOT) or WHEN
        draft = _draft(tracker)
        pronoun = _objects(str(draft.get("partner")))
        if stage == CONFIRM and draft.get("until"):
            said = describe_time(datetime.fromisoformat(draft["until"]), _now(tracker))
            question = f"So you'll give {pronoun} space until {said} — is that right?"
        elif stage == EXCEPTIONS:
            question = (
                f"{no_contact_line(str(draft.get('partner')), [])} Is there anything you "
                f"agreed you'd still be in touch about, like the children or an emergency?"
            )
        elif stage == KEEP:
            question = (
                "Shall I keep this agreement on this device, so I can tell you how long is "
                "left when we talk? Only the time and the exceptions are kept, never your words."
            )
        else:
            question = (
                "When did you agree to talk again? Something like until Sunday evening, a few "
                "days, or next Friday at 7."
            )
        dispatcher.utter_message(text=question)
        dispatcher.utter_message(json_message={EXPECT_KEY: "answer"})
        return []


class ValidateApartForm(FormValidationAction):
    """Read each answer for the stage it answers; complete once keeping is decided."""

    def name(self) -> str:
        return "validate_apart_form"

    async def validate_apart_reply(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot_value is None:
            return {REPLY_SLOT: None}
        text = str(slot_value).strip()
        stage = tracker.get_slot(STAGE_SLOT) or WHEN
        draft = _draft(tracker)
        now = _now(tracker)
        agreed = parse_agreed_time(text, now)
        answer = _said_yes_or_no(tracker, text)
        if stage == WHEN:
            if agreed is None:
                dispatcher.utter_message(text="I didn't catch a day or a time in that.")
                return {REPLY_SLOT: None}
            draft["until"] = agreed.isoformat()
            stage = CONFIRM
        elif stage == CONFIRM:
            if agreed is not None:
                draft["until"] = agreed.isoformat()  # a correction: say the new one back
            elif answer == "yes":
                stage = EXCEPTIONS
            elif answer == "no":
                draft["until"] = None
                stage = WHEN
                dispatcher.utter_message(text="All right.")
            else:
                dispatcher.utter_message(text="Sorry, I didn't follow.")
        elif stage == EXCEPTIONS:
            draft["exceptions"] = exceptions_in(text) or []
            stage = KEEP
        else:
            if answer is None:
                dispatcher.utter_message(text="Sorry, I didn't follow. A yes or a no is fine.")
                return {REPLY_SLOT: None}
            draft["keep"] = answer == "yes"
            return {REPLY_SLOT: text, DRAFT_SLOT: draft, STAGE_SLOT: None}
        return {REPLY_SLOT: None, DRAFT_SLOT: draft, STAGE_SLOT: stage}


class ActionTimeApartSettled(Action):
    """Say the agreement back as a whole, and hand it to the runtime to carry."""

    def name(self) -> str:
        return "action_time_apart_settled"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        draft = _draft(tracker)
        until = datetime.fromisoformat(str(draft["until"]))
        partner = str(draft.get("partner") or "them")
        exceptions = [str(item) for item in draft.get("exceptions") or []]
        keep = bool(draft.get("keep"))
        said = describe_time(until, _now(tracker))
        dispatcher.utter_message(
            text=f"Agreed: you'll give {_objects(partner)} space until {said}. "
            f"{no_contact_line(partner, exceptions)}"
        )
        dispatcher.utter_message(
            text=(
                "I'll keep it, and tell you how long is left each time we talk."
                if keep
                else "I won't keep it on this device; it holds for this conversation."
            )
            + " If the urge to reach out comes, tell me, and we'll take two minutes with it."
        )
        payload = ApartPayload(
            until=until.isoformat(), said=said, partner=partner, exceptions=exceptions, keep=keep
        )
        dispatcher.utter_message(json_message={APART_KEY: payload})
        return [
            SlotSet(UNTIL_SLOT, until.isoformat()),
            SlotSet(PARTNER_SLOT, partner),
            SlotSet(REPLY_SLOT, None),
        ]


class ActionApartReminder(Action):
    """A request to write or practise a message while the agreement runs: the agreement
    first, then a short way through the urge."""

    def name(self) -> str:
        return "action_apart_reminder"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        running = _running(tracker)
        if running is None:  # the rule saw a slot the runtime has since cleared
            dispatcher.utter_message(response="utter_menu")
            return []
        for line in reminder_lines(running, _now(tracker)):
            dispatcher.utter_message(text=line)
        return []


PAUSE_LINES = (
    "Let's take two minutes. If you can, sit down and let your shoulders drop.",
    "Breathe in slowly, and out a little more slowly. Notice where the urge sits in your "
    "body. You don't have to do anything with it.",
    "Ask yourself what you most want {obj} to know. It will keep until you talk.",
    "The urge rises, and it passes. Each time you let it pass, you keep your word to {obj}.",
    "When you're ready, say write it down to keep what you'd say for later, or say the "
    "reflection before a hard conversation for a longer one.",
)


class ActionApartPause(Action):
    """Two minutes with the urge to reach out."""

    def name(self) -> str:
        return "action_apart_pause"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        pronoun = _objects(str(tracker.get_slot(PARTNER_SLOT) or "them"))
        for line in PAUSE_LINES:
            dispatcher.utter_message(text=line.format(obj=pronoun))
        return []


class ActionApartWriteDown(Action):
    """Writing it down, to say later."""

    def name(self) -> str:
        return "action_apart_write_down"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        running = _running(tracker)
        when = ""
        if running:
            said = describe_time(datetime.fromisoformat(running["until"]), _now(tracker))
            when = (" " if said.startswith(("today", "tomorrow")) else " on ") + said
        dispatcher.utter_message(
            text="Write it down as it comes, on paper or in a note, and don't send it. "
            f"Read it again before you talk{when}: keep what still matters, and let go of "
            "what was only the urge."
        )
        return []
