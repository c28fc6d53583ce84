"""Small helpers for feedback that is read aloud: quotes, lists, counts and moments in time.

Spoken feedback is heard once, so it quotes short, says numbers the way people do ("twice",
"about a minute in") and lists at most a few things.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "count_word",
    "join_words",
    "ordinal",
    "quote",
    "quote_from",
    "seconds_in",
    "times_word",
]

_MAX_QUOTE_WORDS = 9
"""A quote longer than this is trimmed: a listener cannot hold more in mind."""

_COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def quote(phrase: str, max_words: int = _MAX_QUOTE_WORDS) -> str:
    """The phrase in double quotes, trimmed to `max_words` words and cleaned of edge
    punctuation."""
    words = phrase.strip().strip(",.;:!?").split()
    if len(words) > max_words:
        words = [*words[:max_words], "..."]
    return '"' + " ".join(words) + '"'


_CLAUSE_END = re.compile(r"[,.;:!?\"()]")
_MAX_EXTRA_WORDS = 5


def quote_from(text: str, start: int, end: int) -> str:
    """Quote text[start:end], carried on to the end of its clause (a few words at most).

    Findings mark the words that triggered them ("I already told"); a listener understands
    the moment better with the rest of the phrase ("I already told you this").
    """
    stop = _CLAUSE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    words = text[end:limit].split()
    return quote(" ".join([text[start:end], *words[:_MAX_EXTRA_WORDS]]))


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def count_word(count: int) -> str:
    """ "one", "two" ... "nine"; digits from ten on, as people read them."""
    return _COUNT_WORDS[count] if 0 <= count < len(_COUNT_WORDS) else str(count)


def times_word(count: int) -> str:
    """ "once", "twice", "three times"."""
    if count == 1:
        return "once"
    if count == 2:
        return "twice"
    return f"{count_word(count)} times"


def ordinal(index: int) -> str:
    """ "first" for 1, "second" for 2 ...; digits with a suffix past eight."""
    if 1 <= index <= len(_ORDINALS):
        return _ORDINALS[index - 1]
    suffix = "th" if 10 <= index % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(index % 10, "th")
    return f"{index}{suffix}"


def seconds_in(seconds: float, *, about: bool = True) -> str:
    """How far into the monologue, as said aloud: "about 12 seconds in", "about a minute
    and 5 seconds in". Rounded to the second under 20 s and to five seconds after, because
    the listener remembers the moment, not the exact second."""
    total = max(0, round(seconds)) if seconds < 20 else 5 * round(seconds / 5)
    minutes, rest = divmod(int(total), 60)
    lead = "about " if about else ""
    if minutes == 0:
        return f"{lead}{rest} second{'s' if rest != 1 else ''} in"
    head = "a minute" if minutes == 1 else f"{minutes} minutes"
    if rest == 0:
        return f"{lead}{head} in"
    return f"{lead}{head} and {rest} seconds in"


def capitalise(sentence: str) -> str:
    """The sentence with its first letter upper-case (the rest left as written)."""
    return sentence[:1].upper() + sentence[1:]
