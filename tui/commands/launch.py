"""Start the full-screen reader: load the guide and settings, pick speech, run the app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.core.guide_cache import load_guide_or_report  # checked once, then from the cache


def trust_the_terminal_size() -> None:
    """Drop stale COLUMNS/LINES: Textual asks shutil for the size, which believes them over the
    terminal itself, so an exported COLUMNS=80 drew an 80-column screen into a 40-column window."""
    if sys.stdout.isatty():
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


# Terminal types that all move the cursor, listed in terminfo or not (Textual writes its own
# escape sequences): no need to load curses to ask, which took a few ms of the first screen.
CURSOR_TERMS = frozenset(("xterm", "screen", "tmux", "linux", "rxvt", "alacritty", "foot", "kitty",
                          "wezterm", "konsole", "gnome", "vte"))


def why_the_screen_cannot_be_drawn() -> str | None:
    """Why the full-screen reader cannot run here, in a few words, or None when it can.

    Like less and w3m -dump: without a terminal at both ends, or on a terminal that cannot move
    the cursor (TERM=dumb, unset, or unknown to terminfo), the guide is given as lines instead,
    so no escape sequence reaches a pipe and nothing waits for keys that can never come."""
    for stream, name in ((sys.stdout, "standard output"), (sys.stdin, "standard input")):
        try:
            if not stream.isatty():
                return f"{name} is not a terminal"
        except (AttributeError, ValueError):
            return f"{name} is not a terminal"
    term = os.environ.get("TERM", "")
    if term in ("", "dumb"):
        return "TERM is not set" if not term else "TERM=dumb cannot draw a screen"
    if term.split("-")[0] in CURSOR_TERMS:
        return None
    try:
        import curses
        curses.setupterm(term, sys.stdout.fileno())  # reads terminfo only; writes nothing
        if not curses.tigetstr("cup"):
            return f"TERM={term} cannot move the cursor"
    except ImportError:
        return None  # no terminfo to ask (Windows): trust the terminal
    except Exception:  # curses.error: no terminfo entry for this TERM
        return f"TERM={term} is not a terminal type this system knows"
    return None


def no_color_theme(args: argparse.Namespace, saved_theme: str, default_theme: str) -> str | None:
    """NO_COLOR (no-color.org) asks for no colours of our own: the `terminal` theme, which
    uses the terminal's own colours, unless a theme was chosen on the command line or saved."""
    if os.environ.get("NO_COLOR") and not args.theme and saved_theme == default_theme:
        return "terminal"
    return None


def run_app(args: argparse.Namespace, guide_path: Path) -> int:
    trust_the_terminal_size()
    if getattr(args, "kiosk", False):
        from tui.kiosk import run_kiosk
        return run_kiosk(args, guide_path)
    from tui.core.settings import load_settings
    from tui.ui.themes import THEME_NAMES

    if args.list_themes:
        from tui.ui.themes import THEME_LABELS
        for name in THEME_NAMES:
            print(f"{name:<22} {THEME_LABELS[name]}")
        return 0
    guide = load_guide_or_report(guide_path)
    if guide is None:
        return 2

    loaded, problems = load_settings(tuple(THEME_NAMES))
    chosen = {key: value for key, value in (("theme", args.theme), ("size", args.size),
                                            ("speech", args.speech)) if value}
    settings = loaded.changed(**chosen)
    from tui.core.settings import Settings
    plain_colours = no_color_theme(args, loaded.theme, Settings().theme)
    if plain_colours:
        settings = settings.changed(theme=plain_colours)  # for this run only: not saved
        # Honoured by the theme itself; Textual's own NO_COLOR filter would turn the terminal's
        # default colours into black on black.
        os.environ.pop("NO_COLOR", None)
    from tui.ui.app import BoneGuideApp
    app = BoneGuideApp(guide, settings, speech="none" if args.no_speech else None)
    app.startup_notices = problems
    if chosen:  # a choice made on the command line is remembered like one made in the app
        from tui.core.settings import save_settings
        save_settings(loaded.changed(**chosen))
    app.run(mouse=False)  # keyboard-only: the terminal keeps its own text selection
    return app.return_code or 0
