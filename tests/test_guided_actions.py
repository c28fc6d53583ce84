"""The guided-reflection actions on hand-built trackers (no Rasa model): the guide payload's
fields, which voice front-ends rely on, and a saved place passed back as metadata."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.coaching.guided import get_reflection
from actions.coaching.guided.lines import ANSWER_CUE
from actions.coaching.guided.payload import GuidePayload
from actions.guided_actions import ActionAskGuidedInput, ActionGuidedResume, ValidateGuidedForm
from actions.payloads import EXPECT_KEY, GUIDE_KEY, GUIDE_RESUME_KEY

SETBACK = get_reflection("after-a-setback")
CONTRACT = set(GuidePayload.__annotations__)
"""The fields the payload type declares: every turn must send exactly these."""


def _tracker(slots: dict[str, Any], text: str = "next", **message: Any) -> Tracker:
    latest = {"text": text, "intent": {"name": message.pop("intent", "skip")}, "entities": []}
    latest.update(message)
    return Tracker("unit", slots, latest, [], False, None, {"name": "guided_form"}, "action_listen")


def _customs(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


def test_every_step_sends_the_contract_fields_and_its_turn_kind() -> None:
    for index, step in enumerate(SETBACK.steps):
        dispatcher = CollectingDispatcher()
        slots = {
            "guided_reflection": SETBACK.id,
            "guided_step": float(index),
            "guided_keep": False,
            "guided_announce": True,
        }
        asyncio.run(ActionAskGuidedInput().run(dispatcher, _tracker(slots), {}))
        texts = [m["text"] for m in dispatcher.messages if m.get("text")]
        assert texts[0] == step.text
        (guide,) = [c[GUIDE_KEY] for c in _customs(dispatcher) if GUIDE_KEY in c]
        assert set(guide) == CONTRACT
        assert guide["step"] == index + 1 and guide["of"] == len(SETBACK.steps)
        assert guide["silence_s"] == step.silence_s and guide["answer"] is step.invites_answer
        assert guide["closing"] is (index == len(SETBACK.steps) - 1)
        assert guide["text_cue"] == texts[-1]  # the line a voice front-end does not speak
        expect = [c[EXPECT_KEY] for c in _customs(dispatcher) if EXPECT_KEY in c]
        assert expect == ["long_form" if step.invites_answer else "command"]


def test_the_answer_kept_is_reported_once_with_the_next_step() -> None:
    answer_step = next(i for i, s in enumerate(SETBACK.steps) if s.invites_answer)
    slots = {
        "guided_reflection": SETBACK.id,
        "guided_step": float(answer_step),
        "guided_keep": True,
    }
    dispatcher = CollectingDispatcher()
    values = asyncio.run(
        ValidateGuidedForm().validate_guided_input(
            "We shouted, and I walked out.",
            dispatcher,
            _tracker(slots, "We shouted, and I walked out.", intent="share_feelings"),
            {},
        )
    )
    assert values["guided_kept"] == answer_step + 1
    assert values["guided_step"] == answer_step + 1 and values["guided_announce"] is True
    ask = CollectingDispatcher()
    events = asyncio.run(ActionAskGuidedInput().run(ask, _tracker({**slots, **values}), {}))
    (guide,) = [c[GUIDE_KEY] for c in _customs(ask) if GUIDE_KEY in c]
    assert guide["kept_answer"] == answer_step + 1
    assert {"event": "slot", "name": "guided_kept", "value": None} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


def test_an_answer_is_not_marked_kept_without_a_yes() -> None:
    answer_step = next(i for i, s in enumerate(SETBACK.steps) if s.invites_answer)
    slots = {"guided_reflection": SETBACK.id, "guided_step": float(answer_step)}
    for keep in (False, None):
        values = asyncio.run(
            ValidateGuidedForm().validate_guided_input(
                "We shouted.",
                CollectingDispatcher(),
                _tracker({**slots, "guided_keep": keep}, "We shouted."),
                {},
            )
        )
        assert values.get("guided_kept") is None


@pytest.mark.parametrize(
    ("saved", "resumed"),
    [
        ({"reflection": SETBACK.id, "step": 4, "pace": 0.9, "keep_answers": True}, 4),
        ({"reflection": "no-such-reflection", "step": 2}, None),
        ({"reflection": SETBACK.id, "step": 99}, None),
        ({"reflection": SETBACK.id, "step": "x"}, None),
        ("not a dict", None),
    ],
)
def test_a_saved_place_from_the_runtime_is_used_only_when_it_is_valid(
    saved: Any, resumed: int | None
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = _tracker(
        {}, "resume my reflection", intent="guided_resume", metadata={GUIDE_RESUME_KEY: saved}
    )
    events = asyncio.run(ActionGuidedResume().run(dispatcher, tracker, {}))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["exercise"] == "reflection"
    if resumed is None:
        assert slots["guided_reflection"] is None  # choose one instead
        assert "don't have a reflection paused" in dispatcher.messages[0]["text"]
    else:
        assert slots["guided_reflection"] == SETBACK.id
        assert slots["guided_step"] == resumed - 1
        assert slots["guided_pace"] == 0.9 and slots["guided_keep"] is True


def test_the_answer_cue_is_shown_at_answer_steps() -> None:
    index = next(i for i, s in enumerate(SETBACK.steps) if s.invites_answer)
    dispatcher = CollectingDispatcher()
    slots = {"guided_reflection": SETBACK.id, "guided_step": float(index), "guided_keep": False}
    asyncio.run(ActionAskGuidedInput().run(dispatcher, _tracker(slots), {}))
    texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert texts == [ANSWER_CUE]  # not announced: the prompt is not said again


HARD_TALK = get_reflection("before-a-hard-conversation")
FLAWED_APOLOGY = "I'm sorry if you feel hurt, but I did it to protect you"
APPROVALS = ("that's good", "well done", "good", "great", "nice")


def _answer(reflection_id: str, step_id: str, answer: str) -> tuple[list[str], dict[str, Any]]:
    """An answer to one step, through the validator and the ask action that follows: every
    line the user hears, and the slots it set."""
    reflection = get_reflection(reflection_id)
    slots: dict[str, Any] = {
        "guided_reflection": reflection.id,
        "guided_step": float(reflection.step_index(step_id)),
        "guided_keep": False,
    }
    validate = CollectingDispatcher()
    values = asyncio.run(
        ValidateGuidedForm().validate_guided_input(
            answer, validate, _tracker(slots, answer, intent="apology_statement"), {}
        )
    )
    ask = CollectingDispatcher()
    asyncio.run(ActionAskGuidedInput().run(ask, _tracker({**slots, **values}), {}))
    said = [m["text"] for m in [*validate.messages, *ask.messages] if m.get("text")]
    return said, values


def test_a_flawed_apology_in_a_reflection_is_not_approved() -> None:
    said, values = _answer(HARD_TALK.id, "the-apology", FLAWED_APOLOGY)
    assert values["guided_step"] == HARD_TALK.step_index("in-your-own-words")
    acknowledgement, next_prompt = said[0], said[1]
    assert acknowledgement != "Thank you."
    assert '"I did it to protect you"' in acknowledgement  # their words, the heaviest one
    assert next_prompt == HARD_TALK.steps[HARD_TALK.step_index("in-your-own-words")].text
    heard = " ".join(said).lower()
    assert "came out plain" not in heard
    assert not any(f"{word}." in heard or f"{word}," in heard for word in APPROVALS)


def test_a_clean_apology_in_a_reflection_is_simply_thanked() -> None:
    said, _ = _answer(HARD_TALK.id, "the-apology", "I'm sorry I hid the messages from you.")
    assert said[0] == "Thank you."


@pytest.mark.parametrize(
    ("reflection_id", "step_id", "answer", "quoted"),
    [
        ("before-a-hard-conversation", "what-you-did", "I lied, but you pushed me to it",
         "you pushed me"),
        ("before-a-hard-conversation", "what-you-can-offer", "It will never ever happen again",
         "never ever"),
        ("after-a-setback", "your-part", "I yelled, but honestly you started it",
         "you started it"),
        ("after-a-setback", "when-you-talk-again", "Sorry you feel that way, can we move on",
         "Sorry you feel that way"),
    ],
)  # fmt: skip
def test_every_step_that_checks_its_answer_names_what_undoes_it(
    reflection_id: str, step_id: str, answer: str, quoted: str
) -> None:
    said, _ = _answer(reflection_id, step_id, answer)
    assert said[0].startswith("Thank you. One thing to notice")
    assert quoted in said[0]


def test_answers_that_are_not_words_for_the_partner_are_not_coached() -> None:
    # Imagining the partner's angry words is the exercise, not an anti-pattern of theirs.
    said, _ = _answer(
        HARD_TALK.id, "what-they-might-say", "You always do this, you're overreacting, calm down"
    )
    assert said[0] == "Thank you."
