"""Quiet hours: daily windows, including ones that cross midnight, and bad input."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from assistant.errors import UsageError
from assistant.home.quiet_hours import QuietHours
from assistant.settings import load_settings


def test_a_window_that_crosses_midnight() -> None:
    night = QuietHours.parse("22:00-07:00")
    assert time(22, 0) in night
    assert time(23, 59, 59) in night
    assert time(0, 0) in night
    assert time(6, 59, 30) in night
    assert time(7, 0) not in night
    assert time(12, 0) not in night
    assert time(21, 59, 59) not in night
    assert str(night) == "22:00-07:00"


def test_a_window_within_one_day() -> None:
    nap = QuietHours.parse(" 13:30 - 15:00 ")
    assert time(13, 30) in nap and time(14, 45) in nap
    assert time(13, 29) not in nap and time(15, 0) not in nap


def test_empty_means_never_quiet() -> None:
    never = QuietHours.parse("")
    assert all(time(h, m) not in never for h in range(24) for m in (0, 30))
    assert str(never) == "none"


@pytest.mark.parametrize("text", ["22-07", "22:00", "25:00-07:00", "22:00-07:61", "a-b", "1:2-3:4"])
def test_bad_windows_say_how_to_write_one(text: str) -> None:
    with pytest.raises(UsageError, match="22:00-07:00"):
        QuietHours.parse(text)


def test_same_start_and_end_is_refused() -> None:
    with pytest.raises(UsageError, match="same time"):
        QuietHours.parse("08:00-08:00")


def test_serve_settings_come_from_the_config_file_and_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(
        "serve:\n  wake_phrase: 안녕 친구\n  quiet_hours: '22:00-07:00'\n  quiet_timeout_s: 90\n",
        encoding="utf-8",
    )
    settings = load_settings(config_file=config, environ={})
    assert settings.serve.wake_phrase == "안녕 친구"
    assert settings.serve.quiet_timeout_s == 90.0
    assert time(23, 0) in QuietHours.parse(settings.serve.quiet_hours)
    from_env = load_settings(config_file=config, environ={"KINTSUGI_QUIET_HOURS": ""})
    assert from_env.serve.quiet_hours == ""
    assert load_settings(config_file=tmp_path / "none.yml", environ={}).serve.forget_window_s > 0
