"""`Journal.forget_since`: what a spoken "forget that" erases, and what it leaves alone."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from assistant.errors import StorageError
from assistant.journal.store import JOURNAL_FILENAME, Journal
from assistant.settings import PrivacySettings
from tests.support.journal import WORDS, FakeClock, every_byte, feedback_turn


def test_forget_since_erases_only_the_latest_records(tmp_path: Path) -> None:
    clock = FakeClock()
    privacy = PrivacySettings(data_dir=tmp_path, keep_transcripts=True)
    with Journal.open(privacy, clock=clock) as journal:
        assert journal.record_turn(feedback_turn("an earlier attempt", score=40)).saved
        journal.save_progress("reflection", json.dumps({"step": 2}))
        clock.now += timedelta(hours=2)
        session_start = clock.now
        clock.now += timedelta(seconds=30)
        assert journal.record_turn(feedback_turn(score=71)).saved
        journal.save_progress("commitment", json.dumps({"text": "call on sundays"}))
        clock.now += timedelta(seconds=5)

        assert journal.forget_since(session_start) == 2

        kept = journal.export()
        assert [turn["score"] for turn in kept["turns"]] == [40]
        assert [item["key"] for item in kept["progress"]] == ["reflection"]
        assert journal.forget_since(session_start) == 0
    # The erased words are gone from every byte of the files, not just hidden.
    assert WORDS.encode() not in every_byte(tmp_path)


def test_forget_since_counts_a_record_from_the_very_second_the_session_began(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    with Journal.open(PrivacySettings(data_dir=tmp_path), clock=clock) as journal:
        began = clock.now + timedelta(microseconds=700_000)
        journal.record_turn(feedback_turn())  # stored with whole seconds, before `began`
        assert journal.forget_since(began) == 1


def test_forget_since_reaches_records_still_waiting_in_memory(tmp_path: Path) -> None:
    clock = FakeClock()
    began = clock.now
    path = tmp_path / JOURNAL_FILENAME
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE other (x)")
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file: writes are held
    try:
        with Journal.open(PrivacySettings(data_dir=tmp_path), clock=clock) as journal:
            assert not journal.record_turn(feedback_turn()).saved
            assert journal.held == 1
            with pytest.raises(StorageError, match="kintsugi journal forget"):
                journal.forget_since(began)
            assert journal.held == 0  # the held record is dropped even though the file is busy
    finally:
        holder.rollback()
        holder.close()


def test_forget_since_on_an_empty_journal_creates_nothing(tmp_path: Path) -> None:
    clock = FakeClock()
    with Journal.open(PrivacySettings(data_dir=tmp_path / "data"), clock=clock) as journal:
        assert journal.forget_since(clock.now) == 0
    assert not (tmp_path / "data").exists()
