"""Score the coaching analyzers on labelled batches, rules alone and rules + learned labels.

    python -m bench.coaching_batches apology FILE.yml [FILE.yml ...]
    python -m bench.coaching_batches answer FILE.yml [...]
    python -m bench.coaching_batches reflection FILE.yml [...]
    ... --show-misses     and the items whose labels differ (rules + learned)

A batch is a YAML list of {text, labels} (reflections also carry `scenario`), labels the
COMPLETE set from the analyzer's vocabulary (the annotation guidelines in the header of
tests/eval/*_eval.yml). Micro precision / recall / F1 over the labels (for the apology,
components and anti-patterns apart), one line per file and one for all files together.
A blind batch's first run is its honest figure: run this once, before the batch is learned
from, and record it (README, "Measured figures"). Needs a trained model (`kintsugi train`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bench.label_scores import micro

ROOT = Path(__file__).resolve().parent.parent

Analyze = Callable[[dict[str, Any], str], frozenset[str]]
"""(item, what reads it) → the labels found. What reads it: "rules" alone, "rules+learned"
(the product: rules, clause model and turn model), or "rules+clauses" (the product before
its turn model; only where one is trained)."""

READERS = ("rules", "rules+clauses", "rules+learned")


def _analyzer(
    kind: str, model_dir: Path
) -> tuple[Analyze, dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The analyzer of ``kind`` with its learned labels loaded, its label families and the
    readers to score (bench columns)."""
    if kind == "apology":
        from actions.coaching.apology import ANTI_PATTERNS, COMPONENTS, analyze_apology
        from assistant.learning.apology import load_learned_labels

        apology = load_learned_labels(model_dir)
        apology_readers = _readers(apology)

        def apology_labels(item: dict[str, Any], reader: str) -> frozenset[str]:
            found = analyze_apology(
                item["text"], apology_readers[reader], use_learned=reader != "rules"
            )
            return frozenset(found.labels)

        families = {"components": COMPONENTS, "anti_patterns": ANTI_PATTERNS}
        return apology_labels, families, _columns(apology_readers)
    if kind == "answer":
        from actions.coaching.answer import LABELS as ANSWER_LABELS
        from actions.coaching.answer import analyze_answer
        from assistant.learning.answer import learned_answer_labels_if_trained

        answer = learned_answer_labels_if_trained(model_dir)
        if answer is None:
            raise SystemExit("no trained answer labels: run `kintsugi train`")
        answer_readers = _readers(answer)

        def answer_labels(item: dict[str, Any], reader: str) -> frozenset[str]:
            found = analyze_answer(
                item["text"], answer_readers[reader], use_learned=reader != "rules"
            )
            return frozenset(found.labels)

        return answer_labels, {"labels": ANSWER_LABELS}, _columns(answer_readers)
    if kind == "reflection":
        from actions.coaching.listening_analysis import LABELS as REFLECTION_LABELS
        from actions.coaching.listening_analysis import analyze_listening
        from assistant.learning.listening import listening_learned_if_trained

        reflection = listening_learned_if_trained(model_dir)
        if reflection is None:
            raise SystemExit("no trained reflection labels: run `kintsugi train`")

        def reflection_labels(item: dict[str, Any], reader: str) -> frozenset[str]:
            found = analyze_listening(
                item["scenario"], item["text"], reflection, use_learned=reader != "rules"
            )
            return frozenset(found.labels)

        return reflection_labels, {"labels": REFLECTION_LABELS}, ("rules", "rules+learned")
    raise SystemExit(f"unknown analyzer {kind!r}: apology, answer or reflection")


def _readers(learned: Any) -> dict[str, Any]:
    """What reads an item, by bench column (see Analyze)."""
    readers = {"rules": None, "rules+learned": learned}
    if learned.turn is not None:
        readers["rules+clauses"] = learned.without_turn()
    return readers


def _columns(readers: dict[str, Any]) -> tuple[str, ...]:
    return tuple(key for key in READERS if key in readers)


def score(
    name: str,
    items: list[dict[str, Any]],
    analyze: Analyze,
    families: dict[str, tuple[str, ...]],
    readers: tuple[str, ...] = ("rules", "rules+learned"),
) -> tuple[dict[str, Any], list[str]]:
    """The batch's line (micro P/R/F1 per family, for each reader) and the items the
    product (rules + learned) got wrong."""
    row: dict[str, Any] = {"batch": name, "n": len(items)}
    misses: list[str] = []
    for key in readers:
        learned = key == "rules+learned"
        found = [analyze(item, key) for item in items]
        for family, labels in families.items():
            pairs = [
                (f & frozenset(labels), frozenset(item["labels"] or ()) & frozenset(labels))
                for f, item in zip(found, items, strict=True)
            ]
            row[f"{key} {family}"] = micro(pairs, labels)["micro"]
        if learned:
            for f, item in zip(found, items, strict=True):
                expected = frozenset(item["labels"] or ())
                if f != expected:
                    extra, missing = sorted(f - expected), sorted(expected - f)
                    misses.append(f"[+{extra} -{missing}] {item['text']}")
    return row, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=("apology", "answer", "reflection"))
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--model-dir", type=Path, default=ROOT / "models")
    args = parser.parse_args(argv)
    analyze, families, readers = _analyzer(args.kind, args.model_dir)
    batches = [(str(p), yaml.safe_load(p.read_text(encoding="utf-8"))) for p in args.files]
    if len(batches) > 1:
        batches.append(("all", [item for _, items in batches for item in items]))
    for name, items in batches:
        row, misses = score(name, items, analyze, families, readers)
        print(json.dumps(row))
        if args.show_misses and name != "all":
            for line in misses:
                print("  differs:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
