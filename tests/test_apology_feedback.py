"""Spoken feedback and the stronger example built from the user's own words."""

from __future__ import annotations

import re

import pytest
import yaml

from actions.coaching.apology import ANTI_PATTERNS, analyze_apology
from actions.coaching.apology_feedback import (
    MAX_SPOKEN_WORDS,
    TRY_AGAIN,
    SpokenFeedback,
    compose_feedback,
    stronger_example,
)
from tests.support.eval_metrics import EVAL_FILE

CORE = {"regret", "responsibility", "harm_acknowledged", "repair_offer", "repentance"}
NOT_FOR_SPEECH = re.compile(r"[()\[\]{}*_#`>|•\n]|^\s*-")


WEAK_APOLOGY = (
    "I'm sorry you feel that way. Mistakes were made, but I was stressed and you do it too. "
    "Can we just move on? It will never ever happen again."
)
"""Six anti-patterns and no component: before the 45-word rule, 163 words of feedback."""


def spoken(text: str, previous: str | None = None, attempt: int | None = None) -> SpokenFeedback:
    return compose_feedback(
        analyze_apology(text),
        analyze_apology(previous) if previous is not None else None,
        previous_attempt=attempt,
    )


def feedback(text: str, previous: str | None = None) -> list[str]:
    """What is said first and, on a yes, the rest: every line the user can hear."""
    result = spoken(text, previous)
    return [*result.now, *result.later]


def word_count(lines: tuple[str, ...] | list[str]) -> int:
    return len(" ".join(lines).split())


def assert_speakable(lines: list[str]) -> None:
    for line in lines:
        assert line.strip() == line and line, line
        assert not NOT_FOR_SPEECH.search(line), line
        assert line[0].isupper() or line[0] == '"', line
        assert line[-1] in ".?", line
        assert len(line) < 260, line


def test_every_anti_pattern_is_quoted_and_the_last_line_offers_another_go() -> None:
    text = "I'm sorry if you were hurt, but you made me do it."
    lines = feedback(text)
    assert_speakable(lines)
    assert lines[-1] == TRY_AGAIN
    said = " ".join(lines)
    for label in ("blame_shift", "but_undoing"):
        finding = analyze_apology(text).findings_for(label)[0]
        assert f'"{finding.phrase}"' in said


def test_a_weak_apology_hears_one_thing_that_worked_and_two_changes_within_45_words() -> None:
    result = spoken(WEAK_APOLOGY)
    assert_speakable(list(result.now))
    assert word_count(result.now) <= MAX_SPOKEN_WORDS
    opening, first, second, offer = result.now
    assert opening.startswith("Thank you for saying it")
    # The heaviest thing that undoes it, and the heaviest part left out.
    assert first.startswith('Saying "you do it too"')
    assert second.startswith("Try owning it")
    assert offer.startswith("Want to hear the other")


def test_the_rest_is_brief_names_the_right_number_and_ends_with_another_go() -> None:
    result = spoken(WEAK_APOLOGY)
    assert_speakable(list(result.later))
    assert word_count(result.later) <= MAX_SPOKEN_WORDS
    assert result.later[-1] == TRY_AGAIN
    assert result.held_back == 2
    assert result.now[-1] == "Want to hear the other two?"
    assert result.later[0].startswith('Saying "I was stressed"')
    assert not set(result.now) & set(result.later)


def test_nothing_held_back_means_no_offer_of_more() -> None:
    result = spoken(
        "I'm sorry I lied about the money. It was my fault and I know it hurt you. "
        "I'll pay it all back, and from now on I'll show you every statement."
    )
    assert result.later == ()
    assert result.held_back == 0
    assert result.now[-1] == TRY_AGAIN


def test_every_eval_utterance_gets_feedback_within_45_words_now_and_later() -> None:
    items = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    previous = analyze_apology(items[0]["text"])
    for item in items:
        analysis = analyze_apology(item["text"])
        for result in (
            compose_feedback(analysis),
            compose_feedback(analysis, previous, previous_attempt=2),
        ):
            assert word_count(result.now) <= MAX_SPOKEN_WORDS, result.now
            assert word_count(result.later) <= MAX_SPOKEN_WORDS, result.later
            changes = len(result.now) - 2  # the opening and the closing question
            assert changes <= 2, result.now
            if result.later:
                assert result.now[-1].startswith("Want to hear the other")
                assert result.later[-1] == TRY_AGAIN
            else:
                assert result.now[-1] == TRY_AGAIN


def test_what_worked_comes_first_and_quotes_the_user() -> None:
    lines = feedback("im sorry i lied to you about the money it was my fault")
    assert "my fault" in lines[0]
    assert lines[0].startswith("You owned it")


def test_responsibility_and_repair_are_suggested_first() -> None:
    lines = spoken("I'm sorry I lied.").now
    suggestions = lines[1:3]
    assert suggestions[0].startswith("Try owning it")
    assert suggestions[1].startswith("Offer something to put it right")


def test_forgiveness_is_never_pushed() -> None:
    for text in ("", "I'm sorry.", "I lied and it was my fault and I'll make it right."):
        spoken = " ".join(feedback(text)).lower()
        assert "forgive" not in spoken


def test_a_complete_apology_gets_a_short_answer() -> None:
    lines = feedback(
        "I'm sorry I lied about the money. It was my fault and I know it hurt you. "
        "I'll pay it all back, and from now on I'll show you every statement."
    )
    assert len(lines) == 3
    assert lines[-1] == TRY_AGAIN


def test_delivery_notes_are_kind_and_quote_the_hedge() -> None:
    # Owning it and an offer of repair come first; the note on hedges is in the rest.
    result = spoken("i guess im sorry i kind of lied. it was my fault and i'll make it right")
    note = next(line for line in (*result.now, *result.later) if "soften" in line)
    assert '"i guess"' in note
    assert '"kind of"' in note


def test_comparison_with_the_first_try() -> None:
    first = "I'm sorry if you were hurt, but you made me do it."
    second = "I'm sorry I lied to you. It was my fault, and I want to make it right."
    result = spoken(second, previous=first, attempt=1)
    lines = [*result.now, *result.later]
    assert_speakable(lines)
    assert lines[0].startswith("That was stronger than your first try")
    assert "owning it" in lines[0]
    assert any("how it affected them" in line for line in lines)
    assert lines[-1] == TRY_AGAIN


@pytest.mark.parametrize(
    ("attempt", "name"),
    [(1, "your first try"), (2, "your second try"), (3, "your third try"), (None, "your last try")],
)
def test_a_retry_is_compared_with_the_try_before_it_named_correctly(
    attempt: int | None, name: str
) -> None:
    before = "I'm sorry I lied to you."
    after = "I'm sorry I lied to you. It was my fault, and I'll answer anything you ask."
    opening = spoken(after, previous=before, attempt=attempt).now[0]
    assert opening.startswith(f"That was stronger than {name}:"), opening
    weaker = spoken(before, previous=after, attempt=attempt)
    bring_back = f"{name[:1].upper()}{name[1:]} had owning it; bring that back."
    assert bring_back in weaker.now, weaker.now


def test_a_third_try_is_compared_with_the_second_not_the_first() -> None:
    second = "I'm sorry I lied to you."
    third = "I'm sorry I lied to you. It was my fault, and I'll answer anything you ask."
    result = spoken(third, previous=second, attempt=2)
    lines = [*result.now, *result.later]
    assert lines[0] == (
        "That was stronger than your second try: you added owning it and an offer to make it right."
    )
    assert not any("first try" in line for line in lines)


def test_a_weaker_second_try_is_told_what_to_bring_back() -> None:
    result = spoken(
        "I'm sorry if you were hurt, but you made me do it.",
        previous="I'm sorry I lied. It was my fault, and I want to make it right.",
        attempt=1,
    )
    lines = [*result.now, *result.later]
    assert any(line.startswith("Your first try had owning it") for line in lines)
    assert lines[-1] == TRY_AGAIN


def test_stronger_example_keeps_their_words_and_drops_the_anti_patterns() -> None:
    text = "im sorry i lied to you about the money but you made me do it"
    example = stronger_example(text, analyze_apology(text))
    assert "I'm sorry I lied to you about the money." in example
    assert "made me" not in example
    assert " but " not in example
    result = analyze_apology(example)
    assert result.anti_patterns == ()
    assert set(result.components) >= CORE
    assert "forgiveness_request" not in result.components


def test_stronger_example_reuses_harm_and_repair() -> None:
    text = (
        "I'm sorry I made fun of you in front of your friends and embarrassed you. "
        "I want to make it up to you."
    )
    example = stronger_example(text, analyze_apology(text))
    assert example.startswith("I'm sorry I made fun of you in front of your friends.")
    assert "I know I embarrassed you." in example
    assert "I want to make it up to you." in example


def test_stronger_example_for_an_empty_attempt_is_still_a_whole_apology() -> None:
    example = stronger_example("", analyze_apology(""))
    assert set(analyze_apology(example).components) >= CORE


@pytest.mark.parametrize("text", ["😀" * 40, "\x00\x01", "x" * 10_000, "but " * 2_000])
def test_junk_input(text: str) -> None:
    analysis = analyze_apology(text)
    result = compose_feedback(analysis)
    assert_speakable([*result.now, *result.later])
    assert word_count(result.now) <= MAX_SPOKEN_WORDS
    assert stronger_example(text, analysis)


def test_the_stronger_example_is_clean_for_every_eval_utterance() -> None:
    items = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    for item in items:
        analysis = analyze_apology(item["text"])
        result = compose_feedback(analysis)
        assert_speakable([*result.now, *result.later])
        example = stronger_example(item["text"], analysis)
        again = analyze_apology(example)
        assert again.anti_patterns == (), (item["text"], example)
        assert set(again.components) >= CORE, (item["text"], example)
        assert "(" not in example
        for sentence in re.split(r"(?<=[.?!]) ", example):
            assert sentence[:1].isupper() and sentence[-1] in ".?!", (item["text"], sentence)


def test_every_anti_pattern_has_a_spoken_line() -> None:
    from actions.coaching.apology_feedback import _ANTI_PATTERN_LINES

    assert set(_ANTI_PATTERN_LINES) == set(ANTI_PATTERNS)
