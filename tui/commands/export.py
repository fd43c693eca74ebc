"""`bone-guide export --format html|txt|audio --out DIR`: the guide for reading or listening elsewhere.

Every failure a user can cause (a bad guide, a folder that cannot be written, no speech
engine) is one line on stderr and exit status 2.
"""

from __future__ import annotations

from pathlib import Path

from tui.commands._common import fail, rate_problem
from tui.core.load import load_guide_or_report
from tui.safe_text import shown
from tui.export import FORMATS, ExportError, file_stem, prepare_folder, write_text_file

PROG = "bone-guide export"


def run_export(guide_path: Path, fmt: str, out: Path, rate: int | None = None) -> int:
    if fmt not in FORMATS:
        return fail(PROG, f"unknown format '{fmt}' (choose from: {', '.join(FORMATS)})")
    if problem := rate_problem(rate):
        return fail(PROG, problem)
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2
    from tui.termination import termination_raises
    with termination_raises():  # kill: the file being written is removed, as on Ctrl+C
        return _export(guide, file_stem(guide, guide_path), fmt, out, rate)


def _export(guide, stem: str, fmt: str, out: Path, rate: int | None) -> int:
    try:
        folder = prepare_folder(Path(out))
        if fmt == "audio":
            from tui.export.audio import export_audio
            result = export_audio(guide, folder, stem, rate=rate)
            extra = f" and {len(result.compressed)} {result.compressed_format.upper()} files" \
                if result.compressed else ""
            print(f"Wrote {len(result.wavs)} WAV files{extra} and the playlist "
                  f"{shown(str(result.playlist))}")
            return 0
        if fmt == "html":
            from tui.export.html import guide_to_html as convert
        else:
            from tui.export.text import guide_to_text as convert
        path = folder / f"{stem}.{fmt}"
        write_text_file(path, convert(guide))
        print(f"Wrote {shown(str(path))}")
    except ExportError as exc:
        return fail(PROG, str(exc))
    return 0
