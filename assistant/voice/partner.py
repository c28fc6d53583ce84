"""The hurt partner's voice in a listening role-play, as the voice session hears it.

While the partner speaks a monologue the session keeps its own time (`MonologueClock`),
listens for a voice over their words (`OverlapDetector`), waits through their designed
pauses, and measures when the user came in. What it measured goes to the dialogue with the
next turn (`LISTENING_KEY`), which decides whether that was a backchannel or an
interruption; the words the partner did not get to say come back for them to carry on with.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import Any

from assistant.dialogue.bridge import TurnResult
from assistant.events import EventLog, PartnerInterrupted, PartnerSpeech
from assistant.voice.endpointing import TurnProfile
from assistant.voice.overlap import MonologueClock, OverlapDetector

# In a listening role-play, silence through the partner's designed pause is the listener
# letting them go on; the dialogue hears it as this backchannel.
KEEP_GOING_TEXT = "go on"
MIN_PARTNER_PAUSE_S = 0.8
LISTENING_KEY = "listening"
"""Key, inside the turn's audio metadata, of the measured interruption moment (see
`actions.listening_actions`): at_s, segment, in_pause, overlap, and `unsaid`, the rest of
the partner's words that were cut off, for them to carry on with."""
INTERRUPTED_TEXT = "/listening_interrupted"
"""Sent when the user's voice overlapped the partner but no words could be made out."""


class ListeningPartner:
    """The partner's time, pauses and interruptions through one voice session."""

    def __init__(self, events: EventLog) -> None:
        self.events = events
        self.overlap = OverlapDetector()
        self.clock = MonologueClock()
        """The partner's own time through a listening monologue."""
        self.pause_s: float | None = None
        """Set while a listening role-play's partner is mid-monologue: their designed pause.
        Silence through it means "go on"; speaking in it is an interruption."""
        self.moment: dict[str, Any] | None = None
        """A measured interruption, sent with the next dialogue turn."""
        self.unsaid: str | None = None
        """The partner's words cut off by an interruption (they carry on with them)."""
        self.sentence_spans: list[tuple[int, float, float]] = []
        """Partner sentences queued so far: (index in the outbox, start, end), monotonic."""

    def patience(self, profile: TurnProfile) -> TurnProfile:
        """While the partner is only pausing, wait exactly their designed pause."""
        if self.pause_s is None:
            return profile
        return dataclasses.replace(
            profile, no_speech_timeout_s=max(self.pause_s, MIN_PARTNER_PAUSE_S)
        )

    def on_reply(self, result: TurnResult) -> None:
        """Whether the partner is mid-monologue after this reply, and their pause."""
        listen = result.listen if result.expect != "long_form" else None
        self.pause_s = float(listen.get("pause_s") or 0.0) if listen else None

    def spoken_in_pause(self, onset: float) -> None:
        """Spoken into the partner's pause: the dialogue decides whether it was a
        backchannel or an interruption; the time is measured here."""
        self.note_interruption(onset, overlap=False, detected=time.monotonic())
        self.clock.pause_ended(onset)

    def take_moment(self, audio: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str | None]:
        """The next turn's audio metadata with the measured moment in it, and the words the
        partner did not get to say; both are then forgotten."""
        if self.moment is not None:
            audio = {**(audio or {}), LISTENING_KEY: self.moment}
        unsaid = self.unsaid
        self.forget_moment()
        return audio, unsaid

    def forget_moment(self) -> None:
        """What the user says next is about the session, not the partner."""
        self.moment = self.unsaid = None

    def lines(self, result: TurnResult, unsaid: str | None) -> list[int | None]:
        """Which reply lines are the listening partner's own voice, by monologue segment:
        the segment in the `listen` payload, and the words they carry on with after being
        cut off (said back to us as they were sent)."""
        listen = result.listen or {}
        if listen.get("segment") == 1:
            self.clock.restart()  # a monologue begins (again)
        marks: list[int | None] = []
        for line in result.bot:
            if listen.get("text") and line == listen["text"]:
                marks.append(int(listen["segment"]))
            elif unsaid and line == unsaid:
                marks.append(self.clock.segment)
            else:
                marks.append(None)
        return marks

    def starts(self, segment: int) -> None:
        self.clock.speaking(time.monotonic(), segment)
        self.events.emit(PartnerSpeech(segment, True, round(self.clock.elapsed_s, 2)))

    def stops(self) -> None:
        if not self.clock.running:
            return
        self.clock.stopped(time.monotonic())
        self.events.emit(PartnerSpeech(self.clock.segment, False, round(self.clock.elapsed_s, 2)))

    def note_interruption(self, onset: float, *, overlap: bool, detected: float) -> None:
        """Record when, in the partner's time, the user's voice came in; it goes to the
        dialogue with the next turn (which decides backchannel or interruption)."""
        at_s = round(self.clock.at(onset), 2)
        segment = self.clock.segment
        self.events.emit(
            PartnerInterrupted(at_s, segment, overlap, round(max(0.0, detected - onset), 3))
        )
        self.moment = {"at_s": at_s, "segment": segment, "in_pause": not overlap}
        if overlap:
            self.moment["overlap"] = True

    def cut_off(self, at: float, sentences: Sequence[str], marks: Sequence[int | None]) -> None:
        """The partner was spoken over at `at`: keep what they had still to say."""
        cut = next(
            (index for index, _start, end in self.sentence_spans if end > at),
            len(sentences),
        )
        # From the sentence they were in (said again from its start) to their last one.
        unsaid = [s for i, s in enumerate(sentences) if i >= cut and marks[i] is not None]
        self.unsaid = " ".join(unsaid) or None
        if self.moment is not None and self.unsaid:
            self.moment["unsaid"] = self.unsaid
