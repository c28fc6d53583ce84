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

Hedged values ("about nine", "a few times", "or so") are compared with a tolerance
(`consistency`); the word lists are data in `fact_words`.
Everything is a single pass over the words, linear in the length of the answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from actions.coaching.cues import TextView
from actions.coaching.fact_words import (
    APPROX_AFTER,
    APPROX_BEFORE,
    BARE_AMOUNT_MIN,
    BOUND_BEFORE,
    CLAUSE_AFTER_HOUR,
    CLOCK,
    CLOCK_PREPOSITIONS,
    DIGITS,
    FILLERS,
    MARCH_VERB_AFTER,
    MONTH_CONTEXT,
    MONTHS,
    NEGATIONS,
    NO_OPENERS,
    NOT_A_PLACE_BEFORE,
    NOT_CLOCK_AFTER,
    ONES,
    OTHER_OWNER,
    OWN,
    PLACE_PREPOSITIONS,
    PLACES,
    SCALES,
    TENS,
    UNIT_SKIP,
    UNITS,
    WEEKDAYS,
    YES_OPENERS,
)
from actions.coaching.normalize import normalize

__all__ = ["Fact", "extract_facts"]


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
            before in APPROX_BEFORE
            or before in BOUND_BEFORE
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
        if word in ONES and not (seen and current % 10 and current < 20):
            current += ONES[word]
        elif word in TENS and not (seen and current % 100):
            current += TENS[word]
        elif word in SCALES and (seen or current):
            if word == "hundred":
                current = max(current, 1.0) * 100
            else:
                total += max(current, 1.0) * SCALES[word]
                current = 0.0
        elif word == "and" and seen and reader.word(j + 1) in {**ONES, **TENS}:
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
    for match in CLOCK.finditer(view.text):
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
            elif nxt in ONES or nxt in TENS:
                minute, j = ONES.get(nxt, 0) + TENS.get(nxt, 0), j + 1
        meridiem = None
        if reader.word(j) in ("am", "pm"):
            meridiem, j = reader.word(j)[0], j + 1
        elif reader.word(j) in ("a", "p") and reader.word(j + 1) == "m":
            meridiem, j = reader.word(j), j + 2
        elif reader.word(j) == "o'clock":
            j += 1
        # "about" and "around" also hedge quantities ("about four thousand"), so they make a
        # clock time only together with a stronger sign (minutes, am/pm, o'clock).
        clock_context = before in CLOCK_PREPOSITIONS or (
            before in ("about", "around")
            and (
                j >= len(reader.words)
                or reader.view.gap(j - 1, j) != ""
                or (reader.word(j) in CLAUSE_AFTER_HOUR)
            )
        )
        if not (clock_context or meridiem or j > i + 1):
            continue
        if j == i + 1 and reader.word(j) in NOT_CLOCK_AFTER:
            continue  # "at one point", "about three of them"
        if reader.word(j) in UNITS or reader.word(j) in SCALES:
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
    value = ONES.get(word)
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
    for match in DIGITS.finditer(view.text):
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
            elif value >= BARE_AMOUNT_MIN and not _looks_like_year(reader, first, value):
                # "eleven thousand two hundred" answering "how much": an amount, unit unsaid.
                unit = ("amount", 1.0, last)
            else:
                continue
        unit_key, factor, end = unit
        hedged = (
            approx
            or reader.hedged(first)
            or reader.word(end) in APPROX_AFTER
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
        if word in UNITS:
            unit, factor = UNITS[word]
            # "a thousand dollars": "grand" and "k" multiply; a plain unit word does not.
            return unit, factor, j + 1
        if word not in UNIT_SKIP:
            return None
        j += 1
    return None


def _read_days_and_months(reader: _Reader) -> None:
    for i, word in enumerate(reader.words):
        base = word[:-2] if word.endswith("'s") else word
        if base in WEEKDAYS:
            reader.add("day", "day", base, i, i + 1)
        elif base in MONTHS:
            before, after = reader.word(i - 1), reader.word(i + 1)
            if base == "may" and before not in MONTH_CONTEXT and not after.isdigit():
                continue
            if base == "march" and before not in MONTH_CONTEXT and after in MARCH_VERB_AFTER:
                continue
            reader.add("month", "month", base, i, i + 1, approx=before in BOUND_BEFORE)


def _read_places(reader: _Reader) -> None:
    words = reader.words
    for i, word in enumerate(words):
        place = PLACES.get(word)
        span_end = i + 1
        if word == "coffee" and reader.word(i + 1) == "shop":
            place, span_end = "cafe", i + 2
        if place is None or (word == "place" and reader.word(i - 1) in NOT_A_PLACE_BEFORE):
            continue
        # Preposition, then at most a determiner or owner and one modifier.
        owner: str | None = None
        first = i
        for back in range(1, 4):
            before = reader.word(i - back)
            if before in PLACE_PREPOSITIONS:
                first = i - back
                break
            if before in OWN:
                owner = "own"
            elif before in OTHER_OWNER or before.endswith("'s"):
                owner = owner or "other"
        else:
            # Without a preposition only an owned home reads as a place: "then her place".
            if word != "home" and not (place == "home" and owner):
                continue
        if word == "home" and reader.word(i - 1) not in OTHER_OWNER:
            owner = "own" if owner is None else owner
        if place == "home":
            place = f"home:{owner or 'other'}"
        reader.add("place", "place", place, first, span_end)


def _read_yes_no(reader: _Reader) -> None:
    words = reader.words
    start = 0
    while start < len(words) and words[start] in FILLERS:
        start += 1
    opening = " ".join(words[start : start + 2])
    first_word = reader.word(start)
    polarity: str | None = None
    length = 0
    for opener in NO_OPENERS:
        if first_word == opener or opening.startswith(opener + " ") or opening == opener:
            polarity, length = "no", len(opener.split())
            break
    if polarity is None:
        for opener in YES_OPENERS:
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
        if any(words[j] in NEGATIONS for j in rest if reader.view.tokens[j].start < sentence_end):
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
