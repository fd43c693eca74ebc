"""All the paragraphs and list items of a section as ONE widget, wrapped by us.

Doing our own wrapping lets the reader scroll the spoken sentence into view, put the
terminal cursor on it (screen magnifiers follow the cursor), and space lines out for
the larger text sizes. Marks use markers and text styles, never colour alone.

One widget (Textual's line API: `render_line`, only the rows on screen are drawn, each
cached) instead of a widget per paragraph keeps moving between sections quick: building
and styling a screenful of widgets is what made it slow.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.core.reading import ReadingUnit
from tui.glyphs import ui

GUTTER = 2  # room on the left for "• ", "▶ " (being read) or "» " (search match)
SPOKEN_MARK = ui("▶ ")
MATCH_MARK = ui("» ") if ui("» ") != ui("▶ ") else "* "
BULLET_MARK = ui("• ")


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap returning (start, end) offsets of each line into `text`."""
    width = max(width, 4)
    spans: list[tuple[int, int]] = []
    start = end = None
    for word in re.finditer(r"\S+", text):
        ws, we = word.span()
        if start is None:
            start, end = ws, ws
        if we - start <= width:
            end = we
            continue
        if end > start:
            spans.append((start, end))
            start = ws
        while we - start > width:  # a word longer than a line: cut it
            spans.append((start, start + width))
            start += width
        end = we
    if start is not None and end > start:
        spans.append((start, end))
    return spans

Row = tuple[int, int, int, bool]  # (unit, start, end, first line of the unit)


class SectionText(Widget):
    """The section's reading units, each wrapped to the width, with blank rows between units.

    Units are separated by as many blank rows as the widget's own bottom margin (app.tcss sets
    it per size level), and `line_gap` blank rows go between the lines of a unit.
    """

    DEFAULT_CSS = """
    SectionText { height: auto; width: 1fr; }
    """
    COMPONENT_CLASSES = {"section-text--spoken", "section-text--match"}

    line_gap: reactive[int] = reactive(0, layout=True)
    spoken: reactive[tuple[int, int] | None] = reactive(None)  # (unit, sentence in unit)
    match: reactive[tuple[int, int, int] | None] = reactive(None)  # (unit, start, end) in unit text

    def __init__(self, units: tuple[ReadingUnit, ...] = (), *, line_gap: int = 0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(SectionText.line_gap, line_gap)
        self._layout_key: tuple | None = None
        self._rows: list[Row | None] = []
        self._unit_rows: list[tuple[int, list[tuple[int, int]]]] = []  # (first row, line spans)
        self._strips: dict[int, Strip] = {}  # row -> drawn strip, for the current layout and marks
        self._base = None  # this widget's Rich style (theme colours, bold at the large sizes)
        self.set_units(units)

    # -- content --
    def set_units(self, units: tuple[ReadingUnit, ...]) -> None:
        self.units = tuple(units)
        self._texts = [unit.text for unit in self.units]
        self._starts: list[list[int]] = []
        for unit in self.units:
            starts, pos = [], 0
            for sentence in unit.sentences:
                starts.append(pos)
                pos += len(sentence) + 1
            self._starts.append(starts)
        self.set_reactive(SectionText.spoken, None)
        self.set_reactive(SectionText.match, None)
        self._layout_key = None
        self._strips.clear()
        if self.is_mounted:
            self.refresh(layout=True)

    def sentence_span(self, unit: int, sentence: int) -> tuple[int, int]:
        start = self._starts[unit][sentence]
        return start, start + len(self.units[unit].sentences[sentence])

    def spoken_span(self, unit: int) -> tuple[int, int] | None:
        """Character span of the sentence being read, if it is in `unit`."""
        if self.spoken is None or self.spoken[0] != unit:
            return None
        return self.sentence_span(*self.spoken)

    def match_span(self, unit: int) -> tuple[int, int] | None:
        """Character span of the search match, if it is in `unit`."""
        if self.match is None or self.match[0] != unit:
            return None
        return self.match[1], self.match[2]

    # -- layout --
    @property
    def unit_gap(self) -> int:
        return max(0, self.styles.margin.bottom)

    def _wrap_width(self) -> int:
        return self.size.width or 72

    def _layout(self, width: int) -> list[Row | None]:
        key = (width, self.line_gap, self.unit_gap, id(self.units))
        if key == self._layout_key:
            return self._rows
        gap, unit_gap = self.line_gap, self.unit_gap
        rows: list[Row | None] = []
        unit_rows = []
        for u, text in enumerate(self._texts):
            if u:
                rows.extend([None] * unit_gap)
            spans = wrap_spans(text, width - GUTTER)
            unit_rows.append((len(rows), spans))
            for n, (s, e) in enumerate(spans):
                if n:
                    rows.extend([None] * gap)
                rows.append((u, s, e, n == 0))
        self._rows, self._unit_rows, self._layout_key = rows, unit_rows, key
        self._strips.clear()
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width))

    def unit_rows(self, unit: int) -> tuple[int, int]:
        """First row and row count of `unit` within this widget."""
        self._layout(self._wrap_width())
        top, spans = self._unit_rows[unit]
        count = len(spans) + max(0, len(spans) - 1) * self.line_gap
        return top, count

    def row_of(self, unit: int, offset: int) -> int:
        """The row (within this widget) where character `offset` of `unit` is drawn."""
        self._layout(self._wrap_width())
        top, spans = self._unit_rows[unit]
        for n, (s, e) in enumerate(spans):
            if offset <= e:
                return top + n * (1 + self.line_gap)
        return top

    def text_row_at_or_after(self, row: int) -> int:
        """The first row at or below `row` that holds text (not a blank row between lines)."""
        rows = self._layout(self._wrap_width())
        for r in range(max(0, row), len(rows)):
            if rows[r] is not None:
                return r
        return row

    def unit_at_row(self, row: int) -> int:
        """The first unit whose text ends below `row` (the last unit past the end)."""
        self._layout(self._wrap_width())
        for u in range(len(self.units)):
            top, count = self.unit_rows(u)
            if top + count > row:
                return u
        return max(0, len(self.units) - 1)

    # -- drawing --
    def watch_spoken(self) -> None:
        self._strips.clear()
        self.refresh()

    def watch_match(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._base = None
        self._layout_key = None  # a size level changes the margin, so the spacing

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        rows = self._layout(self._wrap_width())
        strip = self._strips.get(y)
        if strip is not None and strip.cell_length == width:
            return strip
        if self._base is None:
            self._base = self.rich_style
        base = self._base
        if y >= len(rows) or rows[y] is None:
            strip = Strip.blank(width, base)
        else:
            strip = self._render_row(rows[y], base).crop_extend(0, width, base)
        self._strips[y] = strip
        return strip

    def _render_row(self, row: Row, base) -> Strip:
        unit, s, e, first = row
        spoken = self.spoken_span(unit)
        match = self.match_span(unit)
        mark = BULLET_MARK if (self.units[unit].bullet and first) else " " * GUTTER
        if spoken is None and match is None:  # most rows: one plain segment, no Text to render
            plain = mark + self._texts[unit][s:e]
            return Strip([Segment(plain, base)], cell_len(plain))
        if match and s <= match[0] <= e:
            mark = MATCH_MARK
        if spoken and s <= spoken[0] <= e:
            mark = SPOKEN_MARK
        line = Text(mark + self._texts[unit][s:e], no_wrap=True, end="")
        line.stylize(base)
        for span, name in ((spoken, "section-text--spoken"), (match, "section-text--match")):
            if span:
                lo, hi = max(span[0], s) - s, min(span[1], e) - s
                if lo < hi:
                    line.stylize(self.get_component_rich_style(name, partial=True), lo + GUTTER, hi + GUTTER)
        return Strip(line.render(self.app.console), line.cell_len)

    def plain_lines(self) -> list[str]:
        """The rows as drawn, without styles (for tests and checks)."""
        return [self.render_line(y).text.rstrip() for y in range(len(self._layout(self._wrap_width())))]
