"""How a spoken turn was said: loudness measured from the audio, and how it reaches the
repeated-questions feedback (loudness and pace across rounds) and the listening feedback
(interruption moments measured by the voice runtime). Pure Python: actions are run on
hand-built trackers, no Rasa model."""

from __future__ import annotations

import asyncio
import math
from typing import Any

import numpy as np
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.coaching.listening_feedback import compose_listening_feedback
from actions.coaching.scenarios import LISTENING_SCENARIOS, get_questions_scenario
from actions.listening_actions import REACTIONS, ValidateListeningForm
from actions.payloads import AUDIO_KEY, FEEDBACK_KEY
from actions.questions_actions import ActionQuestionsFeedback, ValidateQuestionsForm
from assistant.events import Delivery
from assistant.speech.delivery import loudness_dbfs, with_loudness
from assistant.voice.endpointing import PROFILES, Endpointer

QUESTIONS = get_questions_scenario("after-the-affair")
LISTENING = LISTENING_SCENARIOS[0]


def tone(level_rms: float, seconds: float = 0.8) -> np.ndarray:
    """A steady tone; under a second, so the endpointer does not take it for a fan's hum."""
    t = np.arange(int(seconds * 16000)) / 16000
    return (np.sin(2 * np.pi * 220 * t) * level_rms * math.sqrt(2)).astype(np.int16)


# -- loudness -------------------------------------------------------------------------------


def test_loudness_is_the_rms_level_of_voiced_frames_in_dbfs() -> None:
    assert loudness_dbfs(0.0, 0) is None
    assert loudness_dbfs(32768.0**2 * 10, 10) == pytest.approx(0.0)
    assert loudness_dbfs(3276.8**2, 1) == pytest.approx(-20.0)


def test_the_endpointer_measures_the_speech_level_of_a_turn() -> None:
    endpointer = Endpointer()
    endpointer.begin(PROFILES["answer"])
    quiet = np.zeros(8000, np.int16)
    # Silence around the speech does not lower its level: only voiced frames count.
    for samples in (quiet, tone(3276.8), quiet):
        endpointer.feed(samples)
    level = loudness_dbfs(*endpointer.speech_power)
    assert level == pytest.approx(-20.0, abs=0.2)
    endpointer.begin(PROFILES["answer"])
    endpointer.feed(tone(3276.8 * 2))
    louder = loudness_dbfs(*endpointer.speech_power)
    assert louder is not None and louder - level == pytest.approx(6.0, abs=0.2)


def test_delivery_carries_loudness_when_measured() -> None:
    delivery = Delivery(2.0, 120.0, 0, 0.4, 0, (0.4,))
    assert delivery.loudness_db is None and delivery.to_json()["loudness_db"] is None
    louder = with_loudness(delivery, -18.234)
    assert louder.loudness_db == -18.23
    assert louder.to_json()["loudness_db"] == -18.2
    assert with_loudness(delivery, None) is delivery


# -- the questions exercise -----------------------------------------------------------------


def questions_tracker(
    slots: dict[str, Any], text: str = "", audio: dict[str, Any] | None = None
) -> Tracker:
    message: dict[str, Any] = {"text": text, "intent": {"name": "inform"}, "entities": []}
    if audio is not None:
        message["metadata"] = {AUDIO_KEY: audio}
    return Tracker(
        "unit",
        {"questions_scenario": QUESTIONS.id, **slots},
        message,
        [],
        False,
        None,
        {"name": "questions_form"},
        "action_listen",
    )


def file_answer(answers: list[Any], asked: int, text: str, audio: dict[str, Any] | None) -> Any:
    tracker = questions_tracker(
        {"questions_round": float(asked), "questions_answers": answers}, text, audio
    )
    result = asyncio.run(
        ValidateQuestionsForm().validate_questions_answer(text, CollectingDispatcher(), tracker, {})
    )
    return result["questions_answers"]


def run_feedback(answers: list[Any]) -> dict[str, Any]:
    dispatcher = CollectingDispatcher()
    asyncio.run(
        ActionQuestionsFeedback().run(
            dispatcher, questions_tracker({"questions_answers": answers}), {}
        )
    )
    payloads = [m["custom"][FEEDBACK_KEY] for m in dispatcher.messages if m.get("custom")]
    payloads[0]["spoken"] = " ".join(m["text"] for m in dispatcher.messages if m.get("text"))
    return payloads[0]


ANSWER = "it started in march and you can ask me as many times as you need"


def test_spoken_answers_keep_their_loudness_and_pace_and_the_end_notes_the_rise() -> None:
    answers: list[Any] = []
    schedule = QUESTIONS.schedule
    for asked in range(1, len(schedule) + 1):
        audio = {
            "duration_s": 4.0,
            "words_per_minute": 130.0 + 6 * asked,
            "loudness_db": -30.0 + 1.5 * asked,  # a little louder each time
            "pauses_s": [],
        }
        answers = file_answer(answers, asked, ANSWER, audio)
    assert answers[0][2] == {"loudness_db": -28.5, "words_per_minute": 136.0}
    feedback = run_feedback(answers)
    delivery = feedback["delivery"]
    assert delivery["loudness_rising"] is True
    assert delivery["pace_rising"] is True
    assert "louder" in feedback["spoken"] and "sped up" in feedback["spoken"]


def test_a_steady_voice_gets_no_delivery_note() -> None:
    answers: list[Any] = []
    for asked in range(1, len(QUESTIONS.schedule) + 1):
        audio = {"words_per_minute": 140.0, "loudness_db": -25.0 + (asked % 2) * 0.5}
        answers = file_answer(answers, asked, ANSWER, audio)
    feedback = run_feedback(answers)
    assert feedback["delivery"]["loudness_rising"] is False
    assert feedback["delivery"]["notes"] == []
    assert "louder" not in feedback["spoken"]


def test_typed_answers_have_no_delivery_at_all() -> None:
    answers: list[Any] = []
    for asked in range(1, len(QUESTIONS.schedule) + 1):
        answers = file_answer(answers, asked, ANSWER, None)
    assert all(len(entry) == 2 for entry in answers)
    assert run_feedback(answers)["delivery"] is None


# -- listening: moments measured by voice ---------------------------------------------------


def validate_listening(
    text: str, spoken: int, moment: dict[str, Any] | None, intent: str = "inform"
) -> tuple[dict[str, Any], list[str]]:
    message: dict[str, Any] = {"text": text, "intent": {"name": intent}, "entities": []}
    if moment is not None:
        message["metadata"] = {AUDIO_KEY: {"listening": moment}}
    tracker = Tracker(
        "unit",
        {
            "listening_scenario": LISTENING.id,
            "listening_segment": float(spoken),
            "listening_interruptions": [],
        },
        message,
        [],
        False,
        None,
        {"name": "listening_form"},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    result = asyncio.run(
        ValidateListeningForm().validate_listening_reflection(text, dispatcher, tracker, {})
    )
    return result, [m["text"] for m in dispatcher.messages if m.get("text")]


def test_a_measured_overlap_is_recorded_with_its_time_and_the_partner_carries_on() -> None:
    rest = "She asked how the new thing was going."
    moment = {"at_s": 7.43, "segment": 2, "in_pause": False, "overlap": True, "unsaid": rest}
    result, said = validate_listening("but that is not fair", 2, moment)
    assert result["listening_interruptions"] == [
        {"segment": 2, "at_s": 7.4, "source": "audio", "in_pause": False}
    ]
    assert said == [REACTIONS[0], rest]


def test_speaking_over_the_last_segment_before_its_cue_is_still_cutting_in() -> None:
    last = len(LISTENING.segments)
    moment = {"at_s": 80.0, "segment": last, "overlap": True, "unsaid": "I'm done."}
    result, said = validate_listening("wait", last, moment)
    assert result["listening_reflection"] is None
    assert len(result["listening_interruptions"]) == 1
    assert said == [REACTIONS[0], "I'm done."]


def test_a_backchannel_over_the_partner_is_not_counted_and_they_carry_on() -> None:
    moment = {"at_s": 3.0, "segment": 1, "overlap": True, "unsaid": "Just listen."}
    result, said = validate_listening("mm hmm", 1, moment)
    assert "listening_interruptions" not in result
    assert said == ["Just listen."]


def test_words_not_made_out_over_the_partner_still_count() -> None:
    moment = {"at_s": 5.0, "segment": 2, "overlap": True}
    result, said = validate_listening("/listening_interrupted", 2, moment, "listening_interrupted")
    assert result["listening_interruptions"][0]["at_s"] == 5.0
    assert said == [REACTIONS[0]]


def test_speech_in_a_pause_uses_the_measured_time() -> None:
    moment = {"at_s": 12.25, "segment": 2, "in_pause": True}
    result, _ = validate_listening("i was going to tell you", 2, moment)
    assert result["listening_interruptions"] == [
        {"segment": 2, "at_s": 12.2, "source": "audio", "in_pause": True}
    ]


def test_the_feedback_places_measured_moments_as_the_runtime_heard_them() -> None:
    # 1.0 s is inside speech on the nominal timeline, but the runtime heard it in a pause.
    feedback = compose_listening_feedback(LISTENING, None, [9.0, 1.0], in_pause=[False, True])
    assert feedback.interruptions == (1.0, 9.0)
    assert feedback.interruptions_in_pauses == 1
    nominal = compose_listening_feedback(LISTENING, None, [9.0, 1.0])
    assert nominal.interruptions_in_pauses == 0
