"""The guide for reading or listening elsewhere: an HTML page, a text file, audio files.

What the formats share: where the files go, how they are named, and writing them whole or
not at all. `bone-guide export` itself is tui/commands/export.py.
"""

from __future__ import annotations

from pathlib import Path

from tui.atomic_file import write_atomically
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


def write_text_file(path: Path, text: str) -> None:
    """Written whole or not at all, so a failed or interrupted export never leaves half a file."""
    if problem := write_atomically(path, text, private=False):
        raise ExportError(f"cannot write {path}: {problem}")
