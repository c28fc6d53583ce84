"""The turn models left out writer by writer, and on the share no model trains on.

    python -m bench.turn_cv answer|apology [--newest N]

For each blind writer of the analyzer's batches (tests/eval/blind/), a turn model is
fitted on every other writer's turns (outside the test share) and scored on that writer's:
micro P / R / F1 per batch, before the turn model (rules and clause model) and after it.
Then the shipped turn model on the test share. Writers learned from are dev data here, not
a result: a new writer's first run (bench.coaching_batches) is the figure to believe. Needs
`kintsugi train`.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from bench.label_scores import micro

ROOT = Path(__file__).resolve().parent.parent


def _writer(batch: str) -> str:
    found = re.match(r"[a-z]+-([a-z]+)\d", batch)
    return found.group(1) if found else batch


def main(argv: list[str] | None = None) -> int:
    import assistant  # noqa: F401  (the lean runtime, before anything imports Rasa)
    from actions.coaching.learned_labels import LearnedLabels
    from assistant.learning.clause_labels import load_learned_labels, split_of
    from assistant.learning.turns import (
        ANSWER_TURNS,
        APOLOGY_TURNS,
        fit_turn_model,
        load_turns,
        read_turns,
    )

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kind", choices=("answer", "apology"))
    parser.add_argument("--newest", type=int, default=5, help="writers in the summary line")
    parser.add_argument("--model-dir", type=Path, default=ROOT / "models")
    args = parser.parse_args(argv)
    spec = ANSWER_TURNS if args.kind == "answer" else APOLOGY_TURNS
    if args.kind == "answer":
        families = {"labels": spec.labels.labels}
    else:
        from actions.coaching.apology import ANTI_PATTERNS, COMPONENTS

        families = {"components": COMPONENTS, "anti_patterns": ANTI_PATTERNS}

    learned = load_learned_labels(spec.labels, args.model_dir)
    turns = load_turns(spec)
    read = read_turns(spec, learned.without_turn(), turns)
    writers = np.array([_writer(turn.batch) for turn in turns])
    testing = np.array([split_of(turn.text) == "test" for turn in turns])

    def decided(model: Any, index: int) -> frozenset[str]:
        """What the analyzer finds with ``model`` as its turn model (vetoes and all)."""
        reader = LearnedLabels(learned.encode, learned.model, model, learned.read_together)
        return frozenset(spec.analyze(turns[index].text, reader, True))

    after: dict[int, frozenset[str]] = {}
    for writer in dict.fromkeys(writers):
        model = fit_turn_model(spec, read, (writers != writer) & ~testing, "left-out")
        for index in np.flatnonzero(writers == writer):
            after[int(index)] = decided(model, int(index))

    def line(name: str, indices: list[int], found: dict[int, frozenset[str]]) -> dict[str, Any]:
        row: dict[str, Any] = {"batch": name, "n": len(indices)}
        for family, labels in families.items():
            for key, labels_found in (("before", read.found), ("after", found)):
                pairs = [(labels_found[i], turns[i].labels) for i in indices]
                row[f"{key} {family}"] = micro(pairs, labels)["micro"]
        return row

    batches = list(dict.fromkeys(turn.batch for turn in turns))
    for batch in batches:
        print(json.dumps(line(batch, [i for i, t in enumerate(turns) if t.batch == batch], after)))
    newest = list(dict.fromkeys(writers))  # files sort by name; order by first appearance
    newest = sorted(newest, key=lambda w: (len(w), w))[-args.newest :]
    chosen = [i for i in range(len(turns)) if writers[i] in newest]
    print(json.dumps(line(f"left out, newest writers {' '.join(newest)}", chosen, after)))
    print(json.dumps(line("left out, every writer", list(range(len(turns))), after)))
    if learned.turn is not None:
        shipped = {i: decided(learned.turn, i) for i in np.flatnonzero(testing)}
        print(json.dumps(line("the shipped model on the test share", sorted(shipped), shipped)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
