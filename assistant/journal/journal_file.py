"""The journal's file on disk: opening it safely (owner-only, checked, WAL, FULL sync),
setting a damaged one aside, and the files that belong to it."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from assistant.errors import StorageError
from assistant.journal.outcomes import describe
from assistant.journal.records import SCHEMA_VERSION, create_schema, transaction
from assistant.paths import ensure_private_dir

logger = logging.getLogger(__name__)

JOURNAL_FILENAME = "journal.sqlite3"

# SQLite creates its -wal and -shm files beside the database.
_SIDECAR_SUFFIXES = ("-wal", "-shm")

Connect = Callable[[Path], sqlite3.Connection]
"""Opens the database file. Tests pass their own to set per-connection limits."""


def default_connect(path: Path) -> sqlite3.Connection:
    # The journal is used from the session's thread and, possibly, from an executor thread;
    # a lock in `Journal` serialises access, so SQLite's same-thread check is not needed.
    return sqlite3.connect(str(path), check_same_thread=False)


def open_connection(
    path: Path,
    connect: Connect,
    busy_timeout_ms: int,
    *,
    check: bool,
    checked: Callable[[], None],
) -> sqlite3.Connection:
    """Open the journal at `path`, creating its schema when new. With `check`, a damaged
    file is found now (`checked` is called once it passed), not halfway through a session."""
    folder = path.parent
    ensure_private_dir(folder)
    # SQLite creates the database and its -wal/-shm files with the process umask; a
    # strict umask while it does means no other user can open them even for a moment.
    # The umask is process-wide, but it only ever tightens what other threads create.
    previous_umask = os.umask(0o077)
    connection: sqlite3.Connection | None = None
    try:
        connection = connect(path)
        # Explicit BEGIN/COMMIT below; Python's implicit transactions would hide them.
        connection.isolation_level = None
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        connection.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed record survives a power cut, which is the promise here.
        connection.execute("PRAGMA synchronous = FULL")
        if check:
            # A damaged file is found now, not halfway through a user's session.
            verdict = connection.execute("PRAGMA quick_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            checked()
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            with transaction(connection):
                create_schema(connection)
        elif version > SCHEMA_VERSION:
            raise StorageError(
                f"The journal {path} was written by a newer Kintsugi. Update "
                "Kintsugi, or export and forget the journal to start over."
            )
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    finally:
        os.umask(previous_umask)
    tighten_permissions(journal_files(path))
    return connection


def set_aside(path: Path, now: datetime) -> Path | None:
    """Move a damaged file (and its WAL) aside, kept 0600; where it went, or None."""
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{JOURNAL_FILENAME}.corrupt-{stamp}")
    serial = 1
    while target.exists():
        serial += 1
        target = path.with_name(f"{JOURNAL_FILENAME}.corrupt-{stamp}-{serial}")
    try:
        os.replace(path, target)
        os.chmod(target, 0o600)
        wal = path.with_name(JOURNAL_FILENAME + "-wal")
        if wal.exists():
            # A stale WAL must not be replayed into the new file; it may hold the last
            # records, so it is kept beside the damaged copy.
            os.replace(wal, target.with_name(target.name + "-wal"))
            os.chmod(target.with_name(target.name + "-wal"), 0o600)
        # The -shm file is only an index into the WAL; it holds no records.
        path.with_name(JOURNAL_FILENAME + "-shm").unlink(missing_ok=True)
    except OSError as error:
        logger.warning("damaged journal could not be moved aside: %s", describe(error))
        return None
    logger.info("damaged journal moved aside to %s", target.name)
    return target


def journal_files(path: Path, *, include_set_aside: bool = False) -> list[Path]:
    """The database and its sidecars, and with `include_set_aside` the damaged copies."""
    folder = path.parent
    files = [path, *(path.with_name(JOURNAL_FILENAME + s) for s in _SIDECAR_SUFFIXES)]
    if include_set_aside and folder.is_dir():
        files += sorted(folder.glob(f"{JOURNAL_FILENAME}.corrupt-*"))
    return files


def tighten_permissions(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
