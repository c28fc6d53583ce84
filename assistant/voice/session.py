"""The voice turn loop: an explicit state machine around the same Dialogue text chat uses.

    idle → speaking (greeting) → listening → thinking → speaking → listening → ...
                                     │  silence: one reprompt, then paused
                                     │  "pause" / barge-in "wait": paused ("say continue")
                                     └─ device lost: recovering → (retry) → listening
    guided reflection: speaking (a step) → quiet (its designed silence, commands only) →
    thinking ("next"); an answer step listens long-form instead (assistant.voice.guided)

`run()` is short: it calls the method of the current state until the session stops. Each
state method returns the next state. Audio arrives from the Microphone (whose callback only
enqueues); recognition and synthesis run in worker threads so the loop stays responsive.
The session never contains coaching rules: it sends text to the Dialogue and speaks what
comes back, plus a handful of runtime phrases (`assistant.speech.phrases`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Sequence
from functools import partial
from typing import Any

from assistant.aio import with_wait_notice
from assistant.audio.base import DeviceLostError, Microphone, Speaker
from assistant.dialogue.bridge import Dialogue
from assistant.dialogue.replies import STILL_LOADING, WAIT_NOTICE_S
from assistant.events import (
    BargeIn,
    DialogueReply,
    EventLog,
    NotUnderstood,
    PlaybackFinished,
    Reprompt,
    SessionEnded,
    SessionPaused,
    SessionResumed,
    SessionStarted,
    StateChanged,
    Transcript,
    VoiceCommand,
)
from assistant.speech import phrases
from assistant.speech.base import Recognizer, Synthesizer
from assistant.speech.commands import (
    BARGE_IN,
    CRISIS_HELP_TEXT,
    CommandVocabulary,
)
from assistant.speech.vosk_recognizer import CommandRecognizer
from assistant.voice.capture import TurnCapture
from assistant.voice.devices import recover_devices, report_device_lost
from assistant.voice.echo import EchoGuard
from assistant.voice.endpointing import Endpointer
from assistant.voice.guided import GuidedVoice, Then, hold_silence
from assistant.voice.options import SessionOptions, State
from assistant.voice.overlap import Onset
from assistant.voice.partner import (
    INTERRUPTED_TEXT,
    KEEP_GOING_TEXT,
    ListeningPartner,
)
from assistant.voice.playback import Outbox, Playback, sentences_of

logger = logging.getLogger(__name__)

__all__ = ["SessionOptions", "State", "VoiceSession"]


class VoiceSession:
    """One spoken conversation with the dialogue."""

    def __init__(
        self,
        *,
        dialogue: Dialogue,
        microphone: Microphone,
        speaker: Speaker,
        recognizer: Recognizer,
        synthesizer: Synthesizer,
        commands: CommandRecognizer | None,
        events: EventLog,
        sender: str = "voice",
        options: SessionOptions | None = None,
    ) -> None:
        self.dialogue = dialogue
        self.mic = microphone
        self.speaker = speaker
        self.recognizer = recognizer
        self.synth = synthesizer
        self.commands = commands
        self.vocabulary = commands.vocabulary if commands else CommandVocabulary()
        self.events = events
        self.sender = sender
        self.options = options or SessionOptions()
        self.endpointer = Endpointer()
        self.echo_guard = EchoGuard()
        self.state = State.IDLE
        self.capture = TurnCapture(
            mic=microphone,
            recognizer=recognizer,
            endpointer=self.endpointer,
            commands=commands,
            vocabulary=self.vocabulary,
            events=events,
            options=self.options,
        )
        self._profile = self.options.profiles["answer"]
        self._user_text = ""
        self._user_audio: dict[str, Any] | None = None
        """How the last user turn was said (Delivery as a dict), for delivery feedback."""
        self.partner = ListeningPartner(events)
        """The listening role-play's partner: their time, pauses and interruptions."""
        self._outbox = Outbox((), (), State.LISTENING)
        self._last_reply: list[str] = []
        self._silences = 0
        self._misses = 0
        self._lost: set[str] = set()
        self.end_reason = "user"
        self.guided = GuidedVoice(synthesizer, silence_scale=self.options.guided_silence_scale)
        """Follows a guided reflection through the dialogue's guide payloads."""
        self.playback = Playback(
            capture=self.capture,
            speaker=speaker,
            synth=synthesizer,
            partner=self.partner,
            echo_guard=self.echo_guard,
            guided=self.guided,
            rate_change=lambda command: self._session_command(command, during_playback=True),
        )
        self._safety_check = False
        """The dialogue asked a safety check: the answer is a yes or a no, heard with the
        command grammar (nothing else can be misheard as an answer to it)."""

    # -- the loop --------------------------------------------------------------------------

    async def run(self) -> str:
        """Run until the user quits, the replay input ends, or the task is cancelled
        (Ctrl-C). Returns why it ended. Audio is stopped and devices closed in every case."""
        handlers = {
            State.LISTENING: self._listening,
            State.THINKING: self._thinking,
            State.SPEAKING: self._speaking,
            State.PAUSED: self._paused,
            State.QUIET: self._quiet,
            State.RECOVERING: self._recovering,
        }
        try:
            self.state = self._open()
            while self.state is not State.STOPPED:
                self.state = await handlers[self.state]()
        except asyncio.CancelledError:
            self.end_reason = "interrupted"
            raise
        except BaseException:
            self.end_reason = "error"
            raise
        finally:
            self._close()
        return self.end_reason

    def _open(self) -> State:
        self.speaker.start()
        try:
            self.mic.start()
        except BaseException:
            self.speaker.close()
            raise
        self.events.emit(SessionStarted(input=self.mic.name, output=self.speaker.name))
        if self.options.greeting:
            return self._say([self.options.greeting], then=State.LISTENING)
        return State.LISTENING

    def _close(self) -> None:
        was_playing = self.speaker.playing
        self.speaker.stop()
        if was_playing:
            self.events.emit(PlaybackFinished(interrupted=True))
        self.speaker.close()
        self.mic.close()
        self.events.emit(SessionEnded(reason=self.end_reason))

    def _say(
        self, sentences: Sequence[str], then: State, marks: Sequence[int | None] = ()
    ) -> State:
        self._outbox = Outbox(tuple(sentences), tuple(marks) or (None,) * len(sentences), then)
        return State.SPEAKING

    # -- listening -------------------------------------------------------------------------

    async def _listening(self) -> State:
        self.events.emit(StateChanged("listening", self._profile.name))
        if self._safety_check and self.commands is not None:
            return await self._check_answer()
        profile = self.partner.patience(self._profile)
        try:
            heard = await self.capture.turn(profile, announce=True)
        except DeviceLostError as error:
            return self._device_lost("input", error)
        if heard.kind == "end":
            self.end_reason = "end_of_input"
            return State.STOPPED
        if heard.kind == "no_speech" and self.partner.pause_s is not None:
            # The user let them finish the thought: let the partner carry on.
            self.partner.clock.pause_ended(time.monotonic())
            self._user_text = KEEP_GOING_TEXT
            self._user_audio = None
            return State.THINKING
        if heard.kind == "no_speech":
            return self._on_silence()
        assert heard.transcript is not None
        if self.partner.pause_s is not None:
            self.partner.spoken_in_pause(self.capture.began + self.endpointer.speech_start_s)
        return self._on_transcript(heard.transcript)

    def _on_silence(self) -> State:
        if self.guided.active:  # an answer step's wait passed: the reflection moves on
            return self._tell(self.guided.silence_passed())
        self._silences += 1
        self.events.emit(Reprompt(count=self._silences))
        if self._silences == 1:
            return self._say([phrases.REPROMPT], then=State.LISTENING)
        return self._pause("silence")

    def _on_transcript(self, transcript: Transcript) -> State:
        if not transcript.text or transcript.confidence < self.options.min_confidence:
            self.events.emit(NotUnderstood(transcript.text, transcript.confidence))
            self._misses += 1
            if self._misses >= self.options.max_not_understood:
                self._misses = 0
                return self._pause("silence")
            return self._say([phrases.NOT_UNDERSTOOD], then=State.LISTENING)
        self._misses = 0
        self._silences = 0
        self.events.emit(transcript)
        command = self.vocabulary.command_for(transcript.text)
        if command is not None:
            handled = self._session_command(command, during_playback=False)
            if handled is not None:
                self.partner.forget_moment()  # about the session, not the partner
                return handled
        self._user_text = transcript.text
        self._user_audio = dataclasses.asdict(transcript.delivery) if transcript.delivery else None
        return State.THINKING

    def _session_command(self, command: str, *, during_playback: bool) -> State | None:
        """Commands about the session itself; None for those the dialogue should see."""
        if command == "crisis_help":
            # Heard anywhere, it goes to the dialogue at once, whatever was running.
            self.events.emit(VoiceCommand(command, during_playback))
            return self._tell(CRISIS_HELP_TEXT)
        routed = self._guided_command(command, during_playback=during_playback)
        if routed is not None:
            return routed
        if command == "pause":
            self.events.emit(VoiceCommand(command, during_playback))
            return self._pause("user")
        if command == "repeat" and self._last_reply:
            self.events.emit(VoiceCommand(command, during_playback))
            return self._say(self._last_reply, then=State.LISTENING)
        if command in ("slower", "faster"):
            self.events.emit(VoiceCommand(command, during_playback))
            if command == "slower":
                self.synth.slower()
            else:
                self.synth.faster()
            if during_playback:
                return None  # the rest of the reply simply comes at the new rate
            return self._say(
                [phrases.SLOWER if command == "slower" else phrases.FASTER], then=State.LISTENING
            )
        if command == "quit":
            self.events.emit(VoiceCommand(command, during_playback))
            self.end_reason = "user"
            return self._say([phrases.GOODBYE], then=State.STOPPED)
        return None

    def _pause(self, reason: str) -> State:
        if self.guided.active and not self.guided.paused:
            # The reflection pauses too, so "continue" picks it up at the same step.
            return self._guided_command("pause", during_playback=False) or State.PAUSED
        self.events.emit(SessionPaused(reason))
        line = phrases.PAUSED_BY_USER if reason == "user" else phrases.PAUSED_SILENCE
        return self._say([line], then=State.PAUSED)

    # -- thinking --------------------------------------------------------------------------

    async def _thinking(self) -> State:
        self.events.emit(StateChanged("thinking"))
        audio, unsaid = self.partner.take_moment(self._user_audio)
        result = await with_wait_notice(
            self.dialogue.handle(self.sender, self._user_text, audio),
            WAIT_NOTICE_S,
            partial(self.playback.say_aside, STILL_LOADING),
        )
        self.events.emit(DialogueReply(tuple(result.bot), result.expect))
        self._safety_check = result.safety == "check"
        self.partner.on_reply(result)
        profiles = self.options.profiles
        self._profile = profiles.get(result.expect, profiles["answer"])
        result, guided_then = self.guided.on_reply(result)
        self._profile = self.guided.answer_profile(self._profile)
        marks = self.partner.lines(result, unsaid)
        sentences, sentence_marks = sentences_of(result.bot, marks)
        then = self._after_guided(guided_then)
        if not sentences:
            return then
        self._last_reply = sentences
        return self._say(sentences, then=then, marks=sentence_marks)

    # -- speaking --------------------------------------------------------------------------

    async def _speaking(self) -> State:
        self.events.emit(StateChanged("speaking"))
        sentences, marks, then = self._outbox
        try:
            heard = await self.playback.speak(sentences, marks)
            if isinstance(heard, Onset):
                return await self._spoken_over(heard, sentences, marks)
            if heard is not None:
                return self._barge_in(heard)
        except DeviceLostError as error:
            self.speaker.stop()
            self.partner.stops()
            return self._device_lost(error.kind, error)
        self.events.emit(PlaybackFinished(interrupted=False))
        await asyncio.sleep(self.options.holdoff_s)
        return then

    def _barge_in(self, command: str) -> State:
        self.speaker.stop()
        self.partner.stops()
        self.events.emit(BargeIn(command))
        self.events.emit(PlaybackFinished(interrupted=True))
        routed = self._guided_command(command, during_playback=True)
        if routed is not None:
            return routed
        if command == "stop":
            return State.LISTENING  # the user wants the floor
        if command == "skip":
            self.events.emit(VoiceCommand(command, during_playback=True))
            self._user_text = "skip"
            self._user_audio = None
            return State.THINKING
        handled = self._session_command(command, during_playback=True)
        return handled if handled is not None else State.LISTENING

    async def _spoken_over(
        self, onset: Onset, sentences: Sequence[str], marks: Sequence[int | None]
    ) -> State:
        """The user's voice came in over the partner's: the partner stops, as a person does,
        and we hear the user out; the dialogue gets their words with the measured moment and
        what the partner had still to say, so they can react and carry on."""
        decided = time.monotonic()
        self.speaker.stop()
        self.partner.note_interruption(onset.at, overlap=True, detected=decided)
        self.partner.stops()
        self.events.emit(PlaybackFinished(interrupted=True))
        self.partner.cut_off(onset.at, sentences, marks)
        try:
            heard = await self.capture.turn(
                self.options.profiles["answer"], announce=True, preroll=onset.residual
            )
        except DeviceLostError as error:
            return self._device_lost("input", error)
        if heard.kind == "end":
            self.end_reason = "end_of_input"
            return State.STOPPED
        transcript = heard.transcript
        if (
            transcript is None
            or not transcript.text
            or (transcript.confidence < self.options.min_confidence)
        ):
            # Words we could not make out still cut the partner off.
            self._user_text = INTERRUPTED_TEXT
            self._user_audio = None
            return State.THINKING
        return self._on_transcript(transcript)

    # -- paused ----------------------------------------------------------------------------

    async def _paused(self) -> State:
        """Wait quietly — no prompts, ever — until "continue" (or goodbye)."""
        self.events.emit(StateChanged("paused"))
        while True:
            try:
                command = await self.capture.command()
            except DeviceLostError as error:
                return self._device_lost("input", error)
            if command is None:
                self.end_reason = "end_of_input"
                return State.STOPPED
            routed = self._guided_command(command, during_playback=False)
            if routed is not None:
                if command != "stop":  # "back", "skip", ... pick the reflection up too
                    self.events.emit(SessionResumed("user"))
                return routed
            if command in ("continue", "yes"):
                self._silences = 0
                self.events.emit(SessionResumed("user"))
                return self._say([phrases.RESUMED], then=State.LISTENING)
            if command in ("quit", "crisis_help"):
                handled = self._session_command(command, during_playback=False)
                assert handled is not None
                return handled

    async def _check_answer(self) -> State:
        """Wait for the yes or no to a safety check, through the command grammar. Only
        "crisis help" and "goodbye" are acted on besides; silence is met as any silence."""
        timeout = self._profile.no_speech_timeout_s
        try:
            while True:
                command = await asyncio.wait_for(self.capture.command(), timeout)
                if command is None:
                    self.end_reason = "end_of_input"
                    return State.STOPPED
                if command in ("yes", "no"):
                    self._safety_check = False
                    self._silences = 0
                    self._user_text, self._user_audio = command, None
                    return State.THINKING
                if command in ("crisis_help", "quit"):
                    handled = self._session_command(command, during_playback=False)
                    assert handled is not None
                    return handled
        except asyncio.TimeoutError:  # not the builtin TimeoutError before Python 3.11
            return self._on_silence()

    # -- guided reflections (the logic is in assistant.voice.guided) ------------------------

    async def _quiet(self) -> State:
        """Hold the step's designed silence; a command breaks it, else the reflection
        moves on. Never a reprompt: the silence is the point."""
        self.events.emit(StateChanged("quiet"))
        try:
            outcome = await hold_silence(
                self.mic, self.commands, self.guided.silence_left_s, act_on_partial=BARGE_IN
            )
        except DeviceLostError as error:
            return self._device_lost("input", error)
        if outcome.ended:
            self.capture.input_ended = True
            self.end_reason = "end_of_input"
            return State.STOPPED
        if outcome.command is None:
            return self._tell(self.guided.silence_passed())
        self.guided.silence_heard(outcome.heard_s)
        handled = self._session_command(outcome.command, during_playback=False)
        return handled if handled is not None else State.QUIET

    def _guided_command(self, command: str, *, during_playback: bool) -> State | None:
        """During a reflection, a voice command goes to the dialogue as its words."""
        text = self.guided.command_text(command, during_playback=during_playback)
        if text is None:
            return None
        self.events.emit(VoiceCommand(command, during_playback))
        return self._tell(text)

    def _tell(self, text: str) -> State:
        """Send `text` to the dialogue as if said (a command's words, "next", ...)."""
        self._user_text = text
        self._user_audio = None
        self.partner.forget_moment()
        return State.THINKING

    def _after_guided(self, then: Then) -> State:
        if then is Then.QUIET:
            return State.QUIET
        if then is Then.PAUSED:
            self.events.emit(SessionPaused("user"))
            return State.PAUSED
        if then is Then.THINK and self.guided.follow_up is not None:
            self._tell(self.guided.follow_up)
            return State.THINKING
        return State.LISTENING

    # -- device loss -----------------------------------------------------------------------

    def _device_lost(self, kind: str, error: Exception) -> State:
        self._lost.add(kind)
        device = self.mic.name if kind == "input" else self.speaker.name
        report_device_lost(self.events, kind, device, error)
        return State.RECOVERING

    async def _recovering(self) -> State:
        self.events.emit(StateChanged("recovering"))
        await recover_devices(
            self.mic,
            self.speaker,
            self.synth,
            self.events,
            lost=self._lost,
            retry_interval_s=self.options.retry_interval_s,
        )
        self._lost.clear()
        return self._say([phrases.DEVICE_BACK], then=State.LISTENING)
