"""The shapes of role-play scenarios: what the hurt partner says, and what to listen for.

Two exercises use them. In listening practice the partner speaks a monologue in segments,
with designed pauses between them, and the user reflects back what they heard; the key
points and feelings are what a good reflection covers. In repeated-questions practice the
partner asks two or three hard questions and keeps circling back to them.

Key points and feelings are matched with *keyword sets*, a tiny language that stays readable
in the scenario files and needs no model:

* An alternative is a line of terms separated by spaces. It matches when every term is found
  within `MATCH_WINDOW` words of the others, in any order ("sister told" matches "your sister
  was the one who told me").
* A term lists options separated by "|": "told|said|mentioned".
* An option is one word, or words joined by "_" that must follow each other ("found_out",
  "let_go"). An option ending in "*" matches any word that starts with it ("humiliat*"
  matches "humiliated" and "humiliating").
* Numbers are listed both ways ("two|2"): recognisers write words, typists write digits.
* A possessive "'s" is ignored when matching ("mom" matches "mom's" and "moms" needs "mom*").
* A match preceded or interrupted by a negation ("you didn't lose your job") does not count,
  unless the alternative itself lists a negation ("not|wasn't normal day"), because then the
  negation is part of what the partner said.

Reflections are written from the listener's side, so alternatives use "you" for the partner
where a pronoun is needed at all; most alternatives avoid pronouns so that "she found out
from my sister" matches as well as "you found out from my sister".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MATCH_WINDOW",
    "SPEAKING_RATE_WPM",
    "Ask",
    "Feeling",
    "HardQuestion",
    "KeyPoint",
    "ListeningScenario",
    "QuestionsScenario",
    "Segment",
    "SegmentTiming",
    "count_words",
]

SPEAKING_RATE_WPM = 150
"""Words per minute used to estimate spoken length.

Conversational English runs at roughly 120-180 words per minute; 150 is the usual figure for
unhurried speech and what the issue's 40-120 second budget assumes.
"""

MATCH_WINDOW = 12
"""All terms of a keyword set must fall within this many words of each other.

About one spoken sentence: wide enough for "you heard it from priya at the store, not from
me", narrow enough that words from two unrelated sentences do not add up to a match.
"""

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a speaker says them: letters or digits, apostrophes inside words allowed."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Segment:
    """One stretch of the partner's monologue, said in one breath."""

    text: str
    """What the partner says, as written for text-to-speech (plain punctuation)."""

    pause_s: float
    """Designed silence after this segment, in seconds.

    Pauses of three seconds or more are where a listener is tempted to jump in; the last
    segment's pause is 0, because the finishing cue hands over the floor.
    """

    @property
    def word_count(self) -> int:
        return count_words(self.text)

    def speaking_seconds(self, wpm: float = SPEAKING_RATE_WPM) -> float:
        """How long the words take to say at `wpm`."""
        return self.word_count * 60.0 / wpm


@dataclass(frozen=True)
class SegmentTiming:
    """Where one segment falls on the monologue's nominal timeline (seconds from its start)."""

    index: int
    """Position of the segment in `ListeningScenario.segments`."""

    start_s: float
    """When the partner starts saying the segment."""

    speech_end_s: float
    """When the words end and the designed pause begins."""

    end_s: float
    """When the pause ends (the next segment starts)."""


@dataclass(frozen=True)
class KeyPoint:
    """One thing the partner said that a faithful reflection gives back."""

    id: str
    """Stable slug, unique within the scenario, used in analysis output."""

    summary: str
    """The point in a few words, third person, for spoken feedback ("they heard it from
    Priya, not from you"). It follows "You caught that ..." or "You didn't mention that ..."."""

    alternatives: tuple[str, ...]
    """Keyword sets (see the module docstring); any one matching covers the point."""


@dataclass(frozen=True)
class Feeling:
    """A feeling the partner expresses, and the words a listener might name it with."""

    name: str
    """The feeling in one plain word or phrase, as feedback says it ("humiliated")."""

    synonyms: tuple[str, ...]
    """Options in the keyword-set option syntax ("humiliat*", "made_a_fool"); one term each."""


@dataclass(frozen=True)
class ListeningScenario:
    """A partner's monologue for listening practice."""

    id: str
    """Stable slug ("lost-job-lie"), what `--scenario ID` takes."""

    title: str
    """A short title a user can pick from a list."""

    premise: str
    """One or two sentences, second person, that set the scene for the user before the
    partner speaks ("You lost your job three weeks ago and kept it from your partner.")."""

    segments: tuple[Segment, ...]
    """The monologue, in order."""

    finishing_cue: str
    """The words that hand the floor back; the last segment ends with them. Speaking or
    typing before they are said counts as an interruption."""

    key_points: tuple[KeyPoint, ...]
    """What the partner said that a reflection should give back, in the order said."""

    feelings: tuple[Feeling, ...]
    """The feelings the partner expresses, in the order expressed."""

    @property
    def text(self) -> str:
        """The whole monologue as one string."""
        return " ".join(segment.text for segment in self.segments)

    @property
    def word_count(self) -> int:
        return sum(segment.word_count for segment in self.segments)

    @property
    def pause_seconds(self) -> float:
        return sum(segment.pause_s for segment in self.segments)

    def total_seconds(self, wpm: float = SPEAKING_RATE_WPM) -> float:
        """Nominal spoken length: the words at `wpm` plus every designed pause."""
        return self.word_count * 60.0 / wpm + self.pause_seconds

    def timeline(self, wpm: float = SPEAKING_RATE_WPM) -> tuple[SegmentTiming, ...]:
        """Nominal start, end of speech and end of pause of every segment.

        Real synthesis runs faster or slower than `wpm`; a caller with measured segment
        timings should use those instead.
        """
        timings = []
        clock = 0.0
        for index, segment in enumerate(self.segments):
            speech_end = clock + segment.speaking_seconds(wpm)
            end = speech_end + segment.pause_s
            timings.append(SegmentTiming(index, clock, speech_end, end))
            clock = end
        return tuple(timings)

    def key_point(self, point_id: str) -> KeyPoint:
        for point in self.key_points:
            if point.id == point_id:
                return point
        raise KeyError(f"scenario {self.id!r} has no key point {point_id!r}")


@dataclass(frozen=True)
class HardQuestion:
    """One of the questions a hurt partner keeps coming back to."""

    id: str
    """Stable slug, unique within the scenario ("how-long")."""

    text: str
    """The question in its plainest wording, as feedback refers to it."""

    topic: str
    """What the question is about, to finish "your answers about ..." ("when it started")."""

    patient_example: str
    """What a patient, honest answer could sound like the third time it is asked."""


@dataclass(frozen=True)
class Ask:
    """One time the partner asks, in the order of the session."""

    question_id: str
    """Which `HardQuestion` this is a wording of."""

    wording: str
    """What the partner says this time."""

    intensity: int
    """How raw the partner is when asking: 1 steady, 2 upset, 3 close to tears or shouting.

    Voice output can map it to rate and pitch; text mode can ignore it.
    """


@dataclass(frozen=True)
class QuestionsScenario:
    """A hurt partner's hard questions, and the order they come back in."""

    id: str
    """Stable slug ("after-the-affair")."""

    title: str
    """A short title a user can pick from a list."""

    premise: str
    """One or two sentences, second person, that set the scene for the user."""

    questions: tuple[HardQuestion, ...]
    """Two or three questions."""

    schedule: tuple[Ask, ...]
    """Every ask of the session, in order; each question comes back at least three times."""

    closing: str
    """What the partner says after the last answer, to end the role-play."""

    def question(self, question_id: str) -> HardQuestion:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"scenario {self.id!r} has no question {question_id!r}")

    def asks_of(self, question_id: str) -> tuple[Ask, ...]:
        return tuple(ask for ask in self.schedule if ask.question_id == question_id)
