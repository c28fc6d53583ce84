"""Spoken feedback after the listening and questions exercises."""

from __future__ import annotations

import json

import pytest

from actions.coaching.listening_analysis import analyze_listening
from actions.coaching.listening_feedback import compose_listening_feedback
from actions.coaching.questions_feedback import compose_questions_feedback
from actions.coaching.scenarios import SegmentTiming, get_listening_scenario
from actions.coaching.spoken import quote, quote_from, seconds_in, times_word

LISTENING = "lost-job-lie"
QUESTIONS = "after-the-affair"
GOOD_REFLECTION = (
    "You heard it from Priya at the store, not from me. It isn't the job, it's the lying. "
    "You felt so stupid, and that makes sense. Did I get that right?"
)


# --- listening -----------------------------------------------------------------------------


def test_no_interruptions_and_a_good_reflection() -> None:
    feedback = compose_listening_feedback(LISTENING, GOOD_REFLECTION, [])
    text = feedback.text
    assert feedback.sentences[0].startswith("You let them finish")
    assert "they heard it from Priya at the store, not from you" in text
    assert "You named how they felt: stupid." in text
    assert 'Saying "that makes sense" told them' in text
    assert 'Asking "Did I get that right" invited them' in text
    assert (
        feedback.sentences[-1]
        == "Would you like to try this one again, or try a different scenario?"
    )
    assert feedback.next_time in feedback.sentences


def test_interruptions_are_counted_timed_and_placed_in_pauses() -> None:
    timeline = (
        SegmentTiming(0, 0.0, 10.0, 14.0),
        SegmentTiming(1, 14.0, 40.0, 45.0),
        SegmentTiming(2, 45.0, 80.0, 80.0),
    )
    feedback = compose_listening_feedback(
        LISTENING, GOOD_REFLECTION, [41.2, 12.3, 70.0], timeline=timeline
    )
    assert feedback.interruptions == (12.3, 41.2, 70.0)
    assert feedback.interruptions_in_pauses == 2
    assert feedback.sentences[0] == (
        "You came in three times before they had finished: about 12 seconds in, "
        "40 seconds in and a minute and 10 seconds in."
    )
    assert feedback.sentences[1] == (
        "Two of those were in a pause, while they were still finding the words."
    )
    assert feedback.next_time.startswith("Next time, when they go quiet, count to five")


TIMELINE = (
    SegmentTiming(0, 0.0, 10.0, 14.0),
    SegmentTiming(1, 14.0, 40.0, 45.0),
    SegmentTiming(2, 45.0, 80.0, 80.0),
)
"""Speech 0-10 s, 14-40 s and 45-80 s; pauses 10-14 s and 40-45 s."""
COUNT_TO_FIVE = "Next time, when they go quiet, count to five"
HOLD_ON = "Next time, when something rises in you while they're talking, hold on to it"
DEFENSIVE = "You heard it from Priya at the store, but I was going to tell you."
FIXING = "You heard it from Priya at the store. You should just try to move past it."


@pytest.mark.parametrize(
    ("reflection", "interruptions", "starts"),
    [
        # Cutting in over their words is the main problem, whatever the reflection.
        (GOOD_REFLECTION, [5.0], HOLD_ON),
        (DEFENSIVE, [5.0, 12.0], HOLD_ON),
        # Coming in during their pauses only: the silence is the tip...
        (GOOD_REFLECTION, [12.0], COUNT_TO_FIVE),
        (GOOD_REFLECTION, [12.0, 42.0, 70.0], COUNT_TO_FIVE),
        # ...unless the reflection argued back or gave advice: that was the bigger problem.
        (DEFENSIVE, [12.0], "Next time, leave your side out"),
        (FIXING, [12.0], "Next time, hold back the solutions"),
    ],
)
def test_the_tip_comes_from_the_main_problem_found(
    reflection: str, interruptions: list[float], starts: str
) -> None:
    feedback = compose_listening_feedback(LISTENING, reflection, interruptions, timeline=TIMELINE)
    assert feedback.next_time.startswith(starts), feedback.next_time
    assert feedback.next_time in feedback.sentences


def test_the_tip_differs_with_the_problem() -> None:
    tips = {
        compose_listening_feedback(LISTENING, text, times, timeline=TIMELINE).next_time
        for text, times in [
            (GOOD_REFLECTION, [5.0]),
            (GOOD_REFLECTION, [12.0]),
            (DEFENSIVE, [12.0]),
            (FIXING, [12.0]),
            ("You heard it from Priya at the store.", []),
        ]
    }
    assert len(tips) == 5


def test_a_feeling_is_credited_in_the_words_the_user_said() -> None:
    feedback = compose_listening_feedback(
        LISTENING, "You felt humiliated, hurt and exhausted, because I lied about my job.", []
    )
    credit = next(s for s in feedback.sentences if s.startswith("You named how they felt"))
    assert credit == "You named how they felt: humiliated, hurt and exhausted."
    assert feedback.reflection is not None
    assert feedback.reflection.feelings_named == ("stupid", "hurt", "tired")  # scenario names


def test_a_feeling_named_only_as_a_denial_is_not_credited_as_the_feeling() -> None:
    feedback = compose_listening_feedback(
        LISTENING, "You didn't feel safe with me, and you felt small at the store.", []
    )
    credit = next(s for s in feedback.sentences if s.startswith("You named how they felt"))
    assert credit == "You named how they felt: small."


def test_many_interruptions_are_summarised() -> None:
    feedback = compose_listening_feedback(LISTENING, GOOD_REFLECTION, [5, 20, 30, 50, 61])
    assert "and two more" in feedback.sentences[0]


def test_defensiveness_and_fixing_are_quoted_with_the_rest_of_the_phrase() -> None:
    reflection = (
        "You found out from Priya, but I was going to tell you. You should try to see my side."
    )
    feedback = compose_listening_feedback(LISTENING, reflection, [])
    assert 'When you said "but I was going to tell you", the focus moved' in feedback.text
    assert 'When you said "You should try to see my side"' in feedback.text
    assert feedback.next_time.startswith("Next time, leave your side out")


@pytest.mark.parametrize(
    ("reflection", "starts"),
    [
        ("Let's just move on.", "Next time, hold back the solutions"),
        ("You heard it from Priya at the store.", "Next time, name the feeling too: they told you"),
        (
            "You heard it from Priya, and you felt stupid. It's not the job, it's the lies, and "
            "you wonder what else I made up. I lost my job three weeks ago and pretended to go "
            "to work.",
            'Next time, add a line like "that makes sense"',
        ),
        (GOOD_REFLECTION, "Next time, try to give back that"),
    ],
)
def test_one_thing_for_next_time_follows_priority(reflection: str, starts: str) -> None:
    assert compose_listening_feedback(LISTENING, reflection).next_time.startswith(starts)


def test_no_reflection_given() -> None:
    feedback = compose_listening_feedback(LISTENING, None, [])
    assert feedback.reflection is None
    assert feedback.next_time.startswith("Next time, when they finish, say back")
    data = feedback.to_dict()
    assert data["reflection"] is None


def test_listening_feedback_accepts_an_analysis_and_serialises() -> None:
    scenario = get_listening_scenario(LISTENING)
    analysis = analyze_listening(scenario, GOOD_REFLECTION)
    from_analysis = compose_listening_feedback(scenario, analysis, [3.0])
    from_text = compose_listening_feedback(LISTENING, GOOD_REFLECTION, [3.0])
    assert from_analysis.sentences == from_text.sentences
    data = json.loads(json.dumps(from_text.to_dict()))
    assert data["exercise"] == "listening"
    assert data["interruptions"] == {"count": 1, "times_s": [3.0], "in_pauses": 0}
    assert data["reflection"]["covered"] == list(analysis.covered)
    assert data["text"] == " ".join(data["sentences"])


# --- questions -----------------------------------------------------------------------------

IMPATIENT_SESSION = [
    ("how-long", "It started in March. About eight months."),
    ("still-in-touch", "No. Not since I ended it."),
    ("in-love", "I had feelings for Alex. I won't pretend I didn't."),
    ("how-long", "I already told you it started in March."),
    ("still-in-touch", "No."),
    ("in-love", "Why does it matter now?"),
    ("how-long", "It was May, I think."),
    ("still-in-touch", "You're overreacting. No."),
    ("in-love", "Ask me as many times as you need."),
]


def test_questions_feedback_quotes_the_moments_that_mattered() -> None:
    feedback = compose_questions_feedback(QUESTIONS, IMPATIENT_SESSION)
    text = feedback.text
    assert feedback.sentences[0] == (
        "The third time they asked about whether you're still in touch with Alex, you said "
        '"You\'re overreacting", and that tells them their hurt is the problem.'
    )
    assert (
        'The second time they asked about how long it went on, you said "I already told you it '
        'started in March"' in text
    )
    assert 'And when you said "Ask me as many times as you need", that was exactly' in text
    # The example answers the question where patience slipped worst.
    assert feedback.patient_example.startswith("No. The last time was the message")
    assert f'A patient answer could sound like: "{feedback.patient_example}"' in text
    assert 'Your answers about how long it went on changed: first "March", later "May"' in text
    assert feedback.sentences[-1].startswith("Would you like to go through this one again")


def test_a_patient_consistent_session() -> None:
    answers = [
        ("how-long", "Since March. Eight months."),
        ("still-in-touch", "No."),
        ("in-love", "I had feelings for Alex."),
        ("how-long", "Since March, and you can ask me as often as you need."),
        ("still-in-touch", "No, not once."),
        ("in-love", "I did have feelings. Ask me any time."),
    ]
    feedback = compose_questions_feedback(QUESTIONS, answers)
    assert feedback.sentences[0] == "You answered all 6 times without a trace of impatience."
    assert "Your facts stayed the same each time they asked" in feedback.text
    assert not feedback.inconsistencies


def test_missing_reassurance_is_suggested() -> None:
    feedback = compose_questions_feedback(QUESTIONS, [("how-long", "Since March.")])
    assert "tell them they can ask as many times as they need" in feedback.text


def test_audio_trend_is_noted() -> None:
    audio = [{"loudness_db": 60 + 2 * i, "words_per_minute": 140} for i in range(9)]
    feedback = compose_questions_feedback(QUESTIONS, IMPATIENT_SESSION, audio)
    assert feedback.delivery is not None and feedback.delivery.loudness_rising
    assert any("louder" in sentence for sentence in feedback.sentences)
    data = json.loads(json.dumps(feedback.to_dict()))
    assert data["exercise"] == "questions"
    assert data["delivery"]["loudness_rising"] is True
    assert [r["ask_number"] for r in data["rounds"]] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert data["inconsistencies"][0]["kind"] == "month"


def test_text_mode_has_no_delivery_notes() -> None:
    feedback = compose_questions_feedback(QUESTIONS, IMPATIENT_SESSION, None)
    assert feedback.delivery is None
    assert not any("louder" in sentence for sentence in feedback.sentences)


def test_empty_session_and_unknown_question() -> None:
    feedback = compose_questions_feedback(QUESTIONS, [])
    assert feedback.sentences[0] == "You didn't get to answer this time."
    with pytest.raises(KeyError):
        compose_questions_feedback(QUESTIONS, [("no-such-question", "hi")])


# --- spoken helpers --------------------------------------------------------------------------


def test_spoken_helpers() -> None:
    assert seconds_in(12.4) == "about 12 seconds in"
    assert seconds_in(1) == "about 1 second in"
    assert seconds_in(61) == "about a minute in"
    assert seconds_in(127, about=False) == "2 minutes and 5 seconds in"
    assert times_word(1) == "once" and times_word(2) == "twice" and times_word(4) == "four times"
    assert quote("one two three four five six seven eight nine ten eleven") == (
        '"one two three four five six seven eight nine ..."'
    )
    text = "I already told you this, okay?"
    assert quote_from(text, 0, len("I already told")) == '"I already told you this"'
