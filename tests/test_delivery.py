"""Delivery notes: length, hedges and fillers, from the words alone."""

from __future__ import annotations

import pytest

from actions.coaching.delivery import LONG_APOLOGY_WORDS, SPEAKING_RATE_WPM, analyze_delivery


def hedges(text: str) -> list[str]:
    return [m.phrase for m in analyze_delivery(text).hedges]


def fillers(text: str) -> list[str]:
    return [m.phrase for m in analyze_delivery(text).fillers]


def test_word_count_and_spoken_length() -> None:
    notes = analyze_delivery("I'm sorry I lied to you about the money.")
    assert notes.word_count == 9
    assert notes.estimated_seconds == round(9 * 60 / SPEAKING_RATE_WPM, 1)
    assert notes.duration_s is None
    assert notes.words_per_minute is None


def test_audio_facts_are_stored_when_given() -> None:
    notes = analyze_delivery("one two three four five six", duration_s=3.0, pauses_s=[0.4, 1.2])
    assert notes.duration_s == 3.0
    assert notes.pauses_s == (0.4, 1.2)
    assert notes.words_per_minute == 120.0
    assert analyze_delivery("one two", duration_s=0).words_per_minute is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I guess I kind of lied", ["I guess", "kind of"]),
        ("i think maybe it was probably wrong", ["i think", "maybe", "probably"]),
        ("it was sort of my fault", ["sort of"]),
        ("that kind of thing never helps", []),
        ("what sort of person does that", []),
        ("I think about you every day", []),
        ("i suppose im sorry", ["i suppose"]),
    ],
)
def test_hedges(text: str, expected: list[str]) -> None:
    assert hedges(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("um I was uh wrong", ["um", "uh"]),
        ("Umm, hmm, I lied", ["Umm", "hmm"]),
        ("I was like, so tired", ["like"]),
        ("and like i was drunk", ["like"]),
        ("I'd like to make it up to you", []),
        ("I would like to explain", []),
        ("I felt like a monster", []),
        ("like i said i was wrong", []),
        ("it was, you know, a mistake", ["you know"]),
        ("it was you know hard", ["you know"]),
        ("you know i love you", []),
        ("do you know how hard this is", []),
        ("i mean, i was wrong", ["i mean"]),
        ("i mean it", []),
    ],
)
def test_fillers(text: str, expected: list[str]) -> None:
    assert fillers(text) == expected


def test_marker_offsets_point_into_the_original() -> None:
    text = "Um,   I GUESS im sorry,  you know"
    notes = analyze_delivery(text)
    for marker in (*notes.hedges, *notes.fillers):
        assert text[marker.start : marker.end] == marker.phrase


def test_long_and_filler_heavy_flags() -> None:
    assert analyze_delivery("sorry " * (LONG_APOLOGY_WORDS + 1)).is_long
    assert not analyze_delivery("sorry " * 20).is_long
    assert analyze_delivery("um uh um I lied").has_many_fillers
    assert not analyze_delivery("um I lied").has_many_fillers


def test_to_dict_shape() -> None:
    data = analyze_delivery("um I guess I lied").to_dict()
    assert data["word_count"] == 5
    assert data["hedges"] == [{"kind": "hedge", "phrase": "I guess", "start": 3, "end": 10}]
    assert data["fillers"][0]["phrase"] == "um"
    assert data["duration_s"] is None
    assert data["pauses_s"] == []


@pytest.mark.parametrize("text", ["", "😀" * 100, "\x00\x07", "x" * 10_000, "um " * 3_000])
def test_junk_input(text: str) -> None:
    notes = analyze_delivery(text)
    assert notes.word_count >= 0
    notes.to_dict()
