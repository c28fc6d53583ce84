"""Loaded into every Python process a privacy test starts (via PYTHONPATH).

It records, and refuses, any attempt to connect to or send to an address that is not
loopback, so a test fails on the attempt itself rather than on a timeout. Attempts are
appended to the file named by KINTSUGI_NETWORK_LOG.
"""

from __future__ import annotations

import ipaddress
import os
import socket

_LOG = os.environ.get("KINTSUGI_NETWORK_LOG")
_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex
_original_sendto = socket.socket.sendto


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like never leave the machine
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name that needs DNS is itself a network attempt


def _check(address: object) -> None:
    if _is_loopback(address):
        return
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {address!r}\n")
    raise ConnectionRefusedError(f"privacy guard: refused non-loopback address {address!r}")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check(address)
    _original_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check(address)
    return _original_connect_ex(self, address)  # type: ignore[arg-type]


def _guarded_sendto(self: socket.socket, data: bytes, *args: object) -> int:
    _check(args[-1] if args else None)
    return _original_sendto(self, data, *args)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
socket.socket.sendto = _guarded_sendto  # type: ignore[method-assign,assignment]
