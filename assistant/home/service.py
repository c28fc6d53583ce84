"""`kintsugi service install|uninstall|status`: a systemd user unit that runs `kintsugi serve`.

A user unit (not a system one): it runs as you, where your sound server and your data are.
It starts at login; `loginctl enable-linger` makes your user manager (and so the unit) start
at boot. When `systemctl --user` cannot be reached (no user manager, as in containers and
some SSH sessions) the unit file is still written and the exact commands to run are given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import StorageError

UNIT_NAME = "kintsugi.service"

Run = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]
"""Runs a command and returns its result (tests pass their own)."""


def unit_dir(environ: Mapping[str, str] | None = None) -> Path:
    """~/.config/systemd/user (or under $XDG_CONFIG_HOME)."""
    environ = os.environ if environ is None else environ
    xdg = environ.get("XDG_CONFIG_HOME")
    base = (
        Path(xdg).expanduser() if xdg else Path(environ.get("HOME", str(Path.home()))) / ".config"
    )
    return base / "systemd" / "user"


def kintsugi_executable() -> Path:
    """The `kintsugi` script of this installation (the venv's), by absolute path."""
    beside = Path(sys.executable).with_name("kintsugi")
    if beside.exists():
        return beside
    found = shutil.which("kintsugi")
    return Path(found) if found else beside


def render_unit(executable: Path, config: Path | None = None) -> str:
    """The unit file's text."""
    command = f"{executable} serve"
    if config is not None:
        command = f"{executable} --config {config} serve"
    return f"""\
# Written by `kintsugi service install`; `kintsugi service uninstall` removes it.
[Unit]
Description=Kintsugi home device: an offline voice coach that waits for its wake phrase
After=pipewire-pulse.service pulseaudio.service

[Service]
Type=simple
ExecStart={command}
Environment=RASA_TELEMETRY_ENABLED=false
Environment=PYTHONUNBUFFERED=1
Restart=on-failure
RestartSec=10
# SIGTERM (systemctl stop) ends kintsugi with 130, as Ctrl-C does: a clean stop.
SuccessExitStatus=130
TimeoutStopSec=30
# The whole control group goes at stop, so no helper process can ever linger.
KillMode=control-group

# Hardening that keeps audio working. The sound server is reached through its Unix socket
# in $XDG_RUNTIME_DIR; nothing in the process listens on any socket (the custom actions
# run in-process). These are seccomp filters, which user managers can apply.
# Not used, on purpose: PrivateNetwork=, ProtectSystem= and ProtectHome= need unprivileged
# user namespaces in a user unit (missing on many systems: the unit would fail with
# 226/NAMESPACE), IPAddressDeny= is ignored by user managers (it needs root), PrivateDevices=
# would hide the sound card, and MemoryDenyWriteExecute= is untested with the audio
# callbacks (cffi/libffi closures may need writable code on some systems).
NoNewPrivileges=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
RestrictNamespaces=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
UMask=0077

[Install]
WantedBy=default.target
"""


@dataclass(frozen=True)
class ServiceReport:
    """What a service command did, and what is left for the user to run."""

    unit_path: Path
    """Where the unit file is (or was)."""

    lines: tuple[str, ...]
    """What to print, in order."""

    ok: bool = True
    """False when something the user asked for did not happen."""


def default_run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=30, check=False)


def _systemctl(run: Run, *args: str) -> tuple[bool, str]:
    """(worked, what it said) for `systemctl --user ARGS`; never raises."""
    try:
        result = run(["systemctl", "--user", *args])
    except (OSError, subprocess.SubprocessError) as error:
        return False, str(error)
    said = (result.stdout + result.stderr).strip()
    return result.returncode == 0, said


def user_manager_reachable(run: Run) -> tuple[bool, str]:
    """Whether `systemctl --user` talks to a running user manager (and why not)."""
    if shutil.which("systemctl") is None and run is default_run:
        return False, "systemctl is not installed"
    worked, said = _systemctl(run, "show-environment")
    return worked, said.splitlines()[0] if said else "no answer"


LINGER = "To start it at boot rather than at login, run once: `loginctl enable-linger $USER`."


def install(
    *,
    executable: Path | None = None,
    config: Path | None = None,
    run: Run = default_run,
    environ: Mapping[str, str] | None = None,
) -> ServiceReport:
    """Write the unit (owner-only) and enable it now when the user manager answers."""
    folder = unit_dir(environ)
    path = folder / UNIT_NAME
    text = render_unit(executable or kintsugi_executable(), config)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{UNIT_NAME}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as error:
        raise StorageError(
            f"Could not write {path}: {error.strerror}. Check that {folder} belongs to you."
        ) from error
    lines = [f"Wrote {path}."]
    reachable, why = user_manager_reachable(run)
    if not reachable:
        return ServiceReport(
            path,
            (
                *lines,
                f"systemd's user manager is not reachable here ({why}), so nothing was "
                "started. Where it runs (a desktop or SSH login with systemd), run:",
                "  systemctl --user daemon-reload",
                f"  systemctl --user enable --now {UNIT_NAME}",
                LINGER,
            ),
            ok=False,
        )
    for args in (("daemon-reload",), ("enable", "--now", UNIT_NAME)):
        worked, said = _systemctl(run, *args)
        if not worked:
            return ServiceReport(
                path,
                (
                    *lines,
                    f"`systemctl --user {' '.join(args)}` failed: {said or 'no reason given'}.",
                    "Fix that, then run:",
                    f"  systemctl --user enable --now {UNIT_NAME}",
                ),
                ok=False,
            )
    return ServiceReport(
        path,
        (
            *lines,
            f"Enabled and started {UNIT_NAME}; it starts whenever you log in.",
            LINGER,
            f"See it with `kintsugi service status` or `journalctl --user -u {UNIT_NAME}`.",
        ),
    )


def uninstall(*, run: Run = default_run, environ: Mapping[str, str] | None = None) -> ServiceReport:
    """Stop and disable the unit when the user manager answers, then remove the file."""
    path = unit_dir(environ) / UNIT_NAME
    lines: list[str] = []
    reachable, why = user_manager_reachable(run)
    if reachable:
        _systemctl(run, "disable", "--now", UNIT_NAME)  # fine if it was not enabled
    existed = path.exists()
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise StorageError(f"Could not remove {path}: {error.strerror}.") from error
    lines.append(f"Removed {path}." if existed else f"No unit file at {path}; nothing to remove.")
    if reachable:
        _systemctl(run, "daemon-reload")
        lines.append(f"Stopped and disabled {UNIT_NAME}.")
    else:
        lines += [
            f"systemd's user manager is not reachable here ({why}). If the service was "
            "running elsewhere under this user, run there:",
            f"  systemctl --user disable --now {UNIT_NAME} && systemctl --user daemon-reload",
        ]
    return ServiceReport(path, tuple(lines), ok=True)


def status(*, run: Run = default_run, environ: Mapping[str, str] | None = None) -> ServiceReport:
    """Whether the unit is installed, enabled and running."""
    path = unit_dir(environ) / UNIT_NAME
    lines = [f"unit file: {path}" + ("" if path.exists() else " (not installed)")]
    reachable, why = user_manager_reachable(run)
    if not reachable:
        lines.append(f"systemd user manager: not reachable ({why}); cannot tell if it runs.")
        return ServiceReport(path, tuple(lines), ok=path.exists())
    _, enabled = _systemctl(run, "is-enabled", UNIT_NAME)
    active_ok, active = _systemctl(run, "is-active", UNIT_NAME)
    lines += [f"enabled: {enabled or 'unknown'}", f"active: {active or 'unknown'}"]
    return ServiceReport(path, tuple(lines), ok=path.exists() and active_ok)
