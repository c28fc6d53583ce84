"""What the learned-label benches share: micro precision / recall / F1 over a family of
labels, interleaved median timings, and the command line (`--runs`, `--skip-accuracy`,
`--model-dir`)."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

Pairs = Iterable[tuple[frozenset[str], frozenset[str]]]
"""(labels found, labels expected) for each case."""


def micro(pairs: Pairs, labels: Iterable[str]) -> dict[str, Any]:
    """Micro precision, recall and F1 over ``labels`` (under "micro"), and each label's own."""
    family = tuple(labels)
    counts = {label: [0, 0, 0] for label in family}
    for found, expected in pairs:
        for label in family:
            f, e = label in found, label in expected
            counts[label][0] += f and e
            counts[label][1] += f and not e
            counts[label][2] += e and not f

    def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
                "support": tp + fn}  # fmt: skip

    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    result: dict[str, Any] = {"micro": prf(*total)}
    result.update({label: prf(*counts[label]) for label in family})
    return result


def interleaved_medians(calls: Mapping[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """The median milliseconds of each call, the calls taken in turn within each run, so a
    burst of load on a shared machine falls on all of them alike."""
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: round(statistics.median(times), 2) for name, times in timings.items()}


def run_bench(
    doc: str,
    latency_key: str,
    latency: Callable[[Path, int], dict[str, float]],
    accuracy: Callable[[Path], dict[str, Any]],
) -> None:
    """The command line of one learned-label bench: latency, then accuracy unless skipped."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--model-dir", type=Path, default=ROOT / "models")
    args = parser.parse_args()
    result: dict[str, Any] = {latency_key: latency(args.model_dir, args.runs)}
    if not args.skip_accuracy:
        result["accuracy"] = accuracy(args.model_dir)
    print(json.dumps(result, indent=2))
