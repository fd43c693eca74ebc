"""Start the full-screen reader: load the guide and settings, pick speech, run the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.guide.load import GuideError, load_guide


def run_app(args: argparse.Namespace, guide_path: Path) -> int:
    try:
        guide = load_guide(guide_path)
    except GuideError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from tui.app import BoneGuideApp
    app = BoneGuideApp(guide)
    app.run()
    return app.return_code or 0
