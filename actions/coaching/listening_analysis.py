"""Listening analysis: how well the user gave back what the hurt partner said.

(In the listening exercise the user "reflects back" what they heard; that reflection is
what is analysed here. The guided reflections are another exercise, in
`actions.coaching.guided`.)

Pure and offline: a scenario and the user's reflection in, `ListeningAnalysis` out.

What it measures (shared/design/CONTENT.md, Listening):

* coverage - which of the scenario's key points the reflection gives back, matched with the
  keyword sets the scenario declares (see `actions.coaching.scenarios.base`); no model;
* `feeling_named` - the reflection names a feeling of the partner ("you felt humiliated",
  "that must have been so lonely", "I hurt you"), not the speaker's own ("I feel awful");
* `validation` - their reaction is treated as understandable ("that makes sense", "you have
  every right to be angry");
* `defensiveness` - the speaker's own side, reasons or a rebuttal ("but I was going to tell
  you", "that's not fair", "what about you");
* `fixing` - advice, plans or solutions instead of listening ("you should", "let's just move
  on", "I'll fix it");
* `question` - the reflection asks something ("did I get that right?", "is there more?");
  motivational-interviewing coding (MITI 4.2.1) weighs reflections against questions.

Negated, refused and quoted phrases do not count ("I'm not saying you should" is not fixing;
"I won't make excuses" is not defensiveness). The annotation guidelines the analyzer is
measured against head tests/eval/reflection_eval.yml.

Every pattern is an alternation with bounded gaps and keyword sets are matched with one pass
over the words, so the analysis is linear in the length of the reflection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actions.coaching.cues import (
    Finding,
    Rule,
    TextView,
    dedupe,
    find_cues,
    rx,
    to_findings,
    word_list,
    word_set,
)
from actions.coaching.cues import words_rx as _w
from actions.coaching.listening_learned import combine_reflection_findings, listening_learned_in_use
from actions.coaching.normalize import Normalized, normalize
from actions.coaching.scenarios import ListeningScenario, get_listening_scenario
from actions.coaching.scenarios.base import MATCH_WINDOW

if TYPE_CHECKING:
    from actions.coaching.learned_labels import LearnedLabels

__all__ = [
    "LABELS",
    "KeyPointMatch",
    "ListeningAnalysis",
    "analyze_listening",
    "compile_keyword_set",
]

LABELS: tuple[str, ...] = ("feeling_named", "validation", "defensiveness", "fixing", "question")
"""The reflection labels, in the order feedback discusses them."""

ADVICE: dict[str, str] = {
    "feeling_named": "Naming their feeling tells them you heard more than the facts.",
    "validation": "Saying their reaction makes sense lets them know it is allowed.",
    "defensiveness": "Your side can wait; for now, stay with what they said.",
    "fixing": "Hold the solutions for later; first they need to feel heard.",
    "question": "Checking you got it right invites them to say more.",
}
"""One short, kind sentence per label, used in findings and spoken feedback."""


@dataclass(frozen=True)
class KeyPointMatch:
    """The words of the reflection that covered one key point."""

    point_id: str
    """The `KeyPoint.id` covered."""

    phrase: str
    """The exact substring of the original text, from the first matched word to the last."""

    start: int
    """Offset of `phrase` in the original text."""

    end: int
    """Offset just past `phrase` in the original text."""


@dataclass(frozen=True)
class ListeningAnalysis:
    """Everything the coach knows about one reflection."""

    scenario_id: str
    """The listening scenario the reflection answers."""

    text: str
    """The reflection as given."""

    covered: tuple[str, ...]
    """Key point ids the reflection gives back, in scenario order."""

    missed: tuple[str, ...]
    """Key point ids it leaves out, in scenario order."""

    coverage: float
    """len(covered) / number of key points, rounded to two places."""

    labels: tuple[str, ...]
    """Labels present, in `LABELS` order."""

    findings: tuple[Finding, ...]
    """Evidence for every label present, in text order."""

    matches: tuple[KeyPointMatch, ...]
    """Evidence for every covered key point, in scenario order."""

    feelings_named: tuple[str, ...]
    """Names of the scenario's feelings the reflection named, in scenario order."""

    feelings_missed: tuple[str, ...]
    """Names of the scenario's feelings it did not name, in scenario order."""

    feeling_words: tuple[str, ...] = ()
    """The reflection's own words for the scenario's feelings it named, in text order
    ("humiliated" where the scenario's name is "stupid"): what feedback credits."""

    def findings_for(self, label: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.label == label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "coverage": self.coverage,
            "covered": list(self.covered),
            "missed": list(self.missed),
            "labels": list(self.labels),
            "findings": [finding.to_dict() for finding in self.findings],
        }


# --------------------------------------------------------------------------------------
# Keyword sets (syntax in actions/coaching/scenarios/base.py)

_Option = tuple[tuple[str, bool], ...]
"""Consecutive words of one option, each (text, is_prefix)."""


@dataclass(frozen=True)
class _KeywordSet:
    source: str
    terms: tuple[tuple[_Option, ...], ...]
    allows_negation: bool
    """True when an option is itself a negation: the partner's words contained one."""


def _parse_option(option: str) -> _Option:
    pieces = []
    for piece in option.split("_"):
        prefix = piece.endswith("*")
        pieces.append((piece.rstrip("*"), prefix))
    if not option or any(not text for text, _ in pieces):
        raise ValueError(f"empty word in keyword option {option!r}")
    return tuple(pieces)


def compile_keyword_set(source: str) -> _KeywordSet:
    """Parse one alternative; ValueError when it is malformed."""
    terms = []
    negation = False
    for term in source.split():
        options = tuple(_parse_option(option) for option in term.split("|"))
        terms.append(options)
        negation = negation or any(_is_negator(text) for option in options for text, _ in option)
    if not terms:
        raise ValueError("empty keyword set")
    return _KeywordSet(source, tuple(terms), negation)


def _is_negator(word: str) -> bool:
    return word in ("not", "no", "never", "nobody", "nothing", "nowhere") or word.endswith("n't")


def _word_matches(word: str, text: str, prefix: bool) -> bool:
    if prefix:
        return word.startswith(text)
    if word == text:
        return True
    # A possessive adds nothing to the meaning: "mom's" is "mom", "sister's" is "sister".
    return word.endswith("'s") and word[:-2] == text


def _option_end(words: Sequence[str], index: int, option: _Option) -> int | None:
    """Index just past the option when it matches at `index`, else None."""
    if index + len(option) > len(words):
        return None
    for offset, (text, prefix) in enumerate(option):
        if not _word_matches(words[index + offset], text, prefix):
            return None
    return index + len(option)


# Words that do not negate what follows them: "no wonder you felt", "not just angry",
# "I didn't know how hurt you were", "I can't imagine how lonely".
_NEGATION_RELEASE = word_set(
    "wonder just only merely know knew realise realize realised realized imagine understand"
    " see doubt"
)
_COVERAGE_NEGATION_LOOKBACK = 2
"""Words before a keyword-set match that may hold a negation cancelling it."""


def _negated_window(words: Sequence[str], first: int, last: int) -> bool:
    start = max(0, first - _COVERAGE_NEGATION_LOOKBACK)
    for index in range(start, last):
        if _is_negator(words[index]):
            following = words[index + 1] if index + 1 < len(words) else ""
            if following not in _NEGATION_RELEASE:
                return True
    return False


def _match_keyword_set(words: Sequence[str], keywords: _KeywordSet) -> tuple[int, int] | None:
    """The first word window (first, last_exclusive) that holds every term, or None.

    A sweep over the term occurrences in word order: the window grows to the right until
    every term is present, then shrinks from the left while it stays complete. Every
    complete window no wider than `MATCH_WINDOW` is a candidate; a negated one is skipped.
    """
    occurrences: list[tuple[int, int, int]] = []  # (start, end, term)
    for index in range(len(words)):
        for term_index, options in enumerate(keywords.terms):
            for option in options:
                end = _option_end(words, index, option)
                if end is not None:
                    occurrences.append((index, end, term_index))
                    break
    needed = len(keywords.terms)
    longest = max(len(option) for options in keywords.terms for option in options)
    counts = [0] * needed
    present = 0
    left = 0
    for right, (right_start, _, term) in enumerate(occurrences):
        if counts[term] == 0:
            present += 1
        counts[term] += 1
        while present == needed:
            first = occurrences[left][0]
            # Starts are sorted and no option is longer than `longest` words, so only the
            # last few occurrences can end furthest right: a bounded look-back stays linear.
            last = 0
            back = right
            while back >= left and occurrences[back][0] > right_start - longest:
                last = max(last, occurrences[back][1])
                back -= 1
            if last - first <= MATCH_WINDOW and (
                keywords.allows_negation or not _negated_window(words, first, last)
            ):
                return first, last
            left_term = occurrences[left][2]
            counts[left_term] -= 1
            if counts[left_term] == 0:
                present -= 1
            left += 1
    return None


_COMPILED: dict[str, _KeywordSet] = {}


def _keyword_set(source: str) -> _KeywordSet:
    # Scenario data is fixed, so each alternative is parsed once per process.
    compiled = _COMPILED.get(source)
    if compiled is None:
        compiled = _COMPILED[source] = compile_keyword_set(source)
    return compiled


def _cover(view: TextView, scenario: ListeningScenario) -> tuple[list[str], list[KeyPointMatch]]:
    words = view.words
    covered: list[str] = []
    matches: list[KeyPointMatch] = []
    for point in scenario.key_points:
        for alternative in point.alternatives:
            window = _match_keyword_set(words, _keyword_set(alternative))
            if window is None:
                continue
            first, last = window
            if view.quoted(view.tokens[first].start, view.tokens[last - 1].end):
                continue
            start, end = view.norm.span_in_original(
                view.tokens[first].start, view.tokens[last - 1].end
            )
            covered.append(point.id)
            matches.append(KeyPointMatch(point.id, view.norm.original[start:end], start, end))
            break
    return covered, matches


# --------------------------------------------------------------------------------------
# Feelings

# Feeling words that name an emotion wherever they stand.
_STRONG_FEELINGS = word_list(
    "hurt hurting hurts angry anger furious fury livid mad upset sad sadness betrayed betrayal"
    " humiliated humiliating humiliation embarrassed embarrassing embarrassment ashamed shame"
    " heartbroken heartbreak devastated devastating crushed scared scary afraid frightened"
    " frightening terrified terrifying fear anxious anxiety worried lonely loneliness"
    " abandoned rejected disrespected violated invaded disappointed disappointment jealous"
    " insecure resentful miserable gutted shocked hopeless helpless powerless overwhelmed"
    " unsafe unloved unwanted pain painful grief exhausted confused hurtful mortified"
    " deceived distraught panicked panicking frustrated frustration disgusted furious"
)
# Words that are feelings only after "feel", "felt", "you're" and the like: "you felt
# small" names a feeling, "it's one small sentence" does not.
_WEAK_FEELINGS = word_list(
    "alone small stupid foolish fool idiot invisible tired worthless unimportant used sick bad"
    " terrible awful horrible lost empty numb broken naive useless raw vulnerable exposed"
    " unsupported ignored forgotten drained weary ridiculous insignificant trapped"
    " left_out shut_out let_down lied_to taken_for_granted on_your_own by_yourself"
    " out_of_the_loop like_a_fool like_an_idiot like_a_stranger"
)
# States that name a feeling when denied: "you didn't feel safe", "you don't feel heard".
_NEGATED_STATES = word_set(
    "safe heard seen respected loved important supported valued wanted trusted secure"
)
# Participles that take the partner as object: "I hurt you", "it humiliated you".
_VERB_FEELINGS = word_set(
    """
    hurt humiliated embarrassed scared frightened betrayed upset crushed disappointed
    exposed abandoned deceived terrified worried shocked devastated angered
    """
)
_YOU_SUBJECT = word_set("you you're you've you'd you'll yourself ya")
_I_SUBJECT = word_set("i i'm i've i'd i'll me myself")
_EXPERIENCE = word_set("it it's that that's this what we we're we've us")
_OTHERS = word_set("he she they him her them he's she's they're his their")
# A possessive further back makes its noun the subject: "your brother was worried".
_POSSESSIVES = word_set("your my our")
# "You were on your own" is a circumstance and "you're stupid" an insult; only a feeling
# verb makes these words name a feeling ("you felt on your own", "you must feel stupid").
_FEEL_CONTEXT = word_set("feel feels felt feeling seem seemed seems sounded sound must")
_HOLDER_REACH = 6
_FEELING_NEGATION_REACH = 3
_NEGATORS_SIMPLE = word_set(
    """
    not never don't didn't won't can't cannot couldn't wouldn't shouldn't isn't wasn't
    aren't weren't doesn't haven't hasn't hadn't
    """
)


@dataclass(frozen=True)
class _FeelingHit:
    start_token: int
    end_token: int
    option_source: str


def _is_strong(synonym: str) -> bool:
    option = _parse_option(synonym)
    if len(option) != 1:
        return False
    text, prefix = option[0]
    if prefix:
        return any(word.startswith(text) for word in _STRONG_FEELINGS)
    return text in _STRONG_FEELINGS


def _feeling_options(scenario: ListeningScenario | None) -> list[tuple[str, _Option, bool]]:
    """(source, option, strong) for every feeling word to look for."""
    sources = [*_STRONG_FEELINGS, *_WEAK_FEELINGS]
    if scenario is not None:
        sources += [synonym for feeling in scenario.feelings for synonym in feeling.synonyms]
    options: list[tuple[str, _Option, bool]] = []
    seen: set[str] = set()
    for source in sources:
        if source not in seen:
            seen.add(source)
            options.append((source, _parse_option(source), _is_strong(source)))
    return options


def _holder(view: TextView, first: int, last: int) -> str:
    """Whose feeling the words first..last-1 name: "partner", "self" or "other"."""
    words = view.words
    after = words[last] if last < len(words) and not view.gap(last - 1, last) else ""
    after2 = words[last + 1] if last + 1 < len(words) and not view.gap(last, last + 1) else ""
    feeling = " ".join(words[first:last])
    if any(word in _YOU_SUBJECT for word in words[first:last]):
        return "partner"  # "let you down", "on your own": the phrase names its holder
    if after in ("me", "myself") or (after in ("for", "to") and after2 in ("me", "myself")):
        return "self"  # "you scared me", "it was humiliating for me"
    if feeling in _VERB_FEELINGS and after in ("you", "your", "yourself"):
        return "partner"  # "I hurt you", "it humiliated you"
    previous = words[first - 1] if first > 0 and not view.gap(first - 1, first) else ""
    if previous == "your":
        return "partner"  # "your anger"
    if previous == "my":
        return "self"  # "my shame"
    if previous in ("how", "so", "much") and after in _YOU_SUBJECT:
        return "partner"  # "how hurt you were", "how alone you felt"
    before = view.clause_before(view.tokens[first].start, _HOLDER_REACH)
    for word in reversed(before):
        if word in _YOU_SUBJECT:
            return "partner"
        if word in _I_SUBJECT:
            return "self"
        if word in _EXPERIENCE:
            return "partner"  # "that must have been humiliating": the partner's experience
        if word in _OTHERS or word in _POSSESSIVES:
            return "other"  # "he was worried", "your brother was worried"
    return "partner"  # a reflection's unattributed feeling is the partner's


def _has_feel_context(view: TextView, first: int, last: int) -> bool:
    before = view.clause_before(view.tokens[first].start, 4)
    if any(word in _FEEL_CONTEXT for word in before):
        return True
    words = view.words
    after = words[last : last + 2]
    return len(after) == 2 and after[0] in _YOU_SUBJECT and after[1] in ("felt", "feel", "were")


def _feeling_negated(view: TextView, first: int) -> str | None:
    """The negator that denies the feeling at `first`, if any."""
    before = view.clause_before(view.tokens[first].start, _FEELING_NEGATION_REACH + 2)
    tail = before[-_FEELING_NEGATION_REACH:] if before else []
    offset = len(before) - len(tail)
    for i, word in enumerate(tail):
        if word in _NEGATORS_SIMPLE:
            following = before[offset + i + 1] if offset + i + 1 < len(before) else ""
            if following not in _NEGATION_RELEASE:
                return word
    return None


def _find_feelings(
    view: TextView, scenario: ListeningScenario | None
) -> tuple[list[tuple[int, int]], list[tuple[str, int, int]]]:
    """Spans (normalised offsets) where the partner's feeling is named, and each option
    source that matched with its span (to tell which scenario feelings were named, and in
    which words)."""
    words = view.words
    options = _feeling_options(scenario)
    by_first: dict[str, list[tuple[str, _Option, bool]]] = {}
    prefixed: list[tuple[str, _Option, bool]] = []
    for entry in options:
        text, prefix = entry[1][0]
        if prefix:
            prefixed.append(entry)
        else:
            by_first.setdefault(text, []).append(entry)
    spans: list[tuple[int, int]] = []
    sources: list[tuple[str, int, int]] = []
    for index, word in enumerate(words):
        base = word[:-2] if word.endswith("'s") else word
        candidates = by_first.get(word, []) + by_first.get(base, [])
        candidates += [e for e in prefixed if word.startswith(e[1][0][0])]
        for source, option, strong in candidates:
            end = _option_end(words, index, option)
            if end is None:
                continue
            start_char, end_char = view.tokens[index].start, view.tokens[end - 1].end
            if view.quoted(start_char, end_char):
                continue
            if _holder(view, index, end) != "partner":
                continue
            if _feeling_negated(view, index) is not None:
                continue
            if not strong and not _has_feel_context(view, index, end):
                continue
            spans.append((start_char, end_char))
            sources.append((source, start_char, end_char))
        if word in _NEGATED_STATES and _feeling_negated(view, index) is not None:
            # "you didn't feel safe": the denial is the feeling.
            before = view.clause_before(view.tokens[index].start, 4)
            if (
                any(w in ("feel", "felt", "feeling") for w in before)
                and _holder(view, index, index + 1) == "partner"
            ):
                spans.append((view.tokens[index].start, view.tokens[index].end))
    return spans, sources


def _synonym_covers(synonym: str, source: str) -> bool:
    if synonym == source:
        return True
    return synonym.endswith("*") and "_" not in source and source.startswith(synonym[:-1])


def _feelings_named(scenario: ListeningScenario, sources: set[str]) -> tuple[str, ...]:
    return tuple(
        feeling.name
        for feeling in scenario.feelings
        if any(_synonym_covers(s, source) for s in feeling.synonyms for source in sources)
    )


def _feeling_words(
    scenario: ListeningScenario, norm: Normalized, sourced: list[tuple[str, int, int]]
) -> tuple[str, ...]:
    """The user's words, as they wrote them, for each scenario feeling they named."""
    words: list[str] = []
    for source, start, end in sorted(sourced, key=lambda item: item[1]):
        if not _feelings_named(scenario, {source}):
            continue
        first, last = norm.span_in_original(start, end)
        word = " ".join(norm.original[first:last].split())
        if word and word.lower() not in (w.lower() for w in words):
            words.append(word)
    return tuple(words)


# --------------------------------------------------------------------------------------
# Phrase rules

_CLAUSE_START = _w(
    r"(?<![\w'])(?!(?:okay|ok|um|uh|well|now|right|alright|also|honestly|oh|yeah|hey|please|then"
    r"|sorry|first|last|finally|and|so|but)$)[\w']+$"
)
_OWNERSHIP_AFTER_BUT = (
    r"(?:hear|understand|get it|get that|see|know how|know that you|know you|want to"
    r" (?:understand|hear|listen|know more)|am listening|'m listening|'m sorry|am sorry"
    r"|'m here|am here|love you|care|lied|hurt you|was wrong|should have|shouldn't have"
    r"|messed up|broke|let you down|did it|did that|hid|kept|betrayed|chose|take|own|accept"
    r"|can see|can hear|can't imagine|don't blame)\b"
)

_RULES: tuple[Rule, ...] = (
    # --- validation ------------------------------------------------------------------------
    Rule(
        "validation",
        rx(
            # The subject belongs in the quote: "that makes sense", not "makes sense".
            r"(?:(?:that|it|this|which|everything|all of that|all that) )?(?:makes|made|make)"
            r" (?:total |complete |perfect |a lot of |so much )?sense",
            r"of course (?:you're|you'd|you (?:are|were|feel|felt|would|do|did|can't|couldn't|have"
            r"|had|will))",
            r"(?:you have|you've got|you've|you had|you have got) (?:every|a|good|all the|every"
            r" single)"
            r" (?:right|reason)",
            r"<YOURE> (?:completely |totally |absolutely )?(?:right|entitled|allowed) to",
            r"(?:anyone|anybody|everyone|everybody|any person) (?:would|'d) (?:<A1>)(?:be|feel|have"
            r"|react)",
            r"who wouldn't (?:be|feel)",
            r"(?:i'd|i would|i'd have|i would have|i would've) (?:<A1>)(?:feel|be|felt|been)"
            r" (?:<W2>)"
            r"(?:the same|that way|angry|hurt|furious|upset|scared|devastated)",
            r"i (?:<A1>)(?:can |could )?(?:<A1>)(?:understand|get|see) why",
            r"i (?:<A1>)(?:understand|get) how (?:<W2>)you (?:feel|felt)",
            r"no wonder",
            r"(?:<ITS>|your (?:feelings|anger|reaction|reactions|hurt) (?:is|are)) (?:completely "
            r"|totally |so |really |very |perfectly |entirely )?(?:understandable|valid|fair"
            r"|reasonable|justified|legitimate|natural)",
            r"(?:it's|it is) (?:okay|ok|alright|fine|normal) (?:that you|to (?:be|feel))",
            r"i (?:don't|do not|can't|cannot|couldn't) blame you",
            r"<YOURE> not (?:wrong|crazy|overreacting|being (?:dramatic|unreasonable|silly))",
            r"<YOURE> (?:so |completely |totally |absolutely )?right",
            r"you (?:deserve|deserved) (?:better|the truth|to (?:know|hear|be told))",
            r"you (?:shouldn't|should not) have (?:had to|needed to)",
        ),
        blocked_before=_w(r"(?:\bdoes|\bdid|\bdo|\bif)(?: that| this| it| what i said)?$"),
        blocked_after=_w(r"^(?:to me|for me|of me to|that i)\b"),
    ),
    # --- defensiveness ----------------------------------------------------------------------
    Rule(
        "defensiveness",
        rx(
            rf"but i (?!{_OWNERSHIP_AFTER_BUT})<W>",
            r"but you (?!(?:said|told me|felt|feel|were right|are right|'re right|deserved|deserve"
            r"|had every|have every|needed|need|wanted|want|didn't deserve|shouldn't have had"
            r"|heard|found out|were hurt|are hurt|were alone)\b)<W>",
        ),
        negatable=False,
    ),
    Rule(
        "defensiveness",
        rx(
            r"in my defen[cs]e",
            r"to be fair",
            r"(?:i|we) only did (?:it|that|this) (?:because|to|for)",
            r"i did (?:it|that|this) (?:because|to protect|to spare|for us|for you|for the family)",
            r"i was (?:just |only )?trying to (?:protect|help|spare|keep|save|avoid|not hurt)",
            r"i was (?:going|about|planning) to tell you",
            r"i (?:didn't|did not|never) mean(?:t)? (?:to|it|for|any)",
            r"i had (?:my|no|good|a good|my own) (?:reasons?|choice)",
            r"<ITS> not (?:what|how) (?:happened|it (?:was|happened)|i (?:said|meant))",
            r"(?:that's|that is|it's|it is|that was|it was) (?:not|n't) (?:<W1>)(?:true|fair)",
            r"(?:that's|that is) (?:unfair|an exaggeration|a bit much|not the whole story)",
            r"(?:it wasn't|it was not|it's not|it is not) (?:like that|that bad|that simple|as bad"
            r" as)",
            r"(?:it's|it is|it was|it wasn't|it isn't) not (?:like|as if) i",
            r"it's not like i",
            r"<YOURE> (?:exaggerating|overreacting|twisting|blowing|being (?:unfair|dramatic"
            r"|ridiculous|paranoid|too sensitive|sensitive))",
            r"you (?:make|made|making|are making|'re making) (?:it|this|that|me) (?:sound|seem"
            r"|look)",
            r"at least i",
            r"what about (?:you|when you|your|the time you|all the times you)",
            r"you (?:do|did|have done|'ve done) (?:it|that|this|the same)(?: thing)? (?:too|as"
            r" well)",
            r"<YOURE> not (?:perfect|innocent|a saint)",
            r"you (?:lie|lied|hide|hid|do it|did it) too",
            r"(?:not|n't) (?:all |entirely |completely |totally |just )?my fault",
            r"(?:i was|i'd been|i had been) (?:so |just |really |very )?(?:stressed|tired|drunk"
            r"|scared|afraid|overwhelmed|under (?:a lot of )?pressure|ashamed|embarrassed"
            r"|panicking)",
            r"(?:because|cause|cuz) i (?:was|felt) (?:<W1>)(?:scared|afraid|ashamed|embarrassed"
            r"|stressed|worried|tired|drunk)",
            r"i (?:couldn't|could not) (?:help it|tell you|face)",
            r"(?:couldn't|could not|can't|cannot) (?:bring myself to|face) (?:telling|tell|say)",
            r"i (?:couldn't|could not|can't) (?:<A1>)(?:leave|get away|say no|stop|help myself)",
            r"but (?:my|the) (?:boss|work|job|meeting|team|friend|friends|mom|dad|family|phone"
            r"|battery|traffic)",
            r"i wish you (?:<A1>)(?:didn't|hadn't|wouldn't|weren't|had|would|could|did)",
            r"i (?:wasn't|was not|didn't|did not|never|haven't|have not) (?:<A1>)(?:lying|lie|lied"
            r"|cheating|cheated|hiding|hid|snooping|snooped|spying|drinking|drank|gambling)",
            r"(?:not just|not only) me",
            r"i (?:wasn't|was not|'m not|am not) the only one",
            r"(?:everyone|everybody) (?:else )?(?:was|did|does|laughed|drinks) (?:<W1>)(?:it"
            r"|laughing"
            r"|too|the same|that)",
            r"(?:it was|it's|that was) (?:<A1>)(?:a|just a|only a) (?:joke|bit of fun|laugh)",
            r"but (?:<A1>)(?:it|that) (?:was|wasn't|is|isn't|'s) (?:<A1>)(?:over|nothing|not|only"
            r"|just|a mistake|a joke|one|different|complicated|never)",
            r"you (?:<A1>)(?:lie|lied|hide|hid|spend|spent|cheat|cheated|flirt|flirted|keep|kept"
            r"|lose"
            r"|lost|forget|forgot|drink|drank|yell|yelled|do it|did it) (?:<W3>)(?:too|as well"
            r"|either)(?! (?:much|many|often|hard|far|late|long|soon)\b)",
            # "I read it because you ...": an act of mine explained by you. Not "I know you're
            # upset because you trusted me", which reflects their reason.
            r"i (?:<A1>)(?:only |just )?(?:did|read|told|went|lied|hid|kept|said|spent|drank|looked"
            r"|checked|snooped|laughed|joked|forgot|missed|left) (?:<W2>)because you",
            r"i (?:<A1>)(?:only|just) (?:<W2>)because",
            r"<IM> not (?:a |the )?(?:liar|bad person|monster|cheater|bad guy|only one)",
            r"i had to",
            r"you (?:always|never) (?:<W1>)(?:listen|let me|give me|understand|see my|ask me|trust"
            r" me)",
            r"(?:you're|you are) (?:one|the one) to talk",
            r"look who's talking",
            r"what (?:was|am|were) i supposed to (?:do|say)",
            r"let me (?:<W1>)explain",
            r"you (?:have to|need to|must|gotta|'ve got to|got to) understand",
            r"if you (?:hadn't|had not|had just|had only|would just|would have|weren't|were not"
            r"|didn't|did not)",
            r"you (?:know|knew) (?:i|how) (?:<W1>)(?:was|am|get|have been)",
            r"you (?:should have|should've|could have|could've) (?:<A1>)(?:asked|told|said|known"
            r"|noticed|checked|talked|come)",
            r"i (?:<A1>)thought (?:it|that|he|she|this) (?:would|was|might|could) (?:<W1>)(?:help"
            r"|fine|okay|ok|harmless|no big deal|for the best|best|be fine|be okay)",
            r"(?:it's|it is|it was|that's|that was) (?:<A1>)(?:only|just) (?:<W2>)(?:grand|dollars"
            r"|bucks|money|thousand|hundred|a joke|a comment|a little|one|a few|a couple)",
            r"(?:it wasn't|it was not|it isn't|it's not) (?:<A1>)(?:that bad|a big deal|that"
            r" serious"
            r"|that much|every day|like i)",
            r"(?:it was|it's|i|we) (?:<A1>)(?:only|just) (?:<W2>)(?:a little|a bit|once|one time|a"
            r" couple of|a few)",
            r"i (?:didn't|did not) want to (?:<A1>)(?:worry|hurt|upset|stress|burden|scare|lose)"
            r" you",
            r"why (?:didn't|did not|wouldn't|couldn't) you",
            r"did you (?:<A1>)(?:go through|look through|check|read|search|snoop) my",
        ),
    ),
    # --- fixing -----------------------------------------------------------------------------
    Rule(
        "fixing",
        rx(
            r"you (?:<A1>)(?:should|ought to|have to|need to|must|gotta|got to|'ve got to|'d better"
            r"|had better|might want to|may want to|could try|should try|could just|can just)"
            r"(?! (?:have|'ve|of|understand|be heard|feel|hear|know|say|talk|tell|vent|be told"
            r"|be able|be listened)\b) <W>",
            r"you (?:shouldn't|should not|mustn't) (?!have\b|'ve\b)<W>",
            r"why don't you",
            r"have you (?:tried|thought about|considered)",
            r"what if you (?!felt|feel|were)",
            r"if you (?:just|would just|could just) ",
            r"(?:let's|let us|we should|we need to|we could|we can|we have to|we've got to|we gotta"
            r"|we must|we'll just) (?:just |both |all |really )?(?:go|get|try|see|talk to|start"
            r"|move|put|figure|make|pay|sit"
            r"|speak|call|ask"
            r"|save|cut|book|fix|sort|work|find|focus|set|forget|plan|agree|look|leave|drop)",
            r"(?:what|how) (?:can|could|should) i (?:<W1>)(?:do|fix|make|change)",
            r"(?:should|can|could|shall) i (?:<A1>)(?:talk to|call|speak to|fix|make|tell|ask"
            r"|get)",
            r"(?:we'll|we will|we're going to|we are going to) (?:<A1>)(?:sit down|make|set up|go"
            r"|get|see|start|sort|work (?:it|this) out|figure|find|fix|pay|cut|budget|plan|book"
            r"|move on|put)",
            r"<ILL> (?:<A1>)(?:cut up|cancel|close|block|delete|stop|start|go to|book|call|get rid"
            r"|change|quit)",
            r"<ILL> (?:<W1>)(?:fix|sort|solve|handle|make it up|make it right|make up for|pay (?:it"
            r"|you) back|get (?:help|a job|another job)|find (?:a|another) job)",
            r"i (?:can|could) (?:<A1>)(?:fix|sort (?:it|this|that) out|solve|make it up|make it"
            r" right)",
            r"i (?:want|need|'d like|would like) to (?:<W1>)(?:fix|make (?:it|this|things) right"
            r"|make it up|sort (?:it|this) out|solve)",
            r"let me (?:<W1>)(?:fix|sort|make it up|make it right|solve)",
            r"the (?:solution|answer|fix|plan) is",
            r"here's what we(?:'ll| will| can| should)? (?:do|can do)",
            r"next time(?:,)? (?:you|just|try)",
            r"just (?:ignore|forget|let it go|don't think|try to|move on|get over|put it behind)",
            r"(?:don't|do not) (?:worry|think about it|dwell|let (?:it|them|him|her)|be (?:so )?"
            r"(?:upset|hard on yourself|sad|angry|scared|mad))",
            r"(?:try|try not) to (?:not )?(?:think|worry|let it|forget|focus|relax|calm)",
            r"look on the bright side",
            r"(?:it'll|it will|everything will|everything'll|things will) (?:<A1>)(?:be (?:fine"
            r"|okay|ok"
            r"|alright)|work out|get better)",
            r"you'll (?:<A1>)(?:feel better|get over|be fine|be okay|forget)",
            r"(?:move on|get over it|let it go|put (?:it|this) behind)",
            r"(?:maybe|perhaps) you (?:could|should|can|might)",
            r"it would (?:help|be better|be good) if you",
            r"calm down",
            r"(?:cheer|lighten) up",
        ),
    ),
    # --- question ---------------------------------------------------------------------------
    # Check-ins are distinctive enough to count wherever they stand, which matters for speech,
    # where no question mark marks the end of "you felt alone did i get that right".
    Rule(
        "question",
        rx(
            r"(?:did|have|do) i (?:<W1>)(?:get|got|miss|missed|hear|heard|understand|understood"
            r"|leave|left|catch|caught|capture|captured|sum) (?:<W2>)(?:right|correctly|anything"
            r"|everything|something|all|it|that|up)",
            r"am i (?:<W1>)(?:right|close|missing|getting|hearing|understanding)",
            r"(?:is|was) (?:that|this|it) (?:<W1>)(?:right|correct|true|fair|accurate|what you"
            r" (?:meant|mean|said|were saying)|how you (?:feel|felt))",
            r"(?:is|was) there (?:<W1>)(?:anything|something|more)",
            r"(?:do|would|did) you (?:<W1>)(?:want|like|need) (?:me )?to (?:say|tell|talk|add|go"
            r"|share|keep)",
            r"(?:can|could|would|will) you (?:<W1>)(?:tell|say|help|explain|share) (?:me|more)",
            r"how (?:are|were) you (?:doing|feeling|holding)",
            r"how (?:do|did) you feel",
            r"what (?:do|did|would|could|can) you (?:<W1>)(?:need|want)",
            r"what (?:would|could|might) help",
            r"anything (?:else|more) (?:you (?:want|need|'d like|would like) to (?:say|tell me|add"
            r"|share)|on your mind)",
            r"tell me more",
        ),
        negatable=False,
        blocked_before=_w(
            r"(?:asked|ask|asking|wonder|wondering|wondered|know|knowing|knew|question|questioning"
            r"|sure|whether|if)(?: me)?$"
        ),
    ),
    # Any other question needs its words inverted at the start of a clause: "what did I
    # miss", "are you okay". Mid-clause, "what I heard is you felt alone" is a statement.
    Rule(
        "question",
        rx(
            r"(?:what|how|why|when|where|who|which)(?: else| much| many| long| exactly| often)?"
            r" (?:do|did|does|are|is|was|were|can|could|would|should|will|have|has|am) (?:i|you"
            r"|we|that|this|it|there|they|he|she)",
            r"(?:do|did|does|are|were|can|could|would|will|should|have|has|am|is) (?:you|i|we"
            r"|there|that|it) (?:<W1>)(?:want|need|feel|think|mean|have|like|agree|see|wish|still"
            r"|ever|okay|ok|alright|sure|saying|asking|remember|know|understand|get|go|miss)",
        ),
        negatable=False,
        blocked_before=_CLAUSE_START,
    ),
)


def _question_marks(view: TextView) -> list[tuple[str, int, int]]:
    """Typed questions: each unquoted "?" with the words of its sentence."""
    spans = []
    for match in re.finditer(r"\?+", view.text):
        if view.quoted(match.start(), match.end()):
            continue
        sentence_start, _ = view.sentence_bounds(max(0, match.start() - 1))
        start = sentence_start
        while start < match.start() and not view.text[start].isalnum():
            start += 1
        if start < match.start() and not view.quoted(start, match.start()):
            spans.append(("question", start, match.end()))
    return spans


# --------------------------------------------------------------------------------------
# Entry point


def analyze_listening(
    scenario: str | ListeningScenario,
    text: str,
    learned: LearnedLabels | None = None,
    *,
    use_learned: bool = True,
) -> ListeningAnalysis:
    """Analyse a reflection of `scenario` (an id or the scenario itself).

    With learned labels (``learned``, else those set by `use_listening_learned`) a label
    the rules missed is added where the model reads it in a clause, quoting that clause
    (listening_learned.py). ``use_learned=False``: rules only."""
    chosen = get_listening_scenario(scenario) if isinstance(scenario, str) else scenario
    norm = normalize(text)
    view = TextView(norm)

    covered, matches = _cover(view, chosen)
    feeling_spans, feeling_sources = _find_feelings(view, chosen)

    findings = find_cues(view, _RULES, ADVICE.__getitem__)
    extra = dedupe([("feeling_named", a, b) for a, b in feeling_spans] + _question_marks(view))
    findings.extend(to_findings(norm, extra, ADVICE.__getitem__))
    findings = _drop_overlapping_questions(findings)
    reader = (learned or listening_learned_in_use()) if use_learned else None
    if reader is not None and text.strip():
        findings = combine_reflection_findings(findings, reader.read(text), ADVICE.__getitem__)
    findings.sort(key=lambda f: (f.start, LABELS.index(f.label)))

    present = {finding.label for finding in findings}
    named = _feelings_named(chosen, {source for source, _, _ in feeling_sources})
    total = len(chosen.key_points)
    return ListeningAnalysis(
        scenario_id=chosen.id,
        text=text,
        covered=tuple(covered),
        missed=tuple(point.id for point in chosen.key_points if point.id not in covered),
        coverage=round(len(covered) / total, 2) if total else 0.0,
        labels=tuple(label for label in LABELS if label in present),
        findings=tuple(findings),
        matches=tuple(matches),
        feelings_named=named,
        feelings_missed=tuple(f.name for f in chosen.feelings if f.name not in named),
        feeling_words=_feeling_words(chosen, norm, feeling_sources),
    )


def _drop_overlapping_questions(findings: list[Finding]) -> list[Finding]:
    """One question finding per stretch of text: a typed "?" sentence holding a phrase
    match is reported once, as the longer span."""
    questions = sorted(
        (f for f in findings if f.label == "question"), key=lambda f: (f.start, -(f.end - f.start))
    )
    kept: list[Finding] = []
    for finding in questions:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return [f for f in findings if f.label != "question"] + kept
