"""One section of the guide: short wrapped lines, read aloud sentence by sentence on request."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from tui.guide.reading import Hit, reading_units
from tui.keys import Command, bindings
from tui.screens.base import BACK, WHERE, GuideScreen
from tui.speech.events import SentenceStarted, UtteranceFinished
from tui.widgets.reading_block import ReadingBlock

COMMANDS = [
    Command("", "", "Up / Down", "Scroll a line"),
    Command("", "", "PageUp / PageDown", "Scroll a screenful"),
    Command("", "", "Home / End", "Top or end of the section"),
    Command("right,n", "next_section", "Right or n", "Next section"),
    Command("left,p", "previous_section", "Left or p", "Previous section"),
    Command("r,enter", "read", "r or Enter", "Read aloud from here"),
    Command("slash", "search", "/", "Search the guide"),
    Command("g", "terms", "g", "Glossary: the medical words in this section"),
    BACK,
    WHERE,
]


class SectionScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)

    def __init__(self, index: int, hit: Hit | None = None) -> None:
        super().__init__(name="section")
        self.index = index
        self.hit = hit
        self.section = None
        self.units = ()
        self._reading: list[tuple[int, int]] = []  # utterance sentence -> (unit, sentence in unit)
        self._utterance = ""
        self._spoken_unit: int | None = None

    def compose(self) -> ComposeResult:
        guide = self.bone_app.guide
        self.section = guide.sections[self.index]
        self.units = reading_units(self.section)
        yield Static(self.section.title, id="section-title", classes="screen-title")
        with VerticalScroll(id="page"):
            for n, unit in enumerate(self.units):
                yield ReadingBlock(list(unit.sentences), bullet=unit.bullet, id=f"unit-{n}",
                                   classes="bullet" if unit.bullet else "paragraph")
            yield Static(self._end_note(), id="end-note")
        yield Static("", id="status", classes="status")

    def _end_note(self) -> str:
        guide = self.bone_app.guide
        if self.index + 1 < len(guide.sections):
            after = f"Press → or n for the next section: {guide.sections[self.index + 1].title}."
        else:
            after = "This is the last section."
        return f"— End of section {self.index + 1}. {after} Escape: contents. —"

    @property
    def page(self) -> VerticalScroll:
        return self.query_one("#page", VerticalScroll)

    def blocks(self) -> list[ReadingBlock]:
        return list(self.query(ReadingBlock))

    def on_mount(self) -> None:
        self.page.focus()
        self.watch(self.page, "scroll_y", lambda _: self.update_status(), init=False)
        self.update_status()
        if self.hit is not None:
            block = self.blocks()[self.hit.unit_index]
            block.match = (self.hit.start, self.hit.end)
            self.call_after_refresh(self._scroll_to_offset, block, self.hit.start)

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_status)

    def _scroll_to_offset(self, block: ReadingBlock, offset: int) -> None:
        row = block.line_of_offset(offset)
        top = block.virtual_region.y + row
        # Keep a little context above the line, like a reader's finger on the page.
        self.page.scroll_to(y=max(0, top - 2), animate=False)
        self.call_after_refresh(self._cursor_to, block, row)

    def _cursor_to(self, block: ReadingBlock, row: int) -> None:
        self.put_cursor_on(block, row, 2)

    # -- position --
    def current_unit(self) -> int:
        """The block being read, or else the first block whose text is on screen."""
        if self._spoken_unit is not None:
            return self._spoken_unit
        top = self.page.scroll_y
        for n, block in enumerate(self.blocks()):
            if block.virtual_region.bottom > top:
                return n
        return max(0, len(self.units) - 1)

    def at_end(self) -> bool:
        return self.page.scroll_y >= self.page.max_scroll_y

    def update_status(self) -> None:
        guide = self.bone_app.guide
        unit = self.current_unit()
        end = "End of section: → or n for next.  " if self.at_end() else ""
        self.query_one("#status", Static).update(
            f"{end}Section {self.index + 1} of {len(guide.sections)} — {self.section.title}  ·  "
            f"paragraph {unit + 1} of {len(self.units)}  ·  ← → sections  r read  "
            f"Esc contents  ? help")
        if self._spoken_unit is None and self.blocks():
            block = self.blocks()[unit]
            self.put_cursor_on(block, max(0, int(self.page.scroll_y) - block.virtual_region.y), 2)

    def where_am_i(self) -> str:
        guide = self.bone_app.guide
        return (f"Section {self.index + 1} of {len(guide.sections)}: {self.section.title}. "
                f"Paragraph {self.current_unit() + 1} of {len(self.units)}. "
                "Press Escape to go back to the contents.")

    def screen_text(self) -> list[str]:
        return [self.section.title + "."] + [s for u in self.units for s in u.sentences]

    # -- moving --
    def action_next_section(self) -> None:
        if self.index + 1 < len(self.bone_app.guide.sections):
            self.bone_app.open_section(self.index + 1, replace=True)
        else:
            self.notify("This is the last section. Press Escape for the contents.")
            self.bone_app.narrator.announce("This is the last section.")

    def action_previous_section(self) -> None:
        if self.index > 0:
            self.bone_app.open_section(self.index - 1, replace=True)
        else:
            self.notify("This is the first section. Press Escape for the contents.")
            self.bone_app.narrator.announce("This is the first section.")

    def action_search(self) -> None:
        self.bone_app.open_search()

    def action_terms(self) -> None:
        self.bone_app.open_glossary(self.section)

    # -- reading aloud --
    def action_read(self) -> None:
        start = self.current_unit() if self._spoken_unit is None else 0
        self._reading = [(u, s) for u in range(start, len(self.units))
                         for s in range(len(self.units[u].sentences))]
        sentences = [self.units[u].sentences[s] for u, s in self._reading]
        self._utterance = f"section:{self.section.id}:{start}"
        self.bone_app.narrator.read(sentences, self._utterance)

    def on_speech(self, event) -> None:
        if getattr(event, "utterance_id", None) != self._utterance:
            return
        if isinstance(event, SentenceStarted) and event.index < len(self._reading):
            unit, sentence = self._reading[event.index]
            self._mark(unit, sentence)
        elif isinstance(event, UtteranceFinished):
            self._mark(None, None)
            if not event.stopped:
                self.notify("Finished reading. Press → or n for the next section.")

    def _mark(self, unit: int | None, sentence: int | None) -> None:
        blocks = self.blocks()
        if self._spoken_unit is not None and self._spoken_unit < len(blocks):
            blocks[self._spoken_unit].spoken = None
        self._spoken_unit = unit
        if unit is None:
            self.update_status()
            return
        block = blocks[unit]
        block.spoken = sentence
        row = block.line_of_offset(block.sentence_span(sentence)[0])
        area = block.virtual_region
        self.page.scroll_to_region(Region(area.x, area.y + row, area.width, 2), animate=False, force=True)
        self.update_status()
        self.call_after_refresh(self._cursor_to, block, row)

    def on_screen_suspend(self) -> None:
        self._mark(None, None)
