"""The trained NLU understands phrasings it never saw, well enough for a voice coach."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.dialogue.bridge import RasaDialogue

HOLDOUT = Path(__file__).parent / "eval" / "nlu_holdout.yml"
ACCURACY_FLOOR = 0.85


@pytest.mark.rasa
def test_intent_accuracy_on_held_out_phrasings(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    cases = yaml.safe_load(HOLDOUT.read_text())
    misses = []
    for case in cases:
        intent, _confidence = run(rasa_dialogue.classify(case["text"]))
        if intent != case["intent"]:
            misses.append((case["text"], case["intent"], intent))
    accuracy = 1 - len(misses) / len(cases)
    print(f"\nNLU held-out accuracy: {accuracy:.3f} ({len(cases)} phrasings)")
    for miss in misses:
        print("  miss:", miss)
    assert accuracy >= ACCURACY_FLOOR, misses


LONG_OPENER_WORDS = 15
"""Held-out phrasings this long are the long, context-rich openers (issue 12)."""
LONG_OPENER_FLOOR = 0.9


@pytest.mark.rasa
def test_long_openers_route_to_the_exercise_they_ask_for(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    cases = [
        case
        for case in yaml.safe_load(HOLDOUT.read_text())
        if len(case["text"].split()) >= LONG_OPENER_WORDS
    ]
    assert len(cases) >= 20
    misses = []
    for case in cases:
        intent, confidence = run(rasa_dialogue.classify(case["text"]))
        if intent != case["intent"]:
            misses.append((case["text"][:60], case["intent"], intent, round(confidence, 2)))
    accuracy = 1 - len(misses) / len(cases)
    print(f"\nLong openers routed: {accuracy:.3f} ({len(cases)} held out)")
    assert accuracy >= LONG_OPENER_FLOOR, misses
