"""Rasa without TensorFlow (assistant.dialogue.lean_rasa): the shipped pipeline trains and runs with
TensorFlow kept out, and a TensorFlow component is refused in one line."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.dialogue import lean_rasa
from assistant.dialogue.bridge import RasaDialogue
from assistant.dialogue.training import train
from assistant.errors import KeptOutOfRasaError
from assistant.paths import PROJECT_ROOT
from assistant.settings import DialogueSettings
from tests.support.cli import python_command

RASA_DIR = Path(__import__("rasa").__file__).parent


def _imports_tensorflow_at_top(source: str) -> bool:
    """True when the module imports TensorFlow outside any function (what loads it)."""
    for node in ast.parse(source).body:
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(name.split(".")[0] == "tensorflow" for name in names):
            return True
    return False


def test_every_rasa_module_that_imports_tensorflow_has_a_stand_in() -> None:
    found = set()
    for path in RASA_DIR.rglob("*.py"):
        if _imports_tensorflow_at_top(path.read_text(encoding="utf-8")):
            relative = path.relative_to(RASA_DIR.parent).with_suffix("")
            found.add(".".join(relative.parts))
    assert found - lean_rasa.STANDIN_MODULES == set()  # a Rasa upgrade added one: list it
    assert lean_rasa.STANDIN_MODULES - found <= {"rasa.utils.train_utils"}


@pytest.mark.rasa
def test_the_loaded_dialogue_runs_with_tensorflow_kept_out(
    rasa_dialogue: RasaDialogue, run: Any
) -> None:
    assert lean_rasa.installed()
    intent, confidence = run(rasa_dialogue.classify("help me practise an apology"))
    assert intent == "start_apology" and confidence > 0.5
    assert "tensorflow" not in sys.modules
    assert "jax" not in sys.modules
    assert "rasa.nlu.classifiers.diet_classifier" in sys.modules  # imported, as a stand-in
    assert isinstance(sys.modules["rasa.nlu.classifiers.diet_classifier"], lean_rasa._StandInModule)


def test_using_a_stand_in_says_what_needs_tensorflow_and_the_way_out() -> None:
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    with pytest.raises(KeptOutOfRasaError, match=lean_rasa.ALLOW_ENV) as raised:
        DIETClassifier.load({}, None, None, None)
    assert "DIETClassifier needs TensorFlow" in str(raised.value)
    with pytest.raises(KeptOutOfRasaError, match="TEDPolicy needs TensorFlow"):
        TEDPolicy()
    with pytest.raises(KeptOutOfRasaError):
        __import__("tensorflow")


@pytest.mark.slow
def test_a_tensorflow_component_in_the_config_fails_in_one_line(tmp_path: Path) -> None:
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    config["pipeline"].append({"name": "DIETClassifier", "epochs": 1})
    (tmp_path / "config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [*python_command(), "-m", "assistant.dialogue.rasa_command", "train", "--config",
         str(tmp_path / "config.yml"), "--out", str(tmp_path / "out")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "DIETClassifier" in lines[0] and lean_rasa.ALLOW_ENV in lines[0]
    assert not (tmp_path / "out").exists()


def test_check_pipeline_names_the_component() -> None:
    config = {"pipeline": [{"name": "WhitespaceTokenizer"}], "policies": [{"name": "TEDPolicy"}]}
    assert lean_rasa.tensorflow_components(config) == ["TEDPolicy"]
    with pytest.raises(KeptOutOfRasaError, match="TEDPolicy"):
        lean_rasa.check_pipeline(config)
    lean_rasa.check_pipeline({"pipeline": [{"name": "LogisticRegressionClassifier"}]})


@pytest.mark.slow
def test_the_shipped_config_trains_and_loads_without_tensorflow(tmp_path: Path) -> None:
    """The shipped config.yml, trained by `kintsugi train`'s own path (a child process
    through assistant.dialogue.rasa_command), then loaded in a fresh process that checks that
    TensorFlow never loaded."""
    settings = DialogueSettings(model_dir=tmp_path)
    model = train(settings, quiet=True)
    probe = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from assistant.dialogue.bridge import RasaDialogue\n"
        "from assistant.settings import DialogueSettings\n"
        f"d = RasaDialogue(DialogueSettings(model_dir=Path({str(tmp_path)!r})))\n"
        "d.start()\n"
        "print(asyncio.run(d.classify('help me practise an apology'))[0])\n"
        "print('tensorflow' in sys.modules, 'jax' in sys.modules)\n"
    )
    result = subprocess.run(
        [*python_command(), "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert model.is_file()
    assert result.returncode == 0, result.stderr[-2000:]
    intent_line, imported_line = result.stdout.strip().splitlines()[-2:]  # after Rasa's logs
    assert intent_line == "start_apology"
    assert imported_line == "False False"  # neither tensorflow nor jax was ever imported


def test_features_kintsugi_never_uses_are_stand_ins_that_refuse_clearly() -> None:
    from boto3.dynamodb.conditions import Key
    from rasa.core.tracker_store import MongoTrackerStore

    assert isinstance(sys.modules["pymongo"], lean_rasa._StandInModule)
    with pytest.raises(KeptOutOfRasaError, match="DynamoDB tracker store") as raised:
        Key("sender_id")
    assert lean_rasa.ALLOW_ENV in str(raised.value)
    with pytest.raises(KeptOutOfRasaError, match="MongoDB tracker store"):
        MongoTrackerStore(domain=None)
    assert "matplotlib" not in sys.modules


_SKOPS_LISTS = (
    "import json, sys\n"
    "import assistant\n"
    "from skops.io import _trusted_types as t\n"
    "print(json.dumps({'estimators': t.SKLEARN_ESTIMATOR_TYPE_NAMES,\n"
    "    'ufuncs': t.SCIPY_UFUNC_TYPE_NAMES + t.NUMPY_UFUNC_TYPE_NAMES,\n"
    "    'walked': 'sklearn.ensemble' in sys.modules}))\n"
)


def _skops_lists(*, stock: bool) -> dict[str, Any]:
    import json
    import os

    env = {**os.environ, lean_rasa.ALLOW_ENV: "1" if stock else "0"}
    result = subprocess.run(
        [*python_command(), "-c", _SKOPS_LISTS], cwd=PROJECT_ROOT, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    lists: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return lists


@pytest.mark.slow
def test_skops_trusts_no_more_than_as_shipped_and_still_the_classifier_rasa_saves() -> None:
    lean, stock = _skops_lists(stock=False), _skops_lists(stock=True)
    assert set(lean["estimators"]) < set(stock["estimators"])  # narrowed, never widened
    assert "sklearn.linear_model._logistic.LogisticRegression" in lean["estimators"]
    assert "sklearn.svm._classes.SVC" in lean["estimators"]
    assert lean["ufuncs"] == stock["ufuncs"]  # the faster scan finds the same modules
    assert (lean["walked"], stock["walked"]) == (False, True)  # the slow walk was left out


def test_which_module_answers_as_pickles_scan_does() -> None:
    import numpy as np
    import scipy.special
    from skops.io._utils import whichmodule

    for obj, name in [(np.add, "add"), (scipy.special.expit, "expit"), (len, "len")]:
        assert lean_rasa.which_module(obj, name) == whichmodule(obj, name)
    assert lean_rasa.which_module(object(), "nowhere") == "__main__"
