"""Estimate the safety guard's first-run figures before a new blind batch is written.

    python -m bench.safety_cv                       every writer left out in turn
    python -m bench.safety_cv --check-at 0.35 0.45  and the check threshold swept

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
import json
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
import yaml

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

from bench.safety_batches import score


def _writer(source: str) -> str | None:
    match = re.search(r"fresh/([a-z])-batch\d+\.yml$", source)
    return match.group(1) if match else None


class _Swappable:
    """The dialogue's safety screen, replaced fold by fold."""

    guard: Any = None

    def __call__(self, text: str) -> Any:
        return self.guard(text)

    def many(self, texts: Sequence[str]) -> Any:
        return self.guard.many(texts)


async def _run(check_ats: list[float], crisis_at: float | None) -> dict[str, Any]:
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
    encoder = load_encoder(model_dir)
    cache = _FeatureCache(feature_cache_path("safety"))

    def encode(texts: Sequence[str]) -> np.ndarray:
        # The training cache serves the batches' pieces too: each is encoded once for all folds.
        return cache.features(texts, encoder.features)

    swappable = _Swappable()
    dialogue = RasaDialogue(settings, safety_screen=swappable)
    dialogue.start()
    results: dict[str, Any] = defaultdict(list)
    try:
        for writer in writers:
            train = [
                e for e in examples if not is_test_split(e.text) and _writer(e.source) != writer
            ]
            texts, labels = training_texts(train)
            model = fit(cache.features(texts, encoder.features), texts, labels, "cv")
            # Every item of the writer's batches, test split or not: a first run sees all.
            held = []
            for path in sorted((DATA_DIR / "fresh").glob(f"{writer}-*.yml")):
                held.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
            screen = LearnedScreen(encode, model)
            if crisis_at is not None:
                screen.crisis_at = crisis_at
            swappable.guard = SafetyGuard(screen)
            for check_at in check_ats:
                screen.check_at = check_at
                outcomes = await dialogue.assess_many([item["text"] for item in held])
                results[str(check_at)].append((writer, held, outcomes))
        cache.save()
    finally:
        dialogue.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check-at", nargs="*", type=float, default=None)
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
    from assistant.safety.learned import CHECK_AT

    check_ats = args.check_at or [CHECK_AT]
    results = asyncio.run(_run(check_ats, args.crisis_at))
    for check_at, folds in results.items():
        pooled_items: list[dict[str, Any]] = []
        pooled_outcomes: list[str | None] = []
        for writer, items, outcomes in folds:
            row = score(f"without {writer}", items, outcomes)
            print(json.dumps({"check_at": float(check_at), **row.row()}))
            if args.show:
                for line in row.misses:
                    print("  missed:", line)
                for line in row.alarms:
                    print("  benign flagged:", line)
            pooled_items.extend(items)
            pooled_outcomes.extend(outcomes)
        pooled = score("pooled", pooled_items, pooled_outcomes)
        print(json.dumps({"check_at": float(check_at), **pooled.row()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
