"""The events log format and the stage-latency breakdown computed from it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.events import (
    AudioChunk,
    DialogueReply,
    EventLog,
    PlaybackStarted,
    SpeechEnded,
    SynthesisDone,
    Transcript,
    Word,
    read_events,
)
from assistant.voice.latency import breakdown, format_breakdown, turn_latencies


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_events_are_json_lines_with_monotonic_times_and_no_audio(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "ev.jsonl"
    with EventLog(path, clock=clock) as log:
        log.emit(AudioChunk(np.ones(320, np.int16), 1.0))  # never logged
        log.emit(Transcript("hello there", (Word("hello", 0.0, 0.4, 0.9),)))
        clock.now = 100.5
        log.emit(PlaybackStarted("Hi."))
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["event"] for line in lines] == ["Transcript", "PlaybackStarted"]
    assert lines[0]["t"] == 100.0 and lines[1]["t"] == 100.5
    assert lines[0]["words"][0] == {
        "word": "hello",
        "start_s": 0.0,
        "end_s": 0.4,
        "confidence": 0.9,
    }
    assert "samples" not in path.read_text(encoding="utf-8")


def test_stage_breakdown_from_an_events_file(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "ev.jsonl"
    with EventLog(path, clock=clock) as log:
        for offset in (0.0, 10.0):
            clock.now = 100 + offset
            log.emit(SpeechEnded("silence", 2.0))
            clock.now += 0.05
            log.emit(Transcript("hello"))
            clock.now += 0.02
            log.emit(DialogueReply(("Hi.",), "answer"))
            clock.now += 0.01
            log.emit(SynthesisDone("Hi.", 0.5))
            clock.now += 0.001
            log.emit(PlaybackStarted("Hi."))
    turns = turn_latencies(read_events(path))
    assert len(turns) == 2
    summary = breakdown(path)
    assert summary["turns"] == 2
    assert abs(summary["recognize_median_s"] - 0.05) < 1e-3
    assert abs(summary["total_median_s"] - 0.081) < 1e-3
    assert "recognize" in format_breakdown(summary)
    assert format_breakdown({"turns": 0}).startswith("no complete turns")
