"""The apology rules combined with the learned clause labels (`actions.coaching.learned_labels`).

The rules' findings are kept where they are precise; a finding the model's reading of the
same clause rules out is dropped (`CANCELLED_BY`), and labels the rules missed are added,
each quoting the clause it was read in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actions.coaching.apology_matching import DISAVOW_CUE
from actions.coaching.apology_vocabulary import ADVICE, ANTI_PATTERNS, LABELS, Finding
from actions.coaching.normalize import normalize
from actions.coaching.pieces import Segment, sentence_spans

if TYPE_CHECKING:
    from actions.coaching.learned_labels import ClauseReading, LearnedLabels

__all__ = [
    "CANCELLED_BY",
    "SIBLING_VETO",
    "cancelled",
    "combine_findings",
    "learned_labels_in_use",
    "use_learned_labels",
]


_learned_labels: LearnedLabels | None = None


def use_learned_labels(learned: LearnedLabels | None) -> None:
    """Set once by the action server at start (None: rules only, as in unit tests)."""
    global _learned_labels
    _learned_labels = learned


def learned_labels_in_use() -> LearnedLabels | None:
    """The learned labels `analyze_apology` uses by default, if any."""
    return _learned_labels


# Where the guidelines say one label rules another out in the same words ("sorry you feel
# that way about the affair" names no act; "sorry if ..." is no regret), a rule finding is
# dropped when the learned model reads its clause as the ruling label and not as the
# finding's own. Measured on the never-trained test split and the tuned set (README).
CANCELLED_BY: dict[str, frozenset[str]] = {
    "specific_act": frozenset({"feelings_deflection", "conditional", "absolute_promise"}),
    "regret": frozenset({"feelings_deflection", "conditional"}),
    "harm_acknowledged": frozenset({"conditional", "feelings_deflection"}),
    "repentance": frozenset({"absolute_promise"}),
    "responsibility": frozenset({"blame_shift"}),
}


def cancelled(label: str, start: int, end: int, findings: list[Finding]) -> bool:
    """True when a finding of a label that rules ``label`` out (CANCELLED_BY) overlaps
    [start, end): no learned reading adds ``label`` there."""
    ruling = CANCELLED_BY.get(label, frozenset())
    return any(f.label in ruling and f.start < end and start < f.end for f in findings)


def _disowned(clause: str) -> bool:
    """The rules' test for a phrase mentioned or refused rather than said ("I'm not going to
    say calm down"), applied to a whole clause: the model does not read negation well."""
    return bool(DISAVOW_CUE.search(normalize(clause).text))


def combine_findings(rules: list[Finding], reading: ClauseReading) -> list[Finding]:
    """The rules' findings with the learned reading of the same text (see analyze_apology)."""
    found = {label: reading.found(label) for label in LABELS}

    def read_as(label: str, start: int, end: int) -> bool:
        return any(c.start < end and start < c.end for c in found[label])

    kept = [
        f
        for f in rules
        if read_as(f.label, f.start, f.end)
        or not any(read_as(other, f.start, f.end) for other in CANCELLED_BY.get(f.label, ()))
    ]
    present = {f.label for f in kept}
    sentences = sentence_spans(reading.text)

    def sentence_of(start: int, end: int) -> tuple[int, int]:
        return next(((a, b) for a, b in sentences if a <= start < b), (start, end))

    for label in LABELS:
        if label in present or not found[label]:
            continue
        clause = found[label][0]
        # An addition is held to its whole sentence ("If I hurt you, then I'm sorry"):
        # a ruling label found there, by the rules or the model, rules it out.
        first, last = sentence_of(clause.start, clause.end)
        cancellers = CANCELLED_BY.get(label, frozenset())
        if any(read_as(other, first, last) for other in cancellers) or any(
            f.label in cancellers and f.start < last and first < f.end for f in kept
        ):
            continue
        if label in ANTI_PATTERNS and _disowned(clause.text):
            continue
        if label in ANTI_PATTERNS and _a_rival_reads_stronger(label, clause, kept, reading):
            continue
        kept.append(Finding(label, clause.text, clause.start, clause.end, ADVICE[label]))
    return kept


SIBLING_VETO = True
"""See :func:`_a_rival_reads_stronger` (a switch so the bench can show what it does)."""


def _a_rival_reads_stronger(
    label: str, clause: Segment, kept: list[Finding], reading: ClauseReading
) -> bool:
    """True when the rules already found another anti-pattern in ``clause`` and the model
    reads that one there more strongly than ``label``: the model's second guess at a clause
    the rules have named ("what about when you..." is a counter-attack, not also
    invalidating). On the tuned set and g1 most false anti-pattern additions were such
    neighbours. A "but" is left out: it shares its clause with the defence after it."""
    if not SIBLING_VETO:
        return False
    own = reading.probability(label, clause.start, clause.end)
    return any(
        f.label in ANTI_PATTERNS
        and f.label not in (label, "but_undoing")
        and f.start < clause.end
        and clause.start < f.end
        and reading.probability(f.label, clause.start, clause.end) > own
        for f in kept
    )
