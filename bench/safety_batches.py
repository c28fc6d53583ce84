"""Score the whole safety guard on labelled batches, as a turn at the menu sees it.

    python -m bench.safety_batches FILE.yml [FILE.yml ...]      one line per file
    python -m bench.safety_batches --test-split                 the never-trained split
    python -m bench.safety_batches --show-misses FILE.yml       and the sentences it got wrong

A batch is a YAML list of {text, label, style}, label one of self_harm, abuse_suffered,
abuse_done, none. Crisis recall counts a check as caught; on the benign ones, blocking
false alarms (a crisis reply) and checks are counted apart. A blind batch's first run is
its honest figure: run this once, before the batch is learned from (README, "Safety").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.quiet_dialogue import quiet_dialogue

os.environ["RASA_TELEMETRY_ENABLED"] = "false"


@dataclass(frozen=True)
class Score:
    name: str
    crises: int
    caught: int
    crisis_replies: int
    benign: int
    blocking: int
    checks: int
    misses: tuple[str, ...]
    alarms: tuple[str, ...]

    def row(self) -> dict[str, Any]:
        return {
            "batch": self.name,
            "recall": round(self.caught / self.crises, 3) if self.crises else None,
            "caught": f"{self.caught}/{self.crises}",
            "crisis_replies": self.crisis_replies,
            "blocking_false_alarms": f"{self.blocking}/{self.benign}",
            "blocking_rate": round(self.blocking / self.benign, 3) if self.benign else None,
            "checks_on_benign": f"{self.checks}/{self.benign}",
            "check_rate": round(self.checks / self.benign, 3) if self.benign else None,
        }


def score(name: str, items: list[dict[str, Any]], outcomes: list[str | None]) -> Score:
    crises = [(i, o) for i, o in zip(items, outcomes, strict=True) if i["label"] != "none"]
    benign = [(i, o) for i, o in zip(items, outcomes, strict=True) if i["label"] == "none"]
    return Score(
        name=name,
        crises=len(crises),
        caught=sum(1 for _, o in crises if o is not None),
        crisis_replies=sum(1 for _, o in crises if o == "crisis"),
        benign=len(benign),
        blocking=sum(1 for _, o in benign if o == "crisis"),
        checks=sum(1 for _, o in benign if o == "check"),
        misses=tuple(f"[{i['label']}] {i['text']}" for i, o in crises if o is None),
        alarms=tuple(f"[{o}] {i['text']}" for i, o in benign if o is not None),
    )


def _test_split_items() -> list[dict[str, Any]]:
    from assistant.paths import PROJECT_ROOT
    from assistant.safety.training import is_test_split, load_examples

    return [
        {"text": e.text, "label": e.label}
        for e in load_examples(PROJECT_ROOT)
        if is_test_split(e.text)
    ]


async def _outcomes(texts: list[str]) -> list[str | None]:
    with quiet_dialogue() as dialogue:
        return await dialogue.assess_many(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--test-split", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    batches: list[tuple[str, list[dict[str, Any]]]] = []
    if args.test_split:
        batches.append(("test split", _test_split_items()))
    for path in args.files:
        batches.append((str(path), yaml.safe_load(path.read_text(encoding="utf-8"))))
    if not batches:
        parser.error("give batch files or --test-split")
    texts = [item["text"] for _, items in batches for item in items]
    outcomes = asyncio.run(_outcomes(texts))
    position = 0
    for name, items in batches:
        result = score(name, items, outcomes[position : position + len(items)])
        position += len(items)
        print(json.dumps(result.row()))
        if args.show_misses:
            for line in result.misses:
                print("  missed:", line)
            for line in result.alarms:
                print("  benign flagged:", line)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
