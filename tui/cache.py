"""bone-guide's cache folder: things worked out once and kept between starts, so the first
screen (and the warning signs' voice) need not wait for them: the checked guide, the warning
signs rendered as speech.

Everything here can be thrown away at any time: a missing, unreadable, truncated or otherwise
wrong entry is ignored and made again. Entries are written whole or not at all (a unique
temporary file in the same folder, then a rename), so two copies of the app writing at once,
or a power cut, never leave half an entry. A cache that cannot be written (read-only home,
full disk) is not a problem: the work is simply done again next time.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tui.folders import user_folder

MAX_ENTRY_BYTES = 20_000_000  # a rendered warning-signs WAV is ~1-2 MB; far more is not ours


def cache_dir() -> Path:
    return user_folder("cache")


def read_entry(name: str) -> bytes | None:
    """The bytes of entry `name` (a file name in the cache folder), or None if it cannot be read."""
    from tui.regular_file import FileProblem, read_regular_file
    try:
        data = read_regular_file(cache_dir() / name, MAX_ENTRY_BYTES, "cache entry")
    except FileProblem:
        return None
    return data if len(data) <= MAX_ENTRY_BYTES else None


def write_entry(name: str, data: bytes) -> bool:
    """Write entry `name` atomically; False (and nothing left behind) if it cannot be written."""
    folder = cache_dir()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, folder / name)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
