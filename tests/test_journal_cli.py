"""`kintsugi journal export|forget|show`, driven through the handlers the CLI calls."""

from __future__ import annotations

import argparse
import io
import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from assistant.cli.journal import (
    EXIT_DECLINED,
    EXIT_NEEDS_CONFIRMATION,
    add_journal_commands,
    cmd_journal_export,
    cmd_journal_forget,
    cmd_journal_show,
)
from assistant.errors import StorageError
from assistant.journal.store import JOURNAL_FILENAME, Journal
from assistant.settings import PrivacySettings, Settings
from tests.support.journal import WORDS, FakeClock, feedback_turn


class TypedAnswer(io.StringIO):
    """Standard input as a terminal where the user types `answer`."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(privacy=PrivacySettings(data_dir=tmp_path / "data"))


@pytest.fixture
def filled(settings: Settings) -> Settings:
    """A journal with two sessions of practice and one saved commitment."""
    clock = FakeClock()
    for scores in ((40, 55), (72,)):
        with Journal.open(settings.privacy, clock=clock) as journal:
            for attempt, score in enumerate(scores, start=1):
                journal.record_turn(feedback_turn(score=score, attempt=attempt))
                clock.now += timedelta(minutes=3)
        clock.now += timedelta(days=2)
    with Journal.open(settings.privacy, clock=clock) as journal:
        journal.save_progress("commitment", json.dumps({"text": "text when I'm late"}))
    return settings


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kintsugi")
    add_journal_commands(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_the_commands_are_registered_with_their_handlers() -> None:
    assert parse("journal", "export").handler is cmd_journal_export
    assert parse("journal", "export", "--output", "x.json").output == Path("x.json")
    assert parse("journal", "forget", "--yes").handler is cmd_journal_forget
    assert parse("journal", "show").handler is cmd_journal_show
    with pytest.raises(SystemExit):
        parse("journal")  # an action is required


def test_export_prints_json_to_stdout(filled: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_journal_export(parse("journal", "export"), filled) == 0
    data = json.loads(capsys.readouterr().out)
    assert [turn["score"] for turn in data["turns"]] == [40, 55, 72]
    assert data["progress"][0]["value"] == {"text": "text when I'm late"}
    assert WORDS not in json.dumps(data)


def test_export_to_a_file_is_owner_only_and_leaves_the_folder_alone(
    filled: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "desktop"
    folder.mkdir(mode=0o755)
    target = folder / "journal.json"
    target.write_text("old export")

    args = parse("journal", "export", "--output", str(target))
    assert cmd_journal_export(args, filled) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "3 practice turns" in captured.err
    assert len(json.loads(target.read_text())["turns"]) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert [path.name for path in folder.iterdir()] == ["journal.json"]  # no temp left


def test_export_to_a_missing_folder_says_what_to_do(settings: Settings, tmp_path: Path) -> None:
    args = parse("journal", "export", "--output", str(tmp_path / "nowhere" / "j.json"))
    with pytest.raises(StorageError, match="does not exist; create it or choose another"):
        cmd_journal_export(args, settings)


def test_forget_with_yes_erases_everything(
    filled: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_journal_forget(parse("journal", "forget", "--yes"), filled) == 0
    assert "Erased 4 records" in capsys.readouterr().out
    assert list(filled.privacy.data_dir.iterdir()) == []

    assert cmd_journal_forget(parse("journal", "forget", "--yes"), filled) == 0
    assert "already empty" in capsys.readouterr().out


def test_forget_without_a_terminal_or_yes_refuses(
    filled: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # piped, not typed
    assert cmd_journal_forget(parse("journal", "forget"), filled) == EXIT_NEEDS_CONFIRMATION
    assert "add --yes" in capsys.readouterr().err
    assert (filled.privacy.data_dir / JOURNAL_FILENAME).exists()


@pytest.mark.parametrize(("answer", "erased"), [("yes\n", True), ("no\n", False), ("", False)])
def test_forget_on_a_terminal_asks_first(
    filled: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: str,
    erased: bool,
) -> None:
    monkeypatch.setattr("sys.stdin", TypedAnswer(answer))
    code = cmd_journal_forget(parse("journal", "forget"), filled)
    err = capsys.readouterr().err
    assert "cannot be undone" in err
    assert code == (0 if erased else EXIT_DECLINED)
    assert (filled.privacy.data_dir / JOURNAL_FILENAME).exists() is not erased
    if not erased:
        assert "Nothing was erased." in err


def test_show_summarises_sessions_dates_and_scores(
    filled: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_journal_show(parse("journal", "show"), filled) == 0
    out = capsys.readouterr().out
    assert "3 practice turns in 2 sessions, 2026-03-01 to 2026-03-03." in out
    assert "apology: 3 attempts, best score 72, latest 72" in out
    assert "2026-03-01 09:30 UTC  apology, attempt 1, score 40" in out
    assert "Saved items: 1 (promises you asked me to keep)." in out
    assert "Your words are not kept" in out


def test_show_on_an_empty_journal_creates_nothing(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_journal_show(parse("journal", "show"), settings) == 0
    assert "Nothing is kept yet" in capsys.readouterr().out
    assert not settings.privacy.data_dir.exists()


def test_show_tells_once_about_a_damaged_file(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = settings.privacy.data_dir
    data_dir.mkdir(mode=0o700)
    (data_dir / JOURNAL_FILENAME).write_bytes(b"\x00garbage" * 1000)

    assert cmd_journal_show(parse("journal", "show"), settings) == 0
    captured = capsys.readouterr()
    assert "set it aside" in captured.err
    assert "Nothing is kept yet" in captured.out
    assert cmd_journal_show(parse("journal", "show"), settings) == 0
    assert capsys.readouterr().err == ""
