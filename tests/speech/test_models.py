"""Speech model management: locate, install atomically with a checksum, verify, fail clearly."""

from __future__ import annotations

import hashlib
import time
import zipfile
from pathlib import Path

import pytest

from assistant.errors import SpeechModelError
from assistant.speech import models
from tests.audio.harness import KO_MODEL


def fake_model_zip(path: Path, *, broken: bool = False) -> str:
    """A zip laid out like Vosk's (one top folder); returns its SHA-256."""
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("vosk-model-small-en-us-0.15/am/final.mdl", b"acoustic model")
        bundle.writestr("vosk-model-small-en-us-0.15/conf/model.conf", b"--min-active=200")
        bundle.writestr("vosk-model-small-en-us-0.15/graph/HCLr.fst", b"fst")
        if not broken:
            bundle.writestr("vosk-model-small-en-us-0.15/graph/Gr.fst", b"fst")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_model_says_exactly_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(SpeechModelError, match="kintsugi models download"):
        models.locate_model(None, tmp_path)
    with pytest.raises(SpeechModelError, match="--model PATH"):
        models.locate_model(tmp_path / "nowhere", tmp_path)


def test_explicit_model_path_wins(tmp_path: Path) -> None:
    assert models.locate_model(KO_MODEL, tmp_path) == KO_MODEL


def test_download_checks_the_checksum_and_installs_atomically(tmp_path: Path) -> None:
    archive = tmp_path / "model.zip"
    digest = fake_model_zip(archive)
    data = tmp_path / "data"
    seen: list[tuple[int, int | None]] = []
    installed = models.download_model(
        data, url=archive.as_uri(), sha256=digest, progress=lambda d, t: seen.append((d, t))
    )
    assert installed == models.default_model_path(data)
    assert models.locate_model(None, data) == installed
    assert seen and seen[-1][0] == archive.stat().st_size
    status = models.verify_model(installed)
    assert status.ok, status.problems
    assert [m.name for m in models.list_models(data)] == [models.MODEL_NAME]
    # No partial download or temporary folder is left behind.
    assert [p.name for p in models.models_dir(data).iterdir()] == [models.MODEL_NAME]

    # Corruption after installation is found by verify.
    (installed / "am" / "final.mdl").write_bytes(b"bit rot")
    assert any("corrupt" in p for p in models.verify_model(installed).problems)


def test_a_wrong_checksum_never_looks_installed(tmp_path: Path) -> None:
    archive = tmp_path / "model.zip"
    fake_model_zip(archive)
    data = tmp_path / "data"
    with pytest.raises(SpeechModelError, match="corrupt"):
        models.download_model(data, url=archive.as_uri(), sha256="0" * 64)
    assert models.list_models(data) == []
    with pytest.raises(SpeechModelError, match="No speech model"):
        models.locate_model(None, data)


def test_an_incomplete_zip_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "model.zip"
    digest = fake_model_zip(archive, broken=True)
    with pytest.raises(SpeechModelError, match="incomplete"):
        models.install_zip(tmp_path / "data", archive, sha256=digest)
    assert models.list_models(tmp_path / "data") == []


def test_a_partial_model_folder_gives_the_fixing_command(tmp_path: Path) -> None:
    partial = models.default_model_path(tmp_path)
    (partial / "am").mkdir(parents=True)
    with pytest.raises(SpeechModelError, match="kintsugi models download"):
        models.locate_model(None, tmp_path)


def test_download_without_network_fails_fast_with_advice(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(SpeechModelError, match="--from-zip"):
        # Port 9 (discard) on loopback: refused at once, like a machine with no network.
        models.download_model(tmp_path, url="http://127.0.0.1:9/model.zip", timeout_s=2)
    assert time.monotonic() - started < 5
    assert models.list_models(tmp_path) == []
