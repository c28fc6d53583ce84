"""Faults in a running text session: signals, a killed parent, a soak of many turns."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from bench.procs import descendants
from bench.soak import soak
from tests.support.cli import isolated_env, kintsugi_command

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_session(tmp_path: Path) -> subprocess.Popen[str]:
    """A typed session started as a shell starts a background command: with SIGINT ignored.
    Ctrl-C must stop it all the same (CI runs the suite that way; the CLI resets it)."""
    process = subprocess.Popen(
        [*kintsugi_command(), "chat", "--jsonl"], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=isolated_env(tmp_path), text=True,
        preexec_fn=_ignore_sigint,
    )  # fmt: skip
    assert process.stdin and process.stdout
    process.stdin.write('{"text": "help me practise an apology"}\n')
    process.stdin.flush()
    assert json.loads(process.stdout.readline())["exercise"] == "apology"
    return process


def _exit_code(process: subprocess.Popen[str], within_s: float = 30) -> int:
    """The exit code; if the process has not ended in time, its threads' stacks (SIGUSR1,
    see the CLI's faulthandler) go into the failure message, then it is killed."""
    try:
        return process.wait(timeout=within_s)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGUSR1)
        time.sleep(1.0)  # let it print; then it goes, whatever it was doing
        process.kill()
        _, stderr = process.communicate(timeout=30)
        raise AssertionError(
            f"did not exit within {within_s} s; stacks:\n{stderr[-6000:]}"
        ) from None


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_while_idle_exits_cleanly_with_no_orphan(tmp_path: Path, sig: int) -> None:
    process = _start_session(tmp_path)
    assert descendants(process.pid) == []  # the actions run in-process: nothing to orphan
    process.send_signal(sig)
    assert _exit_code(process) == 130
    assert process.stderr is not None
    assert "Stopped" in process.stderr.read()


def test_sigterm_while_thinking_exits_cleanly_with_no_orphan(tmp_path: Path) -> None:
    process = _start_session(tmp_path)
    assert process.stdin
    process.stdin.write(json.dumps({"text": "i am sorry i lied to you " * 400}) + "\n")
    process.stdin.flush()
    time.sleep(0.05)  # the turn is now being analysed
    assert descendants(process.pid) == []  # nothing beside it that could be orphaned
    process.send_signal(signal.SIGTERM)
    assert _exit_code(process) == 130


def test_soak_memory_stays_flat() -> None:
    """A short version of `python -m bench.soak` (2,000 turns) for CI: memory only, since
    timings on a shared machine are not a pass/fail matter."""
    result = asyncio.run(soak(turns=300, senders=20))
    print(f"\nsoak (CI): {result}")
    assert result.errors == 0
    assert result.memory_growth_ratio < 1.10


def test_no_half_written_file_after_sigkill_mid_session(tmp_path: Path) -> None:
    process = _start_session(tmp_path)
    assert process.stdin and process.stdout
    process.stdin.write(json.dumps({"text": "i am sorry i lied to you about the money"}) + "\n")
    process.stdin.flush()
    process.stdout.readline()
    process.kill()
    process.wait(timeout=30)
    data_dir = Path(isolated_env(tmp_path)["XDG_DATA_HOME"]) / "kintsugi"
    leftovers = [p.name for p in data_dir.rglob("*") if p.name.startswith(".")]
    assert not leftovers
    env = dict(isolated_env(tmp_path))
    shown = subprocess.run(
        [*kintsugi_command(), "journal", "export"], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert os.stat(data_dir).st_mode & 0o077 == 0
