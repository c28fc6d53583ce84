"""Which check-in a woken home device opens with, without the trained model: the inner
dialogue is a DOUBLE (tests/test_serve_checkins.py runs the real one through serve). The
journal is real; the clock is a DOUBLE moved by hand."""

from __future__ import annotations

import asyncio
import inspect
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from actions.payloads import COMMITMENTS_CONTEXT_KEY
from assistant.cli.chat import DEFAULT_SENDER
from assistant.home.checkins import WakeCheckins
from assistant.home.sessions import ELSEWHERE_ON_THIS_MACHINE, HOME_SENDER
from assistant.journal.commitments import CommitmentsDialogue, commitments_key
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from assistant.voice.session import VoiceSession
from tests.support.coach import Clock
from tests.support.scripted import ScriptedDialogue, result

ZONE = timezone(timedelta(hours=-5))
MORNING = datetime(2026, 12, 2, 8, 0, tzinfo=ZONE)


def _record(id_: str, text: str, days_ago: int) -> dict[str, object]:
    made = MORNING - timedelta(days=days_ago)
    return {"id": id_, "text": text, "partner": "him", "made": made.isoformat()}


def test_each_commitment_is_asked_on_wake_at_most_once_a_day(tmp_path: Path) -> None:
    clock = Clock(MORNING)
    records = [
        _record("older", "I'll call you every evening at 8 this week", 6),
        _record("newer", "I'll be home by 7 on weekdays", 2),
    ]
    checkins = WakeCheckins(clock)
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        journal.save_progress(commitments_key("home"), json.dumps(records))

        def wake() -> str | None:  # each wake is a new session with its own wrapper
            session = CommitmentsDialogue(ScriptedDialogue([]), journal, clock=clock)
            return checkins.question(session, "home")

        first, second, third = wake(), wake(), wake()
        clock.now = MORNING + timedelta(hours=10)
        evening = wake()
        clock.now = MORNING + timedelta(days=1)
        next_day = wake()
    assert first == (
        "On Thursday you said you'd call him every evening at 8 this week. How did it go: "
        "kept, partly, or missed?"
    )
    assert second is not None and second.startswith("On Monday you said you'd be home by 7")
    assert third is None and evening is None  # both asked today; unanswered, they wait
    assert next_day is not None and next_day.startswith("Last week you said you'd call him")


def test_the_answer_to_the_wake_question_is_read_as_a_check_in(tmp_path: Path) -> None:
    clock = Clock(MORNING)
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        journal.save_progress(
            commitments_key("home"), json.dumps([_record("c1", "I'll text you at lunch", 3)])
        )
        inner = ScriptedDialogue(
            [result(commitment={"checkin": {"id": "c1", "result": "missed"}}), result()]
        )
        session = CommitmentsDialogue(inner, journal, clock=clock)
        asked = session.ask_first("home")
        assert asked is not None and asked[0] == "c1"
        answer = asyncio.run(session.handle("home", "i missed it"))
        later = asyncio.run(session.handle("home", "hello"))
        [kept] = json.loads(journal.load_progress(commitments_key("home"), timedelta(1)) or "")
    assert inner.contexts[0] is not None
    assert inner.contexts[0][COMMITMENTS_CONTEXT_KEY]["checkin"]["id"] == "c1"
    assert answer.bot == ["ok"] and later.bot == ["ok"]  # not asked again in the session
    assert kept["outcomes"] == ["missed"] and kept["checked"] == MORNING.isoformat()
    assert session.ask_first("home") is None


def test_a_promise_kept_in_text_chat_is_asked_about_on_wake_and_answered_there(
    tmp_path: Path,
) -> None:
    assert DEFAULT_SENDER in ELSEWHERE_ON_THIS_MACHINE
    assert inspect.signature(VoiceSession).parameters["sender"].default in (
        ELSEWHERE_ON_THIS_MACHINE
    )
    clock = Clock(MORNING)
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        chat_key = commitments_key(DEFAULT_SENDER)
        journal.save_progress(chat_key, json.dumps([_record("typed", "I'll text you at 6", 3)]))
        inner = ScriptedDialogue(
            [result(commitment={"checkin": {"id": "typed", "result": "kept"}})]
        )
        home = CommitmentsDialogue(inner, journal, clock=clock, also_from=ELSEWHERE_ON_THIS_MACHINE)
        question = WakeCheckins(clock).question(home, HOME_SENDER)
        asyncio.run(home.handle(HOME_SENDER, "i kept it"))
        [typed] = json.loads(journal.load_progress(chat_key, timedelta(1)) or "")
        home_kept = journal.load_progress(commitments_key(HOME_SENDER), timedelta(1))
    assert question is not None and question.startswith("On Sunday you said you'd text him at 6")
    assert typed["outcomes"] == ["kept"]  # recorded with the promise, under chat's key
    assert home_kept is None
