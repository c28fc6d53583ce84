"""The whole safety guard as a turn at the menu sees it (encoder, classifier, patterns and
the dialogue's decision), measured on sentences it was never trained on:

- the classifier's test split (a stable 15 % of every training file, never learned);
- the analyzers' evaluation sets (apologies, answers and listening reflections users
  practise), which are not training data for the classifier.

The floors sit a little under what was measured (README, "Safety screen"), so a change
that makes the guard worse fails here; the figures are printed either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from assistant.dialogue.bridge import RasaDialogue
from assistant.encoder import load_encoder
from assistant.paths import PROJECT_ROOT
from assistant.safety import SafetyFinding
from assistant.safety.classifier import CrisisModel, Neighbours
from assistant.safety.learned import LearnedScreen
from assistant.safety.training import crisis_model_path, is_test_split, load_examples
from assistant.settings import DialogueSettings

pytestmark = pytest.mark.rasa

EVAL = Path(__file__).parent / "eval"


def _practised() -> list[str]:
    """The analyzers' evaluation sets: sentences users practise, never the classifier's data."""
    return [
        case["text"]
        for name in ("apology_eval.yml", "answer_eval.yml", "reflection_eval.yml")
        for case in yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))
    ]


def _outcomes(dialogue: RasaDialogue, run: Callable[[Any], Any], texts: list[str]) -> list[Any]:
    outcomes: list[Any] = run(dialogue.assess_many(texts))
    return outcomes


def _never_trained(crisis: bool) -> list[str]:
    """The classifier's test split (never learned): its crises, or its benign texts."""
    held_out = [e for e in load_examples(PROJECT_ROOT) if is_test_split(e.text)]
    texts = [e.text for e in held_out if (e.label != "none") == crisis]
    assert len(texts) >= 300
    return texts


# Each half of the split is some 1,500 sentences through the whole guard, 90-190 s beside
# other workers; the suite's 300 s default could kill the worker mid-test on a busy box.
@pytest.mark.timeout(900)
@pytest.mark.first
def test_on_the_never_trained_split_crises_are_caught(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    crises = _never_trained(crisis=True)
    on_crises = _outcomes(rasa_dialogue, run, crises)
    recall = sum(o is not None for o in on_crises) / len(crises)
    print(f"\nsafety guard, test split: crises caught {recall:.3f} of {len(crises)}")
    assert recall >= 0.94


@pytest.mark.timeout(900)
@pytest.mark.first
@pytest.mark.beside_audio
def test_on_the_never_trained_split_few_benign_are_stopped(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    benign = _never_trained(crisis=False)
    on_benign = _outcomes(rasa_dialogue, run, benign)
    blocking = sum(o == "crisis" for o in on_benign) / len(benign)
    checks = sum(o == "check" for o in on_benign) / len(benign)
    print(
        f"\nsafety guard, test split: on {len(benign)} benign: blocking {blocking:.3f}, "
        f"checks {checks:.3f}"
    )
    assert blocking <= 0.02
    assert checks <= 0.14  # measured 0.118 (ka, conditionals and the request bar; README)


def test_the_practice_sets_are_almost_never_stopped(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    texts = _practised()
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


@pytest.mark.first
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


@dataclasses.dataclass(frozen=True)
class _CountingNeighbours(Neighbours):
    """The trained vote, counting the rows it is asked about."""

    asked: list[int] = dataclasses.field(default_factory=list)

    def vote(self, features: np.ndarray) -> np.ndarray:
        self.asked.append(len(features))
        return super().vote(features)


def _each_text_read_once(features: Callable[[list[str]], np.ndarray]) -> Callable[..., Any]:
    """The encoder's ``features``, each text's row kept: the two readings compared below
    then differ only in the vote, which is what is tested (the encoder is deterministic;
    reading every turn twice was half this test's time)."""
    kept: dict[str, np.ndarray] = {}

    def read(texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in kept))
        if missing:
            kept.update(zip(missing, features(missing), strict=True))
        return np.stack([kept[t] for t in texts])

    return read


@pytest.mark.first
def test_leaving_the_slow_vote_out_below_the_check_bar_changes_no_decision(
    dialogue_settings: DialogueSettings,
) -> None:
    """The learned screen leaves its nearest-sentence vote out of pieces it could not lift
    to a check (a third of a turn's time at the menu). Over held-out turns and practised
    sentences, what it decides must be what the full reading decides."""
    folder = dialogue_settings.understanding_dir
    model = CrisisModel.load(crisis_model_path(folder))
    assert model.neighbours is not None
    fields = {f.name: getattr(model.neighbours, f.name) for f in dataclasses.fields(Neighbours)}
    counting = _CountingNeighbours(**fields)
    screen = LearnedScreen(
        _each_text_read_once(load_encoder(folder).features),
        dataclasses.replace(model, neighbours=counting),
    )
    held_out = [e.text for e in load_examples(PROJECT_ROOT) if is_test_split(e.text)][::8]
    practised = _practised()[::4]
    turns = held_out + practised

    quick = [screen.findings(s) for s in screen.scores_many(turns)]
    voted_quick = sum(counting.asked)
    counting.asked.clear()
    full = [screen.findings(s) for s in screen.scores_many(turns, [True] * len(turns))]
    voted_full = sum(counting.asked)

    def decision(found: tuple[SafetyFinding, ...]) -> list[tuple[object, ...]]:
        return [(f.kind, f.phrase, f.start, f.end, f.role, f.certain) for f in found]

    assert [decision(f) for f in quick] == [decision(f) for f in full]
    # Read in another grouping, the same row's vote may differ in its last float digits.
    for q, e in zip(quick, full, strict=True):
        for a, b in zip(q, e, strict=True):
            assert a.score is not None and b.score is not None
            assert abs(a.score - b.score) <= 1e-3
    assert any(quick) and not all(quick)  # crises, checks and calm turns alike
    print(
        f"\n{len(turns)} turns: the vote read {voted_quick} pieces instead of {voted_full} "
        f"({voted_quick / voted_full:.0%})"
    )
    assert voted_quick < voted_full
