"""Rasa actions for the repeated-questions exercise. The coaching is in actions.coaching.

The assistant plays the hurt partner. The form `questions_form` asks for `questions_answer`,
and its ask action says the next ask of the scenario's schedule; the validator files every
answer with the question it answered and clears the slot until the schedule is done.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coaching.questions_feedback import compose_questions_feedback
from actions.coaching.scenarios import (
    QUESTIONS_SCENARIOS,
    QuestionsScenario,
    get_questions_scenario,
)
from actions.payloads import AUDIO_KEY, EXPECT_KEY, FEEDBACK_KEY
from actions.roleplay import choose_scenario, scene_line

SCENARIO_SLOT = "questions_scenario"
ROUND_SLOT = "questions_round"
ANSWERS_SLOT = "questions_answers"
ANSWER_SLOT = "questions_answer"
DONE_SLOT = "questions_done"

INSTRUCTIONS = (
    "I'll play your partner now. They have a few hard questions, and they'll come back to "
    "them more than once, the way hurt people do. Answer each time as honestly and patiently "
    "as you can."
)


def _scenario(tracker: Tracker) -> QuestionsScenario:
    scenario_id = tracker.get_slot(SCENARIO_SLOT)
    return get_questions_scenario(str(scenario_id)) if scenario_id else QUESTIONS_SCENARIOS[0]


def _asked(tracker: Tracker) -> int:
    return int(tracker.get_slot(ROUND_SLOT) or 0)


def _spoken_delivery(tracker: Tracker) -> dict[str, float] | None:
    """How the latest answer was said, when the voice runtime measured it: the speech level
    and pace that the end feedback follows across rounds (`actions.coaching.trend`)."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    audio = metadata.get(AUDIO_KEY)
    if not isinstance(audio, dict):
        return None
    measured = {
        key: float(audio[key])
        for key in ("loudness_db", "words_per_minute")
        if isinstance(audio.get(key), (int, float)) and not isinstance(audio.get(key), bool)
    }
    return measured or None


def _answers_and_audio(
    tracker: Tracker,
) -> tuple[list[tuple[str, str]], list[dict[str, Any]] | None]:
    """The filed (question id, answer) pairs, and one delivery mapping per answer when any
    answer was spoken (None in text mode)."""
    answers: list[tuple[str, str]] = []
    audio: list[dict[str, Any]] = []
    for entry in tracker.get_slot(ANSWERS_SLOT) or []:
        answers.append((str(entry[0]), str(entry[1])))
        audio.append(entry[2] if len(entry) > 2 and isinstance(entry[2], dict) else {})
    return answers, (audio if any(audio) else None)


def _fresh_round(scenario: QuestionsScenario) -> list[EventType]:
    """Slots for going through `scenario` from its first ask."""
    return [
        SlotSet(SCENARIO_SLOT, scenario.id),
        SlotSet(ROUND_SLOT, 0.0),
        SlotSet(ANSWERS_SLOT, []),
        SlotSet(ANSWER_SLOT, None),
    ]


class ActionStartQuestions(Action):
    """Choose a scenario (named in the message, else the next one not done), set the scene,
    and hand over to the partner. Also what "skip" and "another scenario" run."""

    def name(self) -> str:
        return "action_start_questions"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        current = tracker.get_slot(SCENARIO_SLOT)
        chosen, done = choose_scenario(
            [scenario.id for scenario in QUESTIONS_SCENARIOS],
            str((tracker.latest_message or {}).get("text") or ""),
            list(tracker.get_slot(DONE_SLOT) or []),
            current,
        )
        scenario = get_questions_scenario(chosen)
        in_exercise = tracker.get_slot("exercise") == "questions"
        lead = "Here's another:" if in_exercise else "Here's the scenario:"
        dispatcher.utter_message(text=scene_line(lead, scenario.title, scenario.premise))
        dispatcher.utter_message(text=INSTRUCTIONS)
        return [
            SlotSet("exercise", "questions"),
            *_fresh_round(scenario),
            SlotSet(DONE_SLOT, done),
        ]


class ActionQuestionsAgain(Action):
    """The same scenario once more, from its first question."""

    def name(self) -> str:
        return "action_questions_again"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="Okay, let's go through it again. Take each question as if it were the first time."
        )
        return _fresh_round(_scenario(tracker))


class ActionAskQuestionsAnswer(Action):
    """The partner's next ask, from the scenario's schedule."""

    def name(self) -> str:
        return "action_ask_questions_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        schedule = _scenario(tracker).schedule
        asked = _asked(tracker)
        answered = len(tracker.get_slot(ANSWERS_SLOT) or [])
        if asked > 0 and answered < asked:
            # Back from "help": the last ask is still waiting for its answer.
            dispatcher.utter_message(text=schedule[asked - 1].wording)
            dispatcher.utter_message(json_message={EXPECT_KEY: "answer"})
            return []
        ask = schedule[min(asked, len(schedule) - 1)]
        dispatcher.utter_message(text=ask.wording)
        dispatcher.utter_message(json_message={EXPECT_KEY: "answer"})
        return [SlotSet(ROUND_SLOT, float(min(asked + 1, len(schedule))))]


class ValidateQuestionsForm(FormValidationAction):
    """File each answer with the question it answered; complete after the last ask."""

    def name(self) -> str:
        return "validate_questions_form"

    async def validate_questions_answer(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot_value is None:
            # Cleared by an action, not said by the user: nothing to file.
            return {ANSWER_SLOT: None}
        text = str(slot_value).strip()
        schedule = _scenario(tracker).schedule
        asked = _asked(tracker)
        answers = [list(pair) for pair in tracker.get_slot(ANSWERS_SLOT) or []]
        filed: list[Any] = [schedule[max(asked, 1) - 1].question_id, text]
        delivery = _spoken_delivery(tracker)
        if delivery is not None:
            # Spoken: keep how it was said beside what was said, for the trend at the end.
            filed.append(delivery)
        answers.append(filed)
        if asked < len(schedule):
            return {ANSWER_SLOT: None, ANSWERS_SLOT: answers}
        return {ANSWER_SLOT: text, ANSWERS_SLOT: answers}


class ActionQuestionsFeedback(Action):
    """The partner closes; then the moments that mattered, a patient example, consistency
    notes, and the offer to go again."""

    def name(self) -> str:
        return "action_questions_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        scenario = _scenario(tracker)
        answers, audio = _answers_and_audio(tracker)
        feedback = compose_questions_feedback(scenario, answers, audio)
        dispatcher.utter_message(text=scenario.closing)
        *body, offer = feedback.sentences
        dispatcher.utter_message(text=" ".join(body))
        dispatcher.utter_message(text=offer)
        dispatcher.utter_message(json_message={FEEDBACK_KEY: feedback.to_dict()})
        return [SlotSet(ANSWER_SLOT, None)]


class ActionQuestionsExample(Action):
    """After feedback, "show me an example": a patient answer to each of the questions."""

    def name(self) -> str:
        return "action_questions_example"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="Here's how patient answers could sound, even the third time."
        )
        for question in _scenario(tracker).questions:
            dispatcher.utter_message(text=f'"{question.text}" "{question.patient_example}"')
        dispatcher.utter_message(text="Would you like to go through it again?")
        return []
