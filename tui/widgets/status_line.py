"""The bottom line of every screen: where you are and which keys do what."""

from textual.widgets import Static


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        dock: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $foreground;
        color: $background;
        text-style: bold;
    }
    """
