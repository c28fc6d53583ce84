"""The reflection analyzer: labels, negation and quotation, coverage, output shape, speed."""

from __future__ import annotations

import pytest

from actions.coaching.listening_analysis import LABELS, analyze_listening, compile_keyword_set
from actions.coaching.scenarios import get_listening_scenario
from tests.support.scaling import assert_linear, repeated

SCENARIO = "lost-job-lie"


def labels(text: str, scenario: str = SCENARIO) -> set[str]:
    return set(analyze_listening(scenario, text).labels)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("you felt so stupid standing there", "feeling_named"),
        ("that must have been humiliating", "feeling_named"),
        ("i know how hurt you are", "feeling_named"),
        ("I hurt you.", "feeling_named"),
        ("you didn't feel safe telling me anything", "feeling_named"),
        ("That makes sense.", "validation"),
        ("of course youre angry", "validation"),
        ("you have every right to be upset", "validation"),
        ("But I was going to tell you.", "defensiveness"),
        ("thats not what happened", "defensiveness"),
        ("what about when you lied to me", "defensiveness"),
        ("You should try to see it from my side.", "fixing"),
        ("lets just move on", "fixing"),
        ("I'll find another job, I promise.", "fixing"),
        ("Did I get that right?", "question"),
        ("you felt alone did i get that right", "question"),
        ("is there more you want to say", "question"),
    ],
)
def test_each_label_is_found(text: str, label: str) -> None:
    assert label in labels(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Negated or refused phrases are not what they mention.
        ("I'm not saying you should forgive me.", "fixing"),
        ("im not going to tell you what you should do", "fixing"),
        ("I won't make excuses.", "defensiveness"),
        ("im not going to say i was stressed", "defensiveness"),
        ("you're not stupid", "feeling_named"),
        ("don't be upset", "feeling_named"),
        ("that doesn't make sense to me", "validation"),
        ("Does that make sense?", "validation"),
        ("i dont understand why youre so upset", "validation"),
        # The speaker's own feelings, and a third person's, are not the partner's.
        ("I feel terrible.", "feeling_named"),
        ("i feel like an idiot", "feeling_named"),
        ("your brother was worried about you", "feeling_named"),
        # A regret about the past is not advice.
        ("you shouldn't have had to find out from priya", "fixing"),
        # An embedded question is not a question.
        ("you keep wondering what else i made up", "question"),
        ("what i heard is you felt alone", "question"),
    ],
)
def test_hard_negatives(text: str, label: str) -> None:
    assert label not in labels(text)


def test_quoted_phrases_do_not_count() -> None:
    assert "fixing" not in labels('You said "you should have told me" and you were right.')
    assert "defensiveness" not in labels("My dad always said 'but I was busy' and I hate it.")


def test_coverage_matches_paraphrase_and_speech_style() -> None:
    typed = analyze_listening(SCENARIO, "You heard it from Priya at the store, not from me.")
    speech = analyze_listening(SCENARIO, "you heard it from priya at the store not from me")
    assert typed.covered == speech.covered == ("heard-from-priya",)
    numbers = analyze_listening(SCENARIO, "i was laid off 3 weeks ago")
    assert "lost-job" in numbers.covered


def test_negated_key_point_is_not_covered() -> None:
    # Denying the point is not giving it back.
    assert (
        "pretended-to-work"
        not in analyze_listening(SCENARIO, "i never pretended to go to work").covered
    )


def test_output_shape_and_offsets() -> None:
    text = "You found out from Priya. That makes sense, but I was going to tell you. Right?"
    analysis = analyze_listening(get_listening_scenario(SCENARIO), text)
    data = analysis.to_dict()
    assert set(data) == {"coverage", "covered", "missed", "labels", "findings"}
    assert 0.0 <= data["coverage"] <= 1.0
    assert set(data["labels"]) <= set(LABELS)
    assert data["labels"] == [label for label in LABELS if label in data["labels"]]
    for finding in data["findings"]:
        assert set(finding) == {"label", "phrase", "start", "end", "advice"}
        assert text[finding["start"] : finding["end"]] == finding["phrase"]
        assert finding["advice"]
    for match in analysis.matches:
        assert text[match.start : match.end] == match.phrase


def test_unknown_scenario_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        analyze_listening("no-such-scenario", "hello")


def test_empty_reflection() -> None:
    analysis = analyze_listening(SCENARIO, "")
    assert analysis.coverage == 0.0
    assert analysis.labels == ()
    assert len(analysis.missed) == len(get_listening_scenario(SCENARIO).key_points)


def test_malformed_keyword_sets_are_rejected() -> None:
    for bad in ("", "   ", "word|", "a__b", "*"):
        with pytest.raises(ValueError):
            compile_keyword_set(bad)


@pytest.mark.parametrize(
    "chunk",
    [
        "you you you ",
        "i i i not not ",
        "but i was going to tell you but you ",
        "you felt so so so ",
        '" "" quote \' ',
        "a" * 50 + " ",
        "what did i did i get get that right ",
    ],
)
def test_long_adversarial_input_takes_linear_time(chunk: str) -> None:
    # Linear time: 10,000 characters of repetitive, pattern-baiting text.
    assert_linear(
        lambda text: analyze_listening(SCENARIO, text),
        repeated(chunk),
    )


def test_feeling_words_are_the_users_own_and_the_json_contract_is_unchanged() -> None:
    analysis = analyze_listening(
        "lost-job-lie", "You felt Humiliated and so exhausted. You didn't feel safe, and hurt."
    )
    assert analysis.feelings_named == ("stupid", "hurt", "tired")
    assert analysis.feeling_words == ("Humiliated", "exhausted", "hurt")  # text order, as said
    assert set(analysis.to_dict()) == {"coverage", "covered", "missed", "labels", "findings"}
