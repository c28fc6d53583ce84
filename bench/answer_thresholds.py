"""Choose the learned answer labels' thresholds on the blind batches already learned from.

    python -m bench.answer_thresholds [--check FILE.yml ...]

The trainer picks each label's threshold on a validation fold of the training clauses
(assistant/learning/clause_labels.py). Those clauses are written in the training data's own
voice, so a threshold that is best there can fire too early on answers written by someone
else: every blind first run so far lost most of its precision to `deflection` on plain,
honest answers. The blind batches that have been run once and then become development sets
(tests/eval/blind/answers-*.yml, DEV below: six writers, 1,080 answers) are the closest
thing to new users there is. This chooses, label by label, the threshold that gives the best
micro F1 of the whole analyzer (rules + learned, with every veto) over them, by coordinate
ascent from the trained model's thresholds, and prints them for
``assistant/learning/answer.py:ANSWER_LABELS.fixed_thresholds`` (run it again after the
answer labels learn new clauses; the model then starts from the fixed ones).

``--check`` scores other batches (never tuned on) with the model's and the chosen
thresholds side by side. The encoder's reading of every answer is computed once.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bench.label_scores import micro

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "eval" / "blind"
DEV_WRITERS = ("h", "m", "s", "w", "y", "i")
"""The answer writers whose batches were run once and have been learned from since."""
GRID = [round(x, 2) for x in np.arange(0.3, 0.99, 0.05)]


def _items(paths: list[Path]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in paths:
        items += yaml.safe_load(path.read_text(encoding="utf-8"))
    return items


def dev_files() -> list[Path]:
    return sorted(p for w in DEV_WRITERS for p in BLIND.glob(f"answers-{w}[0-9].yml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", nargs="*", type=Path, default=[])
    parser.add_argument("--model-dir", type=Path, default=ROOT / "models")
    args = parser.parse_args(argv)

    from actions.coaching.answer import LABELS, analyze_answer
    from actions.coaching.learned_labels import LearnedLabels
    from assistant.learning.answer import learned_answer_labels_if_trained

    learned = learned_answer_labels_if_trained(args.model_dir)
    if learned is None:
        raise SystemExit("no trained answer labels: run `kintsugi train`")
    # Encode each clause once: the analysis is then cheap to repeat at any threshold.
    encoded: dict[str, np.ndarray] = {}

    def encode(texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in encoded]
        if missing:
            encoded.update(zip(missing, learned.encode(missing), strict=True))
        return np.stack([encoded[t] for t in texts])

    def analyzer(thresholds: np.ndarray) -> LearnedLabels:
        model = dataclasses.replace(learned.model, thresholds=thresholds.astype(np.float32))
        return LearnedLabels(encode, model)

    def f1(items: list[dict[str, Any]], thresholds: np.ndarray) -> dict[str, Any]:
        labels = analyzer(thresholds)
        pairs = [
            (frozenset(analyze_answer(i["text"], labels).labels), frozenset(i["labels"]))
            for i in items
        ]
        scores: dict[str, Any] = micro(pairs, LABELS)["micro"]
        return scores

    dev = _items(dev_files())
    in_model = np.asarray(learned.model.thresholds, dtype=np.float64)
    chosen = in_model.copy()
    best = f1(dev, chosen)["f1"]
    for _sweep in range(2):
        for column in range(len(LABELS)):
            for value in GRID:
                trial = chosen.copy()
                trial[column] = value
                score = f1(dev, trial)["f1"]
                if score > best + 1e-9:
                    best, chosen = score, trial
    report: dict[str, Any] = {
        "dev": {"files": [p.name for p in dev_files()], "answers": len(dev)},
        "thresholds": {
            label: {"model": round(float(t), 2), "chosen": round(float(c), 2)}
            for label, t, c in zip(LABELS, in_model, chosen, strict=True)
        },
        "dev_scores": {"model": f1(dev, in_model), "chosen": f1(dev, chosen)},
    }
    for path in args.check:
        items = _items([path])
        report[path.name] = {"model": f1(items, in_model), "chosen": f1(items, chosen)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
