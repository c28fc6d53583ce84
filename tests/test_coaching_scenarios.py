"""The role-play content: listening monologues and repeated-questions schedules."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from actions.coaching.answer import UNPATIENT_LABELS, analyze_answer
from actions.coaching.listening_analysis import analyze_listening, compile_keyword_set
from actions.coaching.scenarios import (
    LISTENING_SCENARIOS,
    QUESTIONS_SCENARIOS,
    KeyPoint,
    ListeningScenario,
    QuestionsScenario,
    get_listening_scenario,
    get_questions_scenario,
)

SLUG = re.compile(r"[a-z]+(?:-[a-z]+)*")
LONG_PAUSE_S = 3.0


def _render(alternative: str) -> str:
    """A plain sentence from a keyword set: the first option of each term, as words."""
    words = []
    for term in alternative.split():
        option = term.split("|")[0].rstrip("*")
        words.append(option.replace("_", " "))
    return " ".join(words)


# --- listening ---------------------------------------------------------------------------


def test_there_are_at_least_six_listening_scenarios_with_unique_ids() -> None:
    assert len(LISTENING_SCENARIOS) >= 6
    ids = [s.id for s in LISTENING_SCENARIOS]
    assert len(ids) == len(set(ids))
    assert all(SLUG.fullmatch(i) for i in ids), ids
    titles = [s.title for s in LISTENING_SCENARIOS]
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize("scenario", LISTENING_SCENARIOS, ids=lambda s: s.id)
def test_monologue_lasts_40_to_120_seconds_at_150_wpm(scenario: ListeningScenario) -> None:
    words = sum(len(re.findall(r"[^\W_]+(?:'[^\W_]+)*", seg.text)) for seg in scenario.segments)
    pauses = sum(seg.pause_s for seg in scenario.segments)
    seconds = words * 60 / 150 + pauses
    assert 40 <= seconds <= 120, f"{scenario.id}: {words} words + {pauses} s pauses = {seconds} s"
    assert scenario.total_seconds() == pytest.approx(seconds)


@pytest.mark.parametrize("scenario", LISTENING_SCENARIOS, ids=lambda s: s.id)
def test_pauses_tempt_an_interruption_and_the_cue_ends_it(scenario: ListeningScenario) -> None:
    pauses = [seg.pause_s for seg in scenario.segments]
    assert all(0 <= p <= 6 for p in pauses)
    assert sum(p >= LONG_PAUSE_S for p in pauses) >= 2, "needs pauses long enough to tempt"
    assert pauses[-1] == 0, "the finishing cue hands the floor over at once"
    assert all(p > 0 for p in pauses[:-1])
    assert scenario.segments[-1].text.endswith(scenario.finishing_cue)
    assert scenario.text.count(scenario.finishing_cue) == 1, "the cue must not appear earlier"


def test_finishing_cues_differ_between_scenarios() -> None:
    cues = [s.finishing_cue.lower() for s in LISTENING_SCENARIOS]
    assert len(cues) == len(set(cues))


@pytest.mark.parametrize("scenario", LISTENING_SCENARIOS, ids=lambda s: s.id)
def test_key_points_and_feelings_are_declared(scenario: ListeningScenario) -> None:
    ids = [point.id for point in scenario.key_points]
    assert len(ids) >= 4
    assert len(ids) == len(set(ids))
    assert all(SLUG.fullmatch(i) for i in ids), ids
    for point in scenario.key_points:
        assert len(point.alternatives) >= 2, point.id
        for alternative in point.alternatives:
            compile_keyword_set(alternative)  # raises on a malformed set
    assert len(scenario.feelings) >= 2
    for feeling in scenario.feelings:
        assert feeling.synonyms, feeling.name
        assert any(not s.endswith("*") for s in feeling.synonyms), feeling.name


@pytest.mark.parametrize(
    ("scenario", "point"),
    [(s, p) for s in LISTENING_SCENARIOS for p in s.key_points],
    ids=lambda x: x.id,
)
def test_every_alternative_matches_its_own_key_point(
    scenario: ListeningScenario, point: KeyPoint
) -> None:
    for alternative in point.alternatives:
        sentence = _render(alternative)
        analysis = analyze_listening(scenario, sentence)
        assert point.id in analysis.covered, f"{alternative!r} rendered as {sentence!r}"


@pytest.mark.parametrize("scenario", LISTENING_SCENARIOS, ids=lambda s: s.id)
def test_key_points_are_grounded_in_the_monologue(scenario: ListeningScenario) -> None:
    # The partner's own words cover every key point: the points are what they said.
    assert analyze_listening(scenario, scenario.text).coverage == 1.0


@pytest.mark.parametrize("scenario", LISTENING_SCENARIOS, ids=lambda s: s.id)
def test_every_feeling_can_be_named(scenario: ListeningScenario) -> None:
    for feeling in scenario.feelings:
        word = next(s for s in feeling.synonyms if not s.endswith("*")).replace("_", " ")
        analysis = analyze_listening(scenario, f"you felt {word}")
        assert feeling.name in analysis.feelings_named, (feeling.name, word)


def test_timeline_adds_up() -> None:
    scenario = LISTENING_SCENARIOS[0]
    timeline = scenario.timeline()
    assert timeline[0].start_s == 0
    for before, after in pairwise(timeline):
        assert after.start_s == pytest.approx(before.end_s)
        assert before.start_s < before.speech_end_s <= before.end_s
    assert timeline[-1].end_s == pytest.approx(scenario.total_seconds())


def test_listening_lookup_names_known_ids() -> None:
    assert get_listening_scenario("the-party").id == "the-party"
    with pytest.raises(KeyError, match="the-party"):
        get_listening_scenario("nope")
    with pytest.raises(KeyError):
        LISTENING_SCENARIOS[0].key_point("nope")


# --- repeated questions ------------------------------------------------------------------


def test_there_are_at_least_six_questions_scenarios_with_unique_ids() -> None:
    assert len(QUESTIONS_SCENARIOS) >= 6
    ids = [s.id for s in QUESTIONS_SCENARIOS]
    assert len(ids) == len(set(ids))
    assert all(SLUG.fullmatch(i) for i in ids), ids


@pytest.mark.parametrize("scenario", QUESTIONS_SCENARIOS, ids=lambda s: s.id)
def test_two_or_three_questions_each_asked_at_least_three_times(
    scenario: QuestionsScenario,
) -> None:
    question_ids = [q.id for q in scenario.questions]
    assert 2 <= len(question_ids) <= 3
    assert len(question_ids) == len(set(question_ids))
    assert {ask.question_id for ask in scenario.schedule} == set(question_ids)
    for question_id in question_ids:
        assert len(scenario.asks_of(question_id)) >= 3, question_id


@pytest.mark.parametrize("scenario", QUESTIONS_SCENARIOS, ids=lambda s: s.id)
def test_schedule_circles_back_reworded_and_more_raw(scenario: QuestionsScenario) -> None:
    schedule = scenario.schedule
    first_round = [ask.question_id for ask in schedule[: len(scenario.questions)]]
    assert sorted(first_round) == sorted(q.id for q in scenario.questions), "ask each once first"
    for before, after in pairwise(schedule):
        assert before.question_id != after.question_id, "circle back, don't repeat at once"
    for question in scenario.questions:
        asks = scenario.asks_of(question.id)
        assert len({ask.wording for ask in asks}) >= 2, f"{question.id} is never reworded"
        assert all(ask.intensity in (1, 2, 3) for ask in asks)
        assert asks[-1].intensity >= asks[0].intensity, question.id
    assert max(ask.intensity for ask in schedule) == 3, "a hurt person gets raw at some point"
    assert all(ask.wording.strip() and ask.wording[-1] in "?." for ask in schedule)


@pytest.mark.parametrize("scenario", QUESTIONS_SCENARIOS, ids=lambda s: s.id)
def test_patient_examples_are_patient(scenario: QuestionsScenario) -> None:
    for question in scenario.questions:
        analysis = analyze_answer(question.patient_example)
        assert not set(analysis.labels) & set(UNPATIENT_LABELS), (question.id, analysis.labels)
        assert "reassurance" in analysis.labels, question.patient_example


def test_questions_lookup_names_known_ids() -> None:
    assert get_questions_scenario("the-debt").id == "the-debt"
    with pytest.raises(KeyError, match="the-debt"):
        get_questions_scenario("nope")
    with pytest.raises(KeyError):
        QUESTIONS_SCENARIOS[0].question("nope")


def test_scenario_text_is_plain_for_speech() -> None:
    # Text-to-speech reads plain punctuation; stray symbols would be spoken or garbled.
    allowed = re.compile(r"[A-Za-z0-9 ,.?!'’:;\-]+")
    for listening in LISTENING_SCENARIOS:
        for segment in listening.segments:
            assert allowed.fullmatch(segment.text), segment.text
    for questions in QUESTIONS_SCENARIOS:
        for ask in questions.schedule:
            assert allowed.fullmatch(ask.wording), ask.wording
        assert allowed.fullmatch(questions.closing), questions.closing
