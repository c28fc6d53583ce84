"""Repeated questions end to end: the real model and action server, and the JSONL command.

The partner follows the scenario's schedule, circling back to each question; every message is
the answer to the ask before it, and the feedback labels each answer and notes answers that
changed between rounds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from actions.coaching.scenarios import QUESTIONS_SCENARIOS, get_questions_scenario
from actions.roleplay import choose_scenario, named_scenario, next_scenario
from assistant.dialogue.bridge import RasaDialogue
from tests.support.chat import practice_turn
from tests.support.cli import jsonl_session

FIRST = QUESTIONS_SCENARIOS[0]  # after-the-affair: what a new conversation starts with
# One answer per ask of FIRST's schedule (how-long, still-in-touch, in-love, three times).
ANSWERS = [
    "It started in March, and it went on for eight months.",
    "No. I ended it by message and we haven't spoken since.",
    "I had feelings for Alex. I'm choosing you.",
    "I already told you this five times.",
    "No, not once since I ended it. Ask me whenever you need to.",
    "I did have feelings. I won't pretend I didn't.",
    "It started in January.",
    "No, I wouldn't answer, and I'd tell you the same day.",
    "Sometimes. And you can ask me as many times as you need.",
]


@pytest.mark.rasa
def test_a_full_scenario_ends_with_feedback_on_every_answer(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    start = practice_turn(
        rasa_dialogue, run, "q-full", "my partner keeps asking me the same questions"
    )
    assert start.exercise == "questions"
    assert FIRST.premise in " ".join(start.bot)
    assert start.bot[-1] == FIRST.schedule[0].wording
    assert start.expect == "answer"

    for number, answer in enumerate(ANSWERS[:-1], start=1):
        turn = practice_turn(rasa_dialogue, run, "q-full", answer)
        assert turn.feedback is None and turn.exercise == "questions"
        assert turn.bot == [FIRST.schedule[number].wording]
        assert turn.expect == "answer"

    done = practice_turn(rasa_dialogue, run, "q-full", ANSWERS[-1])
    assert done.feedback is not None
    feedback = done.feedback
    assert feedback["exercise"] == "questions" and feedback["scenario_id"] == FIRST.id
    rounds = feedback["rounds"]
    assert [r["question_id"] for r in rounds] == [ask.question_id for ask in FIRST.schedule]
    assert [r["answer"] for r in rounds] == ANSWERS
    assert "impatience" in rounds[3]["labels"]
    assert "reassurance" in rounds[8]["labels"]
    assert any(item["question_id"] == "how-long" for item in feedback["inconsistencies"])
    assert done.bot[0] == FIRST.closing  # the partner ends the role-play
    spoken = " ".join(done.bot)
    assert "I already told you this five times" in spoken  # the moment that mattered
    assert "A patient answer could sound like" in spoken
    assert done.bot[-1].endswith("?")  # again, or another scenario

    again = practice_turn(rasa_dialogue, run, "q-full", "let me try again")
    assert again.exercise == "questions"
    assert again.bot[-1] == FIRST.schedule[0].wording


@pytest.mark.rasa
def test_help_repeats_the_question_and_an_off_topic_message_is_an_answer(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    practice_turn(rasa_dialogue, run, "q-mid", "help me answer her questions patiently")
    helped = practice_turn(rasa_dialogue, run, "q-mid", "help")
    assert helped.exercise == "questions" and helped.feedback is None
    assert helped.bot[-1] == FIRST.schedule[0].wording  # still waiting for that answer

    off_topic = practice_turn(rasa_dialogue, run, "q-mid", "what's the weather like tomorrow")
    assert off_topic.bot == [FIRST.schedule[1].wording]  # taken as the answer; on we go

    skipped = practice_turn(rasa_dialogue, run, "q-mid", "skip")
    second = QUESTIONS_SCENARIOS[1]
    assert skipped.exercise == "questions"
    assert second.premise in " ".join(skipped.bot)
    assert skipped.bot[-1] == second.schedule[0].wording

    stopped = practice_turn(rasa_dialogue, run, "q-mid", "stop")
    assert stopped.exercise is None and stopped.feedback is None


@pytest.mark.rasa
def test_scenario_by_name_and_after_feedback_another_or_a_redirect(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    debt = get_questions_scenario("the-debt")
    start = practice_turn(
        rasa_dialogue, run, "q-pick", "help me answer his questions, the one about money"
    )
    assert start.exercise == "questions"
    assert debt.premise in " ".join(start.bot)
    for _ask in debt.schedule[:-1]:
        practice_turn(rasa_dialogue, run, "q-pick", "Eleven thousand dollars, on one card.")
    done = practice_turn(rasa_dialogue, run, "q-pick", "Eleven thousand. Ask me again any time.")
    assert done.feedback is not None and done.feedback["scenario_id"] == "the-debt"

    off_topic = practice_turn(rasa_dialogue, run, "q-pick", "what's the weather like tomorrow")
    assert off_topic.intent == "out_of_scope"
    assert any("practise" in line for line in off_topic.bot)

    example = practice_turn(rasa_dialogue, run, "q-pick", "show me an example")
    assert example.exercise == "questions"  # not the apology's example
    assert debt.questions[0].patient_example in " ".join(example.bot)

    other = practice_turn(rasa_dialogue, run, "q-pick", "a different scenario please")
    assert other.exercise == "questions"
    after_the_debt = QUESTIONS_SCENARIOS[QUESTIONS_SCENARIOS.index(debt) + 1]
    assert after_the_debt.premise in " ".join(other.bot)

    leave = practice_turn(rasa_dialogue, run, "q-pick", "stop")
    assert leave.exercise is None


# -- scenario choice, without Rasa ----------------------------------------------------------


def test_scenarios_are_named_by_keyword_within_the_exercise() -> None:
    questions = [s.id for s in QUESTIONS_SCENARIOS]
    assert named_scenario(questions, "the one about money") == "the-debt"
    assert named_scenario(questions, "my partner keeps asking me the same questions") is None
    assert named_scenario(questions, "She keeps asking about the affair") == "after-the-affair"


def test_another_scenario_is_the_next_not_done_and_wraps_round() -> None:
    ids = ["a", "b", "c"]
    assert next_scenario(ids, [], None) == "a"
    assert next_scenario(ids, ["a"], "a") == "b"
    assert next_scenario(ids, ["a", "c"], "c") == "b"
    assert next_scenario(ids, ["a", "b", "c"], "c") == "a"
    assert choose_scenario(ids, "another one", ["a", "b", "c"], "b") == ("c", ["c"])
    assert choose_scenario(ids, "another one", ["a"], "a") == ("b", ["a", "b"])


# -- the command as a user runs it ---------------------------------------------------------


@pytest.mark.rasa
@pytest.mark.slow
def test_jsonl_questions_starts_and_a_scripted_conversation_ends_with_feedback(
    tmp_path: Path,
) -> None:
    lines = ["my partner keeps asking me the same questions", *ANSWERS]
    outputs = jsonl_session(tmp_path, "q", lines)
    assert outputs[0]["exercise"] == "questions"
    assert all(output["feedback"] is None for output in outputs[:-1])
    feedback = outputs[-1]["feedback"]
    assert feedback["exercise"] == "questions"
    assert len(feedback["rounds"]) == len(ANSWERS)
    assert feedback["inconsistencies"]
