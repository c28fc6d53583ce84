"""Speech model management: where the Vosk model lives, downloading it once, checking it.

The download streams into a hidden temporary folder next to the final place, checks the
SHA-256 of the zip, unpacks, checks the files, writes a manifest of their checksums and only
then renames the folder into place — so a half-finished download never looks installed.
Nothing here runs at session time except `locate_model`, which never touches the network.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import SpeechModelError
from assistant.paths import ensure_private_dir, sha256_file

MODEL_NAME = "vosk-model-small-en-us-0.15"
MODEL_URL = f"https://alphacephei.com/vosk/models/{MODEL_NAME}.zip"
MODEL_SHA256 = "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
MANIFEST = ".kintsugi-manifest.json"
"""Written last by `download`/`install_zip`: file → SHA-256. Its presence means complete."""

CONNECT_TIMEOUT_S = 10.0
"""Fail fast when offline: no session or command waits long on the network."""

DOWNLOAD_FIX = "Run `kintsugi models download` (about 40 MB, once), or pass --model PATH."

Progress = Callable[[int, int | None], None]
"""Called with (bytes so far, total bytes or None)."""


def models_dir(data_dir: Path) -> Path:
    return data_dir / "models"


def default_model_path(data_dir: Path) -> Path:
    return models_dir(data_dir) / MODEL_NAME


def locate_model(explicit: str | Path | None, data_dir: Path) -> Path:
    """The model folder to use: `--model PATH` / the config key, else the downloaded one.

    Raises `SpeechModelError` (with the command that fixes it) when it is missing or partial.
    """
    if explicit:
        path = Path(explicit).expanduser()
        problems = model_problems(path)
        if problems:
            raise SpeechModelError(
                f"The speech model at {path} is not usable: {problems[0]}. {DOWNLOAD_FIX}"
            )
        return path
    path = default_model_path(data_dir)
    if not path.exists():
        raise SpeechModelError(f"No speech model is installed yet. {DOWNLOAD_FIX}")
    problems = model_problems(path)
    if problems:
        raise SpeechModelError(
            f"The speech model at {path} is incomplete: {problems[0]}. "
            "Run `kintsugi models download` to replace it."
        )
    return path


def model_problems(path: Path) -> list[str]:
    """What is wrong with a model folder's layout (empty list when it looks complete)."""
    if not path.is_dir():
        return [f"{path} is not a folder"]
    problems = []
    for required in ("am/final.mdl", "conf/model.conf"):
        file = path / required
        if not file.is_file() or file.stat().st_size == 0:
            problems.append(f"{required} is missing or empty")
    graph = path / "graph"
    static = (graph / "HCLG.fst").is_file()
    dynamic = (graph / "HCLr.fst").is_file() and (graph / "Gr.fst").is_file()
    if not (static or dynamic):
        problems.append("graph/ has neither HCLG.fst nor HCLr.fst + Gr.fst")
    return problems


@dataclass(frozen=True)
class ModelStatus:
    """One model folder as `kintsugi models list|verify` reports it."""

    name: str
    """Folder name."""

    path: Path
    """Where it is."""

    problems: tuple[str, ...]
    """Empty when the model is complete and matches its manifest."""

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_model(path: Path) -> ModelStatus:
    """Layout check, plus every file against the manifest when there is one."""
    problems = model_problems(path)
    manifest = path / MANIFEST
    if not problems and manifest.is_file():
        try:
            expected: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.append(f"manifest unreadable ({error})")
            expected = {}
        for name, digest in sorted(expected.items()):
            file = path / name
            if not file.is_file():
                problems.append(f"{name} is missing")
            elif sha256_file(file) != digest:
                problems.append(f"{name} is corrupt (checksum differs)")
    return ModelStatus(path.name, path, tuple(problems))


def list_models(data_dir: Path) -> list[ModelStatus]:
    """Installed models (hidden partial downloads are not models and are not listed)."""
    folder = models_dir(data_dir)
    if not folder.is_dir():
        return []
    return [
        ModelStatus(p.name, p, tuple(model_problems(p)))
        for p in sorted(folder.iterdir())
        if p.is_dir() and not p.name.startswith(".")
    ]


def download_model(
    data_dir: Path,
    *,
    url: str = MODEL_URL,
    sha256: str = MODEL_SHA256,
    name: str = MODEL_NAME,
    progress: Progress | None = None,
    timeout_s: float = CONNECT_TIMEOUT_S,
) -> Path:
    """Fetch, check and install the model; returns its folder. Raises `SpeechModelError`."""
    folder = ensure_private_dir(models_dir(data_dir))
    _remove_stale_partials(folder)
    work = Path(tempfile.mkdtemp(prefix=f".{name}.partial-", dir=folder))
    try:
        archive = work / "model.zip"
        _fetch(url, archive, progress, timeout_s)
        return _install(archive, sha256, folder / name, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def install_zip(
    data_dir: Path, archive: Path, *, sha256: str = MODEL_SHA256, name: str = MODEL_NAME
) -> Path:
    """Install from a zip fetched some other way (`kintsugi models download --from-zip`)."""
    folder = ensure_private_dir(models_dir(data_dir))
    work = Path(tempfile.mkdtemp(prefix=f".{name}.partial-", dir=folder))
    try:
        return _install(archive, sha256, folder / name, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fetch(url: str, target: Path, progress: Progress | None, timeout_s: float) -> None:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response, target.open("wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            while chunk := response.read(1 << 16):
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        raise SpeechModelError(
            f"Could not download the speech model from {url} ({error}). Check the internet "
            "connection and run `kintsugi models download` again; or fetch the zip on another "
            "machine and run `kintsugi models download --from-zip FILE`."
        ) from error


def _install(archive: Path, sha256: str, destination: Path, work: Path) -> Path:
    digest = sha256_file(archive)
    if digest != sha256:
        raise SpeechModelError(
            f"The downloaded model is corrupt (SHA-256 {digest[:12]}…, expected "
            f"{sha256[:12]}…). Run `kintsugi models download` again."
        )
    unpacked = work / "unpacked"
    try:
        with zipfile.ZipFile(archive) as bundle:
            for member in bundle.namelist():
                if member.startswith("/") or ".." in Path(member).parts:
                    raise SpeechModelError(f"The model zip has an unsafe path: {member}.")
            bundle.extractall(unpacked)
    except zipfile.BadZipFile as error:
        raise SpeechModelError(f"The model zip is damaged ({error}).") from error
    root = _model_root(unpacked)
    problems = model_problems(root)
    if problems:
        raise SpeechModelError(f"The model zip is incomplete: {problems[0]}.")
    manifest = {
        str(p.relative_to(root)): sha256_file(p) for p in sorted(root.rglob("*")) if p.is_file()
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    old = None
    if destination.exists():
        old = destination.with_name(f".{destination.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        destination.rename(old)
    root.rename(destination)  # same folder, so this is one atomic rename
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return destination


def _model_root(unpacked: Path) -> Path:
    """Zips hold either the model files or a single folder with them."""
    entries = [p for p in unpacked.iterdir() if not p.name.startswith("__MACOSX")]
    if len(entries) == 1 and entries[0].is_dir() and not (entries[0] / "am").exists():
        return entries[0] if (entries[0] / "conf").exists() else _model_root(entries[0])
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return unpacked


def _remove_stale_partials(folder: Path) -> None:
    for stale in folder.glob(".*.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)


def text_progress(write: Callable[[str], None]) -> Progress:
    """A one-line progress bar for the terminal ("\\r" redraws it in place)."""
    last = [-1]

    def report(done: int, total: int | None) -> None:
        if total:
            percent = done * 100 // total
            if percent == last[0]:
                return
            last[0] = percent
            filled = percent // 4
            write(
                f"\r[{'#' * filled}{'.' * (25 - filled)}] {percent:3d}%  "
                f"{done / 1e6:5.1f} / {total / 1e6:.1f} MB"
            )
        else:
            write(f"\r{done / 1e6:5.1f} MB")

    return report
