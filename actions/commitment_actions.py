"""Rasa actions for commitments (steps 3 and 6 of the advice). The understanding and the
words are in actions.coaching.commitments.

`commitment_form` helps make one promise keepable with one free-text slot,
`commitment_reply`, read by the validator for the stage it answers: the promise (read for
what is absolute, vague or unverifiable, and helped smaller until it is specific, observable
and time-bound), said back for approval, then whether to keep it. The agreed promise goes
to the runtime as a `CommitmentPayload`; the runtime keeps it (with consent) and, at the
start of a later session, asks how it went and hands it back (`COMMITMENTS_CONTEXT_KEY`), so
`action_read_checkin` can keep the `checkin_due` slot that the rules read.

`promise_roleplay_form` is the role-play: the partner asks for a promise that cannot
honestly be kept, and the user practises saying why and offering something realistic.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coaching.apart import partner_in, read_yes_no
from actions.coaching.commitments import (
    ROLEPLAY_ASKS,
    CommitmentPayload,
    CommitmentRecord,
    advice_lines,
    analyze_promise,
    analyze_refusal,
    checkin_reply,
    read_checkin,
    roleplay_feedback,
    said_back,
)
from actions.payloads import COMMITMENT_KEY, COMMITMENTS_CONTEXT_KEY, EXPECT_KEY, FEEDBACK_KEY

REPLY_SLOT = "commitment_reply"
STAGE_SLOT = "commitment_stage"
DRAFT_SLOT = "commitment_draft"
CHECKIN_SLOT = "checkin_due"
SMALLER_SLOT = "commitment_smaller"
ROLEPLAY_SLOT = "promise_reply"
ROLEPLAY_ROUND_SLOT = "promise_round"

SAY, CONFIRM, KEEP = "say", "confirm", "keep"


def _context(tracker: Tracker) -> dict[str, Any]:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    context = metadata.get(COMMITMENTS_CONTEXT_KEY)
    return context if isinstance(context, dict) else {}


def _now(tracker: Tracker) -> datetime:
    """The user's local time: from the runtime when it says, else this machine's."""
    try:
        return datetime.fromisoformat(str(_context(tracker)["now"]))
    except (KeyError, ValueError):
        return datetime.now().astimezone()


def _checkin(tracker: Tracker) -> CommitmentRecord | None:
    record = _context(tracker).get("checkin")
    return record if isinstance(record, dict) and record.get("id") else None  # type: ignore[return-value]


def _draft(tracker: Tracker) -> dict[str, Any]:
    draft = tracker.get_slot(DRAFT_SLOT)
    return dict(draft) if isinstance(draft, dict) else {"partner": "them", "tries": 0}


def _text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def _intent(tracker: Tracker) -> str:
    return str(((tracker.latest_message or {}).get("intent") or {}).get("name"))


class ActionReadCheckin(Action):
    """Runs at every user turn (the custom mapping of `checkin_due`): the id of the kept
    commitment the session asked about, while its answer is awaited."""

    def name(self) -> str:
        return "action_read_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        record = _checkin(tracker)
        due = record["id"] if record else None
        return [SlotSet(CHECKIN_SLOT, due)] if due != tracker.get_slot(CHECKIN_SLOT) else []


class ActionStartCommitments(Action):
    """Begin making a promise that can be kept (smaller than a missed one, after a
    check-in)."""

    def name(self) -> str:
        return "action_start_commitments"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        smaller = tracker.get_slot(SMALLER_SLOT)
        partner = str(smaller.get("partner")) if isinstance(smaller, dict) else None
        partner = partner or partner_in(_text(tracker))
        if isinstance(smaller, dict):
            dispatcher.utter_message(
                text=f"Last time's promise was that {said_back(str(smaller['text']), partner)}. "
                "Let's find a piece of it you can keep even on a hard day."
            )
        else:
            dispatcher.utter_message(
                text="Trust comes back through small promises, kept again and again. Let's "
                "make one you can really keep."
            )
        return [
            SlotSet("exercise", "commitments"),
            SlotSet(STAGE_SLOT, SAY),
            SlotSet(DRAFT_SLOT, {"partner": partner, "tries": 0}),
            SlotSet(REPLY_SLOT, None),
            SlotSet(SMALLER_SLOT, None),
        ]


class ActionAskCommitmentReply(Action):
    """The next question of making a promise."""

    def name(self) -> str:
        return "action_ask_commitment_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        stage = tracker.get_slot(STAGE_SLOT) or SAY
        draft = _draft(tracker)
        if stage == CONFIRM:
            question = (
                f"So you'll promise: “{draft['text']}” Small, clear, and {_subject(draft)} can "
                "see it kept. Is that one you can really keep?"
            )
        elif stage == KEEP:
            question = (
                "Shall I keep it on this device, and ask how it went when we next talk? Only "
                "the promise itself is kept."
            )
        elif draft.get("tries"):
            question = "How would you say it now?"
        else:
            question = (
                f"What would you like to promise? Say it the way you'd say it to {_object(draft)}."
            )
        dispatcher.utter_message(text=question)
        dispatcher.utter_message(json_message={EXPECT_KEY: "answer"})
        return []


def _subject(draft: dict[str, Any]) -> str:
    return {"her": "she", "him": "he"}.get(str(draft.get("partner")), "they")


def _object(draft: dict[str, Any]) -> str:
    return {"her": "her", "him": "him"}.get(str(draft.get("partner")), "them")


class ValidateCommitmentForm(FormValidationAction):
    """Read each answer for the stage it answers; complete once keeping is decided."""

    def name(self) -> str:
        return "validate_commitment_form"

    async def validate_commitment_reply(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot_value is None:
            return {REPLY_SLOT: None}
        text = str(slot_value).strip()
        stage = tracker.get_slot(STAGE_SLOT) or SAY
        draft = _draft(tracker)
        answer = read_yes_no(text) or {"affirm": "yes", "deny": "no"}.get(_intent(tracker))
        if stage == CONFIRM and answer is not None:
            if answer == "yes":
                return {REPLY_SLOT: None, STAGE_SLOT: KEEP}
            dispatcher.utter_message(text="All right. Let's shape it until it is.")
            return {REPLY_SLOT: None, STAGE_SLOT: SAY}
        if stage == KEEP:
            if answer is None:
                dispatcher.utter_message(text="Sorry, I didn't follow. A yes or a no is fine.")
                return {REPLY_SLOT: None}
            draft["keep"] = answer == "yes"
            return {REPLY_SLOT: text, DRAFT_SLOT: draft, STAGE_SLOT: None}
        # A promise (a new one at the confirm stage is a correction).
        analysis = analyze_promise(text)
        draft["tries"] = int(draft.get("tries") or 0) + 1
        payload = analysis.to_dict()
        payload["attempt"] = draft["tries"]
        dispatcher.utter_message(json_message={FEEDBACK_KEY: payload})
        if analysis.keepable:
            draft["text"] = analysis.text
            return {REPLY_SLOT: None, DRAFT_SLOT: draft, STAGE_SLOT: CONFIRM}
        for line in advice_lines(analysis, str(draft.get("partner"))):
            dispatcher.utter_message(text=line)
        return {REPLY_SLOT: None, DRAFT_SLOT: draft, STAGE_SLOT: SAY}


class ActionCommitmentAgreed(Action):
    """Say the promise back as agreed, and hand it to the runtime to keep."""

    def name(self) -> str:
        return "action_commitment_agreed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        draft = _draft(tracker)
        partner = str(draft.get("partner") or "them")
        keep = bool(draft.get("keep"))
        dispatcher.utter_message(
            text=f"Agreed: {said_back(str(draft['text']), partner)}. "
            + (
                "I'll keep it, and ask how it went next time we talk."
                if keep
                else "I won't keep it on this device."
            )
        )
        dispatcher.utter_message(
            text="If you'd like to practise what to say when you're asked for a promise you "
            "can't keep, say practise saying no to a promise."
        )
        record = CommitmentRecord(
            id=uuid.uuid4().hex[:12],
            text=str(draft["text"]),
            partner=partner,
            made=_now(tracker).isoformat(),
            checked=None,
            outcomes=[],
        )
        dispatcher.utter_message(
            json_message={COMMITMENT_KEY: CommitmentPayload(made=record, keep=keep)}
        )
        return [SlotSet(REPLY_SLOT, None), SlotSet(STAGE_SLOT, None)]


class ActionCommitmentCheckin(Action):
    """The answer to "how did it go?": kept, partly or missed, recorded without blame; a
    missed or partly kept one is offered smaller."""

    def name(self) -> str:
        return "action_commitment_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        record = _checkin(tracker)
        if record is None:  # the rule saw a slot the runtime has since cleared
            dispatcher.utter_message(response="utter_menu")
            return [SlotSet(CHECKIN_SLOT, None)]
        result = read_checkin(_text(tracker)) or {"affirm": "kept", "deny": "missed"}.get(
            _intent(tracker)
        )
        if result is None:
            dispatcher.utter_message(text="Would you say kept, partly, or missed? Any is fine.")
            return []
        partner = str(record.get("partner") or "them")
        for line in checkin_reply(result, partner):
            dispatcher.utter_message(text=line)
        dispatcher.utter_message(
            json_message={
                COMMITMENT_KEY: CommitmentPayload(checkin={"id": record["id"], "result": result})
            }
        )
        smaller = {"text": record.get("text", ""), "partner": partner}
        return [
            SlotSet(CHECKIN_SLOT, None),
            SlotSet(SMALLER_SLOT, smaller if result != "kept" else None),
        ]


class ActionStartPromiseRoleplay(Action):
    """The partner asks for a promise that cannot honestly be kept."""

    def name(self) -> str:
        return "action_start_promise_roleplay"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        round_ = int(tracker.get_slot(ROLEPLAY_ROUND_SLOT) or 0)
        if tracker.get_slot("exercise") != "commitments" or round_ == 0:
            dispatcher.utter_message(
                text="I'll play your partner, asking for a promise nobody could honestly "
                "keep. Answer as you would: show you understand why they ask, say why you "
                "won't promise it, and offer something real you can keep."
            )
        dispatcher.utter_message(text=ROLEPLAY_ASKS[round_ % len(ROLEPLAY_ASKS)])
        return [
            SlotSet("exercise", "commitments"),
            SlotSet(ROLEPLAY_SLOT, None),
            SlotSet(ROLEPLAY_ROUND_SLOT, round_ + 1),
        ]


class ActionAskPromiseReply(Action):
    """The role-play waits for the answer: long-form speech, nothing said over the ask."""

    def name(self) -> str:
        return "action_ask_promise_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(json_message={EXPECT_KEY: "long_form"})
        return []


class ActionPromiseRoleplayFeedback(Action):
    """Short feedback on the answer to the impossible ask, and another go."""

    def name(self) -> str:
        return "action_promise_roleplay_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        analysis = analyze_refusal(str(tracker.get_slot(ROLEPLAY_SLOT) or ""))
        for line in roleplay_feedback(analysis):
            dispatcher.utter_message(text=line)
        payload = analysis.to_dict()
        payload["attempt"] = int(tracker.get_slot(ROLEPLAY_ROUND_SLOT) or 1)
        dispatcher.utter_message(json_message={FEEDBACK_KEY: payload})
        return [SlotSet(ROLEPLAY_SLOT, None)]
