"""Check-ins on a kept commitment: asking how it went, reading the answer (kept, partly or
missed), and what to say back — without blame; a missed one is made smaller, not lectured.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from datetime import datetime

from actions.coaching.commitments.promise import plain

RESULTS = ("kept", "partly", "missed")

_PARTLY = re.compile(
    r"\b(partly|partially|part of|some days|some of|most days|mostly|sort of|kind of|half|"
    r"not every|not always|on and off|mixed|so-so|so so|a few times|sometimes|almost|"
    r"nearly|not all|apart from|except|okay-ish|ok-ish)\b"
)
_MISSED = re.compile(
    r"\b(missed|miss|didn't|did not|didnt|forgot|forget|failed|couldn't|could not|broke|"
    r"slipped|not really|not at all|no|nope|badly|not well|not great|haven't|have not|"
    r"wasn't able)\b"
)
_KEPT = re.compile(
    r"\b(kept|keep|yes|yeah|yep|did it|done|every day|every time|each day|all of it|managed|"
    r"well|good|great|fine|stuck to it|i did|went ok|went okay)\b"
)


def read_checkin(text: str) -> str | None:
    """ "kept", "partly", "missed", or None for an answer that says none of them."""
    said = plain(text)
    if _PARTLY.search(said):
        return "partly"
    if _MISSED.search(said):
        return "missed"
    if _KEPT.search(said):
        return "kept"
    return None


_PERSON = {
    "her": {"you": "her", "your": "her", "yours": "hers", "yourself": "herself"},
    "him": {"you": "him", "your": "his", "yours": "his", "yourself": "himself"},
    "them": {"you": "them", "your": "their", "yours": "theirs", "yourself": "themselves"},
}
_SUBJECT = {"her": "she", "him": "he", "them": "they"}
_MINE = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "am": "are",
}
_OPENING = re.compile(r"^(?:i'll|i will|i'm going to|im going to|i am going to|i promise to)\s+")
_AFTER_SUBJECT = ("when", "if", "before", "after", "and", "because", "so", "that", "whenever")


def said_back(promise: str, partner: str = "them") -> str:
    """The promise in the coach's words: "I'll text you when I leave work" → "you'd text her
    when you leave work". A promise that does not start with "I'll" is quoted as it is."""
    said = plain(promise).rstrip(".!")
    opening = _OPENING.match(said)
    if opening is None:
        return f"you'd keep this promise: “{promise.strip()}”"
    words = said[opening.end() :].split()
    person = _PERSON.get(partner, _PERSON["them"])
    out: list[str] = []
    for raw in words:
        word, tail = raw.rstrip(",;:"), raw[len(raw.rstrip(",;:")) :]
        before = out[-1] if out else ""
        if word == "you" and before in _AFTER_SUBJECT:
            new = _SUBJECT.get(partner, "they")
        elif word in person:
            new = person[word]
        elif word in _MINE:
            new = _MINE[word]
        else:
            new = word
        out.append(new + tail)
    return "you'd " + " ".join(out)


def when_made(made: datetime, now: datetime) -> str:
    """ "Yesterday", "On Monday", "Last week", "A few weeks ago"."""
    days = (now.date() - made.astimezone(now.tzinfo).date()).days
    if days <= 1:
        return "Yesterday"
    if days < 7:
        return f"On {made.strftime('%A')}"
    if days < 14:
        return "Last week"
    return "A few weeks ago"


def checkin_question(promise: str, partner: str, made: datetime, now: datetime) -> str:
    """The question that opens a later session."""
    return (
        f"{when_made(made, now)} you said {said_back(promise, partner)}. How did it go: "
        "kept, partly, or missed?"
    )


def checkin_reply(result: str, partner: str = "them") -> list[str]:
    """What to say to a check-in answer, without blame."""
    obj = {"her": "her", "him": "him"}.get(partner, "them")
    if result == "kept":
        return [
            "You kept it. That's how trust comes back: one kept promise at a time, "
            f"and {obj} can count on this one.",
            "I'll ask again next time. Say make a promise if you'd like to add another.",
        ]
    if result == "partly":
        return [
            "Partly still counts, and saying so honestly matters.",
            "If it was too much on some days, we can make it smaller, something you can keep "
            "even on a hard day. Would you like to?",
        ]
    return [
        "Thank you for saying so straight. A missed promise usually means it was too big "
        "for right now, not that you don't care.",
        "Let's make it smaller, something you can keep even on a hard day. Would you like to?",
    ]
