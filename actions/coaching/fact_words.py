"""The word lists and tolerances checkable facts are read and compared with (see `facts`
and `consistency`): numbers, units, days and months, places, how a yes or a no opens.
Data beside the engines, not mixed into them."""

from __future__ import annotations

import re

from actions.coaching.cues import word_list, word_set

ONES = {
    word: value
    for value, word in enumerate(
        word_list(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
TENS = {
    word: value * 10
    for value, word in enumerate(
        word_list("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
    )
    if word != "_"
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
APPROX_BEFORE = word_set(
    """
    about around roughly maybe approximately like nearly almost over under least probably
    some few couple little
    """
)
BOUND_BEFORE = word_set("after before since past gone")
APPROX_AFTER = frozenset(["ish", "odd", "or_so"])

# unit word -> (unit key, multiplier)
UNITS: dict[str, tuple[str, float]] = {}
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
        UNITS[_word] = (_unit, _factor)
BARE_AMOUNT_MIN = 100.0
"""A number this large with no unit is read as an amount; smaller ones are too ambiguous."""
UNIT_SKIP = word_set("more whole full entire extra of or so")
MONEY_TOLERANCE = 0.05
"""Exact amounts of money this close agree: people round $11,200 to eleven thousand."""
APPROX_TOLERANCE = 0.25
DURATION_TOLERANCE = 0.25
"""Durations are always a little hedged in speech ("ten weeks", "two months")."""
TIME_TOLERANCE_MIN = 45
"""Hedged clock times this close agree ("around nine" and "nine thirty")."""

WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
MONTHS = word_list(
    "january february march april may june july august september october november december"
)
# "was may" and "around may" are months: the modal never follows those words.
MONTH_CONTEXT = word_set(
    "in since until till from by early late mid end start beginning of last through was around"
    " about"
)
MARCH_VERB_AFTER = word_set("to into on in off out down up around over back")

# place word -> canonical place
PLACES: dict[str, str] = {}
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
        PLACES[_word] = _canonical
PLACE_PREPOSITIONS = word_set("at in to from inside outside near into went go stayed")
OWN = word_set("my our mine home")
OTHER_OWNER = word_set("her his their your someone's somebody's a friend's")

YES_OPENERS = (
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
NO_OPENERS = (
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
FILLERS = word_set("um uh er okay ok well look honestly so listen oh hmm")
NEGATIONS = word_set(
    "no not never nothing nobody didn't don't wasn't weren't haven't hasn't won't isn't"
)

CLOCK_PREPOSITIONS = word_set("at by until till til after before from since past gone")
CLAUSE_AFTER_HOUR = word_set(
    "i we she he they that this when then or in at on last tonight yesterday maybe probably ish"
)
NOT_CLOCK_AFTER = word_set(
    "point time stage moment of another each other least most all once more or"
)
NOT_A_PLACE_BEFORE = word_set(
    "first second third last right wrong safe same better good bad dark happy"
)

CLOCK = re.compile(r"(?<![\w:])(\d{1,2}):(\d{2})(?:\s*([ap])\.?\s?m\b\.?)?")
DIGITS = re.compile(r"(?<![\w.,:])(\$)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k\b)?(?![\d:])")
