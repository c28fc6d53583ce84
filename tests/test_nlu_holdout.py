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
