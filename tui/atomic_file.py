"""Writing a file whole or not at all: settings, places and exports all go through here.

The new content goes into a temporary file beside the target, created exclusively under a
random name (mkstemp: O_CREAT | O_EXCL), so a symlink planted at a predictable name such as
`path.part` is never followed, and two copies of the app saving at once never write into each
other's file. When it is complete it is renamed onto the target (a symlink already there is
replaced, not written through); a failure or an interruption (Ctrl+C, SIGTERM) removes it.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


@contextmanager
def new_file(path: Path, private: bool = False) -> Iterator[Path]:
    """A temporary file beside `path`, to write in full before it takes `path`'s place. Its
    suffix is kept (encoders choose the format by it). A `private` file stays readable by its
    owner only; any other gets the mode an ordinary new file would (mkstemp makes 0600)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    part = Path(name)
    try:
        yield part
        if not private:
            os.chmod(part, 0o666 & ~_umask())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str, before: Callable[[], object] | None = None,
                     private: bool = True) -> str | None:
    """Replace `path` with `text`, flushed to disk (the folder too, so the rename survives a power
    cut). Returns why it failed, in a few words, instead of raising; the old file is then
    untouched. `before` runs once the folder exists (e.g. keep a broken file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if before is not None:
            before()
        with new_file(path, private) as part, open(part, "w", encoding="utf-8", newline="\n",
                                                   opener=_no_follow) as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        _sync_folder(path.parent)
    except OSError as exc:
        return exc.strerror or exc.__class__.__name__
    return None


def _no_follow(name: str, flags: int) -> int:
    return os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))


def _sync_folder(folder: Path) -> None:
    """Best effort: not every system lets a folder be synced."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
