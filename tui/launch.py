"""Start the full-screen reader: load the guide and settings, pick speech, run the app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.guide.load import load_guide_or_report


def trust_the_terminal_size() -> None:
    """Drop stale COLUMNS/LINES: Textual asks shutil for the size, which believes them over the
    terminal itself, so an exported COLUMNS=80 drew an 80-column screen into a 40-column window."""
    if sys.stdout.isatty():
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


def run_app(args: argparse.Namespace, guide_path: Path) -> int:
    trust_the_terminal_size()
    if getattr(args, "kiosk", False):
        from tui.kiosk import run_kiosk
        return run_kiosk(args, guide_path)
    from tui.settings import SIZE_LEVELS, load_settings
    from tui.themes import THEME_NAMES

    if args.list_themes:
        from tui.themes import THEME_LABELS
        for name in THEME_NAMES:
            print(f"{name:<22} {THEME_LABELS[name]}")
        return 0
    if args.theme and args.theme not in THEME_NAMES:
        print(f"bone-guide: no theme called '{args.theme}' (choose from: {', '.join(THEME_NAMES)})",
              file=sys.stderr)
        return 2
    if args.size and args.size not in SIZE_LEVELS:
        print(f"bone-guide: no text size '{args.size}' (choose from: {', '.join(SIZE_LEVELS)})",
              file=sys.stderr)
        return 2
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2

    loaded, problems = load_settings(tuple(THEME_NAMES))
    chosen = {key: value for key, value in (("theme", args.theme), ("size", args.size),
                                            ("speech", args.speech)) if value}
    settings = loaded.changed(**chosen)
    from tui.app import BoneGuideApp
    app = BoneGuideApp(guide, settings, speech="none" if args.no_speech else None)
    app.startup_notices = problems
    if chosen:  # a choice made on the command line is remembered like one made in the app
        from tui.settings import save_settings
        save_settings(loaded.changed(**chosen))
    app.run(mouse=False)  # keyboard-only: the terminal keeps its own text selection
    return app.return_code or 0
