"""Speed and memory of the on-device sentence encoder (assistant/encoder).

    python -m bench.encoder [--runs 100]

The measuring runs in a fresh subprocess, so the resident-memory figure is the encoder's own
(VmRSS after loading it and encoding once, minus VmRSS before, with numpy already imported as
it always is beside Rasa). Timings are medians after a warm-up. The budget from the issue:
at most 15 ms per sentence and 150 MB of added memory on the 2-core target.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

SENTENCE = "I am so sorry that I forgot to call you last night"  # 12 words
BATCH = [
    "I am so sorry that I forgot to call you last night",
    "im sorry i lied to you about where i was",
    "I should have listened instead of getting defensive",
    "Can we talk about what happened on Saturday?",
    "I know I broke your trust and I want to earn it back",
    "That was not fair to you, and it is on me",
    "I promise to tell you when I am running late from now on",
    "thank you for giving me another chance",
    "I hear that you felt ignored when I kept checking my phone",
    "I was wrong to read your messages without asking",
    "What can I do to make this right for you?",
    "I understand if you need some time before we talk again",
] * 3
LONG_TEXT = (
    "I want to say sorry for the way I acted at your sister's wedding last month. I drank too "
    "much, I raised my voice at your father, and I left without saying goodbye. I know it "
    "embarrassed you in front of your family, and one apology will not fix it, so I will stop "
    "drinking at family events for good."
)  # 60 words


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _median_ms(action: Any, runs: int, per: int = 1) -> float:
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        timings.append((time.perf_counter() - began) / per)
    return round(statistics.median(timings) * 1000, 2)


def probe(runs: int) -> dict[str, Any]:
    """Measure in this process; meant to run in a fresh one (see bench_encoder)."""
    import numpy  # noqa: F401  (always loaded beside Rasa; not the encoder's cost)

    before = _rss_mb()
    began = time.perf_counter()
    from assistant.encoder import load_encoder

    encoder = load_encoder(ROOT / "models")
    load_s = time.perf_counter() - began
    encoder.encode([SENTENCE])
    added = _rss_mb() - before
    batch = BATCH[:32]
    assert len(batch) == 32 and len(SENTENCE.split()) == 12 and len(LONG_TEXT.split()) == 60
    for _ in range(5):
        encoder.encode([SENTENCE])
        encoder.encode(batch)
        encoder.encode([LONG_TEXT])
    return {
        "load_s": round(load_s, 3),
        "sentence_ms_median": _median_ms(lambda: encoder.encode([SENTENCE]), runs),
        "batch32_ms_per_sentence_median": _median_ms(
            lambda: encoder.encode(batch), max(20, runs // 5), per=len(batch)
        ),
        "text60_ms_median": _median_ms(lambda: encoder.encode([LONG_TEXT]), max(50, runs // 2)),
        "rss_added_mb": round(added, 1),
        **_guard_figures(runs),
        "rss_added_after_bench_mb": round(_rss_mb() - before, 1),
        "budget_sentence_ms": 15,
        "budget_rss_added_mb": 150,
    }


def _guard_figures(runs: int) -> dict[str, Any]:
    """What the safety guard costs a turn: the encoder's features for every piece of the
    turn, the classifier and the patterns (assistant/safety/guard.py)."""
    from assistant.safety.guard import load_safety_guard

    guard = load_safety_guard(ROOT / "models")
    guard(SENTENCE)
    return {
        "guard_sentence_ms_median": _median_ms(lambda: guard(SENTENCE), runs),
        "guard_text60_ms_median": _median_ms(lambda: guard(LONG_TEXT), max(50, runs // 2)),
    }


def bench_encoder(runs: int = 100) -> dict[str, Any]:
    """The encoder's figures, measured in a fresh subprocess so memory is not shared."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.encoder", "--probe", "--runs", str(runs)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="timed runs per figure")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.runs)))
        return 0
    for key, value in bench_encoder(args.runs).items():
        print(f"  {key:40} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
