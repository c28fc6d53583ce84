"""Where Kintsugi keeps files, and the owner-only permissions they get.

Everything the app writes lives under one user data directory, created 0700; files are
written 0600 through `write_private_file`, atomically, so a crash never leaves half a file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The source checkout (domain/, data/, config.yml, models/ live here)."""


def default_data_dir() -> Path:
    """`$KINTSUGI_HOME`, else `$XDG_DATA_HOME/kintsugi`, else `~/.local/share/kintsugi`."""
    explicit = os.environ.get("KINTSUGI_HOME")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "kintsugi"


def default_cache_dir() -> Path:
    """`$KINTSUGI_CACHE_DIR`, else `$XDG_CACHE_HOME/kintsugi`, else `~/.cache/kintsugi`.

    What can be rebuilt but is slow to (the encoder features of the training sentences)
    lives here, outside the checkout, so a second clone on the same machine reuses it."""
    explicit = os.environ.get("KINTSUGI_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "kintsugi"


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, hex, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it owner-only (0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically with mode 0600.

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed
    over the target: readers see the old file or the new one, never a torn one.
    """
    ensure_private_dir(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
