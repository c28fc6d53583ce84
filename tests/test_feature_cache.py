"""The feature cache the learned classifiers train through: kept in the user's cache folder
so a second clone on the same machine encodes only what no clone encoded before, written
owner-only and atomically, and never a reason for training to fail. The real encoder is
used; a counter around it shows what was encoded."""

from __future__ import annotations

import logging
import stat
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.encoder import SentenceEncoder, load_encoder
from assistant.learning import FeatureCache, feature_cache_path
from assistant.paths import PROJECT_ROOT


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return load_encoder(PROJECT_ROOT / "models")


class _Counted:
    """The real encoder's features, and the sentences it was asked to encode."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self._encoder = encoder
        self.encoded: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return self._encoder.features(texts)


def test_the_cache_lives_in_the_user_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KINTSUGI_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert feature_cache_path("safety") == tmp_path / "xdg" / "kintsugi" / "features" / "safety.npz"
    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(tmp_path / "mine"))
    assert feature_cache_path("answers") == tmp_path / "mine" / "features" / "answers.npz"


def test_a_second_clone_encodes_only_new_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: SentenceEncoder
) -> None:
    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(tmp_path / "cache"))
    first = _Counted(encoder)
    cache = FeatureCache(feature_cache_path("safety"), "v1")
    before = cache.features(["i kept the receipts", "she asked for space"], first)
    cache.save()
    assert sorted(first.encoded) == ["i kept the receipts", "she asked for space"]

    second = _Counted(encoder)
    again = FeatureCache(feature_cache_path("safety"), "v1")
    after = again.features(["she asked for space", "i kept the receipts", "a new one"], second)
    assert second.encoded == ["a new one"]
    np.testing.assert_array_equal(after[:2], before[::-1])

    other_version = _Counted(encoder)
    FeatureCache(feature_cache_path("safety"), "v2").features(
        ["she asked for space"], other_version
    )
    assert other_version.encoded == ["she asked for space"], (
        "a new pooling must not reuse old vectors"
    )


def test_a_cache_with_nothing_new_is_not_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: SentenceEncoder
) -> None:
    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(tmp_path / "cache"))
    cache = FeatureCache(feature_cache_path("safety"), "v1")
    cache.features(["already here"], _Counted(encoder))
    cache.save()
    (saved,) = (tmp_path / "cache" / "features").glob("safety-*.npz")
    written = saved.stat()

    again = FeatureCache(feature_cache_path("safety"), "v1")
    counted = _Counted(encoder)
    again.features(["already here"], counted)
    again.save()
    assert counted.encoded == []
    assert (saved.stat().st_ino, saved.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


def test_the_cache_is_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder: SentenceEncoder
) -> None:
    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(tmp_path / "cache"))
    cache = FeatureCache(feature_cache_path("safety"), "v1")
    cache.features(["owner only"], _Counted(encoder))
    cache.save()
    folder = tmp_path / "cache" / "features"
    (saved,) = folder.glob("safety-*.npz")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == [saved.name], "no temporary file is left"


def test_a_torn_cache_is_encoded_afresh_and_repaired(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    encoder: SentenceEncoder,
) -> None:
    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(tmp_path / "cache"))
    cache = FeatureCache(feature_cache_path("safety"), "v1")
    cache.features(["torn"], _Counted(encoder))
    cache.save()
    (saved,) = (tmp_path / "cache" / "features").glob("safety-*.npz")
    saved.write_bytes(saved.read_bytes()[:100])

    counted = _Counted(encoder)
    with caplog.at_level(logging.WARNING, logger="assistant.learning"):
        torn = FeatureCache(feature_cache_path("safety"), "v1")
    assert "unreadable" in caplog.text
    torn.features(["torn"], counted)
    torn.save()
    assert counted.encoded == ["torn"]
    later = _Counted(encoder)
    FeatureCache(feature_cache_path("safety"), "v1").features(["torn"], later)
    assert later.encoded == []


def test_a_cache_that_cannot_be_written_does_not_stop_training(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    encoder: SentenceEncoder,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KINTSUGI_CACHE_DIR", str(blocker / "cache"))
    cache = FeatureCache(feature_cache_path("safety"), "v1")
    features = cache.features(["still trains"], _Counted(encoder))
    with caplog.at_level(logging.WARNING, logger="assistant.learning"):
        cache.save()
    assert features.shape[0] == 1
    assert "not saved" in caplog.text
