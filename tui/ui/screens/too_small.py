"""Shown over everything while the terminal is smaller than the app can use."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.screens.lifetime import close

MIN_WIDTH, MIN_HEIGHT = 40, 12


def fits(size: Size) -> bool:
    return size.width >= MIN_WIDTH and size.height >= MIN_HEIGHT


class TooSmallScreen(ModalScreen, inherit_bindings=False):
    """Screen's own Ctrl+C (copy) is not inherited: here, as everywhere, q and Ctrl+C quit
    (the kiosk's own quit action does nothing)."""

    BINDINGS = [Binding("q,ctrl+c,ctrl+q", "app.quit", "Quit", priority=True)]
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 1fr; height: auto; text-style: bold; content-align: center middle; }
    """

    def compose(self) -> ComposeResult:
        how = " Press q to quit." if self.app.CAN_QUIT else ""
        yield Static(f"Please enlarge the window. It needs at least {MIN_WIDTH} columns and "
                     f"{MIN_HEIGHT} rows.{how}")

    def on_screen_resume(self) -> None:
        # Back on top after a screen that covered it (the warning signs) closed: the terminal
        # may have been enlarged meanwhile.
        if fits(self.app.size):
            close(self)
