"""Understanding the agreed time to talk again, and saying it back: pure, with a fixed now."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from actions.coaching.apart import (
    describe_exceptions,
    describe_time,
    exceptions_in,
    parse_agreed_time,
    partner_in,
    preparation_lines,
    read_yes_no,
    session_opening,
    time_left,
)
from actions.coaching.apart.agreement import reminder_lines

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 2, 13, 35, tzinfo=ZONE)  # a Wednesday afternoon


def at(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("said", "agreed"),
    [
        ("until Sunday evening", at(6, 18)),
        ("my wife asked me for some space until Sunday evening", at(6, 18)),
        ("a few days", at(5, 18)),
        ("she asked for some space for a few days", at(5, 18)),
        ("next Friday at 7", at(4, 19)),
        ("in two weeks", at(16, 18)),
        ("until sunday", at(6, 18)),
        ("till the weekend", at(6, 18)),
        ("for a couple of days", at(4, 18)),
        ("tomorrow morning", at(3, 9)),
        ("Saturday at 3pm", at(5, 15)),
        ("friday at 7:30", at(4, 19, 30)),
        ("until tonight", at(2, 20)),
        ("we'll talk on the 12th", at(12, 18)),
        ("on the 1st", at(1, 18, month=1, year=2027)),
        ("in 3 hours", at(2, 16, 35)),
    ],
)
def test_the_agreed_time_is_understood(said: str, agreed: datetime) -> None:
    assert parse_agreed_time(said, NOW) == agreed


@pytest.mark.parametrize(
    "said", ["she asked for some space", "yes", "no that's wrong", "i don't know", "the kids"]
)
def test_words_with_no_time_give_none(said: str) -> None:
    assert parse_agreed_time(said, NOW) is None


def test_the_answer_is_always_after_now_and_in_the_users_zone() -> None:
    agreed = parse_agreed_time("until sunday", NOW)
    assert agreed is not None and agreed > NOW and agreed.utcoffset() == timedelta(hours=1)
    late_sunday = datetime(2026, 12, 6, 20, 0, tzinfo=ZONE)
    # "until tonight" when the evening has passed is not a time still to come.
    assert parse_agreed_time("until 6pm today", late_sunday) is None


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (at(6, 18), "Sunday at 6 in the evening"),
        (at(3, 9), "tomorrow at 9 in the morning"),
        (at(2, 20), "today at 8 in the evening"),
        (at(4, 19, 30), "Friday at 7:30 in the evening"),
        (at(3, 12), "tomorrow at noon"),
        (at(16, 18), "Wednesday 16 December at 6 in the evening"),
        (at(5, 15), "Saturday at 3 in the afternoon"),
        (at(5, 22), "Saturday at 10 at night"),
    ],
)
def test_the_time_is_said_back_in_words(when: datetime, words: str) -> None:
    assert describe_time(when, NOW) == words


@pytest.mark.parametrize(
    ("until", "words"),
    [
        (NOW + timedelta(minutes=20), "less than an hour"),
        (NOW + timedelta(hours=5, minutes=10), "about 5 hours"),
        (NOW + timedelta(days=2, hours=5), "2 days and 5 hours"),
        (NOW + timedelta(days=1), "about 1 day"),
        (NOW + timedelta(days=4, hours=4), "about 4 days"),
    ],
)
def test_time_left_in_words(until: datetime, words: str) -> None:
    assert time_left(until, NOW) == words


def test_the_partner_exceptions_and_a_yes_or_no_are_read() -> None:
    assert partner_in("my wife asked me for some space") == "her"
    assert partner_in("he needs time apart") == "him"
    assert partner_in("my partner asked for time apart") == "them"
    assert exceptions_in("only about the kids, and if there's an emergency") == [
        "children",
        "emergencies",
    ]
    assert exceptions_in("school pick ups") == ["children"]
    assert exceptions_in("nothing, no contact at all") == []
    assert exceptions_in("i'm not sure what you mean") is None
    assert describe_exceptions(["children", "emergencies"]) == "about the children and emergencies"
    assert read_yes_no("Yes, that's right.") == "yes"
    assert read_yes_no("yeah") == "yes"
    assert read_yes_no("no, it was Saturday") == "no"
    assert read_yes_no("Sunday") is None


def test_a_new_session_says_the_time_left_then_prepares_for_the_talk() -> None:
    agreement = {"until": at(6, 18).isoformat(), "partner": "her", "exceptions": []}
    running = session_opening(agreement, NOW)  # type: ignore[arg-type]
    assert running == [
        "You agreed to give her space until Sunday at 6 in the evening. "
        "That's about 4 days from now."
    ]
    ended = session_opening(agreement, at(6, 19))  # type: ignore[arg-type]
    assert ended == preparation_lines("her")
    spoken = " ".join(ended)
    assert "honestly" in spoken and "let it rest" in spoken
    assert "don't tell her how to feel" in spoken
    assert "they is" not in " ".join(preparation_lines("them"))


def test_the_reminder_names_the_agreement_first() -> None:
    agreement = {"until": at(6, 18).isoformat(), "partner": "her"}
    lines = reminder_lines(agreement, NOW)  # type: ignore[arg-type]
    assert lines[0] == "You agreed to give her space until Sunday at 6 in the evening."
    assert "two minutes" in lines[-1] and "write it down" in lines[-1]
