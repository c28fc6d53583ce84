"""Reading a navigation command from what the user said during a reflection.

An answer step takes whatever the user says as their answer, so only a short message made
entirely of a command phrase ("back", "say that again", "how long is left") counts as a
command there; "I need to stop pretending" is an answer. At other steps the classifier's
intent is trusted for short messages too, so unlisted wordings still work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from actions.coaching.guided.navigation import Command

__all__ = ["INTENT_COMMANDS", "MAX_COMMAND_WORDS", "plain", "read_command"]

MAX_COMMAND_WORDS = 6

_PHRASES: Mapping[Command, tuple[str, ...]] = {
    Command.NEXT: (
        "next", "next one", "next step", "next part", "next please", "ok", "okay", "ok next",
        "okay next", "done", "im done", "i am done", "ready", "im ready", "i am ready", "move on",
        "lets move on", "go ahead", "ok go on", "ok im ready", "okay im ready", "alright",
        "all right", "carry on", "keep going", "got it",
    ),
    Command.SKIP: ("skip", "skip this", "skip it", "skip this one", "skip that", "pass"),
    Command.BACK: (
        "back", "go back", "previous", "previous one", "back one", "the one before",
        "go back one", "back please", "last one",
    ),
    Command.REPEAT: (
        "repeat", "repeat that", "repeat please", "again", "say that again", "say it again",
        "once more", "pardon", "sorry what", "what was that", "can you repeat that",
        "could you repeat that",
    ),
    Command.PAUSE: (
        "pause", "pause please", "pause it", "wait", "hold on", "hang on", "one moment",
        "just a moment", "give me a minute", "give me a moment", "hold on a second",
    ),
    Command.RESUME: (
        "resume", "resume please", "unpause", "im back", "i am back", "resume my reflection",
        "lets carry on", "pick up where we left off",
    ),
    Command.CONTINUE: ("continue", "go on", "please continue", "continue please", "lets continue"),
    Command.TIME_LEFT: (
        "how long is left", "how much longer", "how long", "how long left", "time left",
        "how much time is left", "how long to go", "how much is left", "how many minutes left",
        "how long does this take", "hows much left",
    ),
    Command.SLOWER: ("slower", "slow down", "more slowly", "slower please", "too fast"),
    Command.FASTER: ("faster", "speed up", "quicker", "faster please", "too slow", "hurry up"),
}  # fmt: skip


def plain(text: str) -> str:
    """Lowercase letters, digits and single spaces; apostrophes dropped ("i'm" -> "im")."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_BY_PHRASE = {plain(phrase): command for command, phrases in _PHRASES.items() for phrase in phrases}

INTENT_COMMANDS: Mapping[str, Command] = {
    "skip": Command.NEXT,
    "affirm": Command.NEXT,
    "keep_going": Command.CONTINUE,
    "guided_back": Command.BACK,
    "guided_repeat": Command.REPEAT,
    "try_again": Command.REPEAT,
    "guided_pause": Command.PAUSE,
    "listening_interrupted": Command.PAUSE,
    "guided_resume": Command.RESUME,
    "guided_time_left": Command.TIME_LEFT,
    "guided_slower": Command.SLOWER,
    "guided_faster": Command.FASTER,
}
"""Intents (see domain/reflection.yml) that mean a command when the message is short."""


def read_command(text: str, intent: str | None, *, answer_step: bool) -> Command | None:
    """The command a message means, or None (it is an answer, or talk to let pass)."""
    words = plain(text)
    if words in _BY_PHRASE:
        return _BY_PHRASE[words]
    if answer_step or not words or len(words.split()) > MAX_COMMAND_WORDS:
        return None
    return INTENT_COMMANDS.get(intent or "")
