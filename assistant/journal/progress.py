"""Progress from the journal: the facts for the spoken summary ("how am I doing?"), for
`kintsugi progress` (a table) and its picture (one chart per exercise).

`ProgressDialogue` hands the facts to the actions with every turn
(`actions.payloads.PROGRESS_CONTEXT_KEY`); the words are in actions.coaching.progress.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from actions.coaching.progress import GOOD_LABELS, ExerciseProgress, ProgressFacts
from actions.payloads import PROGRESS_CONTEXT_KEY
from assistant.dialogue.bridge import Dialogue, TurnResult
from assistant.errors import StorageError
from assistant.journal.commitments import COMMITMENTS_PREFIX, read_commitments, takes_context
from assistant.journal.store import Journal
from assistant.journal.time_apart import AGREEMENT_PREFIX, local_now

__all__ = ["ProgressDialogue", "progress_facts", "scores_by_exercise"]

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)


def _when(turn: Mapping[str, Any]) -> datetime:
    return datetime.fromisoformat(str(turn["recorded_at"]))


def _by_exercise(turns: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for turn in sorted(turns, key=_when):
        grouped[str(turn["exercise"])].append(turn)
    return grouped


def _problems(turn: Mapping[str, Any]) -> set[str]:
    return {str(label) for label in turn.get("labels") or [] if label not in GOOD_LABELS}


def _exercise(exercise: str, turns: list[dict[str, Any]], now: datetime) -> ExerciseProgress:
    scores = [float(turn["score"]) for turn in turns if turn.get("score") is not None]
    recent = turns[-2:] if len(turns) >= 3 else turns[-1:]
    earlier = turns[: len(turns) - len(recent)]
    seen_before = set().union(*(_problems(turn) for turn in earlier)) if earlier else set()
    seen_recently = set().union(*(_problems(turn) for turn in recent))
    last_three = [_problems(turn) for turn in turns[-3:]]
    recurring = sorted(
        label
        for label in set().union(*last_three)
        if sum(label in found for found in last_three) >= 2
    )
    return ExerciseProgress(
        exercise=exercise,
        attempts=len(turns),
        this_week=sum(1 for turn in turns if now - _when(turn) <= WEEK),
        first_score=scores[0] if scores else None,
        latest_score=scores[-1] if scores else None,
        improved=sorted(seen_before - seen_recently),
        recurring=recurring,
    )


def progress_facts(data: Mapping[str, Any], now: datetime) -> ProgressFacts:
    """The facts in a journal export (`Journal.export()`), as of `now`."""
    grouped = _by_exercise(list(data.get("turns") or []))
    exercises = sorted(
        (_exercise(name, turns, now) for name, turns in grouped.items()),
        key=lambda item: -item["attempts"],
    )
    counts = {"made": 0, "kept": 0, "partly": 0, "missed": 0}
    apart_days: int | None = None
    for item in data.get("progress") or []:
        key = str(item.get("key"))
        if key.startswith(COMMITMENTS_PREFIX):
            for record in read_commitments(item.get("value")):
                counts["made"] += 1
                for outcome in record.get("outcomes") or []:
                    if outcome in counts:
                        counts[outcome] += 1
        elif key.startswith(AGREEMENT_PREFIX):
            began = datetime.fromisoformat(str(item["updated_at"]))
            apart_days = max(0, (now - began).days)
    return ProgressFacts(
        exercises=exercises,
        commitments={
            "made": counts["made"],
            "kept": counts["kept"],
            "partly": counts["partly"],
            "missed": counts["missed"],
        },
        apart_days=apart_days,
    )


def scores_by_exercise(data: Mapping[str, Any]) -> dict[str, list[tuple[datetime, float]]]:
    """Each exercise's scored attempts, in time order (exercises without scores left out)."""
    scored: dict[str, list[tuple[datetime, float]]] = {}
    for exercise, turns in _by_exercise(list(data.get("turns") or [])).items():
        points = [
            (_when(turn), float(turn["score"])) for turn in turns if turn.get("score") is not None
        ]
        if points:
            scored[exercise] = points
    return scored


class ProgressDialogue:
    """A Dialogue that hands the journal's progress facts to the actions with every turn."""

    def __init__(
        self,
        inner: Dialogue,
        journal: Journal | None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        self.inner = inner
        self._journal = journal
        self._clock = clock

    def opening(self, sender: str) -> list[str]:
        inner = getattr(self.inner, "opening", None)
        return list(inner(sender)) if callable(inner) else []

    def facts(self) -> ProgressFacts | None:
        if self._journal is None:
            return None
        try:
            return progress_facts(self._journal.export(), self._clock())
        except StorageError as error:
            logger.warning("progress could not be read from the journal: %s", error)
            return None

    async def handle(
        self, sender: str, text: str, audio: Mapping[str, Any] | None = None
    ) -> TurnResult:
        context = {PROGRESS_CONTEXT_KEY: self.facts()}
        if takes_context(self.inner):
            return await self.inner.handle(sender, text, audio, context=context)  # type: ignore[call-arg]
        return await self.inner.handle(sender, text, audio)
