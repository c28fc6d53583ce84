"""Spoken feedback on an apology attempt, and a stronger version built from the user's words.

Everything here is read aloud by text-to-speech, so it is plain sentences: no markdown, no
bullets, no parentheses. The tone is the coach's: warm, brief, specific, never preachy.
Priorities follow the research in CONTENT.md: ownership and repair first, the request for
forgiveness last and never pushed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest

from actions.coaching.apology import (
    ANTI_PATTERN_PENALTIES,
    ANTI_PATTERNS,
    COMPONENT_WEIGHTS,
    ApologyAnalysis,
)
from actions.coaching.apology_example import stronger_example
from actions.coaching.spoken import capitalise, count_word, join_words, ordinal, quote

__all__ = [
    "MAX_SPOKEN_WORDS",
    "TRY_AGAIN",
    "SpokenFeedback",
    "anti_pattern_note",
    "compose_feedback",
    "offer_the_rest",
    "previous_try_name",
    "spoken_words",
    "stronger_example",
]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read than a list)."""
    return frozenset(words.split())


TRY_AGAIN = "Would you like to try it again?"
"""The closing yes/no offer; always the last line of the feedback."""

# Which missing part comes first among parts of equal weight (the weights themselves, from
# Lewicki et al., rank responsibility, then repair, highest). Forgiveness is never suggested
# (Lerner: don't ask the hurt person to do anything).
_CHANGE_PRIORITY = (
    "responsibility",
    "repair_offer",
    "harm_acknowledged",
    "specific_act",
    "repentance",
    "regret",
)
_WORKED_PRIORITY = (*_CHANGE_PRIORITY, "forgiveness_request")

_WORKED = {
    "responsibility": "You owned it clearly when you said {quote}.",
    "repair_offer": "Offering {quote} gives them something real.",
    "harm_acknowledged": "Saying {quote} shows you see how it landed for them.",
    "specific_act": "You named exactly what you did: {quote}. That takes courage.",
    "repentance": "{quote} is a concrete change they can watch for.",
    "regret": "Your {quote} came through plainly.",
    "forgiveness_request": "You left room for them to decide when you said {quote}.",
}
_NOTHING_YET_WORKED = "Thank you for saying it out loud; that's the hardest part."

_SUGGEST = {
    "responsibility": "Try owning it plainly: it was my choice, and it's on me.",
    "repair_offer": "Offer something to put it right, like answering every question they have.",
    "harm_acknowledged": "Name how it affected them; you could say, I know I hurt you.",
    "specific_act": "Say exactly what you did, in plain words.",
    "repentance": "Add one change you'll make from now on, one you can keep.",
    "regret": "Say plainly that you're sorry, and let it stand.",
}

# One sentence each, led by the user's own words, short enough that two fit in a breath.
_ANTI_PATTERN_LINES = {
    "but_undoing": "Saying {quote} takes the sorry back; stop before the but.",
    "conditional": "Saying {quote} sounds as if maybe nothing happened; name what you did.",
    "feelings_deflection": "Saying {quote} is sorry for their feelings, not for what you did.",
    "passive_voice": "Saying {quote} leaves you out of it; say, I did this.",
    "excuse": "Saying {quote} can sound like an excuse; keep the reasons for if they ask.",
    "justification": "Saying {quote} defends the choice, as if you'd do it again.",
    "blame_shift": "Saying {quote} puts some of it on someone else; keep to your part.",
    "minimizing": "Saying {quote} makes it sound smaller than it felt to them.",
    "invalidating": "Saying {quote} tells them how to feel; let their feelings stand.",
    "counter_attack": "Saying {quote} turns it back on them; their side can wait.",
    "absolute_promise": "Saying {quote} promises more than anyone can keep; promise one real "
    "change.",
    "pressure_to_forgive": "Saying {quote} asks them to hurry; let them take their time.",
    "self_focus": "Saying {quote} turns the spotlight to your guilt; keep it on their hurt.",
}

# Plain names for comparing two attempts out loud.
_COMPONENT_NAMES = {
    "regret": "a clear sorry",
    "responsibility": "owning it",
    "specific_act": "exactly what you did",
    "harm_acknowledged": "how it affected them",
    "repair_offer": "an offer to make it right",
    "repentance": "a concrete change",
    "forgiveness_request": "a hope for forgiveness",
}
_ANTI_PATTERN_NAMES = {
    "but_undoing": "the but",
    "conditional": "the if",
    "feelings_deflection": "the sorry for their feelings",
    "passive_voice": "the wording that left you out",
    "excuse": "the excuse",
    "justification": "the justification",
    "blame_shift": "the blame",
    "minimizing": "the minimising",
    "invalidating": "telling them how to feel",
    "counter_attack": "the counter-attack",
    "absolute_promise": "the promise nobody could keep",
    "pressure_to_forgive": "the pressure to move on",
    "self_focus": "the focus on your own guilt",
}

MAX_SPOKEN_WORDS = 45
"""Words said at once, for the first part and for the rest: about 20 seconds aloud, as much
as a listener holds after hearing it once."""
MAX_CHANGES_AT_ONCE = 2
_QUOTE_WORDS = 6
"""A quote inside feedback is cut to this many words (the listener needs only to recognise it)."""
_MAX_IMPROVEMENTS_NAMED = 2
_UNSPEAKABLE = re.compile(r"[\x00-\x1f\x7f\"“”*_#`<>\[\]{}()|\\]+")


@dataclass(frozen=True)
class SpokenFeedback:
    """Feedback on one attempt, split for the ear: a short part now, the rest on request."""

    now: tuple[str, ...]
    """Said at once: what worked (or improved), the changes that matter most (two at most),
    then the closing question: an offer of the rest, or of another go."""

    later: tuple[str, ...]
    """Said if they say yes to the rest: the remaining changes, then the offer of another go.
    Empty when nothing was held back."""

    @property
    def held_back(self) -> int:
        """How many changes `later` says (the number the offer names)."""
        return max(0, len(self.later) - 1)


def spoken_words(lines: Sequence[str]) -> int:
    """Words as they will be said: every line, split on whitespace."""
    return sum(len(line.split()) for line in lines)


def offer_the_rest(count: int) -> str:
    """The closing question when `count` changes are held back."""
    return f"Want to hear the other {count_word(count)}?"


def previous_try_name(previous_attempt: int | None) -> str:
    """How to name the attempt before this one: "your second try", or "your last try" when
    the number is unknown or too high to say naturally."""
    if previous_attempt is not None and 1 <= previous_attempt <= _MAX_ORDINAL_TRY:
        return f"your {ordinal(previous_attempt)} try"
    return "your last try"


_MAX_ORDINAL_TRY = 8


def _speakable(phrase: str) -> str:
    """A phrase fit to be read aloud inside quotes: one line, no markup or quote marks."""
    cleaned = _UNSPEAKABLE.sub(" ", phrase)
    return " ".join(cleaned.split())


def _said(phrase: str) -> str:
    """The user's phrase, quoted short for the ear ("" when nothing speakable is left)."""
    spoken = _speakable(phrase)
    return quote(spoken, _QUOTE_WORDS) if spoken.strip(",.;:!? ") else ""


def _what_worked(analysis: ApologyAnalysis) -> str:
    for label in _WORKED_PRIORITY:
        findings = analysis.findings_for(label)
        if findings:
            said = _said(findings[0].phrase)
            if said:
                return capitalise(_WORKED[label].format(quote=said))
    return _NOTHING_YET_WORKED


@dataclass(frozen=True)
class _Change:
    """One thing to change, ranked by how much it matters (the analyzer's score weights)."""

    weight: int
    order: int
    line: str


def _anti_pattern_changes(analysis: ApologyAnalysis) -> list[_Change]:
    changes = []
    for label in analysis.anti_patterns:
        for finding in analysis.findings_for(label):
            said = _said(finding.phrase)
            if said:
                line = _ANTI_PATTERN_LINES[label].format(quote=said)
                changes.append(_Change(ANTI_PATTERN_PENALTIES[label], 0, line))
                break
    return changes


def anti_pattern_note(analysis: ApologyAnalysis) -> str | None:
    """One sentence on the heaviest anti-pattern in `analysis`, quoting the user's words
    ('Saying "but I had to" takes the sorry back; ...'), or None when there is none."""
    changes = sorted(_anti_pattern_changes(analysis), key=lambda change: -change.weight)
    return changes[0].line if changes else None


def _missing_changes(
    current: ApologyAnalysis, previous: ApologyAnalysis | None, previous_name: str
) -> list[_Change]:
    changes = []
    for order, label in enumerate(_CHANGE_PRIORITY):
        if label in current.components:
            continue
        if previous is not None and label in previous.components:
            line = f"{capitalise(previous_name)} had {_COMPONENT_NAMES[label]}; bring that back."
        else:
            line = _SUGGEST[label]
        # A missing part that weighs the same as an anti-pattern comes after it: the
        # anti-pattern undoes what was said, the missing part only leaves a gap.
        changes.append(_Change(COMPONENT_WEIGHTS[label], 1 + order, line))
    return changes


def _delivery_changes(analysis: ApologyAnalysis) -> list[_Change]:
    notes = analysis.delivery
    lines = []
    if notes.hedges:
        hedges = [said for said in (_said(h.phrase) for h in notes.hedges[:2]) if said]
        lines.append(f"Words like {join_words(hedges)} soften it; said plainly, it sounds surer.")
    if notes.is_fast:
        lines.append("It came out quickly; slowing down gives each sentence time to land.")
    if notes.is_long:
        lines.append("It ran a little long; a shorter apology keeps the focus on them.")
    if notes.has_many_fillers:
        lines.append("A few fillers crept in; a quiet pause works just as well.")
    if notes.long_pauses and not lines:
        lines.append("You took a moment to think partway through, and that's fine.")
    return [_Change(0, 100 + index, line) for index, line in enumerate(lines)]


def _ranked(undoing: list[_Change], missing: list[_Change], delivery: list[_Change]) -> list[str]:
    """The changes in the order they are said: the heaviest thing said that undoes the
    apology, then the heaviest part left out, and so on by turns (with both, the first two
    are one of each: what to drop and what to add); delivery notes last."""

    def by_weight(changes: list[_Change]) -> list[_Change]:
        return sorted(changes, key=lambda change: (-change.weight, change.order))

    pairs = zip_longest(by_weight(undoing), by_weight(missing))
    turns = [change for pair in pairs for change in pair if change is not None]
    return [change.line for change in [*turns, *delivery]]


def _improvement(current: ApologyAnalysis, previous: ApologyAnalysis, previous_name: str) -> str:
    """What got better since the last try, naming the biggest gains; "" when nothing did."""
    gained = [
        (COMPONENT_WEIGHTS[c], 1, _COMPONENT_NAMES[c])
        for c in _WORKED_PRIORITY
        if c in current.components and c not in previous.components
    ]
    dropped = [
        (ANTI_PATTERN_PENALTIES[a], 0, _ANTI_PATTERN_NAMES[a])
        for a in ANTI_PATTERNS
        if a in previous.anti_patterns and a not in current.anti_patterns
    ]
    biggest = sorted([*gained, *dropped], key=lambda item: (-item[0], item[1]))
    named = biggest[:_MAX_IMPROVEMENTS_NAMED]
    added = [name for _, kind, name in named if kind == 1]
    left_out = [name for _, kind, name in named if kind == 0]
    pieces = []
    if added:
        pieces.append("you added " + join_words(added))
    if left_out:
        pieces.append("left out " + join_words(left_out))
    if not pieces:
        return ""
    return f"That was stronger than {previous_name}: " + " and ".join(pieces) + "."


def compose_feedback(
    current: ApologyAnalysis,
    previous: ApologyAnalysis | None = None,
    *,
    previous_attempt: int | None = None,
) -> SpokenFeedback:
    """Spoken feedback, short enough to take in by ear.

    Now: what worked (or, with a previous attempt, what improved on it), then at most two
    changes, the ones that matter most (see `_ranked`; weights are the analyzer's score
    weights), each anti-pattern quoting the words that triggered it, within
    `MAX_SPOKEN_WORDS`; then "want to hear the other two?" when more is held back, or the
    offer of another go. Later: the held-back changes, as brief, then the offer of another
    go. `previous_attempt` is the number of the try `previous` was (1 for the first).
    """
    previous_name = previous_try_name(previous_attempt)
    opening = _improvement(current, previous, previous_name) if previous is not None else ""
    opening = opening or _what_worked(current)

    lines = _ranked(
        _anti_pattern_changes(current),
        _missing_changes(current, previous, previous_name),
        _delivery_changes(current),
    )
    if not lines:
        closing = "That covers what matters; the rest is saying it to them and meaning it."
        return SpokenFeedback(now=(opening, closing, TRY_AGAIN), later=())

    now = lines[:MAX_CHANGES_AT_ONCE]
    rest = lines[len(now) :]
    while len(now) > 1 and spoken_words([opening, *now, offer_the_rest(len(rest) + 1)]) > (
        MAX_SPOKEN_WORDS
    ):
        rest.insert(0, now.pop())
    # The rest is as brief: what does not fit is left for the next try, when the changes
    # that mattered more have been made.
    later: list[str] = []
    for line in rest:
        if spoken_words([*later, line, TRY_AGAIN]) > MAX_SPOKEN_WORDS and later:
            break
        later.append(line)
    if not later:
        return SpokenFeedback(now=(opening, *now, TRY_AGAIN), later=())
    return SpokenFeedback(
        now=(opening, *now, offer_the_rest(len(later))), later=(*later, TRY_AGAIN)
    )
