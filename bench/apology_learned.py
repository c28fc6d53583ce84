"""The learned apology labels against the rules alone: accuracy and speed.

    python -m bench.apology_learned [--runs 50] [--skip-accuracy]

Accuracy, as micro precision / recall / F1 over components and over anti-patterns:

- on the never-trained test split of actions/coaching/data/apology_clauses (15 % by hash,
  assistant/learning/apology.py), which the thresholds were not chosen on either;
- on tests/eval/apology_eval.yml, the set the rules were tuned on (so the rules' figure
  there is flattering, and the model never saw it).

Each for the rules alone, rules + learned labels, and rules + learned labels without the
model's vetoes (CANCELLED_BY), to show what the vetoes do. Speed: the median time to
analyse a 60-word apology with the learned labels (encoder included), budget 30 ms.
Needs a trained model (`kintsugi train`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from actions.coaching import apology
from actions.coaching.apology import ANTI_PATTERNS, COMPONENTS, analyze_apology

ROOT = Path(__file__).resolve().parent.parent

APOLOGY_60_WORDS = (
    "I'm so sorry I hid the credit card debt from you. I lied every time you "
    "asked about the statements, and I know that made you feel foolish for trusting me. It was "
    "my choice and nobody else's. I'll show you every account tonight, and from now on we'll "
    "go through the bills together. I hope you can forgive me."
)


def _micro(
    pairs: Iterable[tuple[frozenset[str], frozenset[str]]], family: tuple[str, ...]
) -> dict[str, float]:
    tp = fp = fn = 0
    for found, expected in pairs:
        f, e = found & set(family), expected & set(family)
        tp += len(f & e)
        fp += len(f - e)
        fn += len(e - f)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "support": tp + fn,
    }


def _score(
    cases: list[tuple[str, frozenset[str]]], analyse: Callable[[str], frozenset[str]]
) -> dict[str, Any]:
    pairs = [(analyse(text), labels) for text, labels in cases]
    return {"components": _micro(pairs, COMPONENTS), "anti_patterns": _micro(pairs, ANTI_PATTERNS)}


def accuracy(model_dir: Path) -> dict[str, Any]:
    import yaml

    from assistant.learning.apology import load_clauses, load_learned_labels, split_of

    learned = load_learned_labels(model_dir)
    test = [(c.text, c.labels) for c in load_clauses() if split_of(c.text) == "test"]
    raw = yaml.safe_load((ROOT / "tests" / "eval" / "apology_eval.yml").read_text(encoding="utf-8"))
    tuned = [(item["text"], frozenset(item["labels"])) for item in raw]

    def rules(text: str) -> frozenset[str]:
        return analyze_apology(text, use_learned=False).labels

    def combined(text: str) -> frozenset[str]:
        return analyze_apology(text, learned).labels

    def no_veto(text: str) -> frozenset[str]:
        saved = apology.CANCELLED_BY
        apology.CANCELLED_BY = {}
        try:
            return analyze_apology(text, learned).labels
        finally:
            apology.CANCELLED_BY = saved

    results: dict[str, Any] = {}
    for name, cases in (("test_split", test), ("tuned_set", tuned)):
        results[name] = {
            "n": len(cases),
            "rules": _score(cases, rules),
            "combined": _score(cases, combined),
            "combined_without_vetoes": _score(cases, no_veto),
        }
    return results


def latency(model_dir: Path, runs: int) -> dict[str, float]:
    from assistant.learning.apology import load_learned_labels

    learned = load_learned_labels(model_dir)
    assert len(APOLOGY_60_WORDS.split()) == 60
    for _ in range(3):
        analyze_apology(APOLOGY_60_WORDS, learned)

    def median_ms(call: Callable[[], object]) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(times), 2)

    encode = learned.encode  # the shared encoder: the same machine's reference figure
    return {
        "encoder_whole_text_ms": median_ms(lambda: encode([APOLOGY_60_WORDS])),
        "rules_ms": median_ms(lambda: analyze_apology(APOLOGY_60_WORDS, use_learned=False)),
        "learned_ms": median_ms(lambda: analyze_apology(APOLOGY_60_WORDS, learned)),
        "budget_ms": 30.0,
    }


def bench_apology_learned(
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
            bench_apology_learned(args.model_dir, args.runs, with_accuracy=not args.skip_accuracy),
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
