"""Listening scenarios: a hurt partner says what they need to say, and the user listens.

Each monologue is written to be spoken by text-to-speech at about 150 words a minute, with
designed pauses. The long pauses (three seconds and more) fall where a real person stops to
steady themselves, which is exactly where a listener feels the pull to jump in with an
explanation. Each ends with its own words for handing the floor back.

Grounding (shared/design/CONTENT.md): integrity violations - lying, infidelity, hidden money,
a confidence broken - are the hardest to repair, so most scenarios are about those; a
forgotten promise and a cruel remark are the everyday kind that still wear trust down. In
every one the partner says what happened, what hurt most (often not the act itself but the
lying or the audience) and how they feel, because those are what a reflection should give
back. Key-point alternatives follow the keyword-set syntax in `base.py`.

The scenarios are data, one YAML file each in `data/listening/` (shared feeling vocabularies
in `_feelings.yml`, named "@name"); this module reads and checks them once, on import.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.abc import Traversable
from importlib.resources import files
from typing import Any

import yaml

from actions.coaching.scenarios.base import Feeling, KeyPoint, ListeningScenario, Segment

__all__ = ["LISTENING_ORDER", "LISTENING_SCENARIOS", "get_listening_scenario"]

LISTENING_ORDER = (
    "lost-job-lie",
    "told-your-brother",
    "missed-appointment",
    "the-messages",
    "the-credit-card",
    "the-party",
    "the-journal",
    "the-bottles",
)
"""Every scenario file's id, in the order a user is offered them."""

_DATA = files("actions.coaching.scenarios") / "data" / "listening"
_FEELINGS_FILE = "_feelings.yml"
_SCENARIO_KEYS = frozenset(
    {"id", "title", "premise", "segments", "finishing_cue", "key_points", "feelings"}
)


class ScenarioFileError(ValueError):
    """A scenario file does not have the shape `ListeningScenario` needs."""


def _read(name: str, folder: Traversable = _DATA) -> Any:
    return yaml.safe_load(folder.joinpath(name).read_text(encoding="utf-8"))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ScenarioFileError(f"{where}: expected a list of strings")
    return tuple(value)


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ScenarioFileError(f"{where}: {key!r} must be a non-empty string")
    return value


def _synonyms(
    options: tuple[str, ...], shared: Mapping[str, tuple[str, ...]], where: str
) -> tuple[str, ...]:
    expanded: list[str] = []
    for option in options:
        if option.startswith("@"):
            if option[1:] not in shared:
                raise ScenarioFileError(f"{where}: no shared feeling vocabulary {option!r}")
            expanded.extend(shared[option[1:]])
        else:
            expanded.append(option)
    return tuple(expanded)


def load_listening_scenario(
    scenario_id: str, shared: Mapping[str, tuple[str, ...]], folder: Traversable = _DATA
) -> ListeningScenario:
    """Read and check one scenario file (`<folder>/<id>.yml`, by default `data/listening/`)."""
    where = f"listening scenario {scenario_id}"
    raw = _read(f"{scenario_id}.yml", folder)
    if not isinstance(raw, dict) or set(raw) != _SCENARIO_KEYS:
        raise ScenarioFileError(f"{where}: expected exactly the keys {sorted(_SCENARIO_KEYS)}")
    if raw["id"] != scenario_id:
        raise ScenarioFileError(f"{where}: the id inside is {raw['id']!r}")
    segments = tuple(
        Segment(_text(segment, "text", where), float(segment["pause_s"]))
        for segment in raw["segments"]
    )
    key_points = tuple(
        KeyPoint(
            _text(point, "id", where),
            _text(point, "summary", where),
            _strings(point.get("alternatives"), f"{where}, key point {point.get('id')}"),
        )
        for point in raw["key_points"]
    )
    feelings = tuple(
        Feeling(
            _text(feeling, "name", where),
            _synonyms(_strings(feeling.get("synonyms"), where), shared, where),
        )
        for feeling in raw["feelings"]
    )
    return ListeningScenario(
        id=scenario_id,
        title=_text(raw, "title", where),
        premise=_text(raw, "premise", where),
        segments=segments,
        finishing_cue=_text(raw, "finishing_cue", where),
        key_points=key_points,
        feelings=feelings,
    )


def shared_feelings() -> dict[str, tuple[str, ...]]:
    """The feeling vocabularies several scenarios share, by name."""
    raw = _read(_FEELINGS_FILE)
    if not isinstance(raw, dict):
        raise ScenarioFileError(f"{_FEELINGS_FILE}: expected a mapping of name to options")
    return {
        str(name): _strings(options, f"{_FEELINGS_FILE}, {name}") for name, options in raw.items()
    }


def scenario_files() -> tuple[str, ...]:
    """The ids of the scenario files present, sorted (for the schema test)."""
    return tuple(
        sorted(
            entry.name.removesuffix(".yml")
            for entry in _DATA.iterdir()
            if entry.name.endswith(".yml") and entry.name != _FEELINGS_FILE
        )
    )


_SHARED = shared_feelings()
LISTENING_SCENARIOS: tuple[ListeningScenario, ...] = tuple(
    load_listening_scenario(scenario_id, _SHARED) for scenario_id in LISTENING_ORDER
)
"""Every listening scenario, in the order a user is offered them."""

_BY_ID = {scenario.id: scenario for scenario in LISTENING_SCENARIOS}


def get_listening_scenario(scenario_id: str) -> ListeningScenario:
    """The scenario with this id; KeyError names the ids that exist."""
    try:
        return _BY_ID[scenario_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise KeyError(f"no listening scenario {scenario_id!r}; known: {known}") from None
