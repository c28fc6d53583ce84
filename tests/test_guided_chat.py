"""Guided reflections end to end ("exercise": "reflection"): the real model and custom
actions, the chat layer with the real journal, and the JSONL command as a user runs it.

Not the listening exercise's reflection analyzer (that is tests/test_listening_analysis.py).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from actions.coaching.guided import REFLECTIONS, get_reflection
from actions.coaching.guided.lines import ANSWER_CUE, CONSENT_QUESTION, LET_IT_PASS, THINK_CUE
from assistant.cli.chat import run_jsonl
from assistant.dialogue.bridge import RasaDialogue, TurnResult
from assistant.journal.guided_progress import ANSWER_PREFIX
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.support.chat import practice_turn
from tests.support.cli import jsonl_session

HARD_TALK = get_reflection("before-a-hard-conversation")
LONG_ROAD = get_reflection("the-long-road")
# Long answers full of command words: they must be taken as answers, never as commands.
ANSWERS = [
    "I need to stop lying to her and go back to being someone she can trust, next time and "
    "every time after that.",
    "I'd say I'm sorry I hid the messages from you, and that it hurt you to find out that way.",
    "Done hiding things. I can call when I say I will, and skip the late nights out.",
    "That she is tired of asking, and scared that it will happen again, and I should pause and "
    "listen.",
]


def _turn(dialogue: RasaDialogue, run: Callable[[Any], Any], sender: str, text: str) -> TurnResult:
    result: TurnResult = run(dialogue.handle(sender, text))
    return result


def _through(
    dialogue: RasaDialogue, run: Callable[[Any], Any], sender: str, first: TurnResult
) -> list[TurnResult]:
    """Answer every answer step (with ANSWERS, in turn) and say next to the others, until the
    reflection is over. Returns the turns after `first`."""
    turns: list[TurnResult] = []
    turn = first
    answers = iter(ANSWERS * 3)
    while turn.guide is not None and not turn.guide["finished"]:
        assert len(turns) < 40, "the reflection never ended"
        text = next(answers) if turn.guide["answer"] else "next"
        turn = _turn(dialogue, run, sender, text)
        turns.append(turn)
    return turns


@pytest.mark.rasa
def test_a_request_offers_all_reflections_with_a_suggestion(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    offer = _turn(rasa_dialogue, run, "g-offer", "guide me through a reflection")
    assert offer.exercise == "reflection" and offer.intent == "start_guided"
    said = " ".join(offer.bot)
    assert all(reflection.title in said for reflection in REFLECTIONS)
    assert f"suggest {REFLECTIONS[0].title.lower()}" in said
    assert offer.guide is None and offer.expect == "answer"

    unclear = _turn(rasa_dialogue, run, "g-offer", "hmm I wonder")
    assert unclear.exercise == "reflection" and "which one" in " ".join(unclear.bot).lower()

    chosen = _turn(rasa_dialogue, run, "g-offer", "yes")  # the suggested one
    assert chosen.bot[0].startswith(REFLECTIONS[0].title)
    assert chosen.bot[-1] == CONSENT_QUESTION

    declined = _turn(rasa_dialogue, run, "g-no", "guide me through a reflection")
    declined = _turn(rasa_dialogue, run, "g-no", "no thanks")
    assert declined.exercise is None and declined.guide is None


@pytest.mark.rasa
def test_a_reflection_chosen_by_name_runs_to_its_closing(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    start = _turn(rasa_dialogue, run, "g-full", "the one before a hard conversation")
    assert start.exercise == "reflection"
    assert start.bot[0].startswith(HARD_TALK.title) and start.bot[-1] == CONSENT_QUESTION
    first = _turn(rasa_dialogue, run, "g-full", "no")
    assert first.guide is not None
    assert first.guide["step"] == 1 and first.guide["of"] == len(HARD_TALK.steps)
    assert first.bot[-2] == HARD_TALK.steps[0].text
    assert first.bot[-1] == first.guide["text_cue"] == THINK_CUE

    turns = [first, *_through(rasa_dialogue, run, "g-full", first)]
    steps = [turn.guide for turn in turns if turn.guide]
    assert [g["step"] for g in steps[:-1]] == list(range(1, len(HARD_TALK.steps) + 1))
    for guide, turn in zip(steps[:-1], turns[:-1], strict=True):
        step = HARD_TALK.steps[guide["step"] - 1]
        assert step.text in turn.bot
        assert guide["silence_s"] == step.silence_s
        assert guide["answer"] is step.invites_answer
        assert turn.expect == ("long_form" if step.invites_answer else "command")
        assert guide["text_cue"] == (ANSWER_CUE if step.invites_answer else THINK_CUE)
        assert guide["closing"] is (guide["step"] == len(HARD_TALK.steps))
        assert guide["remaining_s"] == round(HARD_TALK.remaining_s(guide["step"] - 1), 1)
        assert guide["keep_answers"] is False and guide["kept_answer"] is None
        assert turn.exercise == "reflection"
    # Every answer was taken as an answer: thanked, and on to the next step.
    answered = [t for t, g in zip(turns[1:], steps[:-1], strict=True) if g["answer"]]
    assert answered and all(t.bot[0] == "Thank you." for t in answered)
    assert "kintsugi" in " ".join(turns[-2].bot).lower()

    end = turns[-1]
    assert end.guide is not None and end.guide["finished"] and end.guide["closing"]
    assert end.exercise is None
    assert "end of" in end.bot[0]


@pytest.mark.rasa
def test_a_flawed_apology_said_in_a_reflection_is_not_approved(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "g-flawed", "the one before a hard conversation")
    turn = _turn(rasa_dialogue, run, "g-flawed", "no")
    apology_step = HARD_TALK.step_index("the-apology") + 1
    while turn.guide is not None and turn.guide["step"] < apology_step:
        turn = _turn(rasa_dialogue, run, "g-flawed", "next")
    assert turn.guide is not None and turn.guide["step"] == apology_step
    answered = practice_turn(
        rasa_dialogue, run, "g-flawed", "I'm sorry if you feel hurt, but I did it to protect you"
    )
    assert answered.guide is not None and answered.guide["step"] == apology_step + 1
    assert answered.bot[0].startswith("Thank you. One thing to notice")
    assert '"I did it to protect you"' in answered.bot[0]
    assert "that's good" not in " ".join(answered.bot)


@pytest.mark.rasa
def test_navigation_in_text(rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]) -> None:
    sender = "g-nav"
    _turn(rasa_dialogue, run, sender, "take me through the long road")
    one = _turn(rasa_dialogue, run, sender, "no")

    def step(turn: TurnResult) -> int:
        assert turn.guide is not None, turn.bot
        return int(turn.guide["step"])

    assert step(one) == 1
    assert step(_turn(rasa_dialogue, run, sender, "ok")) == 2
    assert step(_turn(rasa_dialogue, run, sender, "done")) == 3
    back = _turn(rasa_dialogue, run, sender, "go back")
    assert step(back) == 2 and LONG_ROAD.steps[1].text in back.bot
    repeat = _turn(rasa_dialogue, run, sender, "say that again")
    assert step(repeat) == 2 and LONG_ROAD.steps[1].text in repeat.bot
    left = _turn(rasa_dialogue, run, sender, "how long is left")
    assert step(left) == 2 and left.bot[0].startswith("About")
    assert LONG_ROAD.steps[1].text not in left.bot  # not said again
    off_topic = _turn(rasa_dialogue, run, sender, "what's the weather like tomorrow")
    assert step(off_topic) == 2 and off_topic.bot[0] == LET_IT_PASS
    slower = _turn(rasa_dialogue, run, sender, "slow down")
    assert slower.guide is not None and slower.guide["pace"] == pytest.approx(0.9)
    paused = _turn(rasa_dialogue, run, sender, "pause")
    assert paused.guide is not None and paused.guide["paused"] and paused.expect == "command"
    still = _turn(rasa_dialogue, run, sender, "my mother used to say the same")
    assert still.guide is not None and still.guide["paused"]
    resumed = _turn(rasa_dialogue, run, sender, "continue")
    assert step(resumed) == 2 and resumed.guide is not None and not resumed.guide["paused"]
    assert LONG_ROAD.steps[1].text in resumed.bot
    skipped = _turn(rasa_dialogue, run, sender, "skip")
    assert step(skipped) == 3 and skipped.expect == "long_form"  # an answer step
    helped = _turn(rasa_dialogue, run, sender, "help")
    assert step(helped) == 3 and "guided reflection" in helped.bot[0]

    stopped = _turn(rasa_dialogue, run, sender, "stop")
    assert stopped.exercise is None and stopped.guide is not None
    assert stopped.guide["stopped"] and stopped.guide["step"] == 3
    assert "resume my reflection" in stopped.bot[0]
    outside = _turn(rasa_dialogue, run, sender, "repeat that")
    assert outside.exercise is None and "no guided reflection" in outside.bot[0]
    back_in = _turn(rasa_dialogue, run, sender, "resume my reflection")
    assert back_in.exercise == "reflection" and step(back_in) == 3
    assert back_in.bot[0].startswith("Welcome back")
    assert LONG_ROAD.steps[2].text in back_in.bot
    assert back_in.guide is not None and back_in.guide["pace"] == pytest.approx(0.9)


@pytest.mark.rasa
def test_nothing_paused_to_resume_offers_a_choice(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    turn = _turn(rasa_dialogue, run, "g-nothing", "resume my reflection")
    assert turn.exercise == "reflection" and turn.guide is None
    assert "don't have a reflection paused" in turn.bot[0]
    assert all(r.title in " ".join(turn.bot) for r in REFLECTIONS)


@pytest.mark.rasa
def test_naming_another_reflection_in_the_middle_switches_to_it(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "g-switch", "the long road")
    _turn(rasa_dialogue, run, "g-switch", "no")
    switched = _turn(rasa_dialogue, run, "g-switch", "actually the one after an argument")
    assert switched.exercise == "reflection"
    assert switched.bot[0].startswith("After an argument or a setback")
    assert switched.bot[-1] == CONSENT_QUESTION  # asked again: a new reflection


@pytest.mark.rasa
def test_menu_in_the_middle_leaves_and_keeps_the_place(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    _turn(rasa_dialogue, run, "g-menu", "after an argument")
    _turn(rasa_dialogue, run, "g-menu", "no")
    left = _turn(rasa_dialogue, run, "g-menu", "menu")
    assert left.exercise is None
    assert left.guide is not None and left.guide["stopped"] and left.guide["step"] == 1
    assert "Here's what we can practise" in left.bot[-1]


@pytest.mark.rasa
def test_self_harm_talk_in_an_answer_stops_the_reflection(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    sender = "g-988"
    _turn(rasa_dialogue, run, sender, "the one after a fight")
    _turn(rasa_dialogue, run, sender, "yes")
    at_answer = _turn(rasa_dialogue, run, sender, "next")
    assert at_answer.guide is not None and at_answer.guide["answer"]
    said = _turn(
        rasa_dialogue,
        run,
        sender,
        "Honestly we argued and afterwards I sat there thinking I don't want to live anymore.",
    )
    assert said.safety == "self_harm" and said.exercise is None
    assert said.guide is None
    assert any("988" in line for line in said.bot)


@pytest.mark.rasa
def test_abuse_disclosed_in_a_reflection_stops_it_and_it_is_declined_after(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    sender = "g-abuse"
    _turn(rasa_dialogue, run, sender, "the long road")
    _turn(rasa_dialogue, run, sender, "no")
    disclosed = _turn(rasa_dialogue, run, sender, "She hits me when she is angry.")
    assert disclosed.safety == "abuse" and disclosed.exercise is None
    for text in ["guide me through a reflection", "resume my reflection"]:
        declined = _turn(rasa_dialogue, run, sender, text)
        assert declined.exercise is None and declined.guide is None
        assert any("not going to run" in line for line in declined.bot), declined.bot


# -- the chat layer with the real journal --------------------------------------------------


def _chat(dialogue: RasaDialogue, journal: Journal, sender: str, texts: list[str]) -> list[Any]:
    import asyncio

    source = io.BytesIO(
        "".join(json.dumps({"sender": sender, "text": t}) + "\n" for t in texts).encode()
    )
    sink = io.StringIO()
    asyncio.run(run_jsonl(dialogue, source, sink, journal))
    return [json.loads(line) for line in sink.getvalue().splitlines()]


# Start, answer the consent question, then: next (to step 2), next (step 3 asks for an answer),
# the answer.
def _script(consent: str) -> list[str]:
    return ["the long road", consent, "next", "next", ANSWERS[2]]


@pytest.mark.rasa
def test_answers_are_kept_only_after_a_yes(rasa_dialogue: RasaDialogue, tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "yes")) as journal:
        outputs = _chat(rasa_dialogue, journal, "g-keep-yes", _script("yes please"))
        assert outputs[-1]["guide"]["kept_answer"] == 3
        assert outputs[-1]["guide"]["keep_answers"] is True
        kept = [
            item["value"]
            for item in journal.export()["progress"]
            if item["key"].startswith(ANSWER_PREFIX)
        ]
        assert kept == [
            {
                "reflection": LONG_ROAD.id,
                "step": 3,
                "answer": ANSWERS[2],
                "said_at": kept[0]["said_at"],
            }
        ]

    no_dir = tmp_path / "no"
    with Journal.open(PrivacySettings(data_dir=no_dir)) as journal:
        outputs = _chat(rasa_dialogue, journal, "g-keep-no", _script("no"))
        assert outputs[-1]["guide"]["kept_answer"] is None
        assert outputs[-1]["guide"]["keep_answers"] is False
        assert outputs[-1]["guide"]["step"] == 4  # the answer was taken, and on we went
        assert ANSWERS[2] not in json.dumps(journal.export())
    # Not a word of it anywhere in the data folder (the place is saved, the answer is not).
    assert ANSWERS[2].encode() not in b"".join(p.read_bytes() for p in no_dir.iterdir())


@pytest.mark.rasa
def test_a_crisis_answer_after_a_yes_keeps_nothing_of_it(
    rasa_dialogue: RasaDialogue, tmp_path: Path
) -> None:
    words = "We argued again and I keep thinking about killing myself."
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        outputs = _chat(rasa_dialogue, journal, "g-crisis", [*_script("yes")[:-1], words])
        assert outputs[-1]["safety"] == "self_harm" and outputs[-1]["exercise"] is None
        assert outputs[-1]["guide"] is None
        assert words not in json.dumps(journal.export())
    assert words.encode() not in b"".join(p.read_bytes() for p in tmp_path.iterdir())


# -- the command as a user runs it ---------------------------------------------------------


@pytest.mark.rasa
@pytest.mark.slow
def test_jsonl_acceptance_and_a_scripted_run_to_the_closing(tmp_path: Path) -> None:
    # The acceptance line, alone.
    (offer,) = jsonl_session(tmp_path, "r", ["guide me through a reflection"])
    assert offer["exercise"] == "reflection"

    texts = ["guide me through a reflection", "after an argument", "no"]
    reflection = get_reflection("after-a-setback")
    answers = iter(ANSWERS * 2)
    texts += [next(answers) if step.invites_answer else "next" for step in reflection.steps]
    outputs = jsonl_session(tmp_path, "s", texts)
    assert outputs[0]["exercise"] == "reflection"
    guides = [output["guide"] for output in outputs[2:]]
    assert [g["step"] for g in guides[:-1]] == list(range(1, len(reflection.steps) + 1))
    assert guides[-2]["closing"] is True
    assert reflection.steps[-1].text in outputs[-2]["bot"]
    assert guides[-1]["finished"] is True and outputs[-1]["exercise"] is None


@pytest.mark.rasa
@pytest.mark.slow
def test_jsonl_resume_after_a_restart(tmp_path: Path) -> None:
    first = jsonl_session(
        tmp_path, "r", ["the long road", "yes", "next", "next", ANSWERS[0], "pause"]
    )
    assert first[-1]["guide"]["step"] == 4 and first[-1]["guide"]["paused"] is True

    # A second process, sharing only the data folder.
    second = jsonl_session(tmp_path, "r", ["resume my reflection", "next"])
    assert second[0]["exercise"] == "reflection"
    assert second[0]["bot"][0].startswith("Welcome back")
    assert second[0]["guide"]["step"] == 4 and second[0]["guide"]["paused"] is False
    assert LONG_ROAD.steps[3].text in second[0]["bot"]
    assert second[0]["guide"]["keep_answers"] is True  # not asked again
    assert second[1]["guide"]["step"] == 5

    # Another sender has nothing paused.
    (other,) = jsonl_session(tmp_path, "someone-else", ["resume my reflection"])
    assert other["guide"] is None and "don't have a reflection paused" in other["bot"][0]
