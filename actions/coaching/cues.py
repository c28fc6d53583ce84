"""Phrase cues for the listening and patience analyzers: scope checks and findings.

The reflection and answer analyzers both look for short spoken phrases ("that makes sense",
"I already told you") and both must not count a phrase the speaker refuses or reports:
"I'm not saying you should" is not advice, "I won't tell you it was nothing" is not
minimising, and "my sister says you're overreacting" is the sister's view. This module holds
that shared machinery; each analyzer keeps its own rules, as data (data/rules/answer.yml,
data/rules/listening.yml, read by `rule_data` into `Rule` objects, in the pattern language
described there).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from actions.coaching.apology import Finding
from actions.coaching.normalize import Normalized, Token

__all__ = [
    "Finding",
    "Rule",
    "TextView",
    "dedupe",
    "find_cues",
    "to_findings",
    "word_list",
    "word_set",
]


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of `words` (word lists read better as prose)."""
    return frozenset(words.split())


def word_list(words: str) -> tuple[str, ...]:
    """The whitespace-separated words of `words`, in order."""
    return tuple(words.split())


@dataclass(frozen=True)
class Rule:
    """One way of saying something that earns a label."""

    label: str
    """The label a match earns."""

    pattern: re.Pattern[str]
    """Compiled from a rule file's patterns (`rule_data`); a named group "span" narrows the
    quoted phrase."""

    negatable: bool = True
    """A negation or refusal shortly before the match cancels it ("I won't say ...")."""

    blocked_before: re.Pattern[str] | None = None
    """Searched on up to five clause words before the match, joined by spaces and ending
    where the match starts: a hit cancels the match."""

    blocked_after: re.Pattern[str] | None = None
    """Searched on up to five words after the match (same sentence): a hit cancels it."""


# --------------------------------------------------------------------------------------
# Scope: negation, refusal, reported speech and quotation.

_NEGATORS = word_set(
    """
    not never don't didn't won't can't cannot couldn't wouldn't shouldn't isn't wasn't
    aren't weren't doesn't haven't hasn't hadn't ain't nobody nor
    """
)
# "Not just angry but hurt" affirms; "I don't know, you're overreacting" does not negate what
# follows; "I can't imagine how hard" affirms the hardness.
_NEGATION_RELEASED_BY = word_set(
    """
    just only merely simply know knew realise realize realised realized imagine understand
    see mind care blame
    """
)
_REFUSAL_PHRASES = (
    ("instead", "of"),
    ("rather", "than"),
    ("refuse", "to"),
    ("no", "more"),
    ("no", "one"),
    ("stop",),
    ("quit",),
)
_SPEECH_VERBS = word_set(
    """
    say saying said tell telling told claim claiming pretend pretending act acting call
    calling use using make making give giving
    """
)
_NEGATION_REACH = 4
"""A negation further than this many words before a phrase has stopped applying to it."""
_FIRST_PERSON = word_set("i i'm i've i'd i'll")
_REPORT_OPENERS = _SPEECH_VERBS | word_set("that to think thought")
# "Can we not do this" proposes something; its "not" does not negate what follows.
_SUGGESTING = frozenset({("can", "we"), ("could", "we"), ("can", "you"), ("could", "you")})

_CLAUSE_BREAKERS = word_set("but however though although yet and so because cause cuz then or")
_SUBJECT_WORDS = word_set(
    """
    i i'm i've i'll i'd you you're you've you'll you'd we we're they they're he he's she
    she's it it's that that's there there's now then please let's
    """
)
_REPORTERS = word_set(
    """
    you he she they people someone somebody everyone everybody friends mom mum dad mother
    father sister brother therapist counsellor counselor doctor
    """
)
_REPORTING_VERBS = re.compile(
    r"(?:said|says|say|told me|tells me|tell me|thinks|think|thought|keeps saying|kept saying"
    r"|used to say|would say|reckons|claims)(?: that)?$"
)
_SENTENCE_END = re.compile(r"[!?;:]+|(?<![.\d])\.(?![.\d])")


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """Spans in double quotes, or in single quotes used as quotation marks."""
    ranges: list[tuple[int, int]] = []
    doubles = [i for i, char in enumerate(text) if char == '"']
    ranges.extend((a, b + 1) for a, b in zip(doubles[::2], doubles[1::2], strict=False))
    opening: int | None = None
    for i, char in enumerate(text):
        if char != "'":
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opening is None and not before.isalnum() and after.isalnum():
            opening = i
        elif opening is not None and not after.isalnum() and (before.isalnum() or before in ".!?,"):
            ranges.append((opening, i + 1))
            opening = None
    return ranges


class TextView:
    """The normalised text with the lookups scope checks need."""

    def __init__(self, norm: Normalized) -> None:
        self.norm = norm
        self.text = norm.text
        self.tokens: tuple[Token, ...] = norm.tokens()
        self.words = [token.text for token in self.tokens]
        self._token_starts = [token.start for token in self.tokens]
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        self._quotes = _quote_ranges(self.text)
        # Quote ranges never overlap, so their starts are sorted; a bisect keeps `quoted`
        # cheap on long inputs.
        self._quote_starts = [a for a, _ in self._quotes]

    # --- positions --------------------------------------------------------------------

    def token_index(self, position: int) -> int:
        """Index of the first token starting at or after `position`."""
        return bisect.bisect_left(self._token_starts, position)

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._sentence_ends, position)
        start = self._sentence_ends[index - 1] if index > 0 else 0
        end = self._sentence_ends[index] if index < len(self._sentence_ends) else len(self.text)
        return start, end

    def quoted(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._quote_starts, start) - 1
        if index < 0:
            return False
        a, b = self._quotes[index]
        return a <= start and end <= b

    def gap(self, left_token: int, right_token: int) -> str:
        """The characters between two adjacent tokens, spaces stripped ("," or "")."""
        return self.text[self.tokens[left_token].end : self.tokens[right_token].start].strip()

    # --- neighbouring words -------------------------------------------------------------

    def clause_before(self, position: int, count: int) -> list[str]:
        """Up to `count` words before `position` in the same clause, in reading order.

        A clause ends at punctuation, a quotation mark or a clause-joining word ("but",
        "and", "because" ...): negation and reporting do not carry across those.
        """
        index = self.token_index(position)
        sentence_start, _ = self.sentence_bounds(position)
        words: list[str] = []
        boundary = position
        while index > 0 and len(words) < count:
            index -= 1
            token = self.tokens[index]
            if token.start < sentence_start or self.text[token.end : boundary].strip():
                break
            if token.text in _CLAUSE_BREAKERS:
                # "so" joins clauses before a subject ("so you felt") but is an intensifier
                # before anything else ("so stupid", "so sorry").
                following = self.tokens[index + 1].text if index + 1 < len(self.tokens) else ""
                if token.text != "so" or following in _SUBJECT_WORDS:
                    break
            words.append(token.text)
            boundary = token.start
        words.reverse()
        return words

    def words_after(self, position: int, count: int) -> list[str]:
        """Up to `count` words from `position` on, in the same sentence."""
        _, sentence_end = self.sentence_bounds(position)
        index = self.token_index(position)
        words: list[str] = []
        while index < len(self.tokens) and len(words) < count:
            token = self.tokens[index]
            if token.start >= sentence_end:
                break
            words.append(token.text)
            index += 1
        return words

    # --- scope ----------------------------------------------------------------------------

    def negated(self, position: int) -> bool:
        """True when the phrase starting at `position` is negated or refused.

        "you're not overreacting", "I won't say it was nothing", "I'm not going to tell you
        to calm down", "instead of saying calm down": a negation within `_NEGATION_REACH`
        words, or further back when a speech verb sits between it and the phrase.
        """
        before = self.clause_before(position, 8)
        size = len(before)
        index = self.token_index(position)
        # The phrase's own first word can open the fresh clause ("... everything i only ...").
        scope = [*before, self.words[index]] if index < len(self.words) else before
        for i, word in enumerate(before):
            hit = word in _NEGATORS
            if not hit:
                hit = any(tuple(before[i : i + len(p)]) == p for p in _REFUSAL_PHRASES)
            if not hit:
                continue
            following = before[i + 1] if i + 1 < size else ""
            if following in _NEGATION_RELEASED_BY:
                continue
            if word == "not" and tuple(before[max(0, i - 2) : i]) in _SUGGESTING:
                continue  # "can we not do this" proposes; it does not negate "this"
            if _new_clause_between(scope, i):
                continue
            if size - i <= _NEGATION_REACH:
                return True
            if any(w in _SPEECH_VERBS for w in before[i + 1 : i + 1 + _NEGATION_REACH]):
                return True
        return False

    def reported(self, position: int) -> bool:
        """True when someone other than the speaker is being quoted ("you said", "she
        thinks that"): the phrase reports their words, it is not the speaker's own."""
        before = self.clause_before(position, 5)
        for i, word in enumerate(before):
            if word in _REPORTERS or (i > 0 and before[i - 1] in ("my", "your", "his", "her")):
                rest = " ".join(before[i + 1 :])
                if rest and _REPORTING_VERBS.fullmatch(rest):
                    return True
        return False


def _new_clause_between(words: Sequence[str], negator: int) -> bool:
    """True when a fresh "I ..." clause starts after the negator, as in unpunctuated speech:
    in "i didnt tell him everything i only told him a little" the "didn't" does not reach
    "only told". A reported "I" ("I won't say that I ...", "I'm not saying I ...") still
    belongs to the negated clause."""
    for j in range(negator + 2, len(words)):
        if words[j] in _FIRST_PERSON and words[j - 1] not in _REPORT_OPENERS:
            return True
    return False


def find_cues(view: TextView, rules: Iterable[Rule], advice: Callable[[str], str]) -> list[Finding]:
    """Every rule match that survives the scope checks, as findings on the original text.

    Per label, a match overlapping an earlier or longer one is dropped.
    """
    spans: list[tuple[str, int, int]] = []
    for rule in rules:
        for match in rule.pattern.finditer(view.text):
            start, end = match.span()
            if "span" in rule.pattern.groupindex and match.group("span") is not None:
                start, end = match.span("span")
            if view.quoted(start, end):
                continue
            if rule.negatable and view.negated(match.start()):
                continue
            if view.reported(match.start()):
                continue
            if rule.blocked_before is not None:
                before = " ".join(view.clause_before(match.start(), 5))
                if before and rule.blocked_before.search(before):
                    continue
            if rule.blocked_after is not None:
                after = " ".join(view.words_after(match.end(), 5))
                if after and rule.blocked_after.search(after):
                    continue
            spans.append((rule.label, start, end))
    return to_findings(view.norm, dedupe(spans), advice)


def dedupe(spans: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Per label, drop a span that overlaps one already kept (longer spans are kept first)."""
    kept: list[tuple[str, int, int]] = []
    by_label: dict[str, list[tuple[int, int]]] = {}
    for label, start, end in sorted(spans, key=lambda s: (s[0], s[1], -(s[2] - s[1]))):
        taken = by_label.setdefault(label, [])
        # Sorted by start within a label, so only the last kept span can overlap.
        if taken and start < taken[-1][1]:
            continue
        taken.append((start, end))
        kept.append((label, start, end))
    return kept


def to_findings(
    norm: Normalized, spans: Iterable[tuple[str, int, int]], advice: Callable[[str], str]
) -> list[Finding]:
    """Findings quoting the original text, in text order."""
    findings = []
    for label, start, end in spans:
        orig_start, orig_end = norm.span_in_original(start, end)
        if orig_start >= orig_end:
            continue
        phrase = norm.original[orig_start:orig_end]
        findings.append(Finding(label, phrase, orig_start, orig_end, advice(label)))
    findings.sort(key=lambda f: (f.start, f.label))
    return findings
