"""Text normalisation shared by every coaching analyzer.

Recognised speech and typed text say the same things in different clothes: "Im sorry, I
DIDNT mean it" and "i’m sorry i didn’t mean it". Analyzers match against one canonical form,
`Normalized.text`, and report findings against the string the person actually said, through
`Normalized.span_in_original`.

What `normalize` does, in order, one original character at a time:

* Unicode compatibility folding (NFKC, per character: full-width letters, ligatures) and
  lowercase.
* Typographic apostrophes and backticks become "'", curly double quotes become '"', every
  dash becomes "-", and "…" becomes "...".
* Control characters and every kind of whitespace become whitespace; runs collapse to one
  space; leading and trailing whitespace goes. Zero-width characters disappear.
* Contractions that speech recognisers and hurried typists write without the apostrophe are
  restored: "im" -> "i'm", "dont" -> "don't", "youre" -> "you're" and so on. Words that are
  also ordinary words are restored only when the neighbours make the contraction the likely
  reading: "its", "ill", "lets" (see `_restore_ambiguous`). Words that are far more often
  something else ("well", "were", "hell", "shed", "wed") are left alone.

What it does not do: spell out or parse numbers ("1" and "one" both stay as they are, so
analyzers match both), remove punctuation (it marks clause and quotation boundaries), or
correct spelling.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["Normalized", "Token", "normalize"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read than a list)."""
    return frozenset(words.split())


@dataclass(frozen=True)
class Token:
    """One word of `Normalized.text`, with its span in that text."""

    text: str
    """The word as it appears in the normalised text (lowercase, apostrophes restored)."""

    start: int
    """Offset of the first character in `Normalized.text`."""

    end: int
    """Offset just past the last character in `Normalized.text`."""


@dataclass(frozen=True)
class Normalized:
    """A normalised string that remembers where each character came from."""

    original: str
    """The text exactly as it was given."""

    text: str
    """The canonical form analyzers match against (see the module docstring)."""

    origin_starts: tuple[int, ...] = field(repr=False, default=())
    """For each character of `text`, where its source starts in `original`."""

    origin_ends: tuple[int, ...] = field(repr=False, default=())
    """For each character of `text`, where its source ends in `original`.

    A character the normaliser inserted (the apostrophe in "i'm" from "im") has an empty
    source: start == end, at the point of insertion.
    """

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span `text[start:end]` to the matching span of `original`.

        Out-of-range values are clamped, and an empty span maps to an empty span, so callers
        can pass regex match offsets straight through.
        """
        size = len(self.text)
        start = min(max(start, 0), size)
        end = min(max(end, start), size)
        if start == end:
            if start == size:
                point = len(self.original) if size == 0 else self.origin_ends[size - 1]
            else:
                point = self.origin_starts[start]
            return point, point
        return self.origin_starts[start], self.origin_ends[end - 1]

    def span_in_text(self, start: int, end: int) -> tuple[int, int]:
        """The reverse of `span_in_original`: the span of `text` made from `original[start:end]`.

        Returns the smallest span of `text` whose characters come from inside the given span,
        so a finding reported against the original can be found again in the normalised text.
        """
        first = bisect.bisect_right(self.origin_ends, start)
        last = bisect.bisect_left(self.origin_starts, end)
        return first, max(first, last)

    def original_phrase(self, start: int, end: int) -> str:
        """The substring of `original` that `text[start:end]` came from."""
        orig_start, orig_end = self.span_in_original(start, end)
        return self.original[orig_start:orig_end]

    def tokens(self) -> tuple[Token, ...]:
        """The words of `text` (letters, digits and inner apostrophes), in order."""
        return tuple(Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(self.text))


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

# Characters mapped to one canonical character before anything else.
_CHAR_MAP = {
    "\u2019": "'",  # right single quotation mark, the usual typographic apostrophe
    "\u2018": "'",
    "\u201b": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2032": "'",  # prime, sometimes produced by keyboards
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

# Unambiguous contractions that speech-style text writes without the apostrophe.
_CONTRACTED_FORMS = _wordset(
    """
    i'm i've i'd don't doesn't didn't won't can't couldn't wouldn't shouldn't mustn't needn't
    isn't aren't wasn't weren't haven't hasn't hadn't ain't you're you've you'll you'd they're
    they've they'll they'd we've he's she's that's there's what's who's where's here's how's
    it'll that'll would've could've should've might've must've
"""
)
# The bare word -> where its apostrophe goes: "dont" -> 3.
_CONTRACTIONS: dict[str, int] = {
    form.replace("'", ""): form.index("'") for form in _CONTRACTED_FORMS
}

# "its" is a contraction when what follows reads as a predicate or a clause ("its my fault",
# "its not ok", "its been hard"), and the possessive when a noun follows ("its own", "its
# place"). These followers are the common predicate starts; anything else stays possessive.
_ITS_IS_FOLLOWERS = frozenset(
    [
        "a",
        "all",
        "already",
        "alright",
        "always",
        "an",
        "any",
        "because",
        "been",
        "being",
        "better",
        "clear",
        "completely",
        "done",
        "easy",
        "entirely",
        "exactly",
        "fine",
        "going",
        "gonna",
        "got",
        "hard",
        "here",
        "how",
        "important",
        "in",
        "just",
        "killing",
        "late",
        "like",
        "mine",
        "my",
        "no",
        "not",
        "nothing",
        "now",
        "obvious",
        "ok",
        "okay",
        "on",
        "only",
        "our",
        "over",
        "partly",
        "possible",
        "really",
        "so",
        "still",
        "that",
        "the",
        "their",
        "there",
        "this",
        "time",
        "too",
        "totally",
        "true",
        "up",
        "very",
        "what",
        "when",
        "whatever",
        "who",
        "why",
        "wrong",
        "your",
        "yours",
    ]
)

# "ill" is the adjective after a copula or a feeling verb ("i feel ill", "was ill") ...
_ILL_ADJECTIVE_BEFORE = _wordset(
    """
    am are be been being is was were feel feeling feels felt fall fallen fell get gets
    getting got look looked looks seem seemed seems
    """
)
# ... and usually after an intensifier ("so ill", "very ill"), unless a verb follows, which
# only "i'll" allows ("so ill show you" is "so i'll show you").
_ILL_INTENSIFIERS = _wordset("so too very really quite seriously critically terminally mentally")
_VERBS_AFTER_ILL = _wordset(
    """
    always answer be call change come definitely do get give go keep leave let make never
    pay prove show start stay still stop take talk tell text try wait work
    """
)
_ILL_ADJECTIVE_AFTER = _wordset("effects effect health will intent intentions feeling")

# "lets" is the verb after a third-person subject ("she lets me"), else "let's".
_LETS_VERB_BEFORE = frozenset(
    [
        "he",
        "she",
        "it",
        "who",
        "that",
        "which",
        "this",
        "one",
        "nobody",
        "somebody",
        "someone",
        "everyone",
        "mom",
        "dad",
    ]
)


def _restore_ambiguous(word: str, before: str | None, after: str | None) -> int | None:
    """Where to insert an apostrophe in an ambiguous word, or None to leave it alone."""
    if word == "its":
        return 2 if after in _ITS_IS_FOLLOWERS else None
    if word == "ill":
        if after is None or before in _ILL_ADJECTIVE_BEFORE or after in _ILL_ADJECTIVE_AFTER:
            return None
        if before in _ILL_INTENSIFIERS and after not in _VERBS_AFTER_ILL:
            return None
        return 1
    if word == "lets":
        return None if before in _LETS_VERB_BEFORE else 3
    return None


def _fold(original: str) -> tuple[list[str], list[int], list[int]]:
    """Per-character folding: canonical characters, whitespace as ' ', with source spans."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(original):
        if char in _ZERO_WIDTH:
            continue
        if char in _CHAR_MAP:
            folded = _CHAR_MAP[char]
        elif char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            folded = " "
        elif char.isascii():
            folded = char.lower()
        else:
            folded = unicodedata.normalize("NFKC", char).lower()
            folded = "".join(_CHAR_MAP.get(c, c) for c in folded)
        for piece in folded:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return chars, starts, ends


def _collapse_whitespace(
    chars: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """One space per whitespace run, none at either end; a space spans its whole run."""
    out_chars: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    pending: tuple[int, int] | None = None
    for char, start, end in zip(chars, starts, ends, strict=True):
        if char.isspace():
            pending = (start, end) if pending is None else (pending[0], end)
            continue
        if pending is not None and out_chars:
            out_chars.append(" ")
            out_starts.append(pending[0])
            out_ends.append(pending[1])
        pending = None
        out_chars.append(char)
        out_starts.append(start)
        out_ends.append(end)
    return out_chars, out_starts, out_ends


def _restore_contractions(
    chars: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """Insert the apostrophe that speech-style text leaves out of contractions."""
    text = "".join(chars)
    words = list(_WORD.finditer(text))
    inserts: dict[int, None] = {}
    for position, match in enumerate(words):
        word = match.group()
        if word in _CONTRACTIONS:
            offset: int | None = _CONTRACTIONS[word]
        elif word in ("its", "ill", "lets"):
            # Only a neighbour in the same clause counts; "its. my" is not "it's my".
            before = words[position - 1] if position > 0 else None
            after = words[position + 1] if position + 1 < len(words) else None
            before_word = (
                before.group()
                if before and _same_clause(text, before.end(), match.start())
                else None
            )
            after_word = (
                after.group() if after and _same_clause(text, match.end(), after.start()) else None
            )
            offset = _restore_ambiguous(word, before_word, after_word)
        else:
            offset = None
        if offset is not None:
            inserts[match.start() + offset] = None
    if not inserts:
        return chars, starts, ends
    out_chars: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    for index, (char, start, end) in enumerate(zip(chars, starts, ends, strict=True)):
        if index in inserts:
            # The inserted apostrophe has no source: an empty span at the insertion point.
            out_chars.append("'")
            out_starts.append(start)
            out_ends.append(start)
        out_chars.append(char)
        out_starts.append(start)
        out_ends.append(end)
    return out_chars, out_starts, out_ends


def _same_clause(text: str, left: int, right: int) -> bool:
    """True when only spaces separate two words (no punctuation between them)."""
    return text[left:right].strip() == ""


def normalize(text: str) -> Normalized:
    """Return the canonical form of `text` with a map back to the original characters.

    >>> n = normalize("Im SO sorry,   I didnt  mean it")
    >>> n.text
    "i'm so sorry, i didn't mean it"
    >>> start = n.text.index("didn't")
    >>> n.original_phrase(start, start + len("didn't"))
    'didnt'
    """
    chars, starts, ends = _fold(text)
    chars, starts, ends = _collapse_whitespace(chars, starts, ends)
    chars, starts, ends = _restore_contractions(chars, starts, ends)
    return Normalized(
        original=text,
        text="".join(chars),
        origin_starts=tuple(starts),
        origin_ends=tuple(ends),
    )
