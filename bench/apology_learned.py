"""The learned apology labels against the rules alone: accuracy and speed.

    python -m bench.apology_learned [--runs 50] [--skip-accuracy]

Accuracy, as micro precision / recall / F1 over components and over anti-patterns:

- on the never-trained test split of actions/coaching/data/apology_clauses (15 % by hash,
  assistant/learning/apology.py), which the thresholds were not chosen on either;
- on tests/eval/apology_eval.yml, the set the rules were tuned on (so the rules' figure
  there is flattering, and the model never saw it);
- on tests/eval/blind/apology-g1.yml, a blind batch whose first run is recorded in its
  header and the README; since then a development set (thresholds and vetoes were chosen
  with it in view), so not a blind figure any more.

Each for the rules alone, rules + learned labels, and rules + learned labels without the
model's vetoes (CANCELLED_BY) or without the sibling veto (SIBLING_VETO), to show what
each does. Speed: the median time to
analyse a 60-word apology with the learned labels (encoder included), budget 30 ms.
Needs a trained model (`kintsugi train`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from actions.coaching import apology_combination
from actions.coaching.apology import ANTI_PATTERNS, COMPONENTS, analyze_apology
from bench.label_scores import ROOT, interleaved_medians, micro, run_bench

APOLOGY_60_WORDS = (
    "I'm so sorry I hid the credit card debt from you. I lied every time you "
    "asked about the statements, and I know that made you feel foolish for trusting me. It was "
    "my choice and nobody else's. I'll show you every account tonight, and from now on we'll "
    "go through the bills together. I hope you can forgive me."
)


def _score(
    cases: list[tuple[str, frozenset[str]]], analyse: Callable[[str], frozenset[str]]
) -> dict[str, Any]:
    pairs = [(analyse(text), labels) for text, labels in cases]
    return {
        "components": micro(pairs, COMPONENTS)["micro"],
        "anti_patterns": micro(pairs, ANTI_PATTERNS)["micro"],
    }


def accuracy(model_dir: Path) -> dict[str, Any]:
    import yaml

    from assistant.learning.apology import load_clauses, load_learned_labels, split_of

    learned = load_learned_labels(model_dir)
    test = [(c.text, c.labels) for c in load_clauses() if split_of(c.text) == "test"]

    def labelled(path: Path) -> list[tuple[str, frozenset[str]]]:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [(item["text"], frozenset(item["labels"])) for item in raw]

    tuned = labelled(ROOT / "tests" / "eval" / "apology_eval.yml")
    g1 = labelled(ROOT / "tests" / "eval" / "blind" / "apology-g1.yml")

    def rules(text: str) -> frozenset[str]:
        return analyze_apology(text, use_learned=False).labels

    def combined(text: str) -> frozenset[str]:
        return analyze_apology(text, learned).labels

    def no_veto(text: str) -> frozenset[str]:
        saved = apology_combination.CANCELLED_BY
        apology_combination.CANCELLED_BY = {}
        try:
            return analyze_apology(text, learned).labels
        finally:
            apology_combination.CANCELLED_BY = saved

    def no_sibling_veto(text: str) -> frozenset[str]:
        apology_combination.SIBLING_VETO = False
        try:
            return analyze_apology(text, learned).labels
        finally:
            apology_combination.SIBLING_VETO = True

    results: dict[str, Any] = {}
    for name, cases in (("test_split", test), ("tuned_set", tuned), ("g1_dev", g1)):
        results[name] = {
            "n": len(cases),
            "rules": _score(cases, rules),
            "combined": _score(cases, combined),
            "combined_without_vetoes": _score(cases, no_veto),
            "combined_without_sibling_veto": _score(cases, no_sibling_veto),
        }
    return results


def latency(model_dir: Path, runs: int) -> dict[str, float]:
    from assistant.learning.apology import load_learned_labels

    learned = load_learned_labels(model_dir)
    assert len(APOLOGY_60_WORDS.split()) == 60
    for _ in range(3):
        analyze_apology(APOLOGY_60_WORDS, learned)

    from actions.coaching.learned_labels import LearnedLabels
    from assistant.encoder import load_encoder

    encoder = load_encoder(model_dir)  # the shared encoder: the same machine's reference
    # The clause model alone, its clauses as one padded batch (as before features_packed).
    padded = LearnedLabels(encoder.features, learned.model)

    calls: dict[str, Callable[[], object]] = {
        "encoder_whole_text_ms": lambda: encoder._batched([APOLOGY_60_WORDS], 32, features=True),
        "rules_ms": lambda: analyze_apology(APOLOGY_60_WORDS, use_learned=False),
        # Clauses and the turn model's whole-turn features in one pass (read_packed); the
        # encoder remembers nothing of it, so every call reads the apology anew.
        "learned_ms": lambda: analyze_apology(APOLOGY_60_WORDS, learned),
        "learned_padded_batch_ms": lambda: analyze_apology(APOLOGY_60_WORDS, padded),
    }
    result = interleaved_medians(calls, runs)
    result["budget_ms"] = 30.0
    return result


def main() -> None:
    run_bench(__doc__ or "", "latency_60_words", latency, accuracy)


if __name__ == "__main__":
    main()
