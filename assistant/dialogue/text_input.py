"""Clean raw user text before anything else sees it, and say what was wrong with it.

Pure functions, no I/O (the language detector reads its models from its own package, once).
The chat reader, the voice loop and the tests all go through here so
that junk bytes, control characters, emoji-only lines and pasted novels get the same calm
treatment everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from assistant.dialogue.language import other_language


class InputProblem(str, Enum):
    """Why a message cannot (or can only partly) go to the dialogue."""

    EMPTY = "empty"
    """Nothing but whitespace, control characters or symbols."""

    NOT_ENGLISH = "not_english"
    """Confidently another language (assistant.dialogue.language): the NLU only knows English."""

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


LANGUAGE_SAMPLE_CHARS = 1000
"""The language is judged on the start of a message: enough to tell, and a pasted novel
costs no more than a paragraph."""

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
    if other_language(text[:LANGUAGE_SAMPLE_CHARS]) is not None:
        return CleanInput(text=text[:max_chars], problem=InputProblem.NOT_ENGLISH)
    if len(text) > max_chars:
        # Cut at a word boundary so the analyzers never see half a word.
        cut = text.rfind(" ", 0, max_chars)
        return CleanInput(
            text=text[: cut if cut > 0 else max_chars], problem=InputProblem.TRUNCATED
        )
    return CleanInput(text=text)
