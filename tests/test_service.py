"""`kintsugi service install|uninstall|status`: the systemd user unit, written into a private
HOME. No user manager runs here, so the real `systemctl --user` fails, and the commands must
say what to run instead; a recording DOUBLE of systemctl covers the path where it works."""

from __future__ import annotations

import shutil
import stat
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.home import service
from tests.support.cli import isolated_env, kintsugi_command


class SystemctlDouble:
    """DOUBLE for `systemctl --user`: records the calls, answers as told."""

    def __init__(self, *, fail: str | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail
        """A subcommand that fails ("show-environment" = no user manager)."""

    def __call__(self, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(list(command))
        failed = self.fail is not None and self.fail in command
        said = f"{self.fail}: Access denied" if failed else "active"
        return subprocess.CompletedProcess(list(command), 1 if failed else 0, said, "")


def environ(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}


def test_install_writes_an_owner_only_unit_and_enables_it(tmp_path: Path) -> None:
    systemctl = SystemctlDouble()
    report = service.install(
        executable=Path("/opt/kintsugi/bin/kintsugi"), run=systemctl, environ=environ(tmp_path)
    )
    unit = tmp_path / "config" / "systemd" / "user" / "kintsugi.service"
    assert report.ok and report.unit_path == unit
    assert stat.S_IMODE(unit.stat().st_mode) == 0o600
    text = unit.read_text()
    for line in (
        "ExecStart=/opt/kintsugi/bin/kintsugi serve",
        "Environment=RASA_TELEMETRY_ENABLED=false",
        "Restart=on-failure",
        "SuccessExitStatus=130",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
        "WantedBy=default.target",
    ):
        assert line in text.splitlines(), line
    assert ["systemctl", "--user", "daemon-reload"] in systemctl.calls
    assert systemctl.calls[-1] == ["systemctl", "--user", "enable", "--now", "kintsugi.service"]
    assert any("loginctl enable-linger" in line for line in report.lines)
    assert not list(unit.parent.glob(".*"))  # no temporary file left beside it


def test_install_without_a_user_manager_says_exactly_what_to_run(tmp_path: Path) -> None:
    systemctl = SystemctlDouble(fail="show-environment")
    report = service.install(run=systemctl, environ=environ(tmp_path))
    assert not report.ok
    assert report.unit_path.is_file()
    assert "  systemctl --user enable --now kintsugi.service" in report.lines
    assert "  systemctl --user daemon-reload" in report.lines
    assert ["systemctl", "--user", "enable", "--now", "kintsugi.service"] not in systemctl.calls


def test_a_failing_enable_is_reported_with_its_reason(tmp_path: Path) -> None:
    report = service.install(run=SystemctlDouble(fail="enable"), environ=environ(tmp_path))
    assert not report.ok
    assert any("failed" in line and "Access denied" in line for line in report.lines)


def test_install_with_systemctl_missing_writes_the_unit_and_explains(tmp_path: Path) -> None:
    def missing(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(2, "No such file or directory", command[0])

    report = service.install(run=missing, environ=environ(tmp_path))
    assert not report.ok and report.unit_path.is_file()
    assert any("not reachable" in line and "No such file" in line for line in report.lines)


def test_status_and_uninstall(tmp_path: Path) -> None:
    systemctl = SystemctlDouble()
    env = environ(tmp_path)
    assert not service.status(run=systemctl, environ=env).ok  # nothing installed yet
    service.install(run=systemctl, environ=env)
    shown = service.status(run=systemctl, environ=env)
    assert shown.ok and "active: active" in shown.lines
    removed = service.uninstall(run=systemctl, environ=env)
    assert not removed.unit_path.exists()
    assert ["systemctl", "--user", "disable", "--now", "kintsugi.service"] in systemctl.calls
    again = service.uninstall(run=systemctl, environ=env)
    assert any("nothing to remove" in line for line in again.lines)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_unit_file(tmp_path: Path) -> None:
    report = service.install(
        executable=Path(shutil.which("true") or "/bin/true"),
        run=SystemctlDouble(fail="show-environment"),
        environ=environ(tmp_path),
    )
    result = subprocess.run(
        ["systemd-analyze", "verify", str(report.unit_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    complaints = [line for line in result.stderr.splitlines() if "kintsugi.service" in line]
    assert not complaints, result.stderr


@pytest.mark.slow
def test_the_commands_as_a_user_runs_them_here(tmp_path: Path) -> None:
    """The real systemctl: installed here, but no user manager runs (no D-Bus session)."""
    env = isolated_env(tmp_path)

    def kintsugi(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*kintsugi_command(), "service", *args], env=env, capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip

    installed = kintsugi("install")
    unit = Path(env["XDG_CONFIG_HOME"]) / "systemd" / "user" / "kintsugi.service"
    assert unit.is_file(), installed.stderr
    assert "kintsugi serve" in unit.read_text()
    assert "systemctl --user enable --now kintsugi.service" in installed.stdout
    assert installed.returncode in (0, 1)  # 0 only where a user manager does run
    status = kintsugi("status")
    assert f"unit file: {unit}" in status.stdout
    removed = kintsugi("uninstall")
    assert removed.returncode == 0 and not unit.exists()
    assert "Traceback" not in installed.stderr + status.stderr + removed.stderr
