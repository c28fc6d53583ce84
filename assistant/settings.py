"""Settings as frozen dataclasses, one per concern, built once by the CLI and passed down.

Precedence, lowest first: the defaults here, the config file
(`$XDG_CONFIG_HOME/kintsugi/config.yml`, or `--config`), `KINTSUGI_*` environment variables,
then command-line flags. Nothing below the CLI reads global configuration.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import UsageError
from assistant.paths import PROJECT_ROOT, default_data_dir


@dataclass(frozen=True)
class DialogueSettings:
    """The Rasa side: where the project and trained model are."""

    project_dir: Path = PROJECT_ROOT
    """Folder holding domain/, data/, config.yml and actions/."""

    model_dir: Path = PROJECT_ROOT / "models"
    """Folder the trained model is written to and loaded from."""

    understanding_dir: Path = PROJECT_ROOT / "models"
    """Folder of what reads the user's words for meaning: the sentence encoder and the crisis
    classifier. Apart from `model_dir`, so a dialogue model kept elsewhere shares them."""

    max_message_chars: int = 5000
    """Longer messages are cut to this length before the dialogue sees them (and the user
    is told), so one pasted novel cannot stall the turn loop."""

    @property
    def model_path(self) -> Path:
        """The single trained model file the runtime loads."""
        return self.model_dir / "kintsugi.tar.gz"


@dataclass(frozen=True)
class SafetySettings:
    """Which region's crisis resources to give."""

    region: str = "US"
    """Region code for crisis resources (US, UK, INTL)."""


@dataclass(frozen=True)
class PrivacySettings:
    """What may be stored, and where."""

    data_dir: Path = field(default_factory=default_data_dir)
    """User data directory; created 0700, files 0600."""

    keep_transcripts: bool = False
    """Store verbatim transcripts in the journal. Off unless the user consents."""


@dataclass(frozen=True)
class AudioSettings:
    """Microphone and speaker (voice sessions)."""

    input_device: str = ""
    """Microphone: a number or part of a name from `kintsugi devices` ("" = system default)."""

    output_device: str = ""
    """Speaker: a number or part of a name from `kintsugi devices` ("" = system default)."""

    capture_rate: int = 0
    """Microphone sample rate; 0 = 16 kHz when the device takes it, else its own rate
    (converted to 16 kHz with soxr either way)."""

    block_ms: int = 20
    """Audio block length; shorter blocks react faster and cost more wake-ups."""


@dataclass(frozen=True)
class SpeechSettings:
    """Speech recognition."""

    model: str = ""
    """Vosk model folder ("" = the one `kintsugi models download` installs in the data dir)."""

    min_confidence: float = 0.45
    """Mean word confidence below which the assistant says it didn't catch that."""


@dataclass(frozen=True)
class TtsSettings:
    """Speech output."""

    voice: str = ""
    """espeak-ng voice name (see `espeak-ng --voices`; "" = US English)."""

    rate: int = 165
    """Speaking rate in words per minute ("slower"/"faster" change it during a session)."""


@dataclass(frozen=True)
class ServeSettings:
    """The always-on home-device mode (`kintsugi serve`)."""

    wake_phrase: str = "hey coach"
    """What you say to start a session. Any words the speech model knows (`kintsugi serve
    --check` says whether it knows them). The default is two common English words, in the
    pronouncing dictionary every English model is built from; "hey kintsugi" works too, heard
    through English spellings that sound the same (see `wake_sounds_like`)."""

    wake_sounds_like: str = ""
    """Words the speech model does know that sound like the wake phrase, for a phrase with a
    word it does not know ("" = the phrase itself; for "hey kintsugi" a few built-in
    spellings are tried)."""

    forget_phrase: str = "forget that"
    """Said within `forget_window_s` after a session, erases what that session kept."""

    forget_window_s: float = 60.0
    """How long after a session ends the forget phrase is listened for."""

    quiet_hours: str = ""
    """No response to the wake phrase in this daily window, e.g. "22:00-07:00" (it may
    cross midnight; "" = never quiet). Local time."""

    quiet_timeout_s: float = 180.0
    """A session left paused (nothing said) this long ends, and serve waits for the wake
    phrase again."""

    wake_min_confidence: float = 0.6
    """Each word of the wake phrase must be heard with at least this confidence."""


@dataclass(frozen=True)
class Settings:
    """Everything, grouped by concern."""

    dialogue: DialogueSettings = field(default_factory=DialogueSettings)
    safety: SafetySettings = field(default_factory=SafetySettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    tts: TtsSettings = field(default_factory=TtsSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)


def default_config_file() -> Path:
    """Where the optional config file lives."""
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".config"
    return base / "kintsugi" / "config.yml"


_ENV_KEYS = {
    "KINTSUGI_REGION": ("safety", "region"),
    "KINTSUGI_MODEL_DIR": ("dialogue", "model_dir"),
    "KINTSUGI_KEEP_TRANSCRIPTS": ("privacy", "keep_transcripts"),
    "KINTSUGI_INPUT_DEVICE": ("audio", "input_device"),
    "KINTSUGI_OUTPUT_DEVICE": ("audio", "output_device"),
    "KINTSUGI_SPEECH_MODEL": ("speech", "model"),
    "KINTSUGI_VOICE": ("tts", "voice"),
    "KINTSUGI_RATE": ("tts", "rate"),
    "KINTSUGI_WAKE_PHRASE": ("serve", "wake_phrase"),
    "KINTSUGI_QUIET_HOURS": ("serve", "quiet_hours"),
}


def load_settings(
    config_file: Path | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings once: defaults < config file < environment < `overrides`.

    `overrides` is `{"section": {"field": value}}`, typically from command-line flags;
    `None` values are ignored so unset flags do not clobber the file.
    """
    environ = os.environ if environ is None else environ
    layers: dict[str, dict[str, Any]] = {}

    path = config_file or default_config_file()
    if path.exists():
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise UsageError(
                f"Could not read the config file {path}: {error}. Fix or remove it."
            ) from error
        if not isinstance(loaded, dict):
            raise UsageError(f"The config file {path} must be a mapping of sections.")
        for section, values in loaded.items():
            if not isinstance(values, dict):
                raise UsageError(f"In {path}, '{section}' must be a mapping of settings.")
            layers.setdefault(str(section), {}).update(values)

    for env_key, (section, name) in _ENV_KEYS.items():
        if env_key in environ:
            layers.setdefault(section, {})[name] = environ[env_key]

    for section, values in (overrides or {}).items():
        for name, value in values.items():
            if value is not None:
                layers.setdefault(section, {})[name] = value

    return _build(layers)


def _build(layers: Mapping[str, Mapping[str, Any]]) -> Settings:
    sections: dict[str, Any] = {}
    for settings_field in dataclasses.fields(Settings):
        section_type = _SECTION_TYPES[settings_field.name]
        values = dict(layers.get(settings_field.name, {}))
        known = {f.name: f for f in dataclasses.fields(section_type)}
        unknown = set(values) - set(known)
        if unknown:
            raise UsageError(
                f"Unknown setting(s) in '{settings_field.name}': {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(sorted(known))}."
            )
        default = section_type()
        coerced = {
            name: _coerce(value, getattr(default, name), f"{settings_field.name}.{name}")
            for name, value in values.items()
        }
        sections[settings_field.name] = dataclasses.replace(default, **coerced)
    return Settings(**sections)


_SECTION_TYPES: dict[str, type] = {
    "dialogue": DialogueSettings,
    "safety": SafetySettings,
    "privacy": PrivacySettings,
    "audio": AudioSettings,
    "speech": SpeechSettings,
    "tts": TtsSettings,
    "serve": ServeSettings,
}


def _coerce(value: Any, default: Any, name: str) -> Any:
    """Convert a config/env value to the type of the field's default."""
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if isinstance(default, Path):
            return Path(str(value)).expanduser()
        if isinstance(default, float):
            return float(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, str):
            return str(value)
    except (TypeError, ValueError) as error:
        raise UsageError(f"Setting {name} has an invalid value: {value!r}.") from error
    return value
