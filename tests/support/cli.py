"""The kintsugi command as a user runs it: the installed console script, an environment
whose home is private to the test, and `chat --jsonl`, raw or as a parsed session."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.paths import PROJECT_ROOT

VENV_BIN = PROJECT_ROOT / ".venv" / "bin"


def kintsugi_command() -> list[str]:
    """The installed console script, as a user would run it."""
    return [str(VENV_BIN / "kintsugi")]


def python_command() -> list[str]:
    return [str(VENV_BIN / "python")]


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose HOME and data dirs are private to the test."""
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        RASA_TELEMETRY_ENABLED="false",
    )
    (tmp_path / "home").mkdir(exist_ok=True)
    env.pop("KINTSUGI_HOME", None)
    return env


def chat_jsonl(
    lines: list[str],
    tmp_path: Path,
    *extra: str,
    network: bool = True,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`kintsugi [extra] chat --jsonl` fed `lines` as they are (valid or not); without
    `network`, in a network namespace of its own (`unshare -n`); `env` adds to the
    isolated environment."""
    command = [*kintsugi_command(), *extra, "chat", "--jsonl"]
    if not network:
        command = ["unshare", "-n", *command]
    return subprocess.run(
        command,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env={**isolated_env(tmp_path), **(env or {})},
        timeout=300,
        check=False,
    )


def jsonl_session(tmp_path: Path, sender: str, texts: list[str]) -> list[dict[str, Any]]:
    """`kintsugi chat --jsonl` as a user runs it, one line per text; exactly one output
    line per input line, parsed."""
    result = chat_jsonl([json.dumps({"sender": sender, "text": t}) for t in texts], tmp_path)
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == len(texts)
    return outputs
