"""Rasa without TensorFlow: keep the TensorFlow-backed Rasa modules out of the process.

Rasa 3.6 imports every default component when any part of it loads, so `import
rasa.core.agent` brings in TensorFlow (and jax) although Kintsugi's pipeline uses neither:
about 8 s and 500 MB before a model is read, on a device meant to be small.

`install()` puts an import hook in front of Python's own finders. The Rasa modules that
import TensorFlow (DIET, TED, UnexpecTED, ResponseSelector, the language-model and ConveRT
featurizers, `rasa.utils.tensorflow`'s model code) are replaced by stand-ins: importing them,
and importing any name from them, still works, so Rasa's registry of default components
loads; using a stand-in (creating, loading or training the component) raises
`KeptOutOfRasaError` with a one-line explanation. TensorFlow itself cannot be imported
while the hook is installed.

The pipeline is checked before training and loading (`check_pipeline`), so a configuration
that names a TensorFlow component fails at once, naming it, instead of deep inside Rasa.
Rasa also imports, at start-up, packages for features Kintsugi never uses (the plots of
`rasa test`, the DynamoDB and MongoDB tracker stores): those get stand-ins too
(`UNUSED_AT_RUN_TIME`), which refuse in the same way if anything ever uses them.

Rasa's two scikit-learn classifiers persist with skops, whose list of trusted types is built
at import, slowly: `sklearn.utils.all_estimators()` imports every module of scikit-learn
(about 230 more, 11 MB here), and the module of each numpy and scipy ufunc is found by
pickle's scan of `sys.modules`, which with Rasa loaded formats an error message for each of
some 470,000 misses (1.5 s here). While that module runs, the hook narrows the walk to the
modules whose estimators those classifiers save (`SKOPS_TRUSTED_MODULES`; the list can only
shrink, so a file may be refused that loaded before, never the other way round) and scans
without the messages (`which_module`: the same modules in the same order, the same answer).

Set `KINTSUGI_STOCK_RASA=1` to load Rasa as it ships (TensorFlow and all).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import inspect
import os
import sys
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from assistant.errors import KeptOutOfRasaError

ALLOW_ENV = "KINTSUGI_STOCK_RASA"

STANDIN_MODULES = frozenset(
    {
        "rasa.core.policies.ted_policy",
        "rasa.core.policies.unexpected_intent_policy",
        "rasa.nlu.classifiers.diet_classifier",
        "rasa.nlu.selectors.response_selector",
        "rasa.nlu.featurizers.dense_featurizer.convert_featurizer",
        "rasa.nlu.featurizers.dense_featurizer.lm_featurizer",
        "rasa.utils.tensorflow.callback",
        "rasa.utils.tensorflow.crf",
        "rasa.utils.tensorflow.data_generator",
        "rasa.utils.tensorflow.layers",
        "rasa.utils.tensorflow.layers_utils",
        "rasa.utils.tensorflow.metrics",
        "rasa.utils.tensorflow.models",
        "rasa.utils.tensorflow.rasa_layers",
        "rasa.utils.tensorflow.transformer",
        "rasa.utils.tensorflow.types",
    }
)
"""Every Rasa 3.6 module with a top-level TensorFlow import (checked by a test against the
installed Rasa, so an upgrade that adds one is noticed)."""

BLOCKED_PACKAGES = ("tensorflow", "tensorflow_text", "tensorflow_hub", "tensorflow_addons")
"""Packages that must not load while the hook is installed."""

TENSORFLOW_COMPONENTS = frozenset(
    {
        "DIETClassifier",
        "ResponseSelector",
        "TEDPolicy",
        "UnexpecTEDIntentPolicy",
        "LanguageModelFeaturizer",
        "ConveRTFeaturizer",
    }
)
"""Pipeline and policy names that need TensorFlow."""


UNUSED_AT_RUN_TIME: dict[str, str] = {
    "rasa.utils.plotting": "the plots of `rasa test` (matplotlib)",
    "boto3": "the DynamoDB tracker store and S3 model storage",
    "pymongo": "the MongoDB tracker store",
    # Rasa's own channels import their messaging SDKs; Kintsugi talks to no messenger.
    "twilio": "Rasa's Twilio channels",
    "webexteamssdk": "Rasa's Webex Teams channel",
    "aiogram": "Rasa's Telegram channel",
    "fbmessenger": "Rasa's Facebook Messenger channel",
    "slack_sdk": "Rasa's Slack channel",
    "socketio": "Rasa's Socket.IO channel",
}
"""Modules (with their submodules) that Rasa imports at start-up for features Kintsugi never
uses (measured in the README). Each gets a stand-in like the TensorFlow modules."""


SKOPS_TRUSTED_MODULES = (
    "sklearn.linear_model",  # LogisticRegressionClassifier (config.yml)
    "sklearn.svm",  # SklearnIntentClassifier's SVC
    "sklearn.model_selection",  # and the grid search around it
    "sklearn.preprocessing",  # and its label encoder
)
"""The scikit-learn modules whose estimators skops trusts when Rasa loads a classifier."""

_SKOPS_TRUSTED_TYPES = "skops.io._trusted_types"


def estimators_of(module_names: Iterable[str]) -> list[tuple[str, type]]:
    """`sklearn.utils.all_estimators()` limited to `module_names`: the same filters (public,
    a BaseEstimator, not abstract), so the result is a subset of the full list."""
    from sklearn.base import BaseEstimator

    found: set[tuple[str, type]] = set()
    for module_name in module_names:
        module = importlib.import_module(module_name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                not name.startswith("_")
                and name != "BaseEstimator"
                and issubclass(cls, BaseEstimator)
                and not getattr(cls, "__abstractmethods__", None)
            ):
                found.add((name, cls))
    return sorted(found, key=lambda pair: pair[0])


_MISSING = object()


def which_module(obj: Any, name: str) -> str:
    """skops' `whichmodule` (pickle's): the object's `__module__`, else the first module in
    `sys.modules` where `name` leads to `obj` itself, else "__main__". A miss costs a
    getattr, not an error message; stand-ins are skipped, as they hold nothing real."""
    module_name = getattr(obj, "__module__", None)
    if module_name is not None:
        return str(module_name)
    parts = name.split(".")
    if "<locals>" in parts:
        return "__main__"
    for module_name, module in sys.modules.copy().items():
        if module_name in ("__main__", "__mp_main__") or module is None:
            continue
        if isinstance(module, _StandInModule):
            continue
        found: Any = module
        for part in parts:
            found = getattr(found, part, _MISSING)
            if found is _MISSING:
                break
        if found is obj:
            return str(module_name)
    return "__main__"


class _NarrowEstimatorWalk(importlib.abc.Loader):
    """Runs skops' own `_trusted_types` module, with `all_estimators` narrowed to
    `SKOPS_TRUSTED_MODULES` and pickle's scan replaced by `which_module` while it runs."""

    def __init__(self, real: importlib.abc.Loader) -> None:
        self._real = real

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        import sklearn.utils
        import skops.io._utils as skops_utils

        walk = sklearn.utils.all_estimators
        scan = skops_utils.whichmodule

        def narrowed(type_filter: object = None) -> list[tuple[str, type]]:
            if type_filter is not None:  # not what skops asks; keep the real answer
                return walk(type_filter)  # type: ignore[no-any-return]
            return estimators_of(SKOPS_TRUSTED_MODULES)

        sklearn.utils.all_estimators = narrowed
        skops_utils.whichmodule = which_module
        try:
            self._real.exec_module(module)
        finally:
            sklearn.utils.all_estimators = walk
            skops_utils.whichmodule = scan


def _explain(what: str) -> str:
    return (
        f"{what} needs TensorFlow, which Kintsugi keeps out of the process to stay small "
        f"and fast; use the light pipeline in config.yml, or set {ALLOW_ENV}=1 to load "
        "Rasa as it ships."
    )


def _explain_unused(what: str, feature: str) -> str:
    return (
        f"{what} serves {feature}, which Kintsugi does not use, so it is kept out of the "
        f"process; set {ALLOW_ENV}=1 to load Rasa as it ships."
    )


def _unused_feature(module: str) -> str | None:
    for name, feature in UNUSED_AT_RUN_TIME.items():
        if module == name or module.startswith(name + "."):
            return feature
    return None


def _explanation(module: str, what: str) -> str:
    feature = _unused_feature(module)
    return _explain(what) if feature is None else _explain_unused(what, feature)


class _StandInMeta(type):
    """Class-level use (`DIETClassifier.load(...)`, `.create(...)`) fails clearly too."""

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise KeptOutOfRasaError(_explanation(cls.__module__, cls.__qualname__))


def _stand_in_class(module: str, name: str) -> type:
    def refuse(self: object, *args: object, **kwargs: object) -> None:
        raise KeptOutOfRasaError(_explanation(module, name))

    return _StandInMeta(name, (), {"__init__": refuse, "__module__": module})


class _StandInModule(types.ModuleType):
    """Any name imported from it is a stand-in class (constants too: nothing that runs
    without the real module reads them)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        stand_in = _stand_in_class(self.__name__, name)
        setattr(self, name, stand_in)
        return stand_in


class _Loader(importlib.abc.Loader):
    def __init__(self, blocked: bool) -> None:
        self._blocked = blocked

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        if self._blocked:
            raise KeptOutOfRasaError(_explain(f"Importing {spec.name}"))
        return _StandInModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        module.__file__ = f"<kintsugi stand-in for {module.__name__}>"
        module.__path__ = []  # a package too, so `from boto3.dynamodb.conditions import Key` works


class TensorFlowFreeFinder(importlib.abc.MetaPathFinder):
    """The import hook: stand-ins for `STANDIN_MODULES` and `UNUSED_AT_RUN_TIME`, a
    refusal for `BLOCKED_PACKAGES`, skops' trusted types from `SKOPS_TRUSTED_MODULES`."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname in STANDIN_MODULES or _unused_feature(fullname) is not None:
            return importlib.machinery.ModuleSpec(fullname, _Loader(blocked=False))
        if fullname == _SKOPS_TRUSTED_TYPES:
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is not None and spec.loader is not None:
                spec.loader = _NarrowEstimatorWalk(spec.loader)
            return spec
        if fullname.split(".", 1)[0] in BLOCKED_PACKAGES:
            return importlib.machinery.ModuleSpec(fullname, _Loader(blocked=True))
        return None


def allowed_by_environment(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(ALLOW_ENV, "").strip() not in ("", "0")


def install() -> bool:
    """Install the hook (once) unless the environment allows TensorFlow. Must run before
    anything imports Rasa. Returns whether the hook is in place."""
    if any(isinstance(finder, TensorFlowFreeFinder) for finder in sys.meta_path):
        return True
    if allowed_by_environment():
        return False
    loaded = [name for name in STANDIN_MODULES if name in sys.modules]
    if loaded or "tensorflow" in sys.modules:
        # Too late to keep it out; say so rather than half-work.
        raise RuntimeError(
            "lean_rasa.install() must run before Rasa is imported "
            f"(already loaded: {', '.join(sorted(loaded)) or 'tensorflow'})"
        )
    sys.meta_path.insert(0, TensorFlowFreeFinder())
    return True


def installed() -> bool:
    return any(isinstance(finder, TensorFlowFreeFinder) for finder in sys.meta_path)


def tensorflow_components(config: Mapping[str, Any]) -> list[str]:
    """The components of a Rasa config (pipeline and policies) that need TensorFlow."""
    names: Iterable[Any] = [
        entry.get("name")
        for key in ("pipeline", "policies")
        for entry in (config.get(key) or [])
        if isinstance(entry, Mapping)
    ]
    return [name for name in names if name in TENSORFLOW_COMPONENTS]


def check_pipeline(config: Mapping[str, Any]) -> None:
    """Raise `KeptOutOfRasaError` if the hook is in place and `config` needs
    TensorFlow; the message names the first such component and the way out."""
    if not installed():
        return
    needs = tensorflow_components(config)
    if needs:
        raise KeptOutOfRasaError(_explain(f"The {needs[0]} in config.yml"))
