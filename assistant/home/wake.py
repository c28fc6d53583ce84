"""Hearing the wake phrase (and "forget that") while the home device waits.

Three small parts:

- a gate: frame energy against the session endpointer's adaptive noise floor. In silence
  only the gate runs (an RMS per 20 ms block), so waiting costs almost nothing; the speech
  decoder sees audio only while someone is speaking, plus a short pre-roll so the first
  syllable is not lost. Audio is kept only in bounded memory (the pre-roll and the current
  utterance, at most `max_utterance_s`), never on disk.
- a `PhraseDecoder`: what words an utterance holds. `VoskGrammarDecoder` restricts Vosk to
  the phrases plus the model's unknown-word token, so other speech becomes "unknown" or a
  jumble of the phrase's words, never free text.
- a matcher: an utterance counts only when all of it, said confidently, is exactly one of
  the phrases. Vosk's grammar mode is a small language model over the phrases' words (it
  happily outputs "hey hey coach hey" for other speech), so "contains the phrase" would
  wake the device for nothing.

The vocabulary check (`plan_phrases`) runs first: a phrase with a word the model does not
know could never be heard, and the user is told so, with what to set instead.
"""

from __future__ import annotations

import collections
import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.errors import SetupError
from assistant.events import PCM, SAMPLE_RATE, Word
from assistant.settings import ServeSettings
from assistant.speech.commands import normalize
from assistant.voice.endpointing import Endpoint, Endpointer, TurnProfile

WAKE = "wake"
FORGET = "forget"

UNKNOWN_TOKENS = ("[unk]", "<UNK>", "<unk>")
"""Names models give the unknown word (English Vosk models: "[unk]"; the Korean one: "<UNK>")."""

BUILT_IN_SOUNDS_LIKE: Mapping[str, Sequence[str]] = {
    # "kintsugi" is not an English word; these are, and say nearly the same sounds. The
    # default phrase ("hey coach") needs none; this one stays an option.
    "hey kintsugi": ("hey kin sue ghee", "hey kin sue gee", "hey kin sue key"),
}
"""Spellings tried, in order, when a wake phrase listed here has a word the model lacks."""

CONFIG_HINT = "under `serve:` in ~/.config/kintsugi/config.yml"

# -- what words the model knows -----------------------------------------------------------

Knows = Callable[[str], "bool | None"]
"""Whether the speech model knows a word (None: this model cannot tell)."""


def vosk_knows(model: Any) -> Knows:
    """`Knows` for a loaded `vosk.Model` (uses its word table; None if the API lacks it)."""
    find = getattr(model, "vosk_model_find_word", None)

    def knows(word: str) -> bool | None:
        if find is None:
            return None
        return bool(find(word) >= 0)

    return knows


def unknown_token(knows: Knows) -> str | None:
    """The model's unknown-word token, if it has one we recognise."""
    for token in UNKNOWN_TOKENS:
        if knows(token):
            return token
    return None


def missing_words(phrase: str, knows: Knows) -> list[str] | None:
    """Words of `phrase` the model does not know (None when it cannot tell)."""
    answers = [(word, knows(word)) for word in normalize(phrase).split()]
    if any(known is None for _word, known in answers):
        return None
    return [word for word, known in answers if not known]


@dataclass(frozen=True)
class PhrasePlan:
    """What the spotter listens for, and what the user should be told about it."""

    phrases: Mapping[str, tuple[str, ...]]
    """WAKE / FORGET → the word sequences that mean it (normalized)."""

    notes: tuple[str, ...] = ()
    """Sentences for the user (a substitute spelling in use, forget unavailable, ...)."""

    checked: bool = True
    """False when the model could not say which words it knows."""


def plan_phrases(serve: ServeSettings, knows: Knows) -> PhrasePlan:
    """Choose the phrases to listen for. Raises `SetupError` (saying what to set) when the
    wake phrase could never be heard with this model."""
    wake = normalize(serve.wake_phrase)
    if not wake:
        raise SetupError(f"The wake phrase is empty. Set `wake_phrase` {CONFIG_HINT}.")
    notes: list[str] = []
    missing = missing_words(wake, knows)
    checked = missing is not None
    wake_phrases: tuple[str, ...] = (wake,)
    if missing:
        candidates = [normalize(serve.wake_sounds_like)] if serve.wake_sounds_like.strip() else []
        candidates += [normalize(c) for c in BUILT_IN_SOUNDS_LIKE.get(wake, ())]
        usable = [c for c in candidates if c and not missing_words(c, knows)]
        if not usable:
            tried = f" (also tried: {', '.join(repr(c) for c in candidates)})" if candidates else ""
            raise SetupError(
                f"The speech model does not know the word(s) {', '.join(map(repr, missing))} "
                f"in the wake phrase {serve.wake_phrase!r}, so it could never hear it{tried}. "
                f"Set `wake_sounds_like` {CONFIG_HINT} to words it knows that sound the same, "
                "or choose another `wake_phrase`."
            )
        wake_phrases = (usable[0],)
        notes.append(
            f"The speech model does not know {', '.join(map(repr, missing))}, so I listen "
            f"for {usable[0]!r}, which sounds the same."
        )
    phrases: dict[str, tuple[str, ...]] = {WAKE: wake_phrases}
    forget = normalize(serve.forget_phrase)
    forget_missing = missing_words(forget, knows) if forget else []
    if not forget:
        notes.append("No forget phrase is set; `kintsugi journal forget` still erases all.")
    elif forget_missing:
        notes.append(
            f"The speech model does not know {', '.join(map(repr, forget_missing))} in the "
            f"forget phrase {serve.forget_phrase!r}, so forgetting by voice is off; set "
            f"`forget_phrase` {CONFIG_HINT}, or use `kintsugi journal forget`."
        )
    else:
        phrases[FORGET] = (forget,)
    if not checked:
        notes.append(
            "This speech model cannot say which words it knows; the wake phrase is unchecked."
        )
    return PhrasePlan(phrases, tuple(notes), checked)


# -- decoding -------------------------------------------------------------------------------


class PhraseDecoder(Protocol):
    """The words in one utterance, from a recognizer restricted to a few phrases."""

    def accept(self, samples: PCM) -> None:
        """Feed audio of the current utterance (16 kHz mono int16)."""

    def finish(self) -> list[Word]:
        """The utterance is over: every word heard in it, with confidences. Resets."""

    def reset(self) -> None:
        """Drop the current utterance."""


class VoskGrammarDecoder:
    """Vosk restricted to the plan's phrases plus the model's unknown-word token."""

    def __init__(self, model: Any, phrases: Sequence[str], *, unknown: str | None) -> None:
        import vosk

        from assistant.speech.vosk_recognizer import words_of

        self._words = words_of
        grammar = sorted(set(phrases)) + ([unknown] if unknown else [])
        # ensure_ascii=False: Vosk looks the words up as UTF-8 text; escaped Korean is unknown.
        self._recognizer = vosk.KaldiRecognizer(
            model, SAMPLE_RATE, json.dumps(grammar, ensure_ascii=False)
        )
        self._recognizer.SetWords(True)
        self._heard: list[Word] = []
        self._lock = threading.Lock()  # fed from a worker thread, reset from the loop

    def accept(self, samples: PCM) -> None:
        with self._lock:
            if self._recognizer.AcceptWaveform(samples.astype("<i2").tobytes()):
                self._heard += self._words(json.loads(self._recognizer.Result()))

    def finish(self) -> list[Word]:
        with self._lock:
            words = self._heard + self._words(json.loads(self._recognizer.FinalResult()))
            self._heard = []
            self._recognizer.Reset()
        return words

    def reset(self) -> None:
        with self._lock:
            self._heard = []
            self._recognizer.Reset()


def match_phrase(
    words: Sequence[Word], phrases: Mapping[str, Sequence[str]], min_confidence: float
) -> str | None:
    """The key whose phrase is exactly the whole utterance, every word confident; else None."""
    if not words or any(w.confidence < min_confidence for w in words):
        return None
    said = normalize(" ".join(w.word for w in words))
    for key, options in phrases.items():
        if said in options:
            return key
    return None


# -- the spotter ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Heard:
    """One utterance the spotter finished."""

    key: str | None
    """WAKE, FORGET, or None for anything else."""

    text: str
    """The words the decoder gave (only ever phrase words or nothing)."""


class Spotter:
    """Gate + decoder + matcher. `feed()` returns a `Heard` when an utterance ends."""

    def __init__(
        self,
        decoder: PhraseDecoder,
        phrases: Mapping[str, Sequence[str]],
        *,
        min_confidence: float = 0.6,
        pre_roll_s: float = 0.4,
        max_utterance_s: float = 5.0,
        trailing_silence_s: float = 0.5,
    ) -> None:
        """`pre_roll_s` of audio from before the gate opened is decoded too (the onset of
        the first word); speech longer than `max_utterance_s` is cut there and judged (a
        wake phrase is short; this bounds memory); `trailing_silence_s` ends an utterance."""
        self.decoder = decoder
        self.phrases = phrases
        self.min_confidence = min_confidence
        self._pre_roll_samples = int(pre_roll_s * SAMPLE_RATE)
        self._pre_roll: collections.deque[PCM] = collections.deque()
        self._pre_roll_len = 0
        self._profile = TurnProfile(
            "wake",
            trailing_silence_s=trailing_silence_s,
            max_length_s=max_utterance_s,
            no_speech_timeout_s=3600.0,
        )
        self.endpointer = Endpointer()
        self.endpointer.begin(self._profile)

    @property
    def active(self) -> bool:
        """Someone is speaking: the next `feed()` will run the decoder (do it off-loop)."""
        return self.endpointer.in_speech

    def feed(self, samples: PCM) -> Heard | None:
        was_active = self.endpointer.in_speech
        marks = self.endpointer.feed(samples)
        if Endpoint.NO_SPEECH in marks:  # an hour of silence: just start counting again
            self.endpointer.begin(self._profile)
            return None
        if not self.endpointer.in_speech and not was_active:
            self._keep_pre_roll(samples)
            return None
        if not was_active:
            for block in self._pre_roll:
                self.decoder.accept(block)
            self._drop_pre_roll()
        self.decoder.accept(samples)
        if Endpoint.SPEECH_ENDED in marks or Endpoint.MAX_LENGTH in marks:
            return self._judge()
        return None

    def reset(self) -> None:
        """Forget any utterance in progress (after the device spoke, or a session)."""
        self.decoder.reset()
        self._drop_pre_roll()
        self.endpointer.begin(self._profile)

    def _judge(self) -> Heard:
        words = self.decoder.finish()
        self.endpointer.begin(self._profile)
        key = match_phrase(words, self.phrases, self.min_confidence)
        return Heard(key, " ".join(w.word for w in words))

    def _keep_pre_roll(self, samples: PCM) -> None:
        self._pre_roll.append(samples)
        self._pre_roll_len += len(samples)
        limit = self._pre_roll_samples
        while self._pre_roll and self._pre_roll_len - len(self._pre_roll[0]) >= limit:
            self._pre_roll_len -= len(self._pre_roll.popleft())

    def _drop_pre_roll(self) -> None:
        self._pre_roll.clear()
        self._pre_roll_len = 0


def vosk_spotter(model: Any, plan: PhrasePlan, serve: ServeSettings) -> Spotter:
    """The real spotter: Vosk's grammar mode over the plan's phrases."""
    knows = vosk_knows(model)
    everything = [p for options in plan.phrases.values() for p in options]
    decoder = VoskGrammarDecoder(model, everything, unknown=unknown_token(knows))
    return Spotter(decoder, plan.phrases, min_confidence=serve.wake_min_confidence)


def describe_plan(serve: ServeSettings, plan: PhrasePlan) -> list[str]:
    """Lines for `kintsugi serve --check` (and a doctor line)."""
    wake = plan.phrases[WAKE][0]
    lines = [
        f"wake phrase: {serve.wake_phrase!r}"
        + ("" if wake == normalize(serve.wake_phrase) else f" (heard as {wake!r})")
    ]
    if FORGET in plan.phrases:
        lines.append(
            f"forget phrase: {serve.forget_phrase!r}, "
            f"for {serve.forget_window_s:.0f} s after a session"
        )
    lines += list(plan.notes)
    return lines
