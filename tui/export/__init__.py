"""The guide for reading or listening elsewhere: an HTML page, a text file, audio files.

What the formats share: where the files go, how they are named, and writing them whole or
not at all. `bone-guide export` itself is tui/commands/export.py.
"""

from __future__ import annotations

from pathlib import Path

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
    """Write via a temporary file so a failed export never leaves half a file."""
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
