"""The agreed time to talk again: understood from what the user says, and said back.

Understanding rests on dateparser (a maintained date-parsing library, offline: its language
data ships with it). Before it reads a phrase, a few ways people speak of time that it does
not know are put in words it does ("a few days", "Sunday evening", "at 7" meaning the
evening). Every function takes `now` (timezone-aware, the user's local time) and never reads
the clock, so the same words always give the same answer in a test.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

EVENING = time(18, 0)
"""A day with no time of day ("until Sunday", "a few days") means its evening: late enough
that the day is given, early enough to talk that day. The user hears it and can change it."""

MAX_AHEAD = timedelta(days=183)
"""Further off than this is not an arrangement for time apart; it is read as not understood."""

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 4,
}
_NUMBER = "|".join(sorted((re.escape(word) for word in _NUMBERS), key=len, reverse=True))
_UNITS = r"(minute|hour|day|night|week|month)s?"
_DURATION = re.compile(rf"\b(?:for|in|about|around|another)?\s*(\d+|{_NUMBER})\s+{_UNITS}\b")
_PARTS_OF_DAY = {
    "morning": "9:00",
    "lunchtime": "12:00",
    "midday": "12:00",
    "noon": "12:00",
    "afternoon": "15:00",
    "evening": "18:00",
    "night": "21:00",
}
_PART_OF_DAY = re.compile(
    r"\b(?:in the |this |on |at )?(" + "|".join(_PARTS_OF_DAY) + r")\b(?!\s*\d)"
)
# "at 7" with no am/pm: an hour from 1 to 7 is the evening when people arrange to talk.
_BARE_HOUR = re.compile(r"\bat (\d{1,2})(?::(\d\d))?\b(?!\s*(?:am|pm|a\.m|p\.m|in the|o.clock))")
_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b|\b\d{1,2}\s*(?:am|pm|a\.m|p\.m)|\bmidnight\b|\bnoon\b")
_WEEKDAY_OR_DATE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|weekend|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"\d{1,2}(?:st|nd|rd|th))\b"
)
_WEEKEND = re.compile(r"\b(?:the end of |end of )?(?:the |this )?weekend\b")
_TONIGHT = re.compile(r"\btonight\b")
_DAY_OF_MONTH = re.compile(r"\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)\b(?! of)")

_SETTINGS = {
    "PREFER_DATES_FROM": "future",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}


def _duration(match: re.Match[str]) -> str:
    amount, unit = match.group(1), match.group(2)
    count = int(amount) if amount.isdigit() else _NUMBERS[amount]
    unit = "day" if unit == "night" else unit
    return f" in {count} {unit}{'s' if count != 1 else ''} "


def _evening_hour(match: re.Match[str]) -> str:
    hour = int(match.group(1))
    minutes = match.group(2) or "00"
    if 1 <= hour <= 7:
        hour += 12
    return f"at {hour}:{minutes}"


def _day_of_month(match: re.Match[str], now: datetime) -> str:
    """ "the 12th": that day of this month, or of the next when it has passed."""
    day = int(match.group(1))
    month, year = now.month, now.year
    if day <= now.day:
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    try:
        return " " + datetime(year, month, day).strftime("%d %B %Y").lower() + " "
    except ValueError:  # "the 31st" of a shorter month
        return match.group(0)


def _rewritten(text: str, now: datetime) -> str:
    """The phrase in words dateparser knows."""
    said = " " + text.lower().replace("’", "'") + " "
    said = re.sub(r"\b(till|til|'til|untill)\b", "until", said)
    said = _TONIGHT.sub(" today 20:00 ", said)
    said = _DAY_OF_MONTH.sub(lambda match: _day_of_month(match, now), said)
    said = _WEEKEND.sub(" sunday ", said)
    said = _DURATION.sub(_duration, said)
    said = _BARE_HOUR.sub(_evening_hour, said)
    said = _PART_OF_DAY.sub(lambda m: f" {_PARTS_OF_DAY[m.group(1)]} ", said)
    return re.sub(r"\s+", " ", said).strip()


def parse_agreed_time(text: str, now: datetime) -> datetime | None:
    """The agreed time to talk again named in `text`, or None when it names none.

    `now` is timezone-aware; the answer is in the same zone, always after `now`. A day with
    no time of day is its evening (EVENING)."""
    # Imported here, not at the top: only a time-apart agreement needs it, and it costs
    # every session about 7 MB and a quarter of a second to load.
    import dateparser
    from dateparser.search import search_dates

    said = _rewritten(text, now)
    base = now.replace(tzinfo=None, microsecond=0)
    settings = {**_SETTINGS, "RELATIVE_BASE": base}
    found: datetime | None = dateparser.parse(
        said,
        languages=["en"],
        settings=settings,  # type: ignore[arg-type]
    )
    if found is None:
        hits = search_dates(said, languages=["en"], settings=settings)  # type: ignore[arg-type]
        found = _best_hit(hits, base)
    if found is None:
        return None
    if not _CLOCK.search(said) and (
        _WEEKDAY_OR_DATE.search(said) or re.search(r"\bin \d+ (day|week|month)s?\b", said)
    ):
        found = datetime.combine(found.date(), EVENING)
    agreed: datetime = found.replace(tzinfo=now.tzinfo, second=0, microsecond=0)
    if agreed <= now or agreed - now > MAX_AHEAD:
        return None
    return agreed


def _best_hit(hits: list[tuple[str, datetime]] | None, base: datetime) -> datetime | None:
    """Among the dates found in a longer sentence, the last one in the future (the words
    after "until" come last), ignoring lone words dateparser over-reads ("me", "a")."""
    future = [when for phrase, when in hits or [] if len(phrase) > 2 and when > base]
    return future[-1] if future else None


def _day(when: datetime, now: datetime) -> str:
    days = (when.date() - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return when.strftime("%A")
    return f"{when.strftime('%A')} {when.day} {when.strftime('%B')}"


def _clock(when: datetime) -> str:
    if when.hour == 0 and when.minute == 0:
        return "midnight"
    if when.hour == 12 and when.minute == 0:
        return "noon"
    hour = when.hour % 12 or 12
    minutes = f":{when.minute:02d}" if when.minute else ""
    if when.hour < 12:
        part = "in the morning"
    elif when.hour < 17:
        part = "in the afternoon"
    elif when.hour < 21:
        part = "in the evening"
    else:
        part = "at night"
    return f"{hour}{minutes} {part}"


def describe_time(when: datetime, now: datetime) -> str:
    """`when` in words, as said back to confirm: "Sunday at 6 in the evening",
    "tomorrow at noon", "Friday 18 December at 7 in the evening"."""
    return f"{_day(when, now)} at {_clock(when)}"


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def time_left(until: datetime, now: datetime) -> str:
    """How long until `until`, in words: "2 days and 5 hours", "about 4 days",
    "about 3 hours", "less than an hour"."""
    left = until - now
    hours = int(left.total_seconds() // 3600)
    if hours < 1:
        return "less than an hour"
    if hours < 24:
        return f"about {_plural(hours, 'hour')}"
    days, rest = divmod(hours, 24)
    if days < 3 and rest:
        return f"{_plural(days, 'day')} and {_plural(rest, 'hour')}"
    return f"about {_plural(round(hours / 24), 'day')}"
