"""Delivery notes: how an utterance is said, as far as the words alone can tell.

Counts words, estimates how long they take to say, and finds hedges ("I guess", "kind of")
and fillers ("um", "like", "you know"). Hedges matter in an apology because they soften
ownership ("I guess I lied"); fillers matter only when there are many.

Audio-derived facts (duration, pauses) can be passed in when a caller has them; this module
never touches audio itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from actions.coaching.normalize import Normalized, normalize

__all__ = ["DeliveryMarker", "DeliveryNotes", "analyze_delivery"]

SPEAKING_RATE_WPM = 140
"""Words per minute assumed for the spoken-length estimate.

Conversational English runs at roughly 120-160 words per minute; an apology, said with care,
sits at the slower end, so the middle of that range is a fair default.
"""

LONG_APOLOGY_WORDS = 150
# Conversational English runs about 150 words a minute; well above that an apology sounds
# rushed. Short utterances are too noisy to judge.
FAST_WPM = 190.0
FAST_MIN_WORDS = 12
LONG_PAUSE_S = 2.5
"""Above this (about a minute aloud) an apology starts to be about the speaker (Lerner)."""

MANY_FILLERS = 3
"""Fillers are worth mentioning from this many on; one or two are just speech."""


@dataclass(frozen=True)
class DeliveryMarker:
    """One hedge or filler found in the text."""

    kind: str
    """"hedge" or "filler"."""

    phrase: str
    """The exact substring of the original text."""

    start: int
    """Offset of the phrase in the original text."""

    end: int
    """Offset just past the phrase in the original text."""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "phrase": self.phrase, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class DeliveryNotes:
    """Facts about how an utterance is delivered."""

    word_count: int
    """Number of words (letters or digits, apostrophes inside words allowed)."""

    estimated_seconds: float
    """How long the words take to say at `SPEAKING_RATE_WPM`, rounded to a tenth."""

    hedges: tuple[DeliveryMarker, ...]
    """Softeners that weaken a statement: "i guess", "kind of", "maybe", "probably" ..."""

    fillers: tuple[DeliveryMarker, ...]
    """Sounds and words that fill a gap: "um", "uh", filler "like", filler "you know" ..."""

    duration_s: float | None = None
    """Measured duration of the utterance, when a caller has audio; None otherwise."""

    pauses_s: tuple[float, ...] = ()
    """Lengths of the silent gaps inside the utterance, when a caller has audio."""

    @property
    def words_per_minute(self) -> float | None:
        """Measured speaking rate, only when a duration was given."""
        if self.duration_s is None or self.duration_s <= 0:
            return None
        return round(self.word_count * 60.0 / self.duration_s, 1)

    @property
    def is_long(self) -> bool:
        """True when the apology runs long enough to risk being about the speaker."""
        return self.word_count > LONG_APOLOGY_WORDS

    @property
    def has_many_fillers(self) -> bool:
        return len(self.fillers) >= MANY_FILLERS

    @property
    def is_fast(self) -> bool:
        """True when, measured from audio, it was said fast enough to sound rushed."""
        wpm = self.words_per_minute
        return wpm is not None and self.word_count >= FAST_MIN_WORDS and wpm > FAST_WPM

    @property
    def long_pauses(self) -> int:
        """Thinking pauses (from audio) of `LONG_PAUSE_S` or more."""
        return sum(1 for pause in self.pauses_s if pause >= LONG_PAUSE_S)

    def to_dict(self) -> dict[str, Any]:
        return {
            "long_pauses": self.long_pauses,
            "word_count": self.word_count,
            "estimated_seconds": self.estimated_seconds,
            "hedges": [marker.to_dict() for marker in self.hedges],
            "fillers": [marker.to_dict() for marker in self.fillers],
            "duration_s": self.duration_s,
            "pauses_s": list(self.pauses_s),
            "words_per_minute": self.words_per_minute,
        }


# "kind of"/"sort of" are nouns after a determiner ("that kind of thing", "what sort of").
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "what",
        "which",
        "any",
        "some",
        "every",
        "no",
        "one",
        "same",
        "different",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "its",
        "another",
        "other",
        "each",
        "all",
        "whatever",
    ]
)
_HEDGE_SINGLE = frozenset(["maybe", "perhaps", "probably", "possibly", "kinda", "sorta"])
_HEDGE_AFTER_I = frozenset(["guess", "suppose", "think"])
_SOUND_FILLER = re.compile(r"(?:u+m+|u+h+|e+r+m+|e+r|h+m+|m+h*m+|a+h+)")

# Filler "like" sits between discourse words ("and like i was") or is fenced by commas; the
# verb and the preposition ("I'd like to", "felt like", "like you") have neither.
_LIKE_FILLER_BEFORE = frozenset(
    ["um", "uh", "umm", "uhh", "and", "but", "so", "or", "then", "because", "like"]
)
_LIKE_FILLER_AFTER = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "um",
        "uh",
        "so",
        "really",
        "totally",
        "literally",
        "just",
        "super",
        "honestly",
        "we",
        "they",
        "he",
        "she",
    ]
)
# "you know" opens a clause when what follows is its object ("you know I love you").
_YOU_KNOW_OBJECTS = frozenset(
    [
        "that",
        "what",
        "how",
        "why",
        "where",
        "who",
        "when",
        "whether",
        "about",
        "me",
        "it",
        "him",
        "her",
        "them",
        "this",
        "i",
        "i'm",
        "we",
        "you",
    ]
)
_YOU_KNOW_FILLER_BEFORE = frozenset(
    [
        "was",
        "were",
        "is",
        "am",
        "i'm",
        "it's",
        "just",
        "and",
        "but",
        "so",
        "um",
        "uh",
        "like",
        "really",
    ]
)
_YOU_KNOW_QUESTION_BEFORE = frozenset(
    ["do", "did", "don't", "didn't", "if", "as", "want", "let", "will", "would"]
)
_I_MEAN_OBJECTS = frozenset(["it", "that", "this", "what", "every", "to", "no", "well"])


def _gap(text: str, left: int, right: int) -> str:
    """The characters between two tokens, stripped of spaces ("," or "" usually)."""
    return text[left:right].strip()


def _find_markers(
    norm: Normalized,
) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """Hedges and fillers as (kind, start, end) spans of the normalised text."""
    text = norm.text
    tokens = norm.tokens()
    words = [token.text for token in tokens]
    hedges: list[tuple[str, int, int]] = []
    fillers: list[tuple[str, int, int]] = []

    def joined(i: int, j: int) -> bool:
        """Tokens i and j (j = i + 1) are adjacent with nothing but spaces between."""
        return i >= 0 and j < len(tokens) and _gap(text, tokens[i].end, tokens[j].start) == ""

    def pause_before(i: int) -> bool:
        return i == 0 or _gap(text, tokens[i - 1].end, tokens[i].start) != ""

    def pause_after(i: int) -> bool:
        return i == len(tokens) - 1 or _gap(text, tokens[i].end, tokens[i + 1].start) != ""

    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) and joined(i, i + 1) else None
        prev = words[i - 1] if i > 0 and joined(i - 1, i) else None
        if word in _HEDGE_SINGLE:
            hedges.append(("hedge", tokens[i].start, tokens[i].end))
        elif word == "i" and nxt in _HEDGE_AFTER_I:
            after = words[i + 2] if i + 2 < len(words) and joined(i + 1, i + 2) else None
            if not (nxt == "think" and after in ("about", "of")):
                hedges.append(("hedge", tokens[i].start, tokens[i + 1].end))
        elif word in ("kind", "sort") and nxt == "of" and prev not in _DETERMINERS:
            hedges.append(("hedge", tokens[i].start, tokens[i + 1].end))
        elif _SOUND_FILLER.fullmatch(word):
            fillers.append(("filler", tokens[i].start, tokens[i].end))
        elif word == "like":
            fenced = (pause_before(i) and i > 0) or (pause_after(i) and i < len(words) - 1)
            between = (prev in _LIKE_FILLER_BEFORE or i == 0) and nxt in _LIKE_FILLER_AFTER
            said = nxt == "i" and i + 2 < len(words) and words[i + 2] == "said"
            if (fenced or between) and not said:
                fillers.append(("filler", tokens[i].start, tokens[i].end))
        elif word == "you" and nxt == "know":
            after = words[i + 2] if i + 2 < len(words) and joined(i + 1, i + 2) else None
            fenced = (pause_before(i) and i > 0) or pause_after(i + 1)
            odd_place = prev in _YOU_KNOW_FILLER_BEFORE
            question = prev in _YOU_KNOW_QUESTION_BEFORE
            if (fenced or odd_place) and not question and after not in _YOU_KNOW_OBJECTS:
                fillers.append(("filler", tokens[i].start, tokens[i + 1].end))
        elif word == "i" and nxt == "mean":
            after = words[i + 2] if i + 2 < len(words) and joined(i + 1, i + 2) else None
            opens = i == 0 or pause_before(i) or prev in _LIKE_FILLER_BEFORE
            if opens and (
                pause_after(i + 1) or (after is not None and after not in _I_MEAN_OBJECTS)
            ):
                fillers.append(("filler", tokens[i].start, tokens[i + 1].end))
    return hedges, fillers


def _to_markers(
    norm: Normalized, spans: Sequence[tuple[str, int, int]]
) -> tuple[DeliveryMarker, ...]:
    markers = []
    for kind, start, end in spans:
        orig_start, orig_end = norm.span_in_original(start, end)
        markers.append(
            DeliveryMarker(kind, norm.original[orig_start:orig_end], orig_start, orig_end)
        )
    return tuple(markers)


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def analyze_delivery(
    text: str,
    *,
    duration_s: float | None = None,
    pauses_s: Sequence[float] = (),
    normalized: Normalized | None = None,
) -> DeliveryNotes:
    """Delivery notes for `text`.

    `duration_s` and `pauses_s` are for callers that measured the audio; they are stored as
    given. Pass `normalized` when you already have `normalize(text)` to skip redoing it.
    """
    norm = normalized if normalized is not None and normalized.original == text else normalize(text)
    word_count = len(_WORD.findall(norm.text))
    hedges, fillers = _find_markers(norm)
    return DeliveryNotes(
        word_count=word_count,
        estimated_seconds=round(word_count * 60.0 / SPEAKING_RATE_WPM, 1),
        hedges=_to_markers(norm, hedges),
        fillers=_to_markers(norm, fillers),
        duration_s=duration_s,
        pauses_s=tuple(float(p) for p in pauses_s),
    )
