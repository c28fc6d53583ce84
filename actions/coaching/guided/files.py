"""The guided reflections are data: one YAML file each in `data/`, read and checked here.

A file has `id`, `title`, `aliases`, `summary` and `steps`; a step has `id`, `text` and
`silence_s`, and may have `invites_answer`, `checks_answer` and `tags` (themes of the content
brief, see `base.ALL_THEMES`). A file of another shape is refused by name, never half read.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.abc import Traversable
from importlib.resources import files
from typing import Any

import yaml

from actions.coaching.guided.base import GuidedReflection, Step

__all__ = ["GUIDED_ORDER", "ReflectionFileError", "load_reflection", "reflection_files"]

GUIDED_ORDER = ("before-a-hard-conversation", "after-a-setback", "the-long-road")
"""Every reflection file's id, in the order they are offered."""

_DATA = files("actions.coaching.guided") / "data"
_KEYS = frozenset({"id", "title", "aliases", "summary", "steps"})
_STEP_KEYS = frozenset({"id", "text", "silence_s"})
_STEP_OPTIONAL = frozenset({"invites_answer", "checks_answer", "tags"})


class ReflectionFileError(ValueError):
    """A reflection file does not have the shape `GuidedReflection` needs."""


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ReflectionFileError(f"{where}: {key!r} must be a non-empty string")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ReflectionFileError(f"{where}: expected a list of strings")
    return tuple(value)


def _flag(entry: Mapping[str, Any], key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise ReflectionFileError(f"{where}: {key!r} must be true or false")
    return value


def _step(raw: Any, where: str) -> Step:
    if not isinstance(raw, dict) or not _STEP_KEYS <= set(raw) <= _STEP_KEYS | _STEP_OPTIONAL:
        raise ReflectionFileError(
            f"{where}: a step has {sorted(_STEP_KEYS)} and may have {sorted(_STEP_OPTIONAL)}"
        )
    where = f"{where}, step {raw.get('id')}"
    silence = raw["silence_s"]
    if isinstance(silence, bool) or not isinstance(silence, int | float) or silence < 0:
        raise ReflectionFileError(f"{where}: 'silence_s' must be a number of seconds")
    return Step(
        _text(raw, "id", where),
        _text(raw, "text", where),
        silence,
        invites_answer=_flag(raw, "invites_answer", where),
        tags=frozenset(_strings(raw.get("tags", []), where)),
        checks_answer=_flag(raw, "checks_answer", where),
    )


def load_reflection(reflection_id: str, folder: Traversable = _DATA) -> GuidedReflection:
    """Read and check one reflection file (`<folder>/<id>.yml`, by default `data/`)."""
    where = f"guided reflection {reflection_id}"
    raw = yaml.safe_load(folder.joinpath(f"{reflection_id}.yml").read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or set(raw) != _KEYS:
        raise ReflectionFileError(f"{where}: expected exactly the keys {sorted(_KEYS)}")
    if raw["id"] != reflection_id:
        raise ReflectionFileError(f"{where}: the id inside is {raw['id']!r}")
    if not isinstance(raw["steps"], list):
        raise ReflectionFileError(f"{where}: 'steps' must be a list")
    return GuidedReflection(
        id=reflection_id,
        title=_text(raw, "title", where),
        aliases=_strings(raw["aliases"], f"{where}, aliases"),
        summary=_text(raw, "summary", where),
        steps=tuple(_step(step, where) for step in raw["steps"]),
    )


def reflection_files() -> tuple[str, ...]:
    """The ids of the reflection files present, sorted (for the schema test)."""
    return tuple(
        sorted(
            entry.name.removesuffix(".yml")
            for entry in _DATA.iterdir()
            if entry.name.endswith(".yml")
        )
    )
