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
import contextlib
import dataclasses
import enum
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.aio import with_wait_notice
from assistant.audio.base import DeviceLostError, Microphone, Speaker
from assistant.audio.recovery import reopen_until_back
from assistant.dialogue.bridge import Dialogue, TurnResult
from assistant.dialogue.replies import STILL_LOADING, WAIT_NOTICE_S
from assistant.errors import AudioDeviceError
from assistant.events import (
    PCM,
    SAMPLE_RATE,
    BargeIn,
    BotUtterance,
    DeviceLost,
    DeviceRestored,
    DialogueReply,
    EchoSuppressed,
    EventLog,
    NotUnderstood,
    PartialTranscript,
    PartnerInterrupted,
    PartnerSpeech,
    PlaybackFinished,
    PlaybackStarted,
    Reprompt,
    SessionEnded,
    SessionPaused,
    SessionResumed,
    SessionStarted,
    SpeechEnded,
    SpeechStarted,
    StateChanged,
    SynthesisDone,
    SynthesisFailed,
    Transcript,
    VoiceCommand,
)
from assistant.speech import phrases
from assistant.speech.base import Recognizer, Synthesizer
from assistant.speech.commands import (
    BARGE_IN,
    CRISIS_HELP_TEXT,
    DURING_PLAYBACK,
    CommandVocabulary,
    normalize,
)
from assistant.speech.delivery import loudness_dbfs, with_loudness
from assistant.speech.retry import synthesize_or_none
from assistant.speech.sentences import split_sentences
from assistant.speech.vosk_recognizer import CommandRecognizer
from assistant.voice.echo import EchoGuard, mentions_command
from assistant.voice.endpointing import PROFILES, Endpoint, Endpointer, TurnProfile
from assistant.voice.guided import GuidedVoice, Then, hold_silence
from assistant.voice.overlap import MonologueClock, Onset, OverlapDetector

logger = logging.getLogger(__name__)

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


class State(enum.Enum):
    IDLE = "idle"
    LISTENING = "listening"
    THINKING = "thinking"
    SPEAKING = "speaking"
    PAUSED = "paused"
    QUIET = "quiet"
    """A guided reflection's designed silence: nothing said, commands only."""
    RECOVERING = "recovering"
    STOPPED = "stopped"


@dataclass(frozen=True)
class SessionOptions:
    """Behaviour knobs of the turn loop (tests shorten the waits)."""

    greeting: str | None = phrases.GREETING
    """Said once at the start (None: start by listening)."""

    min_confidence: float = 0.45
    """Mean word confidence below which a transcript counts as not understood."""

    max_not_understood: int = 3
    """After this many "didn't catch that" in a row the session pauses instead."""

    holdoff_s: float = 0.3
    """After playback, microphone audio this long is dropped (our voice's room tail)."""

    retry_interval_s: float = 1.0
    """How often a lost device is tried again."""

    early_end_speech_s: float = 2.0
    """A turn whose words so far are exactly one voice command, no longer than this,
    ends after the command profile's short silence whatever the profile (so "stop"
    never waits for long-form patience)."""

    echo_guard: bool = True
    """Use the correlation echo guard during playback (module-echo-cancel may make it moot)."""

    profiles: Mapping[str, TurnProfile] = field(default_factory=lambda: dict(PROFILES))
    """Endpointing profiles by name ("command", "answer", "long_form")."""

    guided_silence_scale: float = 1.0
    """TEST KNOB: multiplies the designed silences of guided reflections (tests shorten
    them). Keep 1.0 in use: the silences are part of the reflection."""


@dataclass(frozen=True)
class _Heard:
    """What one capture of a user turn produced."""

    kind: str  # "speech", "no_speech" or "end"
    transcript: Transcript | None = None


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
        self._profile = self.options.profiles["answer"]
        self._user_text = ""
        self._user_audio: dict[str, Any] | None = None
        """How the last user turn was said (Delivery as a dict), for delivery feedback."""
        self._partner_pause_s: float | None = None
        """Set while a listening role-play's partner is mid-monologue: their designed pause.
        Silence through it means "go on"; speaking in it is an interruption."""
        self.overlap = OverlapDetector()
        self.clock = MonologueClock()
        """The partner's own time through a listening monologue."""
        self._moment: dict[str, Any] | None = None
        """A measured interruption, sent with the next dialogue turn."""
        self._unsaid: str | None = None
        """The partner's words cut off by an interruption (they carry on with them)."""
        self._listen_began = 0.0
        self._outbox: list[str] = []
        self._outbox_marks: list[int | None] = []
        """Per sentence in the outbox: the monologue segment when it is the partner's own
        voice in a listening role-play (overlap there is an interruption), else None."""
        self._sentence_spans: list[tuple[int, float, float]] = []
        """Partner sentences queued so far: (index in the outbox, start, end), monotonic."""
        self._after_speaking = State.LISTENING
        self._last_reply: list[str] = []
        self._silences = 0
        self._misses = 0
        self._lost: set[str] = set()
        self._input_ended = False
        self.end_reason = "user"
        self.guided = GuidedVoice(synthesizer, silence_scale=self.options.guided_silence_scale)
        """Follows a guided reflection through the dialogue's guide payloads."""
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

    def _say(self, sentences: Sequence[str], then: State) -> State:
        self._outbox = list(sentences)
        self._outbox_marks = [None] * len(self._outbox)
        self._after_speaking = then
        return State.SPEAKING

    # -- listening -------------------------------------------------------------------------

    async def _listening(self) -> State:
        self.events.emit(StateChanged("listening", self._profile.name))
        if self._safety_check and self.commands is not None:
            return await self._check_answer()
        profile = self._profile
        if self._partner_pause_s is not None:
            # The partner is only pausing: wait exactly their designed pause.
            profile = dataclasses.replace(
                profile, no_speech_timeout_s=max(self._partner_pause_s, MIN_PARTNER_PAUSE_S)
            )
        try:
            heard = await self._capture(profile, announce=True)
        except DeviceLostError as error:
            return self._device_lost("input", error)
        if heard.kind == "end":
            self.end_reason = "end_of_input"
            return State.STOPPED
        if heard.kind == "no_speech" and self._partner_pause_s is not None:
            # The user let them finish the thought: let the partner carry on.
            self.clock.pause_ended(time.monotonic())
            self._user_text = KEEP_GOING_TEXT
            self._user_audio = None
            return State.THINKING
        if heard.kind == "no_speech":
            return self._on_silence()
        assert heard.transcript is not None
        if self._partner_pause_s is not None:
            # Spoken into the partner's pause: the dialogue decides whether it was a
            # backchannel or an interruption; the time is measured here.
            onset = self._listen_began + self.endpointer.speech_start_s
            self._note_interruption(onset, overlap=False, detected=time.monotonic())
            self.clock.pause_ended(onset)
        return self._on_transcript(heard.transcript)

    async def _capture(
        self, profile: TurnProfile, *, announce: bool, preroll: PCM | None = None
    ) -> _Heard:
        """Listen for one user turn under `profile` and return what was said. With
        `preroll` (speech already under way), start from that audio and keep what queued
        since instead of dropping it."""
        if self._input_ended:
            return _Heard("end")
        if preroll is None:
            self.mic.drain()
            self.mic.listening_started()
        self._listen_began = time.monotonic()
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
                    self._input_ended = True
                    if not self.endpointer.in_speech:
                        return _Heard("end")
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
                    return _Heard("no_speech")
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

    async def _end_turn(self, reason: str, announce: bool) -> _Heard:
        if announce:
            self.events.emit(SpeechEnded(reason=reason, speech_s=self.endpointer.speech_s))
        transcript = await asyncio.to_thread(self.recognizer.final)
        if transcript.delivery is not None:
            # The recognizer measures words; how loud they were comes from the endpointer.
            level = loudness_dbfs(*self.endpointer.speech_power)
            transcript = dataclasses.replace(
                transcript, delivery=with_loudness(transcript.delivery, level)
            )
        return _Heard("speech", transcript)

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
                self._moment = self._unsaid = None  # about the session, not the partner
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
        audio = self._user_audio
        if self._moment is not None:
            audio = {**(audio or {}), LISTENING_KEY: self._moment}
        unsaid, self._moment, self._unsaid = self._unsaid, None, None
        result = await with_wait_notice(
            self.dialogue.handle(self.sender, self._user_text, audio),
            WAIT_NOTICE_S,
            self._say_still_loading,
        )
        self.events.emit(DialogueReply(tuple(result.bot), result.expect))
        self._safety_check = result.safety == "check"
        listen = result.listen if result.expect != "long_form" else None
        self._partner_pause_s = float(listen.get("pause_s") or 0.0) if listen else None
        profiles = self.options.profiles
        self._profile = profiles.get(result.expect, profiles["answer"])
        result, guided_then = self.guided.on_reply(result)
        self._profile = self.guided.answer_profile(self._profile)
        marks = self._partner_lines(result, unsaid)
        sentences: list[str] = []
        sentence_marks: list[int | None] = []
        for text, mark in zip(result.bot, marks, strict=True):
            for sentence in split_sentences(text):
                sentences.append(sentence)
                sentence_marks.append(mark)
        then = self._after_guided(guided_then)
        if not sentences:
            return then
        self._last_reply = sentences
        state = self._say(sentences, then=then)
        self._outbox_marks = sentence_marks
        return state

    def _partner_lines(self, result: TurnResult, unsaid: str | None) -> list[int | None]:
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

    # -- speaking --------------------------------------------------------------------------

    async def _speaking(self) -> State:
        self.events.emit(StateChanged("speaking"))
        sentences, then = self._outbox, self._after_speaking
        marks = self._outbox_marks
        player = asyncio.create_task(self._play(sentences, marks))
        partner = any(mark is not None for mark in marks)
        watcher = asyncio.create_task(self._watch_for_commands(" ".join(sentences), partner))
        try:
            done, _ = await asyncio.wait({player, watcher}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (player, watcher):
                task.cancel()
            # asyncio.wait, not `await task`: it never swallows our own cancellation.
            await asyncio.wait({player, watcher})
        try:
            if watcher in done and not watcher.cancelled():
                heard = watcher.result()
                if isinstance(heard, Onset):
                    return await self._spoken_over(heard, sentences, marks)
                return self._barge_in(heard)
            player.result()
        except DeviceLostError as error:
            self.speaker.stop()
            self._partner_stops()
            return self._device_lost(error.kind, error)
        self.events.emit(PlaybackFinished(interrupted=False))
        await asyncio.sleep(self.options.holdoff_s)
        return then

    async def _play(self, sentences: Sequence[str], marks: Sequence[int | None] = ()) -> None:
        """Say `sentences`. Where the partner's own voice (a mark) begins or ends, wait for
        what is queued to be heard first, so the monologue clock knows when they spoke."""
        marks = list(marks) or [None] * len(sentences)
        self._sentence_spans = []
        queued_until = 0.0
        for index, sentence in enumerate(sentences):
            self.events.emit(BotUtterance(sentence))
            samples, error = await synthesize_or_none(self.synth, sentence)
            if samples is None:  # shown (BotUtterance), not said; the reply goes on
                self.events.emit(SynthesisFailed(sentence, error))
                continue
            self.events.emit(SynthesisDone(sentence, len(samples) / SAMPLE_RATE))
            partner = marks[index] is not None
            if partner and self.clock.running and marks[index] != self.clock.segment:
                self.clock.segment = int(marks[index] or 0)  # carried on into the next one
            elif partner != self.clock.running:
                await self.speaker.wait_done()
                if partner:
                    self._partner_starts(int(marks[index] or 0))
                else:
                    self._partner_stops()
            now = time.monotonic()
            start = max(now, queued_until)
            queued_until = start + len(samples) / SAMPLE_RATE
            if partner:
                self._sentence_spans.append((index, start, queued_until))
            self.speaker.play(samples)
            if index == 0:
                self.events.emit(PlaybackStarted(sentence))
        await self.speaker.wait_done()
        self._partner_stops()

    def _partner_starts(self, segment: int) -> None:
        self.clock.speaking(time.monotonic(), segment)
        self.events.emit(PartnerSpeech(segment, True, round(self.clock.elapsed_s, 2)))

    def _partner_stops(self) -> None:
        if not self.clock.running:
            return
        self.clock.stopped(time.monotonic())
        self.events.emit(PartnerSpeech(self.clock.segment, False, round(self.clock.elapsed_s, 2)))

    async def _watch_for_commands(self, spoken: str, partner: bool = False) -> str | Onset:
        """Listen during playback, through the command grammar only (never free text) - and,
        in a reply where the listening partner speaks (`partner`), for any voice over their
        words (an `Onset`)."""
        guard = self.echo_guard
        guard.reset()
        if self.commands is not None:
            self.commands.reset()
        reference_len = int(1.2 * SAMPLE_RATE)
        run = -1
        while True:
            chunk = await self.mic.read()
            if chunk is None:  # replay input ended: let the reply finish
                await asyncio.Event().wait()
                continue
            if partner and run != self.clock.runs and self.clock.running:
                # A new stretch of the partner's voice: judge it afresh. (Reset here, not
                # where it starts, so it never races a feed in the worker thread.)
                run = self.clock.runs
                self.overlap.reset()
            if partner:
                # Fed through the whole reply, so it learns the room's echo from the coach's
                # lines too; only a voice over the partner's own words is an interruption.
                # About 2 ms a chunk (an FFT and a small least-squares fit): off the loop.
                onset = await asyncio.to_thread(
                    self.overlap.feed,
                    chunk.samples,
                    chunk.captured_at,
                    self.speaker.recent_output(int(1.3 * SAMPLE_RATE)),
                    self.endpointer.noise_floor,
                )
                if onset is not None and self.clock.running:
                    return onset
            if self.commands is None:
                continue
            samples = chunk.samples
            if self.options.echo_guard and guard.is_echo(
                samples, self.speaker.recent_output(reference_len)
            ):
                samples = np.zeros_like(samples)  # our own voice: the grammar hears silence
            command = await asyncio.to_thread(
                self.commands.accept, samples, act_on_partial=BARGE_IN
            )
            playback = self.guided.playback_commands if self.guided.active else DURING_PLAYBACK
            if command is None or command not in playback:
                continue
            phrase = self.commands.last_text
            if guard.mostly_echo and mentions_command(spoken, phrase):
                self.events.emit(EchoSuppressed(phrase))
                continue
            if command in ("slower", "faster") and not self.guided.active:
                self._session_command(command, during_playback=True)
                continue
            return command

    def _barge_in(self, command: str) -> State:
        self.speaker.stop()
        self._partner_stops()
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
        self._note_interruption(onset.at, overlap=True, detected=decided)
        self._partner_stops()
        self.events.emit(PlaybackFinished(interrupted=True))
        cut = next(
            (index for index, _start, end in self._sentence_spans if end > onset.at),
            len(sentences),
        )
        # From the sentence they were in (said again from its start) to their last one.
        unsaid = [s for i, s in enumerate(sentences) if i >= cut and marks[i] is not None]
        self._unsaid = " ".join(unsaid) or None
        if self._moment is not None and self._unsaid:
            self._moment["unsaid"] = self._unsaid
        try:
            heard = await self._capture(
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

    def _note_interruption(self, onset: float, *, overlap: bool, detected: float) -> None:
        """Record when, in the partner's time, the user's voice came in; it goes to the
        dialogue with the next turn (which decides backchannel or interruption)."""
        at_s = round(self.clock.at(onset), 2)
        segment = self.clock.segment
        self.events.emit(
            PartnerInterrupted(at_s, segment, overlap, round(max(0.0, detected - onset), 3))
        )
        self._moment = {"at_s": at_s, "segment": segment, "in_pause": not overlap}
        if overlap:
            self._moment["overlap"] = True

    # -- paused ----------------------------------------------------------------------------

    async def _paused(self) -> State:
        """Wait quietly — no prompts, ever — until "continue" (or goodbye)."""
        self.events.emit(StateChanged("paused"))
        while True:
            try:
                command = await self._hear_command()
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
                command = await asyncio.wait_for(self._hear_command(), timeout)
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

    async def _hear_command(self) -> str | None:
        """The next voice command (None when the input ended). Uses the command grammar
        when there is one: cheap to run for hours, and robust for these few words."""
        if self.commands is None:
            while True:
                heard = await self._capture(self.options.profiles["command"], announce=False)
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
            self._input_ended = True
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
        self._moment = self._unsaid = None
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
        self.events.emit(DeviceLost(device=f"{kind}: {device}", error=str(error)))
        self.events.emit(SessionPaused("device"))
        logger.warning("%s device lost: %s", kind, error)
        return State.RECOVERING

    async def _say_still_loading(self) -> None:
        """The dialogue is still loading behind the greeting: say so, once, plainly."""
        self.events.emit(BotUtterance(STILL_LOADING))
        samples, _error = await synthesize_or_none(self.synth, STILL_LOADING)
        if samples is None:
            return
        with contextlib.suppress(AudioDeviceError):  # a lost device is handled after the turn
            self.speaker.play(samples)
            await self.speaker.wait_done()

    async def _recovering(self) -> State:
        self.events.emit(StateChanged("recovering"))
        if self._lost == {"input"}:
            # The speaker still works: say what is happening, then keep trying.
            with contextlib.suppress(AudioDeviceError):
                samples = await asyncio.to_thread(self.synth.synthesize, phrases.INPUT_LOST)
                self.speaker.play(samples)
                await self.speaker.wait_done()
        await reopen_until_back(
            self.mic, self.speaker, interval_s=self.options.retry_interval_s, log_every=30
        )
        self._lost.clear()
        self.events.emit(DeviceRestored(device=f"{self.mic.name} / {self.speaker.name}"))
        self.events.emit(SessionResumed("device"))
        return self._say([phrases.DEVICE_BACK], then=State.LISTENING)
