"""One section of the guide: short wrapped lines, read aloud sentence by sentence on request."""

from __future__ import annotations

import functools
import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Offset, Region
from textual.widgets import Static

from tui.core import script
from tui.core.reading import Hit, reading_units, sentence_places
from tui.ui.widgets.titles import title_widgets
from tui.ui.keys import Command, bindings
from tui.ui.screens.base import BACK, WHERE, GuideScreen
from tui.ui.widgets.big_text import BigText
from tui.ui.widgets.block_scroll import BlockLineScroll
from tui.ui.widgets.page import Page
from tui.ui.widgets.section_text import SectionText
from tui.ui.widgets.status_line import KEYS, Part, StatusLine, fit_line, part
from tui.ui.screens.lifetime import while_on_stack
from tui.glyphs import ui

CONTEXT_LINES = 2  # lines of the last screenful kept in view by PageDown / PageUp
LINE_GAPS = {"normal": 0, "large": 1, "extra-large": 2, "magnifier": 0}  # blank rows between lines

COMMANDS = [
    Command("up,down", "", "Up / Down", "Scroll a line (at the magnifier size, a line of block letters)"),
    Command("pagedown", "page(1)", "PageDown",
            "Scroll a screenful down, keeping 2 lines in view (magnifier: the last whole line of letters)",
            priority=True),  # before the scrolling box's own PageDown (a full screenful)
    Command("pageup", "page(-1)", "PageUp",
            "Scroll a screenful up, keeping 2 lines in view (magnifier: the top line of letters)",
            priority=True),
    Command("home,end", "", "Home / End",
            "Top or end of the section (magnifier: its first or last sentence)"),
    Command("right", "next", "Right", "Next section; at the magnifier size, the next sentence"),
    Command("left", "previous", "Left", "Previous section; at the magnifier size, the previous sentence"),
    Command("n", "next_section", "n", "Next section"),
    Command("p", "previous_section", "p", "Previous section"),
    Command("r,enter", "read", "r or Enter", "Read aloud from here"),
    Command("comma", "repeat", ",", "Say the last sentence again"),
    Command("slash", "search", "/", "Search the guide"),
    Command("g", "terms", "g", "Glossary: the medical words in this section"),
    BACK,
    WHERE,
]


class SectionScreen(GuideScreen):
    COMMANDS = COMMANDS
    # Home and End mean the top and end of the section at every size; at the magnifier, its first
    # and last sentence (the box of letters alone would only go to the top or end of the sentence
    # shown). Priority: before the focused scrolling box takes them. Ids: the kiosk keypad's 7 / 1.
    BINDINGS = bindings(COMMANDS) + [
        Binding("home", "home", show=False, priority=True, id="section.home"),
        Binding("end", "end", show=False, priority=True, id="section.end"),
    ]

    def __init__(self, index: int, hit: Hit | None = None) -> None:
        super().__init__(name="section")
        self.index = index
        self.hit = hit
        self.section = None
        self.units = ()
        self._spoken_unit: int | None = None
        self._last_said: tuple[int, int] | None = None  # (unit, sentence) heard last
        self._resume_at: tuple[int, int] | None = None  # where a stopped reading goes on
        self.sentences: list[tuple[int, int]] = []  # every (unit, sentence) in reading order
        self.magnified = 0  # index into self.sentences shown at the magnifier size
        # The paragraph to show at the top once a new text size is laid out (None: stay put).
        self._keep_unit: int | None = None
        self._keep_width: int | None = None  # after a resize: the text's width before it
        self._terminal_size = None  # the size of the last resize seen
        self._was_magnifying = False
        self._status_text = ""
        self.start_at: tuple[int, int] | None = None  # (unit, sentence) to open at: resume, bookmark
        # The search match's (unit, offset) and the scroll that brought it into view: while the
        # page stays there, the cursor stays on the match's line, not the first line in view.
        self._cursor_on: tuple[int, int, int] | None = None

    def _take_section(self, index: int, hit: Hit | None) -> None:
        self.index, self.hit = index, hit
        self.section = self.bone_app.guide.sections[index]
        self.units = reading_units(self.section)
        self.sentences = sentence_places(self.section)

    def compose(self) -> ComposeResult:
        self._take_section(self.index, self.hit)
        yield from title_widgets(self.section.title, id="section-title")
        with Page(id="page"):  # every Up/Down of a quick burst counts
            # One widget for all the text: a widget per paragraph made moving between sections slow.
            yield SectionText(self.units, line_gap=LINE_GAPS[self.bone_app.size_level], id="section-text")
            yield Static(self._end_note(), id="end-note")
        with BlockLineScroll(id="magnifier"):  # scrolls by whole lines of block letters
            yield BigText("", id="magnified")
        yield StatusLine(id="status", classes="status")

    def show_section(self, index: int, hit: Hit | None = None) -> None:
        """Show another section on this same screen (next/previous, or from the contents).

        Much quicker than building a new screen: the widgets stay, only their text changes.
        The reader lands where a new screen would put them: the top, or the search match.
        """
        self._spoken_unit = None  # set_units below clears the marks
        self._last_said = self._resume_at = self._cursor_on = None
        self.clear_message()  # said about the section the reader has left
        self._take_section(index, hit)
        self.magnified, self._keep_unit = 0, None
        self.query_one("#section-title", Static).update(self.section.title)
        self.query_one(".big-title", BigText).update(self.section.title)
        text = self.text
        text.set_units(self.units)
        self.query_one("#end-note", Static).update(self._end_note())
        self.page.scroll_to(y=0, animate=False, immediate=True)
        if hit is not None:
            text.match = (hit.unit_index, hit.start, hit.end)
        if self.magnifying:
            self.show_magnified(0)
            if hit is not None:
                self._magnify_hit(hit)
        else:
            self.update_status()
            if hit is not None:
                self.call_after_refresh(self._scroll_to_offset, hit.unit_index, hit.start)
        self.call_after_refresh(self.update_status)

    def _end_note(self) -> str:
        # Opened from the search results, Escape goes back to them, and the note says so.
        return self.bone_app.end_note(self.index, self.back_label())

    @property
    def page(self) -> Page:
        return self.query_one("#page", Page)

    @property
    def text(self) -> SectionText:
        return self.query_one("#section-text", SectionText)

    def _text_top(self) -> int:
        """Where the text starts in the page's scrollable area."""
        return self.text.virtual_region.y

    def on_mount(self) -> None:
        self.page.focus()
        self.query_one("#end-note", Static).update(self._end_note())  # now it knows what is below it
        # After the scroll is laid out, so the cursor goes to the line now on top, not the last one.
        self.watch(self.page, "scroll_y", lambda _: self.call_after_refresh(self.update_status), init=False)
        self.update_status()
        if self.hit is not None:
            self.text.match = (self.hit.unit_index, self.hit.start, self.hit.end)
            if self.magnifying:  # after the size is applied (it shows the first sentence)
                self.call_after_refresh(self._magnify_hit, self.hit)
            else:
                self.call_after_refresh(self._scroll_to_offset, self.hit.unit_index, self.hit.start)
        if self.start_at is not None:
            self.call_after_refresh(self.go_to, *self.start_at)

    # -- places (resume, bookmarks: see tui.places) --
    def current_place(self) -> tuple[int, int]:
        """(paragraph, sentence) the reader is at: the sentence being read or where reading
        stopped, the magnified sentence, or else the first paragraph on screen."""
        if self.magnifying and self.sentences:
            return self.sentences[self.magnified]
        if self._resume_at is not None and (self._spoken_unit is not None or self._on_screen(self._resume_at[0])):
            return self._resume_at
        return self.current_unit(), 0

    @while_on_stack
    def go_to(self, unit: int, sentence: int = 0) -> None:
        """Show paragraph `unit` at the top; `r` then reads from `sentence` (as after a stop)."""
        self.start_at = None
        if not self.units:
            return
        unit = max(0, min(unit, len(self.units) - 1))
        sentence = max(0, min(sentence, len(self.units[unit].sentences) - 1))
        self._resume_at = (unit, sentence)
        if self.magnifying:
            self.show_magnified(self.sentences.index((unit, sentence)))
            return
        row = self.text.unit_rows(unit)[0]
        self.page.scroll_to(y=self._text_top() + row, animate=False, immediate=True)
        self.call_after_refresh(self.update_status)
        self.call_after_refresh(self._cursor_to, row)

    def on_resize(self, event) -> None:
        # The terminal was resized; this runs before the screen is laid out at the new size, so
        # the text is still wrapped to the old width. Rewrapped, the same scroll row would show
        # another paragraph: the one at the top of the view now is kept there, as a size change
        # keeps it (not while reading: the voice's sentence is kept in view instead). Not for
        # the screen's first size: it opens at the top, a search match or a remembered place.
        before, self._terminal_size = self._terminal_size, event.size
        resized = before is not None and before != event.size
        if (resized and not self.magnifying and self.units and self._spoken_unit is None
                and self.page.size.height > 0 and self._keep_unit is None):
            self._keep_unit = self.current_unit()
            self._keep_width = self.text.size.width
            self.call_after_refresh(self._keep_place)
        elif resized and self._spoken_unit is not None and self.text.spoken is not None:
            self.call_after_refresh(self._mark, *self.text.spoken)
        self.call_after_refresh(self.update_status)

    @while_on_stack
    def _scroll_to_offset(self, unit: int, offset: int) -> None:
        row = self.text.row_of(unit, offset)
        top = self._text_top() + row
        # Keep a little context above the line, like a reader's finger on the page.
        self.page.scroll_to(y=max(0, top - 2), animate=False, immediate=True)
        # The cursor stays on this line (not the first in view) until the page moves on.
        self._cursor_on = (unit, offset, round(self.page.scroll_y))
        self.call_after_refresh(self._cursor_to, row)

    @while_on_stack
    def _cursor_to(self, row: int) -> None:
        """The cursor to text row `row`, past the bullet gutter; from the page's own region and
        scroll offset (the text's region lags a scroll by a frame)."""
        from tui.ui.widgets.focus_list import place_cursor
        view = self.page.scrollable_content_region
        y = view.y + self._text_top() + row - round(self.page.scroll_y)
        place_cursor(self.text, Offset(view.x + 2, max(view.y, min(y, view.bottom - 1))))

    # -- position --
    def current_unit(self) -> int:
        """The block being read, or else the first block whose text is on screen."""
        if self._spoken_unit is not None:
            return self._spoken_unit
        return self.text.unit_at_row(round(self.page.scroll_y) - self._text_top())

    def at_end(self) -> bool:
        return self.page.scroll_y >= self.page.max_scroll_y

    @property
    def magnifying(self) -> bool:
        return self.bone_app.size_level == "magnifier"

    def apply_size(self, level: str) -> None:
        # Where the reader is, read before the new size re-lays the text out (and before the
        # magnifier class hides the page): the paragraph at the top of the view (or being
        # read), or the one holding the magnified sentence. Not while the screen is being
        # built: it opens at the top, a search match or a remembered place.
        self._was_magnifying = self.has_class("-size-magnifier")
        self._keep_width = None  # a new size re-lays the text out, whatever its width
        if self._was_magnifying:
            self._keep_unit = self.sentences[self.magnified][0] if self.sentences else None
        elif self._keep_unit is None:  # (else a quick second key: the place not yet laid out)
            self._keep_unit = self.current_unit() if self.page.size.height > 0 else None
        super().apply_size(level)

    def refresh_size(self) -> None:
        level = self.bone_app.size_level
        self.text.line_gap = LINE_GAPS[level]
        if self.magnifying:
            if self._was_magnifying:  # (the screen being built) the same sentence again
                first = self.magnified
            else:  # the first sentence of the paragraph the reader was at
                first = next((i for i, (u, _) in enumerate(self.sentences) if u == self._keep_unit), 0)
            self._keep_unit = None
            self.show_magnified(first)
            self.query_one("#magnifier").focus()
        else:
            self.page.focus()
            # Rows depend on the new width, gaps and margins: known once laid out.
            self.call_after_refresh(self._keep_place)
        self.keep_message_rows()
        # The cursor to the first line in view once the new layout is drawn (magnifiers follow it).
        self.call_after_refresh(self.update_status)

    @while_on_stack
    def _keep_place(self) -> None:
        """After a size change or a resize, laid out: the paragraph the reader was at to the top
        of the view. (Nothing if another section or the magnifier came meanwhile: they clear
        the place.)"""
        unit, self._keep_unit = self._keep_unit, None
        width, self._keep_width = self._keep_width, None
        if unit is None or self.magnifying:
            return
        if width is not None and width == self.text.size.width:
            return  # a resize that rewrapped nothing (only the height, or beyond the text's width)
        self.page.scroll_to(y=self._text_top() + self.text.unit_rows(unit)[0], animate=False, immediate=True)
        self.update_status()  # the cursor to its first line

    def show_magnified(self, index: int) -> None:
        if not self.sentences:
            return
        self.magnified = max(0, min(index, len(self.sentences) - 1))
        unit, n = self.sentences[self.magnified]
        self.query_one("#magnified", BigText).update(self.units[unit].sentences[n])
        self.query_one("#magnifier").scroll_home(animate=False, immediate=True)
        self.update_status()

    @while_on_stack
    def _magnify_hit(self, hit: Hit) -> None:
        """Magnify the sentence with the search match, its line of letters in view."""
        unit = hit.unit_index
        sentence = max(n for n in range(len(self.units[unit].sentences))
                       if n == 0 or self.text.sentence_span(unit, n)[0] <= hit.start)
        self.show_magnified(self.sentences.index((unit, sentence)))
        offset = hit.start - self.text.sentence_span(unit, sentence)[0]
        self.call_after_refresh(self._magnified_line_to_view, offset)

    @while_on_stack
    def _magnified_line_to_view(self, offset: int) -> None:
        line = self.query_one("#magnified", BigText).line_at(offset)
        self.query_one("#magnifier", BlockLineScroll).show_line(line)
        self.call_after_refresh(self.update_status)  # the cursor to the new top line

    @while_on_stack
    def update_status(self) -> None:
        if self.magnifying:
            self._set_status(self._status_parts("sentence", self.magnified, len(self.sentences),
                                                [part("← → sentences", 70), part("n p sections", 80, sep=KEYS)]))
            self.put_cursor_on(self.query_one("#magnified"))
            return
        unit = self.current_unit()
        self._set_status(self._status_parts("paragraph", unit, len(self.units),
                                            [part("← → sections", 80)], end=self.at_end()))
        if self._spoken_unit is None and self.units:
            row = self._kept_cursor_row()
            if row is None:  # the start of the first line of text in view
                top = self.text.unit_rows(unit)[0]
                row = self.text.text_row_at_or_after(max(top, round(self.page.scroll_y) - self._text_top()))
            self._cursor_to(row)

    def _kept_cursor_row(self) -> int | None:
        """The row of the line the cursor was put on (the search match), while the page is
        still where it was put; once the reader scrolls, the cursor follows the page again."""
        if self._cursor_on is None:
            return None
        unit, offset, scroll_y = self._cursor_on
        if round(self.page.scroll_y) != scroll_y:
            self._cursor_on = None
            return None
        return self.text.row_of(unit, offset)

    def cursor_to_focus(self) -> None:
        if self.is_mounted and self.query("#section-text"):  # not while being built or torn down
            self.update_status()  # puts the cursor on the reading line

    def _status_parts(self, unit_name: str, at: int, count: int, moves: list[Part],
                      end: bool = False) -> list[Part]:
        """The status line, most important kept (see tui/ui/widgets/status_line.py): where you
        are (the section; the end of it), "? help" and the key back stay at every width; the
        title (shown above), the place in the section and the other keys give way to them."""
        short = "para" if unit_name == "paragraph" else unit_name
        return [
            *([part("End of section: → or n for next.", 45, "End of section", 40, "End", 10)] if end else []),
            part(f"Section {self.index + 1} of {len(self.bone_app.guide.sections)}", 20,
                 f"Section {self.index + 1}/{len(self.bone_app.guide.sections)}"),
            part(f" — {self.section.title}", 75, sep=""),
            part(f"{unit_name} {at + 1} of {count}", 50, f"{short} {at + 1}/{count}", 30),
            *moves,
            part("r read", 90, sep=KEYS),
            part(f"Esc {self.back_label()}", 48, "Esc back", sep=KEYS),
            part("? help", sep=KEYS),
        ]

    def _set_status(self, parts: list[Part]) -> None:
        status = self.query_one("#status", StatusLine)
        status.show(parts)
        self._status_text = fit_line(parts, 10_000)  # the whole line, as at the widest

    def where_am_i(self) -> str:
        guide = self.bone_app.guide
        if self.magnifying:
            return script.where_in_section(guide, self.index, "sentence", self.magnified, len(self.sentences),
                                           self.back_label())
        return script.where_in_section(guide, self.index, "paragraph", self.current_unit(), len(self.units),
                                       self.back_label())

    def screen_text(self) -> list[str]:
        return script.section_sentences(self.section)

    # -- moving --
    def action_page(self, step: int) -> None:
        """A screenful less two lines: the last lines read stay in view, as in Emacs."""
        if self.magnifying:  # whole lines of block letters, the last one in view kept
            self.query_one("#magnifier", BlockLineScroll).page(step)
            return
        self.page.move(step * self.page.screenful(keep=CONTEXT_LINES))

    def action_next(self) -> None:
        """Right and n: the next section; at the magnifier size Right steps a sentence."""
        if self.magnifying:
            self.step_sentence(+1)
        else:
            self.action_next_section()

    def action_previous(self) -> None:
        if self.magnifying:
            self.step_sentence(-1)
        else:
            self.action_previous_section()

    def step_sentence(self, step: int) -> None:
        target = self.magnified + step
        if target >= len(self.sentences):
            self.action_next_section()
        elif target < 0:
            self.action_previous_section()
        else:
            self.magnify_sentence(target)

    def magnify_sentence(self, index: int) -> None:
        """Show sentence `index` in block letters, and say it (a move the reader asked for)."""
        if not self.sentences:
            return
        self.bone_app.narrator.stop_if_speaking()
        self.clear_message()  # said about the sentence the reader has left
        self.show_magnified(index)
        unit, n = self.sentences[self.magnified]
        self.bone_app.narrator.announce(self.units[unit].sentences[n])

    def action_home(self) -> None:
        if self.magnifying:
            self.magnify_sentence(0)
        else:
            self.page.action_scroll_home()

    def action_end(self) -> None:
        if self.magnifying:
            self.magnify_sentence(len(self.sentences) - 1)
        else:
            self.page.action_scroll_end()

    @while_on_stack
    def on_block_line_scroll_nothing_below(self, event: BlockLineScroll.NothingBelow) -> None:
        """Down or PageDown at the magnifier with the rest of the sentence in view: say so, and
        where the next words are, as other keys with nothing to do do (never silence)."""
        last = self.magnified + 1 >= len(self.sentences)
        self._say(*self._edge_notice(+1, event.whole, last,
                                     last and self.index + 1 >= len(self.bone_app.guide.sections)))

    @while_on_stack
    def on_block_line_scroll_nothing_above(self, event: BlockLineScroll.NothingAbove) -> None:
        """Up or PageUp at the magnifier with the start of the sentence in view: say so, and
        which key goes back (to the previous sentence, or section), as Down does at the end."""
        first = self.magnified == 0
        self._say(*self._edge_notice(-1, event.whole, first, first and self.index == 0))

    def _say(self, shown: str, said: str) -> None:
        self.notify(ui(shown))
        self.bone_app.narrator.announce(said)

    def _edge_notice(self, step: int, whole: bool, edge_of_section: bool,
                     edge_of_guide: bool) -> tuple[str, str]:
        """(shown, said) for a move past the end (step 1) or the start (-1) of the magnified
        sentence: `whole` if all of it is in view; at the section's last / first sentence, and
        at the guide's."""
        words = self.bone_app.key_words
        if whole:
            shown = "The whole sentence is shown."
        else:
            shown = f"This is the {'end' if step > 0 else 'start'} of the sentence."
        if edge_of_guide:  # Right / Left would only say this is the last / first section
            said = f"This is the {'end' if step > 0 else 'start'} of the guide."
            return f"{said} Press {words.back} for the {self.back_label()}.", said
        which = "section" if edge_of_section else "sentence"
        if step > 0:
            return (f"{shown} Press {words.next_sentence} for the next {which}.",
                    f"{shown} {words.said_next}: next {which}.")
        return (f"{shown} Press {words.previous_sentence} for the previous {which}.",
                f"{shown} {words.said_previous}: previous {which}.")

    def message_rows(self, width: int) -> int:
        """At the magnifier size the message line keeps its rows: a message taking a row from
        the box of letters cut their last line (a sentence that filled the view lost its
        bottom row of letters while "The whole sentence is shown." said otherwise). As many
        rows as this screen's own notices at the magnifier need at this width (one at 71
        columns and wider), so those never move or cut the letters."""
        if not self.magnifying:
            return 0
        columns = max(1, width - 2)  # the message line's padding
        notices = [self._edge_notice(step, whole, edge, edge)[0]
                   for step in (1, -1) for whole in (True, False) for edge in (True, False)]
        return min(3, max(len(textwrap.wrap(ui(text), columns)) for text in notices))

    def action_next_section(self) -> None:
        if self.index + 1 < len(self.bone_app.guide.sections):
            self.bone_app.open_section(self.index + 1, replace=True)
        else:
            self.notify(f"This is the last section. Press {self.bone_app.key_words.back} for the "
                        f"{self.back_label()}.")
            self.bone_app.narrator.announce("This is the last section.")

    def action_previous_section(self) -> None:
        if self.index > 0:
            self.bone_app.open_section(self.index - 1, replace=True)
        else:
            self.notify(f"This is the first section. Press {self.bone_app.key_words.back} for the "
                        f"{self.back_label()}.")
            self.bone_app.narrator.announce("This is the first section.")

    def action_search(self) -> None:
        self.bone_app.open_search()

    def action_terms(self) -> None:
        self.bone_app.open_glossary(self.section)

    # -- reading aloud --
    def action_read(self) -> None:
        if self.magnifying:
            start = self.magnified
            places = self.sentences[start:]
        elif self._spoken_unit is None and self._resume_at and self._on_screen(self._resume_at[0]):
            # Like a DAISY player: after a stop, r goes on at the sentence that was cut off
            # (unless the reader scrolled it out of view: then "from here" means here).
            places = self.sentences[self.sentences.index(self._resume_at):]
            start = self._resume_at[0]
        else:
            start = self.current_unit() if self._spoken_unit is None else 0
            places = [(u, s) for u, s in self.sentences if u >= start]
        sentences = [self.units[u].sentences[s] for u, s in places]
        self.bone_app.read_aloud(sentences, f"section:{self.section.id}:{start}",
                                follow=self.follow_voice, places=places)

    def action_repeat(self) -> None:
        """Say the sentence heard last once more (the first one on screen if none was)."""
        said = self._last_said or (self.current_unit(), 0)
        self.bone_app.narrator.read([self.units[said[0]].sentences[said[1]]],
                                    f"section:{self.section.id}:repeat", places=[said],
                                    follow=functools.partial(self.follow_voice, repeat=True))

    def _on_screen(self, unit: int) -> bool:
        top = int(self.page.scroll_y) - self._text_top()
        first = self.text.unit_at_row(max(0, top))
        last = self.text.unit_at_row(max(0, top + self.page.size.height - 1))
        return first <= unit <= last

    @while_on_stack
    def follow_voice(self, place: tuple[int, int] | None, stopped: bool = False,
                     repeat: bool = False) -> None:
        """The voice reached `place` (unit, sentence) of this section; None: the reading ended.
        A repeated sentence (`,`) is marked but does not move where a stopped reading goes on."""
        if place is not None:
            self._last_said = place
            if not repeat:
                self._resume_at = place
        if place is None:
            self._mark(None, None)
            if not stopped and not repeat:
                self._resume_at = None  # read to the end: the next r reads from where one is
                self.notify(ui(f"Finished reading. Press {self.bone_app.key_words.next_section} "
                               "for the next section."))
            return
        self._mark(*place)
        if self.magnifying:  # the magnifier follows the voice
            self.show_magnified(self.sentences.index(place))

    @while_on_stack
    def _mark(self, unit: int | None, sentence: int | None) -> None:
        text = self.text
        self._spoken_unit = unit
        self._cursor_on = None  # the voice's line, or the page's, from now on
        if unit is None:
            text.spoken = None
            self.update_status()
            return
        text.spoken = (unit, sentence)
        row = text.row_of(unit, text.sentence_span(unit, sentence)[0])
        area = text.virtual_region
        self.page.scroll_to_region(Region(area.x, area.y + row, area.width, 2), animate=False, force=True)
        self.update_status()
        self.call_after_refresh(self._cursor_to, row)

    def on_screen_suspend(self) -> None:
        self._mark(None, None)
