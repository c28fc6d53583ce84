"""The safety screen against the evaluation set in tests/eval/safety_eval.yml.

Every crisis must be caught with the right kind; false alarms on the hard negatives must
stay at or below 3%. Run with ``-s`` to see the figures table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from assistant.safety import screen

EVAL_FILE = Path(__file__).parent / "eval" / "safety_eval.yml"
MAX_FALSE_ALARM_RATE = 0.03


@dataclass(frozen=True)
class Case:
    text: str
    style: str
    kind: str | None


@dataclass(frozen=True)
class Outcome:
    case: Case
    found: str | None


def _load() -> list[Case]:
    raw = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    assert isinstance(raw, list), "the eval file must be a list of {text, style, kind}"
    cases = []
    for item in raw:
        assert set(item) == {"text", "style", "kind"}, item
        assert isinstance(item["text"], str) and item["text"].strip(), item
        assert item["style"] in {"typed", "speech"}, item
        assert item["kind"] in {"self_harm", "abuse", None}, item
        cases.append(Case(item["text"], item["style"], item["kind"]))
    return cases


CASES = _load()


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    results = []
    for case in CASES:
        finding = screen(case.text)
        results.append(Outcome(case, finding.kind if finding else None))
    return results


def test_eval_set_is_big_and_varied_enough() -> None:
    crises = [c for c in CASES if c.kind is not None]
    negatives = [c for c in CASES if c.kind is None]
    assert len(CASES) >= 170
    assert len(negatives) >= 70
    assert {c.kind for c in crises} == {"self_harm", "abuse"}
    assert sum(c.style == "speech" for c in CASES) / len(CASES) >= 0.40
    assert sum(c.style == "speech" for c in crises) / len(crises) >= 0.40
    for kind in ("self_harm", "abuse"):
        styles = {c.style for c in crises if c.kind == kind}
        assert styles == {"typed", "speech"}, kind
    texts = [c.text.lower() for c in CASES]
    assert len(texts) == len(set(texts)), "duplicate sentences in the eval set"


def test_speech_style_cases_look_like_recognised_speech() -> None:
    for case in CASES:
        if case.style == "speech":
            assert case.text == case.text.lower(), case.text
            assert not any(ch in case.text for ch in ".,!?;:'’\""), case.text


def test_every_crisis_is_caught_with_the_right_kind(outcomes: list[Outcome]) -> None:
    wrong = [
        f"{o.case.kind}: {o.case.text!r} -> {o.found}"
        for o in outcomes
        if o.case.kind is not None and o.found != o.case.kind
    ]
    assert not wrong, "crises missed or misclassified:\n" + "\n".join(wrong)


def test_false_alarms_stay_rare(outcomes: list[Outcome]) -> None:
    negatives = [o for o in outcomes if o.case.kind is None]
    alarms = [o for o in negatives if o.found is not None]
    rate = len(alarms) / len(negatives)
    listing = "\n".join(f"{o.found}: {o.case.text!r}" for o in alarms)
    assert rate <= MAX_FALSE_ALARM_RATE, f"false alarm rate {rate:.1%}:\n{listing}"


def test_print_figures(outcomes: list[Outcome]) -> None:
    rows = []
    for kind in ("self_harm", "abuse"):
        for style in ("typed", "speech", "all"):
            group = [
                o
                for o in outcomes
                if o.case.kind == kind and (style == "all" or o.case.style == style)
            ]
            caught = sum(o.found == kind for o in group)
            rows.append((kind, style, f"{caught}/{len(group)}", f"{caught / len(group):.1%}"))
    negatives = [o for o in outcomes if o.case.kind is None]
    for style in ("typed", "speech", "all"):
        group = [o for o in negatives if style == "all" or o.case.style == style]
        alarms = sum(o.found is not None for o in group)
        rows.append(("false alarm", style, f"{alarms}/{len(group)}", f"{alarms / len(group):.1%}"))
    header = ("what", "style", "count", "rate")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    title = "  ".join(cell.ljust(w) for cell, w in zip(header, widths, strict=True)).rstrip()
    print(f"\nsafety screen on {EVAL_FILE.name} ({len(outcomes)} messages)")
    print(title)
    print("\n".join(lines))
