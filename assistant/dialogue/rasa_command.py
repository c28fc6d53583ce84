"""`python -m assistant.dialogue.rasa_command ARGS` runs `rasa ARGS` without TensorFlow.

Training, `rasa data validate` and `rasa test` go through here, so they load as fast and as
small as a session does. Importing `assistant` has already installed the hook
(`assistant.dialogue.lean_rasa`); a config that needs TensorFlow is refused before Rasa starts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from assistant.dialogue import lean_rasa
from assistant.errors import KeptOutOfRasaError


def _config_path(argv: list[str]) -> Path:
    for flag in ("--config", "-c"):
        if flag in argv[:-1]:
            return Path(argv[argv.index(flag) + 1])
    return Path("config.yml")


def main(argv: list[str]) -> int:
    config = _config_path(argv)
    if config.is_file():
        try:
            lean_rasa.check_pipeline(yaml.safe_load(config.read_text(encoding="utf-8")) or {})
        except KeptOutOfRasaError as error:
            print(f"kintsugi: {error}", file=sys.stderr)
            return 1
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    try:
        rasa_main()
    except SystemExit as done:
        return int(done.code or 0) if not isinstance(done.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
