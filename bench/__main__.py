"""`make bench`: speed and memory of the parts, as medians and ratios.

    python -m bench                 dialogue + analyzers + sentence encoder + learned apology
                                    reflection and answer labels (a few minutes)
    python -m bench --pipelines     also train and compare Rasa's default DIET/TED pipeline
    python -m bench --skip-idle     without the idle cost of `kintsugi serve` (bench/idle.py)
    python -m bench --skip-stock    without the comparison with stock `rasa run` (bench/stock.py)
    python -m bench --skip-first-words
                                    without the time to the greeting of `kintsugi chat` and
                                    `kintsugi talk` (bench/first_words.py)

Figures go to stdout as a table and to bench-results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.encoder import bench_encoder
from bench.language import bench_language

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"


def _probe(model_dir: Path, rounds: int, tensorflow: bool) -> dict[str, Any]:
    # A DIET/TED model needs TensorFlow, which Kintsugi keeps out unless allowed.
    env = dict(os.environ, KINTSUGI_STOCK_RASA="1" if tensorflow else "0")
    output = subprocess.run(
        [sys.executable, "-m", "bench.dialogue_probe", "--model-dir", str(model_dir),
         "--rounds", str(rounds)],
        cwd=ROOT, capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def bench_dialogue(
    model_dir: Path, repeats: int, rounds: int, *, tensorflow: bool = False
) -> dict[str, Any]:
    """Median over `repeats` fresh processes."""
    runs = [_probe(model_dir, rounds, tensorflow) for _ in range(repeats)]
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def bench_analyzers() -> dict[str, Any]:
    """Median microseconds per analysed utterance, over the evaluation sets."""
    import yaml

    from actions.coaching.apology import analyze_apology

    texts = [
        case["text"] for case in yaml.safe_load((ROOT / "tests/eval/apology_eval.yml").read_text())
    ]
    timings = []
    for _ in range(5):
        began = time.perf_counter()
        for text in texts:
            analyze_apology(text)
        timings.append((time.perf_counter() - began) / len(texts))
    long_text = " ".join(texts) * 3
    began = time.perf_counter()
    analyze_apology(long_text)
    return {
        "apology_us_per_utterance_median": round(statistics.median(timings) * 1e6, 1),
        "apology_long_text_chars": len(long_text),
        "apology_long_text_ms": round((time.perf_counter() - began) * 1000, 1),
    }


def bench_intent_accuracy(model_dir: Path) -> float:
    """Share of held-out phrasings classified as the intended intent."""
    code = (
        "import asyncio, json, yaml, sys\n"
        "import assistant  # keeps TensorFlow out, before Rasa loads\n"
        "from rasa.core.agent import Agent\n"
        "agent = Agent.load(sys.argv[1])\n"
        "cases = yaml.safe_load(open('tests/eval/nlu_holdout.yml'))\n"
        "hits = sum(asyncio.run(agent.parse_message(c['text']))['intent']['name'] == c['intent']"
        " for c in cases)\n"
        "print(hits / len(cases))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code, str(model_dir / "kintsugi.tar.gz")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return round(float(output.stdout.strip().splitlines()[-1]), 3)


def train_alternative(config: Path, out: Path) -> float:
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "--domain", "domain", "--data", "data",
         "--config", str(config), "--out", str(out), "--fixed-model-name", "kintsugi"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return round(time.perf_counter() - began, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pipelines", action="store_true", help="compare with DIET/TED")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--skip-idle", action="store_true", help="skip the `kintsugi serve` idle-cost section"
    )
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    parser.add_argument(
        "--skip-stock", action="store_true", help="skip the comparison with stock Rasa serving"
    )
    parser.add_argument("--stock-rounds", type=int, default=4)
    parser.add_argument(
        "--skip-first-words",
        action="store_true",
        help="skip the time to the first words of `kintsugi chat` and `kintsugi talk`",
    )
    args = parser.parse_args()

    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}}
    model_dir = ROOT / "models"
    results["dialogue"] = bench_dialogue(model_dir, args.repeats, args.rounds)
    results["dialogue"]["intent_accuracy_holdout"] = bench_intent_accuracy(model_dir)
    results["analyzers"] = bench_analyzers()
    # The numpy sentence encoder (bench/encoder.py), in its own process for a clean RSS figure.
    results["encoder"] = bench_encoder()
    # The apology analyzer with its learned labels (encoder included), a 60-word apology.
    from bench.apology_learned import latency as apology_latency

    results["apology_learned"] = apology_latency(model_dir, runs=50)
    # The reflection analyzer with its learned labels, a 60-word reflection.
    from bench.listening_learned import latency as listening_latency

    results["listening_learned"] = listening_latency(model_dir, runs=50)

    # The answer analyzer with its learned labels (encoder included), a 40-word answer.
    from bench.answer_learned import latency as answer_latency

    results["answer_learned"] = answer_latency(model_dir, runs=50)
    # Language identification at the door (bench/language.py), in its own process too.
    results["language"] = bench_language()
    if not args.skip_stock:
        from bench.stock import bench_stock

        # The same model and turns through `kintsugi chat --jsonl` and through stock
        # `rasa run` + `rasa run actions`; the ratios get their own section, like DIET/TED's.
        stock = bench_stock(args.stock_rounds)
        results["stock_rasa"] = {k: v for k, v in stock.items() if not k.startswith("ratio_")}
        results["ratios_kintsugi_over_stock"] = {
            k.removeprefix("ratio_"): v for k, v in stock.items() if k.startswith("ratio_")
        }
    if not args.skip_first_words:
        from bench.first_words import bench_first_words

        # Fresh `kintsugi chat` / `kintsugi talk` processes, timed to their greeting: the
        # product promises first words within 1.5 s while the dialogue loads behind them.
        results["first_words"] = bench_first_words()
    if not args.skip_idle:
        from bench.idle import bench_idle

        results["serve_idle"] = bench_idle(args.idle_seconds)

    if args.pipelines:
        with tempfile.TemporaryDirectory() as tmp:
            alt = Path(tmp)
            train_s = train_alternative(ROOT / "bench" / "config_diet.yml", alt)
            results["dialogue_diet_ted"] = bench_dialogue(
                alt, args.repeats, args.rounds, tensorflow=True
            )
            results["dialogue_diet_ted"]["train_s"] = train_s
            results["dialogue_diet_ted"]["intent_accuracy_holdout"] = bench_intent_accuracy(alt)
        light, heavy = results["dialogue"], results["dialogue_diet_ted"]
        results["ratios_diet_over_light"] = {
            key: round(heavy[key] / light[key], 2)
            for key in ("load_s", "turn_ms_median", "runtime_rss_mb")
            if light.get(key)
        }

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    for section, values in results.items():
        print(f"[{section}]")
        for key, value in values.items():
            print(f"  {key:40} {value}")
    shutil.rmtree(ROOT / "results" / "bench", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
