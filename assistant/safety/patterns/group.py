"""One group of the safety screen's patterns: a kind, who did it, and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from actions.coaching.safety.kinds import AbuseRole, SafetyKind


@dataclass(frozen=True)
class PatternGroup:
    """Templates over normalised words (``<NAME>`` stands for a block, see `blocks`)."""

    kind: SafetyKind
    role: AbuseRole | Literal["auto"] | None
    """For abuse: who is harmed, or "auto" to read it from the match's subject and object."""
    templates: tuple[str, ...]


def group(
    kind: SafetyKind, role: AbuseRole | Literal["auto"] | None, *templates: str
) -> PatternGroup:
    return PatternGroup(kind, role, templates)
