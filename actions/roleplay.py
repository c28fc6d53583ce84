"""Pure helpers for the two role-plays (listening, repeated questions): which scenario to run,
whether a message typed during a monologue is a backchannel, and when an interruption
happened. No Rasa here, so the rules can be tested on their own."""

from __future__ import annotations

import re
from collections.abc import Sequence

from actions.coaching.scenarios import ListeningScenario

__all__ = [
    "SCENARIO_KEYWORDS",
    "choose_scenario",
    "is_backchannel",
    "named_scenario",
    "next_scenario",
    "scene_line",
    "segment_at",
    "text_interruption_time",
]

SCENARIO_KEYWORDS: dict[str, tuple[str, ...]] = {
    # Listening
    "lost-job-lie": ("job", "laid off", "layoff", "fired", "priya", "unemployed"),
    "told-your-brother": ("brother", "confidence", "medication", "depression", "pills"),
    "missed-appointment": ("appointment", "promise", "promised", "test results", "mother"),
    "the-messages": ("messages", "affair", "phone", "alex"),
    "the-credit-card": ("credit card", "card", "money", "debt", "bank", "spending"),
    "the-party": ("party", "joke", "birthday", "mocked", "glass", "harsh word"),
    "the-journal": ("journal", "diary"),
    "the-bottles": ("bottles", "drinking", "garage", "sober", "alcohol", "relapse"),
    # Repeated questions
    "after-the-affair": ("affair", "alex", "cheated", "cheating"),
    "where-were-you": ("friday", "bar", "jess", "working late"),
    "the-debt": ("debt", "money", "credit card", "card", "bank"),
    "who-else-knows": ("brother", "medication", "depression", "who else", "confidence"),
    "the-journal-questions": ("journal", "diary"),
    "the-relapse": ("drinking", "relapse", "sober", "bottles", "alcohol"),
    "late-night-texts": ("texts", "texting", "messages", "chris", "deleted"),
}
"""Words a user might name a scenario by ("the one about money"). Specific nouns only: a
word like "partner" or "listen" would pick a scenario from a plain request to start."""


def _plain(text: str) -> str:
    """Lowercase letters, digits and single spaces; apostrophes dropped ("i'm" -> "im")."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def named_scenario(ids: Sequence[str], text: str) -> str | None:
    """The scenario among `ids` the text names by keyword (most keywords wins, then the
    earlier scenario), or None."""
    plain = f" {_plain(text)} "
    best: tuple[int, str] | None = None
    for scenario_id in ids:
        hits = sum(f" {keyword} " in plain for keyword in SCENARIO_KEYWORDS.get(scenario_id, ()))
        if hits and (best is None or hits > best[0]):
            best = (hits, scenario_id)
    return best[1] if best else None


def next_scenario(ids: Sequence[str], done: Sequence[str], current: str | None) -> str:
    """The first scenario after `current` (in offering order, wrapping round) not yet done;
    when every one is done, simply the one after `current`."""
    if not ids:
        raise ValueError("no scenarios to choose from")
    start = ids.index(current) + 1 if current in ids else 0
    rotated = [*ids[start:], *ids[:start]]
    for scenario_id in rotated:
        if scenario_id not in done:
            return scenario_id
    return rotated[0]


def choose_scenario(
    ids: Sequence[str], text: str, done: Sequence[str], current: str | None
) -> tuple[str, list[str]]:
    """The scenario to run and the updated list of those done in this conversation.

    A scenario named in the text wins; otherwise the next one not yet done. Once all have
    been done, the list starts again."""
    chosen = named_scenario(ids, text) or next_scenario(ids, done, current)
    remaining = [scenario_id for scenario_id in ids if scenario_id not in done]
    seen = list(done) if remaining else []
    if chosen not in seen:
        seen.append(chosen)
    return chosen, seen


def scene_line(lead: str, title: str, premise: str) -> str:
    """ "Here's the scenario: The debt. You hid ..." (a title ending in "?" keeps it)."""
    title = title if title.endswith(("?", "!", ".")) else f"{title}."
    return f"{lead} {title} {premise}"


# -- backchannels ---------------------------------------------------------------------------

_BACKCHANNEL_PHRASES = frozenset(
    _plain(phrase)
    for phrase in (
        "ok", "okay", "k", "right", "alright", "all right", "sure", "yes", "yeah", "yep",
        "yup", "ya", "uh huh", "i see", "got it", "understood", "go on", "go ahead", "keep going",
        "carry on", "continue", "next", "more", "and", "and then", "then what", "please",
        "listening", "i'm listening", "i am listening", "still listening", "i'm here",
        "i am here", "still here", "i'm still here", "i hear you", "i'm with you",
        "take your time", "of course", "go on please", "please go on", "please continue",
    )
)  # fmt: skip
_HUM = re.compile(r"(?:m+|m+h+m+|h+m+|mm+h+m+|u+h+h*u+h+|uh+huh+|a+h+|o+h+|o+k+a*y*)")
_MAX_BACKCHANNEL_WORDS = 6
_LONGEST_PHRASE = max(len(phrase.split()) for phrase in _BACKCHANNEL_PHRASES)


def is_backchannel(text: str) -> bool:
    """True for a minimal encourager: "mm", "go on", "ok, I'm listening", "next", or a
    message with no words at all. These keep a monologue going and are good listening;
    anything else said before the partner has finished is an interruption.

    The message must be made only of such phrases (at most a few words), so "ok but that's
    not true" and "I'm sorry" are interruptions."""
    words = _plain(text).split()
    if len(words) > _MAX_BACKCHANNEL_WORDS:
        return False
    index = 0
    while index < len(words):
        for size in range(min(_LONGEST_PHRASE, len(words) - index), 0, -1):
            if " ".join(words[index : index + size]) in _BACKCHANNEL_PHRASES:
                index += size
                break
        else:
            if not _HUM.fullmatch(words[index]):
                return False
            index += 1
    return True


# -- interruption times ---------------------------------------------------------------------


def text_interruption_time(scenario: ListeningScenario, spoken: int) -> float:
    """Seconds into the monologue of a message typed after `spoken` segments had arrived.

    In text mode the message came after those words and before the next ones, so it falls in
    the designed pause after segment `spoken`; its middle is the estimate (words at the
    scenario's speaking rate, plus the pauses before it)."""
    timeline = scenario.timeline()
    if spoken <= 0:
        return 0.0
    timing = timeline[min(spoken, len(timeline)) - 1]
    return timing.speech_end_s + (timing.end_s - timing.speech_end_s) / 2


def segment_at(scenario: ListeningScenario, at_s: float) -> int:
    """The segment (1-based) being spoken, or paused after, at `at_s` seconds."""
    timeline = scenario.timeline()
    for timing in timeline:
        if at_s < timing.end_s:
            return timing.index + 1
    return len(timeline)
