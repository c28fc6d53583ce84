"""The lean rule lookup (assistant.dialogue.rule_lookup) keeps exactly the rules Rasa's own
RulePolicy keeps, on real conversations with the trained model."""

from __future__ import annotations

import functools
import types
import uuid
from typing import Any

import pytest

from assistant.dialogue import rule_lookup
from assistant.dialogue.bridge import RasaDialogue

pytestmark = pytest.mark.rasa

CONVERSATION = (
    "hello",
    "show me the options",
    "help me practise an apology",
    "I'm sorry if you were hurt, but you made me do it",
    "yes",
    "I'm sorry I lied about the money. It was wrong, and I'll show you every statement.",
    "stop",
    "can we do the listening exercise",
    "You felt humiliated when I hid it",
    "stop",
    "practise answering her questions",
    "Yes, I deleted the messages. I'm sorry.",
    "stop",
    "guide me through a reflection",
    "skip",
    "stop",
    "she asked for some time apart",
    "stop",
    "what's the weather like tomorrow",
    "goodbye",
)


def _rule_policy(dialogue: RasaDialogue) -> Any:
    from rasa.core.policies.rule_policy import RulePolicy

    nodes = dialogue._agent.processor.graph_runner._instantiated_nodes.values()
    return next(n._component for n in nodes if isinstance(n._component, RulePolicy))


def _rasas_own_keys(policy: Any, lookup: dict[str, str], states: list[Any]) -> set[str]:
    """Rasa 3.6's `_get_possible_keys` with Rasa's own `_is_rule_applicable`."""
    own_check = functools.partial(rule_lookup.original("_is_rule_applicable"), policy)
    as_shipped = types.SimpleNamespace(_is_rule_applicable=own_check)
    keys: set[str] = rule_lookup.original("_get_possible_keys")(as_shipped, lookup, states)
    return keys


def test_the_lookup_keeps_the_rules_rasa_keeps_at_every_turn(
    rasa_dialogue: RasaDialogue, run: Any
) -> None:
    from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH

    assert rule_lookup.installed()  # the fixture loaded the model through the lean runtime
    policy = _rule_policy(rasa_dialogue)
    sender = f"rules-{uuid.uuid4().hex[:8]}"
    domain = rasa_dialogue._agent.domain
    compared, matched = 0, 0
    for text in CONVERSATION:
        run(rasa_dialogue.handle(sender, text))
        # The tracker is kept short (an exercise's end compacts it), so compare after
        # every turn, at every point of the conversation so far.
        tracker = run(rasa_dialogue._agent.tracker_store.retrieve(sender))
        for prior, _hidden in tracker.generate_all_prior_trackers():
            for use_text in (False, True):
                states = policy._prediction_states(
                    prior, domain, use_text, rule_only_data=policy._get_rule_only_data()
                )
                for table in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH):
                    lookup = policy.lookup[table]
                    kept = policy._get_possible_keys(lookup, states)
                    assert kept == _rasas_own_keys(policy, lookup, states)
                    compared += 1
                    matched += bool(kept)
    print(f"compared {compared}, with a rule kept {matched}")
    assert compared > 300 and matched > 100  # long enough, and rules really matched


def test_a_rule_whose_newest_turn_names_another_action_is_never_a_candidate() -> None:
    import json

    starts = json.dumps([{"user": {"intent": "greet"}}])
    after_greet = json.dumps(
        [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}]
    )
    after_menu = json.dumps(
        [{"prev_action": {"action_name": "utter_menu"}, "user": {"intent": "greet"}}]
    )
    index = rule_lookup._Index.of({starts: "a", after_greet: "b", after_menu: "c"})
    newest = {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}
    assert index.candidates(newest) == {starts, after_greet}
    assert index.candidates({}) == {starts}
