"""The always-on home device: wait for the wake phrase, hold a session, wait again.

    waiting ──wake phrase──► session (a VoiceSession on the same open devices)
       ▲  ▲                     │ ends: "goodbye", or paused and quiet for quiet_timeout_s
       │  └── "forget that" ◄───┘ (only within forget_window_s after it ended)
       └── quiet hours: the wake phrase is heard but not answered

The microphone and speaker are opened once, when serving starts, and stay open; each
session gets them through a lease whose `close()` leaves the stream running. While waiting
only the wake `Spotter` reads the audio (see `assistant.home.wake`). `run()` goes on until it is
cancelled (SIGTERM / Ctrl-C through the CLI), and closes the devices on the way out.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

from assistant.audio.base import DeviceLostError, Microphone, Speaker
from assistant.audio.recovery import reopen_until_back
from assistant.errors import StorageError
from assistant.events import (
    PCM,
    AudioChunk,
    BargeIn,
    BotUtterance,
    DeviceLost,
    DeviceRestored,
    EventLog,
    PlaybackFinished,
    PlaybackStarted,
    SessionResumed,
    StateChanged,
)
from assistant.home.quiet_hours import QuietHours
from assistant.home.wake import FORGET, WAKE, Heard, Spotter
from assistant.speech.base import Synthesizer
from assistant.speech.commands import BARGE_IN
from assistant.speech.vosk_recognizer import CommandRecognizer

logger = logging.getLogger(__name__)

# What the home device says by itself (warm, plain, brief: heard, not read).
FORGOTTEN = "Done. I've forgotten what we just talked about."
NOTHING_TO_FORGET = "Done. Nothing from that conversation was kept."
FORGET_FAILED = "I couldn't erase it just now. Please try again in a moment."

KEPT_EVENTS = 500
"""Events kept in memory between sessions (the log file, when there is one, has them all):
serving runs for weeks, and an ever-growing list would be a slow leak."""


# -- events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """The device is waiting for the wake phrase."""

    forget_open: bool
    """Whether the forget phrase is listened for too (just after a session)."""


@dataclass(frozen=True)
class PhraseHeard:
    """The spotter finished an utterance."""

    key: str | None
    """"wake", "forget", or None (other speech)."""

    text: str
    """What the grammar recognizer made of it (phrase words only, never free text)."""


@dataclass(frozen=True)
class WakeIgnored:
    """The wake phrase was heard but not answered."""

    reason: str
    """"quiet_hours"."""


@dataclass(frozen=True)
class QuietTimeout:
    """A session stayed paused with nothing said for the quiet timeout; it is ended."""

    paused_s: float
    """How long it had been paused."""


@dataclass(frozen=True)
class SessionForgotten:
    """A spoken "forget that" erased what the last session kept."""

    records: int
    """Journal records erased (-1: erasing failed)."""


# -- parts ----------------------------------------------------------------------------------


class Forgetful(Protocol):
    """The part of `assistant.journal.store.Journal` serving needs."""

    def forget_since(self, since: datetime) -> int: ...


class RunsSession(Protocol):
    """A VoiceSession, as far as serving is concerned."""

    async def run(self) -> str: ...


SessionFactory = Callable[[Microphone, Speaker, EventLog], RunsSession]
"""Makes one session on the leased devices (a new conversation each time)."""


@dataclass(frozen=True)
class ServeOptions:
    """Timing knobs (from `ServeSettings`; tests shorten them)."""

    quiet_timeout_s: float = 180.0
    """A session paused this long with nothing said is ended."""

    forget_window_s: float = 60.0
    """How long after a session the forget phrase is listened for."""

    holdoff_s: float = 0.3
    """Audio this long after the device spoke is dropped (its own room tail)."""

    retry_interval_s: float = 1.0
    """How often a lost audio device is tried again."""


class State(enum.Enum):
    WAITING = "waiting"
    SESSION = "session"


class HomeDevice:
    """Serving: waits, wakes, runs sessions, forgets on request."""

    def __init__(
        self,
        *,
        microphone: Microphone,
        speaker: Speaker,
        spotter: Spotter,
        synthesizer: Synthesizer,
        new_session: SessionFactory,
        events: EventLog,
        journal: Forgetful | None = None,
        quiet_hours: QuietHours | None = None,
        commands: CommandRecognizer | None = None,
        options: ServeOptions | None = None,
        local_time: Callable[[], datetime] = datetime.now,
        announcements: Callable[[datetime], list[str]] | None = None,
    ) -> None:
        """`commands` lets a stop word cut the device's own announcements short, as the
        session's barge-in does for its replies; `local_time` decides quiet hours.
        `announcements` is asked, while waiting and outside quiet hours, for lines that are
        due now (the end of an agreed time apart), which are said unprompted."""
        self.mic = microphone
        self.speaker = speaker
        self.spotter = spotter
        self.synth = synthesizer
        self.new_session = new_session
        self.events = events
        self.journal = journal
        self.quiet_hours = quiet_hours or QuietHours()
        self.commands = commands
        self.options = options or ServeOptions()
        self.local_time = local_time
        self.announcements = announcements
        self.state = State.WAITING
        self.sessions = 0
        """Sessions started so far."""
        self._last_session: tuple[datetime, float] | None = None
        """(wall-clock start, monotonic end) of the last session, while it may be forgotten."""
        self._paused_since: float | None = None
        """When the running session paused (monotonic), while it stays paused."""
        events.subscribe(self._watch_pauses)

    # -- the loop --------------------------------------------------------------------------

    async def run(self) -> None:
        """Serve until cancelled. The devices are opened here once and closed on the way out."""
        self.speaker.start()
        try:
            self.mic.start()
        except BaseException:
            self.speaker.close()
            raise
        try:
            while True:
                key = await self._wait()
                if key == WAKE:
                    await self._session()
                elif key == FORGET:
                    await self._forget()
        finally:
            self.speaker.stop()
            self.speaker.close()
            self.mic.close()

    async def _wait(self) -> str:
        """Read the microphone until a phrase that should be acted on is heard."""
        self.state = State.WAITING
        self.events.emit(StateChanged("waiting"))
        self.events.emit(Waiting(forget_open=self._forget_open()))
        self.spotter.reset()
        self.mic.drain()
        while True:
            try:
                chunk = await self.mic.read()
            except DeviceLostError as error:
                await self._recover(error)
                continue
            if chunk is None:  # a replayed input ended: nothing more will ever be said
                await asyncio.Event().wait()
                continue
            heard = await self._feed(chunk)
            if heard is None:
                if not self.spotter.active:
                    await self._announce()
                continue
            self.events.emit(PhraseHeard(heard.key, heard.text))
            self._trim_events()  # a busy household talks a lot between sessions
            if heard.key == WAKE:
                if self.local_time().time() in self.quiet_hours:
                    self.events.emit(WakeIgnored("quiet_hours"))
                    continue
                return WAKE
            if heard.key == FORGET and self._forget_open():
                return FORGET

    async def _announce(self) -> None:
        """Say what is due now, unless it is quiet hours (then it waits for the morning)."""
        if self.announcements is None:
            return
        now = self.local_time()
        if now.time() in self.quiet_hours:
            return
        lines = self.announcements(now)
        for line in lines:
            await self._say(line)
        if lines:
            self.spotter.reset()
            self.mic.drain()

    async def _feed(self, chunk: AudioChunk) -> Heard | None:
        if self.spotter.active:
            # Someone is speaking: decoding takes real CPU time, keep the loop free.
            return await asyncio.to_thread(self.spotter.feed, chunk.samples)
        return self.spotter.feed(chunk.samples)  # silence: an RMS per block, nothing more

    def _forget_open(self) -> bool:
        last = self._last_session
        if last is None or self.journal is None:
            return False
        return time.monotonic() - last[1] <= self.options.forget_window_s

    # -- a session -------------------------------------------------------------------------

    async def _session(self) -> None:
        self.state = State.SESSION
        self.sessions += 1
        began = datetime.now(timezone.utc)
        session = self.new_session(_MicLease(self.mic), _SpeakerLease(self.speaker), self.events)
        self._paused_since = None
        task = asyncio.ensure_future(session.run())
        try:
            while not task.done():
                await asyncio.wait({task}, timeout=0.5)
                since = self._paused_since
                if since is not None and time.monotonic() - since >= self.options.quiet_timeout_s:
                    self.events.emit(QuietTimeout(round(time.monotonic() - since, 1)))
                    task.cancel()
                    await asyncio.wait({task})
            if not task.cancelled() and task.exception() is not None:
                # A failed session (a broken dialogue turn) must not end serving: log it
                # and wait for the next wake phrase.
                logger.error("session failed: %s", task.exception(), exc_info=task.exception())
        finally:
            if not task.done():
                task.cancel()
                await asyncio.wait({task})
            self._last_session = (began, time.monotonic())
            self._trim_events()

    def _watch_pauses(self, _t: float, event: Any) -> None:
        # Only a session that gave up waiting (paused) counts as quiet: a guided
        # reflection's long silences are the session at work, not idleness.
        if isinstance(event, StateChanged):
            if event.state == "paused":
                self._paused_since = self._paused_since or time.monotonic()
            else:
                self._paused_since = None
        elif isinstance(event, SessionResumed):
            self._paused_since = None

    def _trim_events(self) -> None:
        del self.events.events[:-KEPT_EVENTS]

    # -- forget that -----------------------------------------------------------------------

    async def _forget(self) -> None:
        assert self.journal is not None and self._last_session is not None
        began, _ended = self._last_session
        self._last_session = None  # one forget per session; the window closes
        try:
            erased = await asyncio.to_thread(self.journal.forget_since, began)
        except StorageError as error:
            logger.warning("forget failed: %s", error)
            self.events.emit(SessionForgotten(-1))
            await self._say(FORGET_FAILED)
            return
        self.events.emit(SessionForgotten(erased))
        await self._say(FORGOTTEN if erased else NOTHING_TO_FORGET)

    # -- speaking and devices --------------------------------------------------------------

    async def _say(self, text: str) -> None:
        """Say one line; a stop word cuts it short, as in a session. If a device goes away
        meanwhile, the line is dropped (it was only a short answer) and serving waits for
        the devices to come back."""
        try:
            await self._play_line(text)
        except DeviceLostError as error:
            await self._recover(error)

    async def _play_line(self, text: str) -> None:
        self.events.emit(BotUtterance(text))
        samples = await asyncio.to_thread(self.synth.synthesize, text)
        self.speaker.play(samples)
        self.events.emit(PlaybackStarted(text))
        player = asyncio.ensure_future(self.speaker.wait_done())
        watcher = asyncio.ensure_future(self._watch_for_stop())
        try:
            done, _ = await asyncio.wait({player, watcher}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (player, watcher):
                task.cancel()
            await asyncio.wait({player, watcher})
        if player in done and not player.cancelled() and player.exception() is not None:
            raise player.exception()  # type: ignore[misc]  # the speaker went away
        # A microphone lost under the watcher is met again, and recovered, while waiting.
        interrupted = watcher in done and not watcher.cancelled() and not watcher.exception()
        if interrupted:
            self.speaker.stop()
            self.events.emit(BargeIn(watcher.result()))
        self.events.emit(PlaybackFinished(interrupted=interrupted))
        await asyncio.sleep(self.options.holdoff_s)

    async def _watch_for_stop(self) -> str:
        if self.commands is None:
            await asyncio.Event().wait()
        assert self.commands is not None
        self.commands.reset()
        while True:
            chunk = await self.mic.read()
            if chunk is None:
                await asyncio.Event().wait()
                continue
            command = await asyncio.to_thread(
                self.commands.accept, chunk.samples, act_on_partial=BARGE_IN
            )
            if command in BARGE_IN:
                return command

    async def _recover(self, error: DeviceLostError) -> None:
        """A device went away while waiting or answering: retry until it is back."""
        device = self.mic.name if error.kind == "input" else self.speaker.name
        self.events.emit(DeviceLost(device=f"{error.kind}: {device}", error=str(error)))
        logger.warning("%s device lost while serving: %s", error.kind, error)
        await reopen_until_back(
            self.mic, self.speaker, interval_s=self.options.retry_interval_s, log_every=60
        )
        self.events.emit(DeviceRestored(device=f"{self.mic.name} / {self.speaker.name}"))
        self.spotter.reset()


# -- leases: the session's view of the devices serving keeps open ---------------------------


class _MicLease:
    """The open microphone, lent to one session: its `close()` leaves the stream running."""

    def __init__(self, inner: Microphone) -> None:
        self._inner = inner
        self.name = inner.name

    def start(self) -> None:
        self._inner.drain()  # what was said before the session is not for it

    def restart(self) -> None:
        self._inner.restart()

    async def read(self) -> AudioChunk | None:
        return await self._inner.read()

    def listening_started(self) -> None:
        self._inner.listening_started()

    def drain(self) -> None:
        self._inner.drain()

    def close(self) -> None:
        pass


class _SpeakerLease:
    """The open speaker, lent to one session: its `close()` only stops playback."""

    def __init__(self, inner: Speaker) -> None:
        self._inner = inner
        self.name = inner.name

    def start(self) -> None:
        pass

    def restart(self) -> None:
        self._inner.restart()

    def play(self, samples: PCM) -> None:
        self._inner.play(samples)

    def stop(self) -> None:
        self._inner.stop()

    async def wait_done(self) -> None:
        await self._inner.wait_done()

    @property
    def playing(self) -> bool:
        return self._inner.playing

    def recent_output(self, samples: int, until: float | None = None) -> PCM:
        return self._inner.recent_output(samples, until)

    def close(self) -> None:
        self._inner.stop()


__all__ = [
    "HomeDevice",
    "PhraseHeard",
    "QuietTimeout",
    "ServeOptions",
    "SessionForgotten",
    "Waiting",
    "WakeIgnored",
]
