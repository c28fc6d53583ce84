"""Key-point coverage for the listening analysis: the scenarios' keyword sets, compiled and matched.

A key point is covered when the reflection holds every term of one of its keyword-set
alternatives within `MATCH_WINDOW` words, not negated and not quoted (syntax in
actions/coaching/scenarios/base.py). One pass over the words per alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from actions.coaching.cues import TextView, word_set
from actions.coaching.scenarios import ListeningScenario
from actions.coaching.scenarios.base import MATCH_WINDOW

__all__ = [
    "NEGATION_RELEASE",
    "KeyPointMatch",
    "Option",
    "compile_keyword_set",
    "cover_key_points",
    "option_end",
    "parse_option",
]


@dataclass(frozen=True)
class KeyPointMatch:
    """The words of the reflection that covered one key point."""

    point_id: str
    """The `KeyPoint.id` covered."""

    phrase: str
    """The exact substring of the original text, from the first matched word to the last."""

    start: int
    """Offset of `phrase` in the original text."""

    end: int
    """Offset just past `phrase` in the original text."""


Option = tuple[tuple[str, bool], ...]
"""Consecutive words of one option, each (text, is_prefix)."""


@dataclass(frozen=True)
class _KeywordSet:
    source: str
    terms: tuple[tuple[Option, ...], ...]
    allows_negation: bool
    """True when an option is itself a negation: the partner's words contained one."""


def parse_option(option: str) -> Option:
    pieces = []
    for piece in option.split("_"):
        prefix = piece.endswith("*")
        pieces.append((piece.rstrip("*"), prefix))
    if not option or any(not text for text, _ in pieces):
        raise ValueError(f"empty word in keyword option {option!r}")
    return tuple(pieces)


def compile_keyword_set(source: str) -> _KeywordSet:
    """Parse one alternative; ValueError when it is malformed."""
    terms = []
    negation = False
    for term in source.split():
        options = tuple(parse_option(option) for option in term.split("|"))
        terms.append(options)
        negation = negation or any(_is_negator(text) for option in options for text, _ in option)
    if not terms:
        raise ValueError("empty keyword set")
    return _KeywordSet(source, tuple(terms), negation)


def _is_negator(word: str) -> bool:
    return word in ("not", "no", "never", "nobody", "nothing", "nowhere") or word.endswith("n't")


def _word_matches(word: str, text: str, prefix: bool) -> bool:
    if prefix:
        return word.startswith(text)
    if word == text:
        return True
    # A possessive adds nothing to the meaning: "mom's" is "mom", "sister's" is "sister".
    return word.endswith("'s") and word[:-2] == text


def option_end(words: Sequence[str], index: int, option: Option) -> int | None:
    """Index just past the option when it matches at `index`, else None."""
    if index + len(option) > len(words):
        return None
    for offset, (text, prefix) in enumerate(option):
        if not _word_matches(words[index + offset], text, prefix):
            return None
    return index + len(option)


# Words that do not negate what follows them: "no wonder you felt", "not just angry",
# "I didn't know how hurt you were", "I can't imagine how lonely".
NEGATION_RELEASE = word_set(
    "wonder just only merely know knew realise realize realised realized imagine understand"
    " see doubt"
)
_COVERAGE_NEGATION_LOOKBACK = 2
"""Words before a keyword-set match that may hold a negation cancelling it."""


def _negated_window(words: Sequence[str], first: int, last: int) -> bool:
    start = max(0, first - _COVERAGE_NEGATION_LOOKBACK)
    for index in range(start, last):
        if _is_negator(words[index]):
            following = words[index + 1] if index + 1 < len(words) else ""
            if following not in NEGATION_RELEASE:
                return True
    return False


def _match_keyword_set(words: Sequence[str], keywords: _KeywordSet) -> tuple[int, int] | None:
    """The first word window (first, last_exclusive) that holds every term, or None.

    A sweep over the term occurrences in word order: the window grows to the right until
    every term is present, then shrinks from the left while it stays complete. Every
    complete window no wider than `MATCH_WINDOW` is a candidate; a negated one is skipped.
    """
    occurrences: list[tuple[int, int, int]] = []  # (start, end, term)
    for index in range(len(words)):
        for term_index, options in enumerate(keywords.terms):
            for option in options:
                end = option_end(words, index, option)
                if end is not None:
                    occurrences.append((index, end, term_index))
                    break
    needed = len(keywords.terms)
    longest = max(len(option) for options in keywords.terms for option in options)
    counts = [0] * needed
    present = 0
    left = 0
    for right, (right_start, _, term) in enumerate(occurrences):
        if counts[term] == 0:
            present += 1
        counts[term] += 1
        while present == needed:
            first = occurrences[left][0]
            # Starts are sorted and no option is longer than `longest` words, so only the
            # last few occurrences can end furthest right: a bounded look-back stays linear.
            last = 0
            back = right
            while back >= left and occurrences[back][0] > right_start - longest:
                last = max(last, occurrences[back][1])
                back -= 1
            if last - first <= MATCH_WINDOW and (
                keywords.allows_negation or not _negated_window(words, first, last)
            ):
                return first, last
            left_term = occurrences[left][2]
            counts[left_term] -= 1
            if counts[left_term] == 0:
                present -= 1
            left += 1
    return None


_COMPILED: dict[str, _KeywordSet] = {}


def _keyword_set(source: str) -> _KeywordSet:
    # Scenario data is fixed, so each alternative is parsed once per process.
    compiled = _COMPILED.get(source)
    if compiled is None:
        compiled = _COMPILED[source] = compile_keyword_set(source)
    return compiled


def cover_key_points(
    view: TextView, scenario: ListeningScenario
) -> tuple[list[str], list[KeyPointMatch]]:
    words = view.words
    covered: list[str] = []
    matches: list[KeyPointMatch] = []
    for point in scenario.key_points:
        for alternative in point.alternatives:
            window = _match_keyword_set(words, _keyword_set(alternative))
            if window is None:
                continue
            first, last = window
            if view.quoted(view.tokens[first].start, view.tokens[last - 1].end):
                continue
            start, end = view.norm.span_in_original(
                view.tokens[first].start, view.tokens[last - 1].end
            )
            covered.append(point.id)
            matches.append(KeyPointMatch(point.id, view.norm.original[start:end], start, end))
            break
    return covered, matches
