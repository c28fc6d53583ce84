"""Entry point of the action-server child process: rasa_sdk's app, bound to 127.0.0.1 only.

`rasa run actions` binds 0.0.0.0 by default; we build the same app and choose the host.
"""

from __future__ import annotations

import argparse
import logging
import os
import threading
import time

os.environ["RASA_TELEMETRY_ENABLED"] = "false"

LOOPBACK = "127.0.0.1"


def _exit_when_orphaned(parent_pid: int) -> None:
    """Stop if the Kintsugi process that started us is gone (even after a SIGKILL), so no
    action server is ever left running on its own."""
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(0)


def main() -> None:
    parser = argparse.ArgumentParser(description="Kintsugi's custom-action server (loopback).")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--actions", default="actions.registry")
    parser.add_argument("--unix", help="listen on this Unix socket instead (loopback is down)")
    args = parser.parse_args()

    from rasa_sdk.endpoint import create_app  # imported late: it is slow and only needed here

    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    logging.basicConfig(level=logging.WARNING)
    app = create_app(args.actions)
    if args.unix:
        app.run(unix=args.unix, workers=1, access_log=False, motd=False)
    else:
        app.run(LOOPBACK, args.port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
