"""Role-play content: the hurt partner's words for the listening and questions exercises.

Their shapes are frozen dataclasses (`base`); the scenarios themselves are data, one YAML
file each in `data/listening/` and `data/questions/`, read and checked on import (`files`).
"""

from __future__ import annotations

from actions.coaching.scenarios.base import (
    Ask,
    Feeling,
    HardQuestion,
    KeyPoint,
    ListeningScenario,
    QuestionsScenario,
    Segment,
    SegmentTiming,
)
from actions.coaching.scenarios.listening import LISTENING_SCENARIOS, get_listening_scenario
from actions.coaching.scenarios.questions import QUESTIONS_SCENARIOS, get_questions_scenario

__all__ = [
    "LISTENING_SCENARIOS",
    "QUESTIONS_SCENARIOS",
    "Ask",
    "Feeling",
    "HardQuestion",
    "KeyPoint",
    "ListeningScenario",
    "QuestionsScenario",
    "Segment",
    "SegmentTiming",
    "get_listening_scenario",
    "get_questions_scenario",
]
