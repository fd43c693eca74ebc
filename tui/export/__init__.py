"""`bone-guide export --format html|txt|audio --out DIR`: the guide for reading or listening elsewhere.

Every failure a user can cause (a bad guide, a folder that cannot be written, no speech
engine) is one line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.core.load import load_guide_or_report
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


def run_export(guide_path: Path, fmt: str, out: Path, rate: int | None = None) -> int:
    prog = "bone-guide export"
    if fmt not in FORMATS:
        print(f"{prog}: unknown format '{fmt}' (choose from: {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    if rate is not None:
        from tui.core.settings import RATE_RANGE
        if not RATE_RANGE[0] <= rate <= RATE_RANGE[1]:
            print(f"{prog}: --rate {rate} is out of range {RATE_RANGE[0]}-{RATE_RANGE[1]}",
                  file=sys.stderr)
            return 2
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    stem = file_stem(guide, guide_path)
    try:
        folder = prepare_folder(Path(out))
        if fmt == "html":
            from tui.export.html import guide_to_html
            path = folder / f"{stem}.html"
            write_text_file(path, guide_to_html(guide))
            print(f"Wrote {path}")
        elif fmt == "txt":
            from tui.export.text import guide_to_text
            path = folder / f"{stem}.txt"
            write_text_file(path, guide_to_text(guide))
            print(f"Wrote {path}")
        else:
            from tui.export.audio import export_audio
            result = export_audio(guide, folder, stem, rate=rate)
            extra = f" and {len(result.compressed)} {result.compressed_format.upper()} files" \
                if result.compressed else ""
            print(f"Wrote {len(result.wavs)} WAV files{extra} and the playlist {result.playlist}")
    except ExportError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 2
    return 0
