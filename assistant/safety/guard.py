"""The safety guard every turn passes: the learned screen first, the patterns second.

The learned screen (learned.py) reads meaning, so it catches wordings nobody wrote a
pattern for. The hand-written patterns (screen.py) are kept where they are precise: a
pattern that matches raises the learned screen's verdict by one step (nothing → a check,
a check → a clear crisis), but only when the classifier itself sees some sign of the same
kind (PATTERN_FLOOR), and a good deal of it to be sure (PATTERN_CONFIRMS). A pattern
alone never stops coaching: on sentences written fresh, patterns took
remorse and agreed transparency for crises (README, "Safety screen").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from assistant.safety.learned import CrisisScore, LearnedScreen
from assistant.safety.screen import SafetyFinding, SafetyKind, screen_all

__all__ = ["PATTERN_FLOOR", "SafetyGuard", "load_safety_guard"]

PATTERN_FLOOR = 0.15
"""A pattern counts only when the classifier gives its kind at least this probability."""

PATTERN_CONFIRMS = 0.6
"""A pattern makes a check sure only when the classifier is at least this sure itself."""

PatternScreen = Callable[[str], Sequence[SafetyFinding]]

_LABEL_KIND: dict[str, SafetyKind] = {
    "self_harm": "self_harm",
    "abuse_suffered": "abuse",
    "abuse_done": "abuse",
}


class SafetyGuard:
    """Callable text → findings (most urgent first), each certain or a check."""

    def __init__(self, learned: LearnedScreen, patterns: PatternScreen = screen_all) -> None:
        self._learned = learned
        self._patterns = patterns

    def __call__(self, text: str) -> tuple[SafetyFinding, ...]:
        return self.many([text])[0]

    def many(self, texts: Sequence[str]) -> list[tuple[SafetyFinding, ...]]:
        """What :meth:`__call__` finds in each text, the encoder reading them all at once."""
        patterns = [tuple(self._patterns(text)) for text in texts]
        # A pattern weighs the classifier's probability down to PATTERN_FLOOR, below the
        # bar under which the learned screen may leave its slow vote out: exact scores.
        exact = [bool(found) for found in patterns]
        every = self._learned.scores_many(texts, exact)
        return [self._combine(found, scores) for found, scores in zip(patterns, every, strict=True)]

    def _combine(
        self, patterns: Sequence[SafetyFinding], scores: Sequence[CrisisScore]
    ) -> tuple[SafetyFinding, ...]:
        learned = {finding.kind: finding for finding in self._learned.findings(scores)}
        for pattern in patterns:
            strength = _kind_probability(scores, pattern.kind)
            if strength < PATTERN_FLOOR:
                continue
            current = learned.get(pattern.kind)
            if current is None:
                learned[pattern.kind] = replace(pattern, certain=False, score=strength)
            elif not current.certain and strength >= PATTERN_CONFIRMS:
                learned[pattern.kind] = replace(current, certain=True)
        return tuple(learned[kind] for kind in ("self_harm", "abuse") if kind in learned)


def _kind_probability(scores: Sequence[CrisisScore], kind: SafetyKind) -> float:
    return max((s.probability for s in scores if _LABEL_KIND[s.label] == kind), default=0.0)


def load_safety_guard(model_dir: Path) -> SafetyGuard:
    """The guard with the shared encoder and the trained classifier from ``model_dir``.
    Raises EncoderModelError or DialogueModelError with the fixing command."""
    from assistant.encoder import load_encoder
    from assistant.safety.classifier import CrisisModel
    from assistant.safety.training import crisis_model_path

    encoder = load_encoder(model_dir)
    model = CrisisModel.load(crisis_model_path(model_dir))
    return SafetyGuard(LearnedScreen(encoder.features, model))
