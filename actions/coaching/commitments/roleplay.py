"""The role-play of advice step 6: the partner asks for a promise that cannot honestly be
kept. The user practises three things: showing the ask makes sense, saying honestly why
they won't promise it, and offering something realistic both can accept — without giving
in to the impossible promise or brushing the ask aside.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from actions.coaching.commitments.promise import analyze_promise, plain

ROLEPLAY_ASKS = (
    "Promise me you will never, ever make me feel like this again.",
    "Swear to me you'll never so much as look at anyone else. Swear it.",
    "Promise me I'll never have to wonder where you are again. Not once.",
)
"""What the partner asks, one per go, in turn."""

STRENGTHS = ("acknowledged", "honest_why", "realistic_offer")
PROBLEMS = ("absolute_promise", "invalidating")

_ACKNOWLEDGED = re.compile(
    r"\b(i understand|i know why|i know you|i get (?:why|it)|that makes sense|makes sense|"
    r"of course you (?:want|need)|you deserve|i can see why|i hear you|i see why|"
    r"it's fair (?:to|that)|you have every right)\b"
)
_HONEST_WHY = re.compile(
    r"\b(can't promise|cannot promise|can not promise|won't promise|will not promise|"
    r"don't want to promise|not going to promise|can't swear|won't swear|can't guarantee|"
    r"cannot guarantee|wouldn't be honest|would be a lie|wouldn't be true|can't be sure|"
    r"i'm not perfect|not perfect|i might slip|i could slip|i want to be honest|to be honest|"
    r"honestly|another empty promise|break it|i don't want to lie)\b"
)
_GAVE_IN = re.compile(
    r"^(?:(?:ok|okay|yes|yeah|fine|alright|all right)[, ]+)*(?:i promise|i swear|i will never|"
    r"i'll never|never again|i won't ever)\b|\b(?:yes|ok|okay),? i (?:promise|swear)\b"
)
_INVALIDATING = re.compile(
    r"\b(unreasonable|you're being|you are being|overreact\w*|calm down|get over|"
    r"that's not fair|not fair to me|ridiculous|too much to ask|drop it|let it go)\b"
)
_OFFER = re.compile(
    r"\b(what i can (?:promise|do|offer)|i can promise|i can|i will|i'll|i'm going to|"
    r"instead|how about|would it help if)\b"
)


@dataclass(frozen=True)
class RoleplayAnalysis:
    """What an answer to the impossible ask did."""

    text: str
    labels: tuple[str, ...]
    """STRENGTHS and PROBLEMS present, in that order."""
    offer: str
    """The realistic offer's words ("" when none)."""

    @property
    def score(self) -> int:
        weights = {"acknowledged": 20, "honest_why": 35, "realistic_offer": 45}
        gained = sum(weights[label] for label in self.labels if label in weights)
        lost = 30 * sum(1 for label in self.labels if label in PROBLEMS)
        return max(0, min(100, gained - lost))

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": "commitments",
            "part": "roleplay",
            "score": self.score,
            "labels": list(self.labels),
            "components": [label for label in self.labels if label in STRENGTHS],
            "anti_patterns": [label for label in self.labels if label in PROBLEMS],
        }


def analyze_refusal(text: str) -> RoleplayAnalysis:
    """Read an answer to the partner's impossible ask."""
    said = plain(text)
    present: set[str] = set()
    if _ACKNOWLEDGED.search(said):
        present.add("acknowledged")
    refused = _HONEST_WHY.search(said)
    if refused:
        present.add("honest_why")
    offer = ""
    match = _OFFER.search(said, refused.end() if refused else 0)
    if match:
        rest = said[match.start() :]
        reading = analyze_promise(rest)
        if reading.action and not any(f.label == "absolute" for f in reading.findings):
            present.add("realistic_offer")
            offer = rest
    if not refused and _GAVE_IN.search(said):
        present.add("absolute_promise")
    if _INVALIDATING.search(said):
        present.add("invalidating")
    labels = tuple(label for label in (*STRENGTHS, *PROBLEMS) if label in present)
    return RoleplayAnalysis(text=text.strip(), labels=labels, offer=offer)


def roleplay_feedback(analysis: RoleplayAnalysis) -> list[str]:
    """Short spoken feedback: what worked, the one thing to change, and another go."""
    labels = set(analysis.labels)
    worked = []
    if "acknowledged" in labels:
        worked.append("you showed the ask makes sense")
    if "honest_why" in labels:
        worked.append("you said honestly why you won't promise it")
    if "realistic_offer" in labels:
        worked.append("you offered something real instead")
    lines = []
    if worked:
        lines.append("What worked: " + _join(worked) + ".")
    if "absolute_promise" in labels:
        lines.append(
            "You gave the promise that can't be kept. It eases the moment, and it costs "
            "more trust later if it breaks. Try saying you won't promise it, and why."
        )
    elif "invalidating" in labels:
        lines.append(
            "Part of it pushed the ask away. The fear behind it is fair; say so, even while "
            "you say no to the promise."
        )
    elif "honest_why" not in labels:
        lines.append(
            "Say plainly that you won't make that promise, and why: it wouldn't be honest."
        )
    elif "realistic_offer" not in labels:
        lines.append(
            "Then offer something you can keep, something they could see you do, like: "
            "I'll tell you where I am whenever plans change, every day this month."
        )
    elif "acknowledged" not in labels:
        lines.append("Next time, start by showing you understand why they ask.")
    else:
        lines.append("That's the whole of it: honest, and something you can both rely on.")
    lines.append("Say try again for another go, or stop.")
    return lines


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
