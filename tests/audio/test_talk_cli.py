"""`kintsugi talk`, `devices` and `doctor` as a user runs them, and the bad-input cases.

`talk` runs as a subprocess through `python -m assistant talk` when the main CLI has it,
else through tests/audio/talk_entry.py (the same `assistant.cli.voice` entry point).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.audio.sd_microphone import SoundDeviceMicrophone
from assistant.cli.doctor import echo_cancel_active, run_checks
from assistant.cli.voice import voice_unavailable_reason
from assistant.errors import AudioDeviceError
from assistant.events import read_events
from assistant.paths import PROJECT_ROOT
from assistant.settings import Settings
from assistant.voice.latency import turn_latencies
from tests.audio.harness import KO_MODEL, PulseHarness, espeak
from tests.support.voice import write_wav

PYTHON = str(PROJECT_ROOT / ".venv" / "bin" / "python")


def talk_command() -> list[str]:
    wired = subprocess.run(
        [PYTHON, "-m", "assistant", "talk", "--help"],
        capture_output=True,
        cwd=PROJECT_ROOT,
        timeout=120,
        check=False,
    )
    if wired.returncode == 0:
        return [PYTHON, "-m", "assistant", "talk"]
    return [PYTHON, "-m", "tests.audio.talk_entry", "talk"]


def private_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / "config"),
        RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(PROJECT_ROOT),
        **extra,
    )
    env.pop("KINTSUGI_HOME", None)
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


@pytest.mark.rasa
@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare")
def test_talk_replays_a_korean_recording_with_no_network(tmp_path: Path) -> None:
    korean = write_wav(
        tmp_path / "korean.wav", espeak("오늘 날씨가 좋습니다. 미안합니다.", "ko", 130)
    )
    out, events_file = tmp_path / "out.wav", tmp_path / "ev.jsonl"
    result = subprocess.run(
        [
            "unshare",
            "-n",
            *talk_command(),
            "--model",
            str(KO_MODEL),
            "--mic-wav",
            str(korean),
            "--out-wav",
            str(out),
            "--events",
            str(events_file),
        ],
        capture_output=True,
        text=True,
        env=private_env(tmp_path),
        cwd=PROJECT_ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "you: " in result.stdout and "kintsugi: " in result.stdout
    names = [e["event"] for e in read_events(events_file)]
    for stage in (
        "SpeechStarted",
        "SpeechEnded",
        "PartialTranscript",
        "Transcript",
        "DialogueReply",
        "SynthesisDone",
        "PlaybackStarted",
        "PlaybackFinished",
        "SessionEnded",
    ):
        assert stage in names, stage
    assert len(turn_latencies(read_events(events_file))) == 1
    assert out.stat().st_size > 16000 * 2  # over a second of reply audio


def test_no_sound_server_no_sound_card_says_why_in_one_line(tmp_path: Path) -> None:
    env = private_env(tmp_path, PULSE_SERVER="unix:/nonexistent/native")
    result = subprocess.run(
        [*talk_command(), "--model", str(KO_MODEL)],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,  # where talk falls back to typed chat, that chat ends at once
        timeout=300,
        check=False,
    )
    reason = "No audio input device found. Connect a microphone, then check `kintsugi devices`."
    said = [line for line in result.stderr.splitlines() if reason in line]
    assert len(said) == 1 and said[0].startswith("kintsugi: "), result.stderr[-2000:]
    assert "Traceback" not in result.stderr


@pytest.mark.audio
def test_missing_speech_model_is_reported_with_the_download_command(
    pulse: PulseHarness, tmp_path: Path
) -> None:
    settings = Settings()
    settings = dataclasses.replace(
        settings, privacy=dataclasses.replace(settings.privacy, data_dir=tmp_path)
    )
    reason = voice_unavailable_reason(settings)
    assert reason is not None and "kintsugi models download" in reason
    with_model = dataclasses.replace(
        settings, speech=dataclasses.replace(settings.speech, model=str(KO_MODEL))
    )
    assert voice_unavailable_reason(with_model) is None


@pytest.mark.audio
def test_a_busy_microphone_is_named_with_what_to_do(
    pulse: PulseHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PulseAudio shares devices, so "busy" cannot happen here; this uses a DOUBLE for the
    one PortAudio call, raising the error ALSA gives for a device another program holds."""
    import sounddevice

    def busy_stream(*_args: Any, **_kwargs: Any) -> None:
        raise sounddevice.PortAudioError(
            "Error opening InputStream: Device unavailable [PaErrorCode -9985]"
        )

    monkeypatch.setattr(sounddevice, "InputStream", busy_stream)

    async def open_it() -> None:
        SoundDeviceMicrophone("pulse").start()

    import asyncio

    with pytest.raises(AudioDeviceError, match=r"busy .*another program"):
        asyncio.run(open_it())


@pytest.mark.audio
def test_doctor_checks_everything_and_sees_echo_cancellation(
    pulse: PulseHarness,
) -> None:
    settings = Settings()
    settings = dataclasses.replace(
        settings, speech=dataclasses.replace(settings.speech, model=str(KO_MODEL))
    )
    # The doctor loads the speech model before it listens, which takes seconds on a busy
    # machine: the voice keeps talking (up to about a minute) until the checks are done, so
    # the listening window hears it however late it opens.
    with pulse.voice() as voice:
        voice.say(np.tile(espeak("Testing, one, two, three. Can you hear me?"), 20))
        checks = {c.name: c for c in run_checks(settings, listen_s=2)}
        voice.hush()
    optional = {"echo cancellation", "wake phrase (kintsugi serve)"}
    assert all(checks[name].ok for name in checks if name not in optional), checks
    assert "dBFS" in checks["microphone level (2 s)"].detail
    # The Korean test model cannot hear the default English wake phrase, and says so.
    wake = checks["wake phrase (kintsugi serve)"]
    assert not wake.ok and not wake.essential and "kintsugi" in wake.detail
    assert not checks["echo cancellation"].ok
    assert "module-echo-cancel" in checks["echo cancellation"].detail
    module = pulse.pactl(
        "load-module",
        "module-echo-cancel",
        "source_master=mouth.monitor",
        "sink_master=speaker",
        "aec_method=webrtc",
    ).strip()
    try:
        assert echo_cancel_active() is True
    finally:
        pulse.pactl("unload-module", module)
        # Unloading leaves PulseAudio to pick new defaults (it may pick speaker.monitor):
        # put the harness's own back, or later tests' microphones hear the wrong source.
        pulse.pactl("set-default-sink", "speaker")
        pulse.pactl("set-default-source", "mouth.monitor")


@pytest.mark.audio
def test_doctor_says_a_silent_microphone_is_silent(pulse: PulseHarness) -> None:
    checks = {c.name: c for c in run_checks(Settings(), listen_s=2)}
    level = checks["microphone level (2 s)"]
    assert not level.ok and "silent" in level.detail and "muted" in level.detail


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            found |= {child, *_children(child)}
    return found


def _wait_for_event(path: Path, name: str, timeout: float, after: float = 0.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                event = json.loads(line)
                if event["event"] == name and event["t"] > after:
                    return event
        time.sleep(0.05)
    raise AssertionError(f"no {name} event within {timeout}s")


@pytest.mark.audio
@pytest.mark.rasa
@pytest.mark.model
@pytest.mark.slow
def test_ctrl_c_during_playback_stops_audio_and_everything_closes(
    pulse: PulseHarness, tmp_path: Path
) -> None:
    events_file = tmp_path / "ev.jsonl"
    env = private_env(
        tmp_path,
        PYTHONFAULTHANDLER="1",  # a stuck process shows where it is stuck (on SIGABRT)
        **{k: pulse.env[k] for k in ("PULSE_SERVER", "PULSE_RUNTIME_PATH", "XDG_RUNTIME_DIR")},
    )
    with pulse.voice() as voice, pulse.recorder() as recording:
        process = subprocess.Popen(
            [*talk_command(), "--model", str(KO_MODEL), "--events", str(events_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=PROJECT_ROOT,
        )
        try:
            listening = _wait_for_event(events_file, "PlaybackFinished", 180)  # the greeting
            voice.say(espeak("안녕하세요. 오늘 날씨가 좋습니다.", "ko", 130))
            reply = _wait_for_event(events_file, "PlaybackStarted", 60, after=listening["t"])
            time.sleep(1.0)
            children = _children(process.pid)
            interrupted_at = time.monotonic()
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=30)
            exited_at = time.monotonic()
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            _, stderr = process.communicate(timeout=30)
            raise AssertionError(stderr.decode()[-4000:]) from None
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        time.sleep(0.3)
        loud = [t for t in recording.loud_times() if t > reply["t"]]
    assert process.returncode == 130, stderr.decode()[-2000:]
    assert loud and loud[0] < interrupted_at, "the reply was not playing when Ctrl-C came"
    assert max(loud) - interrupted_at < 0.5, "audio went on after Ctrl-C"
    assert exited_at - interrupted_at < 20
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()], "left a process"
    ended = read_events(events_file)[-1]
    assert ended["event"] == "SessionEnded" and ended["reason"] == "interrupted"
