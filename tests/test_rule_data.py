"""The hand-written rule files (actions/coaching/data/rules/*.yml) and their loader."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Sequence
from pathlib import Path

import pytest

from actions.coaching import answer, apology_patterns, listening_analysis
from actions.coaching.apology import analyze_apology
from actions.coaching.apology_patterns import ApologyRule
from actions.coaching.apology_vocabulary import LABELS as APOLOGY_LABELS
from actions.coaching.cues import Rule
from actions.coaching.rule_data import RULES_DIR, RuleDataError, load_rules
from assistant.learning import turns

RULE_FILES: dict[
    str, tuple[type[ApologyRule | Rule], Collection[str], Sequence[ApologyRule | Rule]]
] = {
    "apology.yml": (ApologyRule, APOLOGY_LABELS, apology_patterns.RULES),
    "answer.yml": (Rule, answer.LABELS, answer._RULES),
    "listening.yml": (Rule, listening_analysis.LABELS, listening_analysis.RULES),
}
"""Each rule file, the engine's rule class, the analyzer's vocabulary and the table in use."""

FOUND_ELSEWHERE = {"apology.yml": {"but_undoing"}, "listening.yml": {"feeling_named"}}
"""Labels the engines find without a rule: a "but" after an apology (apology_matching), a
named feeling (listening_feelings)."""


def test_every_rule_file_is_one_an_analyzer_reads() -> None:
    assert sorted(path.name for path in RULES_DIR.glob("*.yml")) == sorted(RULE_FILES)


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_each_file_loads_into_the_table_its_analyzer_uses(name: str) -> None:
    rule_type, labels, in_use = RULE_FILES[name]
    loaded = load_rules(RULES_DIR / name, rule_type, labels).rules
    assert all(isinstance(rule, rule_type) for rule in loaded)
    assert [(r.label, r.pattern.pattern) for r in loaded] == [
        (r.label, r.pattern.pattern) for r in in_use
    ]


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_every_label_has_rules_and_is_in_the_vocabulary(name: str) -> None:
    rule_type, labels, _ = RULE_FILES[name]
    ruled = {rule.label for rule in load_rules(RULES_DIR / name, rule_type, labels).rules}
    assert ruled <= set(labels)
    assert ruled == set(labels) - FOUND_ELSEWHERE.get(name, set())


def test_the_apology_file_carries_its_act_verbs_and_negation_words() -> None:
    assert apology_patterns.ACT_PAST_TENSE["reading"] == "read"
    assert apology_patterns.ACT_PAST_TENSE["hidden"] == "hid"
    assert {"not", "never", "didn't", "nobody"} <= apology_patterns.NEGATORS
    assert sorted(apology_patterns.NOT_NEGATING_AFTER) == ["just", "merely", "only", "simply"]


@pytest.mark.parametrize(
    ("text", "label", "phrase"),
    [
        # An act from the acts table, with the follower that makes it one ...
        ("I read your diary.", "specific_act", "I read your diary"),
        ("I read that.", "specific_act", None),
        # ... and a guard shared through a YAML alias: a hypothetical is not an admission.
        ("I lied, I am sorry.", "specific_act", "I lied"),
        ("If I lied, I am sorry.", "specific_act", None),
        ("That was the affair.", "specific_act", "the affair"),
        ("That was not the affair.", "specific_act", None),
        # A file macro (<SORRY_OR_REGRET>) and quote_more.
        ("I'm sorry if you were hurt.", "conditional", "sorry if you were hurt"),
    ],
)
def test_the_loaded_apology_rules_reproduce_known_findings(
    text: str, label: str, phrase: str | None
) -> None:
    found = analyze_apology(text, use_learned=False)
    phrases = [f.phrase for f in found.findings if f.label == label]
    assert phrases == ([phrase] if phrase else [])


# --------------------------------------------------------------------------------------
# The loader, on small files

VALID = """\
macros:
  SORRY: '(?:sorry|my bad)'
acts:
  - [lie, lied, lying, lied]
  - [hide, hid, hiding, hidden, '(?! behind)']
  - [read, read, reading, read, 'your <W>']
words:
  negators: not never
guards:
  hypothetical: &hypothetical '\\bif$'
rules:
  - label: regret
    patterns:
      - <SORRY>
  - label: specific_act
    patterns:
      - i (?:<W1>)<ACT_PAST>
      - >-
        i was
        <ACT_GERUND>
    blocked_after: *hypothetical
    extend: true
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rule_file_compiles_macros_acts_gaps_and_guards(tmp_path: Path) -> None:
    loaded = load_rules(_write(tmp_path, VALID), ApologyRule, APOLOGY_LABELS)
    sorry, act = loaded.rules
    assert sorry.pattern.search("oh, my bad.") and not sorry.pattern.search("sorrysorry")
    assert act.pattern.search("i really lied") and act.pattern.search("i, read your diary")
    assert act.pattern.search("i was hiding it") and not act.pattern.search("i was hiding behind")
    assert not act.pattern.search("i read that")
    assert act.blocked_after is not None and act.blocked_after.pattern == r"\bif$"
    assert act.extend and not act.inner_negation and act.quote_more == 0
    assert loaded.act_past_tense == {
        **dict.fromkeys(("lie", "lied", "lying"), "lied"),
        **dict.fromkeys(("hide", "hid", "hiding", "hidden"), "hid"),
        **dict.fromkeys(("read", "reading"), "read"),
    }
    assert loaded.word_set("negators") == {"not", "never"}
    with pytest.raises(RuleDataError, match=r"rules\.yml: words: no word set 'nobody'"):
        loaded.word_set("nobody")


RULE_2 = r"rules\.yml:15: rule 2 \(specific_act\): "
MALFORMED = [
    # (what is written, written instead, what the message says)
    ("label: specific_act", "label: specific_acts", r"rule 2 \(specific_acts\): unknown label"),
    ("<ACT_PAST>", "<ACT_PASTE>", RULE_2 + r"pattern 1 \(line 17\): unknown macro <ACT_PASTE>"),
    ("<ACT_GERUND>", "<ACT_GERUND>(", RULE_2 + r"pattern 2 \(line 18\): regex does not compile"),
    ("<SORRY>", "<W1>)", r"rule 1 \(regret\): pattern 1 \(line 14\): regex does not compile"),
    ("extend: true", "extends: true", RULE_2 + "unknown key 'extends'"),
    ("extend: true", "extend: yes please", RULE_2 + "extend: expected true or false"),
    ("extend: true", "next_blocked: '(?:'", RULE_2 + "next_blocked: regex does not compile"),
    ("extend: true", "quote_more: -1", RULE_2 + "quote_more: expected a whole number"),
    ("extend: true", "patterns: [i]", r"rules\.yml:22: key 'patterns' appears twice"),
    ("[lie, lied, lying, lied]", "[lie, lied]", r"acts: item 1: expected \[base"),
    ("SORRY:", "<SORRY>:", "macros: <SORRY>: a macro name is upper case"),
    ("guards:", "guard:", "unknown section 'guard'"),
]


@pytest.mark.parametrize(("old", "new", "problem"), MALFORMED)
def test_a_malformed_file_fails_naming_the_file_the_rule_and_the_problem(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(RuleDataError, match=problem) as raised:
        load_rules(path, ApologyRule, APOLOGY_LABELS)
    assert str(raised.value).startswith(str(path))


def test_the_turn_models_are_retrained_when_a_rule_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    monkeypatch.setattr(turns, "COACHING_RULES", rules)
    before = turns.training_fingerprint(turns.ANSWER_TURNS, "clause")
    assert turns.training_fingerprint(turns.ANSWER_TURNS, "clause") == before
    answer_rules = rules / "answer.yml"
    answer_rules.write_text(answer_rules.read_text(encoding="utf-8") + "\n# edited\n")
    assert turns.training_fingerprint(turns.ANSWER_TURNS, "clause") != before
