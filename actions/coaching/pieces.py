"""Cut one user turn into pieces a learned classifier reads, each with its offsets.

`segments` is what the crisis classifier reads (assistant/safety); `clauses` is what the
learned apology labels read (actions/coaching/learned_labels.py).

Segments:

A warning sign is often one clause inside a long apology ("…and I'm sorry, you won't have
to deal with me much longer"). Embedding the whole turn would dilute it, so the classifier
reads each sentence; a long sentence with no punctuation (speech recognisers write none)
is read in overlapping windows of words. A short turn of several sentences is read whole
too, because meaning can sit across sentences ("I bought rope today. After tonight it
won't matter.").

Every piece keeps its start and end in the original text, so a finding quotes the user's
own words. Pure Python, no I/O.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

__all__ = ["Segment", "clauses", "segments", "sentence_spans"]

WINDOW_WORDS = 16
"""Words per window in a long sentence: about one spoken clause and a half."""

WINDOW_STRIDE = 8
"""Windows overlap by half, so no clause is cut in two in every window."""

LONG_SENTENCE_WORDS = 24
"""A sentence longer than this is read in windows as well as whole."""

WHOLE_TURN_MAX_WORDS = 48
"""A turn of several sentences up to this long is also read whole."""

MAX_SEGMENTS = 200
"""A bound on the work for one turn (a 5,000-character turn needs about 110)."""

_SENTENCE_END = re.compile(r"[.!?;\n]+|\s[-–—]\s")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    """A piece of a turn: ``text == turn[start:end]``."""

    text: str
    start: int
    end: int
    within: int | None = None
    """For a window of a long sentence: the index (in the list :func:`segments` returns)
    of that whole sentence, whose context can overrule a clause read alone."""


def segments(turn: str) -> list[Segment]:
    """The sentences of ``turn``, windows of its long sentences, and the turn itself when
    it is short but has more than one sentence. Never empty for a turn with a word in it."""
    sentences = sentence_spans(turn)
    pieces: list[Segment] = []
    seen: set[tuple[int, int]] = set()

    def add(start: int, end: int, within: int | None = None) -> None:
        if (start, end) not in seen and len(pieces) < MAX_SEGMENTS:
            seen.add((start, end))
            pieces.append(Segment(turn[start:end], start, end, within))

    words_in_turn = len(_WORD.findall(turn))
    if len(sentences) > 1 and words_in_turn <= WHOLE_TURN_MAX_WORDS:
        first, last = sentences[0][0], sentences[-1][1]
        add(first, last)
    for start, end in sentences:
        words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(turn[start:end])]
        add(start, end)
        if len(words) <= LONG_SENTENCE_WORDS:
            continue
        sentence = len(pieces) - 1
        for first in range(0, len(words), WINDOW_STRIDE):
            window = words[first : first + WINDOW_WORDS]
            add(window[0][0], window[-1][1], sentence)
            if first + WINDOW_WORDS >= len(words):
                break
    return pieces


def sentence_spans(turn: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence with at least one word, trimmed of spaces."""
    spans: list[tuple[int, int]] = []
    position = 0
    for boundary in [*_SENTENCE_END.finditer(turn), None]:
        end = boundary.start() if boundary else len(turn)
        words = list(_WORD.finditer(turn, position, end))
        if words:
            spans.append((words[0].start(), words[-1].end()))
        position = boundary.end() if boundary else len(turn)
    return spans


# --- Clauses --------------------------------------------------------------------------
# An apology's parts sit in clauses ("I'm sorry I hid the debt, but you spend a lot too"),
# and a recogniser writes no commas, so a sentence is also cut before the words that open
# a new clause. A piece of fewer than CLAUSE_MIN_WORDS words stays with the one before.

CLAUSE_MIN_WORDS = 3
"""Shorter pieces ("though", "and so") are joined to the clause before them."""

CLAUSE_MAX_WORDS = 16
"""A clause longer than this (a recogniser's run-on) is read in windows of this size."""

_CLAUSE_OPENERS = re.compile(
    r"(?:,\s*|\s)(?=(?:but|though|although|however|because|cause|anyway|whereas)\b"
    r"|(?:and|so|then) (?:i|im|i'm|you|youre|you're|it|its|it's|that|thats|that's"
    r"|we|she|he|they)\b)",
    re.IGNORECASE,
)
_COMMA = re.compile(r",\s*")


def clauses(turn: str) -> list[Segment]:
    """The clauses of ``turn`` in order, each ``turn[start:end]``; never empty for a turn
    with a word in it. Sentences are cut before a contrast or a cause ("but", "because"),
    before "and"/"so" opening a new subject, and at commas; long run-ons in windows."""
    pieces: list[Segment] = []
    for start, end in sentence_spans(turn):
        cuts = {start, end}
        for pattern in (_CLAUSE_OPENERS, _COMMA):
            for match in pattern.finditer(turn, start, end):
                cuts.add(match.end())
        bounds = sorted(cuts)
        spans: list[tuple[int, int]] = []
        for left, right in itertools.pairwise(bounds):
            words = list(_WORD.finditer(turn, left, right))
            if not words:
                continue
            span = (words[0].start(), words[-1].end())
            if spans and len(words) < CLAUSE_MIN_WORDS:
                spans[-1] = (spans[-1][0], span[1])
            else:
                spans.append(span)
        if len(spans) > 1 and len(_WORD.findall(turn, *spans[0])) < CLAUSE_MIN_WORDS:
            spans[:2] = [(spans[0][0], spans[1][1])]
        for left, right in spans:
            pieces.extend(_windows(turn, left, right))
    return pieces


def _windows(turn: str, left: int, right: int) -> list[Segment]:
    """The clause turn[left:right], or overlapping windows of it when it is too long."""
    bounds = [(m.start(), m.end()) for m in _WORD.finditer(turn, left, right)]
    if len(bounds) <= CLAUSE_MAX_WORDS:
        return [Segment(turn[left:right], left, right)]
    windows = []
    for first in range(0, len(bounds), CLAUSE_MAX_WORDS // 2):
        start, end = bounds[first][0], bounds[min(first + CLAUSE_MAX_WORDS, len(bounds)) - 1][1]
        windows.append(Segment(turn[start:end], start, end))
        if first + CLAUSE_MAX_WORDS >= len(bounds):
            break
    return windows
