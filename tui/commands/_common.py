"""What every command shares: a mistake is one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import argparse
import sys

from tui.core.settings import FIELDS
from tui.safe_text import shown

USAGE_ERROR = 2


def fail(prog: str, message: str) -> int:
    """Say what went wrong in one visible line (anything quoted from input is escaped)."""
    print(f"{prog}: {shown(message)}", file=sys.stderr)
    return USAGE_ERROR


def rate_problem(rate: int | None) -> str | None:
    problem = FIELDS["rate"].problem(rate) if rate is not None else None
    return f"--rate {problem}" if problem else None


def look_problem(args: argparse.Namespace) -> str | None:
    """A --theme or --size the reader does not have."""
    from tui.ui.themes import THEME_NAMES
    if getattr(args, "theme", None) and args.theme not in THEME_NAMES:
        return f"no theme called '{args.theme}' (choose from: {', '.join(THEME_NAMES)})"
    sizes = FIELDS["size"].choices
    if getattr(args, "size", None) and args.size not in sizes:
        return f"no text size '{args.size}' (choose from: {', '.join(sizes)})"
    return None
