"""Reads the analyzers' hand-written rule files (data/rules/*.yml) into compiled rules.

The rules are data: a file lists rules, each a label, the phrases that earn it and the
checks its engine (`apology_matching`, `cues.find_cues`) applies to a match. `load_rules`
reads one file, checks it and returns the rule objects that engine takes; a malformed file
fails with a `RuleDataError` naming the file, the rule and the problem, when the analyzer is
imported rather than on some later input.

The pattern language. A rule's `patterns` are the alternatives of one regex over the
normalised text (`actions.coaching.normalize`), lowercase, bounded at word edges. A space
means a word gap (spaces, a comma, a dash or an ellipsis), and <MACROS> expand to common
pieces: the language's own (`MACROS` below), the file's (`macros:`) and, in a file with
`acts:`, every act verb's forms (<ACT_BASE>, <ACT_PAST>, <ACT_GERUND>, <ACT_PARTICIPLE>).
Every gap is bounded and lazy, so matching stays linear in the input. The other regex keys
(guards such as `blocked_after`) are plain regexes searched on a few words joined by single
spaces: no gaps, no macros.

A file is a mapping of:

* `rules` - the list of rules. Each has `label` (from the analyzer's fixed vocabulary),
  `patterns` and the optional keys of its engine's rule class: a key whose default is None
  is a guard, one whose default is a bool or an int takes that type;
* `macros` - NAME: piece, used as <NAME> in patterns (a piece may use earlier ones);
* `acts` - [base, past, -ing, participle, what must follow]: the act verbs and the words
  that must follow them ("read your diary" is an act, "I read that" is not); a follower
  opening with "(?!" is a lookahead, attached without a gap;
* `words` - name: space-separated words, word sets the engine reads;
* `guards` - name: guard, written once and shared between rules with YAML aliases.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import yaml

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["MACROS", "RULES_DIR", "RuleDataError", "RuleFile", "load_rules"]

RULES_DIR = Path(__file__).resolve().parent / "data" / "rules"

_GAP = r"(?:\s*(?:[,\-]|\.\.\.)+\s*|\s+)"
_START = r"(?<![\w'])"
_END = r"(?![\w])(?!'\w)"

MACROS: dict[str, str] = {
    # Up to n filler words, matched lazily: "i <W2>lied" matches "i really kind of lied".
    "W1": r"(?:[\w']+ )?",
    "W2": r"(?:[\w']+ ){0,2}?",
    "W3": r"(?:[\w']+ ){0,3}?",
    "W4": r"(?:[\w']+ ){0,4}?",
    "W6": r"(?:[\w']+ ){0,6}?",
    "W": r"[\w']+",
    # An optional adverb. Unlike <W1> it cannot swallow a negation, so "you <A1>made me"
    # matches "you really made me" but not "you didn't make me".
    "A1": r"(?:(?:just|really|so|totally|honestly|literally|basically|actually|always|even|only"
    r"|already|still|also|truly|genuinely|practically|simply|seriously|probably|ever|kind of"
    r"|sort of|completely|definitely|of course|absolutely|exactly|even really) )?",
    "IM": r"(?:i'm|i am)",
    "ILL": r"(?:i'll|i will|i'm going to|i am going to|i'm gonna|i am gonna)",
    "YOURE": r"(?:you're|you are)",
    "WEVE": r"(?:we've|we have)",
    "ITS": r"(?:it's|it is|it was|that's|that is|that was|this is|this was)",
}
"""The language's own macros, used as <NAME>; a rule file adds its own under `macros:`."""

_MACRO_NAME = re.compile(r"<([A-Z][A-Z0-9_]*)>")
_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_ACT_FORMS = ("ACT_BASE", "ACT_PAST", "ACT_GERUND", "ACT_PARTICIPLE")
_SECTIONS = frozenset({"rules", "macros", "acts", "words", "guards"})

RuleT = TypeVar("RuleT", bound="DataclassInstance")


class RuleDataError(ValueError):
    """A rule file that cannot be read as rules; the message names the file and the rule."""


@dataclass(frozen=True)
class RuleFile(Generic[RuleT]):
    """What one rule file holds, compiled."""

    path: Path
    rules: tuple[RuleT, ...]
    words: Mapping[str, frozenset[str]]
    """The `words:` sets, by name."""
    act_past_tense: Mapping[str, str]
    """The past tense of every act verb, keyed by each of its forms."""

    def word_set(self, name: str) -> frozenset[str]:
        """The `words:` set `name`; an error naming the file when it has none."""
        if name not in self.words:
            raise RuleDataError(f"{self.path}: words: no word set {name!r}")
        return self.words[name]


def load_rules(path: Path, rule_type: type[RuleT], labels: Collection[str]) -> RuleFile[RuleT]:
    """Read, check and compile the rule file at `path` into `rule_type` objects.

    `rule_type` is the engine's rule dataclass: its `label` and `pattern` fields take the
    rule's label and compiled patterns, its other fields are the keys a rule may carry.
    Every label must be one of `labels`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleDataError(f"{path}: cannot be read ({exc})") from exc
    data, lines = _parse(path, text)
    if not isinstance(data, dict):
        raise RuleDataError(f"{path}: expected a mapping with a 'rules' list")
    unknown = sorted(set(data) - _SECTIONS)
    if unknown:
        raise RuleDataError(f"{path}: unknown section {unknown[0]!r} (known: {_known(_SECTIONS)})")
    macros = _file_macros(path, data.get("macros"))
    acts = data.get("acts") or []
    macros.update(_act_macros(path, acts, macros))
    for name, guard in _mapping(path, "guards", data.get("guards")).items():
        _compile_guard(guard, f"{path}: guards: {name}")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise RuleDataError(f"{path}: 'rules' must be a non-empty list")
    builder = _RuleBuilder(path, rule_type, frozenset(labels), macros)
    return RuleFile(
        path=path,
        rules=tuple(
            builder.build(number, rule, lines.get(number)) for number, rule in enumerate(rules, 1)
        ),
        words=_words(path, data.get("words")),
        act_past_tense={form: act[1] for act in acts for form in act[:4]},
    )


# --------------------------------------------------------------------------------------
# Reading


def _parse(path: Path, text: str) -> tuple[Any, dict[int, _Lines]]:
    """The file's data, and the line of every rule and of each of its patterns."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise RuleDataError(f"{path}: not valid YAML: {exc}") from exc
    finally:
        loader.dispose()
    repeated = _repeated_key(node, set())
    if repeated is not None:
        # YAML would keep only the last value, silently dropping a pattern list or a guard.
        line = repeated.start_mark.line + 1
        raise RuleDataError(f"{path}:{line}: key {repeated.value!r} appears twice in one mapping")
    return data, _rule_lines(node)


def _repeated_key(node: yaml.Node | None, seen: set[int]) -> yaml.Node | None:
    """The first key that appears twice in one mapping, anywhere under `node`."""
    if node is None or id(node) in seen:
        return None
    seen.add(id(node))
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        keys: set[object] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in keys:
                    return key
                keys.add(key.value)
            children.append(value)
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    for child in children:
        found = _repeated_key(child, seen)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class _Lines:
    rule: int
    patterns: tuple[int, ...]


def _rule_lines(node: yaml.Node | None) -> dict[int, _Lines]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    found: dict[int, _Lines] = {}
    for key, value in node.value:
        if key.value != "rules" or not isinstance(value, yaml.SequenceNode):
            continue
        for number, item in enumerate(value.value, 1):
            patterns: tuple[int, ...] = ()
            if isinstance(item, yaml.MappingNode):
                for rule_key, rule_value in item.value:
                    if rule_key.value == "patterns" and isinstance(rule_value, yaml.SequenceNode):
                        patterns = tuple(p.start_mark.line + 1 for p in rule_value.value)
            found[number] = _Lines(item.start_mark.line + 1, patterns)
    return found


def _mapping(path: Path, section: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RuleDataError(f"{path}: '{section}' must be a mapping")
    return value


def _words(path: Path, value: Any) -> dict[str, frozenset[str]]:
    words = {}
    for name, text in _mapping(path, "words", value).items():
        if not isinstance(text, str):
            raise RuleDataError(f"{path}: words: {name}: expected space-separated words")
        words[name] = frozenset(text.split())
    return words


# --------------------------------------------------------------------------------------
# Macros and act verbs


def _file_macros(path: Path, value: Any) -> dict[str, str]:
    macros = dict(MACROS)
    for name, piece in _mapping(path, "macros", value).items():
        where = f"{path}: macros: {name}"
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise RuleDataError(f"{where}: a macro name is upper case, like SORRY")
        if name in macros or name in _ACT_FORMS:
            raise RuleDataError(f"{where}: <{name}> is already defined")
        if not isinstance(piece, str):
            raise RuleDataError(f"{where}: expected a pattern piece")
        macros[name] = _expand(piece, macros, where)
    return macros


def _act_macros(path: Path, acts: Any, macros: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(acts, list):
        raise RuleDataError(f"{path}: 'acts' must be a list")
    forms: list[list[str]] = [[], [], [], []]
    for index, act in enumerate(acts):
        where = f"{path}: acts: item {index + 1}"
        if (
            not isinstance(act, list)
            or len(act) not in (4, 5)
            or not all(isinstance(part, str) and part for part in act)
        ):
            raise RuleDataError(f"{where}: expected [base, past, -ing, participle, follower?]")
        follower = _expand(act[4], macros, where) if len(act) == 5 else ""
        for position in range(4):
            if follower.startswith("(?!"):
                forms[position].append(act[position] + follower)
            elif follower:
                forms[position].append(f"{act[position]} {follower}")
            else:
                forms[position].append(act[position])
    if not acts:
        return {}
    return {
        name: "(?:" + "|".join(words) + ")" for name, words in zip(_ACT_FORMS, forms, strict=True)
    }


def _expand(text: str, macros: Mapping[str, str], where: str) -> str:
    def piece(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise RuleDataError(f"{where}: unknown macro <{name}> (known: {_known(macros)})")
        return macros[name]

    return _MACRO_NAME.sub(piece, text)


def _known(names: Collection[str]) -> str:
    return ", ".join(sorted(names))


# --------------------------------------------------------------------------------------
# Rules


def _compile_pattern(alternatives: list[str]) -> re.Pattern[str]:
    body = "|".join(alternatives).replace(" ", _GAP)
    return re.compile(f"{_START}(?:{body}){_END}")


def _compile_guard(guard: Any, where: str) -> re.Pattern[str]:
    if not isinstance(guard, str):
        raise RuleDataError(f"{where}: expected a regex")
    try:
        return re.compile(guard)
    except re.error as exc:
        raise RuleDataError(f"{where}: regex does not compile ({exc}): {guard}") from exc


class _RuleBuilder(Generic[RuleT]):
    """Turns a file's rule mappings into `rule_type` objects."""

    def __init__(
        self, path: Path, rule_type: type[RuleT], labels: frozenset[str], macros: dict[str, str]
    ) -> None:
        self.path = path
        self.rule_type = rule_type
        self.labels = labels
        self.macros = macros
        self.options = {
            field.name: field.default
            for field in dataclasses.fields(rule_type)
            if field.name not in ("label", "pattern")
        }

    def build(self, number: int, rule: Any, lines: _Lines | None) -> RuleT:
        label = rule.get("label") if isinstance(rule, dict) else None
        at = f":{lines.rule}" if lines else ""
        where = f"{self.path}{at}: rule {number} ({label or 'no label'})"
        if not isinstance(rule, dict):
            raise RuleDataError(f"{where}: expected a mapping with label and patterns")
        unknown = sorted(set(rule) - {"label", "patterns"} - set(self.options))
        if unknown:
            known = _known({"label", "patterns", *self.options})
            raise RuleDataError(f"{where}: unknown key {unknown[0]!r} (known: {known})")
        if not isinstance(label, str) or label not in self.labels:
            raise RuleDataError(f"{where}: unknown label {label!r} (labels: {_known(self.labels)})")
        values: dict[str, Any] = {"label": label, "pattern": self._pattern(rule, where, lines)}
        for key, default in self.options.items():
            if key in rule:
                values[key] = self._option(key, default, rule[key], f"{where}: {key}")
        return self.rule_type(**values)

    def _pattern(self, rule: dict[str, Any], where: str, lines: _Lines | None) -> re.Pattern[str]:
        patterns = rule.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            raise RuleDataError(f"{where}: 'patterns' must be a non-empty list")

        def pattern_where(number: int) -> str:
            at = lines.patterns[number - 1] if lines and number <= len(lines.patterns) else None
            return f"{where}: pattern {number}" + (f" (line {at})" if at else "")

        alternatives = []
        for number, pattern in enumerate(patterns, 1):
            if not isinstance(pattern, str) or not pattern.strip():
                raise RuleDataError(f"{pattern_where(number)}: expected a pattern")
            alternatives.append(_expand(pattern, self.macros, pattern_where(number)))
        try:
            return _compile_pattern(alternatives)
        except re.error as whole:
            # Name the pattern at fault: the first that does not compile on its own.
            for number, alternative in enumerate(alternatives, 1):
                try:
                    _compile_pattern([alternative])
                except re.error as exc:
                    raise RuleDataError(
                        f"{pattern_where(number)}: regex does not compile ({exc}): "
                        f"{patterns[number - 1]}"
                    ) from exc
            raise RuleDataError(f"{where}: patterns do not compile together ({whole})") from whole

    def _option(self, key: str, default: Any, value: Any, where: str) -> Any:
        if default is None:
            return _compile_guard(value, where)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise RuleDataError(f"{where}: expected true or false, not {value!r}")
            return value
        if isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise RuleDataError(f"{where}: expected a whole number, not {value!r}")
            return value
        raise TypeError(f"{self.rule_type.__name__}.{key}: no rule file key of this kind")
