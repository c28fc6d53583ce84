"""The home device asks how a kept commitment went when it is woken: never in quiet hours, at
most once a day per commitment, and the answer is recorded without blame.

As in the other serve tests, the words come from recognizer DOUBLES (the wake grammar's
`ScriptedPhraseDecoder`, the session's `ScriptedRecognizer`: the English Vosk model cannot
be fetched here) and a clock DOUBLE moves the day by hand. Everything else is real: espeak-ng
speech through the energy gates, the serving loop, the sessions `kintsugi serve` builds
(`HomeSessions`), the trained dialogue and its actions, and the journal.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.audio.fakes import RecordingSpeaker
from assistant.dialogue.bridge import RasaDialogue
from assistant.events import BotUtterance, EventLog, SessionEnded, StateChanged, Transcript
from assistant.home.quiet_hours import QuietHours
from assistant.home.serve import HomeDevice, ServeOptions, WakeIgnored
from assistant.home.sessions import HOME_SENDER, HomeSessions
from assistant.home.wake import Spotter, plan_phrases
from assistant.journal.commitments import commitments_key
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings, ServeSettings
from assistant.speech import phrases
from assistant.speech.scripted import ScriptedRecognizer
from assistant.speech.tts import Pyttsx3Synthesizer
from assistant.voice.session import SessionOptions
from tests.audio.harness import espeak
from tests.support.coach import Clock
from tests.support.serve import PushMicrophone, ScriptedPhraseDecoder, stop, until

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

ZONE = timezone(timedelta(hours=1))
MADE = datetime(2026, 11, 23, 19, 0, tzinfo=ZONE)  # a Monday
PROMISE = "I'll text you when I leave work, every day this month"
QUESTION = (
    "Last week you said you'd text her when you leave work, every day this month. "
    "How did it go: kept, partly, or missed?"
)


async def listening(events: EventLog, count: int) -> None:
    """Until the sessions so far have started listening `count` times in all."""
    deadline = time.monotonic() + 90
    while sum(1 for e in events.of_type(StateChanged) if e.state == "listening") < count:
        assert time.monotonic() < deadline, events.of_type(StateChanged)
        await asyncio.sleep(0.02)


def test_a_woken_device_asks_once_a_day_never_in_quiet_hours_and_keeps_the_answer(
    tmp_path: Path, rasa_dialogue: RasaDialogue
) -> None:
    clock = Clock(datetime(2026, 12, 1, 23, 30, tzinfo=ZONE))  # a week later, late at night
    events = EventLog()
    mic = PushMicrophone()
    plan = plan_phrases(ServeSettings(), lambda _word: True)
    answers = ["goodbye", "goodbye", "mostly but i missed friday", "goodbye", "goodbye"]
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        record = {"id": "c1", "text": PROMISE, "partner": "her", "made": MADE.isoformat()}
        journal.save_progress(commitments_key(HOME_SENDER), json.dumps([record]))
        device = HomeDevice(
            microphone=mic,
            speaker=RecordingSpeaker(),
            spotter=Spotter(ScriptedPhraseDecoder(["hey coach"] * 5), plan.phrases),
            synthesizer=Pyttsx3Synthesizer(),
            new_session=HomeSessions(
                dialogue=rasa_dialogue,
                journal=journal,
                recognizer=ScriptedRecognizer(answers),
                commands=None,
                new_synthesizer=Pyttsx3Synthesizer,
                options=SessionOptions(min_confidence=0.0),
                clock=clock,
            ),
            events=events,
            journal=journal,
            quiet_hours=QuietHours.parse("22:00-07:00"),
            options=ServeOptions(holdoff_s=0.0),
            local_time=clock,
        )

        async def wake_and_say(session: int, *lines: str) -> list[str]:
            """Wake the device, say `lines` in its session; what it said in that session."""
            before = len(events.of_type(BotUtterance))
            mic.say(espeak("Hey coach."))
            for turn, line in enumerate(lines):
                await listening(events, count=session_turns[0] + turn + 1)
                mic.say(espeak(line))
            session_turns[0] += len(lines)
            await until(events, SessionEnded, count=session)
            return [e.text for e in events.of_type(BotUtterance)[before:]]

        session_turns = [0]

        async def scenario() -> None:
            task = asyncio.create_task(device.run())
            mic.say(espeak("Hey coach."))  # in quiet hours: heard, not answered
            await until(events, WakeIgnored)
            assert not events.of_type(BotUtterance)

            clock.now = datetime(2026, 12, 2, 7, 30, tzinfo=ZONE)  # the morning
            said = await wake_and_say(1, "Goodbye.")
            assert said == [QUESTION, phrases.GOODBYE]  # asked instead of the greeting

            clock.now = datetime(2026, 12, 2, 12, 0, tzinfo=ZONE)  # same day: not again
            said = await wake_and_say(2, "Goodbye.")
            assert said == [phrases.GREETING, phrases.GOODBYE]

            clock.now = datetime(2026, 12, 3, 8, 0, tzinfo=ZONE)  # the next day: asked again
            said = await wake_and_say(3, "Mostly, but I missed Friday.", "Goodbye.")
            assert said[0] == QUESTION
            assert said[1] == "Partly still counts, and saying so honestly matters."
            assert said[2].startswith("If it was too much on some days, we can make it smaller")
            assert said[3:] == ["Would you like to?", phrases.GOODBYE]  # offered, no lecture

            clock.now = datetime(2026, 12, 3, 18, 0, tzinfo=ZONE)  # answered today: let be
            said = await wake_and_say(4, "Goodbye.")
            assert said == [phrases.GREETING, phrases.GOODBYE]
            await stop(task)

        asyncio.run(scenario())
        [kept] = json.loads(journal.load_progress(commitments_key(HOME_SENDER), timedelta(1)) or "")
    assert [e.reason for e in events.of_type(WakeIgnored)] == ["quiet_hours"]
    assert [e.text for e in events.of_type(Transcript)] == answers
    assert kept["outcomes"] == ["partly"]
    assert kept["checked"] == datetime(2026, 12, 3, 8, 0, tzinfo=ZONE).isoformat()
