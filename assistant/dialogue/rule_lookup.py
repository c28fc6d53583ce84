"""Rasa's rule lookup, the same answers for less work.

Every path in Kintsugi is a rule, so on every prediction Rasa's RulePolicy checks each of
its learned rules (about 350 here) against the conversation, turn by turn from the newest
back to the first (`_get_possible_keys`). Three things in Rasa 3.6's loop cost time and
decide nothing:

- every rule is checked against the newest turn, although a rule whose newest turn names
  another previous action cannot match (`_does_rule_match_state` wants that name equal);
- each check rebuilds the rule's states, reversed, as a new list (`_is_rule_applicable`);
- the walk goes on through the whole conversation, although once it is further back than a
  rule is long, that rule is applicable whatever comes before (`_is_rule_applicable` then
  returns True), so no key can drop out any more.

`install()` replaces the two methods with versions that group the rules by the previous
action of their newest turn (`_Index`), keep each rule's reversed states once and stop the
walk at the longest rule still in play. The set of keys kept, and so every prediction, is
the same (tests/test_rule_lookup.py holds the two to each other on real conversations).
Installed with the lean runtime (lean_rasa) when a model loads, not when Rasa is loaded as
it ships, so the stock comparison in `make bench` measures Rasa as it ships. Training runs
in its own process (dialogue/training.py), where it is not installed: a lookup is indexed
once and must not change afterwards.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["install", "installed"]

_ORIGINAL: dict[str, Any] = {}


@functools.lru_cache(maxsize=8192)
def _reversed_states(rule_key: str) -> tuple[dict[str, Any], ...]:
    """A rule's states, newest first (a rule key is its states as JSON). Never mutated."""
    return tuple(reversed(json.loads(rule_key)))


def _is_rule_applicable(
    self: Any, rule_key: str, turn_index: int, conversation_state: dict[str, Any]
) -> bool:
    """RulePolicy._is_rule_applicable, line for line, on the kept reversed states."""
    from rasa.shared.core.constants import PREVIOUS_ACTION

    reversed_rule_states = _reversed_states(rule_key)
    if turn_index >= len(reversed_rule_states):
        return True
    current_previous_action = conversation_state.get(PREVIOUS_ACTION)
    rule_previous_action = reversed_rule_states[turn_index].get(PREVIOUS_ACTION)
    if not rule_previous_action and not current_previous_action:
        return True
    if not rule_previous_action or not current_previous_action:
        return False
    return bool(self._does_rule_match_state(reversed_rule_states[turn_index], conversation_state))


def _newest_action(state: dict[str, Any]) -> Any:
    from rasa.shared.core.constants import PREVIOUS_ACTION
    from rasa.shared.nlu.constants import ACTION_NAME

    return (state.get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)


@dataclass(frozen=True)
class _Index:
    """One lookup's rules grouped by the previous action their newest turn asks for."""

    lookup: dict[str, str]
    size: int
    by_action: dict[str, frozenset[str]]
    """Rules whose newest turn names a previous action: only a turn after it can match."""
    others: frozenset[str]
    """Rules whose newest turn names none (a conversation start): always checked."""

    @classmethod
    def of(cls, lookup: dict[str, str]) -> _Index:
        from rasa.core.policies.rule_policy import SHOULD_NOT_BE_SET

        grouped: dict[str, set[str]] = {}
        others = set()
        for key in lookup:
            action = _newest_action(_reversed_states(key)[0])
            if isinstance(action, str) and action and action != SHOULD_NOT_BE_SET:
                grouped.setdefault(action, set()).add(key)
            else:
                others.add(key)
        return cls(
            lookup, len(lookup), {a: frozenset(k) for a, k in grouped.items()}, frozenset(others)
        )

    def candidates(self, newest_state: dict[str, Any]) -> set[str]:
        """The rules that can match a conversation whose newest turn is `newest_state`."""
        action = _newest_action(newest_state)
        return set(self.others | self.by_action.get(action, frozenset()))


_INDEXES: dict[int, _Index] = {}


def _index_of(lookup: dict[str, str]) -> _Index:
    index = _INDEXES.get(id(lookup))
    if index is None or index.lookup is not lookup or index.size != len(lookup):
        if len(_INDEXES) > 16:  # a test process loads many models; keep a few
            _INDEXES.clear()
        index = _INDEXES[id(lookup)] = _Index.of(lookup)
    return index


def _get_possible_keys(self: Any, lookup: dict[str, str], states: list[Any]) -> set[str]:
    """RulePolicy._get_possible_keys: the same keys, from the rules that can match the
    newest turn, stopping where no key can drop out any more."""
    if not states:
        return set(lookup.keys())
    newest_first = list(reversed(states))
    possible_keys = _index_of(lookup).candidates(newest_first[0])
    for turn_index, state in enumerate(newest_first):
        if not possible_keys:
            break
        if turn_index >= max(len(_reversed_states(key)) for key in possible_keys):
            break
        possible_keys = {
            key for key in possible_keys if self._is_rule_applicable(key, turn_index, state)
        }
    return possible_keys


def install() -> None:
    """Put the two methods on Rasa's RulePolicy (once)."""
    from rasa.core.policies.rule_policy import RulePolicy

    if _ORIGINAL:
        return
    _ORIGINAL["_is_rule_applicable"] = RulePolicy._is_rule_applicable
    _ORIGINAL["_get_possible_keys"] = RulePolicy._get_possible_keys
    RulePolicy._is_rule_applicable = _is_rule_applicable  # type: ignore[method-assign]
    RulePolicy._get_possible_keys = _get_possible_keys  # type: ignore[method-assign]


def installed() -> bool:
    return bool(_ORIGINAL)


def original(name: str) -> Any:
    """Rasa's own method `name`, as it was before `install()` (for the tests)."""
    from rasa.core.policies.rule_policy import RulePolicy

    return _ORIGINAL.get(name, getattr(RulePolicy, name))
