"""Shown over everything while the terminal is smaller than the app can use."""

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 40, 12


class TooSmallScreen(ModalScreen):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 1fr; height: auto; text-style: bold; content-align: center middle; }
    """

    def compose(self) -> ComposeResult:
        yield Static(f"Please enlarge the window. It needs at least {MIN_WIDTH} columns and {MIN_HEIGHT} rows.")
