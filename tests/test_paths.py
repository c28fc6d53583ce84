"""Files the app writes are owner-only and never half-written."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from assistant.paths import default_data_dir, ensure_private_dir, write_private_file


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_dir_is_0700_even_if_it_existed_open(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    ensure_private_dir(folder)
    assert _mode(folder) == 0o700


def test_private_file_is_0600_and_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "data" / "journal.json"
    write_private_file(target, b"first")
    write_private_file(target, b"second")
    assert target.read_bytes() == b"second"
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700
    assert [p.name for p in target.parent.iterdir()] == ["journal.json"]


def test_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "store.json"
    write_private_file(target, b"safe")

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_private_file(target, b"half")
    assert target.read_bytes() == b"safe"
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_data_dir_follows_kintsugi_home_then_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINTSUGI_HOME", "/tmp/k-home")
    assert default_data_dir() == Path("/tmp/k-home")
    monkeypatch.delenv("KINTSUGI_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", "/tmp/xdg")
    assert default_data_dir() == Path("/tmp/xdg/kintsugi")
