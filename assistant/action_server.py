"""The custom-action server as a supervised child process on loopback.

It is started on a free 127.0.0.1 port, health-checked before the first turn, restarted if
it dies, and stopped on every exit path (the owner uses it as a context manager; an
`atexit` hook and process-group kill are the last line of defence).
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

from assistant.errors import ActionServerError

LOOPBACK = "127.0.0.1"


def free_loopback_port() -> int:
    """Ask the kernel for a free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def loopback_tcp_works() -> bool:
    """True when a TCP connection to 127.0.0.1 can be made.

    In a fresh network namespace (`unshare -n`) the loopback interface is down: binding
    succeeds but connecting fails, so we test the round trip.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind((LOOPBACK, 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=1.0):
                return True
    except OSError:
        return False


class _UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a Unix domain socket (for the health check when loopback is down)."""

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock


class ActionServer:
    """Runs `python -m assistant.action_runner` and keeps it healthy.

    It listens on 127.0.0.1 on a free port. Where loopback TCP does not work (a network
    namespace with no interfaces up), it listens on a Unix domain socket in a private
    0700 folder instead, which never touches a network at all.
    """

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
        self.unix_socket: Path | None = None
        if not loopback_tcp_works():
            self.unix_socket = Path(tempfile.mkdtemp(prefix="kintsugi-")) / "actions.sock"
        self.port = port or free_loopback_port()
        self._process: subprocess.Popen[bytes] | None = None
        # The child's last stderr lines, kept in memory (never on disk) for error messages.
        # A thread drains the pipe so a chatty child can never block on a full pipe.
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=40)
        self.restarts = 0

    @property
    def url(self) -> str:
        """The webhook URL Rasa calls (the host is ignored over a Unix socket)."""
        if self.unix_socket is not None:
            return "http://localhost/webhook"
        return f"http://{LOOPBACK}:{self.port}/webhook"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        """Start the child and wait until `/health` answers."""
        env = dict(os.environ, **self._extra_env)
        env.update(RASA_TELEMETRY_ENABLED="false", PYTHONUNBUFFERED="1")
        command = [sys.executable, "-m", "assistant.action_runner", "--port", str(self.port)]
        if self.unix_socket is not None:
            self.unix_socket.unlink(missing_ok=True)  # a stale socket from a killed child
            command += ["--unix", str(self.unix_socket)]
        self._process = subprocess.Popen(
            command,
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
        self._stderr_tail.clear()
        drain = threading.Thread(target=self._drain, args=(self._process,), daemon=True)
        drain.start()
        deadline = time.monotonic() + self._start_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                drain.join(timeout=2)
                last_words = "\n".join(self._stderr_tail)[-1500:]
                raise ActionServerError(
                    "The action server stopped while starting. Run `kintsugi doctor`, or "
                    f"reinstall with `make run`. Its last words:\n{last_words}"
                )
            if self.healthy():
                return
            time.sleep(0.1)
        self.stop()
        raise ActionServerError(
            f"The action server did not answer within {self._start_timeout_s:.0f} s. "
            "The machine may be very busy; try again, or run `kintsugi doctor`."
        )

    def _drain(self, process: subprocess.Popen[bytes]) -> None:
        if process.stderr is None:
            return
        for raw in iter(process.stderr.readline, b""):
            self._stderr_tail.append(raw.decode(errors="replace").rstrip())

    def healthy(self) -> bool:
        """True when the process is alive and its `/health` endpoint answers."""
        if not self.alive():
            return False
        connection: http.client.HTTPConnection
        if self.unix_socket is not None:
            connection = _UnixHTTPConnection(str(self.unix_socket), timeout=1.0)
        else:
            connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=1.0)
        try:
            connection.request("GET", "/health")
            return connection.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

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

    def close(self) -> None:
        """Stop the child and remove the private socket folder, if one was made."""
        self.stop()
        if self.unix_socket is not None:
            shutil.rmtree(self.unix_socket.parent, ignore_errors=True)

    def __enter__(self) -> ActionServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
