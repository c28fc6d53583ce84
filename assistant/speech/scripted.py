"""A recognizer DOUBLE: it replays known English transcripts instead of recognizing audio.

It exists because the English Vosk model cannot be fetched on the test machines. It is a
test double — the turn boundaries still come from real audio through the real endpointer,
but the words come from the script. Never used outside tests and demos.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.events import PCM, SAMPLE_RATE, Transcript, Word
from assistant.speech.delivery import measure_delivery


class ScriptedRecognizer:
    """Test double for `Recognizer`: each `final()` returns the next scripted line.

    Words are spread evenly over the audio heard in the turn, all with confidence 1.0 (or
    `confidence`), so delivery facts stay plausible. After the script ends, turns come back
    empty ("I didn't catch that").
    """

    def __init__(
        self, lines: Iterable[str], *, confidence: float = 1.0, partials: bool = False
    ) -> None:
        """With `partials`, `accept()` offers the coming line as the partial result (so the
        session's early end for lone commands can be exercised)."""
        self._lines = list(lines)
        self._confidence = confidence
        self._partials = partials
        self._heard = 0
        self.turns = 0
        """How many finals were asked for."""

    def accept(self, samples: PCM) -> str:
        self._heard += len(samples)
        if self._partials and self._lines:
            return self._lines[0]
        return ""

    def final(self) -> Transcript:
        heard_s = self._heard / SAMPLE_RATE
        self._heard = 0
        self.turns += 1
        if not self._lines:
            return Transcript(text="")
        text = self._lines.pop(0)
        tokens = text.split()
        step = max(heard_s, 0.3 * len(tokens)) / max(1, len(tokens))
        words = tuple(
            Word(token, i * step, (i + 0.8) * step, self._confidence)
            for i, token in enumerate(tokens)
        )
        return Transcript(text=text, words=words, delivery=measure_delivery(words))

    def reset(self) -> None:
        self._heard = 0
