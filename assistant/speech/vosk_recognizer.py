"""Vosk speech recognition: a free-text recognizer and a command-grammar recognizer.

Both share one loaded `vosk.Model`. Vosk finalizes segments on its own at long pauses; the
free-text recognizer keeps those segments so a long-form turn with thinking pauses comes back
as one transcript. `SetWords(True)` gives each word its start, end and confidence.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

from assistant.errors import SpeechModelError
from assistant.events import PCM, SAMPLE_RATE, Transcript, Word
from assistant.speech.commands import CommandVocabulary, normalize
from assistant.speech.delivery import measure_delivery

logger = logging.getLogger(__name__)

UNKNOWN = "[unk]"


def load_model(path: Path) -> Any:
    """Load a Vosk model folder (about 2 s for a small model). Raises `SpeechModelError`."""
    import vosk

    # Kaldi logs to stderr and would drown the session; -2 keeps only errors (which raise).
    vosk.SetLogLevel(-2)
    try:
        return vosk.Model(str(path))
    except Exception as error:  # vosk raises a bare Exception when the model cannot load
        raise SpeechModelError(
            f"The speech model at {path} could not be loaded ({error}). "
            "Run `kintsugi models verify` to check it, or `kintsugi models download` "
            "to fetch a fresh copy."
        ) from error


class BackgroundModel:
    """A Vosk model loading on a thread of its own, so a spoken session can greet the user
    while it loads (a large model takes seconds). Recognizers built on it wait for it when
    they first need it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._loaded = threading.Event()
        self._model: Any = None
        self._error: SpeechModelError | None = None
        threading.Thread(target=self._load, name="load speech model", daemon=True).start()

    def _load(self) -> None:
        try:
            self._model = load_model(self.path)
        except SpeechModelError as error:
            self._error = error
        finally:
            self._loaded.set()

    @property
    def ready(self) -> bool:
        return self._loaded.is_set()

    def get(self) -> Any:
        """The loaded model, waiting for it; raises the load's `SpeechModelError`."""
        self._loaded.wait()
        if self._error is not None:
            raise self._error
        return self._model


def _loaded(model: Any) -> Any:
    return model.get() if isinstance(model, BackgroundModel) else model


class VoskRecognizer:
    """Free-text streaming recognition with partial results and word confidences."""

    def __init__(self, model: Any) -> None:
        """`model` is a loaded `vosk.Model`, or a `BackgroundModel` still loading: the
        first audio then waits for it (nothing the user says is dropped)."""
        self._model = model
        self._recognizer: Any = None
        self._segments: list[list[Word]] = []
        self._lock = threading.Lock()  # Kaldi objects must not be used from two threads at once
        if not isinstance(model, BackgroundModel):
            self._kaldi()

    def _kaldi(self) -> Any:
        if self._recognizer is None:
            import vosk

            self._recognizer = vosk.KaldiRecognizer(_loaded(self._model), SAMPLE_RATE)
            self._recognizer.SetWords(True)
        return self._recognizer

    def accept(self, samples: PCM) -> str:
        with self._lock:
            kaldi = self._kaldi()
            if kaldi.AcceptWaveform(samples.astype("<i2").tobytes()):
                self._keep_segment(kaldi.Result())
                return self._joined("")
            partial = json.loads(kaldi.PartialResult()).get("partial", "")
            return self._joined(_without_markers(str(partial)))

    def final(self) -> Transcript:
        with self._lock:
            kaldi = self._kaldi()
            self._keep_segment(kaldi.FinalResult())
            words = tuple(w for segment in self._segments for w in segment)
            self._segments = []
            kaldi.Reset()
        text = " ".join(w.word for w in words)
        return Transcript(
            text=text, words=words, delivery=measure_delivery(words) if words else None
        )

    def reset(self) -> None:
        with self._lock:
            if self._recognizer is not None:
                self._recognizer.Reset()
            self._segments = []

    def _keep_segment(self, result_json: str) -> None:
        words = words_of(json.loads(result_json))
        if words:
            self._segments.append(words)

    def _joined(self, partial: str) -> str:
        done = " ".join(w.word for segment in self._segments for w in segment)
        return " ".join(part for part in (done, partial) if part)


def _without_markers(text: str) -> str:
    return " ".join(token for token in text.split() if not token.startswith("["))


def words_of(result: dict[str, Any]) -> list[Word]:
    """The words of a Vosk result (with `SetWords(True)`), without its [unk] markers."""
    return [
        Word(
            word=str(item["word"]),
            start_s=float(item.get("start", 0.0)),
            end_s=float(item.get("end", 0.0)),
            confidence=float(item.get("conf", 0.0)),
        )
        for item in result.get("result", [])
        # Bracketed tokens ([unk], [noise], [9] ...) are the model's non-word markers.
        if item.get("word") and not str(item["word"]).startswith("[")
    ]


class CommandRecognizer:
    """Recognition restricted to the command vocabulary (plus [unk] for everything else).

    A grammar makes short commands fast and robust, and means the assistant's own speech
    can only ever be heard as one of these phrases, never as free text.
    """

    def __init__(
        self,
        model: Any,
        vocabulary: CommandVocabulary | None = None,
        *,
        stable_chunks: int = 4,
    ) -> None:
        """A partial result must stay the same for `stable_chunks` blocks before it counts:
        the first partials of a word flicker through similar-sounding phrases."""
        self.vocabulary = vocabulary or CommandVocabulary()
        self._grammar = json.dumps(
            [*sorted(set(self.vocabulary.phrases)), UNKNOWN], ensure_ascii=False
        )
        self._model = model
        self._recognizer: Any = None
        self._lock = threading.Lock()
        if not isinstance(model, BackgroundModel):
            self._kaldi(wait=True)
        self._stable_chunks = stable_chunks
        self._partial = ""
        self._partial_runs = 0
        self.last_text = ""
        """The phrase behind the last command returned (for the echo guard's log)."""

    def accept(self, samples: PCM, *, act_on_partial: frozenset[str] = frozenset()) -> str | None:
        """Feed audio; the canonical command once one is heard, else None.

        Commands in `act_on_partial` fire as soon as the partial result is exactly their
        phrase (barge-in should not wait for Vosk's end-of-utterance silence); the others
        wait for the final result.
        """
        with self._lock:
            kaldi = self._kaldi(wait=False)
            if kaldi is None:  # the model is still loading (the greeting): nothing to hear
                return None
            if kaldi.AcceptWaveform(samples.astype("<i2").tobytes()):
                self._partial, self._partial_runs = "", 0
                result = json.loads(kaldi.Result())
                return self._command(_confident_text(result))
            partial = normalize(json.loads(kaldi.PartialResult()).get("partial", ""))
            if partial != self._partial:
                self._partial, self._partial_runs = partial, 0
            self._partial_runs += 1
            command = self.vocabulary.command_for(partial) if partial else None
            if command in act_on_partial and self._partial_runs >= self._stable_chunks:
                kaldi.Reset()
                self._partial, self._partial_runs = "", 0
                self.last_text = partial
                return command
            return None

    def final(self) -> str | None:
        """End of a command turn: the command in what was said, if any."""
        with self._lock:
            kaldi = self._kaldi(wait=True)
            result = json.loads(kaldi.FinalResult())
            kaldi.Reset()
        return self._command(_confident_text(result))

    def reset(self) -> None:
        with self._lock:
            if self._recognizer is not None:
                self._recognizer.Reset()
            self._partial, self._partial_runs = "", 0

    def _kaldi(self, *, wait: bool) -> Any:
        """The grammar recognizer; None while a `BackgroundModel` loads, unless `wait`."""
        if self._recognizer is None:
            model = self._model
            if isinstance(model, BackgroundModel) and not model.ready and not wait:
                return None
            import vosk

            self._recognizer = vosk.KaldiRecognizer(_loaded(model), SAMPLE_RATE, self._grammar)
            self._recognizer.SetWords(True)
        return self._recognizer

    def _command(self, text: str) -> str | None:
        if not text:
            return None
        self.last_text = text
        return self.vocabulary.command_for(text)


def _confident_text(result: dict[str, Any], min_confidence: float = 0.5) -> str:
    words = [w for w in words_of(result) if w.confidence >= min_confidence]
    return normalize(" ".join(w.word for w in words))
