"""The voice-command vocabulary: short phrases that control the session itself.

They work during playback (barge-in) and in command turns, through a recognizer restricted
to exactly these phrases. The phrases map to a few canonical commands the session acts on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ENGLISH_COMMANDS: Mapping[str, Sequence[str]] = {
    "stop": ("stop", "stop it", "stop please", "enough", "that's enough", "be quiet"),
    "pause": ("pause", "wait", "hold on", "wait a moment", "one moment", "one second"),
    "continue": ("continue", "go on", "resume", "carry on", "go ahead", "i'm ready"),
    "repeat": ("repeat", "repeat that", "say that again", "again", "pardon"),
    "slower": ("slower", "slow down", "speak slower", "more slowly"),
    "faster": ("faster", "speed up", "speak faster", "more quickly"),
    "skip": ("skip", "skip it", "next", "move on"),
    "back": ("go back", "back", "previous"),
    "time_left": ("how long is left", "how much longer", "how long to go"),
    "help": ("help", "what can i say"),
    "yes": ("yes", "yeah", "yes please", "okay", "sure"),
    "no": ("no", "no thanks", "not now", "nope"),
    "done": ("i'm done", "done", "that's all", "finished", "i'm finished"),
    "quit": ("goodbye", "quit", "end session", "exit"),
    "crisis_help": ("crisis help", "i need crisis help", "i'm not safe", "emergency"),
}
"""Canonical command → phrases that say it."""

BARGE_IN = frozenset({"stop", "pause"})
"""Commands that cut the assistant off mid-sentence."""

DURING_PLAYBACK = frozenset(
    {"stop", "pause", "skip", "slower", "faster", "repeat", "quit", "crisis_help"}
)
"""Commands acted on while the assistant is speaking (the rest wait for a turn)."""

CRISIS_HELP_TEXT = "crisis help"
"""What the dialogue gets for the spoken "crisis help" command, heard anywhere (over
playback, in a reflection's silence, while paused): every crisis resource."""

GUIDED_DURING_PLAYBACK = DURING_PLAYBACK | {"back", "time_left"}
"""During a guided reflection every navigation command also works over a prompt (outside
one, "back" and "how long is left" mean nothing to the session, so they wait for a turn)."""


def normalize(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no punctuation."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class CommandVocabulary:
    """Phrases and the commands they mean (English by default; tests use Korean ones)."""

    commands: Mapping[str, Sequence[str]] = field(default_factory=lambda: ENGLISH_COMMANDS)
    """Canonical command → phrases."""

    @property
    def phrases(self) -> list[str]:
        return [normalize(p) for phrases in self.commands.values() for p in phrases]

    def command_for(self, text: str) -> str | None:
        """The command `text` says exactly (after normalizing), else None."""
        wanted = normalize(text)
        for command, phrases in self.commands.items():
            if any(normalize(p) == wanted for p in phrases):
                return command
        return None
