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
import enum
import json
import logging
import os
import re
import sqlite3
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import StorageError
from assistant.paths import ensure_private_dir
from assistant.settings import PrivacySettings

logger = logging.getLogger(__name__)

JOURNAL_FILENAME = "journal.sqlite3"
SCHEMA_VERSION = 1
EXPORT_FORMAT = "kintsugi-journal"

DEFAULT_BUSY_TIMEOUT_MS = 300
"""How long a write waits for another program's lock. Short on purpose: the turn loop is
waiting, and a record that cannot be written now is held and retried at the next turn."""

MAX_HELD_RECORDS = 200
"""Unsaved records kept in memory for retry; beyond this the oldest are dropped, so a disk
that stays full cannot make a long session grow without bound."""

# SQLite creates its -wal and -shm files beside the database.
_SIDECAR_SUFFIXES = ("-wal", "-shm")

# Labels and exercise names are stored as identifiers only; anything else (a phrase, a
# sentence) could carry the user's words into the file without their consent.
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,47}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS turns (
    id          INTEGER PRIMARY KEY,
    recorded_at TEXT    NOT NULL,  -- UTC, ISO 8601
    session     TEXT    NOT NULL,  -- random id of one run of the app, never the sender id
    exercise    TEXT    NOT NULL,
    score       REAL,
    attempt     INTEGER,
    labels      TEXT    NOT NULL,  -- JSON list of identifiers
    transcript  TEXT               -- only with keep_transcripts (explicit consent)
);
CREATE TABLE IF NOT EXISTS progress (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,      -- JSON
    updated_at TEXT NOT NULL       -- UTC, ISO 8601
);
"""

# -- what the user hears --------------------------------------------------------------------

_SAFE = "your session goes on and nothing saved before is lost"
MESSAGE_DISK_FULL = (
    f"I couldn't save today's progress because the disk is full; {_SAFE}. "
    "Free some space and I'll save it after your next turn."
)
MESSAGE_LOCKED = (
    "I couldn't save today's progress just now because another Kintsugi program is using "
    f"the journal; {_SAFE}, and I'll try again after your next turn."
)
MESSAGE_UNWRITABLE = (
    f"I couldn't save today's progress because I can't write to my data folder; {_SAFE}. "
    "Check that {folder} belongs to you and has free space."
)
MESSAGE_CORRUPT = (
    "Your journal file was damaged, so I set it aside as {name} in {folder} and started a "
    "new one; your session goes on."
)
MESSAGE_RECOVERED = "Your progress is being saved again, including what I couldn't save earlier."
MESSAGE_DROPPED = " A few of the oldest unsaved results could not be kept."


class WriteStatus(enum.Enum):
    """What happened to one record."""

    SAVED = "saved"
    """On disk, together with anything held from earlier."""

    HELD = "held"
    """Not written; kept in memory and retried at the next write."""

    NOT_RECORDED = "not_recorded"
    """Nothing in this turn is kept: no coaching feedback, or a safety disclosure."""


@dataclass(frozen=True)
class JournalWrite:
    """The outcome of one write, for the front-end to act on."""

    status: WriteStatus
    """What happened to the record."""

    message: str | None = None
    """One sentence to tell the user now, or None when there is nothing new to say. A
    problem is reported when it starts (not again at every turn while it lasts), and again
    when saving works again."""

    held: int = 0
    """Records still waiting in memory after this write."""

    @property
    def saved(self) -> bool:
        """True when this record is on disk."""
        return self.status is WriteStatus.SAVED


class _Turn(Protocol):
    """The parts of `assistant.dialogue.bridge.TurnResult` the journal reads."""

    @property
    def text(self) -> str: ...

    @property
    def exercise(self) -> str | None: ...

    @property
    def safety(self) -> str | None: ...

    @property
    def feedback(self) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class _TurnRow:
    recorded_at: str
    session: str
    exercise: str
    score: float | None
    attempt: int | None
    labels: tuple[str, ...]
    transcript: str | None


@dataclass(frozen=True)
class _ProgressRow:
    key: str
    value: str
    updated_at: str


class _Problem(enum.Enum):
    FULL = "full"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    UNWRITABLE = "unwritable"


Connect = Callable[[Path], sqlite3.Connection]
"""Opens the database file. Tests pass their own to set per-connection limits."""

Clock = Callable[[], datetime]

# What "storage trouble" means: SQLite's errors, the file system's, and our own (a journal
# written by a newer version).
_STORAGE_ERRORS = (sqlite3.Error, OSError, StorageError)


def default_connect(path: Path) -> sqlite3.Connection:
    # The journal is used from the session's thread and, possibly, from an executor thread;
    # a lock in `Journal` serialises access, so SQLite's same-thread check is not needed.
    return sqlite3.connect(str(path), check_same_thread=False)


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
        self._held_turns: deque[_TurnRow] = deque(maxlen=MAX_HELD_RECORDS)
        self._held_progress: dict[str, _ProgressRow] = {}
        self._dropped = 0
        self._failing: _Problem | None = None
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
                    logger.info("journal could not be opened: %s", _describe(error))
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

    def record_turn(self, turn: _Turn) -> JournalWrite:
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
        row = _ProgressRow(key, value_json, self._now())
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
                    logger.warning("journal progress could not be read: %s", _describe(error))
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
                    with _transaction(connection):
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
                turns = [] if connection is None else _select_turns(connection)
                progress = [] if connection is None else _select_progress(connection)
            except StorageError:
                raise
            except _STORAGE_ERRORS as error:
                self._drop_connection()
                raise StorageError(
                    f"Could not read the journal {self.path}: {_describe(error)}. "
                    "Close any other Kintsugi program and try again."
                ) from error
            turns += [_turn_json(row, saved=False) for row in self._held_turns]
            saved_keys = {item["key"] for item in progress}
            progress = [item for item in progress if item["key"] not in self._held_progress]
            progress += [
                _progress_json(row, saved=row.key in saved_keys)
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
                    with _transaction(connection):
                        count += connection.execute("DELETE FROM turns").rowcount
                        count += connection.execute("DELETE FROM progress").rowcount
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except _STORAGE_ERRORS as error:
                self._drop_connection()
                if self._classify(error) is not _Problem.CORRUPT:
                    raise StorageError(
                        f"Could not erase the journal {self.path}: {_describe(error)}. "
                        "Close any other Kintsugi program (a running session) and run "
                        "`kintsugi journal forget` again."
                    ) from error
                # A damaged file cannot be emptied row by row; removing it erases it all.
            self._drop_connection()
            try:
                for path in self._files(include_set_aside=True):
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
                    with _transaction(connection):
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
                    f"{_describe(error)}. Run `kintsugi journal forget` to erase everything."
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

    def _row_for(self, turn: _Turn) -> _TurnRow | None:
        if turn.safety is not None or not isinstance(turn.feedback, Mapping):
            return None
        feedback = turn.feedback
        exercise = _identifier(feedback.get("exercise")) or _identifier(turn.exercise)
        return _TurnRow(
            recorded_at=self._now(),
            session=self._session,
            exercise=exercise or "unknown",
            score=_number(feedback.get("score")),
            attempt=_count(feedback.get("attempt")),
            labels=_labels_from_feedback(feedback),
            transcript=turn.text if self.keep_transcripts else None,
        )

    def _now(self) -> str:
        return self._clock().astimezone(timezone.utc).isoformat(timespec="seconds")

    def _flush(self) -> JournalWrite:
        """Write everything held, in one transaction; report the outcome."""
        for _ in range(2):  # a second go only after a damaged file was set aside
            try:
                connection = self._db(create=True)
                assert connection is not None
                with _transaction(connection):
                    _insert(connection, self._held_turns, self._held_progress.values())
                _tighten_permissions(self._files())
            except _STORAGE_ERRORS as error:
                problem = self._classify(error)
                # Info, not warning: the user hears about it through `JournalWrite.message`.
                logger.info("journal write failed: %s", _describe(error))
                self._drop_connection()
                if problem is _Problem.CORRUPT and self._set_aside():
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
        problem = self._classify(error)
        notice = self._take_notice_locked()
        if problem is self._failing:
            return notice
        self._failing = problem
        if problem is _Problem.FULL:
            text = MESSAGE_DISK_FULL
        elif problem is _Problem.LOCKED:
            text = MESSAGE_LOCKED
        elif isinstance(error, StorageError):
            text = f"I couldn't save today's progress; {_SAFE}. {error}"
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
                if self._classify(error) is not _Problem.CORRUPT or not self._set_aside():
                    raise
                if not create:
                    return None
        raise StorageError(f"The journal {self.path} could not be opened.")

    def _open_connection(self) -> sqlite3.Connection:
        ensure_private_dir(self._folder)
        # SQLite creates the database and its -wal/-shm files with the process umask; a
        # strict umask while it does means no other user can open them even for a moment.
        # The umask is process-wide, but it only ever tightens what other threads create.
        previous_umask = os.umask(0o077)
        connection: sqlite3.Connection | None = None
        try:
            connection = self._connect_file(self.path)
            # Explicit BEGIN/COMMIT below; Python's implicit transactions would hide them.
            connection.isolation_level = None
            connection.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
            connection.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed record survives a power cut, which is the promise here.
            connection.execute("PRAGMA synchronous = FULL")
            if not self._checked:
                # A damaged file is found now, not halfway through a user's session.
                verdict = connection.execute("PRAGMA quick_check").fetchone()
                if verdict is None or verdict[0] != "ok":
                    raise sqlite3.DatabaseError("database disk image is malformed")
                self._checked = True
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                with _transaction(connection):
                    _create_schema(connection)
            elif version > SCHEMA_VERSION:
                raise StorageError(
                    f"The journal {self.path} was written by a newer Kintsugi. Update "
                    "Kintsugi, or export and forget the journal to start over."
                )
        except BaseException:
            if connection is not None:
                connection.close()
            raise
        finally:
            os.umask(previous_umask)
        _tighten_permissions(self._files())
        return connection

    def _set_aside(self) -> bool:
        """Move a damaged file (and its WAL) aside, kept 0600; True when it was moved."""
        self._drop_connection()
        stamp = self._clock().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{JOURNAL_FILENAME}.corrupt-{stamp}")
        serial = 1
        while target.exists():
            serial += 1
            target = self.path.with_name(f"{JOURNAL_FILENAME}.corrupt-{stamp}-{serial}")
        try:
            os.replace(self.path, target)
            os.chmod(target, 0o600)
            wal = self.path.with_name(JOURNAL_FILENAME + "-wal")
            if wal.exists():
                # A stale WAL must not be replayed into the new file; it may hold the last
                # records, so it is kept beside the damaged copy.
                os.replace(wal, target.with_name(target.name + "-wal"))
                os.chmod(target.with_name(target.name + "-wal"), 0o600)
            # The -shm file is only an index into the WAL; it holds no records.
            self.path.with_name(JOURNAL_FILENAME + "-shm").unlink(missing_ok=True)
        except OSError as error:
            logger.warning("damaged journal could not be moved aside: %s", _describe(error))
            return False
        logger.info("damaged journal moved aside to %s", target.name)
        self._checked = False
        self._notice = MESSAGE_CORRUPT.format(name=target.name, folder=self._folder)
        return True

    def _classify(self, error: BaseException) -> _Problem:
        # Python 3.10's sqlite3 exposes no error codes, only SQLite's fixed messages.
        text = str(error).lower()
        if "disk is full" in text or getattr(error, "errno", None) == 28:  # ENOSPC
            return _Problem.FULL
        if "locked" in text or "busy" in text:
            return _Problem.LOCKED
        if "not a database" in text or "malformed" in text:
            return _Problem.CORRUPT
        return _Problem.UNWRITABLE

    def _read_progress(self, key: str) -> _ProgressRow | None:
        connection = self._db(create=False)
        if connection is None:
            return None
        found = connection.execute(
            "SELECT key, value, updated_at FROM progress WHERE key = ?", (key,)
        ).fetchone()
        return None if found is None else _ProgressRow(*found)

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.close()

    def _files(self, *, include_set_aside: bool = False) -> list[Path]:
        files = [self.path, *(self.path.with_name(JOURNAL_FILENAME + s) for s in _SIDECAR_SUFFIXES)]
        if include_set_aside and self._folder.is_dir():
            files += sorted(self._folder.glob(f"{JOURNAL_FILENAME}.corrupt-*"))
        return files


# -- helpers --------------------------------------------------------------------------------


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (a killed process rolls back too)."""
    # IMMEDIATE takes the write lock up front, so a busy database fails here, before any
    # work, rather than at COMMIT.
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    try:
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise


def _create_schema(connection: sqlite3.Connection) -> None:
    # executescript() would commit our open transaction; run the statements one by one.
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _insert(
    connection: sqlite3.Connection,
    turns: Iterable[_TurnRow],
    progress: Iterable[_ProgressRow],
) -> None:
    connection.executemany(
        "INSERT INTO turns (recorded_at, session, exercise, score, attempt, labels, transcript)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.recorded_at,
                r.session,
                r.exercise,
                r.score,
                r.attempt,
                json.dumps(list(r.labels)),
                r.transcript,
            )
            for r in turns
        ],
    )
    connection.executemany(
        "INSERT INTO progress (key, value, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [(r.key, r.value, r.updated_at) for r in progress],
    )


def _select_turns(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = connection.execute(
        "SELECT recorded_at, session, exercise, score, attempt, labels, transcript"
        " FROM turns ORDER BY id"
    ).fetchall()
    return [
        _turn_json(
            _TurnRow(at, session, exercise, score, attempt, tuple(json.loads(labels)), text),
            saved=True,
        )
        for at, session, exercise, score, attempt, labels, text in rows
    ]


def _select_progress(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = connection.execute("SELECT key, value, updated_at FROM progress ORDER BY key")
    return [_progress_json(_ProgressRow(*row), saved=True) for row in rows.fetchall()]


def _turn_json(row: _TurnRow, *, saved: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "recorded_at": row.recorded_at,
        "session": row.session,
        "exercise": row.exercise,
        "score": row.score,
        "attempt": row.attempt,
        "labels": list(row.labels),
        "saved": saved,
    }
    if row.transcript is not None:
        item["transcript"] = row.transcript
    return item


def _progress_json(row: _ProgressRow, *, saved: bool) -> dict[str, Any]:
    return {
        "key": row.key,
        "value": json.loads(row.value),
        "updated_at": row.updated_at,
        "saved": saved,
    }


def _labels_from_feedback(feedback: Mapping[str, Any]) -> tuple[str, ...]:
    """Identifiers naming what the analysis found; never phrases or quotes.

    Reads `findings[].label` (anti-patterns), `components` (a list of names, or a mapping
    of name to a truthy value or to `{"present": bool}`), `anti_patterns` (names or
    `{"label": name}`) and `labels` (names: listening, questions, commitments). Anything
    that is not a short identifier is left out.
    """
    found: list[str] = []

    def add(value: Any) -> None:
        label = _identifier(value)
        if label is not None and label not in found:
            found.append(label)

    def add_items(items: Any) -> None:
        if isinstance(items, Mapping):
            for name, value in items.items():
                present = value.get("present") if isinstance(value, Mapping) else value
                if present:
                    add(name)
        elif isinstance(items, list | tuple):
            for item in items:
                add(item.get("label") if isinstance(item, Mapping) else item)

    add_items(feedback.get("components"))
    add_items(feedback.get("findings"))
    add_items(feedback.get("anti_patterns"))
    add_items(feedback.get("labels"))
    return tuple(found)


def _identifier(value: Any) -> str | None:
    if isinstance(value, str) and _IDENTIFIER.fullmatch(value):
        return value
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _tighten_permissions(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)


def _describe(error: BaseException) -> str:
    """A short, text-free description of a storage error for logs and messages."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
