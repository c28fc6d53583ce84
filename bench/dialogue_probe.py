"""Measure one dialogue model in a fresh process: load time, per-message latency, memory.

Run as a child by bench/__main__.py so each model's memory is measured on its own.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import time
from pathlib import Path

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

# A realistic mix: menu talk, an apology rehearsal, commands, junk.
SCRIPT = [
    "hello",
    "help me practise an apology",
    "im sorry i lied to you about the money i know it hurt you "
    "and i will show you my statements every month",
    "yes",
    "I'm sorry if you were hurt, but you made me do it",
    "give me an example",
    "no thanks",
    "what's the weather like",
    "help",
    "stop",
]  # fmt: skip


def _rss_mb(pid: int) -> float:
    """Resident memory of a process from /proc, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _measure(model_dir: Path, rounds: int) -> dict[str, float]:
    from assistant.dialogue.bridge import RasaDialogue
    from assistant.safety.guard import load_safety_guard
    from assistant.settings import DialogueSettings

    settings = DialogueSettings(model_dir=model_dir)
    # The crisis classifier is the project's own, whichever dialogue pipeline is measured.
    guard = load_safety_guard(DialogueSettings().understanding_dir)
    dialogue = RasaDialogue(settings, safety_screen=guard)
    started = time.perf_counter()
    dialogue.start()
    load_s = time.perf_counter() - started
    latencies: list[float] = []
    try:
        for round_number in range(rounds):
            for text in SCRIPT:
                began = time.perf_counter()
                await dialogue.handle(f"bench-{round_number}", text)
                latencies.append(time.perf_counter() - began)
    finally:
        dialogue.stop()
    return {
        "load_s": round(load_s, 2),
        "turn_ms_median": round(statistics.median(latencies) * 1000, 1),
        "turn_ms_p90": round(statistics.quantiles(latencies, n=10)[-1] * 1000, 1),
        "turns": len(latencies),
        "runtime_rss_mb": round(_rss_mb(os.getpid()), 0),
        "runtime_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0),
    }


def main() -> None:
    from assistant.logs import configure_logging

    configure_logging()
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(_measure(args.model_dir, args.rounds))))


if __name__ == "__main__":
    main()
