"""The home device says when a kept time apart has come to an end: once, unprompted, and
never in quiet hours. A clock DOUBLE moves time by hand; the wait is on events (the clock
being read again, a line being said), never on a sleep. The journal, the speech synthesis
and the serving loop are real."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from assistant.audio.fakes import RecordingSpeaker
from assistant.events import BotUtterance, EventLog, SessionEnded, SessionStarted
from assistant.home.quiet_hours import QuietHours
from assistant.home.serve import HomeDevice, ServeOptions
from assistant.home.wake import Spotter, plan_phrases
from assistant.journal.store import Journal
from assistant.journal.time_apart import TimeApartAnnouncer, agreement_key
from assistant.settings import PrivacySettings, ServeSettings
from assistant.speech.tts import Pyttsx3Synthesizer
from tests.audio.harness import espeak
from tests.support.serve import PushMicrophone, ScriptedPhraseDecoder, stop, until

ZONE = timezone(timedelta(hours=1))
SUNDAY_EVENING = datetime(2026, 12, 6, 18, 0, tzinfo=ZONE)


class CountingClock:
    """Clock DOUBLE: returns `now`, and counts how often the device has read it."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.reads = 0

    def __call__(self) -> datetime:
        self.reads += 1
        return self.now

    async def read_again(self, times: int = 5) -> None:
        """Return once the device has looked at the clock `times` more times."""
        target = self.reads + times
        while self.reads < target:
            await asyncio.sleep(0.01)


def test_the_end_of_the_time_apart_is_said_once_and_never_in_quiet_hours(
    tmp_path: Path,
) -> None:
    clock = CountingClock(datetime(2026, 12, 6, 17, 0, tzinfo=ZONE))
    events = EventLog()
    mic = PushMicrophone()
    plan = plan_phrases(ServeSettings(), lambda _word: True)
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        journal.save_progress(
            agreement_key("home"),
            json.dumps({"until": SUNDAY_EVENING.isoformat(), "partner": "her", "keep": True}),
        )
        device = HomeDevice(
            microphone=mic,
            speaker=RecordingSpeaker(),
            spotter=Spotter(ScriptedPhraseDecoder(), plan.phrases),
            synthesizer=Pyttsx3Synthesizer(),
            new_session=lambda *_: None,  # type: ignore[arg-type,return-value]
            events=events,
            journal=journal,
            quiet_hours=QuietHours.parse("22:00-07:00"),
            options=ServeOptions(holdoff_s=0.0),
            local_time=clock,
            announcements=TimeApartAnnouncer(journal, "home", every_s=0.0).due,
        )

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            await clock.read_again()  # Sunday at 5: not yet
            assert not events.of_type(BotUtterance)
            clock.now = datetime(2026, 12, 6, 23, 0, tzinfo=ZONE)  # past it, but quiet hours
            await clock.read_again()
            assert not events.of_type(BotUtterance)
            clock.now = datetime(2026, 12, 7, 7, 30, tzinfo=ZONE)  # the morning after
            said = await until(events, BotUtterance)
            assert said[0].text.startswith("The time apart you agreed on has come to an end.")
            await until(events, BotUtterance, count=5)
            await clock.read_again()  # said once: the agreement is let go
            await stop(task)

        asyncio.run(scenario())
        spoken = [event.text for event in events.of_type(BotUtterance)]
        assert len(spoken) == 5 and "don't tell her how to feel" in " ".join(spoken)
        assert not [i for i in journal.export()["progress"] if i["key"].startswith("time-apart/")]


class HeldSession:
    """VoiceSession DOUBLE: a session that goes on until the test lets it end."""

    def __init__(self, events: EventLog, done: asyncio.Event) -> None:
        self.events, self.done = events, done

    async def run(self) -> str:
        self.events.emit(SessionStarted(input="lease", output="lease"))
        await self.done.wait()
        self.events.emit(SessionEnded("user"))
        return "user"


def test_the_end_of_the_time_apart_is_said_when_it_comes_and_never_over_a_session(
    tmp_path: Path,
) -> None:
    clock = CountingClock(datetime(2026, 12, 6, 17, 59, tzinfo=ZONE))
    events = EventLog()
    mic = PushMicrophone()
    done = asyncio.Event()
    plan = plan_phrases(ServeSettings(), lambda _word: True)
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        journal.save_progress(
            agreement_key("home"),
            json.dumps({"until": SUNDAY_EVENING.isoformat(), "partner": "him", "keep": True}),
        )
        device = HomeDevice(
            microphone=mic,
            speaker=RecordingSpeaker(),
            spotter=Spotter(ScriptedPhraseDecoder(["hey coach"]), plan.phrases),
            synthesizer=Pyttsx3Synthesizer(),
            new_session=lambda _mic, _speaker, log: HeldSession(log, done),
            events=events,
            journal=journal,
            quiet_hours=QuietHours.parse("22:00-07:00"),
            options=ServeOptions(holdoff_s=0.0),
            local_time=clock,
            announcements=TimeApartAnnouncer(journal, "home", every_s=0.0).due,
        )

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            await clock.read_again()  # a minute before: not yet
            assert not events.of_type(BotUtterance)
            clock.now = SUNDAY_EVENING  # the very minute it comes, in the evening
            said = await until(events, BotUtterance)
            assert said[0].text.startswith("The time apart you agreed on has come to an end.")
            await until(events, BotUtterance, count=5)
            await clock.read_again()
            assert len(events.of_type(BotUtterance)) == 5  # said once

            # Kept again for later, and the time comes while a session is running: the
            # session is not talked over; it is said once the session has ended.
            later = SUNDAY_EVENING + timedelta(hours=1)
            journal.save_progress(
                agreement_key("home"),
                json.dumps({"until": later.isoformat(), "partner": "him", "keep": True}),
            )
            mic.say(espeak("Hey coach."))
            await until(events, SessionStarted)
            clock.now = later + timedelta(minutes=5)
            await asyncio.sleep(1.0)  # the session goes on; nothing may be said over it
            assert len(events.of_type(BotUtterance)) == 5
            done.set()
            await until(events, SessionEnded)
            said = await until(events, BotUtterance, count=6)
            assert said[5].text.startswith("The time apart you agreed on has come to an end.")
            await until(events, BotUtterance, count=10)
            await stop(task)

        asyncio.run(scenario())
        assert "don't tell him how to feel" in " ".join(
            e.text for e in events.of_type(BotUtterance)
        )
        assert not [i for i in journal.export()["progress"] if i["key"].startswith("time-apart/")]
