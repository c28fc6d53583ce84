"""Soak: many text turns across many senders; memory growth and latency drift.

    python -m bench.soak --turns 2000 --senders 50

Memory growth is the resident size at the end over the size after a warm-up block;
latency drift is the median turn time of the last block over the first block. Both are
ratios, so they mean the same on a fast or a slow machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

# One sender's conversation, repeated: an apology rehearsal with a retry and some chatter.
CONVERSATION = [
    "hello",
    "help me practise an apology",
    "im sorry i lied to you about where i was that night it was wrong and it hurt you",
    "yes",
    "I'm sorry if you were upset, but you overreacted",
    "give me an example",
    "what's the weather like",
    "no thanks",
]


@dataclass(frozen=True)
class SoakResult:
    turns: int
    senders: int
    rss_after_warmup_mb: float
    rss_end_mb: float
    memory_growth_ratio: float
    first_block_median_ms: float
    last_block_median_ms: float
    latency_drift_ratio: float
    errors: int


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def soak(turns: int, senders: int, model_dir: Path | None = None) -> SoakResult:
    from assistant.dialogue.bridge import RasaDialogue
    from assistant.safety.guard import load_safety_guard
    from assistant.settings import DialogueSettings

    settings = DialogueSettings() if model_dir is None else DialogueSettings(model_dir=model_dir)
    block = max(senders, turns // 10)
    latencies: list[float] = []
    errors = 0
    rss_warm = 0.0
    guard = load_safety_guard(DialogueSettings().understanding_dir)
    with RasaDialogue(settings, safety_screen=guard) as dialogue:
        for turn in range(turns):
            sender = f"soak-{turn % senders}"
            text = CONVERSATION[(turn // senders) % len(CONVERSATION)]
            began = time.perf_counter()
            result = await dialogue.handle(sender, text)
            latencies.append(time.perf_counter() - began)
            if not result.bot:
                errors += 1
            if turn + 1 == block:
                rss_warm = _rss_mb()
        rss_end = _rss_mb()
    first = statistics.median(latencies[block : 2 * block]) * 1000
    last = statistics.median(latencies[-block:]) * 1000
    return SoakResult(
        turns=turns,
        senders=senders,
        rss_after_warmup_mb=round(rss_warm, 1),
        rss_end_mb=round(rss_end, 1),
        memory_growth_ratio=round(rss_end / rss_warm, 3),
        first_block_median_ms=round(first, 2),
        last_block_median_ms=round(last, 2),
        latency_drift_ratio=round(last / first, 3),
        errors=errors,
    )


def main() -> None:
    from assistant.logs import configure_logging

    configure_logging()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=2000)
    parser.add_argument("--senders", type=int, default=50)
    args = parser.parse_args()
    result = asyncio.run(soak(args.turns, args.senders))
    print(json.dumps(asdict(result), indent=2))


if __name__ == "__main__":
    main()
