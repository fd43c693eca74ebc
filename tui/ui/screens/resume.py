"""'Continue where you left off': offered at start when the reader last quit inside a section.

Enter opens that paragraph; any other key goes to the contents (0 and ! still open the warning
signs: they are priority keys, handled before this screen hears of them)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.ui.keys import Command
from tui.places import Place
from tui.ui.screens.base import GuideScreen
from tui.ui.screens.lifetime import close, on_top
from tui.ui.widgets.titles import title_widgets
from tui.glyphs import ui
from tui.ui.widgets.status_line import StatusLine, part

COMMANDS = [Command("enter", "", "Enter", "Continue where you left off"),
            Command("", "", "Any other key", "Go to the contents")]


def offer_text(place: Place, guide) -> str:
    return ui(f"Continue where you left off: {place.describe(guide)} — "
              "Enter to continue, any other key for the contents")


class ResumeScreen(GuideScreen):
    COMMANDS = COMMANDS

    def __init__(self, place: Place) -> None:
        super().__init__(name="resume")
        self.place = place
        self._said = False

    def compose(self) -> ComposeResult:
        yield from title_widgets("Welcome back")
        with VerticalScroll(id="page"):
            yield Static(offer_text(self.place, self.bone_app.guide), id="resume-offer")
        yield StatusLine([part("Enter: continue"), part("any other key: contents", 60, "other keys: contents", 55),
                          part("0: warning signs")], classes="status")

    CURSOR_AT = "#resume-offer"

    def on_screen_resume(self) -> None:
        # Said when it is seen (after the disclaimer), not when it is put under the disclaimer.
        if not self._said:
            self._said = True
            self.bone_app.narrator.announce(self.where_am_i())

    def where_am_i(self) -> str:
        return offer_text(self.place, self.bone_app.guide)

    def on_key(self, event) -> None:
        event.stop()
        event.prevent_default()
        if not on_top(self):  # the rest of a burst typed at a screen that has gone
            return
        self.bone_app.narrator.stop()
        close(self)
        if event.key == "enter":
            self.bone_app.open_place(self.place)
