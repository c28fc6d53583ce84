"""Speed and memory of language identification at the door (assistant/dialogue/language.py).

    python -m bench.language [--runs 5]

In a fresh subprocess (so the memory figure is the detector's own): VmRSS added by building
the detector and judging one message, then the median time per message over every
sentence in data/nlu and tests/eval (English, short and long) and a few in other languages,
after a warm-up. Also counts how many English sentences it would send away (should be 0).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

OTHER_LANGUAGES = [
    "hola, necesito ayuda con mi pareja",
    "Ich möchte mich bei meiner Frau entschuldigen",
    "quiero pedir perdón a mi esposa por mentir",
    "je veux m'excuser auprès de ma femme",
    "voglio chiedere scusa a mio marito",
    "정말 미안해요 내가 잘못했어요",
]


def english_sentences() -> list[str]:
    """Every text in data/nlu and tests/eval: all English, of every length."""
    import yaml

    texts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    texts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((ROOT / "tests" / "eval").glob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(item.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    texts.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()[2:]))
    return [text for text in texts if any(char.isalpha() for char in text)]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def probe(runs: int) -> dict[str, Any]:
    """Measure in this process; meant to run in a fresh one (see bench_language)."""
    english = english_sentences()
    before = _rss_mb()
    began = time.perf_counter()
    from assistant.dialogue.language import other_language

    other_language(OTHER_LANGUAGES[0])
    first_s = time.perf_counter() - began
    added = _rss_mb() - before
    texts = english + OTHER_LANGUAGES
    for text in texts:  # warm-up: every script's models are loaded once
        other_language(text)
    timings = []
    for _ in range(runs):
        for text in texts:
            started = time.perf_counter()
            other_language(text)
            timings.append(time.perf_counter() - started)
    return {
        "messages": len(texts),
        "first_call_s": round(first_s, 3),
        "per_message_ms_median": round(statistics.median(timings) * 1000, 3),
        "per_message_ms_p90": round(sorted(timings)[int(len(timings) * 0.9)] * 1000, 3),
        "rss_added_mb": round(added, 1),
        "english_sent_away": sum(other_language(text) is not None for text in english),
        "english_sentences": len(english),
        "other_languages_caught": sum(other_language(t) is not None for t in OTHER_LANGUAGES),
        "other_languages": len(OTHER_LANGUAGES),
    }


def bench_language(runs: int = 5) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.language", "--probe", "--runs", str(runs)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the messages")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.runs)))
        return 0
    for key, value in bench_language(args.runs).items():
        print(f"  {key:40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
