"""What every screen of the reader shares: its command list, 'where am I', reading aloud, back."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.types import NoActiveAppError
from textual.geometry import Offset
from textual.widget import Widget

from tui.ui.keys import Command
from tui.ui.recovery import HandsErrorsToTheApp
from tui.ui.screens.lifetime import close, on_stack, on_top, while_on_stack
from tui.ui.widgets.message_line import MessageLine, MovedOn

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


class GuideScreen(HandsErrorsToTheApp, Screen, inherit_bindings=False):
    """A reader screen. Subclasses set COMMANDS (their keys, for bindings and help).

    Screen's own bindings are not inherited: its Ctrl+C (copy) would hide the app's quit key.
    """

    COMMANDS: ClassVar[list[Command]] = []
    BINDINGS = []
    # What a screen opened over this one calls it when Escape goes back to it ("Esc contents").
    BACK_LABEL: ClassVar[str] = ""
    # A notice with no list to focus (the disclaimer, an offer): the widget whose first line
    # the terminal cursor goes to, so a magnifier following it shows the words, not (0, 0).
    CURSOR_AT: ClassVar[str] = ""

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

    def on_key(self, event) -> None:
        # A key of a burst typed while this screen was on top, still on its way when a priority
        # key (0: the warning signs) put another screen over it: Textual would look its binding
        # up on the screen now on top, so Down for this page moved the warning signs' list.
        # It was meant for this screen, which is no longer shown: it acts on neither.
        if not on_top(self):
            event.stop()
            event.prevent_default()

    def back_label(self) -> str:
        """What Escape from this screen goes back to: the screen underneath it (the search
        results for a section opened from them), else the contents."""
        stack = self.app.screen_stack
        at = stack.index(self) if self in stack else 0
        below = stack[at - 1] if at > 0 else None
        return getattr(below, "BACK_LABEL", "") or "contents"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys in a burst can reach a screen before it is mounted (its widgets are not there
        # yet) or after it has left the stack: its actions run only in between.
        return self.is_mounted and on_stack(self)

    def _roomy(self, width: int, height: int) -> bool:
        """Room for block-letter titles: a big screen, and each title no taller than a quarter
        of it (at 80x24 a long title in block letters filled the screen and hid the list)."""
        from tui.ui.widgets.big_text import BigText, big_height
        if not roomy(width, height):
            return False
        return all(big_height(title.plain, width - 4) <= height // 4
                   for title in self.query(".big-title").results(BigText))

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
        line = MessageLine(id="message")
        self.mount(line)
        line.keep_rows(self.message_rows(self.size.width))
        key_bar = self.app.key_bar(self)
        if key_bar:
            from tui.ui.widgets.key_bar import KeyBar
            self.mount(KeyBar(key_bar))

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self.cursor_to_focus)

    def cursor_to_focus(self) -> None:
        """Put the terminal cursor back on what has focus (after coming back to this screen)."""
        from textual.widgets import Input

        from tui.ui.widgets.focus_list import FocusList, place_cursor
        if isinstance(self.focused, FocusList):
            self.focused.cursor_to_highlight()
        elif isinstance(self.focused, Input):  # (focused before it was laid out, it put the
            place_cursor(self.focused, self.focused.cursor_screen_offset)  # cursor elsewhere)
        elif self.CURSOR_AT and self.is_mounted:
            for widget in self.query(self.CURSOR_AT):
                self.put_cursor_on(widget)

    # -- the message line (see tui/widgets/message_line.py) --
    def show_message(self, text: str) -> None:
        try:
            self.query_one("#message", MessageLine).show(text)
        except NoMatches:  # not mounted yet: nothing to cover, say it on the next frame
            self.call_after_refresh(self.show_message, text)

    def clear_message(self) -> bool:
        """Clear the message line; True if there was a message."""
        try:
            line = self.query_one("#message", MessageLine)
        except NoMatches:
            return False
        shown = line.shown
        line.clear()
        return shown

    def message_rows(self, width: int) -> int:
        """Rows the message line keeps while empty, at this terminal width (see MessageLine):
        none here, it comes and goes with its message."""
        return 0

    def keep_message_rows(self, width: int | None = None) -> None:
        """Give the message line the rows `message_rows` asks for (after a resize or a size change)."""
        for line in self.query("#message").results(MessageLine):
            line.keep_rows(self.message_rows(self.size.width if width is None else width))

    def on_screen_suspend(self) -> None:
        self.clear_message()  # a message belongs to the moment it was said

    def on_moved_on(self, message: MovedOn) -> None:
        self.clear_message()  # and to the place it was said at: the reader has moved on

    def on_resize(self, event) -> None:
        # A short or narrow terminal drops hints and spacing so the text itself keeps its room.
        self.keep_message_rows(event.size.width)
        small = compact(*event.size)
        # Block-letter titles only where they leave room for the text itself.
        big = self._roomy(*event.size)
        if small != self.has_class("-compact") or big != self.has_class("-roomy"):
            self.set_class(small, "-compact")
            self.set_class(big, "-roomy")
        if self.CURSOR_AT:  # its words moved: the cursor follows them
            self.call_after_refresh(self.cursor_to_focus)

    # -- shared actions --
    def action_where_am_i(self) -> None:
        text = self.where_am_i()
        self.bone_app.show_message(text)
        self.bone_app.narrator.announce(text)

    def action_read_screen(self) -> None:
        self.bone_app.read_aloud(self.screen_text(), f"screen:{id(self)}")

    def action_back(self) -> None:
        self.clear_message()
        if self.bone_app.narrator.stop_if_speaking():
            return
        if len(self.app.screen_stack) > 2:
            close(self)

    @while_on_stack
    def put_cursor_on(self, widget: Widget, row: int = 0, column: int = 0) -> None:
        """Move the terminal's cursor onto what has focus, for magnifiers and braille displays.

        `row` counts from the top of `widget`'s content; the cursor stays inside what is shown.
        """
        from tui.ui.widgets.focus_list import place_cursor
        region = widget.content_region
        shown = region.intersection(self.region)
        for ancestor in widget.ancestors:  # clipped by every scrolling box it sits in
            if isinstance(ancestor, Widget) and ancestor.is_scrollable:
                shown = shown.intersection(ancestor.scrollable_content_region)
        if not shown:
            return
        place_cursor(widget, Offset(region.x + column, max(shown.y, min(region.y + row, shown.bottom - 1))))


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
            self.leave()

    def leave(self) -> None:
        """Take this notice away (it is on top): back to the screen underneath."""
        close(self)
