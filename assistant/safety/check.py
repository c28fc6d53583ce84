"""The gentle check: what to ask when the screen is unsure, and how to read the answer.

The question is direct (ARCHITECTURE.md, "Safety model"): for self-harm it asks plainly
whether the person is thinking of ending their life and names the crisis line in the same
breath; for abuse it asks whether this is something agreed or something that frightens or
controls; for harm done by the user it asks whether it went as far as hurting, threatening
or frightening. Each is answerable with a plain yes or no, so a voice session can hear the
answer with its short command grammar.

Pure Python, no I/O.
"""

from __future__ import annotations

import re
from typing import Literal

from actions.coaching.safety.replies import ways_to_reach
from actions.coaching.safety.resources import DEFAULT_REGION, resources_for
from assistant.safety.classifier import speech_style
from assistant.safety.screen import AbuseRole, SafetyKind

__all__ = ["CheckAnswer", "check_question", "check_reask", "read_check_answer"]

CheckAnswer = Literal["yes", "no"]

# A doubtful answer to "are you thinking of ending your life?" is not a no: it gets the
# full care reply. Read as "yes".
_YES = (
    r"yes|yeah|yep|yup|yea|ya|aye|sure|i am|i think so|maybe|sometimes|kind of|kinda"
    r"|sort of|a bit|a little|i dont know|i do not know|dunno|not sure|im not sure|idk"
    r"|probably|i guess|it does|it is|they do|he does|she does|i did|i have|true|correct"
    r"|thats right|it frightens|it scares|it controls|scares me|frightens me|im scared"
    r"|im afraid|i am scared|i am afraid|im frightened|afraid|scared|frightened"
)
_NO = (
    r"no|nope|nah|not at all|not really|no way|never|i am not|im not|it doesnt"
    r"|it does not|i didnt|i did not|i havent|i have not|we agreed|i agreed|agreed"
    r"|its agreed|i offered|its fine|im fine|im ok|im okay|i am fine|i am ok|all good"
    r"|of course not|definitely not|absolutely not|not like that"
)
_MAX_ANSWER_WORDS = 14
"""A longer reply is more of what the person was saying, not an answer."""


def read_check_answer(text: str) -> CheckAnswer | None:
    """ "yes" (or a doubt), "no", or None when the reply does not answer the question
    (it is more of what the person was saying)."""
    words = speech_style(text)
    if not words or len(words.split()) > _MAX_ANSWER_WORDS:
        return None
    candidates: list[tuple[int, CheckAnswer]] = []
    for answer, pattern in (("yes", _YES), ("no", _NO)):
        match = re.match(rf"^(?:(?:um|uh|well|oh|honestly|so)\s+)*(?:{pattern})\b", words)
        if match:
            candidates.append((match.end(), answer))  # type: ignore[arg-type]
    if not candidates:
        return None
    # The longest opening phrase decides: "not sure" is a doubt, "im not" is a no.
    return max(candidates)[1]


def check_question(
    kind: SafetyKind, role: AbuseRole | None = None, region: str = DEFAULT_REGION
) -> list[str]:
    """The lines that ask, for an unsure finding of ``kind`` (and, for abuse, ``role``)."""
    if kind == "self_harm":
        line = resources_for(region).crisis_line
        help_now = (
            f"If you are, you can {ways_to_reach(line)} right now, any time."
            if line is not None
            else "If you are, please reach a person near you now."
        )
        return [
            "Can I stop and ask you something plainly?",
            f"Are you thinking about ending your life? {help_now}",
            "A yes or a no is fine.",
        ]
    if role == "harming":
        return [
            "Before we go on, I want to ask you plainly.",
            "Has it gone as far as hurting, threatening or frightening your partner, or "
            "controlling where they go or who they see?",
            "A yes or a no is fine.",
        ]
    return [
        "Can I check one thing before we go on?",
        "Some couples agree to things like this while trust is rebuilt, and sometimes it "
        "is control. Does it frighten you, or control you?",
        "Say yes if it does, or no if it's something you agreed to.",
    ]


def check_reask(kind: SafetyKind, role: AbuseRole | None = None) -> str:
    """Said once when the reply did not answer the check."""
    if kind == "self_harm":
        return "I want to be sure you're safe. Are you thinking about ending your life? Yes or no?"
    if role == "harming":
        return "I want to be sure. Has anyone been hurt, threatened or frightened? Yes or no?"
    return "I want to be sure you're safe. Does it frighten or control you? Yes or no?"
