"""The feeling finder of the listening analysis: feelings named, and whose they are.

`feeling_named` counts the partner's feeling ("you felt humiliated", "that must have been so
lonely"), not the speaker's own ("I feel awful"), and not a negated one; the scenario's
feelings and their synonyms say which of them the reflection gave back.
"""

from __future__ import annotations

from dataclasses import dataclass

from actions.coaching.cues import TextView, word_list, word_set
from actions.coaching.listening_keywords import NEGATION_RELEASE, Option, option_end, parse_option
from actions.coaching.normalize import Normalized
from actions.coaching.scenarios import ListeningScenario

__all__ = ["feeling_words", "feelings_named", "find_feelings"]


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
    option = parse_option(synonym)
    if len(option) != 1:
        return False
    text, prefix = option[0]
    if prefix:
        return any(word.startswith(text) for word in _STRONG_FEELINGS)
    return text in _STRONG_FEELINGS


def _feeling_options(scenario: ListeningScenario | None) -> list[tuple[str, Option, bool]]:
    """(source, option, strong) for every feeling word to look for."""
    sources = [*_STRONG_FEELINGS, *_WEAK_FEELINGS]
    if scenario is not None:
        sources += [synonym for feeling in scenario.feelings for synonym in feeling.synonyms]
    options: list[tuple[str, Option, bool]] = []
    seen: set[str] = set()
    for source in sources:
        if source not in seen:
            seen.add(source)
            options.append((source, parse_option(source), _is_strong(source)))
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
            if following not in NEGATION_RELEASE:
                return word
    return None


def find_feelings(
    view: TextView, scenario: ListeningScenario | None
) -> tuple[list[tuple[int, int]], list[tuple[str, int, int]]]:
    """Spans (normalised offsets) where the partner's feeling is named, and each option
    source that matched with its span (to tell which scenario feelings were named, and in
    which words)."""
    words = view.words
    options = _feeling_options(scenario)
    by_first: dict[str, list[tuple[str, Option, bool]]] = {}
    prefixed: list[tuple[str, Option, bool]] = []
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
            end = option_end(words, index, option)
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


def feelings_named(scenario: ListeningScenario, sources: set[str]) -> tuple[str, ...]:
    return tuple(
        feeling.name
        for feeling in scenario.feelings
        if any(_synonym_covers(s, source) for s in feeling.synonyms for source in sources)
    )


def feeling_words(
    scenario: ListeningScenario, norm: Normalized, sourced: list[tuple[str, int, int]]
) -> tuple[str, ...]:
    """The user's words, as they wrote them, for each scenario feeling they named."""
    words: list[str] = []
    for source, start, end in sorted(sourced, key=lambda item: item[1]):
        if not feelings_named(scenario, {source}):
            continue
        first, last = norm.span_in_original(start, end)
        word = " ".join(norm.original[first:last].split())
        if word and word.lower() not in (w.lower() for w in words):
            words.append(word)
    return tuple(words)
