"""The trained cache: a second clone takes from it what this machine already trained from
the same inputs, and trains what it must (assistant/dialogue/trained_cache.py)."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from assistant.dialogue.trained_cache import (
    SLOTS_PER_STEP,
    TrainedCache,
    TrainingStep,
    cache_enabled,
    packages_identity,
)
from assistant.dialogue.training import run_steps, training_steps
from assistant.settings import DialogueSettings


@dataclass
class Clone:
    """A checkout in miniature: an input file, and a model that records what it was
    trained from (as the real models record their inputs' fingerprint)."""

    root: Path
    fits: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.inputs.write_text("data v1")
        self.trainer.write_text("VERSION = 1\n")

    @property
    def inputs(self) -> Path:
        return self.root / "data.txt"

    @property
    def model(self) -> Path:
        return self.root / "models" / "model.bin"

    @property
    def trainer(self) -> Path:
        return self.root / "trainer.py"

    def step(self) -> TrainingStep:
        def is_current() -> bool:
            return self.model.is_file() and self.model.read_text() == self._trained_from()

        def fit() -> None:
            self.fits.append(self.inputs.read_text())
            self.model.parent.mkdir(exist_ok=True)
            self.model.write_text(self._trained_from())

        return TrainingStep("toy model", [self.model], is_current, fit, [self.trainer])

    def _trained_from(self) -> str:
        return f"trained from {self.inputs.read_text()}"


def test_a_second_clone_takes_the_model_from_the_cache_and_trains_nothing(
    tmp_path: Path,
) -> None:
    cache = TrainedCache(tmp_path / "cache")
    first, second = Clone(tmp_path / "first"), Clone(tmp_path / "second")
    assert run_steps([first.step()], cache=cache) == ["toy model (0 s)"]
    assert first.fits == ["data v1"]

    done = run_steps([second.step()], cache=cache)
    assert done == ["toy model (from the cache, 0 s)"]
    assert second.fits == []
    assert second.model.read_text() == "trained from data v1"
    assert run_steps([second.step()], cache=cache) == []  # current now: nothing to do


def test_a_current_model_the_cache_lacks_is_kept_for_the_next_clone(tmp_path: Path) -> None:
    first, second = Clone(tmp_path / "first"), Clone(tmp_path / "second")
    run_steps([first.step()])  # trained with no cache
    cache = TrainedCache(tmp_path / "cache")
    assert run_steps([first.step()], cache=cache) == []
    assert run_steps([second.step()], cache=cache) == ["toy model (from the cache, 0 s)"]
    assert second.fits == []


def test_changed_inputs_train_and_leave_the_old_model_until_then(tmp_path: Path) -> None:
    cache = TrainedCache(tmp_path / "cache")
    clone = Clone(tmp_path / "clone")
    run_steps([clone.step()], cache=cache)
    clone.inputs.write_text("data v2")

    assert not cache.restore(clone.step())  # the only slot is for v1
    assert clone.model.read_text() == "trained from data v1"  # put back as it was
    assert run_steps([clone.step()], cache=cache) == ["toy model (0 s)"]
    assert clone.fits == ["data v1", "data v2"]

    # Back to v1 (a branch switch): the older slot is still there.
    clone.inputs.write_text("data v1")
    assert run_steps([clone.step()], cache=cache) == ["toy model (from the cache, 0 s)"]
    assert clone.fits == ["data v1", "data v2"]


def test_a_model_made_by_other_trainer_code_is_never_reused(tmp_path: Path) -> None:
    cache = TrainedCache(tmp_path / "cache")
    first, second = Clone(tmp_path / "first"), Clone(tmp_path / "second")
    run_steps([first.step()], cache=cache)
    second.trainer.write_text("VERSION = 2  # the fit changed, the data did not\n")
    assert run_steps([second.step()], cache=cache) == ["toy model (0 s)"]
    assert second.fits == ["data v1"]


def test_no_slot_and_no_model_leaves_no_model(tmp_path: Path) -> None:
    cache = TrainedCache(tmp_path / "cache")
    other, clone = Clone(tmp_path / "other"), Clone(tmp_path / "clone")
    other.inputs.write_text("something else")
    run_steps([other.step()], cache=cache)
    assert not cache.restore(clone.step())
    assert not clone.model.exists()


def test_force_always_trains_and_refreshes_the_slot(tmp_path: Path) -> None:
    cache = TrainedCache(tmp_path / "cache")
    clone = Clone(tmp_path / "clone")
    run_steps([clone.step()], cache=cache)
    run_steps([clone.step()], force=True, cache=cache)
    assert clone.fits == ["data v1", "data v1"]


def test_only_the_newest_slots_are_kept(tmp_path: Path) -> None:
    cache = TrainedCache(tmp_path / "cache")
    clone = Clone(tmp_path / "clone")
    for version in range(SLOTS_PER_STEP + 2):
        clone.inputs.write_text(f"data v{version}")
        run_steps([clone.step()], cache=cache)
    (code_dir,) = (cache.root / "toy-model").iterdir()
    slots = [p for p in code_dir.iterdir() if not p.name.startswith(".")]
    assert len(slots) == SLOTS_PER_STEP
    kept = {(slot / "0-model.bin").read_text() for slot in slots}
    newest = {f"trained from data v{v}" for v in range(2, SLOTS_PER_STEP + 2)}
    assert kept == newest


def test_the_cache_is_owner_only(tmp_path: Path) -> None:
    cache = TrainedCache(tmp_path / "cache")
    clone = Clone(tmp_path / "clone")
    run_steps([clone.step()], cache=cache)
    (code_dir,) = (cache.root / "toy-model").iterdir()
    (slot,) = code_dir.iterdir()
    for path in [cache.root, cache.root / "toy-model", code_dir]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert stat.S_IMODE((slot / "0-model.bin").stat().st_mode) == 0o600


def test_an_unwritable_cache_only_means_training(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would go")
    cache = TrainedCache(blocker / "cache")
    clone = Clone(tmp_path / "clone")
    assert run_steps([clone.step()], cache=cache) == ["toy model (0 s)"]
    assert cache.store(clone.step()) is None
    assert clone.model.read_text() == "trained from data v1"


def test_a_torn_slot_is_never_used(tmp_path: Path) -> None:
    cache = TrainedCache(tmp_path / "cache")
    first, second = Clone(tmp_path / "first"), Clone(tmp_path / "second")
    run_steps([first.step()], cache=cache)
    (code_dir,) = (cache.root / "toy-model").iterdir()
    (slot,) = code_dir.iterdir()
    (slot / "0-model.bin").unlink()  # as if the copy died half-way
    assert run_steps([second.step()], cache=cache) == ["toy model (0 s)"]
    assert second.fits == ["data v1"]


def test_the_cache_is_kept_per_installed_packages() -> None:
    identity = packages_identity()
    assert len(identity) == 16 and int(identity, 16) >= 0
    assert identity == packages_identity()
    assert TrainedCache().root.name == identity


def test_a_new_version_of_a_model_package_is_a_new_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    before = packages_identity()
    real_version = metadata.version

    def newer_scikit_learn(name: str) -> str:
        return "99.0" if name == "scikit-learn" else real_version(name)

    monkeypatch.setattr(metadata, "version", newer_scikit_learn)
    assert packages_identity() != before


def test_it_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KINTSUGI_NO_TRAINED_CACHE", raising=False)
    assert cache_enabled()
    monkeypatch.setenv("KINTSUGI_NO_TRAINED_CACHE", "1")
    assert not cache_enabled()


@pytest.mark.slow
def test_the_real_models_come_back_from_the_cache_current(
    dialogue_settings: DialogueSettings, tmp_path: Path
) -> None:
    """Every real step's files, stored from this checkout's trained models (the fixture
    trains what is stale), make that step current again in an empty models folder, by its
    own check; no step trains."""
    real = dialogue_settings
    assert all(step.is_current() for step in training_steps(real))
    cache = TrainedCache(tmp_path / "cache")
    for step in training_steps(real):
        assert cache.store(step) is not None

    models = tmp_path / "clone-models"
    models.mkdir()
    clone = DialogueSettings(model_dir=models, understanding_dir=models)
    steps = training_steps(clone)
    assert not any(step.is_current() for step in steps)

    def must_not_train() -> None:
        raise AssertionError("a step trained although the cache had it")

    untrainable = [replace(step, fit=must_not_train) for step in steps]
    done = run_steps(untrainable, cache=cache)
    assert [d.split(" (")[0] for d in done] == [step.name for step in steps]
    assert all("(from the cache" in d for d in done)
    assert all(step.is_current() for step in training_steps(clone))
