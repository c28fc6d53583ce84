"""Cleaning of raw user text: junk in, calm and predictable out."""

from __future__ import annotations

import pytest

from assistant.dialogue.text_input import InputProblem, clean_text


def test_plain_text_passes_through_with_whitespace_collapsed() -> None:
    cleaned = clean_text("  I'm   sorry\tI lied \n to you ")
    assert cleaned.text == "I'm sorry I lied to you"
    assert cleaned.problem is None
    assert cleaned.usable


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\x00\x01\x02", "😀😢🙏", "\ufffd\ufffd\ufffd", "!!! ??? ...", "\x1b[31m\x1b[0m"],
)
def test_nothing_wordlike_is_empty(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.problem is InputProblem.EMPTY
    assert not cleaned.usable


def test_emoji_and_control_characters_are_removed_but_words_kept() -> None:
    cleaned = clean_text("I'm sorry 🙏\x07 I really am\x00")
    assert cleaned.text == "I'm sorry I really am"
    assert cleaned.usable


def test_binary_junk_decoded_with_replacement_keeps_only_words() -> None:
    raw = bytes(range(256)).decode("utf-8", errors="replace") + " sorry"
    cleaned = clean_text(raw)
    assert cleaned.usable
    assert "sorry" in cleaned.text
    assert "\ufffd" not in cleaned.text


@pytest.mark.parametrize(
    "raw", ["정말 미안해요 내가 잘못했어요", "Я очень сожалею", "对不起，我错了"]
)
def test_non_latin_text_is_flagged_not_english(raw: str) -> None:
    assert clean_text(raw).problem is InputProblem.NOT_ENGLISH


def test_long_text_is_cut_at_a_word_boundary_and_flagged() -> None:
    raw = "sorry " * 2000  # 12,000 characters
    cleaned = clean_text(raw, max_chars=5000)
    assert cleaned.problem is InputProblem.TRUNCATED
    assert cleaned.usable
    assert len(cleaned.text) <= 5000
    assert cleaned.text.endswith("sorry")


def test_accented_latin_is_still_english_enough() -> None:
    assert clean_text("Désolé, I'm sorry about the café").problem is None
