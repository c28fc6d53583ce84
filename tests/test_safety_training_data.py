"""The crisis classifier's training data: enough of it, in the user's own registers, with
this product's hard negatives, and one label per sentence. Its loading, splitting and
model cache are checked here too; no encoder is needed."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.paths import PROJECT_ROOT
from assistant.safety.classifier import LABELS
from assistant.safety.training import (
    DATA_DIR,
    crisis_model_is_current,
    is_test_split,
    load_examples,
    speech_style,
    training_fingerprint,
)

HARD_NEGATIVE_FILES = ("lookalike", "conflict", "everyday", "long_messages", "fresh", "earlier")
"""Files whose benign sentences borrow a crisis's words (the everyday file was written to
use "end", "gone", "pills", "kill", "hit" and the like in their ordinary senses)."""


def _is_speech(text: str) -> bool:
    return text == text.lower() and not re.search(r"[.,!?;:'’\"]", text)


@pytest.mark.slow  # 4-7 s: kept out of `make check`, run by `make test`
def test_the_data_is_large_varied_and_has_hard_negatives() -> None:
    examples = [e for e in load_examples(PROJECT_ROOT) if "safety/data" in e.source]
    counts = Counter(e.label for e in examples)
    assert len(examples) >= 2500
    assert set(counts) == set(LABELS)
    speech = sum(_is_speech(e.text) for e in examples) / len(examples)
    assert speech >= 0.5, f"speech style {speech:.2f}"
    hard = [
        e for e in examples if e.label == "none" and any(h in e.source for h in HARD_NEGATIVE_FILES)
    ]
    assert len(hard) / len(examples) >= 0.40
    print(f"\n{len(examples)} sentences, {counts}, speech {speech:.2f}, hard negatives {len(hard)}")


def test_every_blind_batch_records_its_first_run() -> None:
    batches = sorted((DATA_DIR / "fresh").glob("*.yml"))
    assert len(batches) >= 9
    for path in batches:
        header = path.read_text(encoding="utf-8").split("\n- ", 1)[0]
        assert "First run" in header and '"recall"' in header, path.name
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert len(items) >= 60
        assert sum(item["label"] != "none" for item in items) >= 30


@pytest.mark.slow  # 4-7 s: kept out of `make check`, run by `make test`
def test_the_test_split_is_stable_and_about_fifteen_percent() -> None:
    examples = load_examples(PROJECT_ROOT)
    share = sum(is_test_split(e.text) for e in examples) / len(examples)
    assert 0.12 <= share <= 0.18
    # Case, punctuation and a recogniser's spelling do not move a sentence across it.
    for example in examples[:200]:
        assert is_test_split(example.text) == is_test_split(speech_style(example.text))


def test_a_sentence_with_two_labels_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yml").write_text("label: none\nexamples:\n  - I ended it with him\n")
    (data / "b.yml").write_text("- {text: 'i ended it with him', label: self_harm}\n")
    (tmp_path / "data" / "nlu").mkdir()
    with pytest.raises(ValueError, match="one label"):
        load_examples(tmp_path, data)


def test_a_model_is_current_only_for_the_data_it_was_made_from(tmp_path: Path) -> None:
    assert not crisis_model_is_current(tmp_path, PROJECT_ROOT)
    assert training_fingerprint(PROJECT_ROOT) == training_fingerprint(PROJECT_ROOT)


def test_speech_style_is_what_a_recogniser_writes() -> None:
    assert speech_style("I'm sorry — I didn't mean it!") == "im sorry i didnt mean it"


def test_benign_messages_are_learned_piece_by_piece_and_crises_whole() -> None:
    from assistant.safety.training import Example, training_texts

    long_benign = (
        "I told her everything last night. The old me had to go. "
        "Now I answer every question she asks, even the tenth time."
    )
    crisis = "I said sorry to her today. Then I sorted the pills I have been saving."
    training = training_texts(
        [Example(long_benign, "none", "t"), Example(crisis, "self_harm", "t")]
    )
    learned = dict(zip(training.texts, training.labels, strict=True))
    # Each sentence of the benign message is benign in its own right...
    assert learned["The old me had to go"] == "none"
    # ...but a crisis's first sentence alone is not a crisis, so it is not learned as one.
    assert "I said sorry to her today" not in learned
    assert learned[crisis] == "self_harm"
    assert learned[speech_style(crisis)] == "self_harm"


def test_a_blind_writers_sentences_weigh_more_in_the_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.safety import training
    from assistant.safety.training import Example, training_texts

    # The product's weight is 1 for now (see BLIND_WEIGHT); the mechanism is what is checked.
    blind_weight = 6.0
    monkeypatch.setattr(training, "BLIND_WEIGHT", blind_weight)
    blind = "I told him the truth at last. Then I slept for the first time in weeks."
    gap_filler = "I promised to be home by nine and I was."
    shared = "I'm done lying."
    found = training_texts(
        [
            Example(blind, "none", "assistant/safety/data/fresh/kz-batch1.yml"),
            Example(gap_filler, "none", "assistant/safety/data/none_promises.yml"),
            Example(shared, "none", "assistant/safety/data/none_promises.yml"),
            Example(shared, "none", "assistant/safety/data/fresh/kz-batch2.yml"),
        ]
    )
    weight = dict(zip(found.texts, found.emphasis, strict=True))
    # The blind sentence, its speech copy and its pieces all carry the writer's weight...
    assert weight[blind] == weight[speech_style(blind)] == blind_weight
    assert weight["Then I slept for the first time in weeks"] == blind_weight
    # ...a gap-filling file's do not, and words found in both take the larger.
    assert weight[gap_filler] == weight[speech_style(gap_filler)] == 1.0
    assert weight[shared] == blind_weight


@pytest.mark.slow  # 4-7 s: kept out of `make check`, run by `make test`
def test_the_fit_follows_each_texts_weight() -> None:
    """Weighing one crisis sentence more pulls the regression toward its label."""
    from dataclasses import replace

    import numpy as np

    from assistant.encoder import EMBEDDING_DIM
    from assistant.safety.training import TrainingSet, fit

    rng = np.random.default_rng(7)
    texts = [f"sentence number {n} about {word}" for n, word in enumerate("abcdefghijkl")]
    labels = ["none", "self_harm", "abuse_suffered", "abuse_done"] * 3
    features = rng.normal(size=(len(texts), 12 * EMBEDDING_DIM)).astype(np.float32)
    # One crisis sentence placed among the benign ones: its own weight decides how far
    # the boundary bends to it.
    features[1] = features[0] + 0.01 * features[1]

    def self_harm_of_it(weight: float) -> float:
        emphasis = [1.0] * len(texts)
        emphasis[1] = weight
        model = fit(features, TrainingSet(texts, labels, emphasis), "test")
        regression = replace(model, neighbours=None)
        return float(regression.probabilities(features[1:2], texts[1:2])[0, 1])

    assert self_harm_of_it(10.0) > self_harm_of_it(1.0) + 0.05
