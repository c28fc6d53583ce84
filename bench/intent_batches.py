"""Score menu routing on labelled batches: what a user says to start an exercise.

    python -m bench.intent_batches FILE.yml [FILE.yml ...]          one line per file
    python -m bench.intent_batches --show-misses FILE.yml           and the requests it got wrong

A batch is a YAML list of {text, intent}, intent one of the menu's requests (start_apology,
start_listening, start_questions, start_guided, start_time_apart, start_commitments,
ask_progress). Each request is the first turn of a new conversation through the whole
dialogue (safety guard, NLU, rules, actions), and counts as routed when the exercise after
that turn is the one asked for. A safety check or crisis reply is not a route, and counts
as a miss. A blind batch's first run is its honest figure: run this once, before the batch
is learned from (README, "Intent understanding").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bench.quiet_dialogue import quiet_dialogue

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

EXERCISE_OF: dict[str, str] = {
    "start_apology": "apology",
    "start_listening": "listening",
    "start_questions": "questions",
    "start_guided": "reflection",
    "start_time_apart": "time_apart",
    "start_commitments": "commitments",
    "ask_progress": "progress",
}
"""The exercise slot value each menu request should leave set (domain/core.yml)."""


async def _first_turns(texts: list[str]) -> list[tuple[str | None, str | None, float]]:
    """(exercise after the turn, intent acted on, confidence) of each text as a first turn."""
    with quiet_dialogue() as dialogue:
        turns = []
        for number, text in enumerate(texts):
            result = await dialogue.handle(f"route-{number}", text)
            turns.append((result.exercise, result.intent, result.confidence or 0.0))
            dialogue.end_conversation(f"route-{number}")
        return turns


def score(
    name: str, items: list[dict[str, Any]], turns: list[tuple[str | None, str | None, float]]
) -> tuple[dict[str, Any], list[str]]:
    """The batch's line (all, and per requested intent) and its misses."""
    asked: Counter[str] = Counter()
    routed: Counter[str] = Counter()
    misses = []
    for item, (exercise, intent, confidence) in zip(items, turns, strict=True):
        wanted = item["intent"]
        asked[wanted] += 1
        if exercise == EXERCISE_OF[wanted]:
            routed[wanted] += 1
        else:
            misses.append(
                f"[{wanted} -> {exercise or '-'} via {intent} {confidence:.2f}] {item['text']}"
            )
    row: dict[str, Any] = {
        "batch": name,
        "routed": f"{sum(routed.values())}/{len(items)}",
        "rate": round(sum(routed.values()) / len(items), 3) if items else None,
    }
    row.update({intent: f"{routed[intent]}/{asked[intent]}" for intent in sorted(asked)})
    return row, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    batches = [(str(p), yaml.safe_load(p.read_text(encoding="utf-8"))) for p in args.files]
    texts = [item["text"] for _, items in batches for item in items]
    turns = asyncio.run(_first_turns(texts))
    position = 0
    for name, items in batches:
        row, misses = score(name, items, turns[position : position + len(items)])
        position += len(items)
        print(json.dumps(row))
        if args.show_misses:
            for line in misses:
                print("  missed:", line)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
