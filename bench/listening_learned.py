"""The learned reflection labels against the rules alone: accuracy and speed.

    python -m bench.listening_learned [--runs 50] [--skip-accuracy]

Accuracy, as micro precision / recall / F1 over the five reflection labels, and F1 per label:

- on the never-trained test split of actions/coaching/data/reflection_clauses (15 % by hash,
  assistant/learning/listening.py), each clause analysed as a whole reflection; the
  thresholds were not chosen on it either;
- on tests/eval/reflection_eval.yml, the set the rules were tuned on (so the rules' figure
  there is flattering; the model never saw it, but its combination with the rules was
  checked against it).

Speed: the median time to analyse a 60-word reflection with the learned labels (encoder
included) and with the rules alone, beside the encoder on the whole text as this machine's
reference (a busy machine slows all three). Needs a trained model (`kintsugi train`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from actions.coaching.listening_analysis import LABELS, analyze_listening

ROOT = Path(__file__).resolve().parent.parent

SCENARIO_FOR_CLAUSES = "lost-job-lie"
"""Labels do not depend on the scenario; clauses of the test split are read against one."""

REFLECTION_60_WORDS = (
    "What I hear is you found out from Priya at the store, not from me, and "
    "that every morning I left like I was still going to work. It isn't the job, it's the "
    "lying, and now you don't know what else to believe. That must have gutted you, "
    "and anyone would feel that way. Did I get that right"
)


def _micro(pairs: Iterable[tuple[frozenset[str], frozenset[str]]]) -> dict[str, Any]:
    pairs = list(pairs)
    tp = fp = fn = 0
    per_label: dict[str, float] = {}
    for label in LABELS:
        ltp = sum(1 for found, expected in pairs if label in found and label in expected)
        lfp = sum(1 for found, expected in pairs if label in found and label not in expected)
        lfn = sum(1 for found, expected in pairs if label not in found and label in expected)
        tp, fp, fn = tp + ltp, fp + lfp, fn + lfn
        per_label[label] = round(2 * ltp / max(1, 2 * ltp + lfp + lfn), 3)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "support": tp + fn,
        "f1_per_label": per_label,
    }


def accuracy(model_dir: Path) -> dict[str, Any]:
    import yaml

    from assistant.learning.listening import (
        load_listening_learned,
        load_reflection_clauses,
        split_of,
    )

    learned = load_listening_learned(model_dir)
    test = [
        (SCENARIO_FOR_CLAUSES, c.text, c.labels)
        for c in load_reflection_clauses()
        if split_of(c.text) == "test"
    ]
    raw = yaml.safe_load(
        (ROOT / "tests" / "eval" / "reflection_eval.yml").read_text(encoding="utf-8")
    )
    tuned = [(item["scenario"], item["text"], frozenset(item["labels"])) for item in raw]

    def rules(scenario: str, text: str) -> frozenset[str]:
        return frozenset(analyze_listening(scenario, text, use_learned=False).labels)

    def combined(scenario: str, text: str) -> frozenset[str]:
        return frozenset(analyze_listening(scenario, text, learned).labels)

    results: dict[str, Any] = {}
    for name, cases in (("test_split", test), ("tuned_set", tuned)):
        results[name] = {"n": len(cases)}
        for reader_name, read in (("rules", rules), ("combined", combined)):
            results[name][reader_name] = _micro((read(s, t), labels) for s, t, labels in cases)
    return results


def latency(model_dir: Path, runs: int) -> dict[str, float]:
    from assistant.learning.listening import load_listening_learned

    learned = load_listening_learned(model_dir)
    assert len(REFLECTION_60_WORDS.split()) == 60
    for _ in range(3):
        analyze_listening(SCENARIO_FOR_CLAUSES, REFLECTION_60_WORDS, learned)

    def median_ms(call: Callable[[], object]) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(times), 2)

    encode = learned.encode  # the shared encoder on the whole text: this machine's reference
    return {
        "encoder_whole_text_ms": median_ms(lambda: encode([REFLECTION_60_WORDS])),
        "rules_ms": median_ms(
            lambda: analyze_listening(SCENARIO_FOR_CLAUSES, REFLECTION_60_WORDS, use_learned=False)
        ),
        "learned_ms": median_ms(
            lambda: analyze_listening(SCENARIO_FOR_CLAUSES, REFLECTION_60_WORDS, learned)
        ),
        "budget_ms": 30.0,
    }


def bench_listening_learned(
    model_dir: Path, runs: int = 50, *, with_accuracy: bool = True
) -> dict[str, Any]:
    result: dict[str, Any] = {"latency_60_words": latency(model_dir, runs)}
    if with_accuracy:
        result["accuracy"] = accuracy(model_dir)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--model-dir", type=Path, default=ROOT / "models")
    args = parser.parse_args()
    print(
        json.dumps(
            bench_listening_learned(
                args.model_dir, args.runs, with_accuracy=not args.skip_accuracy
            ),
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
