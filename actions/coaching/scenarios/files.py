"""Reading role-play scenario files (YAML, one per scenario, in `data/<exercise>/`): the
checks both exercises' loaders share. A file of the wrong shape is refused by name, never
half read."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.abc import Traversable
from importlib.resources import files
from typing import Any

import yaml

__all__ = ["ScenarioFileError", "data_folder", "ids_in", "read", "strings", "text"]


class ScenarioFileError(ValueError):
    """A scenario file does not have the shape its scenario type needs."""


def data_folder(exercise: str) -> Traversable:
    """`data/<exercise>/` inside the installed package (a wheel finds it too)."""
    return files("actions.coaching.scenarios") / "data" / exercise


def read(folder: Traversable, name: str) -> Any:
    return yaml.safe_load(folder.joinpath(name).read_text(encoding="utf-8"))


def ids_in(folder: Traversable, *, besides: str = "") -> tuple[str, ...]:
    """The ids of the scenario files in `folder` (every `*.yml` but `besides`), sorted."""
    return tuple(
        sorted(
            entry.name.removesuffix(".yml")
            for entry in folder.iterdir()
            if entry.name.endswith(".yml") and entry.name != besides
        )
    )


def strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ScenarioFileError(f"{where}: expected a list of strings")
    return tuple(value)


def text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ScenarioFileError(f"{where}: {key!r} must be a non-empty string")
    return value
