"""The glossary: each medical word and what it means, all of them or just one section's."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from tui.ui.widgets.focus_list import FocusList, row

from tui.core.model import Section
from tui.core.reading import terms_in
from tui.ui.widgets.titles import title_widgets
from tui.ui.keys import Command, bindings
from tui.ui.screens.lifetime import while_on_stack, while_on_top
from tui.ui.screens.base import BACK, WHERE, GuideScreen
from tui.glyphs import ui
from tui.ui.widgets.status_line import StatusLine, part

COMMANDS = [
    Command("up,down", "", "Up / Down", "Move from word to word"),
    Command("enter,r", "read_entry", "Enter or r", "Read the chosen word and meaning aloud"),
    Command("a", "all_terms", "a", "Show every word in the glossary"),
    BACK,
    WHERE,
]


class GlossaryScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)

    def __init__(self, section: Section | None = None) -> None:
        super().__init__(name="glossary")
        self.section = section
        self.entries = []

    def compose(self) -> ComposeResult:
        yield from title_widgets("Glossary", id="glossary-title")
        yield Static("", id="glossary-scope")
        yield FocusList(id="terms")
        yield StatusLine([part("Up/Down: move", 70), part("Enter: read aloud", 50), part("a: all words", 60),
                          part("Esc: back"), part("? help")], classes="status")

    def on_mount(self) -> None:
        self.show(self.section)

    def show(self, section: Section | None) -> None:
        guide = self.bone_app.guide
        self.section = section
        self.entries = terms_in(guide, section) if section else list(guide.glossary)
        if section and not self.entries:
            self.entries = list(guide.glossary)
            scope = ui(f"“{section.title}” uses no glossary words. Showing all {len(self.entries)} words.")
        elif section:
            scope = ui(f"{len(self.entries)} words used in “{section.title}”. Press a for all words.")
        else:
            scope = f"All {len(self.entries)} words, A to Z."
        self.query_one("#glossary-scope", Static).update(scope)
        listing = self.query_one(OptionList)
        listing.clear_options()
        for entry in sorted(self.entries, key=lambda e: e.term.lower()):
            listing.add_option(row(entry.term, entry.meaning, "bold underline", id=entry.term))
        self.entries.sort(key=lambda e: e.term.lower())
        listing.highlighted = 0
        listing.focus()

    def action_all_terms(self) -> None:
        self.show(None)
        self.bone_app.narrator.announce("Showing all words.")

    def _current(self):
        listing = self.query_one(OptionList)
        return self.entries[listing.highlighted] if listing.highlighted is not None else None

    def action_read_entry(self) -> None:
        entry = self._current()
        if entry:
            self.bone_app.read_aloud([f"{entry.term}.", entry.meaning], f"glossary:{entry.term}")

    @while_on_stack
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self._current()
        if entry:
            self.bone_app.narrator.announce(f"{entry.term}: {entry.meaning}")

    @while_on_top
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_read_entry()

    def where_am_i(self) -> str:
        entry = self._current()
        on = f" on the word {entry.term}" if entry else ""
        return f"You are in the glossary{on}. Press Escape to go back."

    def screen_text(self) -> list[str]:
        return ["Glossary."] + [f"{e.term}: {e.meaning}" for e in self.entries]
