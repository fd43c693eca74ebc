"""A scrolling box for block letters that moves by whole lines of letters, never by half a letter.

At the magnifier size a sentence is drawn in block letters five rows high. Scrolling it a row at
a time (as any scrolling box does) leaves the top line cut in half: letters nobody can read. Here
Up and Down move a whole line of letters, PageDown and PageUp a screenful of whole lines (the
last line wholly in view comes to the top, so one line of the old view stays as a reminder of
where one was), Home and End go to the first line and to the view that shows the last line; the
top row of the view is always the top of a line of letters.

The box holds one BigText; where its lines start comes from `BigText.line_spans`.

A move down with nothing more to show (the letters' last line already in view) posts
`NothingBelow`, and a move up at the first line `NothingAbove`, so the screen can say so: a key
that silently does nothing leaves someone who cannot see the whole screen unsure whether it was
pressed.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.message import Message

from tui.ui.recovery import HandsErrorsToTheApp
from tui.ui.widgets.big_text import FONT_HEIGHT, LINE_GAP, BigText
from tui.ui.widgets.message_line import MovedOn


class BlockLineScroll(HandsErrorsToTheApp, VerticalScroll):
    """A VerticalScroll around one BigText whose moves keep the top line of letters whole."""

    class NothingBelow(Message):
        """Down or PageDown found no more letters below the view."""

        def __init__(self, whole: bool) -> None:
            super().__init__()
            self.whole = whole  # all the letters are in view (they fit), not only their end

    class NothingAbove(Message):
        """Up or PageUp found the view already at the letters' first line."""

        def __init__(self, whole: bool) -> None:
            super().__init__()
            self.whole = whole  # all the letters are in view (they fit), not only their start

    DEFAULT_CSS = f"""
    BlockLineScroll > BigText {{
        /* Room below the last line, so the view can stop with a line's top at its top even
           when the letters end part way down the view (a line and its gap, less one row). */
        padding-bottom: {FONT_HEIGHT + LINE_GAP - 1};
    }}
    """

    @property
    def letters(self) -> BigText | None:
        """The letters, or None while the screen swaps them (a resize's callback may run then)."""
        found = self.query(BigText)
        return found.first() if found else None

    def _lines(self) -> list[tuple[int, int]]:
        """(top, rows) of the lines of letters, in this box's rows, that the view may stop at:
        up to the first from which the rest is all in view (further shows only blank rows)."""
        big = self.letters
        if big is None:
            return [(0, 1)]
        offset = big.virtual_region.y
        spans = [(offset + top, rows) for top, rows in big.line_spans()] or [(offset, 1)]
        end = spans[-1][0] + spans[-1][1]  # the row after the last letter
        view = self._view()
        for n, (top, _rows) in enumerate(spans):
            if top + view >= end:
                return spans[: n + 1]
        return spans

    def _view(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _current(self, lines: list[tuple[int, int]]) -> int:
        """The line at, or the last one above, the top of the view."""
        y = round(self.scroll_y)
        return max([n for n, (top, _rows) in enumerate(lines) if top <= y] or [0])

    def _go(self, lines: list[tuple[int, int]], n: int) -> bool:
        """Line `n` (kept within the lines) to the top of the view; False if the view was there."""
        top = lines[max(0, min(n, len(lines) - 1))][0]
        moved = top != round(self.scroll_y)
        self.scroll_to(y=top, animate=False, immediate=True)
        return moved

    def _reader_go(self, lines: list[tuple[int, int]], n: int) -> bool:
        """`_go` for the reader's keys: they moved on (see MovedOn)."""
        moved = self._go(lines, n)
        self.post_message(MovedOn())
        return moved

    def _reader_down(self, lines: list[tuple[int, int]], n: int) -> None:
        """(No `_key_` names here: Textual would take `_key_down` for the Down key's handler.)
        Down to line `n`; at the end already, tell whoever shows these letters (after
        MovedOn, so what it says is not cleared by it)."""
        if not self._reader_go(lines, n):
            self.post_message(self.NothingBelow(whole=len(lines) == 1))

    def _reader_up(self, lines: list[tuple[int, int]], n: int) -> None:
        """Up to line `n`; at the first line already, tell whoever shows these letters."""
        if not self._reader_go(lines, n):
            self.post_message(self.NothingAbove(whole=len(lines) == 1))

    def action_scroll_down(self) -> None:
        lines = self._lines()
        self._reader_down(lines, self._current(lines) + 1)

    def action_scroll_up(self) -> None:
        lines = self._lines()
        here = self._current(lines)
        # From part way down a line (after a resize), Up first goes to that line's top.
        self._reader_up(lines, here - 1 if lines[here][0] == round(self.scroll_y) else here)

    def page(self, step: int) -> None:
        """A screenful of whole lines down (step 1) or up (-1)."""
        lines = self._lines()
        here = self._current(lines)
        view = self._view()
        if step > 0:  # the last line wholly in view comes to the top (at least one line down)
            bottom = lines[here][0] + view
            whole = [n for n in range(here + 1, len(lines)) if sum(lines[n]) <= bottom]
            self._reader_down(lines, whole[-1] if whole else here + 1)
        else:  # the line at the top becomes the last one wholly in view (at least one line up)
            bottom = sum(lines[here])
            fits = [n for n in range(here) if bottom - lines[n][0] <= view]
            self._reader_up(lines, fits[0] if fits else here - 1)

    def action_page_down(self) -> None:
        self.page(+1)

    def action_page_up(self) -> None:
        self.page(-1)

    def action_scroll_home(self) -> None:
        self._reader_go(self._lines(), 0)

    def action_scroll_end(self) -> None:
        lines = self._lines()
        self._reader_go(lines, len(lines) - 1)

    def show_line(self, n: int) -> None:
        """Bring line `n` of the letters into view, at the top if the rest allows it."""
        lines = self._lines()
        self._go(lines, n)

    def on_resize(self) -> None:
        # The letters rewrap to the new width: stop at a line's top again.
        self.call_after_refresh(self._snap)

    def _snap(self) -> None:
        if self.is_mounted:
            lines = self._lines()
            self._go(lines, self._current(lines))
