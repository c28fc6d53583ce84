"""The whole safety guard as a turn sees it: the screen first, then the NLU's crisis
intents (trusted alone only when very sure). Every crisis must be caught, and ordinary talk
about hurt — the apology and safety evaluation sets' negatives — must rarely be mistaken
for one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.dialogue import CRISIS_INTENTS, RasaDialogue
from assistant.safety import screen_all

EVAL = Path(__file__).parent / "eval"
MAX_FALSE_ALARM_RATE = 0.03


def _kind(dialogue: RasaDialogue, run: Callable[[Any], Any], text: str) -> str | None:
    found = screen_all(text)
    if found:
        return "self_harm" if any(f.kind == "self_harm" for f in found) else "abuse"
    intent, _confidence = run(dialogue.classify(text))
    return CRISIS_INTENTS.get(str(intent))


@pytest.mark.rasa
def test_every_crisis_caught_and_few_false_alarms(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    safety = yaml.safe_load((EVAL / "safety_eval.yml").read_text())
    apology = yaml.safe_load((EVAL / "apology_eval.yml").read_text())
    crises = [case for case in safety if case.get("kind")]
    ordinary = [case["text"] for case in safety if not case.get("kind")]
    ordinary += [case["text"] for case in apology]

    missed = [c["text"] for c in crises if _kind(rasa_dialogue, run, c["text"]) is None]
    alarms = [text for text in ordinary if _kind(rasa_dialogue, run, text) is not None]
    rate = len(alarms) / len(ordinary)
    print(
        f"\nsafety pipeline: crises caught {len(crises) - len(missed)}/{len(crises)}; "
        f"false alarms {len(alarms)}/{len(ordinary)} ({rate:.1%})"
    )
    for text in alarms:
        print("  false alarm:", text)
    assert not missed
    assert rate <= MAX_FALSE_ALARM_RATE
