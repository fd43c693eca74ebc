"""What every screen of the reader shares: its command list, 'where am I', reading aloud, back."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.screen import Screen
from textual.types import NoActiveAppError
from textual.geometry import Offset
from textual.widget import Widget

from tui.ui.keys import Command
from tui.ui.screens.lifetime import close, on_stack, on_top, while_on_stack

if TYPE_CHECKING:
    from tui.ui.app import BoneGuideApp

WHERE = Command("w", "where_am_i", "w", "Where am I: say where you are and how to go back")
READ_SCREEN = Command("r", "read_screen", "r", "Read this screen aloud")
BACK = Command("escape,backspace", "back", "Escape or Backspace", "Go back (or stop speaking)")


def compact(width: int, height: int) -> bool:
    """A short or narrow terminal: hints and spacing go, so the text itself keeps its room."""
    return height < 20 or width < 60


def roomy(width: int, height: int) -> bool:
    """Room for block-letter titles as well as the text itself."""
    return height >= 24 and width >= 80


class GuideScreen(Screen, inherit_bindings=False):
    """A reader screen. Subclasses set COMMANDS (their keys, for bindings and help).

    Screen's own bindings are not inherited: its Ctrl+C (copy) would hide the app's quit key.
    """

    COMMANDS: ClassVar[list[Command]] = []
    BINDINGS = []

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name=name)
        # Size classes are set before mounting, while the screen has no widgets: set later,
        # they would restyle every widget. The app is the running one (public `self.app`).
        try:
            app = self.app
        except NoActiveAppError:
            return
        width, height = app.size
        self.add_class(f"-size-{getattr(app, 'size_level', 'normal')}")
        self.set_class(compact(width, height), "-compact")
        self.set_class(roomy(width, height), "-roomy")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys in a burst can reach a screen before it is mounted (its widgets are not there
        # yet) or after it has left the stack: its actions run only in between.
        return self.is_mounted and on_stack(self)

    @property
    def bone_app(self) -> "BoneGuideApp":
        return self.app  # type: ignore[return-value]

    # -- things a screen describes about itself --
    def where_am_i(self) -> str:
        return "You are in the guide."

    def screen_text(self) -> list[str]:
        """Every piece of text on the screen, in reading order, for `r`."""
        return [self.where_am_i()]

    def refresh_size(self) -> None:
        """Called when the text size level changes; screens re-lay themselves out."""

    def apply_size(self, level: str) -> None:
        """Mark this screen with the text size level (CSS does the rest), then let it re-lay out."""
        wanted = f"-size-{level}"
        stale = [c for c in self.classes if c.startswith("-size-") and c != wanted]
        if stale or wanted not in self.classes:
            self.remove_class(*stale)
            self.add_class(wanted)
        self.refresh_size()

    def on_mount(self) -> None:  # Textual also calls the subclasses' own on_mount
        self.apply_size(getattr(self.app, "size_level", "normal"))
        key_bar = getattr(self.app, "key_bar", lambda screen: None)(self)
        if key_bar:
            from tui.ui.widgets.key_bar import KeyBar
            self.mount(KeyBar(key_bar))

    def on_resize(self, event) -> None:
        # A short or narrow terminal drops hints and spacing so the text itself keeps its room.
        small, big = compact(*event.size), roomy(*event.size)
        if small != self.has_class("-compact") or big != self.has_class("-roomy"):
            self.set_class(small, "-compact")
            self.set_class(big, "-roomy")

    # -- shared actions --
    def action_where_am_i(self) -> None:
        text = self.where_am_i()
        self.notify(text, title="Where am I", timeout=10)
        self.bone_app.narrator.announce(text)

    def action_read_screen(self) -> None:
        self.bone_app.narrator.read(self.screen_text(), f"screen:{id(self)}")

    def action_back(self) -> None:
        if self.bone_app.narrator.stop_if_speaking():
            return
        if len(self.app.screen_stack) > 2:
            close(self)

    @while_on_stack
    def put_cursor_on(self, widget: Widget, row: int = 0, column: int = 0) -> None:
        """Move the terminal's cursor (hidden) onto what has focus, for magnifiers and review cursors."""
        region = widget.content_region
        self.app.cursor_position = Offset(region.x + column, max(region.y, min(region.y + row, region.bottom - 1)))


class AnyKeyScreen(GuideScreen):
    """A notice any key closes (the disclaimer, the kiosk's start screen), silencing its reading.
    Priority keys (0 and !: the warning signs) are handled before they reach it."""

    def on_key(self, event) -> None:
        event.stop()
        event.prevent_default()
        # The rest of a burst also comes here: it was typed while this screen was on top.
        # One key closes it; the others are not for the screen underneath.
        if on_top(self):
            self.bone_app.narrator.stop()
            close(self)
