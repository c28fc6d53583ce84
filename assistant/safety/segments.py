"""The pieces the crisis classifier reads: sentences, windows of long sentences, and a short
turn whole. The cutting lives in actions/coaching/pieces.py, shared with the learned apology
labels; this module keeps the safety code's names."""

from __future__ import annotations

from actions.coaching.pieces import (
    LONG_SENTENCE_WORDS,
    MAX_SEGMENTS,
    WHOLE_TURN_MAX_WORDS,
    WINDOW_STRIDE,
    WINDOW_WORDS,
    Segment,
    segments,
)

__all__ = [
    "LONG_SENTENCE_WORDS",
    "MAX_SEGMENTS",
    "WHOLE_TURN_MAX_WORDS",
    "WINDOW_STRIDE",
    "WINDOW_WORDS",
    "Segment",
    "segments",
]
