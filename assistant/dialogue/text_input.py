"""Clean raw user text before anything else sees it, and say what was wrong with it.

Pure functions, no I/O. The chat reader, the voice loop and the tests all go through here so
that junk bytes, control characters, emoji-only lines and pasted novels get the same calm
treatment everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum


class InputProblem(str, Enum):
    """Why a message cannot (or can only partly) go to the dialogue."""

    EMPTY = "empty"
    """Nothing but whitespace, control characters or symbols."""

    NOT_ENGLISH = "not_english"
    """Mostly letters from a non-Latin script: the NLU only knows English."""

    TRUNCATED = "truncated"
    """Longer than the limit; only the first part was used."""


@dataclass(frozen=True)
class CleanInput:
    """The cleaned text and what, if anything, was done to it."""

    text: str
    """Printable text with whitespace collapsed; what the dialogue sees."""

    problem: InputProblem | None = None
    """Set when the message needs a special reply (or a note) instead of, or beside, coaching."""

    @property
    def usable(self) -> bool:
        """True when the text can go to the dialogue."""
        return self.problem in (None, InputProblem.TRUNCATED)


# Unicode categories we drop: controls, format characters, unassigned/private use,
# surrogates, and symbols such as emoji (So) that carry no words for the NLU.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cn", "Co", "Cs", "So", "Sk"}


# Terminal escape sequences (colours, cursor moves) pasted or piped in with the text.
_ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


def clean_text(raw: str, max_chars: int = 5000) -> CleanInput:
    """Return printable, whitespace-normalised text and the problem found, if any."""
    kept: list[str] = []
    for char in _ANSI_ESCAPE.sub(" ", raw):
        if (
            char in "\t\n\r"
            or char == "\ufffd"
            or unicodedata.category(char) in _DROPPED_CATEGORIES
        ):
            kept.append(" ")
        else:
            kept.append(char)
    text = " ".join("".join(kept).split())

    letters = [c for c in text if c.isalpha()]
    if not letters:
        return CleanInput(text="", problem=InputProblem.EMPTY)
    latin = sum(1 for c in letters if _is_latin(c))
    if latin / len(letters) < 0.5:
        return CleanInput(text=text[:max_chars], problem=InputProblem.NOT_ENGLISH)
    if len(text) > max_chars:
        # Cut at a word boundary so the analyzers never see half a word.
        cut = text.rfind(" ", 0, max_chars)
        return CleanInput(
            text=text[: cut if cut > 0 else max_chars], problem=InputProblem.TRUNCATED
        )
    return CleanInput(text=text)


def _is_latin(char: str) -> bool:
    try:
        return "LATIN" in unicodedata.name(char)
    except ValueError:
        return False
