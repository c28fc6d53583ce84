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

from actions.coaching.scenarios.base import Feeling, KeyPoint, ListeningScenario, Segment
from actions.coaching.scenarios.files import (
    ScenarioFileError,
    data_folder,
    ids_in,
    read,
    strings,
    text,
)

__all__ = [
    "LISTENING_ORDER",
    "LISTENING_SCENARIOS",
    "ScenarioFileError",
    "get_listening_scenario",
    "load_listening_scenario",
    "scenario_files",
    "shared_feelings",
]

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

_DATA = data_folder("listening")
_FEELINGS_FILE = "_feelings.yml"
_SCENARIO_KEYS = frozenset(
    {"id", "title", "premise", "segments", "finishing_cue", "key_points", "feelings"}
)


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
    raw = read(folder, f"{scenario_id}.yml")
    if not isinstance(raw, dict) or set(raw) != _SCENARIO_KEYS:
        raise ScenarioFileError(f"{where}: expected exactly the keys {sorted(_SCENARIO_KEYS)}")
    if raw["id"] != scenario_id:
        raise ScenarioFileError(f"{where}: the id inside is {raw['id']!r}")
    segments = tuple(
        Segment(text(segment, "text", where), float(segment["pause_s"]))
        for segment in raw["segments"]
    )
    key_points = tuple(
        KeyPoint(
            text(point, "id", where),
            text(point, "summary", where),
            strings(point.get("alternatives"), f"{where}, key point {point.get('id')}"),
        )
        for point in raw["key_points"]
    )
    feelings = tuple(
        Feeling(
            text(feeling, "name", where),
            _synonyms(strings(feeling.get("synonyms"), where), shared, where),
        )
        for feeling in raw["feelings"]
    )
    return ListeningScenario(
        id=scenario_id,
        title=text(raw, "title", where),
        premise=text(raw, "premise", where),
        segments=segments,
        finishing_cue=text(raw, "finishing_cue", where),
        key_points=key_points,
        feelings=feelings,
    )


def shared_feelings() -> dict[str, tuple[str, ...]]:
    """The feeling vocabularies several scenarios share, by name."""
    raw = read(_DATA, _FEELINGS_FILE)
    if not isinstance(raw, dict):
        raise ScenarioFileError(f"{_FEELINGS_FILE}: expected a mapping of name to options")
    return {
        str(name): strings(options, f"{_FEELINGS_FILE}, {name}") for name, options in raw.items()
    }


def scenario_files() -> tuple[str, ...]:
    """The ids of the scenario files present, sorted (for the schema test)."""
    return ids_in(_DATA, besides=_FEELINGS_FILE)


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
