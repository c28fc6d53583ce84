"""The sessions the home device holds: one spoken session per wake, on the devices serving
keeps open, around the same journal wrappers as text chat and `kintsugi voice`.

Each wake is a new conversation (the dialogue is started afresh where it can be), under one
conversation id for the home, so a guided reflection paused in one session can be resumed
in a later one. A kept commitment that is due (made here, in text chat or in `kintsugi
voice`) opens the session with its check-in question in place of the greeting
(`assistant.home.checkins`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from assistant.audio.base import Microphone, Speaker
from assistant.dialogue.bridge import Dialogue
from assistant.events import EventLog
from assistant.home.checkins import WakeCheckins
from assistant.journal.commitments import CommitmentsDialogue
from assistant.journal.guided_progress import GuidedProgressDialogue
from assistant.journal.journaled_dialogue import JournaledDialogue
from assistant.journal.progress import ProgressDialogue
from assistant.journal.store import Journal
from assistant.journal.time_apart import TimeApartDialogue, local_now
from assistant.speech.base import Recognizer, Synthesizer
from assistant.speech.vosk_recognizer import CommandRecognizer
from assistant.voice.session import SessionOptions, VoiceSession

__all__ = ["ELSEWHERE_ON_THIS_MACHINE", "HOME_SENDER", "HomeSessions"]

HOME_SENDER = "home"
"""The conversation id of the home device's sessions."""

ELSEWHERE_ON_THIS_MACHINE = ("default", "voice")
"""The conversation ids of text chat (`assistant.cli.chat.DEFAULT_SENDER`) and of `kintsugi
voice` (`VoiceSession`'s default): a promise kept there is asked about on wake too (one
journal, one person)."""


class HomeSessions:
    """A `SessionFactory` for `HomeDevice`: call it with the leased devices for a session."""

    def __init__(
        self,
        *,
        dialogue: Dialogue,
        journal: Journal,
        recognizer: Recognizer,
        commands: CommandRecognizer | None,
        new_synthesizer: Callable[[], Synthesizer],
        options: SessionOptions,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        """`new_synthesizer` gives each session a fresh voice ("slower" in one session does
        not stick forever); `clock` is the user's local time (aware)."""
        self.dialogue = dialogue
        self.journal = journal
        self.recognizer = recognizer
        self.commands = commands
        self.new_synthesizer = new_synthesizer
        self.options = options
        self.clock = clock
        self.checkins = WakeCheckins(clock)

    def __call__(self, microphone: Microphone, speaker: Speaker, events: EventLog) -> VoiceSession:
        end = getattr(self.dialogue, "end_conversation", None)
        if callable(end):
            end(HOME_SENDER)
        # Built per session, so what "forget that" erased is read afresh: a guided
        # reflection's place, a kept time-apart agreement (the first reply says how long
        # is left), kept promises (checked in on) and "how am I doing?".
        guided = GuidedProgressDialogue(self.dialogue, self.journal)
        apart = TimeApartDialogue(guided, self.journal, clock=self.clock)
        kept = CommitmentsDialogue(
            apart, self.journal, clock=self.clock, also_from=ELSEWHERE_ON_THIS_MACHINE
        )
        progress = ProgressDialogue(kept, self.journal, clock=self.clock)
        question = self.checkins.question(kept, HOME_SENDER)
        options = self.options
        if question is not None:
            options = dataclasses.replace(options, greeting=question)
        return VoiceSession(
            dialogue=JournaledDialogue(progress, self.journal),
            microphone=microphone,
            speaker=speaker,
            recognizer=self.recognizer,
            synthesizer=self.new_synthesizer(),
            commands=self.commands,
            events=events,
            sender=HOME_SENDER,
            options=options,
        )
