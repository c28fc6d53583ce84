"""Settings are built once, in a fixed order of precedence, and bad values say what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import UsageError
from assistant.settings import load_settings


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    settings = load_settings(config_file=tmp_path / "missing.yml", environ={})
    assert settings.safety.region == "US"
    assert settings.privacy.keep_transcripts is False
    assert settings.dialogue.model_path.name == "kintsugi.tar.gz"


def test_precedence_file_then_environment_then_flags(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("safety:\n  region: UK\nprivacy:\n  keep_transcripts: yes\n")
    from_file = load_settings(config_file=config, environ={})
    assert from_file.safety.region == "UK"
    assert from_file.privacy.keep_transcripts is True

    from_env = load_settings(config_file=config, environ={"KINTSUGI_REGION": "INTL"})
    assert from_env.safety.region == "INTL"

    from_flag = load_settings(
        config_file=config,
        environ={"KINTSUGI_REGION": "INTL"},
        overrides={"safety": {"region": "US"}, "dialogue": {"model_dir": None}},
    )
    assert from_flag.safety.region == "US"


def test_unknown_setting_names_the_known_ones(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("safety:\n  regoin: UK\n")
    with pytest.raises(UsageError, match=r"regoin.*Known: region"):
        load_settings(config_file=config, environ={})


def test_invalid_value_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="keep_transcripts"):
        load_settings(
            config_file=tmp_path / "none.yml", environ={"KINTSUGI_KEEP_TRANSCRIPTS": "perhaps"}
        )


def test_broken_yaml_says_which_file(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("safety: [unclosed\n")
    with pytest.raises(UsageError, match=str(config)):
        load_settings(config_file=config, environ={})
