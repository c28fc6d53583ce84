"""Stage-latency breakdown from an events file: where the time between the user falling silent
and the assistant's first audio goes.

Per turn: speech end → final transcript (recognizer) → dialogue reply (Rasa) → first sentence
synthesized (espeak-ng) → first audio out (speaker). The bench reports medians of these.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.events import read_events

STAGES = ("recognize", "dialogue", "synthesize", "playback_start")
"""Stage names in order; each is the time from the previous milestone to the next."""


@dataclass(frozen=True)
class TurnLatency:
    """Milestone gaps of one user turn, in seconds."""

    recognize: float
    """Speech end → final transcript."""

    dialogue: float
    """Final transcript → dialogue reply."""

    synthesize: float
    """Dialogue reply → first sentence rendered."""

    playback_start: float
    """First sentence rendered → first audio handed to the speaker."""

    @property
    def total(self) -> float:
        """Speech end → first audio out."""
        return self.recognize + self.dialogue + self.synthesize + self.playback_start


def turn_latencies(events: Iterable[Mapping[str, Any]]) -> list[TurnLatency]:
    """Complete turns found in a sequence of logged events (see `EventLog`)."""
    turns: list[TurnLatency] = []
    marks: dict[str, float] = {}
    for event in events:
        name, t = event["event"], float(event["t"])
        if name == "SpeechEnded":
            marks = {"speech_end": t}
        elif name in ("Transcript", "NotUnderstood") and "speech_end" in marks:
            marks.setdefault("transcript", t)
        elif name == "DialogueReply" and "transcript" in marks:
            marks.setdefault("reply", t)
        elif name == "SynthesisDone" and "reply" in marks:
            marks.setdefault("synth", t)
        elif name == "PlaybackStarted" and "synth" in marks:
            turns.append(
                TurnLatency(
                    recognize=marks["transcript"] - marks["speech_end"],
                    dialogue=marks["reply"] - marks["transcript"],
                    synthesize=marks["synth"] - marks["reply"],
                    playback_start=t - marks["synth"],
                )
            )
            marks = {}
    return turns


def breakdown(path: Path) -> dict[str, Any]:
    """Median of each stage and of the total over all complete turns in an events file."""
    turns = turn_latencies(read_events(path))
    if not turns:
        return {"turns": 0}
    result: dict[str, Any] = {"turns": len(turns)}
    for stage in (*STAGES, "total"):
        values = [getattr(turn, stage) for turn in turns]
        result[f"{stage}_median_s"] = round(statistics.median(values), 4)
    return result


def format_breakdown(summary: Mapping[str, Any]) -> str:
    """A few human-readable lines, for the bench and the README."""
    if not summary.get("turns"):
        return "no complete turns in the events file"
    lines = [f"turns: {summary['turns']} (medians)"]
    for stage in (*STAGES, "total"):
        lines.append(f"  {stage:<15} {summary[f'{stage}_median_s'] * 1000:8.1f} ms")
    return "\n".join(lines)
