"""Is a message in another language? Kintsugi's NLU, analyzers and voice know English only.

The answer comes from Lingua (`lingua-language-detector`, Apache-2.0), a maintained library
whose models ship inside its wheel: no download, no network. It runs in low-accuracy mode
(trigram models only, ~20 MB; high-accuracy mode added ~220 MB and 2 s of loading for the
same decisions here) over a fixed set of languages: English, the Latin-script languages
users here are most likely to type, and the common other scripts.

Language identification is unreliable on a word or two, and a false "I only speak English"
to an English speaker is worse than a missed Spanish sentence (which still gets the calm
"I didn't quite follow that" and the choices). So a message is called another language only
when the library gives English almost no chance (`MAX_ENGLISH_CONFIDENCE`) and there is
enough text to judge: at least `MIN_WORDS` words once capitalised words (most often names:
"Sofía", "Señora Gutiérrez") are set aside, or a script English is never written in.
Measured on every English sentence in data/nlu and tests/eval (1,717, names added) and 34
sentences in eight other languages: README, "Language".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

MAX_ENGLISH_CONFIDENCE = 0.001
"""Above this English confidence a message is English (or too mixed to call otherwise)."""

MIN_WORDS = 3
"""Fewer words than this (names aside) are never called another language in Latin script:
"ok", "hmm", "i dunno", "yo" are too short for any detector."""

LATIN_LANGUAGES = (
    *("ENGLISH", "SPANISH", "GERMAN", "FRENCH", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH"),
)
"""English and the Latin-script languages most likely to be typed here. More candidates
would mean more ways for short English to look foreign; each one added needs measuring."""
OTHER_SCRIPT_LANGUAGES = (
    *("RUSSIAN", "UKRAINIAN", "BELARUSIAN", "BULGARIAN", "SERBIAN", "MACEDONIAN", "KAZAKH"),
    *("MONGOLIAN", "GREEK", "HEBREW", "ARABIC", "PERSIAN", "URDU", "HINDI", "MARATHI"),
    *("BENGALI", "PUNJABI", "GUJARATI", "TAMIL", "TELUGU", "THAI", "GEORGIAN", "ARMENIAN"),
    *("CHINESE", "JAPANESE", "KOREAN"),
)
"""Languages written in other scripts: the script alone tells them from English, so any
length counts (the check this replaced looked only at the script)."""

# "I" and its contractions start with a capital but are English, not names.
_ENGLISH_I = re.compile(r"^I(?:['’](?:m|ll|ve|d))?$")
_PUNCTUATION = ",.!?;:\"'“”‘’()[]…-"

_detector: LanguageDetector | None = None
_lock = threading.Lock()


def _get_detector() -> LanguageDetector:
    """Built once per process, on first use (about 0.1 s; models load lazily per script)."""
    global _detector
    with _lock:
        if _detector is None:
            from lingua import Language, LanguageDetectorBuilder

            names = (*LATIN_LANGUAGES, *OTHER_SCRIPT_LANGUAGES)
            languages = [getattr(Language, name) for name in names]
            builder = LanguageDetectorBuilder.from_languages(*languages)
            _detector = builder.with_low_accuracy_mode().build()
        return _detector


def _latin_capital(char: str) -> bool:
    return char.isupper() and unicodedata.name(char, "").startswith("LATIN")


def _without_names(text: str) -> list[str]:
    """The words, less Latin-script words that start with a capital (names, mostly)."""
    words = []
    for raw in text.split():
        word = raw.strip(_PUNCTUATION)
        if not word:
            continue
        if _latin_capital(word[0]) and not _ENGLISH_I.match(word):
            continue
        words.append(word)
    return words


def other_language(text: str) -> str | None:
    """The language's English name ("Spanish") when `text` is confidently not English,
    else None (English, too short to tell, or nothing but names)."""
    from lingua import Language

    words = _without_names(text)
    if not words:
        return None
    detector = _get_detector()
    values = detector.compute_language_confidence_values(" ".join(words))
    if not values or values[0].value <= 0.0:
        return None  # the detector would not guess ("ok", digits)
    top = values[0].language
    if top == Language.ENGLISH:
        return None
    english = next((v.value for v in values if v.language == Language.ENGLISH), 0.0)
    if english >= MAX_ENGLISH_CONFIDENCE:
        return None
    if top.name not in OTHER_SCRIPT_LANGUAGES and len(words) < MIN_WORDS:
        return None
    return top.name.capitalize()
