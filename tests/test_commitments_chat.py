"""Commitments end to end: the real model and actions, the real journal, a fixed clock.

A promise is made keepable (the absolute one flagged, a small observable one said back for
approval), kept in the journal owner-only with consent, and checked in on at the start of
a later session; a missed one is made smaller. The role-play of a promise that can't be
kept gives feedback and another go. Crisis words in the promise are screened.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from assistant.dialogue.bridge import RasaDialogue
from assistant.journal.commitments import commitments_key
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings
from tests.support.chat import practice_turn as turn
from tests.support.cli import jsonl_session
from tests.support.coach import Clock, coach

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, 19, 0, tzinfo=ZONE)
A_WEEK_LATER = datetime(2026, 12, 1, 9, 0, tzinfo=ZONE)
PROMISE = "I'll text you when I leave work, every day this month"


@pytest.mark.rasa
def test_a_promise_is_made_keepable_kept_and_checked_in_on(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], tmp_path: Path
) -> None:
    clock = Clock(MONDAY)
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        dialogue = coach(rasa_dialogue, journal, clock)
        start = turn(dialogue, run, "promise-1", "help me make a promise I can keep")
        assert start.safety is None and start.exercise == "commitments"
        assert start.bot[-1].startswith("What would you like to promise?")

        never = turn(dialogue, run, "promise-1", "I'll never hurt you again")
        assert never.exercise == "commitments"
        assert any(line.startswith("Saying “never” promises every day") for line in never.bot)
        assert never.bot[-1] == "How would you say it now?"
        assert never.feedback is not None and "absolute" in [
            f["label"] for f in never.feedback["findings"]
        ]

        small = turn(dialogue, run, "promise-1", PROMISE)
        assert small.bot[-1].startswith(f"So you'll promise: “{PROMISE}”")
        assert small.bot[-1].endswith("Is that one you can really keep?")
        keep = turn(dialogue, run, "promise-1", "yes I can")
        assert keep.bot[-1].startswith("Shall I keep it on this device")
        agreed = turn(dialogue, run, "promise-1", "yes please")
        assert agreed.bot[0].startswith(
            "Agreed: you'd text them when you leave work, every day this month."
        )
        assert agreed.commitment is not None and agreed.commitment["keep"] is True
        assert agreed.to_json()["commitment"]["made"]["text"] == PROMISE

        kept = [i for i in journal.export()["progress"] if i["key"].startswith("commitments/")]
        assert len(kept) == 1 and kept[0]["value"][0]["text"] == PROMISE
        assert "promise-1" not in kept[0]["key"]
        assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
        # The same day, a new session does not ask yet.
        assert coach(rasa_dialogue, journal, clock).opening("promise-1") == []

    # A week later: the check-in opens the session; missed gets help to make it smaller.
    clock.now = A_WEEK_LATER
    rasa_dialogue.end_conversation("promise-1")  # a new run of the app starts afresh
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        later = coach(rasa_dialogue, journal, clock)
        assert later.opening("promise-1") == [
            "Last week you said you'd text them when you leave work, every day this month. "
            "How did it go: kept, partly, or missed?"
        ]
        missed = turn(later, run, "promise-1", "I missed it")
        assert missed.intent in {"checkin_answer", "deny"}
        assert missed.bot[0].startswith("Thank you for saying so straight.")
        assert missed.bot[-1].endswith("Would you like to?")
        assert missed.commitment == {
            "checkin": {"id": kept[0]["value"][0]["id"], "result": "missed"}
        }
        smaller = turn(later, run, "promise-1", "yes")
        assert smaller.exercise == "commitments"
        assert smaller.bot[0].startswith("Last time's promise was that you'd text them")
        assert smaller.bot[-1].startswith("What would you like to promise?")
        [record] = journal.export()["progress"][0]["value"]
        assert record["outcomes"] == ["missed"]
        assert record["checked"] == A_WEEK_LATER.isoformat()


@pytest.mark.rasa
def test_a_check_in_answered_kept_is_recorded_without_a_lecture(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any], tmp_path: Path
) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        journal.save_progress(
            commitments_key("promise-2"),
            '[{"id": "c2", "text": "I\'ll be home by 7 every night this week", '
            '"partner": "her", "made": "2026-11-29T20:00:00+01:00", "checked": null, '
            '"outcomes": []}]',
        )
        dialogue = coach(rasa_dialogue, journal, Clock(A_WEEK_LATER))
        # JSONL-style: no separate opening; the first reply at rest ends with the question.
        first = turn(dialogue, run, "promise-2", "hi")
        assert first.bot[-1] == (
            "On Sunday you said you'd be home by 7 every night this week. How did it go: "
            "kept, partly, or missed?"
        )
        answer = turn(dialogue, run, "promise-2", "I kept it every day")
        assert answer.bot[0].startswith("You kept it.")
        assert answer.commitment == {"checkin": {"id": "c2", "result": "kept"}}
        [record] = journal.export()["progress"][0]["value"]
        assert record["outcomes"] == ["kept"]


@pytest.mark.rasa
def test_the_role_play_of_a_promise_that_cannot_be_kept(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    dialogue = coach(rasa_dialogue, None, Clock(MONDAY))
    start = turn(
        dialogue,
        run,
        "promise-3",
        "she keeps asking me to promise she will never feel like this again, what do i say",
    )
    assert start.exercise == "commitments" and start.safety is None
    assert start.bot[-1] == "Promise me you will never, ever make me feel like this again."
    assert start.expect == "long_form"
    feedback = turn(
        dialogue,
        run,
        "promise-3",
        "I understand why you ask. I can't promise never, it wouldn't be honest. What I can "
        "promise is I'll tell you where I am every evening this month.",
    )
    # (The guard may ask about the partner's hurt words first; the user said no.)
    assert any(
        line.startswith("What worked: you showed the ask makes sense") for line in feedback.bot
    )
    assert feedback.bot[-1] == "Say try again for another go, or stop."
    assert feedback.feedback is not None and feedback.feedback["score"] == 100
    again = turn(dialogue, run, "promise-3", "try again")
    assert again.bot[-1].startswith("Swear to me you'll never")


@pytest.mark.rasa
def test_crisis_words_while_making_a_promise_are_screened(
    rasa_dialogue: RasaDialogue, run: Callable[[Any], Any]
) -> None:
    dialogue = coach(rasa_dialogue, None, Clock(MONDAY))
    turn(dialogue, run, "promise-4", "make a promise")
    crisis = run(dialogue.handle("promise-4", "i want to kill myself"))
    assert crisis.safety == "self_harm" and crisis.exercise is None
    assert crisis.commitment is None


@pytest.mark.rasa
@pytest.mark.slow
def test_jsonl_gives_commitments_and_progress(tmp_path: Path) -> None:
    first, _stopped, progress = jsonl_session(
        tmp_path, "t", ["help me make a promise I can keep", "stop", "how am I doing?"]
    )
    assert first["exercise"] == "commitments" and first["safety"] is None
    assert progress["exercise"] == "progress"
    assert "nothing in your journal yet" in " ".join(progress["bot"])
