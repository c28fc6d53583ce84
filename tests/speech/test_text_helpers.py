"""Sentence splitting, the command vocabulary, delivery facts and the echo guard's maths."""

from __future__ import annotations

import numpy as np

from assistant.events import Word
from assistant.speech.commands import CommandVocabulary, normalize
from assistant.speech.delivery import measure_delivery
from assistant.speech.sentences import MAX_CHARS, split_sentences
from assistant.voice.echo import EchoGuard, mentions_command
from tests.audio.harness import espeak


def test_sentences_split_at_ends_but_not_after_abbreviations() -> None:
    text = "Thank you.  That took courage! Did Dr. Lee say so? Yes…  Let's go on"
    assert split_sentences(text) == [
        "Thank you.",
        "That took courage!",
        "Did Dr. Lee say so?",
        "Yes…",
        "Let's go on",
    ]
    assert split_sentences("   ") == []


def test_very_long_sentences_are_cut_at_commas() -> None:
    long = ", ".join(["this is one part of a very long thought"] * 12) + "."
    pieces = split_sentences(long)
    assert len(pieces) > 1 and all(len(p) <= MAX_CHARS for p in pieces)
    assert " ".join(pieces) == long


def test_command_phrases_map_to_commands() -> None:
    vocabulary = CommandVocabulary()
    assert vocabulary.command_for("Stop!") == "stop"
    assert vocabulary.command_for("hold on") == "pause"
    assert vocabulary.command_for("I’m done") == "done"
    assert vocabulary.command_for("stop lying to me") is None
    assert normalize("  Say  THAT again? ") == "say that again"
    assert "[unk]" not in vocabulary.phrases


def test_delivery_facts_from_word_timings() -> None:
    words = [
        Word("i", 0.0, 0.2, 1.0),
        Word("um", 0.3, 0.5, 0.9),
        Word("am", 0.6, 0.8, 1.0),
        Word("sorry", 3.5, 4.0, 1.0),
    ]
    delivery = measure_delivery(words)
    assert delivery.duration_s == 4.0
    assert delivery.fillers == 1
    assert delivery.long_pauses == 1 and delivery.longest_pause_s == 2.7
    assert delivery.pauses_s == (2.7,)
    assert delivery.words_per_minute == 3 / 4.0 * 60
    assert measure_delivery([]).words_per_minute == 0.0


def test_echo_guard_knows_our_own_voice_but_not_the_users() -> None:
    ours = espeak("I will keep talking for a little while now.")
    user = espeak("stop", voice="en-us+f3", speed=120)
    reference = np.concatenate([np.zeros(8000, np.int16), ours])
    # What the microphone hears 150 ms later: our own voice, quieter.
    delayed = (reference[: len(reference) - 2400] * 0.5).astype(np.int16)
    guard = EchoGuard()
    verdicts = []
    for end in range(16000, len(delayed), 320):
        verdicts.append(guard.is_echo(delayed[end - 320 : end], reference[:end]))
    assert sum(verdicts) > 0.8 * len([v for v in verdicts])
    assert guard.mostly_echo

    guard.reset()
    start = 16000
    mixed = delayed[start : start + len(user)].astype(np.int32) + user * 2
    verdicts = [
        guard.is_echo(
            mixed[i : i + 320].clip(-32768, 32767).astype(np.int16), reference[: start + i + 320]
        )
        for i in range(0, len(user) - 320, 320)
    ]
    assert sum(verdicts) < 0.5 * len(verdicts)  # the user talking over us gets through


def test_echo_guard_passes_everything_when_we_are_silent() -> None:
    guard = EchoGuard()
    user = espeak("stop")
    assert not any(
        guard.is_echo(user[i : i + 320], np.zeros(20000, np.int16))
        for i in range(0, len(user) - 320, 320)
    )


def test_command_mentioned_in_our_own_sentence() -> None:
    assert mentions_command("Say stop when you want me to stop.", "stop")
    assert not mentions_command("Nonstop talking.", "stop")
