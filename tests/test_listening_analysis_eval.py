"""The reflection analyzer against the evaluation set in tests/eval/reflection_eval.yml.

Every label must reach precision and recall of at least 0.9, and key-point coverage must
match the annotations just as well. Run with ``-s`` to see the figures table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from actions.coaching.listening_analysis import LABELS, ListeningAnalysis, analyze_listening
from actions.coaching.scenarios import LISTENING_SCENARIOS, get_listening_scenario
from tests.support.eval_metrics import Score, score, table

EVAL_FILE = Path(__file__).parent / "eval" / "reflection_eval.yml"
MIN_PRECISION = 0.9
MIN_RECALL = 0.9
MIN_EXACT_COVERAGE = 0.85
"""Share of items whose covered set must match the annotation exactly."""


@dataclass(frozen=True)
class Case:
    scenario: str
    text: str
    style: str
    labels: frozenset[str]
    covered: frozenset[str]


def _load() -> list[Case]:
    raw = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    assert isinstance(raw, list), "the eval file must be a list of items"
    cases = []
    for item in raw:
        assert set(item) == {"scenario", "text", "style", "labels", "covered"}, item
        assert item["style"] in {"typed", "speech"}, item
        scenario = get_listening_scenario(item["scenario"])
        assert set(item["labels"]) <= set(LABELS), item
        point_ids = {point.id for point in scenario.key_points}
        assert set(item["covered"]) <= point_ids, item
        cases.append(
            Case(
                item["scenario"],
                item["text"],
                item["style"],
                frozenset(item["labels"]),
                frozenset(item["covered"]),
            )
        )
    return cases


CASES = _load()


@pytest.fixture(scope="module")
def results() -> list[tuple[Case, ListeningAnalysis]]:
    # The rules alone, whatever an earlier test left installed: this module-scoped fixture
    # runs before the per-test reset in conftest.
    return [
        (case, analyze_listening(case.scenario, case.text, use_learned=False)) for case in CASES
    ]


def _label_scores(results: list[tuple[Case, ListeningAnalysis]]) -> list[Score]:
    return [
        score(label, [(label in c.labels, label in set(a.labels)) for c, a in results])
        for label in LABELS
    ]


def _coverage_score(results: list[tuple[Case, ListeningAnalysis]]) -> Score:
    pairs = []
    for case, analysis in results:
        for point in get_listening_scenario(case.scenario).key_points:
            pairs.append((point.id in case.covered, point.id in analysis.covered))
    return score("key points", pairs)


def test_eval_set_is_big_and_varied_enough() -> None:
    assert len(CASES) >= 70
    speech = sum(case.style == "speech" for case in CASES)
    assert speech / len(CASES) >= 0.45, f"{speech} of {len(CASES)} in speech style"
    for label in LABELS:
        positives = sum(label in case.labels for case in CASES)
        assert positives >= 6, f"{label}: {positives} positives"
    assert {case.scenario for case in CASES} == {s.id for s in LISTENING_SCENARIOS}
    assert sum(not case.labels for case in CASES) >= 10, "too few items without any label"
    texts = [case.text.lower() for case in CASES]
    assert len(texts) == len(set(texts)), "duplicate reflections in the eval set"


def test_speech_style_items_look_like_recognised_speech() -> None:
    for case in CASES:
        if case.style == "speech":
            assert case.text == case.text.lower(), case.text
            assert not any(ch in case.text for ch in ".,!?;:'’\"-"), case.text
            assert not any(ch.isdigit() for ch in case.text), case.text


@pytest.mark.parametrize("label", LABELS)
def test_label_precision_and_recall(
    label: str, results: list[tuple[Case, ListeningAnalysis]]
) -> None:
    (found,) = [s for s in _label_scores(results) if s.name == label]
    wrong = [
        f"{'missed' if label in c.labels else 'false'}: {c.text!r}"
        for c, a in results
        if (label in c.labels) != (label in a.labels)
    ]
    assert found.precision >= MIN_PRECISION and found.recall >= MIN_RECALL, "\n".join(wrong)


def test_key_point_coverage(results: list[tuple[Case, ListeningAnalysis]]) -> None:
    found = _coverage_score(results)
    wrong = [
        f"{c.scenario}: {c.text!r}\n  expected {sorted(c.covered)}\n  found    {list(a.covered)}"
        for c, a in results
        if set(a.covered) != c.covered
    ]
    exact = 1 - len(wrong) / len(results)
    detail = "\n".join(wrong)
    assert found.precision >= MIN_PRECISION and found.recall >= MIN_RECALL, detail
    assert exact >= MIN_EXACT_COVERAGE, f"exact coverage {exact:.1%}:\n{detail}"


def test_coverage_is_the_share_of_points_covered(
    results: list[tuple[Case, ListeningAnalysis]],
) -> None:
    for case, analysis in results:
        total = len(get_listening_scenario(case.scenario).key_points)
        assert analysis.coverage == round(len(analysis.covered) / total, 2)
        assert set(analysis.covered).isdisjoint(analysis.missed)
        assert len(analysis.covered) + len(analysis.missed) == total


def test_print_figures(results: list[tuple[Case, ListeningAnalysis]]) -> None:
    scores = _label_scores(results)
    for style in ("typed", "speech"):
        found = _coverage_score([(c, a) for c, a in results if c.style == style])
        scores.append(Score(f"key points ({style})", *_counts(found)))
    scores.append(_coverage_score(results))
    exact = sum(set(a.covered) == c.covered for c, a in results) / len(results)
    print()
    print(table(f"reflection analyzer on {EVAL_FILE.name} ({len(results)} reflections)", scores))
    print(f"exact covered-set match: {exact:.1%}")


def _counts(found: Score) -> tuple[int, int, int]:
    return found.true_positives, found.false_positives, found.false_negatives
