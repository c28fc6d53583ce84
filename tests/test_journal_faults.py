"""Storage faults: the session goes on, the user is told, and nothing already saved is lost.

Each fault is real, not mocked: a process SIGKILLed inside a write transaction, another
connection holding the write lock, garbage in the file, and SQLite's own "disk is full"
(SQLITE_FULL, through `PRAGMA max_page_count`, which works on any file system).
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.dialogue.bridge import TurnResult
from assistant.errors import StorageError
from assistant.journal import store as journal_module
from assistant.journal.store import (
    JOURNAL_FILENAME,
    MESSAGE_DISK_FULL,
    MESSAGE_LOCKED,
    MESSAGE_RECOVERED,
    Journal,
    WriteStatus,
)
from assistant.paths import PROJECT_ROOT
from assistant.settings import PrivacySettings
from tests.support.journal import feedback_turn

CHILD_WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path
    from assistant.journal.store import Journal
    from assistant.settings import PrivacySettings
    from tests.support.journal import feedback_turn

    class StallAtCommit(sqlite3.Connection):
        # Everything of the write is done except COMMIT; the parent kills us here.
        def execute(self, sql, *args):
            if sql == "COMMIT":
                print("mid-write", flush=True)
                time.sleep(60)
            return super().execute(sql, *args)

    def connect(path):
        connection = sqlite3.connect(str(path), factory=StallAtCommit, check_same_thread=False)
        # A tiny page cache makes SQLite spill the uncommitted pages into the WAL file, so
        # the kill leaves a torn transaction on disk, not just in memory.
        connection.execute("PRAGMA cache_size = 10")
        return connection

    settings = PrivacySettings(data_dir=Path(sys.argv[1]), keep_transcripts=True)
    journal = Journal.open(settings, connect=connect)
    journal.record_turn(feedback_turn(text="unsaved " * 100_000, score=99, attempt=9))
    """
)


def settings_for(data_dir: Path, *, keep_transcripts: bool = False) -> PrivacySettings:
    return PrivacySettings(data_dir=data_dir, keep_transcripts=keep_transcripts)


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def scores_on_disk(path: Path) -> list[float]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT score FROM turns ORDER BY id")]
    finally:
        connection.close()


def test_a_write_killed_mid_transaction_loses_nothing_saved_before(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / JOURNAL_FILENAME
    with Journal.open(settings_for(data_dir)) as journal:
        for score in (40, 55):
            assert journal.record_turn(feedback_turn(score=score)).saved

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_WRITER, str(data_dir)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 20)
        assert ready, "the child never reached its write"
        assert child.stdout.readline().strip() == "mid-write"
        # The torn transaction really is on disk: its pages spilled into the WAL.
        assert (data_dir / f"{JOURNAL_FILENAME}-wal").stat().st_size > 100_000
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    assert integrity(database) == "ok"
    assert scores_on_disk(database) == [40, 55]
    with Journal.open(settings_for(data_dir)) as journal:
        assert journal.take_notice() is None  # nothing damaged, nothing to tell
        assert journal.record_turn(feedback_turn(score=70)).saved
        assert [turn["score"] for turn in journal.export()["turns"]] == [40, 55, 70]
    assert b"unsaved unsaved" not in database.read_bytes()
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in data_dir.iterdir())


def test_a_locked_database_holds_the_record_and_saves_it_later(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / JOURNAL_FILENAME
    with Journal.open(settings_for(data_dir), busy_timeout_ms=20) as journal:
        assert journal.record_turn(feedback_turn(score=40)).saved

        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            first = journal.record_turn(feedback_turn(score=55))
            assert first.status is WriteStatus.HELD
            assert first.message == MESSAGE_LOCKED
            # Still locked: the record waits, and the user is not told again every turn.
            second = journal.record_turn(feedback_turn(score=60))
            assert second.status is WriteStatus.HELD
            assert second.message is None
            assert second.held == 2
            # Reading still works while another program writes.
            assert [turn["saved"] for turn in journal.export()["turns"]] == [True, False, False]
        finally:
            other.execute("COMMIT")
            other.close()

        third = journal.record_turn(feedback_turn(score=70))
        assert third.saved and third.held == 0
        assert third.message == MESSAGE_RECOVERED
    assert scores_on_disk(database) == [40, 55, 60, 70]


def test_a_turn_without_feedback_retries_held_records(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / JOURNAL_FILENAME
    with Journal.open(settings_for(data_dir), busy_timeout_ms=20) as journal:
        journal.record_turn(feedback_turn(score=40))
        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        assert not journal.record_turn(feedback_turn(score=55)).saved
        other.execute("ROLLBACK")
        other.close()
        small_talk = TurnResult("alice", "ok", "affirm", 0.9, None, None, ["Good."])
        retried = journal.record_turn(small_talk)
        assert retried.status is WriteStatus.NOT_RECORDED
        assert retried.held == 0 and retried.message == MESSAGE_RECOVERED
    assert scores_on_disk(database) == [40, 55]


def test_held_records_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_module, "MAX_HELD_RECORDS", 3)
    data_dir = tmp_path / "data"
    database = data_dir / JOURNAL_FILENAME
    with Journal.open(settings_for(data_dir), busy_timeout_ms=5) as journal:
        journal.record_turn(feedback_turn(score=1))
        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        for score in range(10, 15):
            assert journal.record_turn(feedback_turn(score=score)).held <= 3
        other.execute("COMMIT")
        other.close()
        recovered = journal.record_turn(feedback_turn(score=99))
        assert recovered.saved
        assert recovered.message is not None and "could not be kept" in recovered.message
    # The newest held records survive; the oldest were dropped to stay bounded.
    assert scores_on_disk(database) == [1, 13, 14, 99]


def test_forget_while_another_program_writes_erases_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / JOURNAL_FILENAME
    with Journal.open(settings_for(data_dir), busy_timeout_ms=20) as journal:
        journal.record_turn(feedback_turn(score=40))
        other = sqlite3.connect(database, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StorageError, match="run `kintsugi journal forget` again"):
                journal.forget()
        finally:
            other.execute("COMMIT")
            other.close()
    assert scores_on_disk(database) == [40]


def test_a_corrupt_file_is_set_aside_kept_and_a_new_one_started(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    database = data_dir / JOURNAL_FILENAME
    garbage = random.Random(4).randbytes(3 * 4096)
    database.write_bytes(garbage)
    os.chmod(database, 0o644)

    with Journal.open(settings_for(data_dir)) as journal:
        first = journal.record_turn(feedback_turn(score=50))
        assert first.saved
        assert first.message is not None and "set it aside" in first.message
        # Told once: the next write has nothing to add.
        assert journal.record_turn(feedback_turn(score=60)).message is None
        assert [turn["score"] for turn in journal.export()["turns"]] == [50, 60]

    [aside] = data_dir.glob(f"{JOURNAL_FILENAME}.corrupt-*")
    assert aside.name in first.message
    assert aside.read_bytes() == garbage  # kept as it was, for the user or for recovery
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert integrity(database) == "ok"


def test_damaged_pages_in_a_real_journal_are_found_at_open(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / JOURNAL_FILENAME
    with Journal.open(settings_for(data_dir)) as journal:
        for score in range(30):
            journal.record_turn(feedback_turn(score=score))
    # Keep the valid header page, scribble over the table pages after it.
    with database.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xff" * 4096 * 2)

    with Journal.open(settings_for(data_dir)) as journal:
        notice = journal.take_notice()
        assert notice is not None and "damaged" in notice
        assert journal.take_notice() is None
        assert journal.export()["turns"] == []
        assert journal.record_turn(feedback_turn(score=80)).message is None
    assert len(list(data_dir.glob(f"{JOURNAL_FILENAME}.corrupt-*"))) == 1
    assert scores_on_disk(database) == [80]


def test_a_full_disk_is_reported_and_nothing_earlier_is_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / JOURNAL_FILENAME
    limit = {"pages": 12}

    def connect_with_a_size_limit(path: Path) -> sqlite3.Connection:
        # SQLITE_FULL is what SQLite reports when the disk fills; `max_page_count` makes it
        # report the same error at a size we choose, on any file system.
        connection = sqlite3.connect(str(path), check_same_thread=False)
        connection.execute(f"PRAGMA max_page_count = {limit['pages']}")
        return connection

    settings = settings_for(data_dir, keep_transcripts=True)
    with Journal.open(settings, connect=connect_with_a_size_limit) as journal:
        assert journal.record_turn(feedback_turn(text="short", score=40)).saved

        full = journal.record_turn(feedback_turn(text="long " * 20_000, score=55))
        assert full.status is WriteStatus.HELD
        assert full.message == MESSAGE_DISK_FULL
        assert integrity(database) == "ok"
        assert scores_on_disk(database) == [40]

        still_full = journal.record_turn(feedback_turn(text="short", score=60))
        assert still_full.status is WriteStatus.HELD and still_full.message is None

        limit["pages"] = 100_000  # space was freed
        freed = journal.record_turn(feedback_turn(text="short", score=70))
        assert freed.saved and freed.message == MESSAGE_RECOVERED
    assert scores_on_disk(database) == [40, 55, 60, 70]
    assert integrity(database) == "ok"


def test_an_unusable_data_folder_does_not_stop_the_session(tmp_path: Path) -> None:
    # A file where the data folder should be: nothing can be created under it.
    blocker = tmp_path / "data"
    blocker.write_bytes(b"not a folder")
    with Journal.open(settings_for(blocker / "kintsugi")) as journal:
        result = journal.record_turn(feedback_turn())
        assert result.status is WriteStatus.HELD
        assert result.message is not None and "can't write" in result.message
    assert blocker.read_bytes() == b"not a folder"
