"""The guide for reading or listening elsewhere: an HTML page, a text file, audio files.

What the formats share: where the files go, how they are named, and writing them whole or
not at all. `bone-guide export` itself is tui/commands/export.py.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tui.core.model import Guide

FORMATS = ("html", "txt", "audio")


class ExportError(Exception):
    """A problem to report as one line (the message) and exit 2."""


def file_stem(guide: Guide, guide_path: Path) -> str:
    """Output files are named after the guide file: bone-metastases.yaml -> bone-metastases.*"""
    return Path(guide.path or guide_path).stem or "guide"


def prepare_folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create folder {out}: {exc.strerror or exc}") from None
    return out


@contextmanager
def new_file(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, to write in full before it takes `path`'s place.

    It is created exclusively under a random name (mkstemp: O_CREAT | O_EXCL), so a symlink
    planted at a predictable name such as `path.part` is never followed. When the block ends the
    file is renamed onto `path` (a symlink already at `path` is replaced, not written through);
    when the block fails or is interrupted (Ctrl+C, SIGTERM) it is removed, so no half-written
    file is ever left. The suffix is kept: encoders choose the format by it."""
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    part = Path(name)
    try:
        yield part
        os.chmod(part, 0o666 & ~_umask())  # as an ordinary new file would be (mkstemp makes 0600)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_file(path: Path, text: str) -> None:
    """Write via a temporary file so a failed or interrupted export never leaves half a file."""
    try:
        with new_file(path) as part:
            part.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
