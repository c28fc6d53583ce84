"""`make pytest`: the audio tests and all the others, run side by side.

The 36 audio tests spend their time waiting on sound played and heard in real time; all of
them together used about a quarter of one core. The other tests spend their time on the
CPU. Run one after the other, they took 9 min 14 s and 6 min 57 s in a fresh clone
(64acebf). Side by side, each on two workers, the two runs took 6 min 43 s in all (README,
"Test speed").

The audio workers have CPU to spare, so the audio run also takes long CPU-bound tests
marked ``beside_audio`` (one half of the safety guard's never-trained split). In fresh
clones: without it, the audio run ended at 308 s and the other at 426 s (eeb867e); with it
and the slow-vote check, at 394 s and 348 s (ecc4827).

Every worker's numpy uses one BLAS thread (``OPENBLAS_NUM_THREADS=1``). Four workers on two
cores, each with OpenBLAS's default of one thread per core, mostly spin against each other:
the never-trained split test took 190 CPU-s with two threads and 126 CPU-s with one.

The other tests print to the terminal as they run. The audio run writes to
``results/audio-tests.log``, which is printed once the run ends, so the two outputs never
interleave. A Ctrl-C reaches both runs, because they are in the terminal's process group;
this waits until both have stopped. Each audio worker stops its own PulseAudio daemon.

Usage: ``python -m tests.side_by_side [pytest arguments for both runs]``.
Exit status: 0 when both runs pass; otherwise the first non-zero status, audio first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
AUDIO_LOG = PROJECT / "results" / "audio-tests.log"
NICENESS = "10"
"""The CPU-bound run's priority below the audio run's. Sound plays and is heard in real
time, so a starved audio worker misses its deadlines: at 99d21b3, in one of three
fresh-clone runs, the speaker stream underran again and again until the session took the
speaker for lost, and an overlap test failed. At nice 10 the CPU-bound workers get what the
audio workers leave (a weight of about a tenth of theirs), which costs them little: the
audio run uses about a quarter of a core."""
WORKERS = "2"


def _pytest(*args: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-n", WORKERS, *args]


def main(extra: list[str]) -> int:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "RASA_TELEMETRY_ENABLED": "false"}
    AUDIO_LOG.parent.mkdir(exist_ok=True)
    with AUDIO_LOG.open("w", encoding="utf-8") as log:
        audio = subprocess.Popen(
            _pytest("-m", "audio or beside_audio", "--durations=10", *extra),
            cwd=PROJECT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        print(f"kintsugi: the audio tests run beside these; their log: {AUDIO_LOG}", flush=True)
        others_run = _pytest("-m", "not audio and not beside_audio", "--durations=25", *extra)
        rest = subprocess.Popen(
            ["nice", "-n", NICENESS, *others_run],
            cwd=PROJECT,
            env=env,
        )
        try:
            others = rest.wait()
            if audio.poll() is None:
                print("kintsugi: waiting for the audio tests...", flush=True)
            audio_status = audio.wait()
        except KeyboardInterrupt:
            # The terminal sent SIGINT to both runs (not to this process alone): let each
            # stop its workers and daemons, and kill it only if it will not.
            for run in (rest, audio):
                _stop(run)
            return 130
    print(f"\n{'=' * 30} the audio tests ({AUDIO_LOG}) {'=' * 30}")
    print(AUDIO_LOG.read_text(encoding="utf-8"), end="", flush=True)
    if audio_status or others:
        failed = [name for name, status in (("audio", audio_status), ("other", others)) if status]
        print(f"kintsugi: the {' and the '.join(failed)} tests failed (see above)")
    return audio_status or others


def _stop(run: subprocess.Popen[bytes]) -> None:
    try:
        run.wait(timeout=60)
    except subprocess.TimeoutExpired:
        run.terminate()
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            run.kill()
            run.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
