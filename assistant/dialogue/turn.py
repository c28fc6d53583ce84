"""One turn of the dialogue as every front-end sees it (text chat, JSONL, voice): the
`TurnResult`, the `Dialogue` that produces it, and what a safety screen hands the bridge."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from actions.coaching.apart.payload import ApartPayload
from actions.coaching.commitments.payload import CommitmentPayload
from actions.coaching.guided.payload import GuidePayload
from actions.coaching.scenarios.listen_payload import ListenPayload


class SafetyVerdict(Protocol):
    """What the safety screen found in a message (see assistant.safety.SafetyFinding)."""

    @property
    def kind(self) -> str:
        """ "self_harm" or "abuse"."""

    @property
    def phrase(self) -> str:
        """The words that triggered it."""

    @property
    def certain(self) -> bool:
        """True for a clear crisis; False when the screen is unsure (the user is asked)."""

    @property
    def role(self) -> str | None:
        """For abuse: "harmed", "harming" or "unclear"."""


SafetyScreen = Callable[[str], Sequence[SafetyVerdict]]
"""Returns every kind of crisis found in a text (empty when none)."""


@runtime_checkable
class BatchSafetyScreen(Protocol):
    """A safety screen that can also read many texts in one pass (the guard's encoder
    batches them); measuring the guard over thousands of sentences uses it."""

    def __call__(self, text: str) -> Sequence[SafetyVerdict]: ...

    def many(self, texts: Sequence[str]) -> Sequence[Sequence[SafetyVerdict]]: ...


def screen_each(screen: SafetyScreen | None, texts: Sequence[str]) -> list[Sequence[SafetyVerdict]]:
    """What ``screen`` finds in each text: in one pass when it can read many at once, one
    by one otherwise, nothing when there is no screen."""
    if screen is None:
        return [() for _ in texts]
    if isinstance(screen, BatchSafetyScreen):
        return list(screen.many(texts))
    return [screen(text) for text in texts]


@dataclass(frozen=True)
class TurnResult:
    """Everything one user turn produced. Its JSON form is the `chat --jsonl` line."""

    sender: str
    """Conversation id."""

    text: str
    """The user's text as the dialogue saw it (cleaned)."""

    intent: str | None
    """Intent the dialogue acted on, or None when the text never reached it."""

    confidence: float | None
    """Classifier confidence for `intent`."""

    exercise: str | None
    """Exercise active after this turn ("apology", ...) or None."""

    safety: str | None
    """"self_harm" or "abuse" when the safety screen stopped coaching, "check" when it was
    unsure and asked (the exercise waits for the answer), else None."""

    bot: list[str] = field(default_factory=list)
    """Reply texts, in order."""

    feedback: dict[str, Any] | None = None
    """The analysis object when this turn produced coaching feedback."""

    expect: str = "answer"
    """Kind of user turn the dialogue expects next: "command", "answer" or "long_form"."""

    listen: ListenPayload | None = None
    """During a listening role-play: the partner segment just spoken (`text`) and the designed
    pause after it (`scenario`, `segment`, `of`, `pause_s`), for a voice front-end."""

    guide: GuidePayload | None = None
    """During a guided reflection: the step just said and what follows it (`reflection`,
    `step` (1-based), `of`, `silence_s`, `answer`, ...: the fields of `GuidePayload`)."""

    apart: ApartPayload | None = None
    """A time-apart agreement: on the turn that settles it, and (added by the runtime that
    keeps it) on every turn while it runs. `until` is the agreed time, ISO 8601."""

    commitment: CommitmentPayload | None = None
    """What a commitments turn settled for the runtime to keep: a promise just agreed
    (`made`, with `keep`), or a check-in answered (`checkin`)."""

    def to_json(self) -> dict[str, Any]:
        """The stable JSONL shape (`expect` is included for voice front-ends)."""
        return {
            "sender": self.sender,
            "text": self.text,
            "intent": self.intent,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "exercise": self.exercise,
            "safety": self.safety,
            "bot": list(self.bot),
            "feedback": self.feedback,
            "expect": self.expect,
            "listen": self.listen,
            "guide": self.guide,
            "apart": self.apart,
            "commitment": self.commitment,
        }


class Dialogue(Protocol):
    """What front-ends (text chat, voice) need from the dialogue."""

    async def handle(
        self, sender: str, text: str, audio: Mapping[str, Any] | None = None
    ) -> TurnResult:
        """One user turn; `audio` carries what the voice runtime measured of it."""
        ...
