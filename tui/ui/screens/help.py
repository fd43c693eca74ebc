"""Help: every key of the screen you came from, then the keys that work everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList

from tui.ui.widgets.focus_list import FocusList, row

from tui.ui.widgets.titles import title_widgets
from tui.ui.keys import Command, bindings
from tui.ui.screens.lifetime import while_on_stack
from tui.ui.screens.base import BACK, GuideScreen
from tui.ui.widgets.status_line import StatusLine, part

COMMANDS = [
    Command("up,down", "", "Up / Down", "Move through the keys"),
    Command("d", "disclaimer", "d", "Show the disclaimer again"),
    Command("r", "read_screen", "r", "Read this help aloud"),
    BACK,
]


def help_rows(screen_commands, global_commands) -> list[tuple[str, str]]:
    """(keys, what they do) for a screen, its own keys first; each key listed once."""
    rows, seen = [], set()
    for command in list(screen_commands) + list(global_commands):
        if command.label not in seen:
            seen.add(command.label)
            rows.append((command.label, command.help))
    return rows


class HelpScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)

    def __init__(self, for_screen: GuideScreen | None, global_commands: list[Command]) -> None:
        super().__init__(name="help")
        self.for_name = (for_screen.name or "this") if for_screen else "this"
        self.rows = help_rows(getattr(for_screen, "COMMANDS", []), global_commands)
        self._opened = False  # the first highlight comes from opening, not from the reader

    def compose(self) -> ComposeResult:
        yield from title_widgets(f"Help: keys for the {self.for_name} screen")
        listing = FocusList(id="help-rows")
        yield listing
        yield StatusLine([part("Esc: back"), part("d: disclaimer", 60), part("r: read aloud", 50)],
                         classes="status")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        for keys, what in self.rows:
            listing.add_option(row(keys, what))
        listing.highlighted = 0
        listing.focus()

    @while_on_stack
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # The first row is highlighted on opening; saying it would cut off "Help. ..." itself.
        if not self._opened:
            self._opened = True
            return
        if event.option_index is not None and event.option_index < len(self.rows):
            keys, what = self.rows[event.option_index]
            self.bone_app.narrator.announce(f"{keys}: {what}")

    def action_disclaimer(self) -> None:
        from tui.ui.screens.disclaimer import DisclaimerScreen
        self.app.push_screen(DisclaimerScreen())

    def where_am_i(self) -> str:
        return f"You are in help for the {self.for_name} screen. Press Escape to go back."

    def screen_text(self) -> list[str]:
        return [f"Help for the {self.for_name} screen."] + [f"{k}: {w}." for k, w in self.rows]
