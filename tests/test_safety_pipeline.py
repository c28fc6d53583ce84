"""The whole safety guard as a turn at the menu sees it (encoder, classifier, patterns and
the dialogue's decision), measured on sentences it was never trained on:

- the classifier's test split (a stable 15 % of every training file, never learned);
- the analyzers' evaluation sets (apologies, answers and listening reflections users
  practise), which are not training data for the classifier.

The floors sit a little under what was measured (README, "Safety screen"), so a change
that makes the guard worse fails here; the figures are printed either way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.dialogue.bridge import RasaDialogue
from assistant.paths import PROJECT_ROOT
from assistant.safety.training import is_test_split, load_examples

pytestmark = pytest.mark.rasa

EVAL = Path(__file__).parent / "eval"


def _outcomes(dialogue: RasaDialogue, run: Callable[[Any], Any], texts: list[str]) -> list[Any]:
    outcomes: list[Any] = run(dialogue.assess_many(texts))
    return outcomes


# Over 3,000 sentences through the whole guard: about 280 s alone, longer beside another
# worker; the suite's 300 s default would kill the worker mid-test.
@pytest.mark.timeout(900)
def test_on_the_never_trained_split_crises_are_caught_and_few_benign_are_stopped(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    held_out = [e for e in load_examples(PROJECT_ROOT) if is_test_split(e.text)]
    crises = [e.text for e in held_out if e.label != "none"]
    benign = [e.text for e in held_out if e.label == "none"]
    assert len(crises) >= 300 and len(benign) >= 300
    on_crises = _outcomes(rasa_dialogue, run, crises)
    on_benign = _outcomes(rasa_dialogue, run, benign)
    recall = sum(o is not None for o in on_crises) / len(crises)
    blocking = sum(o == "crisis" for o in on_benign) / len(benign)
    checks = sum(o == "check" for o in on_benign) / len(benign)
    print(
        f"\nsafety guard, test split: crises caught {recall:.3f} of {len(crises)}; on "
        f"{len(benign)} benign: blocking {blocking:.3f}, checks {checks:.3f}"
    )
    assert recall >= 0.94
    assert blocking <= 0.02
    assert checks <= 0.14  # measured 0.118 (ka, conditionals and the request bar; README)


def test_the_practice_sets_are_almost_never_stopped(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    texts = [
        case["text"]
        for name in ("apology_eval.yml", "answer_eval.yml", "reflection_eval.yml")
        for case in yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))
    ]
    outcomes = _outcomes(rasa_dialogue, run, texts)
    blocked = [t for t, o in zip(texts, outcomes, strict=True) if o == "crisis"]
    checked = [t for t, o in zip(texts, outcomes, strict=True) if o == "check"]
    print(
        f"\nsafety guard on {len(texts)} practice sentences: {len(blocked)} blocked, "
        f"{len(checked)} checked"
    )
    for text in blocked:
        print("  blocked:", text)
    assert len(blocked) / len(texts) <= 0.01
    # Measured 69 of 670 (10.3 %; 125 before the 2,200 sentences added with e1-e3): a
    # practised sentence is asked about once in ten (README, "Safety screen"); after a "no"
    # the same weak sign is not asked again.
    assert len(checked) / len(texts) <= 0.14


def test_reading_many_turns_at_once_decides_as_reading_each_alone(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    """The measurements above read thousands of turns in one batched pass; a turn at the
    menu is read alone. Both must reach the same decisions (sure, check or nothing)."""
    held_out = [e for e in load_examples(PROJECT_ROOT) if is_test_split(e.text)]
    # Every 20th: crises and benign, short and long, typed and spoken.
    sample = [e.text for e in held_out[::20]]
    alone = [run(rasa_dialogue.assess(text)) for text in sample]
    together = _outcomes(rasa_dialogue, run, sample)
    assert together == alone
    assert {"crisis", "check", None} <= set(alone)  # the sample reaches every decision
