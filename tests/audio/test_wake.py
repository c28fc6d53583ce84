"""The home device through real audio: PortAudio streams on the private PulseAudio daemon,
espeak-ng's Korean voice as the user, the real Vosk grammar path with the Korean model.

The wake and forget phrases are Korean ones, set the way a user sets theirs (ServeSettings,
i.e. the `serve:` section of the config file): "안녕 친구" ("hello, friend") wakes it and
"잊어버려" ("forget it") erases the last session. The session's dialogue is a double (the
Rasa side is tested elsewhere, and in the subprocess test below).
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.audio import SoundDeviceMicrophone, SoundDeviceSpeaker
from assistant.dialogue.bridge import TurnResult
from assistant.events import (
    BargeIn,
    BotUtterance,
    EventLog,
    PlaybackStarted,
    SessionEnded,
    SessionStarted,
    StateChanged,
)
from assistant.home.serve import (
    FORGOTTEN,
    HomeDevice,
    PhraseHeard,
    QuietTimeout,
    ServeOptions,
    SessionForgotten,
)
from assistant.home.wake import WAKE, plan_phrases, vosk_knows, vosk_spotter
from assistant.journal.commitments import commitments_key
from assistant.journal.journaled_dialogue import JournaledDialogue
from assistant.journal.store import Journal
from assistant.paths import PROJECT_ROOT
from assistant.settings import PrivacySettings, ServeSettings
from assistant.speech.tts import Pyttsx3Synthesizer
from assistant.speech.vosk_recognizer import CommandRecognizer, VoskRecognizer
from assistant.voice.session import SessionOptions, VoiceSession
from bench.procs import descendants
from tests.audio.harness import KO_MODEL, PulseHarness, espeak, rescan_portaudio
from tests.support.sockets import LOOPBACK_HEX, listening_sockets, socket_inodes
from tests.support.voice import FAST_PROFILES, KOREAN_COMMANDS, LONG_REPLY

pytestmark = [pytest.mark.audio, pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def _fresh_sound_server(pulse: PulseHarness) -> None:
    """Start these tests on a freshly started daemon. Earlier audio tests (module-echo-cancel
    loaded and unloaded, streams killed mid-playback) leave the shared daemon in a state
    where, in a whole-suite run only, the wake spotter heard nothing; each test here passes
    on its own and after each earlier test file alone."""
    pulse.stop()
    pulse.start()
    rescan_portaudio()


KOREAN_SERVE = ServeSettings(wake_phrase="안녕 친구", forget_phrase="잊어버려")


def ko(text: str) -> Any:
    return espeak(text, "ko", 130)


class FeedbackDialogue:
    """Dialogue DOUBLE: a long reply (time to barge in) with feedback the journal keeps."""

    async def handle(self, sender: str, text: str, audio: Any = None) -> TurnResult:
        return TurnResult(
            sender=sender, text=text, intent="apology_attempt", confidence=1.0,
            exercise="apology", safety=None, bot=[LONG_REPLY],
            feedback={"exercise": "apology", "score": 48, "attempt": 1},
        )  # fmt: skip


async def until(events: EventLog, kind: type, count: int = 1, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = events.of_type(kind)
        if len(found) >= count:
            return found[count - 1]
        await asyncio.sleep(0.05)
    names = [type(e).__name__ for _, e in events.events]
    raise AssertionError(f"no {count} x {kind.__name__} within {timeout}s; saw {names}")


def test_the_korean_grammar_knows_the_phrases_and_the_unknown_token(ko_model: Any) -> None:
    plan = plan_phrases(KOREAN_SERVE, vosk_knows(ko_model))
    assert plan.checked and plan.notes == ()
    assert plan.phrases[WAKE] == ("안녕 친구",)
    # The default English phrase is not in the Korean model: refused, saying what to set.
    from assistant.errors import SetupError

    with pytest.raises(SetupError, match="wake_sounds_like"):
        plan_phrases(ServeSettings(), vosk_knows(ko_model))


def test_wake_session_stop_word_quiet_timeout_and_forget_by_voice(
    pulse: PulseHarness, ko_model: Any, tmp_path: Path
) -> None:
    events = EventLog()
    plan = plan_phrases(KOREAN_SERVE, vosk_knows(ko_model))
    commands = CommandRecognizer(ko_model, KOREAN_COMMANDS)

    async def scenario(journal: Journal) -> None:
        def new_session(mic: Any, speaker: Any, log: EventLog) -> VoiceSession:
            return VoiceSession(
                dialogue=JournaledDialogue(FeedbackDialogue(), journal),
                microphone=mic, speaker=speaker, recognizer=VoskRecognizer(ko_model),
                synthesizer=Pyttsx3Synthesizer(rate=170), commands=commands, events=log,
                options=SessionOptions(min_confidence=0.0, profiles=FAST_PROFILES),
            )  # fmt: skip

        device = HomeDevice(
            microphone=SoundDeviceMicrophone("pulse"),
            speaker=SoundDeviceSpeaker("pulse"),
            spotter=vosk_spotter(ko_model, plan, KOREAN_SERVE),
            synthesizer=Pyttsx3Synthesizer(rate=170),
            new_session=new_session,
            events=events,
            journal=journal,
            commands=commands,
            options=ServeOptions(quiet_timeout_s=3.0, forget_window_s=120.0),
        )
        with pulse.voice() as voice:
            task = asyncio.create_task(device.run())
            try:
                await until(events, StateChanged)  # waiting
                await asyncio.sleep(1.0)
                voice.say(ko("오늘 날씨가 좋습니다"))  # "the weather is nice today"
                other = await until(events, PhraseHeard)
                assert other.key is None and not events.of_type(SessionStarted)

                voice.say(ko("안녕 친구"))
                await until(events, SessionStarted)
                await until(events, PlaybackStarted)  # the greeting
                await wait_state(events, "listening")
                voice.say(ko("미안합니다. 정말 미안해요."))
                await until(events, PlaybackStarted, count=2)  # the long reply
                await asyncio.sleep(2.0)
                voice.say(ko("정지"))  # the stop word, during playback
                assert (await until(events, BargeIn)).command == "stop"

                await wait_state(events, "listening", count=2)
                await asyncio.sleep(0.5)
                voice.say(ko("잠깐"))  # pause; then nothing more is said
                await until(events, QuietTimeout, timeout=90)
                ended = await until(events, SessionEnded)
                assert ended.reason == "interrupted"
                await wait_state(events, "waiting", count=2)
                kept = len(journal.export()["turns"])
                assert kept >= 1  # at least the apology turn (a stray sound may add one)

                voice.say(ko("잊어버려"))
                forgotten = await until(events, SessionForgotten)
                assert forgotten.records == kept
                assert journal.export()["turns"] == []
                await asyncio.sleep(0.5)
            finally:
                task.cancel()
                await asyncio.wait({task})

    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        asyncio.run(scenario(journal))
    assert FORGOTTEN in [e.text for e in events.of_type(BotUtterance)]
    assert len(events.of_type(SessionStarted)) == 1


async def wait_state(events: EventLog, state: str, count: int = 1, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(1 for e in events.of_type(StateChanged) if e.state == state) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not {count} x {state!r}: {events.of_type(StateChanged)}")


# -- `kintsugi serve` as a process ----------------------------------------------------------


def _wait_for_event(path: Path, name: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                event = json.loads(line)
                if event["event"] == name:
                    return dict(event)
        time.sleep(0.1)
    raise AssertionError(f"no {name} event within {timeout}s")


def _gone(pids: list[int], within_s: float = 15.0) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.rasa
def test_kintsugi_serve_wakes_then_stops_cleanly_on_sigterm(
    pulse: PulseHarness, tmp_path: Path
) -> None:
    """Exit code 130 on SIGTERM (as on Ctrl-C; the service unit counts it as success), no
    child process outlives it, and nothing listened beyond loopback meanwhile."""
    home = tmp_path / "home"
    config = home / ".config" / "kintsugi" / "config.yml"
    config.parent.mkdir(parents=True)
    config.write_text(
        yaml.safe_dump(
            {
                "serve": {"wake_phrase": "안녕 친구", "forget_phrase": "잊어버려"},
                "speech": {"model": str(KO_MODEL)},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    env = {
        **pulse.env,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "RASA_TELEMETRY_ENABLED": "false",
        "TMPDIR": str(tmp_path / "tmp"),  # to see that nothing is left in it
    }
    (tmp_path / "tmp").mkdir()
    env.pop("KINTSUGI_HOME", None)
    # A promise kept three days ago: the woken session opens by asking how it went.
    made = (datetime.now().astimezone() - timedelta(days=3)).isoformat()
    promise = {"id": "c1", "text": "I'll call you at 8 every evening", "partner": "him"}
    with Journal.open(PrivacySettings(data_dir=home / ".local" / "share" / "kintsugi")) as kept:
        kept.save_progress(commitments_key("home"), json.dumps([{**promise, "made": made}]))
    events_file = tmp_path / "events.jsonl"
    command = [str(PROJECT_ROOT / ".venv" / "bin" / "kintsugi"), "serve", "--events"]
    with pulse.voice() as voice:
        process = subprocess.Popen(
            [*command, str(events_file)], env=env, cwd=tmp_path,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        try:
            _wait_for_event(events_file, "Waiting", 240)
            children = descendants(process.pid)  # none expected: actions run in-process
            ours = set().union(*(socket_inodes(pid) for pid in [process.pid, *children]))
            listening = [entry for entry in listening_sockets() if entry[2] in ours]
            assert all(address in LOOPBACK_HEX for address, _port, _inode in listening)

            time.sleep(1.0)
            voice.say(ko("안녕 친구"))
            _wait_for_event(events_file, "SessionStarted", 60)
            _wait_for_event(events_file, "PlaybackFinished", 60)  # the check-in question
            time.sleep(0.5)
            voice.say(ko("미안합니다. 정말 미안해요."))  # one turn through the real dialogue
            _wait_for_event(events_file, "DialogueReply", 90)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    text = stderr.decode()
    assert process.returncode == 130, text[-3000:]
    assert "kintsugi serve: woke" in text and "Stopped" in text
    assert "Traceback" not in text
    assert _gone(children), "a child process outlived kintsugi serve"
    # Nothing else is left in its process group either.
    group = subprocess.run(
        ["pgrep", "-g", str(process.pid)], capture_output=True, text=True, check=False
    )
    assert group.stdout.strip() == ""
    assert SessionEnded.__name__ in events_file.read_text()
    logged = [json.loads(line) for line in events_file.read_text().splitlines()]
    said = [event["text"] for event in logged if event["event"] == "BotUtterance"]
    question = "you said you'd call him at 8 every evening. How did it go: kept, partly, or missed?"
    assert said[0].endswith(question), said
    # No audio anywhere on disk, and the speech synthesizer's scratch files are gone.
    written = [p for p in (*home.rglob("*"), *(tmp_path / "tmp").rglob("*")) if p.is_file()]
    assert not [p for p in written if p.suffix.lower() in (".wav", ".raw", ".pcm")], written
    assert not list((tmp_path / "tmp").iterdir())


def test_doctor_line_for_the_wake_phrase() -> None:
    import dataclasses

    from assistant.cli.doctor import check_wake_phrase
    from assistant.settings import Settings

    settings = Settings()
    settings = dataclasses.replace(
        settings, speech=dataclasses.replace(settings.speech, model=str(KO_MODEL))
    )
    refused = check_wake_phrase(settings)
    assert not refused.ok and "kintsugi" in refused.detail and not refused.essential
    korean = check_wake_phrase(dataclasses.replace(settings, serve=KOREAN_SERVE))
    assert korean.ok and "안녕 친구" in korean.detail
