"""The local journal: what the user may keep, exported or forgotten on request.

One SQLite file, `<data_dir>/journal.sqlite3`, owner-only like everything else the app
writes. What goes in:

- one row per coaching-feedback turn: when (UTC), which exercise, the score, the finding
  labels (components and anti-patterns, as identifiers), the attempt number, and which run
  of the app it came from. The user's words are stored only when `keep_transcripts` is on
  (explicit consent), and never a quoted phrase from the feedback;
- "progress" records, key to JSON value, for things the user asked to keep or to resume
  (a paused guided reflection, an agreed time-apart window, a commitment).

Turns the safety screen flagged leave no trace at all, not even a row without text: the
fact that someone disclosed self-harm or abuse is itself sensitive, and a partner who
opens this file must not be able to learn it.

Storage trouble never stops a session. `record_turn` and `save_progress` return a
`JournalWrite` that says whether the record is on disk and, when there is something new to
say, one sentence for the user. Records that could not be written are held in memory
(bounded) and written with the next write, so a briefly locked database loses nothing. A
file that is not a database any more is moved aside (kept, never deleted) and a new one
started; the user is told once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import uuid
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from assistant.errors import StorageError
from assistant.journal.journal_file import (
    JOURNAL_FILENAME,
    Connect,
    default_connect,
    journal_files,
    open_connection,
    set_aside,
    tighten_permissions,
)
from assistant.journal.outcomes import (
    MESSAGE_CORRUPT,
    MESSAGE_DISK_FULL,
    MESSAGE_DROPPED,
    MESSAGE_LOCKED,
    MESSAGE_RECOVERED,
    MESSAGE_UNWRITABLE,
    STILL_SAFE,
    JournalWrite,
    Problem,
    WriteStatus,
    classify,
    describe,
)
from assistant.journal.records import (
    SCHEMA_VERSION,
    JournalTurn,
    ProgressRow,
    TurnRow,
    insert_rows,
    progress_json,
    row_for,
    select_progress,
    select_turns,
    transaction,
    turn_json,
)
from assistant.settings import PrivacySettings

logger = logging.getLogger(__name__)

# Named here for the journal's users; they live beside it (outcomes, journal_file).
__all__ = [
    "JOURNAL_FILENAME",
    "MESSAGE_DISK_FULL",
    "MESSAGE_LOCKED",
    "MESSAGE_RECOVERED",
    "Journal",
    "JournalWrite",
    "WriteStatus",
]

EXPORT_FORMAT = "kintsugi-journal"

DEFAULT_BUSY_TIMEOUT_MS = 300
"""How long a write waits for another program's lock. Short on purpose: the turn loop is
waiting, and a record that cannot be written now is held and retried at the next turn."""

MAX_HELD_RECORDS = 200
"""Unsaved records kept in memory for retry; beyond this the oldest are dropped, so a disk
that stays full cannot make a long session grow without bound."""


Clock = Callable[[], datetime]

# What "storage trouble" means: SQLite's errors, the file system's, and our own (a journal
# written by a newer version).
_STORAGE_ERRORS = (sqlite3.Error, OSError, StorageError)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Journal:
    """The consent-gated local store. Open with `Journal.open(settings)`; close when done."""

    def __init__(
        self,
        settings: PrivacySettings,
        *,
        connect: Connect = default_connect,
        clock: Clock = _utc_now,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> None:
        self._settings = settings
        self._folder = settings.data_dir
        self.path = settings.data_dir / JOURNAL_FILENAME
        self._connect_file = connect
        self._clock = clock
        self._busy_timeout_ms = busy_timeout_ms
        self._session = uuid.uuid4().hex[:12]
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._checked = False
        self._held_turns: deque[TurnRow] = deque(maxlen=MAX_HELD_RECORDS)
        self._held_progress: dict[str, ProgressRow] = {}
        self._dropped = 0
        self._failing: Problem | None = None
        self._notice: str | None = None

    @classmethod
    def open(
        cls,
        settings: PrivacySettings,
        *,
        connect: Connect = default_connect,
        clock: Clock = _utc_now,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> Journal:
        """Open the journal. Never raises on storage trouble; writes report it instead.

        An existing file is checked now, so a damaged one is set aside before the session
        starts (see `take_notice`). No file is created until there is something to keep.
        """
        journal = cls(settings, connect=connect, clock=clock, busy_timeout_ms=busy_timeout_ms)
        if journal.path.exists():
            with journal._lock:
                try:
                    journal._db(create=False)
                except _STORAGE_ERRORS as error:
                    # The first write will meet the same trouble and tell the user then.
                    logger.info("journal could not be opened: %s", describe(error))
                    journal._drop_connection()
        return journal

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def keep_transcripts(self) -> bool:
        return self._settings.keep_transcripts

    # -- writing ---------------------------------------------------------------------------

    def record_turn(self, turn: JournalTurn) -> JournalWrite:
        """Keep what the user may keep from one turn. Never raises on storage trouble."""
        row = self._row_for(turn)
        with self._lock:
            if row is None:
                # Nothing to keep, but a good moment to retry what an earlier turn could not
                # write.
                if self.held:
                    retried = self._flush()
                    return JournalWrite(WriteStatus.NOT_RECORDED, retried.message, self.held)
                return JournalWrite(WriteStatus.NOT_RECORDED, self._take_notice_locked(), 0)
            if len(self._held_turns) == MAX_HELD_RECORDS:
                self._dropped += 1  # the deque drops the oldest on append
            self._held_turns.append(row)
            return self._flush()

    def save_progress(self, key: str, value_json: str) -> JournalWrite:
        """Keep one progress record (replacing the key's earlier value).

        `value_json` must be JSON text. It is stored as given, so callers pass only what the
        user asked to keep, and never the words of a turn the safety screen flagged.
        """
        if not key or len(key) > 200:
            raise ValueError("A progress key must be 1 to 200 characters.")
        json.loads(value_json)  # a programming error, not a storage problem: let it raise
        row = ProgressRow(key, value_json, self._now())
        with self._lock:
            self._held_progress[key] = row
            return self._flush()

    def load_progress(self, key: str, max_age: timedelta) -> str | None:
        """The JSON saved under `key` if it is at most `max_age` old, else None.

        Storage trouble reads as "nothing saved" (and is logged): a session that cannot
        resume a paused reflection simply starts a fresh one.
        """
        with self._lock:
            row = self._held_progress.get(key)
            if row is None:
                try:
                    row = self._read_progress(key)
                except _STORAGE_ERRORS as error:
                    logger.warning("journal progress could not be read: %s", describe(error))
                    self._drop_connection()
                    return None
        if row is None:
            return None
        updated = datetime.fromisoformat(row.updated_at)
        if self._clock() - updated > max_age:
            return None
        return row.value

    def clear_progress(self, key: str) -> JournalWrite:
        """Remove one progress record (a reflection finished, a window no longer agreed)."""
        with self._lock:
            self._held_progress.pop(key, None)
            try:
                connection = self._db(create=False)
                if connection is not None:
                    with transaction(connection):
                        connection.execute("DELETE FROM progress WHERE key = ?", (key,))
            except _STORAGE_ERRORS as error:
                self._drop_connection()
                return JournalWrite(WriteStatus.HELD, self._problem_message(error), self.held)
            return JournalWrite(WriteStatus.SAVED, self._take_notice_locked(), self.held)

    @property
    def held(self) -> int:
        """Records waiting in memory for the next successful write."""
        return len(self._held_turns) + len(self._held_progress)

    def take_notice(self) -> str | None:
        """A one-time sentence about the journal (a damaged file set aside), or None."""
        with self._lock:
            return self._take_notice_locked()

    # -- reading, exporting, forgetting ----------------------------------------------------

    def export(self) -> dict[str, Any]:
        """Everything kept, as JSON-able data.

        Records still held in memory (not yet written) are included with `"saved": false`.
        Raises `StorageError` when the file cannot be read.
        """
        with self._lock:
            try:
                connection = self._db(create=False)
                turns = [] if connection is None else select_turns(connection)
                progress = [] if connection is None else select_progress(connection)
            except StorageError:
                raise
            except _STORAGE_ERRORS as error:
                self._drop_connection()
                raise StorageError(
                    f"Could not read the journal {self.path}: {describe(error)}. "
                    "Close any other Kintsugi program and try again."
                ) from error
            turns += [turn_json(row, saved=False) for row in self._held_turns]
            saved_keys = {item["key"] for item in progress}
            progress = [item for item in progress if item["key"] not in self._held_progress]
            progress += [
                progress_json(row, saved=row.key in saved_keys)
                for row in self._held_progress.values()
            ]
            return {
                "format": EXPORT_FORMAT,
                "version": SCHEMA_VERSION,
                "exported_at": self._now(),
                "transcripts_kept": self.keep_transcripts,
                "turns": turns,
                "progress": sorted(progress, key=lambda item: str(item["key"])),
            }

    def forget(self) -> int:
        """Erase everything: every row, the database files, and damaged copies set aside.

        Returns how many records were erased (damaged copies are removed but cannot be
        counted). Raises `StorageError` when another program holds the journal (nothing is
        erased then) or a file cannot be removed.
        """
        with self._lock:
            count = len(self._held_turns) + len(self._held_progress)
            self._held_turns.clear()
            self._held_progress.clear()
            self._dropped = 0
            self._failing = None
            try:
                connection = self._db(create=False)
                if connection is not None:
                    # Overwrite freed pages with zeros too, so the erased words do not linger
                    # inside the file until it is unlinked.
                    connection.execute("PRAGMA secure_delete = ON")
                    with transaction(connection):
                        count += connection.execute("DELETE FROM turns").rowcount
                        count += connection.execute("DELETE FROM progress").rowcount
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except _STORAGE_ERRORS as error:
                self._drop_connection()
                if classify(error) is not Problem.CORRUPT:
                    raise StorageError(
                        f"Could not erase the journal {self.path}: {describe(error)}. "
                        "Close any other Kintsugi program (a running session) and run "
                        "`kintsugi journal forget` again."
                    ) from error
                # A damaged file cannot be emptied row by row; removing it erases it all.
            self._drop_connection()
            try:
                for path in journal_files(self.path, include_set_aside=True):
                    path.unlink(missing_ok=True)
            except OSError as error:
                raise StorageError(
                    f"Could not remove {error.filename}: {error.strerror}. Remove it by hand "
                    "or fix its permissions and run `kintsugi journal forget` again."
                ) from error
            self._notice = None
            self._checked = False
            return count

    def forget_since(self, since: datetime) -> int:
        """Erase what was kept from `since` on: turns recorded and progress saved at or after
        it (a spoken "forget that" after a home-device session). Returns how many records
        were erased. Raises `StorageError` when the journal cannot be changed (nothing is
        erased then).

        A progress record updated in that time goes as a whole, even if it existed before:
        what the session left there is gone either way.
        """
        # Stored times have whole seconds; the record of the very second `since` falls in
        # counts as after it.
        cutoff = since.astimezone(timezone.utc).replace(microsecond=0).isoformat()
        with self._lock:
            held_turns = [row for row in self._held_turns if row.recorded_at < cutoff]
            count = len(self._held_turns) - len(held_turns)
            self._held_turns = deque(held_turns, maxlen=MAX_HELD_RECORDS)
            for key in [k for k, r in self._held_progress.items() if r.updated_at >= cutoff]:
                del self._held_progress[key]
                count += 1
            try:
                connection = self._db(create=False)
                if connection is not None:
                    connection.execute("PRAGMA secure_delete = ON")
                    with transaction(connection):
                        count += connection.execute(
                            "DELETE FROM turns WHERE recorded_at >= ?", (cutoff,)
                        ).rowcount
                        count += connection.execute(
                            "DELETE FROM progress WHERE updated_at >= ?", (cutoff,)
                        ).rowcount
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except _STORAGE_ERRORS as error:
                self._drop_connection()
                raise StorageError(
                    f"Could not erase the latest records from the journal {self.path}: "
                    f"{describe(error)}. Run `kintsugi journal forget` to erase everything."
                ) from error
            return count

    def close(self) -> None:
        """Try once more to write held records, then close the file."""
        with self._lock:
            if self.held:
                self._flush()
                if self.held:
                    # Nobody hears a JournalWrite any more; say it where it can be seen.
                    logger.warning(
                        "the journal closed with %d records it could not save", self.held
                    )
            self._drop_connection()

    # -- internals -------------------------------------------------------------------------

    def _row_for(self, turn: JournalTurn) -> TurnRow | None:
        return row_for(turn, self._now, self._session, keep_transcript=self.keep_transcripts)

    def _now(self) -> str:
        return self._clock().astimezone(timezone.utc).isoformat(timespec="seconds")

    def _flush(self) -> JournalWrite:
        """Write everything held, in one transaction; report the outcome."""
        for _ in range(2):  # a second go only after a damaged file was set aside
            try:
                connection = self._db(create=True)
                assert connection is not None
                with transaction(connection):
                    insert_rows(connection, self._held_turns, self._held_progress.values())
                tighten_permissions(journal_files(self.path))
            except _STORAGE_ERRORS as error:
                problem = classify(error)
                # Info, not warning: the user hears about it through `JournalWrite.message`.
                logger.info("journal write failed: %s", describe(error))
                self._drop_connection()
                if problem is Problem.CORRUPT and self._set_aside():
                    continue
                return JournalWrite(WriteStatus.HELD, self._problem_message(error), self.held)
            break
        self._held_turns.clear()
        self._held_progress.clear()
        message = self._take_notice_locked()
        if self._failing is not None:
            recovered = MESSAGE_RECOVERED + (MESSAGE_DROPPED if self._dropped else "")
            message = recovered if message is None else f"{message} {recovered}"
            self._failing = None
            self._dropped = 0
        return JournalWrite(WriteStatus.SAVED, message, 0)

    def _problem_message(self, error: BaseException) -> str | None:
        """The sentence for a failed write, only when this problem is new."""
        problem = classify(error)
        notice = self._take_notice_locked()
        if problem is self._failing:
            return notice
        self._failing = problem
        if problem is Problem.FULL:
            text = MESSAGE_DISK_FULL
        elif problem is Problem.LOCKED:
            text = MESSAGE_LOCKED
        elif isinstance(error, StorageError):
            text = f"I couldn't save today's progress; {STILL_SAFE}. {error}"
        else:
            text = MESSAGE_UNWRITABLE.format(folder=self._folder)
        return text if notice is None else f"{notice} {text}"

    def _take_notice_locked(self) -> str | None:
        notice, self._notice = self._notice, None
        return notice

    def _db(self, *, create: bool) -> sqlite3.Connection | None:
        """The open connection; opened (and the file checked) on first use.

        With `create=False` a missing file stays missing and None is returned, so reading
        or forgetting an empty journal leaves nothing behind on disk.
        """
        if self._connection is not None:
            return self._connection
        if not create and not self.path.exists():
            return None
        for _ in range(2):
            try:
                self._connection = self._open_connection()
                return self._connection
            except sqlite3.DatabaseError as error:
                if classify(error) is not Problem.CORRUPT or not self._set_aside():
                    raise
                if not create:
                    return None
        raise StorageError(f"The journal {self.path} could not be opened.")

    def _open_connection(self) -> sqlite3.Connection:
        return open_connection(
            self.path,
            self._connect_file,
            self._busy_timeout_ms,
            check=not self._checked,
            checked=self._passed_check,
        )

    def _passed_check(self) -> None:
        self._checked = True

    def _set_aside(self) -> bool:
        """Move a damaged file (and its WAL) aside, kept 0600; True when it was moved."""
        self._drop_connection()
        target = set_aside(self.path, self._clock())
        if target is None:
            return False
        self._checked = False
        self._notice = MESSAGE_CORRUPT.format(name=target.name, folder=self._folder)
        return True

    def _read_progress(self, key: str) -> ProgressRow | None:
        connection = self._db(create=False)
        if connection is None:
            return None
        found = connection.execute(
            "SELECT key, value, updated_at FROM progress WHERE key = ?", (key,)
        ).fetchone()
        return None if found is None else ProgressRow(*found)

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.close()
