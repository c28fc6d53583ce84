"""Kintsugi's text path against the stock Rasa deployment of the same model, in one run.

    python -m bench.stock [--rounds 4]

Kintsugi: `kintsugi chat --jsonl`, one process (plus whatever it spawns). Stock: what the
Rasa docs deploy, `rasa run --enable-api` for the model and `rasa run actions` for the
custom actions, talked to over the REST channel (`/webhooks/rest/webhook`). Both get the
same trained model (models/kintsugi.tar.gz) and the same scripted turns, one deployment
after the other (never side by side: the build machine has 2 cores, and each would slow
the other). Measured for each: the first reply after a cold start (process start to the
first answered message, model load included, since that is what a user waits for), the
median and p95 of the scripted turns, and the resident memory of all its processes after
the turns. Ratios are Kintsugi / stock, so below 1 means Kintsugi is faster or smaller.

Every process started here runs in its own process group and is stopped on every way out,
and its ports are checked closed before the next deployment starts.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from bench.procs import process_tree, rss_mb

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "kintsugi.tar.gz"

TURNS: tuple[str, ...] = (
    "hello",
    "show me the options",
    "help me practise an apology",
    "I'm sorry if you were hurt, but you made me do it",
    "yes",
    "stop",
    "can we do the listening exercise",
    "stop",
    "what's the weather like tomorrow",
    "goodbye",
)
"""Ten user turns through real flows (phrasings from data/nlu and tests/test_chat_rasa.py):
greeting, menu, an apology rehearsal with feedback, a retry offer taken then stopped, the
listening role-play started then stopped, off-topic, goodbye. Each round is a new sender,
so every round walks the same conversation from its start."""

WARMUP = "hello"
"""The cold-start message, from its own sender so the timed rounds all start fresh."""

COLD_START_TIMEOUT_S = 600.0
TURN_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0


class BenchError(RuntimeError):
    """A deployment did not start or did not answer; the message says which and why."""


# -- processes, memory, ports ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _rss_mb(roots: Sequence[int]) -> tuple[float, list[int]]:
    """Summed VmRSS of the process trees under `roots`, in MB, and their process ids."""
    pids = sorted({pid for root in roots for pid in process_tree(root)})
    return rss_mb(pids), pids


def _environment(data_dir: Path, *, stock: bool) -> dict[str, str]:
    """The caller's environment without its Kintsugi settings, so both sides see the same
    region and neither writes into the user's own journal."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KINTSUGI_")}
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        KINTSUGI_HOME=str(data_dir),
        KINTSUGI_REGION="US",  # the stock action server reads the region from here
        SANIC_HOST="127.0.0.1",  # rasa_sdk's only way to bind; `rasa run actions` has no -i
        PYTHONUNBUFFERED="1",
    )
    if stock:
        # Rasa as it ships: the model's encoder featurizer imports `assistant`, whose import
        # hook would otherwise refuse to start after stock Rasa has loaded TensorFlow. Only
        # the stock side: from 21931bf to 8e2b0b9 Kintsugi's side got it too, and the bench
        # measured Kintsugi with TensorFlow loaded (780 MB, first reply 13.6 s).
        env["KINTSUGI_STOCK_RASA"] = "1"
    return env


def _stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM to the whole process group, then SIGKILL if it has not gone in time."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT_S)
    with suppress(ProcessLookupError):  # children left behind in the group go too
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@contextmanager
def _started(
    command: Sequence[str], env: dict[str, str], log: Path, *, stdin: bool = False
) -> Iterator[subprocess.Popen[bytes]]:
    """A process in its own group, logging to `log`, stopped (with its group) on exit."""
    with log.open("wb") as sink:
        process = subprocess.Popen(
            list(command),
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE if stdin else sink,
            stderr=sink,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            _stop(process)


def _wait_closed(ports: Sequence[int]) -> None:
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while any(_port_open(port) for port in ports):
        if time.monotonic() > deadline:
            raise BenchError(f"ports still open after stopping: {list(ports)}")
        time.sleep(0.2)


def _wait_gone(pids: Sequence[int]) -> None:
    """Every process seen in a deployment's tree has ended (one that left its process group
    would have escaped the group kill, and could hold a port)."""
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while alive := [pid for pid in pids if _running(pid)]:
        if time.monotonic() > deadline:
            raise BenchError(f"processes still running after stopping: {alive}")
        time.sleep(0.2)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _tail(log: Path, chars: int = 2000) -> str:
    try:
        return log.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# -- figures --------------------------------------------------------------------------------


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _figures(
    cold_s: float, turns_s: list[float], memory: tuple[float, list[int]]
) -> dict[str, Any]:
    return {
        "turn_ms_median": round(statistics.median(turns_s) * 1000, 1),
        "turn_ms_p95": round(_p95(turns_s) * 1000, 1),
        "first_reply_s": round(cold_s, 2),
        "rss_mb_total": memory[0],
        "processes": len(memory[1]),
        "turns": len(turns_s),
    }


# -- Kintsugi: `kintsugi chat --jsonl` ------------------------------------------------------


def _line_reader(stream: IO[bytes]) -> queue.Queue[bytes]:
    """Lines of `stream` on a queue (b"" at end), so a reply can be awaited with a timeout."""
    lines: queue.Queue[bytes] = queue.Queue()

    def pump() -> None:
        for line in iter(stream.readline, b""):
            lines.put(line)
        lines.put(b"")

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _send(process: subprocess.Popen[bytes], sender: str, text: str) -> None:
    """One JSONL request line."""
    assert process.stdin is not None
    process.stdin.write((json.dumps({"sender": sender, "text": text}) + "\n").encode())
    process.stdin.flush()


def _kintsugi_reply(lines: queue.Queue[bytes], timeout: float) -> list[str]:
    try:
        raw = lines.get(timeout=timeout)
    except queue.Empty:
        raise BenchError(f"kintsugi chat --jsonl gave no reply within {timeout:.0f} s") from None
    if not raw:
        raise BenchError("kintsugi chat --jsonl closed its output before replying")
    reply = json.loads(raw)
    if "error" in reply:
        raise BenchError(f"kintsugi chat --jsonl answered with an error: {reply['error']}")
    return [str(line) for line in reply.get("bot") or []]


def run_kintsugi(rounds: int, work: Path) -> tuple[dict[str, Any], list[list[str]]]:
    """Figures for `kintsugi chat --jsonl`, and the bot lines of the first round."""
    config = work / "config.yml"
    config.write_text("{}\n")
    command = [
        str(BIN / "kintsugi"), "--config", str(config), "--model-dir", str(MODEL.parent),
        "chat", "--jsonl",
    ]  # fmt: skip
    log = work / "kintsugi.log"
    began = time.perf_counter()
    try:
        with _started(
            command, _environment(work / "kintsugi-data", stock=False), log, stdin=True
        ) as process:
            assert process.stdout is not None and process.stdin is not None
            lines = _line_reader(process.stdout)
            # Written at once: it waits in the pipe until the process reads its input.
            _send(process, "bench-warmup", WARMUP)
            _kintsugi_reply(lines, COLD_START_TIMEOUT_S)
            cold_s = time.perf_counter() - began
            turns_s, first_round = [], []
            for number in range(rounds):
                sender = f"bench-{uuid.uuid4().hex[:8]}-{number}"
                for text in TURNS:
                    sent = time.perf_counter()
                    _send(process, sender, text)
                    bot = _kintsugi_reply(lines, TURN_TIMEOUT_S)
                    turns_s.append(time.perf_counter() - sent)
                    if number == 0:
                        first_round.append(bot)
            memory = _rss_mb([process.pid])
            process.stdin.close()  # end of input: the documented way to leave
            process.wait(timeout=STOP_TIMEOUT_S)
    except (BenchError, OSError, ValueError, subprocess.TimeoutExpired) as error:
        raise BenchError(f"{error}\n--- kintsugi log (tail) ---\n{_tail(log)}") from error
    _wait_gone(memory[1])
    return _figures(cold_s, turns_s, memory), first_round


# -- stock: `rasa run --enable-api` + `rasa run actions`, REST channel ----------------------


def _post(url: str, sender: str, text: str, timeout: float) -> list[dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return list(json.loads(response.read()))


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _bot_lines(messages: list[dict[str, Any]]) -> list[str]:
    return [str(message["text"]) for message in messages if "text" in message]


def run_stock(rounds: int, work: Path) -> tuple[dict[str, Any], list[list[str]]]:
    """Figures for the stock deployment, and the bot lines of the first round."""
    port, action_port = _free_port(), _free_port()
    while action_port == port:
        action_port = _free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    env = _environment(work / "stock-data", stock=True)
    server = [
        str(BIN / "rasa"), "run", "--enable-api", "-m", str(MODEL), "--endpoints",
        str(endpoints), "-i", "127.0.0.1", "-p", str(port),
    ]  # fmt: skip
    actions = [str(BIN / "rasa"), "run", "actions", "--actions", "actions.registry"]
    actions += ["-p", str(action_port)]
    base = f"http://127.0.0.1:{port}"
    webhook = f"{base}/webhooks/rest/webhook"
    logs = work / "rasa-run.log", work / "rasa-actions.log"
    began = time.perf_counter()
    try:
        with (
            _started(server, env, logs[0]) as rasa,
            _started(actions, env, logs[1]) as action_server,
        ):
            deadline = time.monotonic() + COLD_START_TIMEOUT_S
            # Both must answer before the first message, or its actions would fail.
            while not (_answers(f"{base}/") and _answers(f"http://127.0.0.1:{action_port}/health")):
                for process, name in ((rasa, "rasa run"), (action_server, "rasa run actions")):
                    if process.poll() is not None:
                        raise BenchError(f"`{name}` exited with {process.returncode}")
                if time.monotonic() > deadline:
                    raise BenchError(f"stock Rasa did not answer within {COLD_START_TIMEOUT_S} s")
                time.sleep(0.1)
            if not _bot_lines(_post(webhook, "bench-warmup", WARMUP, COLD_START_TIMEOUT_S)):
                raise BenchError("stock Rasa gave an empty reply to the first message")
            cold_s = time.perf_counter() - began
            turns_s, first_round = [], []
            for number in range(rounds):
                sender = f"bench-{uuid.uuid4().hex[:8]}-{number}"
                for text in TURNS:
                    sent = time.perf_counter()
                    messages = _post(webhook, sender, text, TURN_TIMEOUT_S)
                    turns_s.append(time.perf_counter() - sent)
                    if number == 0:
                        first_round.append(_bot_lines(messages))
            memory = _rss_mb([rasa.pid, action_server.pid])
    except (BenchError, OSError, ValueError) as error:
        tails = "\n".join(f"--- {log.name} (tail) ---\n{_tail(log)}" for log in logs)
        raise BenchError(f"stock Rasa: {error}\n{tails}") from error
    _wait_gone(memory[1])
    _wait_closed([port, action_port])
    return _figures(cold_s, turns_s, memory), first_round


# -- both -----------------------------------------------------------------------------------


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """SIGTERM becomes SystemExit while the bench runs, so the `finally` blocks stop the
    servers instead of leaving them running with their ports open."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, leave)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


RATIO_KEYS = ("turn_ms_median", "turn_ms_p95", "first_reply_s", "rss_mb_total")


def bench_stock(rounds: int = 4) -> dict[str, Any]:
    """Kintsugi then stock Rasa, as one flat dict: `kintsugi_*`, `stock_*` and
    `ratio_*` (Kintsugi / stock) for turn median and p95, first reply and memory."""
    if not MODEL.is_file():
        raise BenchError(f"no trained model at {MODEL}; run `make setup` first")
    with _terminate_cleanly(), tempfile.TemporaryDirectory(prefix="kintsugi-stock-") as tmp:
        work = Path(tmp)
        kintsugi, kintsugi_said = run_kintsugi(rounds, work)
        stock, stock_said = run_stock(rounds, work)
    flat: dict[str, Any] = {"rounds": rounds, "turns_per_round": len(TURNS)}
    flat.update({f"kintsugi_{key}": value for key, value in kintsugi.items()})
    flat.update({f"stock_{key}": value for key, value in stock.items()})
    for key in RATIO_KEYS:
        if stock[key]:
            flat[f"ratio_{key}"] = round(kintsugi[key] / stock[key], 2)
    # Both walk the same conversation: a turn whose replies differ (Kintsugi's safety guard,
    # an empty stock reply) is worth knowing about when reading the latencies.
    same = zip(kintsugi_said, stock_said, strict=True)
    flat["same_replies_first_round"] = sum(a == b for a, b in same)
    flat["stock_empty_replies_first_round"] = sum(not lines for lines in stock_said)
    flat["kintsugi_empty_replies_first_round"] = sum(not lines for lines in kintsugi_said)
    return flat


def print_table(results: dict[str, Any]) -> None:
    rows = (
        ("turn median (ms)", "turn_ms_median"),
        ("turn p95 (ms)", "turn_ms_p95"),
        ("first reply, cold (s)", "first_reply_s"),
        ("memory, all processes (MB)", "rss_mb_total"),
    )
    print(f"{'':28} {'kintsugi':>10} {'stock':>10} {'k/stock':>8}")
    for label, key in rows:
        print(
            f"{label:28} {results[f'kintsugi_{key}']:>10} {results[f'stock_{key}']:>10} "
            f"{results.get(f'ratio_{key}', '-'):>8}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=4, help="rounds of the 10 scripted turns")
    args = parser.parse_args()
    try:
        results = bench_stock(args.rounds)
    except BenchError as error:
        print(f"bench.stock: {error}", file=sys.stderr)
        return 1
    print_table(results)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
