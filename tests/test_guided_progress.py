"""Saving and restoring a guided reflection's place, and kept answers, in the real journal
(SQLite in a temporary folder). The turns are built by hand here; the end-to-end runs are in
tests/test_guided_chat.py."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from assistant.dialogue.bridge import TurnResult
from assistant.journal.guided_progress import (
    ANSWER_PREFIX,
    POSITION_PREFIX,
    RESUME_WITHIN,
    GuidedProgress,
)
from assistant.journal.store import Journal
from assistant.settings import PrivacySettings


def _guide(step: int, **changes: Any) -> dict[str, Any]:
    guide = {
        "reflection": "the-long-road",
        "step": step,
        "of": 11,
        "silence_s": 40.0,
        "answer": False,
        "remaining_s": 500.0,
        "closing": False,
        "paused": False,
        "pace": 1.0,
        "keep_answers": False,
        "kept_answer": None,
        "finished": False,
        "stopped": False,
    }
    guide.update(changes)
    return guide


def _turn(text: str, guide: dict[str, Any] | None, *, safety: str | None = None) -> TurnResult:
    return TurnResult(
        sender="someone",
        text=text,
        intent="skip",
        confidence=1.0,
        exercise="reflection",
        safety=safety,
        guide=guide,
    )


def _progress_keys(journal: Journal) -> list[str]:
    return [item["key"] for item in journal.export()["progress"]]


def test_the_place_is_saved_and_read_back_by_a_new_process(tmp_path: Path) -> None:
    settings = PrivacySettings(data_dir=tmp_path)
    with Journal.open(settings) as journal:
        progress = GuidedProgress(journal)
        assert progress.saved("someone") is None
        progress.after_turn(_turn("next", _guide(4, paused=True)))
        assert progress.saved("someone") == {
            "reflection": "the-long-road",
            "step": 4,
            "paused": True,
            "pace": 1.0,
            "keep_answers": False,
        }
    # A new journal object (as after a restart) reads it from the file.
    with Journal.open(settings) as journal:
        saved = GuidedProgress(journal).saved("someone")
        assert saved is not None and saved["step"] == 4
        assert GuidedProgress(journal).saved("someone else") is None
        # The key names a hash of the sender, never the sender itself.
        (key,) = _progress_keys(journal)
        assert key.startswith(POSITION_PREFIX) and "someone" not in key
    mode = stat.S_IMODE((tmp_path / "journal.sqlite3").stat().st_mode)
    assert mode == 0o600


def test_the_place_expires_after_the_resume_window(tmp_path: Path) -> None:
    now = [datetime(2026, 1, 1, 12, tzinfo=timezone.utc)]
    settings = PrivacySettings(data_dir=tmp_path)
    with Journal.open(settings, clock=lambda: now[0]) as journal:
        GuidedProgress(journal).after_turn(_turn("stop", _guide(3, stopped=True)))
        now[0] += timedelta(days=1, hours=1)  # "at least a day"
        assert GuidedProgress(journal).saved("someone") is not None
        now[0] += RESUME_WITHIN
        assert GuidedProgress(journal).saved("someone") is None


def test_finishing_clears_the_place(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        progress = GuidedProgress(journal)
        progress.after_turn(_turn("next", _guide(10)))
        progress.after_turn(_turn("next", _guide(11, finished=True, closing=True)))
        assert progress.saved("someone") is None
        assert _progress_keys(journal) == []
        assert GuidedProgress(journal).saved("someone") is None


def test_an_answer_is_kept_only_when_the_user_said_yes(tmp_path: Path) -> None:
    answer = "Calling when I say I will, and being home on time."
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        progress = GuidedProgress(journal)
        progress.after_turn(_turn(answer, _guide(4, kept_answer=3, keep_answers=True)))
        kept = [i for i in journal.export()["progress"] if i["key"].startswith(ANSWER_PREFIX)]
        assert [item["value"]["answer"] for item in kept] == [answer]
        assert kept[0]["value"]["step"] == 3

    other = tmp_path / "no"
    with Journal.open(PrivacySettings(data_dir=other)) as journal:
        progress = GuidedProgress(journal)
        # Said no: the action sends no kept_answer; even a stray one is not kept.
        progress.after_turn(_turn(answer, _guide(4, kept_answer=None, keep_answers=False)))
        progress.after_turn(_turn(answer, _guide(4, kept_answer=3, keep_answers=False)))
        exported = json.dumps(journal.export())
        assert answer not in exported
    assert answer.encode() not in b"".join(p.read_bytes() for p in other.iterdir())


def test_nothing_is_saved_from_a_turn_the_safety_screen_flagged(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        progress = GuidedProgress(journal)
        writes = progress.after_turn(
            _turn("words", _guide(4, kept_answer=3, keep_answers=True), safety="self_harm")
        )
        assert writes == []
        assert _progress_keys(journal) == []
        assert not (tmp_path / "journal.sqlite3").exists()


def test_turns_outside_a_reflection_change_nothing(tmp_path: Path) -> None:
    with Journal.open(PrivacySettings(data_dir=tmp_path)) as journal:
        progress = GuidedProgress(journal)
        progress.after_turn(_turn("stop", _guide(2, stopped=True)))
        progress.after_turn(_turn("menu", None))
        saved = progress.saved("someone")
        assert saved is not None and saved["step"] == 2
