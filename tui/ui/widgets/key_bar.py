"""A one-line bar of keys docked at the bottom of a screen (the kiosk keypad's own words)."""

from __future__ import annotations

from textual.widgets import Static


class KeyBar(Static):
    """The numeric profile's key line, at the bottom of every screen (it replaces `.status`)."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $foreground;
        color: $background;
        text-style: bold;
    }
    """
