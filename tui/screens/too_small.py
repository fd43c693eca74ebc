"""Shown over everything while the terminal is smaller than the app can use."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 40, 12


class TooSmallScreen(ModalScreen, inherit_bindings=False):
    """Screen's own Ctrl+C (copy) is not inherited: here, as everywhere, q and Ctrl+C quit."""

    BINDINGS = [Binding("q,ctrl+c,ctrl+q", "app.quit", "Quit", priority=True)]
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 1fr; height: auto; text-style: bold; content-align: center middle; }
    """

    def compose(self) -> ComposeResult:
        yield Static(f"Please enlarge the window. It needs at least {MIN_WIDTH} columns and "
                     f"{MIN_HEIGHT} rows. Press q to quit.")
