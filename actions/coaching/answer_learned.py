"""How the answer analyzer's rules and its learned clause labels combine.

The rules (answer.py) are precise on the wording they know and miss new wording; the learned
labels (learned_labels.py, trained by assistant/learning/answer.py) read every clause and
catch a weary sigh, a question thrown back or blame with no "but". Each rule finding stays;
a clause the model reads as a label adds a finding quoting that clause, unless a rule
finding of that label already covers it or a veto below says the rules know better.

Pure: no I/O, no model loading.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import numpy as np

from actions.coaching.apology import Finding
from actions.coaching.learned_labels import ClauseReading
from actions.coaching.normalize import normalize

__all__ = [
    "RULED_OUT_BY",
    "combine_answer_findings",
    "for_the_turn_length",
    "ruled_out",
    "told_or_disowned",
]

RULED_OUT_BY: dict[str, frozenset[str]] = {
    "impatience": frozenset({"reassurance"}),
    "invalidating": frozenset({"reassurance"}),
    "deflection": frozenset({"reassurance"}),
    "reassurance": frozenset({"impatience", "invalidating", "deflection"}),
}
"""A learned label is not added to a clause where the rules found one of these: "ask me
again whenever you like" has the rules' reassurance, and the "again" in it is not weary;
"don't ask me again" has the rules' impatience, and the "ask me" in it is no welcome."""

ONLY_UNREAD_CLAUSES = True
"""A clause the rules already labelled is left to them: the model's second label there was
mostly a neighbour's confusion (impatience read as deflection too)."""

SHORT_TURN_CLAUSES = 3
"""Answers of up to this many clauses are read at the labels' own thresholds."""

LENGTH_EXPONENT = 0.75
"""How fast the bar rises past SHORT_TURN_CLAUSES (see :func:`for_the_turn_length`)."""

UNPATIENT = frozenset(
    {"impatience", "invalidating", "deflection", "minimizing", "blame_shift", "counter_attack"}
)

# A clause that tells of something said before, or refuses to say it, mentions the words
# rather than meaning them now ("I used to tell you to calm down", "I won't say it was
# nothing", "she told me you were overreacting"). The model reads negation poorly.
_TOLD_OR_DISOWNED = re.compile(
    r"\b(?:i|she|he|they|we|my \w+) (?:\w+ )?(?:used to (?:say|tell)|kept telling|told (?:myself"
    r"|me|her|him)|said (?:that|it)|remember saying|thought)\b"
    r"|\b(?:won't|will not|wouldn't|not going to|not gonna|never going to|never gonna|refuse to"
    r"|can't|cannot|don't want to) (?:\w+ ){0,2}?(?:say|tell you|pretend|ask you|blame|make"
    r"|turn|bring up|dodge|avoid|change the subject|hide)\b"
    r"|\b(?:back then|at the time|in the past i)\b"
    r"|\b(?:i'm not|i am not|not) saying\b"
)

# Blame denied is no blame: "you didn't make me do anything", "not because of anything you did".
_BLAME_DENIED = re.compile(
    r"\b(?:didn't|did not|never|nobody|no one|not) (?:\w+ )?(?:make|made|drive|drove|force|forced"
    r"|push|pushed) me\b|\bnot because (?:of )?(?:you|anything you)|\bnot (?:your|on you)"
    r"|\byou (?:didn't|did not|never) do anything\b|\bi chose\b|\bmy (?:choice|fault|doing)\b"
)


# Blame is put on someone or something: a clause with no one else in it ("I did have
# feelings") owns the act, whatever the model makes of it.
_SOMEONE_ELSE = re.compile(
    r"\b(?:you|your|you're|you'd|you've|yours|yourself|she|she's|she'd|he|he's|he'd|they"
    r"|they're|their|we|us|both|it takes|my (?:friends?|boss|ex|mum|mom|dad|mother|father"
    r"|family|brother|sister|mates?)|the (?:drink|drinking|alcohol|stress|job|kids|baby|guys)"
    r"|work|stress|drunk|because of)\b"
)


def told_or_disowned(clause: str) -> bool:
    """True when the clause mentions words said before, or refuses to say them."""
    return bool(_TOLD_OR_DISOWNED.search(normalize(clause).text))


def for_the_turn_length(reading: ClauseReading) -> ClauseReading:
    """The reading with each label's bar raised for a long answer.

    Each clause is a separate chance for the model to misread an honest sentence, so a
    long, patient answer collected false findings clause by clause: the blind long-answer
    batches (ac2, ae2) lost their precision there (0.61, 0.58) while short answers held.
    Past SHORT_TURN_CLAUSES clauses the room left above a threshold t shrinks as
    (1 - t) · (SHORT_TURN_CLAUSES / n) ** LENGTH_EXPONENT: a label must be read more
    surely to be reported in a long answer, much as a test repeated n times asks for a
    smaller p. Chosen on the answers of writers already learned from (h, m, s, w, y, i, ac):
    micro F1 0.866 → 0.871, flat across exponents 0.4-1.25 and 2-5 clauses (a one-off
    grid). On the next fresh writer (ah, first run at 836a4bc, with this rule) F1 was 0.768
    either way: precision 0.77 → 0.83, recall 0.77 → 0.71 (a one-off ablation run after the
    first run). Kept for the precision: telling an honest person they dodged the question
    does more harm than letting one dodge pass."""
    count = len(reading.pieces)
    if count <= SHORT_TURN_CLAUSES:
        return reading
    room = (1.0 - reading.thresholds) * (SHORT_TURN_CLAUSES / count) ** LENGTH_EXPONENT
    return dataclasses.replace(reading, thresholds=(1.0 - room).astype(np.float32))


def ruled_out(label: str, clause: str, start: int, end: int, rules: list[Finding]) -> bool:
    """True when the rules or the rules' tests say ``label`` is not in this clause (see the
    module docstring): a learned reading adds no finding there."""

    def rules_found(labels: frozenset[str]) -> bool:
        return any(f.label in labels and f.start < end and start < f.end for f in rules)

    if rules_found(frozenset({label})) or rules_found(RULED_OUT_BY.get(label, frozenset())):
        return True
    if label in UNPATIENT and told_or_disowned(clause):
        return True
    if label == "blame_shift":
        said = normalize(clause).text
        if _BLAME_DENIED.search(said) or not _SOMEONE_ELSE.search(said):
            return True
    return ONLY_UNREAD_CLAUSES and rules_found(frozenset(UNPATIENT) | {"reassurance"})


def combine_answer_findings(
    rules: list[Finding],
    reading: ClauseReading,
    advice: Callable[[str], str],
) -> list[Finding]:
    """The rules' findings, with one finding added per clause the model reads as a label
    the rules did not find there (see the module docstring)."""
    combined = list(rules)
    reading = for_the_turn_length(reading)
    for label in reading.labels:
        for clause in reading.found(label):
            if not ruled_out(label, clause.text, clause.start, clause.end, rules):
                combined.append(
                    Finding(label, clause.text, clause.start, clause.end, advice(label))
                )
    return combined
