"""What the time-apart exercise understands besides the time (who the partner is, the
exceptions to no contact, a yes or a no) and the lines it says while an agreement runs and
when it has ended (step 9 of the advice: answer honestly, don't dwell, don't tell them how
to feel)."""

from __future__ import annotations

import re
from datetime import datetime

from actions.coaching.apart.dates import describe_time, time_left
from actions.coaching.apart.payload import ApartPayload

EXCEPTIONS = ("children", "emergencies")
"""The agreed exceptions to no contact that the set-up understands, as identifiers."""

_EXCEPTION_WORDS = {
    "children": re.compile(
        r"\b(child|children|kids?|son|daughter|baby|school|pick ?ups?|drop ?offs?|custody|"
        r"childcare|the boys|the girls)\b"
    ),
    "emergencies": re.compile(
        r"\b(emergenc(y|ies)|urgent|hospital|accident|if something happens|someone'?s ill|"
        r"someone is sick|really important)\b"
    ),
}
_SHE = re.compile(r"\b(she|her|hers|herself|wife|girlfriend|fiancee|mum|mom)\b")
_HE = re.compile(r"\b(he|him|his|himself|husband|boyfriend|fiance)\b")
_YES = re.compile(
    r"^(yes|yeah|yep|yup|right|correct|exactly|sure|ok|okay|please|that's right|that is right|"
    r"it is|i do|i'd like that|go ahead|keep it|do)\b"
)
_NO = re.compile(r"^(no|nope|nah|not|wrong|don't|do not|actually|that's not|that is not)\b")
_NONE = re.compile(r"\b(nothing|none|no exceptions|no contact at all|not at all|no)\b")

PRONOUNS = {
    "her": {"subject": "she", "object": "her", "possessive": "her"},
    "him": {"subject": "he", "object": "him", "possessive": "his"},
    "them": {"subject": "they", "object": "them", "possessive": "their"},
}


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def partner_in(text: str) -> str:
    """How to speak of the partner, from the first word that says: "her", "him" or "them"."""
    said = _plain(text)
    she, he = _SHE.search(said), _HE.search(said)
    if she and (not he or she.start() < he.start()):
        return "her"
    if he:
        return "him"
    return "them"


def exceptions_in(text: str) -> list[str] | None:
    """The agreed exceptions named in `text` (identifiers, in EXCEPTIONS order); [] for
    "none"; None when the answer names neither."""
    said = _plain(text)
    found = [name for name in EXCEPTIONS if _EXCEPTION_WORDS[name].search(said)]
    if found:
        return found
    return [] if _NONE.search(said) else None


def read_yes_no(text: str) -> str | None:
    """ "yes", "no", or None for an answer that is neither."""
    said = re.sub(r"[^\w' ]", " ", _plain(text)).strip()
    if _NO.search(said):
        return "no"
    if _YES.search(said):
        return "yes"
    return None


def describe_exceptions(exceptions: list[str]) -> str:
    """ "about the children and emergencies", or "" when there are none."""
    named = {"children": "the children", "emergencies": "emergencies"}
    words = [named[name] for name in exceptions if name in named]
    if not words:
        return ""
    return "about " + " and ".join(words)


def no_contact_line(partner: str, exceptions: list[str]) -> str:
    """What no contact means, with its agreed exceptions."""
    pronoun = PRONOUNS.get(partner, PRONOUNS["them"])["object"]
    line = f"No calls, texts or messages to {pronoun}, and nothing passed on through friends"
    about = describe_exceptions(exceptions)
    return f"{line}, except {about}." if about else f"{line}."


def reminder_lines(agreement: ApartPayload, now: datetime) -> list[str]:
    """What a request to write or practise a message meets while the agreement runs."""
    partner = PRONOUNS.get(agreement.get("partner", "them"), PRONOUNS["them"])
    until = datetime.fromisoformat(agreement["until"])
    return [
        f"You agreed to give {partner['object']} space until {describe_time(until, now)}.",
        "Wanting to reach out is natural, and it shows you care.",
        "We could take two minutes with the urge together, or you could write down what you "
        "want to say, to say it when you talk. Say two minutes, or write it down.",
    ]


def session_opening(agreement: ApartPayload, now: datetime) -> list[str]:
    """What a new session says first while an agreement is kept: the time left, or, once the
    time has come, a short preparation for the conversation."""
    until = datetime.fromisoformat(agreement["until"])
    partner = agreement.get("partner", "them")
    if until > now:
        pronoun = PRONOUNS.get(partner, PRONOUNS["them"])["object"]
        return [
            f"You agreed to give {pronoun} space until {describe_time(until, now)}. "
            f"That's {time_left(until, now)} from now."
        ]
    return preparation_lines(partner)


def preparation_lines(partner: str) -> list[str]:
    """Step 9, briefly: when the agreed time has come."""
    forms = PRONOUNS.get(partner, PRONOUNS["them"])
    subject, obj, possessive = forms["subject"], forms["object"], forms["possessive"]
    verb = "are" if subject == "they" else "is"
    return [
        "The time apart you agreed on has come to an end. Three things help when you talk:",
        f"Answer {possessive} questions honestly and openly, even the hard ones.",
        "Say what you need to once, then let it rest; going over it again and again wears "
        "you both down.",
        f"{possessive.capitalize()} feelings are {possessive}s to have: don't tell {obj} how "
        f"to feel, or that {subject} {verb} overreacting."
        if possessive != "their"
        else "Their feelings are theirs to have: don't tell them how to feel, or that they "
        "are overreacting.",
        "If you'd like to get ready first, say the reflection before a hard conversation.",
    ]
