"""The journal keeps only what the user may keep, owner-only, and gives it all back or erases it."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.dialogue.bridge import TurnResult
from assistant.errors import StorageError
from assistant.journal.store import JOURNAL_FILENAME, Journal, WriteStatus
from assistant.settings import PrivacySettings
from tests.support.journal import WORDS, FakeClock, every_byte, feedback_turn


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def journal(data_dir: Path) -> Iterator[Journal]:
    with Journal.open(PrivacySettings(data_dir=data_dir)) as opened:
        yield opened


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_feedback_turn_keeps_scores_and_labels_but_not_the_words(
    journal: Journal, data_dir: Path
) -> None:
    result = journal.record_turn(feedback_turn(score=62, attempt=2))
    assert result.saved and result.message is None

    [turn] = journal.export()["turns"]
    assert turn["exercise"] == "apology"
    assert turn["score"] == 62
    assert turn["attempt"] == 2
    assert turn["labels"] == ["but_undoing"]
    assert "transcript" not in turn
    assert datetime.fromisoformat(turn["recorded_at"]).utcoffset() == timedelta(0)

    # Neither the text nor the phrase the feedback quoted reaches the disk: not in the
    # database, not in the WAL, not after closing either.
    assert WORDS.encode() not in every_byte(data_dir)
    journal.close()
    assert WORDS.encode() not in every_byte(data_dir)


def test_the_words_are_kept_only_with_consent(data_dir: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=data_dir, keep_transcripts=True)) as journal:
        journal.record_turn(feedback_turn())
        [turn] = journal.export()["turns"]
    assert turn["transcript"] == f"I am sorry {WORDS}"
    # The control for the test above: the grep does find words that are stored.
    assert WORDS.encode() in every_byte(data_dir)


def test_a_safety_turn_leaves_no_trace_even_with_consent(data_dir: Path) -> None:
    settings = PrivacySettings(data_dir=data_dir, keep_transcripts=True)
    with Journal.open(settings) as journal:
        for kind in ("self_harm", "abuse"):
            result = journal.record_turn(feedback_turn(safety=kind))
            assert result.status is WriteStatus.NOT_RECORDED
            assert result.message is None
        assert journal.export()["turns"] == []
    # Not even an empty row: the file was never created.
    assert not (data_dir / JOURNAL_FILENAME).exists()

    with Journal.open(settings) as journal:
        journal.record_turn(feedback_turn(text="I practised"))
        journal.record_turn(feedback_turn(safety="abuse"))
        assert len(journal.export()["turns"]) == 1
    assert WORDS.encode() not in every_byte(data_dir)


def test_a_turn_without_feedback_is_not_recorded(journal: Journal, data_dir: Path) -> None:
    turn = TurnResult("alice", "hello", "greet", 0.99, None, None, ["Hi."])
    assert journal.record_turn(turn).status is WriteStatus.NOT_RECORDED
    assert not data_dir.exists()


def test_only_identifiers_are_kept_as_labels(journal: Journal) -> None:
    feedback = {
        "exercise": "apology",
        "score": 40,
        "attempt": 1,
        "components": {"acknowledge": True, "repair": {"present": False}, "regret": 1},
        "findings": [
            {"label": "blame_shift", "phrase": "you made me"},
            {"label": "you made me do it"},  # a sentence posing as a label: dropped
            "conditional",
        ],
        "anti_patterns": [{"label": "conditional"}, 42],
    }
    journal.record_turn(feedback_turn(feedback=feedback))
    [turn] = journal.export()["turns"]
    assert turn["labels"] == ["acknowledge", "regret", "blame_shift", "conditional"]


def test_files_are_owner_only_including_wal_and_shm(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    previous = os.umask(0o022)  # a typical, permissive umask
    try:
        with Journal.open(PrivacySettings(data_dir=data_dir)) as journal:
            journal.record_turn(feedback_turn())
            journal.save_progress("commitment", json.dumps({"text": "call if late"}))
            files = {path.name: mode(path) for path in data_dir.iterdir()}
    finally:
        os.umask(previous)
    assert mode(data_dir) == 0o700
    assert files == {
        JOURNAL_FILENAME: 0o600,
        f"{JOURNAL_FILENAME}-wal": 0o600,
        f"{JOURNAL_FILENAME}-shm": 0o600,
    }
    assert mode(data_dir / JOURNAL_FILENAME) == 0o600


def test_the_database_is_in_wal_mode(journal: Journal, data_dir: Path) -> None:
    journal.record_turn(feedback_turn())
    with sqlite3.connect(data_dir / JOURNAL_FILENAME) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def test_progress_is_resumed_within_its_age_and_not_after(data_dir: Path) -> None:
    clock = FakeClock()
    with Journal.open(PrivacySettings(data_dir=data_dir), clock=clock) as journal:
        state = json.dumps({"reflection": "evening", "step": 3})
        assert journal.save_progress("reflection", state).saved
        clock.now += timedelta(hours=5)

    # A later run of the app, the same day: the paused reflection can be resumed.
    with Journal.open(PrivacySettings(data_dir=data_dir), clock=clock) as journal:
        assert journal.load_progress("reflection", max_age=timedelta(days=1)) == state
        assert journal.load_progress("reflection", max_age=timedelta(hours=4)) is None
        assert journal.load_progress("nothing-here", max_age=timedelta(days=1)) is None
        clock.now += timedelta(days=1)
        assert journal.load_progress("reflection", max_age=timedelta(days=1)) is None

        # Saving again replaces the value and refreshes its age.
        journal.save_progress("reflection", json.dumps({"step": 4}))
        assert journal.load_progress("reflection", timedelta(minutes=1)) == '{"step": 4}'
        assert journal.clear_progress("reflection").saved
        assert journal.load_progress("reflection", timedelta(days=1)) is None
        assert journal.export()["progress"] == []


def test_progress_must_be_json(journal: Journal) -> None:
    with pytest.raises(ValueError):
        journal.save_progress("window", "not json")
    with pytest.raises(ValueError):
        journal.save_progress("", "{}")


def test_reading_an_empty_journal_creates_nothing(journal: Journal, data_dir: Path) -> None:
    data = journal.export()
    assert data["turns"] == [] and data["progress"] == []
    assert journal.load_progress("reflection", timedelta(days=1)) is None
    assert journal.forget() == 0
    assert not data_dir.exists()


def test_export_then_forget_round_trip(data_dir: Path) -> None:
    clock = FakeClock()
    settings = PrivacySettings(data_dir=data_dir, keep_transcripts=True)
    with Journal.open(settings, clock=clock) as journal:
        for attempt, score in enumerate((40, 55, 80), start=1):
            journal.record_turn(feedback_turn(score=score, attempt=attempt))
            clock.now += timedelta(minutes=2)
        journal.save_progress("time_apart", json.dumps({"minutes": 30, "until": "20:00"}))

        exported = journal.export()
        # JSON-able as it stands, and it says what it is.
        assert json.loads(json.dumps(exported)) == exported
        assert exported["format"] == "kintsugi-journal"
        assert exported["transcripts_kept"] is True
        assert [turn["score"] for turn in exported["turns"]] == [40, 55, 80]
        assert [turn["recorded_at"] for turn in exported["turns"]] == [
            "2026-03-01T09:30:00+00:00",
            "2026-03-01T09:32:00+00:00",
            "2026-03-01T09:34:00+00:00",
        ]
        assert len({turn["session"] for turn in exported["turns"]}) == 1
        assert exported["turns"][0]["session"] != "alice"  # never the sender id
        assert exported["progress"] == [
            {
                "key": "time_apart",
                "value": {"minutes": 30, "until": "20:00"},
                "updated_at": "2026-03-01T09:36:00+00:00",
                "saved": True,
            }
        ]

        assert journal.forget() == 4
        assert list(data_dir.iterdir()) == []
        assert journal.export()["turns"] == []

        # The journal still works after forgetting, from a fresh file.
        assert journal.record_turn(feedback_turn()).saved
        assert len(journal.export()["turns"]) == 1
    with Journal.open(settings) as journal:
        assert journal.forget() == 1
    assert list(data_dir.iterdir()) == []


def test_a_journal_from_a_newer_version_is_left_alone(data_dir: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=data_dir)) as journal:
        journal.record_turn(feedback_turn())
    other = sqlite3.connect(data_dir / JOURNAL_FILENAME)
    other.execute("PRAGMA user_version = 99")
    other.close()

    with Journal.open(PrivacySettings(data_dir=data_dir)) as journal:
        result = journal.record_turn(feedback_turn())
        assert result.status is WriteStatus.HELD
        assert result.message is not None and "newer Kintsugi" in result.message
        with pytest.raises(StorageError, match="newer Kintsugi"):
            journal.export()
    # Not moved aside, not rewritten.
    assert sorted(path.name for path in data_dir.iterdir()) == [JOURNAL_FILENAME]
