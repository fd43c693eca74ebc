"""The warning signs: what to do now, each sign on its own line, read aloud at once."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core import script
from tui.glyphs import ui
from tui.ui.keys import Command, bindings
from tui.ui.screens.base import GuideScreen
from tui.ui.screens.lifetime import close, while_on_stack, while_on_top
from tui.ui.widgets.big_text import BigText
from tui.ui.widgets.focus_list import FocusList
from tui.ui.widgets.status_line import StatusLine, part

COMMANDS = [
    Command("", "", "! or 0", "Read all the warning signs again, from the top"),
    Command("up,down", "", "Up / Down", "Move to one warning sign"),
    Command("enter,r", "read_item", "Enter or r", "Read the chosen line aloud"),
    Command("escape,backspace", "close", "Escape or Backspace", "Close the warning signs and stop reading"),
]


class RedFlagScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)

    def __init__(self) -> None:
        super().__init__(name="warning signs")

    def compose(self) -> ComposeResult:
        flags = self.bone_app.local_red_flags()
        yield Static(ui(f"⚠ {flags.heading.upper()} ⚠"), id="rf-heading", classes="screen-title")
        yield BigText(f"! {flags.heading} !", classes="big-title", id="rf-big-heading")
        # The first step only, so the signs still fit a small screen; the whole action ends the list.
        yield Static(ui(f"➜ {flags.action.split('. ')[0].rstrip('.')}."), id="rf-action")
        yield Static("", id="rf-notice")
        listing = FocusList(id="rf-signs")
        for n, sign in enumerate(flags.signs, 1):
            listing.add_option(Option(Text(f"{n}. {sign}", style="bold")))
        listing.add_option(Option(Text(ui(f"➜ {flags.action}"), style="bold")))
        yield listing
        yield StatusLine([part("! or 0: read again", 50), part("Enter: read line", 60), part("Esc: close")],
                         classes="status")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0
        listing.focus()
        self.show_notice()

    @while_on_stack
    def show_notice(self) -> None:
        notice = self.bone_app.narrator.unavailable_notice()
        box = self.query_one("#rf-notice", Static)
        box.update(ui(f"🔇 {notice}") if notice else "")
        box.display = bool(notice)

    @while_on_stack
    def follow_voice(self, index: int | None, stopped: bool = False) -> None:
        """Where the warning signs are being read (the narrator tells this screen alone)."""
        action = self.query_one("#rf-action", Static)
        # Sentences 0-1 are the heading and action; then one per sign; then the action.
        action.set_class(index == 1, "-spoken")
        listing = self.query_one(OptionList)
        if index is not None and 0 <= index - 2 < listing.option_count:
            listing.highlighted = index - 2

    @while_on_stack
    def action_read_item(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            text = listing.label_at(listing.highlighted)
            self.bone_app.read_aloud([text.removeprefix(ui("➜ "))], f"red-flag-item:{listing.highlighted}")

    @while_on_top
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_read_item()

    def action_close(self) -> None:
        self.bone_app.narrator.stop()
        close(self)

    def where_am_i(self) -> str:
        return "You are on the warning signs. Press Escape to close them."

    def screen_text(self) -> list[str]:
        return script.red_flags(self.bone_app.local_red_flags())
