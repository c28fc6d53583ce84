"""Privacy promises, each checked against the real program (see README "Privacy")."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from bench.procs import descendants
from tests.support.cli import isolated_env, kintsugi_command
from tests.support.sockets import listening_sockets, socket_inodes

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

GUARD_DIR = Path(__file__).parent / "network_guard"
SECRET_APOLOGY = "im sorry i hid the zebra marmalade account from you for two years"


def _guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    env = isolated_env(tmp_path)
    log = tmp_path / "network-attempts.log"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD_DIR), env.get("PYTHONPATH")]))
    env["KINTSUGI_NETWORK_LOG"] = str(log)
    return env, log


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*kintsugi_command(), *args], input=stdin, env=env, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip


def _session_lines() -> str:
    lines = [
        {"sender": "p", "text": "help me practise an apology"},
        {"sender": "p", "text": SECRET_APOLOGY},
        {"sender": "p", "text": "no thanks"},
    ]
    return "\n".join(json.dumps(line) for line in lines) + "\n"


def test_a_text_session_never_touches_the_network_nor_logs_what_was_said(
    tmp_path: Path,
) -> None:
    env, attempts = _guarded_env(tmp_path)
    result = _run(["chat", "--jsonl"], env, _session_lines())
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert not attempts.exists(), attempts.read_text()
    # Default logging holds no transcript text.
    assert "zebra" not in result.stderr


def test_analyze_never_touches_the_network(tmp_path: Path) -> None:
    env, attempts = _guarded_env(tmp_path)
    result = _run(["analyze", "apology", SECRET_APOLOGY], env)
    assert result.returncode == 0, result.stderr
    assert not attempts.exists()


def test_the_guard_itself_catches_a_connection(tmp_path: Path) -> None:
    """Proof that the guard above can fail: an outbound connection is recorded."""
    env, attempts = _guarded_env(tmp_path)
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    python = str(Path(kintsugi_command()[0]).parent / "python")
    subprocess.run([python, "-c", code], env=env, capture_output=True, timeout=60, check=False)
    assert "192.0.2.1" in attempts.read_text()


def test_rasa_telemetry_stays_off(tmp_path: Path) -> None:
    env, _ = _guarded_env(tmp_path)
    env.pop("RASA_TELEMETRY_ENABLED", None)  # the program must switch it off itself
    result = _run(["chat", "--jsonl"], env, '{"text": "hello"}\n')
    assert result.returncode == 0, result.stderr
    config = Path(env["HOME"]) / ".config" / "rasa" / "global.yml"
    if config.exists():
        metrics = (yaml.safe_load(config.read_text()) or {}).get("metrics", {})
        assert metrics.get("enabled") is not True


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_a_text_session_works_with_no_network_at_all(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    result = subprocess.run(
        ["unshare", "-n", *kintsugi_command(), "chat", "--jsonl"],
        input=_session_lines(), env=env, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert outputs[1]["feedback"] is not None


def test_nothing_listens_beyond_loopback_during_a_session(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    process = subprocess.Popen(
        [*kintsugi_command(), "chat", "--jsonl"], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
    )  # fmt: skip
    try:
        assert process.stdin and process.stdout
        process.stdin.write('{"text": "help me practise an apology"}\n')
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["exercise"] == "apology"
        pids = [process.pid, *descendants(process.pid)]
        ours = set().union(*(socket_inodes(pid) for pid in pids))
        listening = [entry for entry in listening_sockets() if entry[2] in ours]
        # The custom actions run in-process: a text session listens on nothing at all.
        assert listening == []
    finally:
        if process.stdin:
            process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 0
    time.sleep(0.2)
