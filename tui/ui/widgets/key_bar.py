"""A one-line bar of keys docked at the bottom of a screen (the kiosk keypad's own words)."""

from __future__ import annotations

from tui.ui.widgets.status_line import StatusLine


class KeyBar(StatusLine):
    """The numeric profile's key line, at the bottom of every screen (it replaces `.status`):
    one row, its keys fitted to the width (the least needed give way: see StatusLine)."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $foreground;
        color: $background;
        text-style: bold;
    }
    """
