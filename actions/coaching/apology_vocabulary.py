"""The apology analyzer's vocabulary: its labels, their weights and advice, and its results.

The labels are the fixed vocabulary of shared/design/CONTENT.md. Kept apart from the rules
(data/rules/apology.yml, read by `apology_patterns`), the matching engine
(`apology_matching`) and the learned-label combination (`apology_combination`) so each of
those can name them without a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from actions.coaching.delivery import DeliveryNotes

__all__ = [
    "ADVICE",
    "ANTI_PATTERNS",
    "ANTI_PATTERN_PENALTIES",
    "COMPONENTS",
    "COMPONENT_WEIGHTS",
    "LABELS",
    "ApologyAnalysis",
    "Finding",
    "score_labels",
]


COMPONENTS: tuple[str, ...] = (
    "regret",
    "responsibility",
    "specific_act",
    "harm_acknowledged",
    "repair_offer",
    "repentance",
    "forgiveness_request",
)
"""The parts of an apology, in the order CONTENT.md lists them."""

ANTI_PATTERNS: tuple[str, ...] = (
    "but_undoing",
    "conditional",
    "feelings_deflection",
    "passive_voice",
    "excuse",
    "justification",
    "blame_shift",
    "minimizing",
    "invalidating",
    "counter_attack",
    "absolute_promise",
    "pressure_to_forgive",
    "self_focus",
)
"""What sinks an apology, in the order CONTENT.md lists them."""

LABELS: tuple[str, ...] = COMPONENTS + ANTI_PATTERNS

# Why these weights: Lewicki, Polin & Lount (2016) found acknowledgment of responsibility the
# most important component and an offer of repair the next; the request for forgiveness the
# least, and Lerner advises against asking at all, so it is a small bonus, not a requirement:
# the other six sum to 100. Regret and repentance (their "expression of regret" and
# "declaration of repentance") sit in the middle. Naming the act and the harm are not in
# Lewicki's six; they come from Chapman & Thomas and Schumann (specific, victim-focused
# apologies) and make the responsibility believable, so they weigh a little less again.
COMPONENT_WEIGHTS: dict[str, int] = {
    "responsibility": 26,
    "repair_offer": 22,
    "regret": 14,
    "repentance": 14,
    "harm_acknowledged": 12,
    "specific_act": 12,
    "forgiveness_request": 3,
}

# Why these penalties: Gottman names defensiveness and contempt as the most corrosive moves,
# and Schumann lists blaming the victim, justifying, excusing and minimising as the defences
# that sink an apology, so those cost most. The classic non-apologies (the "but", the "if",
# "sorry you feel", pushing for closure) cost a middle amount: they undo what was said. The
# passive voice, an over-promise and self-focus dilute rather than reverse it, so they cost
# least. Each label is counted once, however often it occurs.
ANTI_PATTERN_PENALTIES: dict[str, int] = {
    "blame_shift": 20,
    "counter_attack": 20,
    "invalidating": 20,
    "justification": 15,
    "excuse": 15,
    "minimizing": 15,
    "but_undoing": 12,
    "conditional": 12,
    "feelings_deflection": 12,
    "pressure_to_forgive": 12,
    "passive_voice": 8,
    "absolute_promise": 8,
    "self_focus": 8,
}

ADVICE: dict[str, str] = {
    "regret": "Saying sorry plainly lets them hear that you regret it.",
    "responsibility": "Owning it as yours is the part that matters most.",
    "specific_act": "Naming exactly what you did shows you understand it.",
    "harm_acknowledged": "Naming how it affected them shows you see their side.",
    "repair_offer": "Offering something real to put it right gives the apology weight.",
    "repentance": "A concrete change going forward is what they can watch for.",
    "forgiveness_request": "Hoping for forgiveness is fine; leave them free to take their time.",
    "but_undoing": "A but takes back what came before it, so stop after the apology.",
    "conditional": "An if makes the hurt sound uncertain; say what you did instead.",
    "feelings_deflection": "Apologise for what you did, not for how they feel.",
    "passive_voice": "Put yourself in the sentence: say I did it.",
    "excuse": "Leave out the reasons for now; they can sound like excuses.",
    "justification": "Defending the choice tells them you would do it again.",
    "blame_shift": "Keep the focus on your part, not on theirs.",
    "minimizing": "Let it be as big as it was for them.",
    "invalidating": "Their feelings are theirs; let them have them.",
    "counter_attack": "Their mistakes are a talk for another day.",
    "absolute_promise": "Promise something you can keep, like a specific change.",
    "pressure_to_forgive": "Let them set the pace; healing takes time.",
    "self_focus": "Keep the spotlight on their hurt rather than your guilt.",
}
"""One short, kind sentence per label, used in findings and spoken feedback."""


@dataclass(frozen=True)
class Finding:
    """One piece of evidence for a label."""

    label: str
    """A label from `LABELS`."""

    phrase: str
    """The exact substring of the original text that triggered it."""

    start: int
    """Offset of `phrase` in the original text."""

    end: int
    """Offset just past `phrase` in the original text: text[start:end] == phrase."""

    advice: str
    """One short, kind sentence about this label."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
            "advice": self.advice,
        }


@dataclass(frozen=True)
class ApologyAnalysis:
    """Everything the coach knows about one attempt."""

    text: str
    """The attempt as given."""

    components: tuple[str, ...]
    """Components present, in `COMPONENTS` order."""

    anti_patterns: tuple[str, ...]
    """Anti-patterns present, in `ANTI_PATTERNS` order."""

    findings: tuple[Finding, ...]
    """Evidence for every label present, in text order."""

    score: int
    """0-100: component weights minus anti-pattern penalties (see the weights above)."""

    delivery: DeliveryNotes
    """Word count, spoken length, hedges and fillers."""

    @property
    def labels(self) -> frozenset[str]:
        """Components and anti-patterns together."""
        return frozenset(self.components) | frozenset(self.anti_patterns)

    def findings_for(self, label: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.label == label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "components": list(self.components),
            "anti_patterns": list(self.anti_patterns),
            "findings": [finding.to_dict() for finding in self.findings],
            "score": self.score,
            "delivery": self.delivery.to_dict(),
        }


def score_labels(labels: Iterable[str]) -> int:
    """The 0-100 score for a set of labels (see `COMPONENT_WEIGHTS`)."""
    present = set(labels)
    gained = sum(weight for label, weight in COMPONENT_WEIGHTS.items() if label in present)
    lost = sum(cost for label, cost in ANTI_PATTERN_PENALTIES.items() if label in present)
    return max(0, min(100, gained) - lost)
