"""The shape of a guided reflection: spoken prompts, each followed by a timed silence.

A reflection is read aloud one step at a time. After each prompt comes a silence that is
really silent (the assistant never fills it); some steps invite a spoken answer, which is a
long-form turn that a thinking pause must not cut off. Every step carries tags naming the
parts of the content brief (CONTENT.md) it speaks to, so a test can show that the
reflections together cover all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ADVICE_THEMES",
    "ALL_THEMES",
    "SPEAKING_RATE_WPM",
    "GuidedReflection",
    "Step",
    "count_words",
]

SPEAKING_RATE_WPM = 150
"""Words per minute for estimating how long a prompt takes to say: unhurried speech, the same
figure the role-play scenarios use."""

ADVICE_THEMES = (
    "advice_1_sincere_apology",
    "advice_2_listen",
    "advice_3_dependable_over_time",
    "advice_4_no_excuses",
    "advice_5_responsibility_no_blame",
    "advice_6_realistic_promises",
    "advice_7_patience_and_openness",
    "advice_8_time_apart",
    "advice_9_no_dwelling_no_belittling",
)
"""The nine pieces of advice in CONTENT.md, in its order."""

ALL_THEMES = frozenset(
    {
        *ADVICE_THEMES,
        "be_yourself",
        "healing_takes_months",
        "trust_is_earned",
        "kintsugi_gold_repair",
        "wabi_sabi",
    }
)
"""Every theme of the content brief; each must be tagged on at least one step somewhere."""


def count_words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Step:
    """One spoken prompt and the silence after it."""

    id: str
    """Stable within its reflection (used for saved answers and resuming)."""

    text: str
    """What is said, in plain words."""

    silence_s: float
    """The designed silence after the prompt, in seconds, to think (or to answer)."""

    invites_answer: bool = False
    """True when the prompt asks the user to say something out loud (a long-form turn)."""

    tags: frozenset[str] = frozenset()
    """Content-brief themes this step speaks to (see ALL_THEMES)."""

    checks_answer: bool = False
    """True when the answer is words meant for the partner or about one's own part (what you
    did, the apology, what you can offer): it is read for the apology anti-patterns, so the
    acknowledgement never approves a "but", an excuse or blame."""

    @property
    def speech_s(self) -> float:
        """Estimated time to say the prompt at SPEAKING_RATE_WPM."""
        return count_words(self.text) * 60.0 / SPEAKING_RATE_WPM

    @property
    def duration_s(self) -> float:
        """Prompt plus silence."""
        return self.speech_s + self.silence_s


@dataclass(frozen=True)
class GuidedReflection:
    """A whole reflection; its last step is the closing."""

    id: str
    title: str
    """What the user hears it called ("Before a hard conversation")."""

    aliases: tuple[str, ...]
    """Plain-word phrases a user might pick it by ("hard conversation", "after a fight")."""

    summary: str
    """One or two sentences said when it is offered or started."""

    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"reflection {self.id!r} has no steps")
        ids = [step.id for step in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError(f"reflection {self.id!r} repeats a step id")

    @property
    def duration_s(self) -> float:
        """Designed length when spoken: every prompt and every silence."""
        return sum(step.duration_s for step in self.steps)

    @property
    def minutes(self) -> int:
        """Designed length rounded to whole minutes, for saying aloud."""
        return max(1, round(self.duration_s / 60))

    def remaining_s(self, index: int) -> float:
        """Designed time from the start of step `index` (0-based) to the end."""
        index = max(0, index)
        return sum(step.duration_s for step in self.steps[index:])

    def is_closing(self, index: int) -> bool:
        return index == len(self.steps) - 1

    def step_index(self, step_id: str) -> int:
        """The index of a step by id (KeyError when unknown)."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)
