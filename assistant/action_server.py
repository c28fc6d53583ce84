"""The custom-action server as a supervised child process on loopback.

It is started on a free 127.0.0.1 port, health-checked before the first turn, restarted if
it dies, and stopped on every exit path (the owner uses it as a context manager; an
`atexit` hook and process-group kill are the last line of defence).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from assistant.errors import ActionServerError

LOOPBACK = "127.0.0.1"


def free_loopback_port() -> int:
    """Ask the kernel for a free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


class ActionServer:
    """Runs `python -m assistant.action_runner` and keeps it healthy."""

    def __init__(
        self,
        project_dir: Path,
        *,
        start_timeout_s: float = 60.0,
        port: int | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self._project_dir = project_dir
        self._extra_env = dict(env or {})
        self._start_timeout_s = start_timeout_s
        self.port = port or free_loopback_port()
        self._process: subprocess.Popen[bytes] | None = None
        self.restarts = 0

    @property
    def url(self) -> str:
        """The webhook URL Rasa calls."""
        return f"http://{LOOPBACK}:{self.port}/webhook"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        """Start the child and wait until `/health` answers."""
        env = dict(os.environ, **self._extra_env)
        env.update(RASA_TELEMETRY_ENABLED="false", PYTHONUNBUFFERED="1")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "assistant.action_runner", "--port", str(self.port)],
            cwd=self._project_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            # Its own process group, so a Ctrl-C in the terminal reaches us first and we
            # decide how it stops, and so we can kill anything it spawned.
            start_new_session=True,
        )
        atexit.register(self.stop)
        deadline = time.monotonic() + self._start_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                err = (
                    self._process.stderr.read().decode(errors="replace")
                    if self._process.stderr
                    else ""
                )
                raise ActionServerError(
                    "The action server stopped while starting. Run `kintsugi doctor`, or "
                    f"reinstall with `make run`. Its last words:\n{err[-1500:]}"
                )
            if self.healthy():
                return
            time.sleep(0.1)
        self.stop()
        raise ActionServerError(
            f"The action server did not answer within {self._start_timeout_s:.0f} s. "
            "The machine may be very busy; try again, or run `kintsugi doctor`."
        )

    def healthy(self) -> bool:
        """True when the process is alive and its `/health` endpoint answers."""
        if not self.alive():
            return False
        try:
            with urllib.request.urlopen(
                f"http://{LOOPBACK}:{self.port}/health", timeout=1.0
            ) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def restart(self) -> None:
        """Stop whatever is left of the old child and start a fresh one on the same port."""
        self.stop()
        self.restarts += 1
        self.start()

    def stop(self) -> None:
        """Terminate the child's process group; kill it if it does not go within 5 s."""
        process, self._process = self._process, None
        atexit.unregister(self.stop)
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        if process.stderr:
            process.stderr.close()

    def __enter__(self) -> ActionServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
