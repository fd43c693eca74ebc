"""Shown over everything while the terminal is smaller than the app can use."""

from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.screens.lifetime import close

MIN_WIDTH, MIN_HEIGHT = 40, 12


def fits(size: Size) -> bool:
    return size.width >= MIN_WIDTH and size.height >= MIN_HEIGHT


class TooSmallScreen(ModalScreen):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 1fr; height: auto; text-style: bold; content-align: center middle; }
    """

    def compose(self) -> ComposeResult:
        yield Static(f"Please enlarge the window. It needs at least {MIN_WIDTH} columns and {MIN_HEIGHT} rows.")

    def on_screen_resume(self) -> None:
        # Back on top after a screen that covered it (the warning signs) closed: the terminal
        # may have been enlarged meanwhile.
        if fits(self.app.size):
            close(self)
