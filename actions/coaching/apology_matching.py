"""The apology analyzer's matching engine: the rules' context checks and the settling of labels.

A rule match (`apology_patterns.RULES`) only counts when it is not quoted, not disavowed and
passes the rule's own check; a few labels are then settled against each other (`_settle`):
a "but" undoes an apology only after an apology or admission, a conditional or deflecting
"sorry" is not regret, a concrete change stated as an absolute vow is only the vow.
`find_candidates` is the one entry point.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from actions.coaching.apology_patterns import NEGATORS, NOT_NEGATING_AFTER, RULES
from actions.coaching.apology_vocabulary import LABELS
from actions.coaching.normalize import Normalized

__all__ = ["DISAVOW_CUE", "Candidate", "find_candidates"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read than a list)."""
    return frozenset(words.split())


# --------------------------------------------------------------------------------------
# Context checks


_SENTENCE_END = re.compile(r"[!?;]+|(?<![.\d])\.(?![.\d])")
_CLAUSE_BREAKERS = _wordset("but however though although")

# A negated speech act or a mention shortly before a phrase means the phrase is not said.
DISAVOW_CUE = re.compile(
    r"(?:\bnot|\bnever|n't|\brefuse to|\binstead of|\brather than|\bno more|\bstop)"
    r" (?:[\w']+ ){0,3}?"
    r"(?:say|saying|said|tell|telling|told|claim|claiming|pretend|pretending|act like|acting like"
    r"|call it|calling it|use|using|blame|blaming|promise|promising|swear|swearing|ask|asking"
    r"|expect|expecting|make excuses|making excuses|hide behind|hiding behind|guarantee"
    r"|going to say|gonna say)\b(?! (?:how|enough)\b)"
    r"|(?<!i'm )(?<!\bam )(?<!\bwas )(?<!were )(?<!keep )(?<!kept )(?<!just )(?<!'re )(?<!\bare )"
    r"(?<!\bby )(?<!start )"
    r"\bsaying\b"
    r"|\b(?:words|phrases|promises|lines) like\b"
    r"|\bi (?:[\w']+ )?(?:said|told you|used to say|used to tell you|kept saying)"
    r" (?=(?:i|i'm|it|it's|that|you|you're|we|this|she|he|sorry)\b)"
    r"|(?:n't|\bnot|\bnever) (?:think|believe|feel like)\b"
)
_MENTION_AFTER = re.compile(
    r"^(?:[\w']+ ){0,2}?(?:means nothing|mean nothing|doesn't mean|does not mean|isn't enough"
    r"|is not enough|is just words|are just words|is cheap|are cheap|is empty|are empty"
    r"|won't fix|doesn't fix|won't help|doesn't help)\b"
)
_MAX_CUE_DISTANCE = 3
"""A cue further than this many words from the phrase has stopped applying to it."""


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of text in double quotes or in single quotes used as quotation marks."""
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


def _merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of the ranges."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class _Context:
    """The normalised text with the lookups the rules need."""

    def __init__(self, norm: Normalized) -> None:
        self.norm = norm
        self.text = norm.text
        self.tokens = norm.tokens()
        self.token_starts = [token.start for token in self.tokens]
        self.sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        self.quotes = _merge_ranges(_quote_ranges(self.text))
        self.quote_starts = [a for a, _ in self.quotes]

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentence_ends, position)
        start = self.sentence_ends[index - 1] if index > 0 else 0
        end = self.sentence_ends[index] if index < len(self.sentence_ends) else len(self.text)
        return start, end

    def quoted(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.quote_starts, start) - 1
        return index >= 0 and end <= self.quotes[index][1]

    def token_index(self, position: int) -> int:
        """Index of the first token starting at or after `position`."""
        return bisect.bisect_left(self.token_starts, position)

    def words_before(self, position: int, count: int, *, clause: bool = True) -> list[str]:
        """Up to `count` words before `position` in the same sentence (and clause)."""
        sentence_start, _ = self.sentence_bounds(position)
        index = self.token_index(position)
        words: list[str] = []
        while index > 0 and len(words) < count:
            index -= 1
            token = self.tokens[index]
            if token.start < sentence_start or self._quote_between(token.end, position):
                break
            if clause and token.text in _CLAUSE_BREAKERS:
                break
            words.append(token.text)
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

    def _quote_between(self, start: int, end: int) -> bool:
        return '"' in self.text[start:end] or " '" in self.text[start:end]

    def disavowed(self, start: int, end: int) -> str | None:
        """ "negated" or "mention" when the phrase at start:end is refused or quoted, else None."""
        before = _current_clause(self.words_before(start, 8) + self.words_after(start, 1))[:-1]
        head = self.words_after(start, 3)
        prefix = " ".join(before)
        joined = f"{prefix} {' '.join(head)}" if prefix else " ".join(head)
        for cue in DISAVOW_CUE.finditer(joined):
            if not prefix or cue.start() >= len(prefix):
                continue
            between = joined[cue.end() : len(prefix)].split() if cue.end() < len(prefix) else []
            if len(between) <= _MAX_CUE_DISTANCE:
                return "mention" if _is_mention(cue.group()) else "negated"
        if _MENTION_AFTER.match(" ".join(self.words_after(end, 5))):
            return "mention"
        return None

    def extend_plain(self, end: int, count: int) -> int:
        """Extend a span over up to `count` following words, stopping at punctuation."""
        last_end = end
        ends: list[tuple[int, str]] = []
        for token in self.tokens[self.token_index(end) : self.token_index(end) + count]:
            if self.text[last_end : token.start].strip() or token.text in _PLAIN_STOP_WORDS:
                break
            last_end = token.end
            ends.append((token.end, token.text))
        while ends and ends[-1][1] in _DANGLING_WORDS:
            ends.pop()
        return ends[-1][0] if ends else end

    def extend_act(self, end: int) -> int:
        """Extend an act's span over the words that say what exactly was done."""
        index = self.token_index(end)
        last_end = end
        taken = 0
        ends: list[tuple[int, str]] = []
        while index < len(self.tokens) and taken < _ACT_MAX_EXTRA_WORDS:
            token = self.tokens[index]
            if self.text[last_end : token.start].strip():
                break  # punctuation ends the act
            word = token.text
            following = self.tokens[index + 1].text if index + 1 < len(self.tokens) else ""
            previous = self.tokens[index - 1].text if index > 0 else ""
            if word in _ACT_STOP_WORDS:
                break
            if word == "i" and previous not in _WH_WORDS:
                break
            if word in _SUBJECTS and following in _CLAUSE_VERBS:
                break
            last_end = token.end
            ends.append((token.end, word))
            taken += 1
            index += 1
        # Do not stop on a dangling word ("in front of the"): back off to the last content word.
        while ends and ends[-1][1] in _DANGLING_WORDS:
            ends.pop()
        return ends[-1][0] if ends else end


_CONJUNCTIONS = _wordset("and so because then")
_CLAUSE_SUBJECTS = _wordset("i i'm i've i'll you you're that's it's that it she he we they this")


def _current_clause(words: list[str]) -> list[str]:
    """The words after the last conjunction that starts a new clause ("... and that's")."""
    for index in range(len(words) - 2, -1, -1):
        if words[index] in _CONJUNCTIONS and words[index + 1] in _CLAUSE_SUBJECTS:
            return words[index + 1 :]
    return words


def _is_mention(cue: str) -> bool:
    return not re.match(r"(?:not|never|\w+n't|refuse|instead|rather|no more|stop)\b", cue)


_ACT_MAX_EXTRA_WORDS = 9
_PLAIN_STOP_WORDS = _wordset("but however though although because so and or")
_DANGLING_WORDS = _wordset(
    """
    the a an of to in on at for with my your our his her their about from or that this into
    by as than very so
    """
)
_ACT_STOP_WORDS = _wordset(
    """
    and but because so if though although since then or which cause cuz please now also
    anyway honestly basically i'm i've i'll i'd it's that's there's you're you've you'll
    we're um uh while when before after until even just
    """
)
_WH_WORDS = _wordset("where what who when how why")
_SUBJECTS = _wordset("you it that this she he we they")
_CLAUSE_VERBS = _wordset(
    """
    was is were are must felt feel know knew said asked made hurt deserved deserve can could
    will would did have had has didn't don't won't can't get got need needed want wanted
    probably never always
    """
)


def _has_negation(words: list[str]) -> bool:
    for i, word in enumerate(words):
        if word in NEGATORS:
            following = words[i + 1] if i + 1 < len(words) else ""
            if following not in NOT_NEGATING_AFTER:
                return True
    return False


@dataclass
class Candidate:
    label: str
    start: int
    end: int


def _match_rules(ctx: _Context) -> tuple[list[Candidate], list[Candidate]]:
    """Candidates that pass every context check, and excuses that were refused."""
    kept: list[Candidate] = []
    refused: list[Candidate] = []
    for rule in RULES:
        for match in rule.pattern.finditer(ctx.text):
            start, end = match.start(), match.end()
            if "span" in match.re.groupindex and match.group("span") is not None:
                start, end = match.span("span")
            if ctx.quoted(start, end):
                continue
            if rule.inner_negation:
                inner = [
                    t.text
                    for t in ctx.tokens[
                        ctx.token_index(match.start()) : ctx.token_index(match.end())
                    ]
                ]
                if _has_negation(inner):
                    continue
            if rule.blocked_after is not None:
                before = " ".join(ctx.words_before(match.start(), 5))
                if before and rule.blocked_after.search(before):
                    continue
            if rule.next_blocked is not None:
                after = " ".join(ctx.words_after(match.end(), 6))
                if rule.next_blocked.search(after):
                    continue
            how = ctx.disavowed(match.start(), end)
            if how is not None:
                if how == "negated" and rule.label in ("excuse", "blame_shift", "justification"):
                    refused.append(Candidate(rule.label, start, end))
                continue
            if rule.extend:
                end = ctx.extend_act(end)
            elif rule.quote_more:
                end = ctx.extend_plain(end, rule.quote_more)
            kept.append(Candidate(rule.label, start, end))
    return kept, refused


# --------------------------------------------------------------------------------------
# Labels that depend on other labels

_BUT = re.compile(r"\b(?:but|though|although|however)\b")
_BUT_ADDITIVE_AFTER = re.compile(
    r"^(?:also|more than that|more importantly|most importantly|most of all|even more|i also"
    r"|not least|that's not all|for"
    # A hope, or the wish to say it properly, carries the apology on; it takes nothing back.
    r"|i (?:really |do )?hope|(?:can|could|will|would) you (?:ever |one day |someday )?forgive"
    r"|i want(?:ed)? to (?:say|do|apologi[sz]e|make|tell you|be honest))\b"
)
_BUT_EXCEPT_BEFORE = re.compile(
    r"\b(?:nobody|nobody's|nobodys|no one|no one's|noone|none|nothing)\b"
)
_BUT_EXCEPT_AFTER = frozenset({"me", "mine", "myself"})
""""Nobody's fault but mine": an exclusive "but" (except), which owns the act."""
_BUT_NOT_CONTRAST_BEFORE = re.compile(r"\b(?:even|as|nothing|all|anything|last)$")
_NOT_JUST_BEFORE = re.compile(r"\bnot (?:just|only|merely|simply)\b")
_HOWEVER_NOT_CONTRAST = re.compile(
    r"^(?:(?:long|much|many|far|hard|often|little|big)\b"
    r"|(?:you|i|we|they|she|he) (?:need|needs|want|wants|like|likes|choose|chooses|prefer"
    r"|prefers|see fit|decide|decides|feel|feels)\b)"
)
""""However" opening a manner or degree ("however you need", "however long it takes"): an
offer, not a contrast."""
_BUT_ANTECEDENTS = frozenset(
    {"regret", "responsibility", "harm_acknowledged", "conditional", "feelings_deflection"}
)
_BUT_SAFE_FOLLOWERS = frozenset(
    {"responsibility", "repair_offer", "repentance", "regret", "harm_acknowledged"}
)
_BUT_ANTECEDENT_REACH = 12
"""Words between an apology and its "but" beyond which the two are no longer linked."""
_BUT_FOLLOWER_REACH = 4
_BUT_PHRASE_WORDS = 5
"""How much of what follows a "but" to quote: enough to recognise it when read back."""
_RETRACTED_EXCUSE = re.compile(r"(?:\bno|n't|\bnot) (?:[\w']+ ){0,2}?excuse\b")
_ABSOLUTE_REACH = 10


def _words_between(ctx: _Context, start: int, end: int) -> int:
    if end <= start:
        return 0
    return ctx.token_index(end) - ctx.token_index(start)


def _same_sentence(ctx: _Context, a: int, b: int) -> bool:
    return ctx.sentence_bounds(a) == ctx.sentence_bounds(b)


def _settle(
    ctx: _Context, candidates: list[Candidate], refused: list[Candidate]
) -> list[Candidate]:
    by_label: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_label.setdefault(candidate.label, []).append(candidate)

    def spans(*labels: str) -> list[Candidate]:
        return [c for label in labels for c in by_label.get(label, [])]

    # A refused excuse ("I'm not going to pretend I was drunk") is taking responsibility.
    for excuse in refused:
        if excuse.label == "excuse":
            cue_start = ctx.tokens[max(0, ctx.token_index(excuse.start) - 4)].start
            by_label.setdefault("responsibility", []).append(
                Candidate("responsibility", cue_start, excuse.end)
            )

    # A conditional or deflecting "sorry" is not regret; nor is any sorry in a sentence whose
    # apology hangs on an "if".
    non_apologies = _SpanIndex(spans("conditional", "feelings_deflection"))
    conditional_sentences = {ctx.sentence_bounds(c.start) for c in by_label.get("conditional", [])}
    by_label["regret"] = [
        regret
        for regret in by_label.get("regret", [])
        if not non_apologies.overlaps(regret.start, regret.end)
        and ctx.sentence_bounds(regret.start) not in conditional_sentences
    ]

    # An excuse taken back in the same sentence ("..., but that's no excuse") is not one.
    kept_excuses = []
    for excuse in by_label.get("excuse", []):
        _, sentence_end = ctx.sentence_bounds(excuse.start)
        if not _RETRACTED_EXCUSE.search(ctx.text[excuse.end : sentence_end]):
            kept_excuses.append(excuse)
    by_label["excuse"] = kept_excuses

    # A change stated as an absolute vow is only the vow.
    absolutes = _SpanIndex(by_label.get("absolute_promise", []))
    by_label["repentance"] = [
        r
        for r in by_label.get("repentance", [])
        if not any(
            _same_sentence(ctx, a.start, r.start)
            and _words_between(ctx, min(a.end, r.end), max(a.start, r.start)) <= _ABSOLUTE_REACH
            for a in absolutes.nearest(r.start, r.end)
        )
    ]

    by_label["but_undoing"] = _find_but_undoing(ctx, spans(*_BUT_ANTECEDENTS), by_label)
    return [c for label in LABELS for c in by_label.get(label, [])]


class _SpanIndex:
    """Candidates sorted for quick "what is nearest / does anything overlap" questions."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.by_start = sorted(candidates, key=lambda c: c.start)
        self.starts = [c.start for c in self.by_start]
        self.by_end = sorted(candidates, key=lambda c: c.end)
        self.ends = [c.end for c in self.by_end]
        self.longest = max((c.end - c.start for c in candidates), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        # Only candidates starting within `longest` before `end` can reach into the span.
        low = bisect.bisect_left(self.starts, start - self.longest)
        high = bisect.bisect_left(self.starts, end)
        return any(c.end > start for c in self.by_start[low:high])

    def last_ending_by(self, position: int) -> Candidate | None:
        index = bisect.bisect_right(self.ends, position) - 1
        return self.by_end[index] if index >= 0 else None

    def first_starting_from(self, position: int) -> Candidate | None:
        index = bisect.bisect_left(self.starts, position)
        return self.by_start[index] if index < len(self.by_start) else None

    def nearest(self, start: int, end: int) -> list[Candidate]:
        """The closest candidate before `start` and the closest after it."""
        found = [self.last_ending_by(start), self.first_starting_from(start)]
        return [c for c in found if c is not None]


def _find_but_undoing(
    ctx: _Context, antecedents: list[Candidate], by_label: dict[str, list[Candidate]]
) -> list[Candidate]:
    found: list[Candidate] = []
    followers = _SpanIndex([c for label in _BUT_SAFE_FOLLOWERS for c in by_label.get(label, [])])
    before_index = _SpanIndex(antecedents)
    for marker in _BUT.finditer(ctx.text):
        start, end = marker.span()
        if ctx.quoted(start, end):
            continue
        before = ctx.words_before(start, 10, clause=False)
        after = ctx.words_after(end, 6)
        if before and _BUT_NOT_CONTRAST_BEFORE.search(before[-1]):
            continue
        if _NOT_JUST_BEFORE.search(" ".join(before)):
            continue
        if _BUT_ADDITIVE_AFTER.match(" ".join(after)):
            continue
        if after and after[0] in _BUT_EXCEPT_AFTER and _BUT_EXCEPT_BEFORE.search(" ".join(before)):
            continue
        if marker.group() == "however" and _HOWEVER_NOT_CONTRAST.match(" ".join(after)):
            continue
        sentence_start, _ = ctx.sentence_bounds(start)
        # The nearest apology before the "but" decides; an earlier one can only be further away.
        antecedent = before_index.last_ending_by(start)
        if antecedent is None:
            continue
        if _same_sentence(ctx, antecedent.start, start):
            linked = _words_between(ctx, antecedent.end, start) <= _BUT_ANTECEDENT_REACH
        else:
            previous_start, _ = ctx.sentence_bounds(max(0, sentence_start - 1))
            linked = not before and antecedent.start >= previous_start
        if not linked:
            continue
        follower = followers.first_starting_from(end)
        if follower is not None and _words_between(ctx, end, follower.start) <= _BUT_FOLLOWER_REACH:
            continue
        found.append(Candidate("but_undoing", start, ctx.extend_plain(end, _BUT_PHRASE_WORDS)))
    return found


# --------------------------------------------------------------------------------------
# Entry point


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """Per label, drop a candidate that overlaps an earlier (or, at the same start, longer) one."""
    kept: list[Candidate] = []
    reach: dict[str, int] = {}
    for candidate in sorted(candidates, key=lambda c: (c.label, c.start, c.start - c.end)):
        if candidate.start < reach.get(candidate.label, -1):
            continue
        kept.append(candidate)
        reach[candidate.label] = candidate.end
    return kept


def find_candidates(norm: Normalized) -> list[Candidate]:
    """The settled rule findings in the normalised text, one per label and span."""
    ctx = _Context(norm)
    candidates, refused = _match_rules(ctx)
    return _dedupe(_settle(ctx, candidates, refused))
