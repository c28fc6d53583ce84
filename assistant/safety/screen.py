"""The safety screen: finds talk of self-harm or abuse in one user turn.

Every turn, typed or recognised, passes through :func:`screen` before the dialogue sees it.
The screen is deliberately a set of hand-written patterns rather than a classifier: its
behaviour is visible, testable and the same on every device, and it favours catching a real
crisis over avoiding a false alarm.

How it works:

1. The turn is normalised into lowercase words separated by single spaces, with apostrophes
   dropped and other punctuation turned into spaces, so typed text ("I'm", "don't") and
   recognised speech ("im", "dont") look the same. A map from each normalised character
   back to its position in the original lets a finding quote the user's exact words.
2. Each pattern is a regular expression over the normalised words; the patterns are data,
   in `assistant/safety/patterns/`, and this module only builds and runs them. Patterns are
   built from fixed word lists with bounded repetition only, so matching stays linear in the
   input length (no nested unbounded quantifiers, no backreferences).
3. Negations that undo a phrase ("I'm not suicidal", "I would never hit her") and idioms
   that only look violent ("she kicked me out", "it hit me", "killing myself trying") are
   excluded inside the patterns themselves, next to the phrase they qualify.

Pure Python, no I/O, no state: safe to call from any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from actions.coaching.safety.kinds import AbuseRole, SafetyKind
from assistant.safety.patterns import BLOCKS, PATTERN_GROUPS

__all__ = ["AbuseRole", "SafetyFinding", "SafetyKind", "screen", "screen_all"]


@dataclass(frozen=True)
class SafetyFinding:
    """One phrase in a user turn that means coaching must stop."""

    kind: SafetyKind
    """``self_harm`` (suicidal thoughts, self-injury, hopelessness about living) or
    ``abuse`` (violence, threats, fear of a partner, coercive control)."""

    phrase: str
    """The user's own words that triggered the finding: exactly ``text[start:end]``."""

    start: int
    """Index of the first character of :attr:`phrase` in the screened text."""

    end: int
    """Index one past the last character of :attr:`phrase` in the screened text."""

    role: AbuseRole | None = None
    """For ``abuse``: ``harmed`` when the user is the one being hurt or controlled,
    ``harming`` when the user says they did it, ``unclear`` otherwise. ``None`` for
    ``self_harm``."""

    certain: bool = True
    """True for a clear crisis (coaching stops); False when the screen is unsure and the
    assistant should ask before deciding (see assistant/safety/guard.py)."""

    score: float | None = None
    """The learned classifier's probability for this finding; ``None`` for a pattern."""


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------

# Apostrophes are dropped rather than turned into spaces, so "don't" becomes "dont",
# which is also what speech recognisers and quick typists produce.
_APOSTROPHES = frozenset("'’‘ʼ`´")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lowercase words joined by single spaces, and each character's index in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    separator = -1  # index of the first separator since the last word, or -1
    for index, char in enumerate(text):
        if char in _APOSTROPHES:
            continue
        for low in char.lower():
            if low.isalnum():
                if separator >= 0 and chars:
                    chars.append(" ")
                    origin.append(separator)
                separator = -1
                chars.append(low)
                origin.append(index)
            elif separator < 0:
                separator = index
    return "".join(chars), origin


# --------------------------------------------------------------------------------------
# Building the patterns (the patterns themselves are data, in assistant/safety/patterns/)
# --------------------------------------------------------------------------------------


def _expand(template: str) -> str:
    """Replace ``<NAME>`` blocks until none are left (blocks may use other blocks)."""
    previous = None
    while previous != template:
        previous = template
        template = re.sub(r"<([A-Z_]+)>", lambda m: BLOCKS[m.group(1)], template)
    return template


# --------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------

_I_FORMS = frozenset({"i", "ive", "im", "id", "ill"})
_PARTNER_PRONOUNS = frozenset(
    {"he", "hes", "hed", "hell", "she", "shes", "shed", "shell", "they", "theyve"}
    | {"theyre", "theyd", "theyll"}
)
_PARTNER_NOUNS = frozenset(
    {"husband", "wife", "partner", "boyfriend", "girlfriend", "bf", "gf", "fiance"}
    | {"fiancee", "spouse", "ex"}
)


@dataclass(frozen=True)
class _Pattern:
    kind: SafetyKind
    regex: re.Pattern[str]
    role: AbuseRole | Literal["auto"] | None


def _preceding_subject(normalised: str, start: int) -> str | None:
    """The nearest subject-like pronoun in the few words before ``start``."""
    words = normalised[:start].split()[-6:]
    for position in range(len(words) - 1, -1, -1):
        word = words[position]
        if word in _I_FORMS:
            return "i"
        if word in _PARTNER_PRONOUNS:
            return "partner"
        if word in _PARTNER_NOUNS and position > 0 and words[position - 1] == "my":
            return "partner"
    return None


def _auto_role(match: re.Match[str], normalised: str) -> AbuseRole:
    groups = match.groupdict()
    obj = (groups.get("obj") or "").strip()
    raw_subj = (groups.get("subj") or "").strip()
    if raw_subj:
        subj: str | None = "i" if raw_subj in _I_FORMS else "partner"
    else:
        subj = _preceding_subject(normalised, match.start())
    if obj in {"me", "us"}:
        return "harmed"
    if subj == "i":
        return "harming"
    if obj == "my" or obj.startswith("my "):
        return "harmed"
    if subj == "partner" and obj not in {"her", "him", "them"}:
        return "harmed"
    return "unclear"


_PATTERNS: tuple[_Pattern, ...] = tuple(
    _Pattern(group.kind, re.compile(r"\b" + _expand(template)), group.role)
    for group in PATTERN_GROUPS
    for template in group.templates
)


# --------------------------------------------------------------------------------------
# Screening
# --------------------------------------------------------------------------------------


def _findings(text: str) -> Iterable[SafetyFinding]:
    normalised, origin = _normalise(text)
    if not normalised:
        return
    for pattern in _PATTERNS:
        match = pattern.regex.search(normalised)
        if match is None:
            continue
        first, last = match.start(), match.end()
        while first < last and normalised[first] == " ":
            first += 1
        while last > first and normalised[last - 1] == " ":
            last -= 1
        if first == last:
            continue
        start = origin[first]
        end = origin[last - 1] + 1
        role: AbuseRole | None
        if pattern.kind == "self_harm":
            role = None
        elif pattern.role == "auto":
            role = _auto_role(match, normalised)
        else:
            role = pattern.role
        yield SafetyFinding(pattern.kind, text[start:end], start, end, role)


def screen_all(text: str) -> tuple[SafetyFinding, ...]:
    """At most one finding per kind, the earliest in the text; ``self_harm`` first.

    Use this when a turn may disclose both (the runtime needs to remember an abuse
    disclosure for the rest of the session even when it answers the self-harm first).
    """
    best: dict[SafetyKind, SafetyFinding] = {}
    for finding in _findings(text):
        current = best.get(finding.kind)
        if current is None or _earlier(finding, current):
            best[finding.kind] = finding
    return tuple(best[kind] for kind in ("self_harm", "abuse") if kind in best)


def screen(text: str) -> SafetyFinding | None:
    """The most urgent safety finding in one user turn, or ``None`` if there is none.

    Self-harm is reported before abuse when a turn contains both, because it is the
    user's own life at stake; :func:`screen_all` returns both.
    """
    found = screen_all(text)
    return found[0] if found else None


def _earlier(candidate: SafetyFinding, current: SafetyFinding) -> bool:
    """Earlier start wins; at the same start the longer phrase and a clear role win."""
    if candidate.start != current.start:
        return candidate.start < current.start
    if candidate.end != current.end:
        return candidate.end > current.end
    return current.role == "unclear" and candidate.role != "unclear"
