"""The warning signs: what to do now, each sign on its own line, read aloud at once."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.focus_list import FocusList

from tui.guide.model import RedFlags
from tui.keys import Command, bindings
from tui.screens.base import GuideScreen
from tui.screens.lifetime import close, while_on_stack, while_on_top
from tui.speech.events import SentenceStarted, UtteranceFinished
from tui.widgets.big_text import BigText
from tui.glyphs import ui

UTTERANCE = "red-flags"

COMMANDS = [
    Command("", "", "! or 0", "Read all the warning signs again, from the top"),
    Command("up,down", "", "Up / Down", "Move to one warning sign"),
    Command("enter,r", "read_item", "Enter or r", "Read the chosen line aloud"),
    Command("escape,backspace", "close", "Escape or Backspace", "Close the warning signs and stop reading"),
]


def panel_flags(app) -> RedFlags:
    """The guide's warning signs with this place's numbers (settings or kiosk config)."""
    settings = app.settings
    return app.guide.red_flags.localised(getattr(settings, "care_line", ""),
                                         getattr(settings, "emergency_number", ""),
                                         getattr(app, "in_clinic", False))


def red_flag_lines(flags: RedFlags) -> list[str]:
    """What is spoken, in order: heading, action, each sign, action again."""
    return [flags.heading + ".", flags.action] + [f"{n}. {s}" for n, s in enumerate(flags.signs, 1)] + [flags.action]


class RedFlagScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)

    def __init__(self) -> None:
        super().__init__(name="warning signs")

    def compose(self) -> ComposeResult:
        flags = panel_flags(self.bone_app)
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
        yield Static(ui("! or 0: read again  ·  Enter: read line  ·  Esc: close"), classes="status")

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
    def on_speech(self, event) -> None:
        if getattr(event, "utterance_id", None) != UTTERANCE:
            return
        listing = self.query_one(OptionList)
        if isinstance(event, SentenceStarted):
            # Sentences 0-1 are the heading and action; then one per sign; then the action.
            item = event.index - 2
            action = self.query_one("#rf-action", Static)
            action.set_class(event.index == 1, "-spoken")
            if 0 <= item < listing.option_count:
                listing.highlighted = item
        elif isinstance(event, UtteranceFinished):
            self.query_one("#rf-action", Static).remove_class("-spoken")

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
        return red_flag_lines(panel_flags(self.bone_app))
