"""Reading a promise: is it one a person can keep, and can the partner see it kept?

Advice steps 3 and 6: trust comes back through promises kept over time, so promise only
what you can keep. A keepable promise is small, specific, observable and time-bound ("I'll
text you when I leave work, every day this month"). What gets in the way:

- `absolute`: "never", "always", "ever again" — one slip breaks it for good;
- `vague`: "I'll change", "I'll be better" — nobody can tell when it is kept;
- `unverifiable`: an inner state ("I'll be honest", "I'll love you more") the partner
  cannot see from outside;
- `no_action`: nothing the partner could see or hear being done;
- `no_timeframe`: no when, how often or until when.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PROBLEMS = ("absolute", "vague", "unverifiable", "no_action", "no_timeframe")
"""The labels of what makes a promise hard to keep, in the order feedback discusses them."""

EXAMPLE = "I'll text you when I leave work, every day this month."


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_ABSOLUTE = _rx(
    r"\bnever\b",
    r"\balways\b",
    r"\bforever\b",
    r"\bever again\b",
    r"\b(?:won't|will not|wont|not going to|am not going to)\b(?:\s+\w+){1,6}\s+again\b",
    r"\bfor the rest of (?:my|our) (?:life|lives)\b",
    r"\bno matter what\b",
    r"\bevery single (?:time|day|thing)\b",
    r"\b(?:100|a hundred|one hundred) ?(?:%|percent|per cent)\b",
    r"\b(?:anything|everything|whatever) you (?:want|ask|need)\b",
    r"\bi swear\b",
    r"\bnothing like (?:this|that) will (?:ever )?happen\b",
)
_VAGUE = _rx(
    r"\b(?:i'll|i will|i'm going to|im going to|gonna) (?:\w+ )?(?:change|improve)\b",
    r"\bbe (?:a )?(?:better|different|good)(?: \w+)?\b",
    r"\bdo better\b",
    r"\b(?:try|work on (?:it|myself|things|this))\b",
    r"\bmake (?:it|this|things) (?:up to you|right|better|work)\b",
    r"\bfix (?:this|it|things|us|myself)\b",
    r"\bthings will be different\b",
    r"\bturn over a new leaf\b",
    r"\bbe the (?:man|woman|person|partner) you deserve\b",
)
_UNVERIFIABLE = _rx(
    r"\bbe (?:more )?(?:honest|open|trustworthy|faithful|loyal|loving|patient|present|"
    r"attentive|supportive|understanding|caring|kind|there for you)\b",
    r"\b(?:love|care about|respect|appreciate|value|think about) you (?:more|better|properly)\b",
    r"\b(?:feel|mean it|want to|think more|be aware|be mindful)\b",
    r"\bput you first\b",
    r"\bnever lie\b",
)
_ACTION = _rx(
    r"\b(?:text|call|ring|phone|message|email|tell|show|send|share|ask|check in|check with)\b",
    r"\b(?:come|be|get) (?:home|back)\b",
    r"\bbe (?:home|back|there) (?:by|at|before)\b",
    r"\b(?:put|leave|keep|hand) (?:my|the) phone\b",
    r"\b(?:go|going) to (?:counsel|therap|couples|a meeting|meetings|meet|bed|the doctor)\w*\b",
    r"\b(?:book|see|start|join|attend|find) (?:a |an |the |our |my )?(?:counsel|therap|"
    r"session|appointment|course|class|group|meeting)\w*\b",
    r"\b(?:delete|block|unfollow|close|cancel|turn off|switch off|unlock|log out)\b",
    r"\b(?:pick up|drop off|cook|walk|clean|wash|pay|plan|write|read|sit down|spend|"
    r"take (?:the|you|a)|let you (?:see|know|read|check)|ask you|listen)\b",
)
_TIMEFRAME = _rx(
    r"\bevery (?:day|morning|evening|night|week|weekday|weekend|time|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|other day)\b",
    r"\beach (?:day|morning|evening|night|week|time)\b",
    r"\b(?:daily|nightly|weekly|twice a week|once a week|a day|a week)\b",
    r"\b(?:this|next|for a|for one|for two|for the next \w+) (?:week|month|weekend|"
    r"fortnight|days?|weeks|months)\b",
    r"\bfor the next\b",
    r"\b(?:tonight|tomorrow|today|this evening|this morning)\b",
    r"\b(?:by|on|before|until|till|starting|from) (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|tonight|tomorrow|the end|next|this|\d)\w*\b",
    r"\b(?:at|by|before) (?:\d{1,2}(?::\d\d)?|noon|midnight|six|seven|eight|nine|ten|"
    r"eleven|twelve|five|four)\b",
    r"\b(?:when|whenever|before|after|as soon as) (?:i|i'm|i've|we|you)\b",
    r"\buntil\b",
)


@dataclass(frozen=True)
class PromiseFinding:
    """One thing that makes a promise hard to keep."""

    label: str
    """One of PROBLEMS."""
    phrase: str
    """The words that showed it ("" for something missing)."""

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "phrase": self.phrase}


@dataclass(frozen=True)
class PromiseAnalysis:
    """What a promise says, and what would make it keepable."""

    text: str
    findings: tuple[PromiseFinding, ...]
    action: str
    """The observable action found ("" when none)."""
    timeframe: str
    """The time frame found ("" when none)."""

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(finding.label for finding in self.findings)

    @property
    def keepable(self) -> bool:
        """Small, specific, observable and time-bound: nothing found in the way."""
        return not self.findings

    @property
    def score(self) -> int:
        """0-100: each problem found takes a share off."""
        return max(0, 100 - 25 * len(self.findings))

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": "commitments",
            "score": self.score,
            "keepable": self.keepable,
            "findings": [finding.to_dict() for finding in self.findings],
            "action": self.action,
            "timeframe": self.timeframe,
        }


def plain(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("\u2019", "'").split())


def analyze_promise(text: str) -> PromiseAnalysis:
    """Read one promise (see the module docstring for the labels)."""
    said = plain(text)
    findings: list[PromiseFinding] = []
    for label, pattern in (
        ("absolute", _ABSOLUTE),
        ("vague", _VAGUE),
        ("unverifiable", _UNVERIFIABLE),
    ):
        match = pattern.search(said)
        if match:
            findings.append(PromiseFinding(label, match.group(0)))
    action = _ACTION.search(said)
    timeframe = _TIMEFRAME.search(said)
    if action is None:
        findings.append(PromiseFinding("no_action", ""))
    if timeframe is None and not any(f.label == "absolute" for f in findings):
        # "never" already says how long; the absolute finding covers it.
        findings.append(PromiseFinding("no_timeframe", ""))
    return PromiseAnalysis(
        text=text.strip(),
        findings=tuple(findings),
        action=action.group(0) if action else "",
        timeframe=timeframe.group(0) if timeframe else "",
    )


_ADVICE = {
    "absolute": (
        "Saying “{phrase}” promises every day from now on, and a single slip would break "
        "it. What could you promise for this week, or this month?"
    ),
    "vague": (
        "Saying “{phrase}” is hard to see happening, for {obj} and for you. What would {subj} "
        "actually see you do?"
    ),
    "unverifiable": (
        "Saying “{phrase}” is about what happens inside you, where {subj} can't see it. "
        "What would {subj} see you do that shows it?"
    ),
    "no_action": "Name something {subj} could see or hear you do.",
    "no_timeframe": "Give it a time frame: when, how often, and for how long.",
}


def advice_lines(analysis: PromiseAnalysis, partner: str = "them") -> list[str]:
    """What to say about a promise: a word of credit, the one or two things in the way,
    and an example of a keepable one. Empty advice for a keepable promise."""
    if analysis.keepable:
        return []
    subj, obj = {"her": ("she", "her"), "him": ("he", "him")}.get(partner, ("they", "them"))
    lines: list[str] = []
    shown = [f for f in analysis.findings if f.label in ("absolute", "vague", "unverifiable")]
    shown = shown[:1] or list(analysis.findings[:1])
    for finding in shown:
        phrase = re.sub(r"\bi\b", "I", finding.phrase)
        lines.append(_ADVICE[finding.label].format(phrase=phrase, subj=subj, obj=obj))
    if analysis.timeframe == "" and shown[0].label not in ("absolute", "no_timeframe"):
        lines.append(_ADVICE["no_timeframe"])
    lines.append(f"Something small you can keep, like: {EXAMPLE}")
    return lines
