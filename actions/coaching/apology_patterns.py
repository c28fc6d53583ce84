"""The apology analyzer's hand-written rules, as the matching engine reads them.

The rules themselves are data, in data/rules/apology.yml: the patterns per label, the act
verbs and the negation words. `rule_data` reads and checks that file once, at import;
this module names what the matching engine (`apology_matching`) takes from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actions.coaching.apology_vocabulary import LABELS
from actions.coaching.rule_data import RULES_DIR, load_rules

__all__ = ["ACT_PAST_TENSE", "NEGATORS", "NOT_NEGATING_AFTER", "RULES", "ApologyRule"]


@dataclass(frozen=True)
class ApologyRule:
    """One way of saying something that earns a label; its fields are the keys of a rule in
    apology.yml (`pattern` is compiled from its `patterns`)."""

    label: str
    pattern: re.Pattern[str]
    blocked_after: re.Pattern[str] | None = None
    """Searched on the clause words just before the match (joined by spaces): a hit blocks it."""
    inner_negation: bool = False
    """Block the match when its own words hold a negation ("you didn't make me")."""
    extend: bool = False
    """Extend the span over the object words that follow (what exactly was done)."""
    next_blocked: re.Pattern[str] | None = None
    """Searched on the words just after the match: a hit blocks it."""
    quote_more: int = 0
    """Quote up to this many following words too, so "sorry if" reads "sorry if you were hurt"."""


_FILE = load_rules(RULES_DIR / "apology.yml", ApologyRule, LABELS)

RULES: tuple[ApologyRule, ...] = _FILE.rules
NEGATORS = _FILE.word_set("negators")
"""A negation among a match's own words blocks a rule with `inner_negation` ..."""
NOT_NEGATING_AFTER = _FILE.word_set("not_negating_after")
"""... unless one of these follows it ("not just")."""
ACT_PAST_TENSE: dict[str, str] = dict(_FILE.act_past_tense)
"""The past tense of every act verb the analyzer knows, keyed by each of its forms."""
