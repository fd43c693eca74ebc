"""Search: type words, see each matching place, open the section at the match."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.ui.widgets.focus_list import FocusList

from tui.core import script
from tui.core.reading import search
from tui.ui.widgets.titles import title_widgets
from tui.ui.keys import Command, bindings
from tui.ui.screens.base import BACK, WHERE, GuideScreen
from tui.ui.screens.lifetime import while_on_stack, while_on_top
from tui.glyphs import ui
from tui.ui.widgets.status_line import StatusLine, part

SHOWN = 40  # results listed at most


class SearchBox(Input):
    """A text box that lets the warning-signs keys through: they must work even while typing."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if key in ("exclamation_mark", "0"):
            return False
        return super().check_consume_key(key, character)


COMMANDS = [
    Command("", "", "Type", "Words to look for (results show as you type)"),
    Command("enter", "", "Enter", "In the box: go to the results. On a result: open it"),
    Command("up,down", "", "Up / Down", "Move through the results"),
    Command("tab", "focus_box", "Tab", "Back to the search box"),
    BACK,
    WHERE,
]


class SearchScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)
    BACK_LABEL = "search results"

    def __init__(self) -> None:
        super().__init__(name="search")
        self.hits = []
        self._query = ""
        self._rest_from: int | None = None  # results not yet in the list: from this one on

    def compose(self) -> ComposeResult:
        yield from title_widgets("Search the guide")
        yield SearchBox(placeholder="Type a word, then Enter", id="query")
        yield Static("Type at least 2 letters.", id="summary")
        yield FocusList(id="results")
        yield StatusLine([part("Enter: open", 50), part("Tab: back to the box", 60), part("Esc: back"),
                          part("? help")], classes="status")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.call_after_refresh(self.cursor_to_focus)  # in the box, where typing goes

    @while_on_stack
    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    @while_on_stack
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value != self._query:  # (the same words: the list shown is the list)
            self.show_results(event.value)
        self._add_rest()  # the whole list before it has the focus: End and Down go all the way
        results = self.query_one(OptionList)
        if self.hits:
            results.focus()
            results.highlighted = 0
        self.bone_app.narrator.announce(self.query_one("#summary", Static).content.__str__())

    def show_results(self, query: str) -> None:
        guide = self.bone_app.guide
        # Enough places to choose from; drawing hundreds on every keystroke made typing lag.
        self.hits = search(guide, query, limit=SHOWN)
        self._query = query
        results = self.query_one(OptionList)
        results.clear_options()
        # The rows that fill the list's view now, the rest once they are drawn: each row costs
        # ~0.5 ms to wrap and measure, so 40 of them made every letter typed wait ~20 ms more.
        first = max(6, results.size.height // 2 + 1)
        results.add_options(self._options(0, first))
        self._rest_from = first if len(self.hits) > first else None
        if self._rest_from is not None:
            self.call_after_refresh(self._add_rest)
        summary = self.query_one("#summary", Static)
        if len(" ".join(query.split())) < 2:
            summary.update("Type at least 2 letters.")
        elif not self.hits:
            summary.update(ui(f"No matches for “{query.strip()}”."))
        else:
            sections = len({h.section_index for h in self.hits})
            if len(self.hits) >= SHOWN:
                summary.update(f"Many matches: the first {SHOWN}, from {sections} sections, are listed. "
                               "Type more to narrow it, or Enter to go to them.")
            else:
                summary.update(f"{script.plural(len(self.hits), 'match')} in "
                               f"{script.plural(sections, 'section')}. Enter to go to them.")

    def _options(self, start: int, end: int) -> list[Option]:
        guide = self.bone_app.guide
        options = []
        for n, hit in enumerate(self.hits[start:end], start):
            line, lo, hi = hit.snippet(guide, 56)
            label = Text()
            label.append(f"{guide.sections[hit.section_index].title}\n", style="bold")
            label.append("  " + ui(line[:lo]))
            label.append(ui("«" + line[lo:hi] + "»"), style="bold underline")
            label.append(ui(line[hi:]))
            options.append(Option(label, id=str(n)))
        return options

    @while_on_stack
    def _add_rest(self) -> None:
        """The results not yet in the list (none if they are, or a letter typed since has
        made a new list: its own rest comes after it)."""
        if self._rest_from is not None:
            start, self._rest_from = self._rest_from, None
            self.query_one(OptionList).add_options(self._options(start, len(self.hits)))

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, OptionList):  # Down or Tab into the list: all of it
            self._add_rest()

    @while_on_top
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id)]
        # Over the results, so Escape from the section comes back to them.
        self.bone_app.open_section(hit.section_index, hit=hit, over=True)

    @while_on_stack
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None and event.option_index < len(self.hits):
            hit = self.hits[event.option_index]
            line, _, _ = hit.snippet(self.bone_app.guide, 56)
            self.bone_app.narrator.announce(
                f"{self.bone_app.guide.sections[hit.section_index].title}: {line}")

    def action_focus_box(self) -> None:
        self.query_one(Input).focus()

    def where_am_i(self) -> str:
        return f"You are in search. {self.query_one('#summary', Static).content} Press Escape to go back."

    def screen_text(self) -> list[str]:
        text = ["Search the guide.", str(self.query_one("#summary", Static).content)]
        guide = self.bone_app.guide
        text += [script.hit_line(guide, h) for h in self.hits[:20]]
        return text
