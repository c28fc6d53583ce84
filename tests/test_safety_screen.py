"""Unit tests for the safety screen (assistant/safety/screen.py)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from assistant.safety import SafetyFinding, screen, screen_all
from tests.support.scaling import assert_linear


@pytest.mark.parametrize(
    ("text", "kind", "role"),
    [
        ("i dont want to live anymore", "self_harm", None),
        ("i want to kill myself", "self_harm", None),
        ("i've been cutting again", "self_harm", None),
        ("everyone would be better off without me", "self_harm", None),
        ("what's the point of going on", "self_harm", None),
        ("I'm not sure I want to live.", "self_harm", None),
        ("im not sure i want to live", "self_harm", None),
        ("i wanna die", "self_harm", None),
        ("he hits me when he is angry", "abuse", "harmed"),
        ("she threatened to kill me", "abuse", "harmed"),
        ("i'm scared of him", "abuse", "harmed"),
        ("he checks my phone and won't let me see my friends", "abuse", "harmed"),
        ("he takes my paycheck", "abuse", "harmed"),
        ("i shoved her", "abuse", "harming"),
        ("i hit my wife", "abuse", "harming"),
        ("i grabbed her by the throat", "abuse", "harming"),
        ("my wife is scared of me", "abuse", "harming"),
        ("i lose my temper and hit her", "abuse", "harming"),
        ("i'm not allowed to see my friends", "abuse", "harmed"),
        ("i think im in an abusive relationship", "abuse", "unclear"),
        ("i am being abused", "abuse", "harmed"),
        ("i'm a victim of domestic violence", "abuse", "harmed"),
        ("my partner is abusive", "abuse", "harmed"),
        ("i was abusive to my ex", "abuse", "harming"),
        ("i'm afraid he'll find me if i leave", "abuse", "harmed"),
        ("he says i'll never see the kids again", "abuse", "harmed"),
        ("i told her she'll never see the kids again", "abuse", "harming"),
        ("i'm scared of what i might do to her", "abuse", "harming"),
        ("she's frightened of me when i drink", "abuse", "harming"),
        ("my husband reads all my messages", "abuse", "harmed"),
        ("i take my wife's paycheck", "abuse", "harming"),
    ],
)
def test_catches_crises_with_kind_and_role(text: str, kind: str, role: str | None) -> None:
    finding = screen(text)
    assert finding is not None, text
    assert finding.kind == kind
    assert finding.role == role


@pytest.mark.parametrize(
    "text",
    [
        "this traffic is killing me",
        "i'm dying to make this right",
        "i hurt her feelings",
        "i killed it at work",
        "that joke killed me",
        "i could kill for a coffee",
        "she hit the nail on the head",
        "i hit a wall with this",
        "my heart is broken",
        "i feel terrible about lying",
        "i'm not suicidal, just sad",
        "im not suicidal just sad",
        "I would never hurt myself.",
        "i'd never hit her",
        "she kicked me out",
        "it hit me how much i hurt her",
        "i'm killing myself trying to make this work",
        "she went through my phone and found the messages",
        "i abused her trust",
        "she stabbed me in the back",
        "i hit her up last night to apologise",
        "she beat me to it",
        "i cut myself shaving",
        "i don't want to live a lie anymore",
        "i'm scared of her reaction",
        "she's scared of me cheating again",
    ],
)
def test_hard_negatives_are_not_crises(text: str) -> None:
    assert screen(text) is None


def test_negation_only_undoes_the_phrase_it_negates() -> None:
    assert screen("I'm not suicidal") is None
    finding = screen("I'm not suicidal, but I wish I was dead")
    assert finding is not None and finding.kind == "self_harm"
    assert finding.phrase == "wish I was dead"


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself.",
        "Honestly... I don’t want to live anymore!!",
        "He HITS me when he’s drunk",
        "  i've   been — cutting again  ",
        "She said she'd kill me if I ever left.",
        "My husband reads all my messages; he tracks my location.",
        "I'm not sure I want to live, to be honest",
        "what's the point of going on\n\nreally",
        "İİİ ß I grabbed her by the throat",
        "ok\x00\x07 i want to die\x1b[0m",
    ],
)
def test_phrase_is_the_exact_substring_at_the_offsets(text: str) -> None:
    finding = screen(text)
    assert finding is not None, text
    assert 0 <= finding.start < finding.end <= len(text)
    assert text[finding.start : finding.end] == finding.phrase
    assert finding.phrase == finding.phrase.strip()
    assert finding.phrase[0].isalnum() and finding.phrase[-1].isalnum()


def test_typed_and_speech_forms_agree() -> None:
    pairs = [
        ("I'm scared of him.", "im scared of him"),
        ("I don't want to be alive anymore.", "i dont want to be alive anymore"),
        ("He's been hitting me.", "hes been hitting me"),
        ("I'm gonna kill myself.", "im gonna kill myself"),
        ("I can't go on.", "i cant go on"),
    ]
    for typed, spoken in pairs:
        a, b = screen(typed), screen(spoken)
        assert a is not None and b is not None, (typed, spoken)
        assert (a.kind, a.role) == (b.kind, b.role)


def test_typographic_apostrophes_are_read_like_plain_ones() -> None:
    for apostrophe in "'’‘ʼ":
        text = f"I don{apostrophe}t want to live anymore"
        finding = screen(text)
        assert finding is not None and finding.kind == "self_harm"
        assert text[finding.start : finding.end] == finding.phrase


def test_a_crisis_buried_in_long_text_is_found_at_the_right_place() -> None:
    filler = "we talked about the weekend and the kids and the garden. " * 170
    text = filler + "He threatened to kill me." + filler
    finding = screen(text)
    assert finding is not None and finding.kind == "abuse"
    assert finding.start == len(filler)
    assert finding.phrase == "He threatened to kill me"


def test_both_kinds_in_one_turn() -> None:
    text = "he hits me and i want to die"
    found = screen_all(text)
    assert [f.kind for f in found] == ["self_harm", "abuse"]
    assert found[1].role == "harmed"
    first = screen(text)
    assert first is not None and first.kind == "self_harm"


def test_finding_is_frozen() -> None:
    finding = screen("i want to kill myself")
    assert isinstance(finding, SafetyFinding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.kind = "abuse"  # type: ignore[misc]


_JUNK = {
    "empty": "",
    "spaces": " " * 10_000,
    "newlines": "\n\r\t" * 3_000,
    "one long word": "a" * 10_000,
    "many short words": "ab " * 3_333,
    "digits": "9" * 10_000,
    "emoji": "😀🙏🏽💔👨‍👩‍👧" * 1_000,
    "control characters": "".join(chr(c) for c in range(32)) * 300,
    "replacement characters": bytes(range(256)).decode("utf-8", errors="replace") * 40,
    "random bytes": bytes((i * 7919 + 13) % 256 for i in range(10_000)).decode(
        "utf-8", errors="replace"
    ),
    "lone surrogates": "\ud800\udfff" * 5_000,
    "punctuation": "'’`.,!?-—()[]{}" * 700,
    # Inputs shaped like the patterns' own pieces, to catch super-linear backtracking.
    "repeated subjects": "he has been " * 833,
    "repeated objects": "hit me " * 1_428,
    "repeated fear": "scared of " * 1_000,
    "repeated partner": "my wife " * 1_250,
    "repeated wants": "i want to " * 1_000,
    "repeated threats": "threatened to " * 714,
    "repeated negations": "not " * 2_500,
    "repeated throws": "threw the " * 1_000,
    "no spaces": "iwanttokillmyself" * 588,
}


@pytest.mark.parametrize("name", sorted(_JUNK))
def test_junk_returns_none_in_linear_time(name: str) -> None:
    text = _JUNK[name]
    assert screen(text) is None
    # A pattern with catastrophic backtracking would take seconds, or hours, here.
    assert_linear(screen, lambda size: text[:size])


def test_long_mixtures_of_trigger_words_stay_fast() -> None:
    vocabulary = (
        "i im he she my wife husband not never dont want to kill myself hit me her him "
        "scared of afraid threatened said hell would will be better off without live "
        "anymore cutting again abuse violent phone checks let see friends takes paycheck"
    )
    words = vocabulary.split(" ")
    rng = random.Random(7)
    for _ in range(5):
        text = " ".join(rng.choice(words) for _ in range(2_000))[:10_000]
        assert_linear(screen, lambda size, text=text: text[:size])
