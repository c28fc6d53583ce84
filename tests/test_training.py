"""Training happens only when its inputs change, judged by content, not file times."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.dialogue.training import model_is_current, training_fingerprint
from assistant.paths import PROJECT_ROOT
from assistant.settings import DialogueSettings


def _copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(PROJECT_ROOT / "config.yml", project / "config.yml")
    shutil.copytree(PROJECT_ROOT / "domain", project / "domain")
    shutil.copytree(PROJECT_ROOT / "data", project / "data")
    return project


def test_fingerprint_ignores_times_but_sees_content(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    before = training_fingerprint(project)
    nlu = project / "data" / "nlu" / "core.yml"
    nlu.touch()
    assert training_fingerprint(project) == before
    nlu.write_text(nlu.read_text() + "\n")
    assert training_fingerprint(project) != before


def test_model_is_current_needs_model_and_matching_stamp(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    settings = DialogueSettings(project_dir=project, model_dir=tmp_path / "models")
    assert not model_is_current(settings)
    settings.model_dir.mkdir()
    settings.model_path.write_bytes(b"model")
    (settings.model_dir / "kintsugi.fingerprint").write_text(training_fingerprint(project))
    assert model_is_current(settings)
    (project / "config.yml").write_text((project / "config.yml").read_text() + "\n")
    assert not model_is_current(settings)
