"""The bookmarks: a list to jump to one (Enter) or remove it (Delete or d)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from tui.ui.keys import Command, bindings
from tui.ui.screens.base import BACK, READ_SCREEN, WHERE, GuideScreen
from tui.ui.screens.lifetime import while_on_stack, while_on_top
from tui.ui.widgets.focus_list import FocusList, row
from tui.ui.widgets.titles import title_widgets
from tui.ui.widgets.status_line import StatusLine, part

EMPTY = "No bookmarks yet. In a section, press b to bookmark the paragraph you are reading."

COMMANDS = [
    Command("up,down", "", "Up / Down", "Move through the bookmarks"),
    Command("enter", "", "Enter", "Go to the chosen bookmark"),
    Command("delete,d", "remove", "Delete or d", "Remove the chosen bookmark"),
    BACK,
    WHERE,
    READ_SCREEN,
]


class BookmarksScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)

    def __init__(self) -> None:
        super().__init__(name="bookmarks")

    def compose(self) -> ComposeResult:
        yield from title_widgets("Bookmarks")
        yield Static("", id="bookmarks-hint")
        yield FocusList(id="bookmark-list")  # the ▶ marker, and the cursor on the chosen one
        yield StatusLine([part("Enter: go", 50), part("Delete or d: remove", 60, "d: remove", 55), part("Esc: back"),
                          part("? help")], classes="status")

    @property
    def marks(self):
        return self.bone_app.places.bookmarks

    def on_mount(self) -> None:
        self.show(0)

    def rows(self) -> list[str]:
        guide = self.bone_app.guide
        return [f"Bookmark {n}: {place.describe(guide)}" for n, place in enumerate(self.marks, 1)]

    def show(self, highlight: int) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        for head, place in zip(self.rows(), self.marks):
            listing.add_option(row(Text(head, style="bold"), place_text(self.bone_app.guide, place)))
        hint = (f"{len(self.marks)} bookmark{'s' if len(self.marks) != 1 else ''}. "
                "Enter to go there, Delete or d to remove." if self.marks else EMPTY)
        self.query_one("#bookmarks-hint", Static).update(hint)
        if self.marks:
            listing.highlighted = max(0, min(highlight, len(self.marks) - 1))
        listing.focus()

    @while_on_top
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.bone_app.open_place(self.marks[event.option_index])

    @while_on_stack
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None and event.option_index < len(self.marks):
            self.bone_app.narrator.announce(self.rows()[event.option_index])

    def action_remove(self) -> None:
        listing = self.query_one(OptionList)
        at = listing.highlighted
        if at is None or not self.marks:
            self.bone_app.say("There is no bookmark to remove.")
            return
        row = self.rows()[at]
        problem = self.bone_app.places.remove_bookmark(at)
        if problem:
            self.notify(problem, severity="warning")
        self.show(at)
        self.bone_app.say(f"{row.replace('Bookmark', 'Removed bookmark', 1)}.")

    def where_am_i(self) -> str:
        count = len(self.marks)
        return (f"You are at the bookmarks: {count} of them. Press Escape to go back."
                if count else "You are at the bookmarks. " + EMPTY + " Press Escape to go back.")

    def screen_text(self) -> list[str]:
        return ["Bookmarks."] + ([r + "." for r in self.rows()] or [EMPTY])


def place_text(guide, place) -> str:
    """The bookmarked paragraph's first words, so the list says what is there."""
    from tui.core.reading import reading_units
    text = reading_units(guide.section(place.section))[place.unit].text
    return text if len(text) <= 70 else text[:67].rsplit(" ", 1)[0] + " ..."
