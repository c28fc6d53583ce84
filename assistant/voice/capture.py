"""Hearing one user turn: the microphone through the endpointer and the recognizer until
the turn ends (silence, a lone command, the length limit), or one voice command through the
command grammar."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from dataclasses import dataclass

from assistant.audio.base import Microphone
from assistant.events import (
    PCM,
    EventLog,
    PartialTranscript,
    SpeechEnded,
    SpeechStarted,
    Transcript,
    VoiceCommand,
)
from assistant.speech.base import Recognizer
from assistant.speech.commands import CommandVocabulary, normalize
from assistant.speech.delivery import loudness_dbfs, with_loudness
from assistant.speech.vosk_recognizer import CommandRecognizer
from assistant.voice.endpointing import Endpoint, Endpointer, TurnProfile
from assistant.voice.options import SessionOptions


@dataclass(frozen=True)
class Heard:
    """What one capture of a user turn produced."""

    kind: str  # "speech", "no_speech" or "end"
    transcript: Transcript | None = None


class TurnCapture:
    """Listens for the session; remembers when the input ended and when listening began."""

    def __init__(
        self,
        *,
        mic: Microphone,
        recognizer: Recognizer,
        endpointer: Endpointer,
        commands: CommandRecognizer | None,
        vocabulary: CommandVocabulary,
        events: EventLog,
        options: SessionOptions,
    ) -> None:
        self.mic = mic
        self.recognizer = recognizer
        self.endpointer = endpointer
        self.commands = commands
        self.vocabulary = vocabulary
        self.events = events
        self.options = options
        self.input_ended = False
        """The replay input (or the stream) has no more audio."""
        self.began = 0.0
        """When the current turn's listening began (monotonic)."""

    async def turn(
        self, profile: TurnProfile, *, announce: bool, preroll: PCM | None = None
    ) -> Heard:
        """Listen for one user turn under `profile` and return what was said. With
        `preroll` (speech already under way), start from that audio and keep what queued
        since instead of dropping it."""
        if self.input_ended:
            return Heard("end")
        if preroll is None:
            self.mic.drain()
            self.mic.listening_started()
        self.began = time.monotonic()
        self.endpointer.begin(profile)
        self.recognizer.reset()
        shown = ""
        pending = [preroll] if preroll is not None and len(preroll) else []
        while True:
            if pending:
                samples = pending.pop()
            else:
                chunk = await self.mic.read()
                if chunk is None:
                    self.input_ended = True
                    if not self.endpointer.in_speech:
                        return Heard("end")
                    return await self._end_turn("end_of_input", announce)
                samples = chunk.samples
            marks = self.endpointer.feed(samples)
            partial = await asyncio.to_thread(self.recognizer.accept, samples)
            if announce and partial and partial != shown:
                shown = partial
                self.events.emit(PartialTranscript(partial))
            for mark in marks:
                if mark is Endpoint.SPEECH_STARTED and announce:
                    self.events.emit(SpeechStarted(audio_s=self.endpointer.speech_start_s))
                elif mark is Endpoint.NO_SPEECH:
                    return Heard("no_speech")
                elif mark is Endpoint.SPEECH_ENDED:
                    return await self._end_turn("silence", announce)
                elif mark is Endpoint.MAX_LENGTH:
                    return await self._end_turn("max_length", announce)
            if self._ends_early(partial):
                return await self._end_turn("command", announce)

    def _ends_early(self, partial: str) -> bool:
        """A lone voice command, or "I'm done" after long-form speech, ends the turn after a
        short silence instead of the profile's full patience."""
        endpointer = self.endpointer
        if not partial or not endpointer.in_speech:
            return False
        if endpointer.silence_s < self.options.profiles["command"].trailing_silence_s:
            return False
        if endpointer.speech_s <= self.options.early_end_speech_s:
            return self.vocabulary.command_for(partial) is not None
        words = normalize(partial)
        return any(
            words.endswith(normalize(done)) for done in self.vocabulary.commands.get("done", ())
        )

    async def _end_turn(self, reason: str, announce: bool) -> Heard:
        if announce:
            self.events.emit(SpeechEnded(reason=reason, speech_s=self.endpointer.speech_s))
        transcript = await asyncio.to_thread(self.recognizer.final)
        if transcript.delivery is not None:
            # The recognizer measures words; how loud they were comes from the endpointer.
            level = loudness_dbfs(*self.endpointer.speech_power)
            transcript = dataclasses.replace(
                transcript, delivery=with_loudness(transcript.delivery, level)
            )
        return Heard("speech", transcript)

    async def command(self) -> str | None:
        """The next voice command (None when the input ended). Uses the command grammar
        when there is one: cheap to run for hours, and robust for these few words."""
        if self.commands is None:
            while True:
                heard = await self.turn(self.options.profiles["command"], announce=False)
                if heard.kind == "end":
                    return None
                if heard.kind == "speech" and heard.transcript is not None:
                    command = self.vocabulary.command_for(heard.transcript.text)
                    if command is not None:
                        self.events.emit(VoiceCommand(command, during_playback=False))
                        return command
        self.mic.drain()
        self.mic.listening_started()
        self.commands.reset()
        while True:
            chunk = await self.mic.read()
            if chunk is None:
                return None
            command = await asyncio.to_thread(self.commands.accept, chunk.samples)
            if command is not None:
                self.events.emit(VoiceCommand(command, during_playback=False))
                return command
