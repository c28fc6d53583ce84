"""Listening practice end to end: the real model and action server, and the JSONL command.

The monologue arrives one segment per turn; short encouragers keep it going, anything else
typed before the finishing cue is an interruption, recorded with its segment and time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.coaching.scenarios import LISTENING_SCENARIOS, get_listening_scenario
from actions.listening_actions import REACTIONS, ActionAskListeningReflection
from actions.payloads import EXPECT_KEY, LISTEN_KEY
from actions.roleplay import is_backchannel, text_interruption_time
from assistant.dialogue.bridge import RasaDialogue
from tests.support.chat import practice_turn
from tests.support.cli import jsonl_session

FIRST = LISTENING_SCENARIOS[0]  # what "practise listening" starts with, in a new conversation
REFLECTION = (
    "You found out from Priya at the store that I lost my job three weeks ago, and that I "
    "kept leaving every morning like I was going to work. You felt stupid and hurt, and that "
    "makes sense. Did I get that right?"
)
# One message per remaining segment of FIRST (segments 2 to 9); two are interruptions.
THROUGH_THE_MONOLOGUE = [
    "go on",  # after segment 1
    "but I was going to tell you",  # after segment 2: an interruption
    "mm",
    "next",  # a backchannel, not a skip
    "ok",
    "I'm sorry, that's not fair",  # after segment 6: an interruption
    "continue",
    "I hear you",  # after segment 8: segment 9 ends with the finishing cue
]


@pytest.mark.rasa
def test_a_full_scenario_counts_interruptions_not_backchannels_and_ends_with_feedback(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    start = practice_turn(rasa_dialogue, run, "listen-full", "I want to practise listening")
    assert start.exercise == "listening"
    assert FIRST.premise in " ".join(start.bot)
    assert start.bot[-1] == FIRST.segments[0].text
    assert start.expect == "answer"

    turns = [
        practice_turn(rasa_dialogue, run, "listen-full", text) for text in THROUGH_THE_MONOLOGUE
    ]
    for number, turn in enumerate(turns, start=2):
        assert turn.exercise == "listening" and turn.feedback is None
        assert FIRST.segments[number - 1].text in turn.bot
    assert turns[1].bot[0] == REACTIONS[0]  # the partner reacts, then carries on
    assert turns[5].bot[0] == REACTIONS[1]  # ... and not with the same words twice
    for backchannel in (0, 2, 3, 4, 6):
        assert turns[backchannel].bot == [FIRST.segments[backchannel + 1].text]
    assert turns[-1].expect == "long_form"  # the finishing cue: now the reflection
    assert turns[-2].expect == "answer"

    done = practice_turn(rasa_dialogue, run, "listen-full", REFLECTION)
    assert done.feedback is not None
    feedback = done.feedback
    assert feedback["exercise"] == "listening"
    assert feedback["scenario_id"] == FIRST.id
    interruptions = feedback["interruptions"]
    assert interruptions["count"] == 2
    assert [moment["segment"] for moment in interruptions["moments"]] == [2, 6]
    assert interruptions["times_s"] == [
        round(text_interruption_time(FIRST, 2), 1),
        round(text_interruption_time(FIRST, 6), 1),
    ]
    assert interruptions["in_pauses"] == 2
    reflection = feedback["reflection"]
    assert {"lost-job", "heard-from-priya"} <= set(reflection["covered"])
    assert {"feeling_named", "validation", "question"} <= set(reflection["labels"])
    assert "twice" in " ".join(done.bot)  # after a check answered no, a thank-you comes first
    assert done.bot[-1].endswith("?")  # try again or another scenario

    again = practice_turn(rasa_dialogue, run, "listen-full", "yes")
    assert again.exercise == "listening"
    assert again.bot[-1] == FIRST.segments[0].text  # the same one, from the top


@pytest.mark.rasa
def test_a_listener_who_only_encourages_has_no_interruptions(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    first = practice_turn(rasa_dialogue, run, "listen-quiet", "help me listen without interrupting")
    # Every partner segment reaches the runtime with its designed pause, for voice.
    assert first.listen is not None and first.listen["segment"] == 1
    assert first.listen["pause_s"] >= 0
    segments = [first.listen["segment"]]
    for text in ["mm hmm", "okay", "go on", "yeah", "I'm listening", "uh huh", "right", "mhm"]:
        turn = practice_turn(rasa_dialogue, run, "listen-quiet", text)
        if turn.listen:
            segments.append(turn.listen["segment"])
    assert segments == sorted(segments) and len(segments) > 3
    done = practice_turn(rasa_dialogue, run, "listen-quiet", REFLECTION)
    assert done.feedback is not None
    assert done.feedback["interruptions"]["count"] == 0
    assert done.feedback["interruptions"]["moments"] == []


@pytest.mark.rasa
def test_feedback_credits_the_feelings_in_the_users_words_and_fits_the_tip_to_the_problem(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    turn = practice_turn(rasa_dialogue, run, "listen-words", "I want to practise listening")
    assert turn.bot[-1] == FIRST.segments[0].text
    while turn.expect != "long_form":
        turn = practice_turn(rasa_dialogue, run, "listen-words", "mm")
    done = practice_turn(
        rasa_dialogue,
        run,
        "listen-words",
        "You heard it from Priya at the store, and you felt humiliated, hurt and exhausted. "
        "But I was going to tell you.",
    )
    assert done.feedback is not None and done.feedback["interruptions"]["count"] == 0
    said = " ".join(done.bot)
    assert "You named how they felt: humiliated, hurt and exhausted." in said
    assert "stupid" not in said and "tired" not in said
    assert done.feedback["next_time"].startswith("Next time, leave your side out")
    assert "count to five" not in said


@pytest.mark.rasa
def test_help_stop_and_skip_in_the_middle_of_a_monologue(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    practice_turn(rasa_dialogue, run, "listen-cmd", "practise listening to my wife")
    helped = practice_turn(rasa_dialogue, run, "listen-cmd", "help")
    assert helped.exercise == "listening" and helped.feedback is None
    assert "listen" in helped.bot[0]
    assert helped.bot[-1] == FIRST.segments[1].text  # then the partner carries on

    skipped = practice_turn(rasa_dialogue, run, "listen-cmd", "skip")
    assert skipped.exercise == "listening"
    second = LISTENING_SCENARIOS[1]
    assert second.premise in " ".join(skipped.bot)
    assert skipped.bot[-1] == second.segments[0].text

    stopped = practice_turn(rasa_dialogue, run, "listen-cmd", "stop")
    assert stopped.exercise is None and stopped.feedback is None


@pytest.mark.rasa
def test_scenario_by_name_then_another_one_not_yet_done(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    party = get_listening_scenario("the-party")
    start = practice_turn(
        rasa_dialogue, run, "listen-pick", "i want to practise listening, the one about the party"
    )
    assert party.premise in " ".join(start.bot)
    for _segment in party.segments[1:]:
        practice_turn(rasa_dialogue, run, "listen-pick", "go on")
    done = practice_turn(
        rasa_dialogue, run, "listen-pick", "you felt humiliated when I mocked you in front of them"
    )
    assert done.feedback is not None and done.feedback["scenario_id"] == "the-party"

    off_topic = practice_turn(rasa_dialogue, run, "listen-pick", "what's the weather like tomorrow")
    assert off_topic.intent == "out_of_scope"
    assert any("practise" in line for line in off_topic.bot)

    example = practice_turn(rasa_dialogue, run, "listen-pick", "show me an example")
    assert example.exercise == "listening"  # not the apology's example
    assert party.key_points[0].summary in example.bot[0]

    other = practice_turn(rasa_dialogue, run, "listen-pick", "another scenario")
    assert other.exercise == "listening"
    after_the_party = LISTENING_SCENARIOS[LISTENING_SCENARIOS.index(party) + 1]
    assert after_the_party.premise in " ".join(other.bot)  # the next one, not yet done


@pytest.mark.rasa
def test_an_interruption_heard_by_a_voice_front_end_is_counted_at_its_time(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    practice_turn(rasa_dialogue, run, "listen-voice", "I want to practise listening")
    timeline = FIRST.timeline()
    at_s = timeline[2].start_s + 1.0  # one second into segment 3
    heard = practice_turn(
        rasa_dialogue, run, "listen-voice", f'/listening_interrupted{{"at_s": {at_s}}}'
    )
    assert heard.bot[0] == REACTIONS[0]
    for _ in FIRST.segments[2:]:
        practice_turn(rasa_dialogue, run, "listen-voice", "go on")
    done = practice_turn(rasa_dialogue, run, "listen-voice", REFLECTION)
    assert done.feedback is not None
    moments = done.feedback["interruptions"]["moments"]
    assert moments == [{"segment": 3, "at_s": round(at_s, 1), "source": "audio"}]


@pytest.mark.rasa
def test_abuse_disclosed_mid_monologue_stops_it_and_both_role_plays_are_declined_after(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    practice_turn(rasa_dialogue, run, "listen-safety", "I want to practise listening")
    disclosed = practice_turn(rasa_dialogue, run, "listen-safety", "He hits me when he is angry.")
    assert disclosed.safety == "abuse" and disclosed.exercise is None
    for text in ["I want to practise listening", "my partner keeps asking me the same questions"]:
        declined = practice_turn(rasa_dialogue, run, "listen-safety", text)
        assert declined.exercise is None
        assert any("not going to run" in line for line in declined.bot), declined.bot


@pytest.mark.rasa
def test_self_harm_talk_mid_monologue_stops_it(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    practice_turn(rasa_dialogue, run, "listen-988", "I want to practise listening")
    said = practice_turn(rasa_dialogue, run, "listen-988", "I don't want to live anymore.")
    assert said.safety == "self_harm" and said.exercise is None
    assert said.feedback is None


# -- pure parts, without Rasa --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["mm", "Mmm...", "mm-hmm", "uh huh", "ok", "Okay, go on", "next", "I'm listening",
     "im listening, go on", "yeah", "i hear you", "keep going please", "Right."],
)  # fmt: skip
def test_backchannels(text: str) -> None:
    assert is_backchannel(text)


@pytest.mark.parametrize(
    "text",
    ["but I was going to tell you", "I'm sorry", "ok but that's not true", "no",
     "that's not fair", "can I explain", "wait", "I love you"],
)  # fmt: skip
def test_interruptions(text: str) -> None:
    assert not is_backchannel(text)


def test_every_segment_turn_carries_the_listen_payload() -> None:
    scenario = FIRST
    for spoken in range(len(scenario.segments)):
        tracker = Tracker(
            "unit",
            {"listening_scenario": scenario.id, "listening_segment": float(spoken)},
            {"text": "go on", "intent": {"name": "keep_going"}, "entities": []},
            [],
            False,
            None,
            {"name": "listening_form"},
            "action_listen",
        )
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ActionAskListeningReflection().run(dispatcher, tracker, {}))
        customs = [m["custom"] for m in dispatcher.messages if m.get("custom")]
        listen = [c[LISTEN_KEY] for c in customs if LISTEN_KEY in c]
        assert listen == [
            {
                "scenario": scenario.id,
                "segment": spoken + 1,
                "of": len(scenario.segments),
                "pause_s": scenario.segments[spoken].pause_s,
            }
        ]
        last = spoken + 1 == len(scenario.segments)
        assert customs[-1] == {EXPECT_KEY: "long_form" if last else "answer"}
        assert events[0]["value"] == spoken + 1


# -- the command as a user runs it ---------------------------------------------------------


@pytest.mark.rasa
@pytest.mark.slow
def test_jsonl_listening_starts_and_a_scripted_conversation_ends_with_feedback(
    tmp_path: Path,
) -> None:
    # A "no" after the reflection answers a safety check if the guard asks one about the
    # practice words; otherwise it declines another round after the feedback.
    lines = ["I want to practise listening", *THROUGH_THE_MONOLOGUE, REFLECTION, "no"]
    outputs = jsonl_session(tmp_path, "l", lines)
    assert outputs[0]["exercise"] == "listening"
    with_feedback = [output["feedback"] for output in outputs if output["feedback"]]
    assert len(with_feedback) == 1 and outputs[-1]["safety"] is None
    feedback = with_feedback[0]
    assert feedback["exercise"] == "listening"
    assert feedback["interruptions"]["count"] == 2
