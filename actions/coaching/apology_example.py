"""The stronger example: the user's own apology, said again with what it was missing.

What the user said well is kept in their own words (a clause around each finding); what
was missing is added in a plain default sentence, and what undid the apology is left out.
"""

from __future__ import annotations

import bisect
import re

from actions.coaching.apology import (
    ACT_PAST_TENSE,
    ANTI_PATTERNS,
    ApologyAnalysis,
    Finding,
)
from actions.coaching.normalize import Normalized, normalize
from actions.coaching.spoken import capitalise

__all__ = ["stronger_example"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read than a list)."""
    return frozenset(words.split())


_DEFAULTS = {
    "regret": "I'm sorry for what I did.",
    "responsibility": "That was my choice, and it's on me.",
    "harm_acknowledged": "I know it hurt you, and it made it harder to trust me.",
    "repair_offer": "I want to make this right, so I'll answer any question you have, as many "
    "times as you need.",
    "repentance": "From now on, I'll be honest with you, even when it's hard.",
}
_CLOSING = "Take all the time you need."

_SOFTENERS = re.compile(
    r"\b(?:i guess|i suppose|kind of|sort of|kinda|sorta|maybe|probably|basically|literally"
    r"|honestly|um+|uh+|you know|i mean)\b,? ?"
)
_CLAUSE_SUBJECTS = _wordset(
    """
    i i'm i've i'll i'd it it's that that's this you you're what there's there
    """
)
_NEW_CLAUSE_AFTER = _wordset("and but so because then or though although")
_NEW_CLAUSE_STARTS = _wordset("i i'm i've i'll i'd it's that's you're")
_LEAD_IN_WORDS = _wordset("from now on going forward starting today tonight tomorrow here this day")
"""Words of a time lead-in ("from now on") that the clause's subject may follow."""
_JOINING_WORDS = _wordset("if when whenever where that what how until before after while")
"""After these a new subject continues the clause ("I'll text you if I'm late")."""
_CLAUSE_MAX_WORDS = 14
_SUBJECT_LOOKBACK = 6
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_DETERMINER_TO_THE = re.compile(
    r"^(?:just one|only one|just|only|one|1|a|an|that|this|those|all the|all that|some) "
)
_REPAIR_VERBS = _wordset("make pay answer give put set repay tell")
_HARM_VERBS = _wordset("hurt made left broke destroyed damaged caused humiliated embarrassed")


class _Words:
    """The normalised text as words, with helpers to cut clauses out of it."""

    def __init__(self, norm: Normalized) -> None:
        self.norm = norm
        self.text = norm.text
        self.tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm.text)]
        self.starts = [t[0] for t in self.tokens]

    def index_at(self, position: int) -> int:
        return bisect.bisect_left(self.starts, position)

    def clause(self, start: int, end: int, *, look_back: bool) -> tuple[int, int]:
        """Widen [start, end) of the normalised text to the clause around it."""
        first = self.index_at(start)
        opens_with_conjunction = (
            first < len(self.tokens) and self.tokens[first][2] in _NEW_CLAUSE_AFTER
        )
        if look_back and not opens_with_conjunction:
            # Go back to the subject that opens the clause ("it was my fault" around "my fault").
            for back in range(first, max(-1, first - _SUBJECT_LOOKBACK - 1), -1):
                if back < 0 or back >= len(self.tokens):
                    continue
                if back < first and (
                    self._break_between(back, back + 1) or self.tokens[back][2] in _NEW_CLAUSE_AFTER
                ):
                    break
                if self.tokens[back][2] in _CLAUSE_SUBJECTS:
                    first = back
                    break
        index = self.index_at(end)
        last_end = end
        while index < len(self.tokens) and index - first < _CLAUSE_MAX_WORDS:
            if self._break_between(index - 1, index):
                break
            word = self.tokens[index][2]
            following = self.tokens[index + 1][2] if index + 1 < len(self.tokens) else ""
            if word in _NEW_CLAUSE_AFTER and following in _CLAUSE_SUBJECTS:
                break
            lead_in = all(t[2] in _LEAD_IN_WORDS for t in self.tokens[first:index])
            previous = self.tokens[index - 1][2] if index > 0 else ""
            joined = lead_in or previous in _JOINING_WORDS
            if word in _NEW_CLAUSE_STARTS and index > first and not joined:
                break
            last_end = self.tokens[index][1]
            index += 1
        start_pos = self.tokens[first][0] if first < len(self.tokens) else start
        return min(start_pos, start), last_end

    def _break_between(self, left: int, right: int) -> bool:
        if left < 0 or right >= len(self.tokens):
            return True
        gap = self.text[self.tokens[left][1] : self.tokens[right][0]]
        return bool(re.search(r"[.!?;:,\"]", gap))

    def own_words(self, start: int, end: int) -> str:
        """The user's words for text[start:end]: their casing where it survives, else ours."""
        pieces: list[str] = []
        cursor = start
        for token_start, token_end, word in self.tokens[self.index_at(start) :]:
            if token_start >= end:
                break
            pieces.append(self.text[cursor:token_start])
            orig_start, orig_end = self.norm.span_in_original(token_start, token_end)
            original = self.norm.original[orig_start:orig_end]
            pieces.append(original if original.lower() == word else word)
            cursor = token_end
        return "".join(pieces).strip()


# "that" opening a clause about people is a leftover complementiser ("sorry that I hurt you").
_LEADING_THAT = re.compile(r"^that (?=(?:i|i'm|i've|you|you're|we|my|your)\b)", re.IGNORECASE)
_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|so|then|because|also)\b[ ,]*", re.IGNORECASE)


def _tidy(clause: str) -> str:
    """One clean sentence: no softeners, "I" capitalised, first letter up, a full stop."""
    clause = _SOFTENERS.sub("", clause)
    clause = _LEADING_CONJUNCTION.sub("", clause.strip())
    clause = _LEADING_THAT.sub("", clause)
    clause = re.sub(r"\bi\b(?=$|[\s'])", "I", clause)
    clause = " ".join(clause.replace('"', "").split()).strip(" ,;:-")
    if not clause:
        return ""
    if clause[-1] not in ".!?":
        clause += "."
    return capitalise(clause)


def _act_sentence(words: _Words, finding_span: tuple[int, int]) -> str | None:
    phrase = _tidy(words.own_words(*finding_span)).rstrip(".")
    if not phrase:
        return None
    lowered = phrase.lower()
    first = lowered.partition(" ")[0]
    original_rest = phrase.partition(" ")[2]
    if first in ("i", "i've", "i'd", "i'm"):
        return f"I'm sorry {phrase}."
    if first == "and":
        return _act_sentence_from_verb(original_rest)
    if (
        first.endswith("ing")
        or first in ("how", "the", "my", "our")
        or _DETERMINER_TO_THE.match(lowered + " ")
    ):
        noun = _DETERMINER_TO_THE.sub("the ", phrase[:1].lower() + phrase[1:])
        return f"I'm sorry for {noun}."
    return _act_sentence_from_verb(phrase[:1].lower() + phrase[1:])


def _act_sentence_from_verb(phrase: str) -> str | None:
    verb, _, rest = phrase.partition(" ")
    past = ACT_PAST_TENSE.get(verb.lower())
    if past is None and verb.lower().endswith("ed"):
        past = verb.lower()
    if past is None:
        return None
    return f"I'm sorry I {past} {rest}".rstrip() + "."


def _clause_sentence(words: _Words, span: tuple[int, int]) -> str:
    return _tidy(words.own_words(*span))


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def stronger_example(text: str, analysis: ApologyAnalysis) -> str:
    """A stronger version of `text`, reusing the user's own words where they were good.

    Keeps what they named (the act, the harm, the repair, the change), drops every phrase that
    triggered an anti-pattern, and fills each missing part with a plain first-person sentence.
    It never asks for forgiveness.
    """
    norm = normalize(text)
    words = _Words(norm)

    def norm_span(finding: Finding) -> tuple[int, int]:
        return norm.span_in_text(finding.start, finding.end)

    avoid = [norm_span(f) for f in analysis.findings if f.label in ANTI_PATTERNS]
    used: list[tuple[int, int]] = []
    sentences: list[str] = []

    def reuse(label: str, look_back: bool) -> list[tuple[str, tuple[int, int]]]:
        found = []
        for finding in analysis.findings_for(label):
            span = words.clause(*norm_span(finding), look_back=look_back)
            if _overlaps(span, avoid) or _overlaps(span, used):
                continue
            found.append((finding.label, span))
        return found

    # Regret and the act together: "I'm sorry I lied to you about the money."
    for finding in analysis.findings_for("specific_act")[:2]:
        span = norm_span(finding)
        if _overlaps(span, avoid) or _overlaps(span, used):
            continue
        sentence = _act_sentence(words, span)
        if sentence:
            sentences.append(sentence)
            used.append(span)
    if not sentences:
        sentences.append(_DEFAULTS["regret"])

    templates = (
        ("responsibility", True),
        ("harm_acknowledged", True),
        ("repair_offer", True),
        ("repentance", True),
    )
    for label, look_back in templates:
        added = False
        for _, span in reuse(label, look_back):
            sentence = _frame(label, _clause_sentence(words, span))
            if sentence and _stands_alone(sentence) and sentence not in sentences:
                sentences.append(sentence)
                used.append(span)
                added = True
                break
        if not added:
            sentences.append(_DEFAULTS[label])
    sentences.append(_CLOSING)
    return " ".join(sentences)


_ALREADY_FRAMED = re.compile(r"^I (?:know|can see|see|understand|get|realise|realize)\b")
_SUBORDINATORS = _wordset("whenever when if as because since until while so and but or though")
_PERSONAL_WORDS = _wordset("i i'm i'll i've i'd me my you you're your it it's that that's this we")
_IMPERATIVES = _wordset("take ask tell call text")
_MIN_CLAUSE_WORDS = 3


def _stands_alone(sentence: str) -> bool:
    """True when a reused clause reads as a sentence ("Whenever you want." does not)."""
    words = [w.strip(".,;:!?").lower() for w in sentence.split()]
    if len(words) < _MIN_CLAUSE_WORDS or words[0] in _SUBORDINATORS:
        return False
    if words[-1] in _SUBORDINATORS or "but" in words:
        return False  # a dangling "if", or a "but" that could undo the sentence
    return words[0] in _IMPERATIVES or any(w in _PERSONAL_WORDS for w in words)


def _frame(label: str, sentence: str) -> str:
    """Give a reused clause the framing its part needs to stand alone."""
    if not sentence:
        return ""
    first = sentence.split(" ", 1)[0].lower().strip(".,")
    body = sentence[:1].lower() + sentence[1:]
    if label == "harm_acknowledged":
        if _ALREADY_FRAMED.match(sentence):
            return sentence
        if first in ("i", "your") or first.startswith("you") or first in _HARM_VERBS:
            prefix = "I know I " if first in _HARM_VERBS else "I know "
            return prefix + (body if first != "i" else "I" + sentence[1:])
        if first in ("every", "a", "allowed", "entitled", "good"):
            return "You have " + body
        if first in ("how", "the"):
            return "I know " + body
        return sentence
    if label == "repair_offer" and first in _REPAIR_VERBS:
        return "I'll " + body
    if label == "repair_offer" and first == "to":
        return "I want " + body
    return sentence
