"""A list whose chosen row is unmistakable: its own colours, a marker, and the terminal cursor on it.

Textual's OptionList draws the highlighted row with the CSS component class
`option-list--option-highlighted`, but (Textual 8) `Widget.get_visual_style` builds the style
from colour, bold, dim, italic, underline and strike only: a `reverse` text-style is dropped,
so `text-style: bold reverse` came out as bold only.  The themes therefore give the focused row
explicit colours (`$block-cursor-foreground` / `$block-cursor-background`, set per theme in
tui/themes.py); the terminal theme, whose colours are the terminal's own, keeps reverse video,
which this widget puts back into the style.

The marker makes the focus visible without colour (monochrome, braille): every row starts with a
two-cell gutter, and the highlighted row's gutter holds `FOCUS_MARK`.

Screen magnifiers and braille displays follow the terminal cursor, so after every move (once the
new highlight is laid out and drawn) the cursor goes to the start of the highlighted row.
"""

from __future__ import annotations

import re

from rich.text import Text
from tui.glyphs import glyph
from textual.geometry import Offset, Region
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ui.recovery import HandsErrorsToTheApp

# The one place the marker is written: ▶, or > where the terminal lacks it (LANG=C, the console).
FOCUS_MARK = glyph("focus") + " "
GUTTER = " " * len(FOCUS_MARK)
HIGHLIGHTED = "option-list--option-highlighted"


# Where a wrapped line's continuation starts: under the text after a leading number or bullet
# ("2  What it is", "1. Pain that…", "➜ Call…") or the line's own indent.
HANG = re.compile(r"\s*(?:(?:\d+\.?|[•➜▶◀-])\s+)?")


def _as_text(prompt) -> Text:
    return prompt.copy() if isinstance(prompt, Text) else Text(str(prompt))


def _kept_together(plain: str) -> set[int]:
    """The spaces inside a setting's "◀ value ▶": not places to break a line where another is
    (a lone ▶ wrapped onto the next line read as a second focus marker)."""
    if glyph("left") not in plain:  # most rows (search results, contents): nothing to keep
        return set()
    left, right = re.escape(glyph("left")), re.escape(glyph("right"))
    return {at for span in re.finditer(f"{left} [^\n]*? {right}", plain)
            for at in range(span.start(), span.end()) if plain[at] == " "}


def _break_at(plain: str, start: int, end: int, kept: set[int]) -> int:
    """The last space in plain[start:end] to break the line at (-1: none): outside a "◀ value ▶"
    if one will do, else inside it but never leaving ◀ or ▶ alone."""
    def last(allowed) -> int:
        cut = plain.rfind(" ", start, end)
        while cut > start and not allowed(cut):
            cut = plain.rfind(" ", start, cut)
        return cut

    cut = last(lambda at: at not in kept)
    if cut > start:
        return cut
    left, right = glyph("left"), glyph("right")
    return last(lambda at: plain[at - 1] != left and plain[at + 1:at + 2] != right)


def hanging_wrap(line: Text, width: int) -> list[Text]:
    """Word-wrap one line to `width` cells; continuation lines start under its text (hanging indent)."""
    plain = line.plain
    hang = len(HANG.match(plain).group(0))
    if hang > width // 2:
        hang = 0
    kept = _kept_together(plain)
    pieces: list[Text] = []
    start, room, pad = 0, width, ""
    while True:
        if len(plain) - start <= room:
            pieces.append(Text(pad) + line[start:])
            return pieces
        cut = _break_at(plain, start, start + room + 1, kept)
        if cut <= start:  # one word longer than the line: cut it
            cut = start + room
        pieces.append(Text(pad) + line[start:cut])
        start = cut
        while start < len(plain) and plain[start] == " ":
            start += 1
        if start >= len(plain):
            return pieces
        room, pad = max(1, width - hang), " " * hang


def with_gutter(body: Text, gutter: str, width: int) -> Text:
    """`body` drawn in a list row: each line wrapped with its hanging indent, behind a gutter."""
    room = width - len(gutter)
    lines: list[Text] = []
    for line in body.split("\n", allow_blank=True):
        lines += hanging_wrap(line, room) if room >= 8 else [line]
    out = Text()
    for n, line in enumerate(lines):
        if n:
            out.append("\n")
        out.append(gutter if n == 0 else GUTTER)
        out.append_text(line)
    return out


def row(head: str | Text, body: str, style: str = "bold", id: str | None = None) -> Option:
    """A list row: its name (in `style` unless already styled), then what it is, indented under it."""
    label = head.copy() if isinstance(head, Text) else Text().append(head, style=style)
    label.append(f"\n   {body}")
    return Option(label, id=id)


class FocusList(HandsErrorsToTheApp, OptionList):
    """OptionList with a focus marker, reverse video that is really drawn, and a following cursor."""

    mark = FOCUS_MARK

    def __init__(self, *args, **kwargs) -> None:
        self._bodies: list[Text] = []  # each option's text as given, before gutter and wrapping
        self._marked: int | None = None
        self._wrap_width = 0
        super().__init__(*args, **kwargs)

    # -- the gutter, the marker and the hanging indent --
    def add_options(self, new_options):
        return super().add_options([self._drawn_option(o) for o in new_options])

    def _drawn_option(self, item):
        if item is None:
            return item
        option = item if isinstance(item, Option) else Option(item)
        body = _as_text(option.prompt)
        self._bodies.append(body)
        index = len(self._bodies) - 1
        prompt = with_gutter(body, self.mark if index == self._marked else GUTTER, self._wrap_width)
        return Option(prompt, id=option.id, disabled=option.disabled)

    def clear_options(self):
        self._marked = None
        self._bodies = []
        return super().clear_options()

    def label_at(self, index: int) -> str:
        """The plain text of option `index` as given (no gutter, marker or wrapping)."""
        return self._bodies[index].plain

    def _redraw(self, index: int) -> None:
        gutter = self.mark if index == self._marked else GUTTER
        self.replace_option_prompt_at_index(index, with_gutter(self._bodies[index], gutter, self._wrap_width))

    def watch_highlighted(self, highlighted: int | None) -> None:
        before, self._marked = self._marked, highlighted
        for index in {before, highlighted} - {None}:
            if index < len(self._bodies):
                self._redraw(index)
        super().watch_highlighted(highlighted)
        self.call_after_refresh(self.cursor_to_highlight)

    # -- reverse video, as the CSS asked --
    def get_visual_style(self, *component_classes: str, partial: bool = False):
        style = super().get_visual_style(*component_classes, partial=partial)
        if HIGHLIGHTED in component_classes and self.get_component_styles(HIGHLIGHTED).text_style.reverse:
            style = style + Style(reverse=True)
        return style

    # -- the terminal cursor --
    def highlighted_row(self) -> int | None:
        """The row (0 = top of the visible list) where the highlighted option starts, if shown.

        Read from the drawn lines (each carries its option's index), so wrapped options count.
        """
        if self.highlighted is None:
            return None
        for y in range(self.scrollable_content_region.height):
            for segment in self.render_line(y):
                option = segment.style.meta.get("option") if segment.style else None
                if option is not None:
                    if option == self.highlighted:
                        return y
                    break
        return None

    def cursor_to_highlight(self) -> None:
        """Put the terminal cursor at the start of the highlighted row (when this list has focus)."""
        if not self.has_focus or not self.is_mounted:
            return
        row = self.highlighted_row()
        if row is None:
            return
        region = self.scrollable_content_region
        place_cursor(self, Offset(region.x, region.y + row))

    def on_focus(self) -> None:
        self.call_after_refresh(self.cursor_to_highlight)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._wrap_width:  # wrap again, so continuation lines keep their indent
            self._wrap_width = width
            # Every row is wrapped here to the list's width from now on, so Textual need not
            # wrap it again each time it draws it: its word wrap was over half the cost of
            # drawing a list (search results as each letter is typed). Until the list has a
            # width, rows come unwrapped and Textual's wrap is kept.
            self.styles.text_wrap = "nowrap"
            for index in range(len(self._bodies)):
                self._redraw(index)
        # Any resize, the height's too: a taller view scrolls back to the top (all of it fits),
        # and a shorter one again left the chosen row below it, the cursor on the status line.
        self.call_after_refresh(self._highlight_to_view)

    def _highlight_to_view(self) -> None:
        self.scroll_to_highlight(top=False)
        self.call_after_refresh(self.cursor_to_highlight)


def place_cursor(widget, where: Offset) -> None:
    """Move the terminal cursor to `where` (screen cells) and draw a frame so it goes there now.

    Textual moves the cursor to `App.cursor_position` at the end of each frame it writes; a
    frame with nothing else to draw would leave the cursor one move behind. A widget of a
    screen under the one on top leaves the cursor alone.
    """
    app = widget.app
    if widget.screen is not app.screen:
        # Only the screen the reader sees has the cursor. Screens underneath take a new text
        # size too, and a list there reflowing to it took the cursor off the text on top.
        return
    if app.cursor_position != where:
        app.cursor_position = where
        region = widget.region
        widget.refresh(Region(0, max(0, where.y - region.y), 1, 1))
