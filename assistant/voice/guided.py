"""Guided reflections by voice: what the session does with a reply's `guide` payload.

The dialogue runs the reflection (steps, navigation, the saved place); this module only
turns each guided reply into voice behaviour, so the session keeps thin hooks:

- the text-mode cue ("say next when you're ready") is dropped, never spoken;
- the step's `pace` sets the synthesizer's rate (relative to the rate the reflection began
  with, which comes back when it ends);
- after the prompt: a step that invites an answer gets a long-form turn whose no-speech
  wait is the designed silence; any other step gets a real, timed silence (`QUIET`), heard
  only through the command grammar, after which the reflection moves on ("next");
- voice commands become the words the dialogue understands ("back", "how long is left").

Pure apart from `hold_silence`, which reads the microphone.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from actions.coaching.guided.payload import GuidePayload
from assistant.audio.base import Microphone
from assistant.dialogue.bridge import TurnResult
from assistant.events import SAMPLE_RATE
from assistant.speech.commands import GUIDED_DURING_PLAYBACK
from assistant.speech.tts import MAX_RATE, MIN_RATE
from assistant.voice.endpointing import TurnProfile

__all__ = [
    "COMMAND_TEXT",
    "NEXT_TEXT",
    "GuidedVoice",
    "SilenceOutcome",
    "Then",
    "hold_silence",
]


NEXT_TEXT = "next"
"""Sent to the dialogue when a designed silence (or an answer step's wait) passes."""

COMMAND_TEXT: Mapping[str, str] = {
    "skip": "skip",
    "back": "back",
    "repeat": "repeat",
    "pause": "pause",
    "continue": "continue",
    "stop": "stop",
    "time_left": "how long is left",
    "slower": "slower",
    "faster": "faster",
    "help": "help",
    "done": NEXT_TEXT,
}
"""Voice command → the words the reflection's dialogue understands for it. "quit" stays
with the session (it says goodbye; the place is kept anyway)."""

SAME_STEP = frozenset({"time_left", "slower", "faster", "help"})
"""Commands that leave the reflection on the same step without saying it again: said into
a silence, the rest of that silence follows; said over a prompt, the prompt comes again."""

MIN_SILENCE_S = 1.0
"""The shortest wait held after a prompt or an interjection (tests scale silences down)."""

REPEAT_TEXT = "repeat"


class Then(enum.Enum):
    """What the session does after speaking a reply."""

    LISTEN = "listen"
    """An ordinary turn (no reflection, or an answer step: a long-form turn)."""
    QUIET = "quiet"
    """The step's designed silence, commands only."""
    PAUSED = "paused"
    """The reflection is paused: wait quietly for "continue"."""
    THINK = "think"
    """Send `GuidedVoice.follow_up` to the dialogue (the prompt cut off by "slower" or
    "how long is left" is said again)."""


class _Rated(Protocol):
    rate: int


@dataclass(frozen=True)
class SilenceOutcome:
    """How a designed silence ended."""

    command: str | None
    """The voice command that broke it, or None when it passed (or the input ended)."""
    heard_s: float
    """Microphone audio heard before that."""
    ended: bool = False
    """The input ended (a replayed recording ran out)."""


class GuidedVoice:
    """Follows the reflection through the dialogue's guide payloads, for one session."""

    def __init__(
        self,
        synthesizer: _Rated,
        *,
        silence_scale: float = 1.0,
        min_rate: int = MIN_RATE,
        max_rate: int = MAX_RATE,
    ) -> None:
        """`silence_scale` multiplies designed silences (a test knob; 1.0 in use)."""
        self._synth = synthesizer
        self._scale = silence_scale
        self._min_rate = min_rate
        self._max_rate = max_rate
        self.guide: GuidePayload | None = None
        """The payload of the last reply, while a reflection is under way."""
        self._base_rate: int | None = None
        self._silence_left = 0.0
        self._sent: str | None = None
        self._sent_over_prompt = False
        self.follow_up: str | None = None

    # -- state -----------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """A reflection is under way (a step was said and it has not finished or stopped)."""
        return self.guide is not None

    @property
    def paused(self) -> bool:
        return bool(self.guide and self.guide.get("paused"))

    @property
    def answer_step(self) -> bool:
        return bool(self.guide and self.guide.get("answer") and not self.paused)

    @property
    def silence_left_s(self) -> float:
        """The rest of the current step's designed silence (scaled)."""
        return max(MIN_SILENCE_S, self._silence_left)

    @property
    def playback_commands(self) -> frozenset[str]:
        return GUIDED_DURING_PLAYBACK

    # -- replies ---------------------------------------------------------------------------

    def on_reply(self, result: TurnResult) -> tuple[TurnResult, Then]:
        """Take in a dialogue reply: the reply to speak (text cue dropped) and what follows.
        Sets the synthesizer's rate to the reflection's pace."""
        previous = self.guide
        guide = result.guide if isinstance(result.guide, dict) else None
        sent, over_prompt, self._sent, self._sent_over_prompt = (
            self._sent,
            self._sent_over_prompt,
            None,
            False,
        )
        follow_up, self.follow_up = self._follow_up_for(sent, over_prompt), None
        if guide is None or guide.get("finished") or guide.get("stopped"):
            self.guide = None
            self._restore_rate()
            return self._without_cue(result, guide), Then.LISTEN
        self.guide = guide
        self._apply_pace(float(guide.get("pace") or 1.0))
        same_step = previous is not None and previous.get("step") == guide.get("step")
        if not (same_step and sent in SAME_STEP and not over_prompt):
            self._silence_left = float(guide.get("silence_s") or 0.0) * self._scale
        spoken = self._without_cue(result, guide)
        if guide.get("paused"):
            return spoken, Then.PAUSED
        if follow_up is not None and same_step:
            self.follow_up = follow_up
            return spoken, Then.THINK
        if guide.get("answer"):
            return spoken, Then.LISTEN
        return spoken, Then.QUIET

    def answer_profile(self, profile: TurnProfile) -> TurnProfile:
        """At an answer step, the long-form turn waits the designed silence for speech
        (then the reflection moves on); its patience for thinking pauses is the profile's."""
        if not self.answer_step:
            return profile
        return dataclasses.replace(profile, no_speech_timeout_s=self.silence_left_s)

    @staticmethod
    def _without_cue(result: TurnResult, guide: Mapping[str, Any] | None) -> TurnResult:
        cue = guide.get("text_cue") if guide else None
        if not cue:
            return result
        return dataclasses.replace(result, bot=[line for line in result.bot if line != cue])

    # -- commands --------------------------------------------------------------------------

    def command_text(self, command: str, *, during_playback: bool) -> str | None:
        """What to send the dialogue for a voice command heard during the reflection, or
        None when the session handles it (or, while paused, ignores it)."""
        if not self.active:
            return None
        if self.paused:
            if command in ("continue", "yes"):
                return COMMAND_TEXT["continue"]
            if command in ("pause", "no", "done", "help"):
                return None
        if command not in COMMAND_TEXT:
            return None
        self._sent = command
        self._sent_over_prompt = during_playback
        return COMMAND_TEXT[command]

    def silence_passed(self) -> str:
        """The silence ran its course: what the dialogue gets."""
        self._sent = None
        return NEXT_TEXT

    def silence_heard(self, heard_s: float) -> None:
        """Part of the silence went by before a command broke it."""
        self._silence_left = max(0.0, self._silence_left - heard_s)

    def _follow_up_for(self, sent: str | None, over_prompt: bool) -> str | None:
        # "Slower" over a prompt cut it off: after the acknowledgement, say it again.
        return REPEAT_TEXT if over_prompt and sent in SAME_STEP else None

    # -- pace ------------------------------------------------------------------------------

    def _apply_pace(self, pace: float) -> None:
        if self._base_rate is None:
            self._base_rate = self._synth.rate
        rate = round(self._base_rate * pace)
        self._synth.rate = max(self._min_rate, min(self._max_rate, rate))

    def _restore_rate(self) -> None:
        if self._base_rate is not None:
            self._synth.rate = self._base_rate
            self._base_rate = None


class _CommandHearing(Protocol):
    def accept(self, samples: Any, *, act_on_partial: frozenset[str] = ...) -> str | None: ...

    def reset(self) -> None: ...


async def hold_silence(
    microphone: Microphone,
    commands: _CommandHearing | None,
    seconds: float,
    *,
    act_on_partial: frozenset[str] = frozenset(),
    listen_for: frozenset[str] = frozenset(COMMAND_TEXT) | {"quit", "crisis_help"},
) -> SilenceOutcome:
    """Hold `seconds` of microphone time in silence, hearing only voice commands (through
    the grammar: other speech is the user thinking aloud, and passes). Time is counted in
    audio, so a replayed recording keeps the same silences as a live microphone. Without a
    command recognizer the silence is simply held."""
    microphone.drain()
    if commands is not None:
        microphone.listening_started()
        commands.reset()
    heard = 0
    wanted = int(seconds * SAMPLE_RATE)
    while heard < wanted:
        chunk = await microphone.read()
        if chunk is None:
            return SilenceOutcome(None, heard / SAMPLE_RATE, ended=True)
        heard += len(chunk.samples)
        if commands is None:
            continue
        command = await asyncio.to_thread(
            commands.accept, chunk.samples, act_on_partial=act_on_partial
        )
        if command is not None and command in listen_for:
            return SilenceOutcome(command, heard / SAMPLE_RATE)
    return SilenceOutcome(None, heard / SAMPLE_RATE)
