"""The answer analyzer against the evaluation set in tests/eval/answer_eval.yml.

Every label must reach precision and recall of at least 0.9. Run with ``-s`` to see the
figures table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from actions.coaching.answer import LABELS, AnswerAnalysis, analyze_answer
from tests.support.eval_metrics import Score, score, table

EVAL_FILE = Path(__file__).parent / "eval" / "answer_eval.yml"
MIN_PRECISION = 0.9
MIN_RECALL = 0.9


@dataclass(frozen=True)
class Case:
    text: str
    style: str
    labels: frozenset[str]


def _load() -> list[Case]:
    raw = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    assert isinstance(raw, list), "the eval file must be a list of {text, style, labels}"
    cases = []
    for item in raw:
        assert set(item) == {"text", "style", "labels"}, item
        assert item["style"] in {"typed", "speech"}, item
        assert set(item["labels"]) <= set(LABELS), item
        cases.append(Case(item["text"], item["style"], frozenset(item["labels"])))
    return cases


CASES = _load()


@pytest.fixture(scope="module")
def results() -> list[tuple[Case, AnswerAnalysis]]:
    # The rules alone: the learned labels are measured by bench/answer_learned.py.
    return [(case, analyze_answer(case.text, use_learned=False)) for case in CASES]


def _scores(results: list[tuple[Case, AnswerAnalysis]]) -> list[Score]:
    return [
        score(label, [(label in c.labels, label in set(a.labels)) for c, a in results])
        for label in LABELS
    ]


def test_eval_set_is_big_and_varied_enough() -> None:
    assert len(CASES) >= 70
    speech = sum(case.style == "speech" for case in CASES)
    assert speech / len(CASES) >= 0.45, f"{speech} of {len(CASES)} in speech style"
    for label in LABELS:
        positives = [case for case in CASES if label in case.labels]
        assert len(positives) >= 6, f"{label}: {len(positives)} positives"
        assert {case.style for case in positives} == {"typed", "speech"}, label
    assert sum(not case.labels for case in CASES) >= 20, "too few items without any label"
    texts = [case.text.lower() for case in CASES]
    assert len(texts) == len(set(texts)), "duplicate answers in the eval set"


def test_speech_style_items_look_like_recognised_speech() -> None:
    for case in CASES:
        if case.style == "speech":
            assert case.text == case.text.lower(), case.text
            assert not any(ch in case.text for ch in ".,!?;:'’\"-"), case.text
            assert not any(ch.isdigit() for ch in case.text), case.text


@pytest.mark.parametrize("label", LABELS)
def test_label_precision_and_recall(label: str, results: list[tuple[Case, AnswerAnalysis]]) -> None:
    (found,) = [s for s in _scores(results) if s.name == label]
    wrong = [
        f"{'missed' if label in c.labels else 'false'}: {c.text!r}"
        for c, a in results
        if (label in c.labels) != (label in a.labels)
    ]
    assert found.precision >= MIN_PRECISION and found.recall >= MIN_RECALL, "\n".join(wrong)


def test_print_figures(results: list[tuple[Case, AnswerAnalysis]]) -> None:
    scores = _scores(results)
    for style in ("typed", "speech"):
        subset = [(c, a) for c, a in results if c.style == style]
        pairs = [(label in c.labels, label in a.labels) for c, a in subset for label in LABELS]
        scores.append(score(f"all labels ({style})", pairs))
    exact = sum(set(a.labels) == c.labels for c, a in results) / len(results)
    print()
    print(table(f"answer analyzer on {EVAL_FILE.name} ({len(results)} answers)", scores))
    print(f"exact label-set match: {exact:.1%}")
