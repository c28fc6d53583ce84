"""What a process listens on, read from /proc: the privacy tests check that nothing listens
beyond loopback."""

from __future__ import annotations

import os
from pathlib import Path


def listening_sockets() -> list[tuple[str, int, int]]:
    """(local address, port, inode) of every listening TCP socket, from /proc."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], int(fields[9])
            if state != "0A":  # LISTEN
                continue
            address_hex, port_hex = local.split(":")
            found.append((address_hex[:width], int(port_hex, 16), inode))
    return found


def socket_inodes(pid: int) -> set[int]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


LOOPBACK_HEX = {"0100007F", "00000000000000000000000001000000"}
