"""One paragraph or list item, wrapped by us so we know where every sentence lands.

Doing our own wrapping lets the reader scroll the spoken sentence into view, put the
terminal cursor on it (screen magnifiers follow the cursor), and space lines out for
the larger text sizes. Marks use markers and text styles, never colour alone.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

GUTTER = 2  # room on the left for "• ", "▶ " (being read) or "» " (search match)
SPOKEN_MARK = "▶ "
MATCH_MARK = "» "
BULLET_MARK = "• "


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


class ReadingBlock(Widget):
    """Sentences shown as one wrapped block, with the spoken sentence and a search match marked."""

    DEFAULT_CSS = """
    ReadingBlock { height: auto; width: 1fr; }
    """
    COMPONENT_CLASSES = {"reading-block--spoken", "reading-block--match"}

    spoken: reactive[int | None] = reactive(None)
    match: reactive[tuple[int, int] | None] = reactive(None)  # char span in text()
    line_gap: reactive[int] = reactive(0, layout=True)

    def __init__(self, sentences: list[str], *, bullet: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.sentences = sentences
        self.bullet = bullet
        self._text = " ".join(sentences)
        self._starts = []
        pos = 0
        for sentence in sentences:
            self._starts.append(pos)
            pos += len(sentence) + 1

    @property
    def text(self) -> str:
        return self._text

    def sentence_span(self, index: int) -> tuple[int, int]:
        start = self._starts[index]
        return start, start + len(self.sentences[index])

    def _lines(self, width: int) -> list[tuple[int, int]]:
        return wrap_spans(self._text, width - GUTTER)

    def line_of_offset(self, offset: int, width: int | None = None) -> int:
        """The row (within this widget) where the character at `offset` is drawn."""
        width = width or self.content_size.width or 70
        for row, (s, e) in enumerate(self._lines(width)):
            if offset <= e:
                return row * (1 + self.line_gap)
        return 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        lines = len(self._lines(width))
        return lines + (lines - 1) * self.line_gap

    def render(self) -> Text:
        width = self.content_size.width or 70
        spoken_span = self.sentence_span(self.spoken) if self.spoken is not None else None
        spoken_style = self.get_component_rich_style("reading-block--spoken", partial=True)
        match_style = self.get_component_rich_style("reading-block--match", partial=True)
        out = Text(no_wrap=True, overflow="crop")
        for row, (s, e) in enumerate(self._lines(width)):
            if row:
                out.append("\n" * (1 + self.line_gap))
            mark = BULLET_MARK if (self.bullet and row == 0) else " " * GUTTER
            if self.match and s <= self.match[0] <= e:
                mark = MATCH_MARK
            if spoken_span and s <= spoken_span[0] <= e:
                mark = SPOKEN_MARK
            out.append(mark)
            line = Text(self._text[s:e])
            for span, style in ((spoken_span, spoken_style), (self.match, match_style)):
                if span:
                    lo, hi = max(span[0], s) - s, min(span[1], e) - s
                    if lo < hi:
                        line.stylize(style, lo, hi)
            out.append_text(line)
        return out
