"""The journal's records on disk: the SQLite schema, the rows, how they are written and
read back, and what of a turn's feedback may be kept (identifiers only, never phrases)."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

SCHEMA_VERSION = 1

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


@dataclass(frozen=True)
class TurnRow:
    recorded_at: str
    session: str
    exercise: str
    score: float | None
    attempt: int | None
    labels: tuple[str, ...]
    transcript: str | None


@dataclass(frozen=True)
class ProgressRow:
    key: str
    value: str
    updated_at: str


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
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


def create_schema(connection: sqlite3.Connection) -> None:
    # executescript() would commit our open transaction; run the statements one by one.
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def insert_rows(
    connection: sqlite3.Connection,
    turns: Iterable[TurnRow],
    progress: Iterable[ProgressRow],
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


def select_turns(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = connection.execute(
        "SELECT recorded_at, session, exercise, score, attempt, labels, transcript"
        " FROM turns ORDER BY id"
    ).fetchall()
    return [
        turn_json(
            TurnRow(at, session, exercise, score, attempt, tuple(json.loads(labels)), text),
            saved=True,
        )
        for at, session, exercise, score, attempt, labels, text in rows
    ]


def select_progress(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = connection.execute("SELECT key, value, updated_at FROM progress ORDER BY key")
    return [progress_json(ProgressRow(*row), saved=True) for row in rows.fetchall()]


def turn_json(row: TurnRow, *, saved: bool) -> dict[str, Any]:
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


def progress_json(row: ProgressRow, *, saved: bool) -> dict[str, Any]:
    return {
        "key": row.key,
        "value": json.loads(row.value),
        "updated_at": row.updated_at,
        "saved": saved,
    }


def labels_from_feedback(feedback: Mapping[str, Any]) -> tuple[str, ...]:
    """Identifiers naming what the analysis found; never phrases or quotes.

    Reads `findings[].label` (anti-patterns), `components` (a list of names, or a mapping
    of name to a truthy value or to `{"present": bool}`), `anti_patterns` (names or
    `{"label": name}`) and `labels` (names: listening, questions, commitments). Anything
    that is not a short identifier is left out.
    """
    found: list[str] = []

    def add(value: Any) -> None:
        label = identifier(value)
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


def identifier(value: Any) -> str | None:
    if isinstance(value, str) and _IDENTIFIER.fullmatch(value):
        return value
    return None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def as_count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


class JournalTurn(Protocol):
    """The parts of `assistant.dialogue.bridge.TurnResult` the journal reads."""

    @property
    def text(self) -> str: ...

    @property
    def exercise(self) -> str | None: ...

    @property
    def safety(self) -> str | None: ...

    @property
    def feedback(self) -> dict[str, Any] | None: ...


def row_for(
    turn: JournalTurn, now: Callable[[], str], session: str, *, keep_transcript: bool
) -> TurnRow | None:
    """What the journal keeps of one turn: nothing for a safety turn or a turn without
    feedback; identifiers and numbers otherwise, and the words only with consent."""
    if turn.safety is not None or not isinstance(turn.feedback, Mapping):
        return None
    feedback = turn.feedback
    exercise = identifier(feedback.get("exercise")) or identifier(turn.exercise)
    return TurnRow(
        recorded_at=now(),
        session=session,
        exercise=exercise or "unknown",
        score=as_number(feedback.get("score")),
        attempt=as_count(feedback.get("attempt")),
        labels=labels_from_feedback(feedback),
        transcript=turn.text if keep_transcript else None,
    )
