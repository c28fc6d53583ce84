"""The learned answer labels against the rules alone: accuracy and speed.

    python -m bench.answer_learned [--runs 50] [--skip-accuracy]

Accuracy, as micro precision / recall / F1 over the answer labels:

- on the never-trained test split of actions/coaching/data/answer_clauses (15 % of the
  fragments by hash, assistant/learning/clause_labels.py), which thresholds were not chosen on;
- on tests/eval/answer_eval.yml, the set the rules were tuned on (so the rules' figure
  there is flattering; the model never saw it);
- on tests/eval/blind/answers-g1.yml, a blind batch run once (README) and since used as a
  development set, scored on the four labels that map onto the analyzer's (its header).

Speed: the median time to analyse a 40-word answer with the learned labels (encoder
included). Needs a trained model (`kintsugi train`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from actions.coaching.answer import LABELS, analyze_answer
from bench.label_scores import ROOT, interleaved_medians, micro, run_bench

ANSWER_40_WORDS = (
    "I know you need to hear it again, love. No, I haven't seen her since June. "
    "I was at the office until nine on Friday, and you can check the badge log. Ask me as "
    "many times as you need."
)

G1_MAPPING = {
    "impatience": "impatience",
    "belittling": "invalidating",
    "deflection": "deflection",
    "reassurance_to_ask": "reassurance",
}
"""The blind batch's own labels that map onto the analyzer's (answers-g1.yml header)."""


def eval_sets() -> dict[str, tuple[list[tuple[str, frozenset[str]]], tuple[str, ...]]]:
    import yaml

    from assistant.learning.answer import load_answer_clauses, split_of

    def load(path: Path) -> list[dict[str, Any]]:
        return list(yaml.safe_load(path.read_text(encoding="utf-8")))

    test = [(c.text, c.labels) for c in load_answer_clauses() if split_of(c.text) == "test"]
    tuned = [(i["text"], frozenset(i["labels"])) for i in load(ROOT / "tests/eval/answer_eval.yml")]
    g1 = [
        (i["text"], frozenset(G1_MAPPING[x] for x in i["labels"] if x in G1_MAPPING))
        for i in load(ROOT / "tests/eval/blind/answers-g1.yml")
    ]
    return {
        "test_split": (test, LABELS),
        "tuned_answer_eval": (tuned, LABELS),
        "dev_answers_g1": (g1, tuple(G1_MAPPING.values())),
    }


def accuracy(model_dir: Path) -> dict[str, Any]:
    from assistant.learning.answer import load_learned_answer_labels

    learned = load_learned_answer_labels(model_dir)
    results: dict[str, Any] = {}
    for name, (cases, labels) in eval_sets().items():
        rules = [(frozenset(analyze_answer(t, use_learned=False).labels), e) for t, e in cases]
        both = [(frozenset(analyze_answer(t, learned).labels), e) for t, e in cases]
        results[name] = {
            "n": len(cases),
            "rules": micro(rules, labels),
            "rules_and_learned": micro(both, labels),
        }
    return results


def latency(model_dir: Path, runs: int) -> dict[str, float]:
    from assistant.learning.answer import load_learned_answer_labels

    learned = load_learned_answer_labels(model_dir)
    assert len(ANSWER_40_WORDS.split()) == 40
    for _ in range(3):
        analyze_answer(ANSWER_40_WORDS, learned)

    calls: dict[str, Callable[[], object]] = {
        "encoder_whole_text_ms": lambda: learned.encode([ANSWER_40_WORDS]),
        "rules_ms": lambda: analyze_answer(ANSWER_40_WORDS, use_learned=False),
        "learned_ms": lambda: analyze_answer(ANSWER_40_WORDS, learned),
    }
    return interleaved_medians(calls, runs)


def main() -> None:
    run_bench(__doc__ or "", "latency_40_words", latency, accuracy)


if __name__ == "__main__":
    main()
