"""`kintsugi talk` through `assistant.cli.voice` with the real dialogue, for tests to run as a
subprocess until (and regardless of whether) the main CLI has the command wired in."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.voice import add_voice_commands
from assistant.errors import KintsugiError
from assistant.settings import load_settings


def main() -> int:
    from assistant.cli.main import _open_dialogue

    parser = argparse.ArgumentParser(prog="kintsugi")
    add_voice_commands(parser.add_subparsers(dest="command", required=True), _open_dialogue)
    args = parser.parse_args()
    try:
        return int(args.handler(args, load_settings()))
    except KintsugiError as error:
        print(f"kintsugi: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("\nStopped. Take care.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
