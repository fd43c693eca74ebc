"""The start screen: the guide's sections as a numbered list, and the warning signs on top."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.ui.widgets.focus_list import FocusList, row

from tui.ui.widgets.titles import title_widgets
from tui.ui.keys import Command, bindings
from tui.ui.screens.base import BACK, READ_SCREEN, WHERE, GuideScreen
from tui.glyphs import ui
from tui.ui.screens.lifetime import while_on_stack, while_on_top
from tui.ui.widgets.status_line import StatusLine, part

PAGE_SIZE = 9  # digits 1-9 open a section; 0 stays the warning-signs key

COMMANDS = [
    Command("up,down", "", "Up / Down", "Move through the list"),
    Command("enter", "", "Enter", "Open the chosen section"),
    Command("1,2,3,4,5,6,7,8,9", "", "1 to 9", "Open that section at once"),
    Command("home,end", "", "Home / End", "First or last section"),
    Command("pagedown,pageup", "", "PageDown / PageUp", "Next or previous page of sections"),
    Command("slash", "search", "/", "Search the guide"),
    Command("g", "glossary", "g", "Glossary: what the medical words mean"),
    WHERE,
    READ_SCREEN,
    BACK,  # here: stop speaking, clear the message line
]


def section_row(key: int, number: int, section) -> Option:
    """A section in the list: the key that opens it, its title (and number when the key is not
    it), and its summary under them."""
    head = Text().append(f"{key}  ", style="bold").append(section.title, style="bold")
    if number != key:
        head.append(f"  (section {number})")
    return row(head, section.summary, id=section.id)


class SectionList(FocusList):
    """OptionList whose PageUp/PageDown turn pages of nine (so each page keeps keys 1-9)."""

    BINDINGS = [("pagedown", "screen.page(1)"), ("pageup", "screen.page(-1)")]

    # Home and End: the guide's first and last section, as help and README say, whichever page
    # is shown (OptionList's own stop at this page's first and last row). The contents come
    # back on the page of the section just read, so Home is also the way back to page one.
    def action_first(self) -> None:
        self.screen.choose_section(0)

    def action_last(self) -> None:
        self.screen.choose_section(len(self.app.guide.sections) - 1)


class ContentsScreen(GuideScreen):
    BACK_LABEL = "contents"
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)
    BINDINGS += [(str(n), f"open_number({n})") for n in range(1, 10)]

    def __init__(self) -> None:
        super().__init__(name="contents")
        self.page_index = 0

    def compose(self) -> ComposeResult:
        guide = self.bone_app.guide
        yield from title_widgets(guide.title, id="guide-title")
        yield Static(ui(f"⚠ WARNING SIGNS — press {self.bone_app.key_words.red_flags} at any time"),
                     id="red-flag-entry")
        yield Static("", id="hint")
        yield SectionList(id="sections")
        yield StatusLine(self.STATUS, id="status", classes="status")

    page_size = PAGE_SIZE  # sections a page, each on a digit key
    # Most important kept (tui/ui/widgets/status_line.py): the warning signs, help and quit.
    STATUS = [part("0 warning signs"), part("/ search", 60), part("g glossary", 70), part("? help"),
              part("q quit", 40)]

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.bone_app.guide.sections) // self.page_size))

    def page_sections(self) -> list[tuple[int, int]]:
        """(key, section index) of each section on this page."""
        first, count = self.page_index * self.page_size, len(self.bone_app.guide.sections)
        return [(k, first + k - 1) for k in range(1, self.page_size + 1) if first + k - 1 < count]

    def on_mount(self) -> None:
        self.show_page(0)

    @while_on_stack
    def on_screen_resume(self) -> None:
        self.query_one(SectionList).focus()
        # Back from reading: the list is on the section just read (the last one, after n or p),
        # not where it was when the reader left, so Down goes on to the next one.
        index, self.bone_app.section_read = self.bone_app.section_read, None
        if index is not None:
            self.choose_section(index)

    def choose_section(self, index: int) -> None:
        """Highlight section `index`, turning to its page if need be."""
        page, row = divmod(index, self.page_size)
        if page != self.page_index:
            self.show_page(page, highlight=row)
        else:
            self.query_one(SectionList).highlighted = row

    def show_page(self, page: int, highlight: int = 0) -> None:
        self.page_index = max(0, min(page, self.page_count - 1))
        sections = self.bone_app.guide.sections
        options = [section_row(key, index + 1, sections[index]) for key, index in self.page_sections()]
        options += self.more_options()
        listing = self.query_one(SectionList)
        listing.clear_options()
        listing.add_options(options)
        listing.highlighted = min(highlight, len(options) - 1)
        listing.focus()
        self.query_one("#hint", Static).update(self.hint())

    def more_options(self) -> list[Option]:
        """Rows after the page's sections (the kiosk keypad's 'More sections')."""
        return []

    def hint(self) -> str:
        more = (f"  Page {self.page_index + 1} of {self.page_count}: PageDown/PageUp for more."
                if self.page_count > 1 else "")
        return "Arrows to choose, Enter to open, or press a number." + more + "  ? for help."

    def action_page(self, step: int) -> None:
        if 0 <= self.page_index + step < self.page_count:
            self.show_page(self.page_index + step)
            self.bone_app.narrator.announce(f"Page {self.page_index + 1} of {self.page_count}")
        else:
            self.notify("There are no more pages." if step > 0 else "This is the first page.")

    def action_open_number(self, key: int) -> None:
        sections = dict(self.page_sections())
        if key in sections:
            self.bone_app.open_section(sections[key])
        else:
            self.notify(f"There is no section {key} on this page.")

    @while_on_top
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.bone_app.open_section(self.bone_app.guide.index_of(event.option.id))

    @while_on_stack
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is None:
            return
        section = self.bone_app.guide.section(event.option.id)
        self.bone_app.narrator.announce(f"{event.option_index + 1}. {section.title}")

    @while_on_stack
    def _cursor_to_highlight(self) -> None:
        self.query_one(SectionList).cursor_to_highlight()

    def action_search(self) -> None:
        self.bone_app.open_search()

    def action_glossary(self) -> None:
        self.bone_app.open_glossary()

    def where_am_i(self) -> str:
        listing = self.query_one(SectionList)
        here = ""
        if listing.highlighted is not None:
            section = self.bone_app.guide.section(listing.get_option_at_index(listing.highlighted).id)
            here = f" The list is on {section.title}; press Enter to open it."
        return (f"You are at the contents, page {self.page_index + 1} of {self.page_count}.{here} "
                "Press 0 for the warning signs.")

    def screen_text(self) -> list[str]:
        sections = self.bone_app.guide.sections
        return [self.bone_app.guide.title + ".", "Press 0 at any time for the warning signs."] + [
            f"{k}. {sections[i].title}. {sections[i].summary}" for k, i in self.page_sections()]
