"""Answer analyzer: how the user answers a hurt partner's repeated questions.

Pure and offline: one answer in, `AnswerAnalysis` out; plus `check_consistency` across the
answers of a session and `delivery_trend` across the measured delivery of its rounds.

What it marks (shared/design/CONTENT.md, Repeated questions, advice 7 and 9):

* `impatience` - irritation at being asked again ("I already told you", "how many times",
  "again?", "we've been over this");
* `invalidating` - dismissing their reaction ("you're overreacting", "calm down");
* `deflection` - avoiding the question ("can we not", "why does it matter", "let's not do
  this now");
* `minimizing` - making it smaller ("it was nothing", "no big deal", "it was just a kiss");
* `blame_shift` - putting the cause on the partner or someone else ("you made me", "if you
  had been home");
* `counter_attack` - turning to the partner's own faults ("you do it too", "what about you");
* `reassurance` - letting them know they may keep asking ("ask me as many times as you need",
  "I'll answer every time").

Negated, refused and quoted phrases do not count ("I won't say it was nothing", "you're not
overreacting"). The annotation guidelines head tests/eval/answer_eval.yml.

Every pattern is an alternation with bounded gaps, so the analysis is linear in the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actions.coaching.answer_learned import combine_answer_findings, ruled_out
from actions.coaching.consistency import Inconsistency, check_consistency
from actions.coaching.cues import Finding, Rule, TextView, find_cues
from actions.coaching.normalize import normalize
from actions.coaching.rule_data import RULES_DIR, load_rules
from actions.coaching.trend import DeliveryTrend, delivery_trend
from actions.coaching.turn_labels import read_turn

if TYPE_CHECKING:
    from actions.coaching.learned_labels import LearnedLabels

__all__ = [
    "LABELS",
    "PATIENT_LABELS",
    "UNPATIENT_LABELS",
    "AnswerAnalysis",
    "DeliveryTrend",
    "Inconsistency",
    "analyze_answer",
    "check_consistency",
    "delivery_trend",
    "learned_labels_in_use",
    "use_learned_labels",
]

LABELS: tuple[str, ...] = (
    "impatience",
    "invalidating",
    "deflection",
    "minimizing",
    "blame_shift",
    "counter_attack",
    "reassurance",
)
"""The answer labels, in the order feedback discusses them."""

UNPATIENT_LABELS: tuple[str, ...] = LABELS[:-1]
"""Labels that work against a patient, honest answer."""

PATIENT_LABELS: tuple[str, ...] = ("reassurance",)
"""Labels that show the patience the exercise practises."""

ADVICE: dict[str, str] = {
    "impatience": "Each time they ask, answer as if it were the first time.",
    "invalidating": "Their feelings are theirs; let them have them.",
    "deflection": "Answer the question they asked, even when it is hard.",
    "minimizing": "Let it be as big as it was for them.",
    "blame_shift": "Keep the focus on your part, not on theirs.",
    "counter_attack": "Their mistakes are a talk for another day.",
    "reassurance": "Telling them they can keep asking is exactly what helps.",
}
"""One short, kind sentence per label, used in findings and spoken feedback."""


@dataclass(frozen=True)
class AnswerAnalysis:
    """Everything the coach knows about one answer."""

    text: str
    """The answer as given."""

    labels: tuple[str, ...]
    """Labels present, in `LABELS` order."""

    findings: tuple[Finding, ...]
    """Evidence for every label present, in text order."""

    @property
    def patient(self) -> bool:
        """True when nothing in the answer works against patience."""
        return not any(label in UNPATIENT_LABELS for label in self.labels)

    def findings_for(self, label: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.label == label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "findings": [finding.to_dict() for finding in self.findings],
        }


_RULES: tuple[Rule, ...] = load_rules(RULES_DIR / "answer.yml", Rule, LABELS).rules
"""The hand-written rules, data in data/rules/answer.yml."""


_learned_labels: LearnedLabels | None = None


def use_learned_labels(learned: LearnedLabels | None) -> None:
    """Set once by the action server at start (None: rules only, as in unit tests)."""
    global _learned_labels
    _learned_labels = learned


def learned_labels_in_use() -> LearnedLabels | None:
    """The learned labels `analyze_answer` uses by default, if any."""
    return _learned_labels


def analyze_answer(
    text: str, learned: LearnedLabels | None = None, use_learned: bool = True
) -> AnswerAnalysis:
    """Analyse one answer to a partner's repeated question, typed or recognised speech.

    With learned labels (``learned``, else those set by :func:`use_learned_labels`) each
    clause the model reads as a label the rules missed there adds a finding quoting it
    (answer_learned.py). ``use_learned=False``: rules only."""
    view = TextView(normalize(text))
    findings = find_cues(view, _RULES, ADVICE.__getitem__)
    reader = (learned or _learned_labels) if use_learned else None
    if reader is not None and text.strip():
        rules = findings
        reading = reader.read(text)
        findings = combine_answer_findings(rules, reading, ADVICE.__getitem__)
        findings = read_turn(
            reader, text, {finding.label for finding in rules}, findings, reading,
            ADVICE.__getitem__,
            may_add=lambda label, start, end: not ruled_out(
                label, text[start:end], start, end, rules
            ),
        )  # fmt: skip
    findings.sort(key=lambda f: (f.start, LABELS.index(f.label)))
    present = {finding.label for finding in findings}
    return AnswerAnalysis(
        text=text,
        labels=tuple(label for label in LABELS if label in present),
        findings=tuple(findings),
    )
