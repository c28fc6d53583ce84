"""Cut one user turn into the pieces the crisis classifier reads.

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

import re
from dataclasses import dataclass

__all__ = ["Segment", "segments"]

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
    sentences = list(_sentences(turn))
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


def _sentences(turn: str) -> list[tuple[int, int]]:
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
