"""`bone-guide export --format html|txt|audio --out DIR`: the guide for reading or listening elsewhere.

Every failure a user can cause (a bad guide, a folder that cannot be written, no speech
engine) is one line on stderr and exit status 2.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tui.guide.load import load_guide_or_report
from tui.guide.model import Guide
from tui.safe_text import shown

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


def run_export(guide_path: Path, fmt: str, out: Path, rate: int | None = None) -> int:
    prog = "bone-guide export"
    if fmt not in FORMATS:
        print(f"{prog}: unknown format '{fmt}' (choose from: {', '.join(FORMATS)})", file=sys.stderr)
        return 2
    if rate is not None:
        from tui.settings import RATE_RANGE
        if not RATE_RANGE[0] <= rate <= RATE_RANGE[1]:
            print(f"{prog}: --rate {rate} is out of range {RATE_RANGE[0]}-{RATE_RANGE[1]}",
                  file=sys.stderr)
            return 2
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    from tui.termination import termination_raises
    with termination_raises():  # kill: the file being written is removed, as on Ctrl+C
        return _export(guide, file_stem(guide, guide_path), fmt, out, rate, prog)


def _export(guide: Guide, stem: str, fmt: str, out: Path, rate: int | None, prog: str) -> int:
    try:
        folder = prepare_folder(Path(out))
        if fmt == "html":
            from tui.export.html import guide_to_html
            path = folder / f"{stem}.html"
            write_text_file(path, guide_to_html(guide))
            print(f"Wrote {shown(str(path))}")
        elif fmt == "txt":
            from tui.export.text import guide_to_text
            path = folder / f"{stem}.txt"
            write_text_file(path, guide_to_text(guide))
            print(f"Wrote {shown(str(path))}")
        else:
            from tui.export.audio import export_audio
            result = export_audio(guide, folder, stem, rate=rate)
            extra = f" and {len(result.compressed)} {result.compressed_format.upper()} files" \
                if result.compressed else ""
            print(f"Wrote {len(result.wavs)} WAV files{extra} and the playlist "
                  f"{shown(str(result.playlist))}")
    except ExportError as exc:
        print(f"{prog}: {shown(str(exc))}", file=sys.stderr)
        return 2
    return 0
