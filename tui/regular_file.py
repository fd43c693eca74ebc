"""Read a small file the user named, refusing anything that is not a regular file.

`bone-guide check /dev/zero` once read until memory ran out, and a FIFO made it wait forever.
The type is checked with stat before opening; the file is opened non-blocking (so even a file
swapped for a FIFO after the check cannot block the open) and checked again with fstat; then
at most `limit + 1` bytes are read, enough for the caller to say "too big".
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileProblem(Exception):
    """Why a file cannot be read, as words that follow its name: 'PATH: <reason>'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_regular_file(path: str | Path, limit: int, what: str) -> bytes:
    """At most `limit + 1` bytes of the regular file at `path` (`what` names it in messages,
    e.g. 'guide file'). Raises FileProblem for a missing, unreadable or non-regular file."""
    try:
        _check_type(os.stat(path).st_mode, what)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem("no such file (check the path)") from None
    except OSError as exc:
        raise FileProblem(f"cannot read it ({exc.strerror or exc.__class__.__name__})") from None
    try:
        _check_type(os.fstat(fd).st_mode, what)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot read it ({exc.strerror or exc.__class__.__name__})") from None
    finally:
        os.close(fd)


def _check_type(mode: int, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise FileProblem(f"is a folder, not a {what}")
    if stat.S_ISFIFO(mode):
        kind = "a pipe (FIFO)"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        raise FileProblem(f"is not a regular file, so not a {what}")
    raise FileProblem(f"is {kind}, not a {what}")
