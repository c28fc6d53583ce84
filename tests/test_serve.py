"""The home-device loop with English speech: wake, quiet hours, quiet timeout, "forget that".

The English Vosk model cannot be fetched here, so the words come from a recognizer DOUBLE
(`ScriptedPhraseDecoder`). Everything else is real: espeak-ng speech goes through the energy
gate, the phrase matcher, the serving loop and a real journal. The real Vosk grammar path
is tested with the Korean model through PulseAudio in tests/audio/test_wake.py.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from assistant.audio.fakes import RecordingSpeaker
from assistant.events import (
    PCM,
    BargeIn,
    BotUtterance,
    PlaybackFinished,
    SessionEnded,
    SessionStarted,
    StateChanged,
    Word,
)
from assistant.home.serve import (
    FORGOTTEN,
    NOTHING_TO_FORGET,
    PhraseHeard,
    QuietTimeout,
    SessionForgotten,
    WakeIgnored,
)
from assistant.home.wake import FORGET, WAKE, Spotter, match_phrase, plan_phrases
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings, ServeSettings
from tests.audio.harness import espeak
from tests.support.serve import (
    BLOCK,
    ScriptedPhraseDecoder,
    make_device,
    stop,
    until,
)


def test_only_the_whole_phrase_said_confidently_counts() -> None:
    phrases = {WAKE: ("hey kintsugi",), FORGET: ("forget that",)}

    def words(text: str, confidence: float = 0.9) -> list[Word]:
        return [Word(w, 0, 0, confidence) for w in text.split()]

    assert match_phrase(words("hey kintsugi"), phrases, 0.6) == WAKE
    assert match_phrase(words("Hey, Kintsugi!"), phrases, 0.6) == WAKE
    assert match_phrase(words("forget that"), phrases, 0.6) == FORGET
    # Grammar mode turns other speech into jumbles of the phrase words: never a wake.
    assert match_phrase(words("hey kintsugi kintsugi hey"), phrases, 0.6) is None
    assert match_phrase(words("hey"), phrases, 0.6) is None
    assert match_phrase(words("hey kintsugi", 0.4), phrases, 0.6) is None
    assert match_phrase([], phrases, 0.6) is None


def test_the_wake_phrase_starts_a_session_and_other_speech_does_not(tmp_path: Path) -> None:
    device, mic, events = make_device(tmp_path, ["hey hey", "hey coach"])

    async def scenario() -> None:
        task = asyncio.create_task(device.run())
        mic.say(espeak("What a lovely day it is today."))
        heard = await until(events, PhraseHeard)
        assert heard[0].key is None and not events.of_type(SessionStarted)
        mic.say(espeak("Hey coach."))
        await until(events, SessionStarted)
        await until(events, StateChanged, count=2)  # back to waiting after the session
        await stop(task)

    asyncio.run(scenario())
    assert [e.key for e in events.of_type(PhraseHeard)] == [None, WAKE]
    assert len(events.of_type(SessionStarted)) == 1
    assert mic.opened == 1 and mic.closed == 1  # opened once for everything, closed at the end
    waiting = [e for e in events.of_type(StateChanged) if e.state == "waiting"]
    assert len(waiting) == 2


def test_silence_never_reaches_the_decoder(tmp_path: Path) -> None:
    device, _mic, _events = make_device(tmp_path, [])
    decoder = device.spotter.decoder
    assert isinstance(decoder, ScriptedPhraseDecoder)

    async def scenario() -> None:
        task = asyncio.create_task(device.run())
        await asyncio.sleep(1.0)
        await stop(task)

    asyncio.run(scenario())
    assert decoder.samples == 0


def test_quiet_hours_hear_the_wake_phrase_but_do_not_answer(tmp_path: Path) -> None:
    now = [datetime(2026, 6, 1, 23, 30)]
    device, mic, events = make_device(
        tmp_path, ["hey coach", "hey coach"], quiet="22:00-07:00", clock=lambda: now[0]
    )

    async def scenario() -> None:
        task = asyncio.create_task(device.run())
        mic.say(espeak("Hey coach."))
        await until(events, WakeIgnored)
        assert not events.of_type(SessionStarted)
        now[0] = datetime(2026, 6, 2, 7, 5)  # morning
        mic.say(espeak("Hey coach."))
        await until(events, SessionStarted)
        await stop(task)

    asyncio.run(scenario())
    assert [e.reason for e in events.of_type(WakeIgnored)] == ["quiet_hours"]


def test_a_session_left_paused_ends_after_the_quiet_timeout(tmp_path: Path) -> None:
    device, mic, events = make_device(tmp_path, ["hey coach"], pause=True, quiet_timeout_s=1.0)

    async def scenario() -> None:
        task = asyncio.create_task(device.run())
        mic.say(espeak("Hey coach."))
        await until(events, SessionStarted)
        timeouts = await until(events, QuietTimeout)
        assert timeouts[0].paused_s >= 1.0
        await until(events, SessionEnded)
        await until(events, StateChanged, count=3)  # waiting, paused, waiting
        await stop(task)

    asyncio.run(scenario())
    assert events.of_type(SessionEnded)[0].reason == "interrupted"
    assert events.of_type(StateChanged)[-1].state == "waiting"


def test_forget_that_erases_what_the_session_kept_and_says_so(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        journal.save_progress("kept-from-before", '{"step": 1}')
        time.sleep(1.1)  # records carry whole seconds; the session starts in a later one
        device, mic, events = make_device(tmp_path, ["hey coach", "forget that"], journal=journal)

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            mic.say(espeak("Hey coach."))
            await until(events, SessionEnded)
            assert len(journal.export()["turns"]) == 1
            mic.say(espeak("Forget that."))
            await until(events, SessionForgotten)
            await until(events, BotUtterance)
            await stop(task)

        asyncio.run(scenario())
        assert journal.export()["turns"] == []
        assert [p["key"] for p in journal.export()["progress"]] == ["kept-from-before"]
    assert events.of_type(SessionForgotten)[0].records == 1
    assert [e.text for e in events.of_type(BotUtterance)] == [FORGOTTEN]


@pytest.mark.slow  # 4-7 s: kept out of `make check`, run by `make test`
def test_forget_that_is_only_heard_just_after_a_session(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        device, mic, events = make_device(
            tmp_path,
            ["forget that", "hey coach", "forget that", "forget that"],
            journal=journal,
            forget_window_s=3.0,
        )

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            mic.say(espeak("Forget that."))  # no session yet: nothing to act on
            await until(events, PhraseHeard)
            mic.say(espeak("Hey coach."))
            await until(events, SessionEnded)
            await asyncio.sleep(3.5)  # the window closes
            mic.say(espeak("Forget that."))
            await until(events, PhraseHeard, count=3)
            assert not events.of_type(SessionForgotten)
            await stop(task)

        asyncio.run(scenario())
        assert len(journal.export()["turns"]) == 1  # still there


def test_forget_with_nothing_kept_says_so(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        device, mic, events = make_device(tmp_path, ["hey coach", "forget that"])
        device.journal = journal  # a session that recorded nothing

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            mic.say(espeak("Hey coach."))
            await until(events, SessionEnded)
            mic.say(espeak("Forget that."))
            await until(events, BotUtterance)
            await stop(task)

        asyncio.run(scenario())
    assert events.of_type(SessionForgotten)[0].records == 0
    assert [e.text for e in events.of_type(BotUtterance)] == [NOTHING_TO_FORGET]
    assert not events.of_type(BargeIn)


def test_an_out_of_vocabulary_wake_phrase_is_refused_with_what_to_set() -> None:
    from assistant.errors import SetupError

    english_without_kintsugi = {"hey", "kin", "sue", "ghee", "forget", "that", "coach"}

    def knows(word: str) -> bool:
        return word in english_without_kintsugi

    plan = plan_phrases(ServeSettings(wake_phrase="hey kintsugi"), knows)
    assert plan.phrases[WAKE] == ("hey kin sue ghee",)
    assert "sounds the same" in plan.notes[0]
    with pytest.raises(SetupError, match="wake_sounds_like"):
        plan_phrases(ServeSettings(wake_phrase="hello zorblax"), knows)
    custom = plan_phrases(
        ServeSettings(wake_phrase="hello zorblax", wake_sounds_like="hey kin sue"), knows
    )
    assert custom.phrases[WAKE] == ("hey kin sue",)
    no_forget = plan_phrases(ServeSettings(forget_phrase="vergiss das"), knows)
    assert FORGET not in no_forget.phrases
    assert any("kintsugi journal forget" in note for note in no_forget.notes)
    unchecked = plan_phrases(ServeSettings(), lambda _word: None)
    assert not unchecked.checked and unchecked.phrases[WAKE] == ("hey coach",)


class StopWordDouble:
    """Command-recognizer DOUBLE: hears "stop" once it has had `after` blocks of audio."""

    def __init__(self, after: int) -> None:
        self.after, self.blocks = after, 0

    def reset(self) -> None:
        self.blocks = 0

    def accept(self, samples: PCM, *, act_on_partial: frozenset[str] = frozenset()) -> str | None:
        self.blocks += 1
        return "stop" if self.blocks >= self.after and "stop" in act_on_partial else None


def test_the_stop_word_cuts_the_devices_own_words_short(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data")) as journal:
        device, mic, events = make_device(tmp_path, ["hey coach", "forget that"])
        device.journal = journal
        device.speaker = RecordingSpeaker(realtime=True)  # "plays" for as long as it lasts
        device.commands = StopWordDouble(after=10)  # type: ignore[assignment]

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            mic.say(espeak("Hey coach."))
            await until(events, SessionEnded)
            mic.say(espeak("Forget that."))
            await until(events, BargeIn)
            await stop(task)

        asyncio.run(scenario())
    assert [e.command for e in events.of_type(BargeIn)] == ["stop"]
    assert events.of_type(PlaybackFinished)[-1].interrupted


def test_the_spotter_keeps_only_a_short_pre_roll_of_audio() -> None:
    plan = plan_phrases(ServeSettings(), lambda _word: True)
    spotter = Spotter(ScriptedPhraseDecoder(), plan.phrases, pre_roll_s=0.4)
    hum = (np.sin(np.arange(BLOCK * 500) / 3) * 50).astype(np.int16)  # 10 s below the gate
    for i in range(0, len(hum), BLOCK):
        assert spotter.feed(hum[i : i + BLOCK]) is None
    kept = sum(len(block) for block in spotter._pre_roll)
    assert 0.4 * 16000 <= kept <= 0.4 * 16000 + BLOCK
