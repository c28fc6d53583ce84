"""Precision, recall and a printable table for the labelled evaluation sets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Score:
    """Counts for one label (or one kind of item) and the figures derived from them."""

    name: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self) -> int:
        """How many items carry the label in the annotations."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 1.0


def score(name: str, pairs: Iterable[tuple[bool, bool]]) -> Score:
    """Score (expected, found) pairs for one label."""
    tp = fp = fn = 0
    for expected, found in pairs:
        tp += expected and found
        fp += found and not expected
        fn += expected and not found
    return Score(name, tp, fp, fn)


def table(title: str, scores: Sequence[Score]) -> str:
    """A fixed-width table: label, support, precision, recall, false positives and negatives."""
    header = ("label", "support", "precision", "recall", "fp", "fn")
    rows = [
        (
            s.name,
            str(s.support),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            str(s.false_positives),
            str(s.false_negatives),
        )
        for s in scores
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [title]
    for row in [header, *rows]:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    return "\n".join(lines)


EVAL_FILE = Path(__file__).parents[1] / "eval" / "apology_eval.yml"
"""The apology analyzer's evaluation set (tests/eval/)."""
