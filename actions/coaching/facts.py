"""Checkable facts in an answer, and contradictions between answers to the same question.

A hurt partner asks the same question again because they need the answer to hold still.
When two answers to one question disagree on a time, a day, a month, a place, a number or a
plain yes or no, the coach says so: honesty is the point, and a changed answer is worth
correcting out loud. The extraction is deliberately narrow (fixed word lists, no parser),
because a false accusation of inconsistency would hurt more than a missed one:

* times - "at nine", "9:30 pm", "half past ten", "midnight", "around eleven at night";
* days and months - "on Friday", "in March" ("may" and "march" only where they read as
  months);
* places - a preposition and a place noun from a list: "at the bar", "at her place", "at
  work"; whose home it was counts ("at home" is not "at her place");
* numbers with a unit - "three times", "twice", "eleven thousand dollars", "$11,200",
  "ten weeks" (durations compare in days, so "two months" and "eight weeks" agree); a number
  of 100 or more with no unit ("eleven thousand two hundred") is an amount of money;
* yes or no - how the answer opens ("yes", "no", "I did", "never").

Hedged values ("about nine", "a few times", "or so") are compared with a tolerance.
Everything is a single pass over the words, linear in the length of the answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from actions.coaching.cues import TextView, word_list, word_set
from actions.coaching.normalize import normalize

__all__ = ["Fact", "Inconsistency", "check_consistency", "extract_facts"]


@dataclass(frozen=True)
class Fact:
    """One checkable statement in an answer."""

    kind: str
    """"time", "day", "month", "place", "number" or "yes_no"."""

    key: str
    """What must be equal for two facts to be compared: the kind, and for numbers the unit
    ("number:times", "number:amount", "number:duration")."""

    value: float | str
    """Minutes after midnight for times (see `absolute`), days for durations, the amount
    for other numbers, a canonical word for days, months and places, "yes" or "no"."""

    approx: bool
    """True when hedged ("about", "around", "a few", "or so") or a bound ("after nine")."""

    phrase: str
    """The words of the original answer the fact was read from."""

    start: int
    """Offset of `phrase` in the original answer."""

    end: int
    """Offset just past `phrase` in the original answer."""

    absolute: bool = True
    """For times: False when am or pm is unknown, so nine and twenty-one o'clock agree."""


@dataclass(frozen=True)
class Inconsistency:
    """Two answers to the same question that cannot both be true."""

    question_id: str
    """The question both answers answer."""

    kind: str
    """What differs: "time", "day", "month", "place", "number" or "yes_no"."""

    first_index: int
    """Position of the earlier answer in the list given to `check_consistency`."""

    second_index: int
    """Position of the later answer."""

    first_answer: str
    """The earlier answer, as given."""

    second_answer: str
    """The later answer, as given."""

    first_phrase: str
    """The words of the earlier answer that disagree."""

    second_phrase: str
    """The words of the later answer that disagree."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "kind": self.kind,
            "first_index": self.first_index,
            "second_index": self.second_index,
            "first_answer": self.first_answer,
            "second_answer": self.second_answer,
            "first_phrase": self.first_phrase,
            "second_phrase": self.second_phrase,
        }


# --------------------------------------------------------------------------------------
# Word lists

_ONES = {
    word: value
    for value, word in enumerate(
        word_list(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS = {
    word: value * 10
    for value, word in enumerate(
        word_list("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
    )
    if word != "_"
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_APPROX_BEFORE = word_set(
    """
    about around roughly maybe approximately like nearly almost over under least probably
    some few couple little
    """
)
_BOUND_BEFORE = word_set("after before since past gone")
_APPROX_AFTER = frozenset(["ish", "odd", "or_so"])

# unit word -> (unit key, multiplier)
_UNITS: dict[str, tuple[str, float]] = {}
for _words, _unit, _factor in (
    ("time times", "times", 1.0),
    # Money is one key whatever the currency: answers name the amount, not the exchange rate.
    ("dollar dollars buck bucks usd pound pounds quid euro euros", "amount", 1.0),
    ("grand k", "amount", 1000.0),
    ("day days", "duration", 1.0),
    ("week weeks", "duration", 7.0),
    ("month months", "duration", 30.0),
    ("year years", "duration", 365.0),
    ("night nights", "nights", 1.0),
    ("hour hours", "hours", 1.0),
    ("minute minutes", "minutes", 1.0),
    ("drink drinks beer beers glass glasses bottle bottles shot shots", "drinks", 1.0),
    ("message messages text texts", "messages", 1.0),
    ("call calls", "calls", 1.0),
    ("person people", "people", 1.0),
    ("card cards", "cards", 1.0),
    ("kiss kisses", "kisses", 1.0),
    ("date dates", "dates", 1.0),
):
    for _word in _words.split():
        _UNITS[_word] = (_unit, _factor)
_BARE_AMOUNT_MIN = 100.0
"""A number this large with no unit is read as an amount; smaller ones are too ambiguous."""
_UNIT_SKIP = word_set("more whole full entire extra of or so")
_MONEY_TOLERANCE = 0.05
"""Exact amounts of money this close agree: people round $11,200 to eleven thousand."""
_APPROX_TOLERANCE = 0.25
_DURATION_TOLERANCE = 0.25
"""Durations are always a little hedged in speech ("ten weeks", "two months")."""
_TIME_TOLERANCE_MIN = 45
"""Hedged clock times this close agree ("around nine" and "nine thirty")."""

_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
_MONTHS = word_list(
    "january february march april may june july august september october november december"
)
# "was may" and "around may" are months: the modal never follows those words.
_MONTH_CONTEXT = word_set(
    "in since until till from by early late mid end start beginning of last through was around"
    " about"
)
_MARCH_VERB_AFTER = word_set("to into on in off out down up around over back")

# place word -> canonical place
_PLACES: dict[str, str] = {}
for _words, _canonical in (
    ("bar bars pub pubs", "bar"),
    ("club nightclub", "club"),
    ("restaurant restaurants diner", "restaurant"),
    ("cafe café coffee_shop starbucks", "cafe"),
    ("hotel motel airbnb", "hotel"),
    ("office work job", "work"),
    ("gym", "gym"),
    ("park", "park"),
    ("car", "car"),
    ("party", "party"),
    ("beach", "beach"),
    ("airport", "airport"),
    ("station", "station"),
    ("mall", "mall"),
    ("store shop supermarket", "store"),
    ("casino", "casino"),
    ("church", "church"),
    ("library", "library"),
    ("hospital", "hospital"),
    ("conference", "conference"),
    ("concert gig", "concert"),
    ("cinema movies theater theatre", "cinema"),
    ("game stadium", "game"),
    ("home house place apartment flat", "home"),
):
    for _word in _words.split():
        _PLACES[_word] = _canonical
_PLACE_PREPOSITIONS = word_set("at in to from inside outside near into went go stayed")
_OWN = word_set("my our mine home")
_OTHER_OWNER = word_set("her his their your someone's somebody's a friend's")

_YES_OPENERS = (
    "yes",
    "yeah",
    "yep",
    "yup",
    "correct",
    "true",
    "i did",
    "we did",
    "i have",
    "we have",
    "i was",
    "we were",
    "it did",
    "i do",
    "we do",
    "of course",
)
_NO_OPENERS = (
    "no",
    "nope",
    "never",
    "not once",
    "i didn't",
    "we didn't",
    "i haven't",
    "we haven't",
    "i wasn't",
    "we weren't",
    "it didn't",
    "i don't",
    "we don't",
    "nothing",
    "nobody",
    "no one",
    "not at all",
    "not really",
)
_FILLERS = word_set("um uh er okay ok well look honestly so listen oh hmm")
_NEGATIONS = word_set(
    "no not never nothing nobody didn't don't wasn't weren't haven't hasn't won't isn't"
)

_CLOCK_PREPOSITIONS = word_set("at by until till til after before from since past gone")
_CLAUSE_AFTER_HOUR = word_set(
    "i we she he they that this when then or in at on last tonight yesterday maybe probably ish"
)
_NOT_CLOCK_AFTER = word_set(
    "point time stage moment of another each other least most all once more or"
)
_NOT_A_PLACE_BEFORE = word_set(
    "first second third last right wrong safe same better good bad dark happy"
)

_CLOCK = re.compile(r"(?<![\w:])(\d{1,2}):(\d{2})(?:\s*([ap])\.?\s?m\b\.?)?")
_DIGITS = re.compile(r"(?<![\w.,:])(\$)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k\b)?(?![\d:])")


# --------------------------------------------------------------------------------------
# Extraction


class _Reader:
    """One answer's words, with a record of which words a fact has already used."""

    def __init__(self, text: str) -> None:
        self.view = TextView(normalize(text))
        self.words = self.view.words
        self.used = [False] * len(self.words)
        self.facts: list[Fact] = []

    def word(self, index: int) -> str:
        return self.words[index] if 0 <= index < len(self.words) else ""

    def add(
        self,
        kind: str,
        key: str,
        value: float | str,
        first: int,
        last: int,
        *,
        approx: bool = False,
        absolute: bool = True,
    ) -> None:
        """Record a fact read from words first..last-1."""
        tokens = self.view.tokens
        start, end = self.view.norm.span_in_original(tokens[first].start, tokens[last - 1].end)
        phrase = self.view.norm.original[start:end]
        self.facts.append(Fact(kind, key, value, approx, phrase, start, end, absolute))
        for index in range(first, last):
            self.used[index] = True

    def add_span(
        self,
        kind: str,
        key: str,
        value: float | str,
        start: int,
        end: int,
        *,
        approx: bool = False,
        absolute: bool = True,
    ) -> None:
        """Record a fact read from normalised-text offsets start..end."""
        first = self.view.token_index(start)
        last = max(first + 1, self.view.token_index(end))
        orig_start, orig_end = self.view.norm.span_in_original(start, end)
        phrase = self.view.norm.original[orig_start:orig_end]
        self.facts.append(Fact(kind, key, value, approx, phrase, orig_start, orig_end, absolute))
        for index in range(first, min(last, len(self.words))):
            self.used[index] = True

    def hedged(self, first: int) -> bool:
        before = self.word(first - 1)
        return (
            before in _APPROX_BEFORE
            or before in _BOUND_BEFORE
            or (before == "than" and self.word(first - 2) in ("more", "less"))
        )


def _word_number(reader: _Reader, index: int) -> tuple[float, int] | None:
    """A number spelled in words at `index`: (value, index just past it)."""
    words = reader.words
    total = 0.0
    current = 0.0
    end = index
    seen = False
    j = index
    if reader.word(j) == "a" and reader.word(j + 1) in ("hundred", "thousand", "million"):
        current = 1.0
        j += 1
    while j < len(words):
        word = words[j]
        if word in _ONES and not (seen and current % 10 and current < 20):
            current += _ONES[word]
        elif word in _TENS and not (seen and current % 100):
            current += _TENS[word]
        elif word in _SCALES and (seen or current):
            if word == "hundred":
                current = max(current, 1.0) * 100
            else:
                total += max(current, 1.0) * _SCALES[word]
                current = 0.0
        elif word == "and" and seen and reader.word(j + 1) in {**_ONES, **_TENS}:
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
        end = j
    if not seen:
        return None
    return total + current, end


def _read_times(reader: _Reader) -> None:
    view = reader.view
    for match in _CLOCK.finditer(view.text):
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours > 23 or minutes > 59:
            continue
        value, absolute = _clock_value(hours, minutes, match.group(3))
        first = view.token_index(match.start())
        reader.add_span(
            "time",
            "time",
            value,
            match.start(),
            match.end(),
            approx=reader.hedged(first),
            absolute=absolute,
        )
    words = reader.words
    for i, word in enumerate(words):
        if reader.used[i]:
            continue
        if word in ("midnight", "noon", "midday"):
            reader.add(
                "time",
                "time",
                0.0 if word == "midnight" else 720.0,
                i,
                i + 1,
                approx=reader.hedged(i),
            )
            continue
        if word in ("half", "quarter") and reader.word(i + 1) in ("past", "to"):
            hour = _hour_word(reader.word(i + 2))
            if hour is not None:
                offset = 30 if word == "half" else 15
                minutes = hour * 60 + (offset if reader.word(i + 1) == "past" else -offset)
                reader.add(
                    "time",
                    "time",
                    float(minutes % 720),
                    i,
                    i + 3,
                    approx=reader.hedged(i),
                    absolute=False,
                )
            continue
        hour = _hour_word(word)
        if hour is None:
            continue
        before = reader.word(i - 1)
        j = i + 1
        minute = 0
        nxt = reader.word(j)
        if nxt in ("fifteen", "thirty", "forty", "oh") or (nxt.isdigit() and len(nxt) == 2):
            if nxt == "forty" and reader.word(j + 1) == "five":
                minute, j = 45, j + 2
            elif nxt == "oh" and _hour_word(reader.word(j + 1)) is not None:
                minute, j = int(_hour_word(reader.word(j + 1)) or 0), j + 2
            elif nxt.isdigit():
                minute, j = int(nxt), j + 1
            elif nxt in _ONES or nxt in _TENS:
                minute, j = _ONES.get(nxt, 0) + _TENS.get(nxt, 0), j + 1
        meridiem = None
        if reader.word(j) in ("am", "pm"):
            meridiem, j = reader.word(j)[0], j + 1
        elif reader.word(j) in ("a", "p") and reader.word(j + 1) == "m":
            meridiem, j = reader.word(j), j + 2
        elif reader.word(j) == "o'clock":
            j += 1
        # "about" and "around" also hedge quantities ("about four thousand"), so they make a
        # clock time only together with a stronger sign (minutes, am/pm, o'clock).
        clock_context = before in _CLOCK_PREPOSITIONS or (
            before in ("about", "around")
            and (
                j >= len(reader.words)
                or reader.view.gap(j - 1, j) != ""
                or (reader.word(j) in _CLAUSE_AFTER_HOUR)
            )
        )
        if not (clock_context or meridiem or j > i + 1):
            continue
        if j == i + 1 and reader.word(j) in _NOT_CLOCK_AFTER:
            continue  # "at one point", "about three of them"
        if reader.word(j) in _UNITS or reader.word(j) in _SCALES:
            continue  # "at three times the price", "by two weeks", "around four thousand"
        if reader.word(j) == "at" and reader.word(j + 1) == "night":
            meridiem = "p" if hour != 12 else "a"
            j += 2
        elif (
            reader.word(j) == "in"
            and reader.word(j + 1) == "the"
            and reader.word(j + 2) in ("morning", "afternoon", "evening")
        ):
            meridiem = "a" if reader.word(j + 2) == "morning" else "p"
            j += 3
        value, absolute = _clock_value(hour, minute, meridiem)
        reader.add("time", "time", value, i, j, approx=reader.hedged(i), absolute=absolute)


def _hour_word(word: str) -> int | None:
    if word.isdigit() and 1 <= int(word) <= 12:
        return int(word)
    value = _ONES.get(word)
    return value if value is not None and 1 <= value <= 12 else None


def _clock_value(hour: int, minute: int, meridiem: str | None) -> tuple[float, bool]:
    if meridiem is None:
        if hour > 12:
            return float(hour * 60 + minute), True
        return float((hour % 12) * 60 + minute), False
    base = (hour % 12) * 60 + minute
    return float(base + (720 if meridiem == "p" else 0)), True


def _read_numbers(reader: _Reader) -> None:
    view = reader.view
    found: list[tuple[float, int, int, bool, bool]] = []  # value, first, last, money, approx
    for match in _DIGITS.finditer(view.text):
        first = view.token_index(match.start())
        if first >= len(reader.words) or reader.used[first]:
            continue
        value = float(match.group(2).replace(",", ""))
        if match.group(3):
            value += float("0." + match.group(3))
        last = max(first + 1, view.token_index(match.end()))
        money = bool(match.group(1))
        if match.group(4):
            value *= 1000
            money = True
        found.append((value, first, last, money, False))
        for index in range(first, last):
            reader.used[index] = True
    words = reader.words
    i = 0
    while i < len(words):
        if reader.used[i]:
            i += 1
            continue
        word = words[i]
        if word in ("once", "twice"):
            found.append((1.0 if word == "once" else 2.0, i, i + 1, False, False))
            reader.used[i] = True
            i += 1
            continue
        if word == "a" and reader.word(i + 1) in ("couple", "few", "dozen"):
            kind = reader.word(i + 1)
            value = {"couple": 2.0, "few": 3.0, "dozen": 12.0}[kind]
            found.append((value, i, i + 2, False, kind != "dozen"))
            i += 2
            continue
        parsed = _word_number(reader, i)
        if parsed is None:
            i += 1
            continue
        value, end = parsed
        found.append((value, i, end, False, False))
        i = end
    for index, (value, first, last, money, approx) in enumerate(found):
        unit = _unit_after(reader, last)
        if unit is None and reader.word(last) in ("or", "to"):
            # "three or four drinks": the unit of the next number applies to this one too.
            later = [f for f in found[index + 1 : index + 2] if f[1] == last + 1]
            if later:
                unit = _unit_after(reader, later[0][2])
        if unit is None and money:
            unit = ("amount", 1.0, last)
        if unit is None:
            if words[first] in ("once", "twice"):
                unit = ("times", 1.0, last)
            elif value >= _BARE_AMOUNT_MIN and not _looks_like_year(reader, first, value):
                # "eleven thousand two hundred" answering "how much": an amount, unit unsaid.
                unit = ("amount", 1.0, last)
            else:
                continue
        unit_key, factor, end = unit
        hedged = (
            approx
            or reader.hedged(first)
            or reader.word(end) in _APPROX_AFTER
            or (reader.word(end) == "or" and reader.word(end + 1) == "so")
        )
        reader.add("number", f"number:{unit_key}", value * factor, first, end, approx=hedged)


def _looks_like_year(reader: _Reader, first: int, value: float) -> bool:
    """ "2019" or "in 1998": a year, not an amount."""
    return reader.words[first].isdigit() and 1900 <= value <= 2100


def _unit_after(reader: _Reader, index: int) -> tuple[str, float, int] | None:
    """The unit that follows a number: (unit key, multiplier, index just past it)."""
    j = index
    for _ in range(3):
        word = reader.word(j)
        if word in _UNITS:
            unit, factor = _UNITS[word]
            # "a thousand dollars": "grand" and "k" multiply; a plain unit word does not.
            return unit, factor, j + 1
        if word not in _UNIT_SKIP:
            return None
        j += 1
    return None


def _read_days_and_months(reader: _Reader) -> None:
    for i, word in enumerate(reader.words):
        base = word[:-2] if word.endswith("'s") else word
        if base in _WEEKDAYS:
            reader.add("day", "day", base, i, i + 1)
        elif base in _MONTHS:
            before, after = reader.word(i - 1), reader.word(i + 1)
            if base == "may" and before not in _MONTH_CONTEXT and not after.isdigit():
                continue
            if base == "march" and before not in _MONTH_CONTEXT and after in _MARCH_VERB_AFTER:
                continue
            reader.add("month", "month", base, i, i + 1, approx=before in _BOUND_BEFORE)


def _read_places(reader: _Reader) -> None:
    words = reader.words
    for i, word in enumerate(words):
        place = _PLACES.get(word)
        span_end = i + 1
        if word == "coffee" and reader.word(i + 1) == "shop":
            place, span_end = "cafe", i + 2
        if place is None or (word == "place" and reader.word(i - 1) in _NOT_A_PLACE_BEFORE):
            continue
        # Preposition, then at most a determiner or owner and one modifier.
        owner: str | None = None
        first = i
        for back in range(1, 4):
            before = reader.word(i - back)
            if before in _PLACE_PREPOSITIONS:
                first = i - back
                break
            if before in _OWN:
                owner = "own"
            elif before in _OTHER_OWNER or before.endswith("'s"):
                owner = owner or "other"
        else:
            # Without a preposition only an owned home reads as a place: "then her place".
            if word != "home" and not (place == "home" and owner):
                continue
        if word == "home" and reader.word(i - 1) not in _OTHER_OWNER:
            owner = "own" if owner is None else owner
        if place == "home":
            place = f"home:{owner or 'other'}"
        reader.add("place", "place", place, first, span_end)


def _read_yes_no(reader: _Reader) -> None:
    words = reader.words
    start = 0
    while start < len(words) and words[start] in _FILLERS:
        start += 1
    opening = " ".join(words[start : start + 2])
    first_word = reader.word(start)
    polarity: str | None = None
    length = 0
    for opener in _NO_OPENERS:
        if first_word == opener or opening.startswith(opener + " ") or opening == opener:
            polarity, length = "no", len(opener.split())
            break
    if polarity is None:
        for opener in _YES_OPENERS:
            size = len(opener.split())
            if " ".join(words[start : start + size]) != opener:
                continue
            # "I did." answers yes; "I did it because ..." is a statement, not a yes.
            if (
                size == 1
                or start + size == len(words)
                or reader.view.gap(start + size - 1, start + size)
            ):
                polarity, length = "yes", size
                break
    if polarity is None:
        return
    if polarity == "yes":
        # "Yes, nothing happened" answers a negative question; its polarity is unclear.
        _, sentence_end = reader.view.sentence_bounds(reader.view.tokens[start].end)
        rest = range(start + length, len(words))
        if any(words[j] in _NEGATIONS for j in rest if reader.view.tokens[j].start < sentence_end):
            return
    reader.add("yes_no", "yes_no", polarity, start, start + length)


def extract_facts(text: str) -> tuple[Fact, ...]:
    """The checkable facts of one answer, in text order."""
    reader = _Reader(text)
    if not reader.words:
        return ()
    _read_yes_no(reader)
    _read_times(reader)
    _read_days_and_months(reader)
    _read_numbers(reader)
    _read_places(reader)
    return tuple(sorted(reader.facts, key=lambda fact: fact.start))


# --------------------------------------------------------------------------------------
# Comparison


def _numbers_agree(key: str, a: Fact, b: Fact) -> bool:
    x, y = float(a.value), float(b.value)
    largest = max(abs(x), abs(y), 1.0)
    if key == "number:duration":
        return abs(x - y) <= _DURATION_TOLERANCE * largest
    if a.approx or b.approx:
        return abs(x - y) <= max(_APPROX_TOLERANCE * largest, 1.0)
    if key == "number:amount":
        return abs(x - y) <= _MONEY_TOLERANCE * largest
    return x == y


def _times_agree(a: Fact, b: Fact) -> bool:
    x, y = float(a.value), float(b.value)
    period = 1440.0 if a.absolute and b.absolute else 720.0
    difference = abs(x - y) % period
    difference = min(difference, period - difference)
    tolerance = _TIME_TOLERANCE_MIN if a.approx or b.approx else 0
    return difference <= tolerance


def _agree(a: Fact, b: Fact) -> bool:
    if a.kind == "time":
        return _times_agree(a, b)
    if a.kind == "number":
        return _numbers_agree(a.key, a, b)
    return a.value == b.value


_MAX_FACTS_COMPARED = 20
"""Facts of one kind compared per answer. A spoken answer states a handful; the cap keeps a
pathological 10,000-character answer from making the pairwise comparison quadratic."""


def _conflict(first: Sequence[Fact], second: Sequence[Fact]) -> tuple[Fact, Fact] | None:
    """A pair showing the two groups disagree: no fact of one agrees with any of the other."""
    first, second = first[:_MAX_FACTS_COMPARED], second[:_MAX_FACTS_COMPARED]
    if not first or not second:
        return None
    if any(_agree(a, b) for a in first for b in second):
        return None
    return first[0], second[0]


def check_consistency(answers: Sequence[tuple[str, str]]) -> list[Inconsistency]:
    """Contradictions between answers to the same question.

    `answers` is the session's answers in order, each (question id, answer text). Every
    later answer is compared with the earlier answers to its question; for each kind of
    fact, the earliest earlier answer that disagrees is reported, quoting both.
    """
    facts = [extract_facts(text) for _, text in answers]
    found: list[Inconsistency] = []
    for later, (question_id, later_text) in enumerate(answers):
        reported: set[str] = set()
        for earlier in range(later):
            if answers[earlier][0] != question_id:
                continue
            keys = {fact.key for fact in facts[later]} & {fact.key for fact in facts[earlier]}
            for key in sorted(keys):
                if key in reported:
                    continue
                pair = _conflict(
                    [f for f in facts[earlier] if f.key == key],
                    [f for f in facts[later] if f.key == key],
                )
                if pair is None:
                    continue
                reported.add(key)
                found.append(
                    Inconsistency(
                        question_id=question_id,
                        kind=pair[0].kind,
                        first_index=earlier,
                        second_index=later,
                        first_answer=answers[earlier][1],
                        second_answer=later_text,
                        first_phrase=pair[0].phrase,
                        second_phrase=pair[1].phrase,
                    )
                )
    return found
