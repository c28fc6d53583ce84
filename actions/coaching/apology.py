"""Apology analyzer: which parts of a good apology are present, and what undoes it.

Pure and offline: text in, `ApologyAnalysis` out. The labels are the fixed vocabulary of
shared/design/CONTENT.md; the annotation guidelines they are measured against head
tests/eval/apology_eval.yml.

How it works, briefly. The text is normalised (`actions.coaching.normalize`) so typed text
and recognised speech look alike. Each label has a few hand-written patterns, kept as data
in data/rules/apology.yml (read by `apology_patterns`). A match only counts when

* it is not inside quotation marks (a quoted phrase is mentioned, not said);
* it is not disavowed: a negated speech verb shortly before it ("I won't tell you it was no
  big deal", "I'm not going to say calm down") or a mention ("saying it will never happen
  again means nothing", "I told you it was only once");
* the rule's own context check passes (for example "not sorry" is not regret, "if I hurt you"
  is not harm acknowledged).

A few labels depend on others and are settled afterwards (`_settle`): a "but" undoes an
apology only when an apology or admission comes before it; a conditional or deflecting
"sorry" is not regret; a concrete change stated as an absolute vow is only the vow.

Every pattern is a plain alternation with bounded gaps, so matching is linear in the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actions.coaching.apology_combination import (
    CANCELLED_BY,
    cancelled,
    combine_findings,
    learned_labels_in_use,
    use_learned_labels,
)
from actions.coaching.apology_matching import find_candidates
from actions.coaching.apology_patterns import ACT_PAST_TENSE
from actions.coaching.apology_vocabulary import (
    ADVICE,
    ANTI_PATTERN_PENALTIES,
    ANTI_PATTERNS,
    COMPONENT_WEIGHTS,
    COMPONENTS,
    LABELS,
    ApologyAnalysis,
    Finding,
    score_labels,
)
from actions.coaching.delivery import analyze_delivery
from actions.coaching.normalize import normalize
from actions.coaching.turn_labels import read_turn

if TYPE_CHECKING:
    from actions.coaching.learned_labels import LearnedLabels

__all__ = [
    "ACT_PAST_TENSE",
    "ADD_ANTI_PATTERN_AT",
    "ADVICE",
    "ANTI_PATTERNS",
    "ANTI_PATTERN_PENALTIES",
    "CANCELLED_BY",
    "COMPONENTS",
    "COMPONENT_WEIGHTS",
    "LABELS",
    "ApologyAnalysis",
    "Finding",
    "analyze_apology",
    "combine_findings",
    "learned_labels_in_use",
    "score_labels",
    "use_learned_labels",
]

ADD_ANTI_PATTERN_AT = 0.5
"""An anti-pattern no one found is added when the turn model reads it this likely (other
labels at turn_labels.THRESHOLD, 0.4). An anti-pattern is told to the user as a fault in
their apology, so a false one costs more than a missed one. Chosen with each writer left out
of the fit (2026-12-05, writers through bg, rule veto at 0.2, which measured as 0.1 within
0.001): on the four newest writers
precision 0.856 -> 0.873 for F1 0.833 -> 0.828; every writer P 0.880 -> 0.894, F1 0.844 ->
0.837."""

_ADD_ANTI_PATTERN_AT = {label: ADD_ANTI_PATTERN_AT for label in ANTI_PATTERNS}


def analyze_apology(
    text: str, learned: LearnedLabels | None = None, *, use_learned: bool = True
) -> ApologyAnalysis:
    """Analyse one apology attempt, typed or recognised speech.

    With learned labels (``learned``, else those set by :func:`use_learned_labels`) the
    rules' findings are kept where they are precise, a finding the model's reading of the
    same clause rules out is dropped (:data:`CANCELLED_BY`), and labels the rules missed
    are added, each quoting the clause it was read in. ``use_learned=False``: rules only."""
    norm = normalize(text)
    settled = find_candidates(norm)

    findings = []
    for candidate in settled:
        start, end = norm.span_in_original(candidate.start, candidate.end)
        if start >= end:
            continue
        findings.append(
            Finding(candidate.label, text[start:end], start, end, ADVICE[candidate.label])
        )
    reader = (learned or learned_labels_in_use()) if use_learned else None
    if reader is not None and text.strip():
        rules_found = {finding.label for finding in findings}
        reading = reader.read(text)
        findings = combine_findings(findings, reading)
        findings = read_turn(
            reader, text, rules_found, findings, reading, ADVICE.__getitem__,
            may_add=lambda label, start, end: not cancelled(label, start, end, findings),
            thresholds=_ADD_ANTI_PATTERN_AT,
        )  # fmt: skip
    findings.sort(key=lambda f: (f.start, LABELS.index(f.label)))

    present = {finding.label for finding in findings}
    return ApologyAnalysis(
        text=text,
        components=tuple(label for label in COMPONENTS if label in present),
        anti_patterns=tuple(label for label in ANTI_PATTERNS if label in present),
        findings=tuple(findings),
        score=score_labels(present),
        delivery=analyze_delivery(text, normalized=norm),
    )
