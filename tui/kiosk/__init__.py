"""Kiosk mode: the reader locked down for a waiting room (`bone-guide --kiosk --config FILE`).

app.py (the locked-down app: staff exit, idle reset, errors), keys.py (the standard and
numeric keypad profiles), config.py (the config file), screens.py (start, idle notice,
contents, help) and errors.py (the error log).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def run_kiosk(args: argparse.Namespace, guide_path: Path | None = None) -> int:
    """Check the config and guide (problems: `FILE:LINE: message`, exit 2), then run locked down."""
    from dataclasses import replace

    from tui.core.bundled import bundled_guide_path
    from tui.core.guide_cache import load_guide_or_report  # checked once, then from the cache
    from tui.kiosk.config import KioskConfigError, load_kiosk_config
    from tui.ui.themes import THEME_NAMES

    try:
        config = load_kiosk_config(args.config, tuple(THEME_NAMES))
    except KioskConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    chosen = {key: getattr(args, key, None) for key in ("theme", "size") if getattr(args, key, None)}
    if getattr(args, "speech", None):
        chosen.update(speech=True, speech_engine=args.speech)
    config = replace(config, **chosen)
    guide = load_guide_or_report(getattr(args, "guide", None) or config.guide or guide_path
                                 or bundled_guide_path())
    if guide is None:
        return 2
    for name in ("TEXTUAL_ALLOW_SIGNALS", "TEXTUAL"):  # no signals from keys, no devtools
        os.environ.pop(name, None)
    from tui.kiosk.app import KioskApp
    app = KioskApp(guide, config, speech="none" if getattr(args, "no_speech", False) else None,
                   lock_signals=True)
    app.run(mouse=False)
    return app.return_code or 0
