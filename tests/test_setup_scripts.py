"""The setup steps `make run` and `make test` take say exactly what to do when they can't."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.paths import PROJECT_ROOT

SCRIPTS = PROJECT_ROOT / "scripts"


def _bin_with(tmp_path: Path, *tools: str) -> Path:
    """A PATH folder holding only the named tools (so others look 'not installed')."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in tools:
        found = shutil.which(tool)
        assert found, f"{tool} is needed to run this test"
        (folder / tool).symlink_to(found)
    return folder


def _run(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPTS / script)], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_no_python310_explains_how_to_get_one(tmp_path: Path) -> None:
    path = _bin_with(tmp_path, "sh", "cat")
    env = {"PATH": str(path), "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "no-pyenv")}
    result = _run("find-python310", env)
    assert result.returncode == 1
    assert "no Python 3.10 found" in result.stderr
    assert "pyenv install 3.10" in result.stderr
    assert "PYTHON310=" in result.stderr


def test_python310_is_found_here() -> None:
    result = _run("find-python310", dict(os.environ))
    assert result.returncode == 0
    version = subprocess.run(
        [result.stdout.strip(), "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("Python 3.10")


def test_nothing_to_do_when_packages_are_installed() -> None:
    result = _run("system-packages", dict(os.environ))
    assert result.returncode == 0
    assert result.stdout == ""


def test_missing_package_without_apt_names_the_packages(tmp_path: Path) -> None:
    path = _bin_with(tmp_path, "sh", "dpkg-query", "grep", "id", "cat")
    env = {"PATH": str(path), "KINTSUGI_SYSTEM_PACKAGES": "espeak-ng kintsugi-no-such-package"}
    result = _run("system-packages", env)
    assert result.returncode == 1
    assert "no apt-get" in result.stderr
    assert "kintsugi-no-such-package" in result.stderr
    assert "espeak-ng kintsugi" not in result.stderr  # installed ones are not listed


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root")
def test_missing_package_when_not_root_prints_the_exact_command(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "KINTSUGI_SYSTEM_PACKAGES": "kintsugi-no-such-package"}
    command = [str(SCRIPTS / "system-packages")]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "sudo apt-get install -y kintsugi-no-such-package" in result.stderr
