"""Estimate the safety guard's first-run figures before a new blind batch is written.

    python -m bench.safety_cv                       every writer left out in turn
    python -m bench.safety_cv --folds 5             writers left out five groups at a time
    python -m bench.safety_cv --writers kj kk       only these writers left out (one fit each)
    python -m bench.safety_cv --check-at 0.35 0.45  and the check threshold swept
    python -m bench.safety_cv --alone 0.6 0.8 --agrees 0.1 0.25   and the gate's two bars

The test split is drawn from the same files the classifier learns from, so it reads
easier than sentences written fresh: on the last blind batches it said ~15 % checks on
benign where the first runs said ~22 %. Here each helper that wrote blind batches
(``fresh/a-*``, ``fresh/b-*`` …) is left out in turn: the classifier is trained on
everything else (never the test split), and that writer's batches are scored through
the whole guard as a turn at the menu sees it — the nearest thing to a new writer's
first run that can be measured without spending one. Used to choose how the model is
fitted and its thresholds; the blind batches' own first runs stay the result (README).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
import yaml

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from bench.safety_batches import Score, score


def _writer(source: str) -> str | None:
    match = re.search(r"fresh/([a-z]+)-batch\d+\.yml$", source)
    return match.group(1) if match else None


class _Swappable:
    """The dialogue's safety screen, replaced fold by fold."""

    guard: Any = None

    def __call__(self, text: str) -> Any:
        return self.guard(text)

    def many(self, texts: Sequence[str]) -> Any:
        return self.guard.many(texts)


Gate = tuple[float, float, float]
"""(check_at, check_alone_at, turn_agrees_at): the learned screen's three bars for a check."""


def _folds(writers: Sequence[str], folds: int | None) -> list[list[str]]:
    """Each writer alone, or the writers dealt into ``folds`` groups (a fit takes minutes)."""
    if not folds or folds >= len(writers):
        return [[writer] for writer in writers]
    return [list(writers[first::folds]) for first in range(folds)]


async def _run(
    gates: list[Gate], crisis_at: float | None, folds: int | None, only: Sequence[str] | None
) -> dict[Gate, Any]:
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    from assistant.dialogue.bridge import RasaDialogue
    from assistant.dialogue.training import train_stale
    from assistant.encoder import load_encoder
    from assistant.learning import feature_cache_path
    from assistant.paths import PROJECT_ROOT
    from assistant.safety.guard import SafetyGuard
    from assistant.safety.learned import LearnedScreen
    from assistant.safety.training import (
        DATA_DIR,
        _FeatureCache,
        fit,
        is_test_split,
        load_examples,
        training_texts,
    )
    from assistant.settings import DialogueSettings

    settings = DialogueSettings()
    train_stale(settings)
    model_dir = settings.understanding_dir
    examples = load_examples(PROJECT_ROOT)
    writers = sorted({w for e in examples if (w := _writer(e.source))})
    if only:
        writers = [w for w in writers if w in only]
    encoder = load_encoder(model_dir)
    cache = _FeatureCache(feature_cache_path("safety"))

    def encode(texts: Sequence[str]) -> np.ndarray:
        # The training cache serves the batches' pieces too: each is encoded once for all folds.
        return cache.features(texts, encoder.features)

    swappable = _Swappable()
    dialogue = RasaDialogue(settings, safety_screen=swappable)
    dialogue.start()
    results: dict[Gate, Any] = defaultdict(list)
    try:
        for group in _folds(writers, folds):
            train = [
                e for e in examples if not is_test_split(e.text) and _writer(e.source) not in group
            ]
            training = training_texts(train)
            model = fit(cache.features(training.texts, encoder.features), training, "cv")
            # Every item of the writer's batches, test split or not: a first run sees all.
            held = []
            for writer in group:
                for path in sorted((DATA_DIR / "fresh").glob(f"{writer}-*.yml")):
                    batch = yaml.safe_load(path.read_text(encoding="utf-8"))
                    held.append((path.stem, batch))
            texts_held = [item["text"] for _, batch in held for item in batch]
            screen = LearnedScreen(encode, model)
            if crisis_at is not None:
                screen.crisis_at = crisis_at
            swappable.guard = SafetyGuard(screen)
            for gate in gates:
                screen.check_at, screen.check_alone_at, screen.turn_agrees_at = gate
                outcomes = await dialogue.assess_many(texts_held)
                first = 0
                for name, batch in held:
                    results[gate].append((name, batch, outcomes[first : first + len(batch)]))
                    first += len(batch)
        cache.save()
    finally:
        dialogue.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=None, help="writers in this many groups")
    parser.add_argument("--writers", nargs="*", default=None, help="leave out only these")
    parser.add_argument("--check-at", nargs="*", type=float, default=None)
    parser.add_argument("--alone", nargs="*", type=float, default=None, help="check_alone_at")
    parser.add_argument("--agrees", nargs="*", type=float, default=None, help="turn_agrees_at")
    parser.add_argument("--crisis-at", type=float, default=None)
    parser.add_argument("--show", action="store_true", help="print what each fold got wrong")
    parser.add_argument("--no-pieces", action="store_true", help="fit without benign pieces")
    parser.add_argument("--c", type=float, default=None, help="regularisation to try")
    parser.add_argument("--unweighted", action="store_true", help="fit without class weights")
    args = parser.parse_args(argv)
    from assistant.safety import training

    if args.no_pieces:
        training.BENIGN_PIECES = False
    if args.unweighted:
        training.CLASS_WEIGHT = None
    if args.c is not None:
        training.REGULARISATION_C = args.c
    from assistant.safety.learned import CHECK_ALONE_AT, CHECK_AT, TURN_AGREES_AT

    gates = list(
        itertools.product(
            args.check_at or [CHECK_AT],
            args.alone or [CHECK_ALONE_AT],
            args.agrees or [TURN_AGREES_AT],
        )
    )
    results = asyncio.run(_run(gates, args.crisis_at, args.folds, args.writers))
    for gate, batches in results.items():
        bars = dict(zip(("check_at", "check_alone_at", "turn_agrees_at"), gate, strict=True))
        pooled_items: list[dict[str, Any]] = []
        pooled_outcomes: list[str | None] = []
        meeting = 0
        for name, items, outcomes in batches:
            row = score(f"{name} left out", items, outcomes)
            meeting += _meets_every_bar(row)
            if args.show:
                print(json.dumps({**bars, **row.row()}))
                for line in row.misses:
                    print("  missed:", line)
                for line in row.alarms:
                    print("  benign flagged:", line)
            pooled_items.extend(items)
            pooled_outcomes.extend(outcomes)
        pooled = score("pooled", pooled_items, pooled_outcomes)
        every_bar = f"{meeting}/{len(batches)}"
        print(json.dumps({**bars, **pooled.row(), "batches_meeting_every_bar": every_bar}))
    return 0


def _meets_every_bar(row: Score) -> bool:
    """Issue 11's bars for one batch: recall >= 0.95, blocks <= 3 %, checks <= 10 %."""
    return (
        row.caught >= 0.95 * row.crises
        and row.blocking <= 0.03 * row.benign
        and row.checks <= 0.10 * row.benign
    )


if __name__ == "__main__":
    raise SystemExit(main())
