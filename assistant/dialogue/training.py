"""Train the Rasa model, and only when the training inputs changed.

The fingerprint is a hash of the contents of domain/, data/ and config.yml (not of file
times, which a fresh clone resets), stored next to the model.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.dialogue.trained_cache import (
    TrainedCache,
    TrainingStep,
    cache_enabled,
    code_identity,
    packages_identity,
)
from assistant.encoder import MODEL_DIR_ENV
from assistant.errors import DialogueModelError
from assistant.paths import PROJECT_ROOT, default_cache_dir, ensure_private_dir
from assistant.settings import DialogueSettings

TRAINING_INPUTS = ("config.yml", "domain", "data")


def training_fingerprint(project_dir: Path) -> str:
    """A content hash of everything `rasa train` reads."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        root = project_dir / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            digest.update(str(path.relative_to(project_dir)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


RASA_CACHE_ENV = "RASA_CACHE_DIRECTORY"


def dialogue_trainer_code() -> list[Path]:
    """Our code that `rasa train` runs: the NLU featurizer, the encoder it reads, and the
    shim that keeps TensorFlow out."""
    code = PROJECT_ROOT / "assistant"
    rasa_side = [code / "dialogue" / name for name in ("encoder_featurizer.py", "lean_rasa.py")]
    return [*rasa_side, code / "encoder"]


def rasa_cache_dir() -> Path:
    """Where `rasa train` keeps each graph node's output (Rasa's training cache, by default
    `.rasa/cache` in the checkout): in the user's cache folder, so a fresh clone refits only
    what changed. A cold training took about 85 s here, most of it the intent classifier's
    fit; a warm one about 12 s. Rasa keys an entry by the node's config and inputs, not by
    the code that computes it. So the folder is named after our trainer code and the
    package versions too: a changed featurizer never reuses an older output."""
    identity = code_identity(dialogue_trainer_code())
    return default_cache_dir() / "rasa" / packages_identity() / identity


def _fingerprint_file(settings: DialogueSettings) -> Path:
    return settings.model_dir / "kintsugi.fingerprint"


def model_is_current(settings: DialogueSettings) -> bool:
    """True when a trained model exists and was trained from the current inputs."""
    stamp = _fingerprint_file(settings)
    if not settings.model_path.is_file() or not stamp.is_file():
        return False
    current = training_fingerprint(settings.project_dir)
    return stamp.read_text(encoding="utf-8").strip() == current


def train(settings: DialogueSettings, *, quiet: bool = False) -> Path:
    """Run `rasa train` into a temporary folder, then move the model into place.

    Moving at the end means an interrupted training never leaves a half-written model where
    the runtime would load it.
    """
    fingerprint = training_fingerprint(settings.project_dir)
    settings.model_dir.mkdir(parents=True, exist_ok=True)
    # The NLU featurizer reads the sentence encoder from the settings' understanding folder.
    env = dict(
        os.environ,
        RASA_TELEMETRY_ENABLED="false",
        **{MODEL_DIR_ENV: str(settings.understanding_dir)},
    )
    if RASA_CACHE_ENV not in env:
        env[RASA_CACHE_ENV] = str(ensure_private_dir(rasa_cache_dir()))
    with tempfile.TemporaryDirectory(dir=settings.model_dir, prefix=".train-") as tmp:
        command = [
            sys.executable, "-m", "assistant.dialogue.rasa_command", "train",
            "--domain", "domain", "--data", "data", "--config", "config.yml",
            "--out", tmp, "--fixed-model-name", "kintsugi",
        ]  # fmt: skip
        result = subprocess.run(
            command,
            cwd=settings.project_dir,
            env=env,
            stdout=subprocess.PIPE if quiet else None,
            stderr=subprocess.STDOUT if quiet else None,
            check=False,
        )
        trained = Path(tmp) / "kintsugi.tar.gz"
        if result.returncode != 0 or not trained.is_file():
            detail = ""
            if quiet and result.stdout:
                # Rasa's own error is what helps; progress bars are noise.
                lines = result.stdout.decode(errors="replace").splitlines()
                useful = [line for line in lines if "it/s" not in line and line.strip()]
                detail = "\n" + "\n".join(useful[-25:])
            raise DialogueModelError(
                "Training the dialogue model failed. Run `kintsugi train` to see why, "
                f"and check domain/, data/ and config.yml.{detail}"
            )
        shutil.move(str(trained), settings.model_path)
    _fingerprint_file(settings).write_text(fingerprint + "\n", encoding="utf-8")
    return settings.model_path


def training_steps(settings: DialogueSettings, *, quiet: bool = True) -> list[TrainingStep]:
    """Every model `kintsugi train` fits, in the order they must be fitted: the dialogue
    model, the crisis classifier (assistant/safety/training.py), the learned apology,
    reflection and answer labels (assistant/learning/apology.py, listening.py, answer.py)
    and the apology and answer turn models (assistant/learning/turns.py)."""
    from assistant.learning.answer import (
        ANSWER_LABELS,
        answer_model_is_current,
        train_answer_model,
    )
    from assistant.learning.apology import (
        apology_model_is_current,
        apology_model_path,
        train_apology_model,
    )
    from assistant.learning.listening import (
        listening_model_is_current,
        listening_model_path,
        train_listening_model,
    )
    from assistant.learning.turns import (
        ANSWER_TURNS,
        APOLOGY_TURNS,
        train_turn_model,
        turn_model_is_current,
    )
    from assistant.safety.training import (
        crisis_model_is_current,
        crisis_model_path,
        train_crisis_model,
    )

    model_dir, project_dir = settings.understanding_dir, settings.project_dir
    # The code that trains each (trained_cache.py): a change to it retrains, cache or not.
    code = PROJECT_ROOT / "assistant"
    encoder, learning = code / "encoder", code / "learning"
    clauses = [learning, encoder, PROJECT_ROOT / "actions" / "coaching" / "learned_labels.py"]
    turns = [learning, encoder, PROJECT_ROOT / "actions" / "coaching"]
    return [
        TrainingStep(
            "dialogue model",
            [settings.model_path, _fingerprint_file(settings)],
            lambda: model_is_current(settings),
            lambda: train(settings, quiet=quiet),
            dialogue_trainer_code(),
        ),
        TrainingStep(
            "crisis classifier",
            [crisis_model_path(model_dir)],
            lambda: crisis_model_is_current(model_dir, project_dir),
            lambda: train_crisis_model(model_dir, project_dir),
            [code / "safety", learning, encoder],
        ),
        TrainingStep(
            "apology labels",
            [apology_model_path(model_dir)],
            lambda: apology_model_is_current(model_dir),
            lambda: train_apology_model(model_dir),
            clauses,
        ),
        TrainingStep(
            "reflection labels",
            [listening_model_path(model_dir)],
            lambda: listening_model_is_current(model_dir),
            lambda: train_listening_model(model_dir),
            clauses,
        ),
        TrainingStep(
            "answer labels",
            [ANSWER_LABELS.model_path(model_dir)],
            lambda: answer_model_is_current(model_dir),
            lambda: train_answer_model(model_dir),
            clauses,
        ),
        # After the clause models: a turn model reads what they find.
        TrainingStep(
            "apology turn model",
            [APOLOGY_TURNS.model_path(model_dir)],
            lambda: turn_model_is_current(APOLOGY_TURNS, model_dir),
            lambda: train_turn_model(APOLOGY_TURNS, model_dir),
            turns,
        ),
        TrainingStep(
            "answer turn model",
            [ANSWER_TURNS.model_path(model_dir)],
            lambda: turn_model_is_current(ANSWER_TURNS, model_dir),
            lambda: train_turn_model(ANSWER_TURNS, model_dir),
            turns,
        ),
    ]


def train_stale(
    settings: DialogueSettings,
    *,
    force: bool = False,
    quiet: bool = True,
    cache: TrainedCache | None = None,
) -> list[str]:
    """Train whatever is out of date (or everything with ``force``); see `training_steps`.

    A stale step is first looked up in the trained cache (`trained_cache.py`: what this
    machine trained before from the same inputs, under the same packages) and trained only
    when no copy there is current; ``force`` always trains. What trains is kept there for
    the next clone, as is a current model the cache lacks. Returns what was trained or taken
    from the cache, each with its seconds
    ("crisis classifier (240 s)", "dialogue model (from the cache, 1 s)")."""
    if cache is None and cache_enabled():
        cache = TrainedCache()
    return run_steps(training_steps(settings, quiet=quiet), force=force, cache=cache)


def run_steps(
    steps: list[TrainingStep], *, force: bool = False, cache: TrainedCache | None = None
) -> list[str]:
    """`train_stale` over any steps (tests give it their own)."""
    done = []
    for step in steps:
        if not force and step.is_current():
            # A clone trained before the cache existed (or by hand) fills it as it goes.
            if cache is not None:
                cache.store(step)
            continue
        # Each step says how long it took, so a slow setup (CI's log) shows where the
        # time went without rerunning it.
        started = time.monotonic()
        if not force and cache is not None and cache.restore(step):
            done.append(f"{step.name} (from the cache, {time.monotonic() - started:.0f} s)")
            continue
        step.fit()
        done.append(f"{step.name} ({time.monotonic() - started:.0f} s)")
        if cache is not None:
            cache.store(step)
    return done
