"""Listening analysis: how well the user gave back what the hurt partner said.

(In the listening exercise the user "reflects back" what they heard; that reflection is
what is analysed here. The guided reflections are another exercise, in
`actions.coaching.guided`.)

Pure and offline: a scenario and the user's reflection in, `ListeningAnalysis` out.

What it measures (shared/design/CONTENT.md, Listening):

* coverage - which of the scenario's key points the reflection gives back, matched with the
  keyword sets the scenario declares (see `actions.coaching.scenarios.base`); no model;
* `feeling_named` - the reflection names a feeling of the partner ("you felt humiliated",
  "that must have been so lonely", "I hurt you"), not the speaker's own ("I feel awful");
* `validation` - their reaction is treated as understandable ("that makes sense", "you have
  every right to be angry");
* `defensiveness` - the speaker's own side, reasons or a rebuttal ("but I was going to tell
  you", "that's not fair", "what about you");
* `fixing` - advice, plans or solutions instead of listening ("you should", "let's just move
  on", "I'll fix it");
* `question` - the reflection asks something ("did I get that right?", "is there more?");
  motivational-interviewing coding (MITI 4.2.1) weighs reflections against questions.

Negated, refused and quoted phrases do not count ("I'm not saying you should" is not fixing;
"I won't make excuses" is not defensiveness). The annotation guidelines the analyzer is
measured against head tests/eval/reflection_eval.yml.

Every pattern is an alternation with bounded gaps and keyword sets are matched with one pass
over the words, so the analysis is linear in the length of the reflection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actions.coaching.cues import Finding, Rule, TextView, dedupe, find_cues, to_findings
from actions.coaching.listening_feelings import feeling_words, feelings_named, find_feelings
from actions.coaching.listening_keywords import KeyPointMatch, compile_keyword_set, cover_key_points
from actions.coaching.listening_learned import combine_reflection_findings, listening_learned_in_use
from actions.coaching.normalize import normalize
from actions.coaching.rule_data import RULES_DIR, load_rules
from actions.coaching.scenarios import ListeningScenario, get_listening_scenario

if TYPE_CHECKING:
    from actions.coaching.learned_labels import LearnedLabels

__all__ = [
    "LABELS",
    "KeyPointMatch",
    "ListeningAnalysis",
    "analyze_listening",
    "compile_keyword_set",
]

LABELS: tuple[str, ...] = ("feeling_named", "validation", "defensiveness", "fixing", "question")
"""The reflection labels, in the order feedback discusses them."""

ADVICE: dict[str, str] = {
    "feeling_named": "Naming their feeling tells them you heard more than the facts.",
    "validation": "Saying their reaction makes sense lets them know it is allowed.",
    "defensiveness": "Your side can wait; for now, stay with what they said.",
    "fixing": "Hold the solutions for later; first they need to feel heard.",
    "question": "Checking you got it right invites them to say more.",
}
"""One short, kind sentence per label, used in findings and spoken feedback."""

RULES: tuple[Rule, ...] = load_rules(RULES_DIR / "listening.yml", Rule, LABELS).rules
"""The hand-written phrase rules (validation, defensiveness, fixing, question), data in
data/rules/listening.yml."""


@dataclass(frozen=True)
class ListeningAnalysis:
    """Everything the coach knows about one reflection."""

    scenario_id: str
    """The listening scenario the reflection answers."""

    text: str
    """The reflection as given."""

    covered: tuple[str, ...]
    """Key point ids the reflection gives back, in scenario order."""

    missed: tuple[str, ...]
    """Key point ids it leaves out, in scenario order."""

    coverage: float
    """len(covered) / number of key points, rounded to two places."""

    labels: tuple[str, ...]
    """Labels present, in `LABELS` order."""

    findings: tuple[Finding, ...]
    """Evidence for every label present, in text order."""

    matches: tuple[KeyPointMatch, ...]
    """Evidence for every covered key point, in scenario order."""

    feelings_named: tuple[str, ...]
    """Names of the scenario's feelings the reflection named, in scenario order."""

    feelings_missed: tuple[str, ...]
    """Names of the scenario's feelings it did not name, in scenario order."""

    feeling_words: tuple[str, ...] = ()
    """The reflection's own words for the scenario's feelings it named, in text order
    ("humiliated" where the scenario's name is "stupid"): what feedback credits."""

    def findings_for(self, label: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.label == label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "coverage": self.coverage,
            "covered": list(self.covered),
            "missed": list(self.missed),
            "labels": list(self.labels),
            "findings": [finding.to_dict() for finding in self.findings],
        }


def _question_marks(view: TextView) -> list[tuple[str, int, int]]:
    """Typed questions: each unquoted "?" with the words of its sentence."""
    spans = []
    for match in re.finditer(r"\?+", view.text):
        if view.quoted(match.start(), match.end()):
            continue
        sentence_start, _ = view.sentence_bounds(max(0, match.start() - 1))
        start = sentence_start
        while start < match.start() and not view.text[start].isalnum():
            start += 1
        if start < match.start() and not view.quoted(start, match.start()):
            spans.append(("question", start, match.end()))
    return spans


# --------------------------------------------------------------------------------------
# Entry point


def analyze_listening(
    scenario: str | ListeningScenario,
    text: str,
    learned: LearnedLabels | None = None,
    *,
    use_learned: bool = True,
) -> ListeningAnalysis:
    """Analyse a reflection of `scenario` (an id or the scenario itself).

    With learned labels (``learned``, else those set by `use_listening_learned`) a label
    the rules missed is added where the model reads it in a clause, quoting that clause
    (listening_learned.py). ``use_learned=False``: rules only."""
    chosen = get_listening_scenario(scenario) if isinstance(scenario, str) else scenario
    norm = normalize(text)
    view = TextView(norm)

    covered, matches = cover_key_points(view, chosen)
    feeling_spans, feeling_sources = find_feelings(view, chosen)

    findings = find_cues(view, RULES, ADVICE.__getitem__)
    extra = dedupe([("feeling_named", a, b) for a, b in feeling_spans] + _question_marks(view))
    findings.extend(to_findings(norm, extra, ADVICE.__getitem__))
    findings = _drop_overlapping_questions(findings)
    reader = (learned or listening_learned_in_use()) if use_learned else None
    if reader is not None and text.strip():
        findings = combine_reflection_findings(findings, reader.read(text), ADVICE.__getitem__)
    findings.sort(key=lambda f: (f.start, LABELS.index(f.label)))

    present = {finding.label for finding in findings}
    named = feelings_named(chosen, {source for source, _, _ in feeling_sources})
    total = len(chosen.key_points)
    return ListeningAnalysis(
        scenario_id=chosen.id,
        text=text,
        covered=tuple(covered),
        missed=tuple(point.id for point in chosen.key_points if point.id not in covered),
        coverage=round(len(covered) / total, 2) if total else 0.0,
        labels=tuple(label for label in LABELS if label in present),
        findings=tuple(findings),
        matches=tuple(matches),
        feelings_named=named,
        feelings_missed=tuple(f.name for f in chosen.feelings if f.name not in named),
        feeling_words=feeling_words(chosen, norm, feeling_sources),
    )


def _drop_overlapping_questions(findings: list[Finding]) -> list[Finding]:
    """One question finding per stretch of text: a typed "?" sentence holding a phrase
    match is reported once, as the longer span."""
    questions = sorted(
        (f for f in findings if f.label == "question"), key=lambda f: (f.start, -(f.end - f.start))
    )
    kept: list[Finding] = []
    for finding in questions:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return [f for f in findings if f.label != "question"] + kept
