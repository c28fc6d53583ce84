"""Saying a reply while listening through it: sentence by sentence through the synthesizer,
keeping the listening partner's time where their own voice begins and ends, and hearing,
meanwhile, a voice command (the command grammar only) or a voice over the partner's words."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from assistant.audio.base import Speaker
from assistant.errors import AudioDeviceError
from assistant.events import (
    SAMPLE_RATE,
    AudioChunk,
    BotUtterance,
    EchoSuppressed,
    PlaybackStarted,
    SynthesisDone,
    SynthesisFailed,
)
from assistant.speech.base import Synthesizer
from assistant.speech.commands import BARGE_IN, DURING_PLAYBACK
from assistant.speech.retry import synthesize_or_none
from assistant.speech.sentences import split_sentences
from assistant.voice.capture import TurnCapture
from assistant.voice.echo import EchoGuard, mentions_command
from assistant.voice.endpointing import Endpointer
from assistant.voice.guided import GuidedVoice
from assistant.voice.options import State
from assistant.voice.overlap import Onset
from assistant.voice.partner import ListeningPartner


class OverlapJudge:
    """Feeds the microphone to the partner's overlap detector off the event loop, one batch
    at a time.

    A feed costs a few milliseconds (an FFT and a small least-squares fit), most of it per
    call rather than per sample. On a busy machine a feed per 20 ms block fell behind the
    microphone by seconds, and the echo reference no longer matched the audio. Here, while
    one feed runs, the blocks that arrive wait and then go in together, so the detector
    keeps up; each batch is judged against the playback that had gone out by the moment its
    last block was captured, so a late judgment still lines up with its echo.
    """

    MAX_BATCH_S = 0.5
    """Longer batches are split: the echo filter is fitted once per batch."""

    def __init__(self, partner: ListeningPartner, speaker: Speaker, endpointer: Endpointer) -> None:
        self._partner = partner
        self._speaker = speaker
        self._endpointer = endpointer
        self._waiting: collections.deque[AudioChunk] = collections.deque()
        self._feeding: asyncio.Future[Onset | None] | None = None
        self._run = -1

    def offer(self, chunk: AudioChunk) -> Onset | None:
        """Queue `chunk`; the onset of a voice over the partner once a feed confirms one."""
        self._waiting.append(chunk)
        onset = None
        if self._feeding is not None:
            if not self._feeding.done():
                return None
            onset, self._feeding = self._feeding.result(), None
        clock = self._partner.clock
        if onset is not None and clock.running:
            return onset
        if clock.running and self._run != clock.runs:
            # A new stretch of the partner's voice: judge it afresh. (Reset only between
            # feeds, so it never races one in the worker thread.)
            self._run = clock.runs
            self._partner.overlap.reset()
        limit = int(self.MAX_BATCH_S * SAMPLE_RATE)
        batch: list[AudioChunk] = []
        taken = 0
        while self._waiting and (not batch or taken < limit):
            batch.append(self._waiting.popleft())
            taken += len(batch[-1].samples)
        samples = np.concatenate([c.samples for c in batch])
        captured_at = batch[-1].captured_at
        reference = self._speaker.recent_output(
            len(samples) + int(1.3 * SAMPLE_RATE), until=captured_at
        )
        self._feeding = asyncio.ensure_future(
            asyncio.to_thread(
                self._partner.overlap.feed,
                samples,
                captured_at,
                reference,
                self._endpointer.noise_floor,
            )
        )
        return None

    async def settle(self) -> None:
        """Wait out a feed still running, so the next reply's reset cannot race it."""
        if self._feeding is not None:
            await asyncio.wait({self._feeding})


def sentences_of(
    lines: Sequence[str], marks: Sequence[int | None]
) -> tuple[list[str], list[int | None]]:
    """A reply's lines split into the sentences they are said in, each keeping its line's
    mark (the partner's monologue segment, or None)."""
    sentences: list[str] = []
    sentence_marks: list[int | None] = []
    for text, mark in zip(lines, marks, strict=True):
        for sentence in split_sentences(text):
            sentences.append(sentence)
            sentence_marks.append(mark)
    return sentences, sentence_marks


class Outbox(NamedTuple):
    """What the session says next, and the state after it."""

    sentences: tuple[str, ...]
    marks: tuple[int | None, ...]
    """Per sentence: the monologue segment when it is the partner's own voice in a listening
    role-play (overlap there is an interruption), else None."""
    then: State


class Playback:
    """The session's voice, and its ear while it speaks."""

    def __init__(
        self,
        *,
        capture: TurnCapture,
        speaker: Speaker,
        synth: Synthesizer,
        partner: ListeningPartner,
        echo_guard: EchoGuard,
        guided: GuidedVoice,
        rate_change: Callable[[str], object],
    ) -> None:
        """`rate_change` acts on "slower" or "faster" heard during playback (outside a
        guided reflection), without interrupting it."""
        # The microphone, the command grammar and the endpointer are the capture's.
        self.mic = capture.mic
        self.commands = capture.commands
        self.endpointer = capture.endpointer
        self.events = capture.events
        self.options = capture.options
        self.speaker = speaker
        self.synth = synth
        self.partner = partner
        self.echo_guard = echo_guard
        self.guided = guided
        self.rate_change = rate_change

    async def play(self, sentences: Sequence[str], marks: Sequence[int | None] = ()) -> None:
        """Say `sentences`. Where the partner's own voice (a mark) begins or ends, wait for
        what is queued to be heard first, so the monologue clock knows when they spoke."""
        marks = list(marks) or [None] * len(sentences)
        self.partner.sentence_spans = []
        queued_until = 0.0
        for index, sentence in enumerate(sentences):
            self.events.emit(BotUtterance(sentence))
            samples, error = await synthesize_or_none(self.synth, sentence)
            if samples is None:  # shown (BotUtterance), not said; the reply goes on
                self.events.emit(SynthesisFailed(sentence, error))
                continue
            self.events.emit(SynthesisDone(sentence, len(samples) / SAMPLE_RATE))
            partner = marks[index] is not None
            if (
                partner
                and self.partner.clock.running
                and marks[index] != self.partner.clock.segment
            ):
                self.partner.clock.segment = int(marks[index] or 0)  # carried on into the next one
            elif partner != self.partner.clock.running:
                await self.speaker.wait_done()
                if partner:
                    self.partner.starts(int(marks[index] or 0))
                else:
                    self.partner.stops()
            now = time.monotonic()
            start = max(now, queued_until)
            queued_until = start + len(samples) / SAMPLE_RATE
            if partner:
                self.partner.sentence_spans.append((index, start, queued_until))
            self.speaker.play(samples)
            if index == 0:
                self.events.emit(PlaybackStarted(sentence))
        await self.speaker.wait_done()
        self.partner.stops()

    async def watch(self, spoken: str, partner: bool = False) -> str | Onset:
        """Listen during playback, through the command grammar only (never free text) - and,
        in a reply where the listening partner speaks (`partner`), for any voice over their
        words (an `Onset`)."""
        guard = self.echo_guard
        guard.reset()
        if self.commands is not None:
            self.commands.reset()
        reference_len = int(1.2 * SAMPLE_RATE)
        judge = OverlapJudge(self.partner, self.speaker, self.endpointer) if partner else None
        try:
            while True:
                chunk = await self.mic.read()
                if chunk is None:  # replay input ended: let the reply finish
                    await asyncio.Event().wait()
                    continue
                if judge is not None:
                    # Fed through the whole reply, so it learns the room's echo from the
                    # coach's lines too; only a voice over the partner's own words counts.
                    onset = judge.offer(chunk)
                    if onset is not None:
                        return onset
                if self.commands is None:
                    continue
                samples = chunk.samples
                if self.options.echo_guard and guard.is_echo(
                    samples, self.speaker.recent_output(reference_len, until=chunk.captured_at)
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
                    self.rate_change(command)
                    continue
                return command
        finally:
            if judge is not None:
                await judge.settle()

    async def speak(
        self, sentences: Sequence[str], marks: Sequence[int | None]
    ) -> str | Onset | None:
        """Say `sentences` while listening through them: the command that cut them short,
        the voice that came in over the partner's (an `Onset`), or None when all was said.
        A lost device raises `DeviceLostError`."""
        player = asyncio.create_task(self.play(sentences, marks))
        partner = any(mark is not None for mark in marks)
        watcher = asyncio.create_task(self.watch(" ".join(sentences), partner))
        try:
            done, _ = await asyncio.wait({player, watcher}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (player, watcher):
                task.cancel()
            # asyncio.wait, not `await task`: it never swallows our own cancellation.
            await asyncio.wait({player, watcher})
        if watcher in done and not watcher.cancelled():
            return watcher.result()
        player.result()
        return None

    async def say_aside(self, text: str) -> None:
        """Say one line outside the turn (the dialogue still loading): shown, and said when
        the synthesizer can; a lost device is handled after the turn."""
        self.events.emit(BotUtterance(text))
        samples, _error = await synthesize_or_none(self.synth, text)
        if samples is None:
            return
        with contextlib.suppress(AudioDeviceError):  # a lost device is handled after the turn
            self.speaker.play(samples)
            await self.speaker.wait_done()
