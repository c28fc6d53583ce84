"""Progress from the journal: the facts, the spoken summary, `kintsugi progress` (a table
and a picture with one panel per exercise), and no internal keys anywhere a user reads."""

from __future__ import annotations

import argparse
import json
import re
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from actions.coaching.listening_feedback import compose_listening_feedback
from actions.coaching.progress import NOTHING_YET, progress_lines
from actions.coaching.scenarios.listening import LISTENING_SCENARIOS
from assistant.cli.journal import summarize
from assistant.cli.progress import add_progress_command, cmd_progress
from assistant.journal.commitments import commitments_key
from assistant.journal.progress import progress_facts
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings, Settings

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
KEY = re.compile(r"[a-z]+[-_/][a-z0-9_/-]+")


def turn(days_ago: float, exercise: str, score: float, labels: list[str]) -> dict[str, Any]:
    return {
        "recorded_at": (NOW - timedelta(days=days_ago)).isoformat(),
        "session": "s",
        "exercise": exercise,
        "score": score,
        "attempt": 1,
        "labels": labels,
    }


EXPORT: dict[str, Any] = {
    "turns": [
        turn(20, "apology", 40, ["regret", "excuse", "but_undoing"]),
        turn(12, "apology", 55, ["regret", "excuse"]),
        turn(3, "apology", 70, ["regret", "responsibility", "but_undoing"]),
        turn(2, "apology", 80, ["regret", "responsibility", "but_undoing"]),
        turn(1, "listening", 60, ["feeling_named", "interrupting"]),
    ],
    "progress": [
        {
            "key": commitments_key("default"),
            "value": [
                {
                    "id": "a1",
                    "text": "I'll text you when I leave work",
                    "partner": "her",
                    "made": "2026-11-20T18:00:00+00:00",
                    "checked": "2026-11-27T18:00:00+00:00",
                    "outcomes": ["kept", "missed", "kept"],
                }
            ],
            "updated_at": "2026-11-27T18:00:00+00:00",
        },
        {
            "key": "time-apart/0123456789abcdef",
            "value": {"until": "2026-12-06T18:00:00+00:00"},
            "updated_at": "2026-11-29T10:00:00+00:00",
        },
        {"key": "guided-position/37a8eec1ce19687d", "value": {}, "updated_at": "x"},
    ],
}


def test_the_facts_count_tries_labels_promises_and_days_apart() -> None:
    facts = progress_facts(EXPORT, NOW)
    apology, listening = facts["exercises"]
    assert apology["exercise"] == "apology" and apology["attempts"] == 4
    assert apology["this_week"] == 2
    assert (apology["first_score"], apology["latest_score"]) == (40, 80)
    assert apology["improved"] == ["excuse"]
    assert apology["recurring"] == ["but_undoing"]
    assert listening["attempts"] == 1
    assert facts["commitments"] == {"made": 1, "kept": 2, "partly": 0, "missed": 1}
    assert facts["apart_days"] == 3


def test_the_summary_is_a_few_plain_sentences_without_keys() -> None:
    lines = progress_lines(progress_facts(EXPORT, NOW))
    spoken = " ".join(lines)
    assert 3 <= len(lines) <= 6
    assert "This past week you practised an apology twice and listening once. 5 tries" in spoken
    assert "Your apology score went from 40 to 80." in spoken
    assert "Excuses has gone" in spoken or "Excuses have gone" in spoken
    assert "“sorry, but” keeps coming back" in spoken.replace("“Sorry", "“sorry")
    assert "you kept 2 of 3" in spoken
    assert "The time apart began 3 days ago." in spoken
    assert not KEY.search(spoken.replace("time apart", "")), spoken


def test_an_empty_journal_says_there_is_nothing_yet_and_how_to_start() -> None:
    empty = progress_facts({"turns": [], "progress": []}, NOW)
    assert progress_lines(empty) == [NOTHING_YET]
    assert progress_lines(None) == [NOTHING_YET]
    assert "practise an apology" in NOTHING_YET


def test_journal_show_names_saved_items_in_words() -> None:
    text = summarize({**EXPORT, "transcripts_kept": False}, Path("/data"))
    assert "guided-position" not in text and "time-apart/" not in text
    assert "where a reflection was paused" in text
    assert "promises you asked me to keep" in text


def test_listening_and_questions_feedback_carry_a_score_and_labels() -> None:
    scenario = (
        next(iter(LISTENING_SCENARIOS.values()))
        if isinstance(LISTENING_SCENARIOS, dict)
        else LISTENING_SCENARIOS[0]
    )
    feedback = compose_listening_feedback(scenario, "you felt hurt", [3.0]).to_dict()
    assert isinstance(feedback["score"], int) and 0 <= feedback["score"] <= 100
    assert "interrupting" in feedback["labels"]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kintsugi")
    add_progress_command(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


@pytest.fixture
def filled(tmp_path: Path) -> Settings:
    settings = Settings(privacy=PrivacySettings(data_dir=tmp_path / "data"))
    clock = _Clock(datetime.now(timezone.utc) - timedelta(days=6))
    with Journal.open(settings.privacy, clock=clock) as journal:
        for exercise, scores in (("apology", (35, 50, 72)), ("questions", (60, 80))):
            for attempt, score in enumerate(scores, start=1):
                journal.record_turn(_Turn(exercise, score, attempt))
                clock.now += timedelta(days=1)
        journal.save_progress(
            commitments_key("default"), json.dumps(EXPORT["progress"][0]["value"])
        )
    return settings


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class _Turn:
    def __init__(self, exercise: str, score: float, attempt: int) -> None:
        self.text = "words"
        self.exercise = exercise
        self.safety = None
        self.feedback = {"exercise": exercise, "score": score, "attempt": attempt}


def test_progress_prints_a_table(filled: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_progress(parse("progress"), filled) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["Exercise", "Tries", "This"]
    assert re.search(r"Apology\s+3\s+3\s+35\s+72\s+72", out), out
    assert re.search(r"Answering questions\s+2\s+2\s+60\s+80\s+80", out), out
    assert "Promises you asked me to keep: 1; check-ins: kept 2, partly 0, missed 1." in out


def test_progress_draws_one_panel_per_exercise_with_data(
    filled: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from matplotlib import image

    out = tmp_path / "p.png"
    assert cmd_progress(parse("progress", "--out", str(out)), filled) == 0
    assert "Drew 2 charts" in capsys.readouterr().out
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pixels = image.imread(str(out))
    assert pixels.shape[0] > pixels.shape[1] * 0.6  # two panels stacked
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []  # the figure was closed


def test_progress_on_an_empty_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(privacy=PrivacySettings(data_dir=tmp_path / "empty"))
    assert cmd_progress(parse("progress", "--out", str(tmp_path / "p.png")), settings) == 0
    out = capsys.readouterr().out
    assert NOTHING_YET in out and "No picture drawn" in out
    assert not (tmp_path / "p.png").exists()
