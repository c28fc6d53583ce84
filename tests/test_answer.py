"""The answer analyzer, the consistency check across rounds and the delivery trend."""

from __future__ import annotations

import pytest

from actions.coaching.answer import (
    LABELS,
    analyze_answer,
    check_consistency,
    delivery_trend,
)
from actions.coaching.facts import extract_facts
from tests.support.scaling import assert_linear, repeated


def labels(text: str) -> set[str]:
    return set(analyze_answer(text).labels)


def test_the_acceptance_example_reports_impatience() -> None:
    assert labels("i already told you this five times") == {"impatience"}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("How many times do I have to say it?", "impatience"),
        ("Again?", "impatience"),
        ("weve been over this", "impatience"),
        ("You're overreacting.", "invalidating"),
        ("calm down", "invalidating"),
        ("Can we not?", "deflection"),
        ("why does it matter", "deflection"),
        ("lets not do this now", "deflection"),
        ("It was nothing.", "minimizing"),
        ("no big deal", "minimizing"),
        ("you made me do it", "blame_shift"),
        ("If you hadn't been so cold, I wouldn't have.", "blame_shift"),
        ("you do it too", "counter_attack"),
        ("What about when you lied to me?", "counter_attack"),
        ("Ask me as many times as you need.", "reassurance"),
        ("ill answer every time", "reassurance"),
    ],
)
def test_each_label_is_found(text: str, label: str) -> None:
    assert label in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "it doesnt matter how many times you ask ill answer",
        "I'm not tired of answering.",
        "You're not overreacting.",
        "I'm not going to tell you to calm down.",
        "I need to calm down first.",
        "I won't say it was nothing.",
        "it wasnt just a kiss",
        "It's not your fault.",
        "you didnt make me do anything",
        "What about you? How are you holding up?",
        "Nothing else. What about you, though — how are you holding up tonight?",
        "do you want me to go over it again",
        '"Calm down" is what I used to say, and it was wrong.',
    ],
)
def test_hard_negatives_carry_no_unpatient_label(text: str) -> None:
    assert not labels(text) - {"reassurance"}, labels(text)


def test_output_shape_and_offsets() -> None:
    text = "I already told you! Calm down. Ask me as many times as you need."
    data = analyze_answer(text).to_dict()
    assert set(data) == {"labels", "findings"}
    assert data["labels"] == ["impatience", "invalidating", "reassurance"]
    assert data["labels"] == [label for label in LABELS if label in data["labels"]]
    for finding in data["findings"]:
        assert set(finding) == {"label", "phrase", "start", "end", "advice"}
        assert text[finding["start"] : finding["end"]] == finding["phrase"]


def test_patient_property() -> None:
    assert analyze_answer("It was March. Ask me any time.").patient
    assert not analyze_answer("I already told you, March.").patient


@pytest.mark.parametrize(
    "chunk",
    ["again again ", "i already i already ", "you you you too ", "not not not ", "a" * 80 + " "],
)
def test_long_adversarial_input_takes_linear_time(chunk: str) -> None:
    def analyse(text: str) -> None:
        analyze_answer(text)
        extract_facts(text)

    assert_linear(analyse, repeated(chunk))


# --- consistency --------------------------------------------------------------------------


def kinds(answers: list[tuple[str, str]]) -> list[str]:
    return [item.kind for item in check_consistency(answers)]


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("We met at nine.", "we met at ten", "time"),
        ("we met around nine", "we met at eleven", "time"),
        ("I left at 9:30 pm.", "i left at eleven at night", "time"),
        ("It was on Friday.", "it was saturday", "day"),
        ("It started in March.", "it started in may", "month"),
        ("We were at the bar.", "we were at her place", "place"),
        ("I was at home.", "i was at her place", "place"),
        ("We met twice.", "we met three times", "number"),
        ("It's eleven thousand dollars.", "its about four thousand dollars", "number"),
        ("$11,000", "twenty thousand dollars", "number"),
        ("eleven thousand two hundred", "about five thousand on the other card", "number"),
        ("About three weeks.", "two months", "number"),
        ("Yes.", "no never", "yes_no"),
        ("No, nothing happened.", "yes we kissed", "yes_no"),
    ],
)
def test_contradictions_are_flagged(first: str, second: str, kind: str) -> None:
    found = check_consistency([("q", first), ("q", second)])
    assert [item.kind for item in found] == [kind]
    item = found[0]
    assert (item.first_answer, item.second_answer) == (first, second)
    assert item.first_phrase in first and item.second_phrase in second
    assert (item.first_index, item.second_index) == (0, 1)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("We met at nine.", "it was nine o'clock"),
        ("Around nine.", "nine thirty"),
        ("It was about four thousand dollars.", "four thousand two hundred dollars"),
        ("It started in March.", "since march"),
        ("Eleven thousand dollars.", "$11,200"),
        ("eleven thousand two hundred", "11,200 dollars"),
        ("Eight weeks.", "about two months"),
        ("Three or four drinks.", "four drinks"),
        ("A few times.", "twice"),
        ("We were at the bar, then her place.", "at her place"),
        ("Once, for coffee.", "just the one time"),
        ("No.", "no not once"),
        ("At one point I wanted to tell you.", "at two in the morning i deleted them"),
        ("I may have been wrong.", "it was in march"),
        ("In the first place, I lied.", "we were at the bar"),
        ("It started in 2019.", "it was eleven thousand dollars"),
    ],
)
def test_consistent_or_incomparable_answers_are_not_flagged(first: str, second: str) -> None:
    assert check_consistency([("q", first), ("q", second)]) == []


def test_only_answers_to_the_same_question_are_compared() -> None:
    answers = [("when", "It started in March."), ("where", "It was in May.")]
    assert check_consistency(answers) == []


def test_each_later_answer_is_compared_with_the_earlier_ones() -> None:
    answers = [
        ("when", "in march"),
        ("other", "no"),
        ("when", "in may"),
        ("when", "in may i think"),
    ]
    found = check_consistency(answers)
    assert [(i.first_index, i.second_index) for i in found] == [(0, 2), (0, 3)]
    assert found[0].to_dict()["question_id"] == "when"


def test_number_words_and_digits_agree() -> None:
    facts = extract_facts("It was two thousand three hundred and fifty dollars, twice.")
    values = sorted((f.key, f.value) for f in facts if f.kind == "number")
    assert values == [("number:amount", 2350.0), ("number:times", 2.0)]
    assert [f.value for f in extract_facts("$2,350") if f.kind == "number"] == [2350.0]
    assert [f.value for f in extract_facts("5k") if f.kind == "number"] == [5000.0]


def test_times_read_am_and_pm() -> None:
    (fact,) = [f for f in extract_facts("I got home at 11 pm") if f.kind == "time"]
    assert fact.value == 23 * 60 and fact.absolute
    (fact,) = [f for f in extract_facts("around half past ten") if f.kind == "time"]
    assert fact.value == 10 * 60 + 30 and fact.approx


# --- delivery trend -----------------------------------------------------------------------


def test_rising_loudness_and_pace_are_noted() -> None:
    rounds = [
        {"loudness_db": 58.0, "words_per_minute": 140},
        {"loudness_db": 60.0, "words_per_minute": 150},
        {"loudness_db": 63.0, "words_per_minute": 170},
        {"loudness_db": 66.0, "words_per_minute": 185},
    ]
    trend = delivery_trend(rounds)
    assert trend.loudness_rising and trend.pace_rising
    assert len(trend.notes) == 2
    assert "louder" in trend.notes[0] and "sped up" in trend.notes[1]
    assert trend.to_dict()["loudness"]["values"] == [58.0, 60.0, 63.0, 66.0]


def test_steady_or_noisy_delivery_is_not_noted() -> None:
    steady = [{"loudness_db": v, "wpm": w} for v, w in [(60, 140), (61, 138), (60, 142), (61, 139)]]
    assert delivery_trend(steady).notes == ()
    spike = [{"loudness_db": v} for v in (60, 70, 60, 60)]
    assert not delivery_trend(spike).loudness_rising


def test_missing_measurements_are_skipped() -> None:
    assert delivery_trend([]).loudness is None
    text_mode: list[dict[str, object]] = [
        {"text": "typed"},
        {"loudness_db": None},
        {"loudness_db": "loud"},
    ]
    trend = delivery_trend(text_mode)
    assert trend.loudness is None and trend.pace is None and trend.notes == ()
    two = [{"loudness_db": 50}, {"loudness_db": 70}]
    assert delivery_trend(two).loudness is None, "two rounds are a jump, not a trend"
    gappy = [{"loudness_db": 55}, {}, {"loudness_db": 60}, {"loudness_db": 64}]
    trend = delivery_trend(gappy)
    assert trend.loudness is not None and trend.loudness.values[1] is None
    assert trend.loudness_rising
