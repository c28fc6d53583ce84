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

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from actions.coaching.listening_analysis import LABELS, analyze_listening
from bench.label_scores import ROOT, interleaved_medians, micro, run_bench

SCENARIO_FOR_CLAUSES = "lost-job-lie"
"""Labels do not depend on the scenario; clauses of the test split are read against one."""

REFLECTION_60_WORDS = (
    "What I hear is you found out from Priya at the store, not from me, and "
    "that every morning I left like I was still going to work. It isn't the job, it's the "
    "lying, and now you don't know what else to believe. That must have gutted you, "
    "and anyone would feel that way. Did I get that right"
)


def _micro(pairs: Iterable[tuple[frozenset[str], frozenset[str]]]) -> dict[str, Any]:
    scores = micro(pairs, LABELS)
    return {**scores["micro"], "f1_per_label": {label: scores[label]["f1"] for label in LABELS}}


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

    encode = learned.encode  # the shared encoder on the whole text: this machine's reference
    calls: dict[str, Callable[[], object]] = {
        "encoder_whole_text_ms": lambda: encode([REFLECTION_60_WORDS]),
        "rules_ms": lambda: analyze_listening(
            SCENARIO_FOR_CLAUSES, REFLECTION_60_WORDS, use_learned=False
        ),
        "learned_ms": lambda: analyze_listening(SCENARIO_FOR_CLAUSES, REFLECTION_60_WORDS, learned),
    }
    result = interleaved_medians(calls, runs)
    result["budget_ms"] = 30.0
    return result


def main() -> None:
    run_bench(__doc__ or "", "latency_60_words", latency, accuracy)


if __name__ == "__main__":
    main()
