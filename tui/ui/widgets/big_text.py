"""Huge block letters: titles, the red-flag heading, and a one-sentence "magnifier".

    big_lines("Hi", 40)       -> 5 rows of "█" and spaces (case-insensitive), word-wrapped
                                 to 40 columns, a blank row between wrapped lines
    big_height("Hi", 40)      -> how many rows that needs
    big_width("Hi")           -> columns needed on one line
    big_line_spans("Hi", 40)  -> (first row, rows) of each wrapped line of letters (for
                                 scrolling by whole lines: tui/ui/widgets/block_scroll.py)
    fit_scale(text, w, h)     -> the largest scale (1..max) whose rendering fits w x h
    BigText("Call 999 now")   -> a widget that reflows on resize; `scale` makes each
                                 "pixel" scale x scale cells; `fill=True` (magnifier)
                                 picks the largest scale that fits its height.

The font is 5 rows high, letters 5 columns wide (fewer for narrow ones), one column
between letters and three between words.  A-Z, 0-9 and common punctuation; any other
character is drawn as "?".  Nothing blinks or moves.

When the width is too narrow for even one letter, `big_lines` falls back to ordinary text
wrapped to the width, so nothing is ever cut off.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

from rich.segment import Segment
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from tui.glyphs import ui

__all__ = [
    "BLOCK",
    "FONT_HEIGHT",
    "BigText",
    "big_height",
    "big_line_at",
    "big_line_spans",
    "big_lines",
    "big_width",
    "fit_scale",
]

BLOCK = ui("█")
FONT_HEIGHT = 5
LETTER_GAP = 1
WORD_GAP = 3
LINE_GAP = 1  # blank rows between wrapped lines (times the scale)

# "#" is ink.  Every glyph is FONT_HEIGHT rows of equal width.
_FONT_SOURCE: dict[str, tuple[str, ...]] = {
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "B": ("####.", "#...#", "####.", "#...#", "####."),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "####.", "#....", "#####"),
    "F": ("#####", "#....", "####.", "#....", "#...."),
    "G": (".####", "#....", "#..##", "#...#", ".###."),
    "H": ("#...#", "#...#", "#####", "#...#", "#...#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..###", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "###..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "####.", "#....", "#...."),
    "Q": (".###.", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "####.", "#..#.", "#...#"),
    "S": (".####", "#....", ".###.", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "Z": ("#####", "...#.", "..#..", ".#...", "#####"),
    "0": (".###.", "#..##", "#.#.#", "##..#", ".###."),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("####.", "....#", ".###.", "#....", "#####"),
    "3": ("####.", "....#", ".###.", "....#", "####."),
    "4": ("#...#", "#...#", "#####", "....#", "....#"),
    "5": ("#####", "#....", "####.", "....#", "####."),
    "6": (".###.", "#....", "####.", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", "..#.."),
    "8": (".###.", "#...#", ".###.", "#...#", ".###."),
    "9": (".###.", "#...#", ".####", "....#", ".###."),
    ".": (".", ".", ".", ".", "#"),
    ",": ("..", "..", "..", ".#", "#."),
    ":": (".", "#", ".", "#", "."),
    ";": ("..", ".#", "..", ".#", "#."),
    "!": ("#", "#", "#", ".", "#"),
    "?": ("###.", "...#", ".##.", "....", ".#.."),
    "'": ("#", "#", ".", ".", "."),
    '"': ("#.#", "#.#", "...", "...", "..."),
    "-": ("...", "...", "###", "...", "..."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "=": ("...", "###", "...", "###", "..."),
    "_": ("....", "....", "....", "....", "####"),
    "/": ("....#", "...#.", "..#..", ".#...", "#...."),
    "(": (".#", "#.", "#.", "#.", ".#"),
    ")": ("#.", ".#", ".#", ".#", "#."),
    "&": (".##..", "#..#.", ".##.#", "#..#.", ".##.#"),
    "%": ("#...#", "...#.", "..#..", ".#...", "#...#"),
    "#": (".#.#.", "#####", ".#.#.", "#####", ".#.#."),
    "*": ("#.#", ".#.", "#.#", "...", "..."),
    "<": ("..#", ".#.", "#..", ".#.", "..#"),
    ">": ("#..", ".#.", "..#", ".#.", "#.."),
    "°": (".#.", "#.#", ".#.", "...", "..."),
}

# Typographic characters drawn as their plain equivalents.
_ALIASES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u00a0": " ",
}

FONT: dict[str, tuple[str, ...]] = {
    char: tuple(row.replace("#", BLOCK).replace(".", " ") for row in rows)
    for char, rows in _FONT_SOURCE.items()
}
UNKNOWN = FONT["?"]


def _normalise(text: str) -> str:
    for typographic, plain in _ALIASES.items():
        text = text.replace(typographic, plain)
    return text.upper()


def _glyph(char: str) -> tuple[str, ...]:
    return FONT.get(char, UNKNOWN)


def _word_width(word: str, scale: int = 1) -> int:
    if not word:
        return 0
    columns = sum(len(_glyph(c)[0]) for c in word) + LETTER_GAP * (len(word) - 1)
    return columns * scale


def big_width(text: str, scale: int = 1) -> int:
    """Columns needed to draw `text` on a single line (no wrapping)."""
    words = _normalise(text).split()
    if not words:
        return 0
    return sum(_word_width(w, scale) for w in words) + WORD_GAP * scale * (len(words) - 1)


def _split_word(word: str, width: int, scale: int) -> list[str]:
    """Break a word too wide for `width` into pieces that fit, preferring after a hyphen."""
    pieces: list[str] = []
    rest = word
    while rest:
        if _word_width(rest, scale) <= width:
            pieces.append(rest)
            break
        # The longest prefix that fits (at least one character, so this always advances).
        cut = 1
        while cut < len(rest) and _word_width(rest[: cut + 1], scale) <= width:
            cut += 1
        hyphen = rest.rfind("-", 0, cut)
        if 0 < hyphen < cut - 1:
            cut = hyphen + 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces


def _wrap(words: list[str], width: int, scale: int) -> list[list[str]]:
    """Greedy word wrap measured in big-letter columns."""
    return [[piece for piece, _word in line] for line in _wrap_owned(words, width, scale)]


def _wrap_owned(words: list[str], width: int, scale: int) -> list[list[tuple[str, int]]]:
    """The wrapped lines as (piece of a word, index of that word in `words`)."""
    lines: list[list[tuple[str, int]]] = []
    line: list[tuple[str, int]] = []
    used = 0
    gap = WORD_GAP * scale
    for index, word in enumerate(words):
        for piece in _split_word(word, width, scale):
            size = _word_width(piece, scale)
            if line and used + gap + size <= width:
                line.append((piece, index))
                used += gap + size
            else:
                if line:
                    lines.append(line)
                line, used = [(piece, index)], size
    if line:
        lines.append(line)
    return lines


def _draw_word(word: str, scale: int) -> list[str]:
    rows = []
    for r in range(FONT_HEIGHT):
        row = (" " * LETTER_GAP).join(_glyph(c)[r] for c in word)
        rows.append("".join(ch * scale for ch in row))
    return [row for row in rows for _ in range(scale)]


# What is on screen: the magnified sentence at the scales fit_scale tries, and the big titles.
# Not more: one sentence at scale 4 is up to 250 KB of rows, and a kiosk patient steps through
# hundreds of sentences between resets (256 entries held megabytes for nobody).
@lru_cache(maxsize=16)
def _layout(text: str, width: int, scale: int) -> tuple[tuple[str, int, int], ...]:
    """(row, width of the wrapped line the row belongs to, the row's place in that line of
    letters: 0 at its top, -1 for a blank row between lines) for every row."""
    words = _normalise(text).split()
    if not words or width <= 0:
        return ()
    widest = max(len(g[0]) for g in (_glyph(c) for w in words for c in w)) * scale
    if width < widest:
        if scale > 1:
            return _layout(text, width, 1)
        # Too narrow for even one big letter: plain text, still never cut off.
        plain = textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=True)
        return tuple((row, len(row), 0) for row in plain)
    out: list[tuple[str, int, int]] = []
    for n, line in enumerate(_wrap(words, width, scale)):
        if n:
            out.extend([("", 0, -1)] * (LINE_GAP * scale))
        drawn = [_draw_word(word, scale) for word in line]
        gap = " " * (WORD_GAP * scale)
        rows = [gap.join(word_rows[r] for word_rows in drawn) for r in range(FONT_HEIGHT * scale)]
        band = max(len(row) for row in rows)
        out.extend((row.rstrip(), band, r) for r, row in enumerate(rows))
    return tuple(out)


def big_lines(text: str, width: int, scale: int = 1) -> list[str]:
    """Rows of block letters for `text`, word-wrapped so no row is longer than `width`.

    Rows have trailing spaces removed.  A blank row (`scale` rows) separates wrapped
    lines.  `scale` > 1 makes each pixel scale x scale cells (falls back to a smaller
    scale when a single letter would not fit).  Returns [] for empty text.
    """
    scale = max(1, int(scale))
    return [row for row, _band, _place in _layout(text, int(width), scale)]


def big_line_spans(text: str, width: int, scale: int = 1) -> list[tuple[int, int]]:
    """(first row, number of rows) of each wrapped line of letters in `big_lines(text, width,
    scale)`: a view whose top row is a line's first shows its letters whole, never cut in half."""
    spans: list[tuple[int, int]] = []
    for n, (_row, _band, place) in enumerate(_layout(text, int(width), max(1, int(scale)))):
        if place == 0:
            spans.append((n, 1))
        elif place > 0:
            spans[-1] = (spans[-1][0], place + 1)
    return spans


def big_line_at(text: str, offset: int, width: int, scale: int = 1) -> int:
    """Which wrapped line of letters (0 first, as in `big_line_spans`) draws the word at
    character `offset` of `text` (a search match, say)."""
    words = _normalise(text).split()
    before = _normalise(text[: max(0, offset)])
    word = len(before.split()) - (1 if before and not before[-1].isspace() else 0)
    word = max(0, min(word, len(words) - 1))
    spans = big_line_spans(text, width, scale)
    if not words or not spans:
        return 0
    width, scale = int(width), max(1, int(scale))
    widest = max(len(g[0]) for g in (_glyph(c) for w in words for c in w))
    if width < widest * scale and width >= widest:
        scale = 1  # as _layout: a smaller scale when one letter does not fit
    if width < widest:  # plain text, wrapped by textwrap: count its words line by line
        seen = 0
        for n, row in enumerate(textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=True)):
            seen += len(row.split())
            if seen > word:
                return min(n, len(spans) - 1)
        return len(spans) - 1
    for n, line in enumerate(_wrap_owned(words, width, scale)):
        if any(owner >= word for _piece, owner in line):
            return min(n, len(spans) - 1)
    return len(spans) - 1


def big_height(text: str, width: int, scale: int = 1) -> int:
    """Rows `big_lines(text, width, scale)` needs."""
    return len(big_lines(text, width, scale))


def fit_scale(text: str, width: int, height: int, max_scale: int = 4) -> int:
    """The largest scale (1..max_scale) whose big rendering fits `width` x `height`.

    A bigger scale is only used if every word still fits whole on a line (splitting
    words to make letters bigger makes them harder to read).  Returns 1 if nothing
    bigger fits (the caller may scroll).
    """
    words = _normalise(text).split()

    def fits(scale: int) -> bool:
        if any(_word_width(w, scale) > width for w in words):
            return False
        lines = big_lines(text, width, scale)
        # A fallback to a smaller scale (or plain text) does not count as fitting here.
        return len(lines) <= height and len(lines) >= FONT_HEIGHT * scale

    for scale in range(max(1, max_scale), 1, -1):
        if fits(scale):
            return scale
    return 1


class BigText(Widget):
    """Text drawn in huge block letters, reflowed to the widget's width.

    `text`: what to draw (any case).  `scale`: size of each "pixel" in cells.
    `fill`: magnifier mode; choose the largest scale (up to `max_scale`) that fits the
    widget's current height as well as its width (give it a height, e.g. `1fr`).
    `plain` is the text itself, for speech and for tests.  Colours and text-style come
    from CSS (`color`, `background`, `text-style`), so themes apply; `text-align`
    (left/center/right) positions each wrapped line.
    """

    DEFAULT_CSS = """
    BigText {
        height: auto;
        width: 1fr;
    }
    """

    text: reactive[str] = reactive("", layout=True)
    scale: reactive[int] = reactive(1, layout=True)
    fill: reactive[bool] = reactive(False, layout=True)
    max_scale: reactive[int] = reactive(4, layout=True)

    def __init__(
        self,
        text: str = "",
        *,
        scale: int = 1,
        fill: bool = False,
        max_scale: int = 4,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(BigText.text, text)
        self.set_reactive(BigText.scale, scale)
        self.set_reactive(BigText.fill, fill)
        self.set_reactive(BigText.max_scale, max_scale)

    @property
    def plain(self) -> str:
        return self.text

    def update(self, text: str) -> None:
        """Show new text (same as setting `.text`)."""
        self.text = text

    def effective_scale(self, width: int | None = None, height: int | None = None) -> int:
        if not self.fill:
            return max(1, self.scale)
        size = self.size
        width = size.width if width is None else width
        height = size.height if height is None else height
        if height <= 0:
            return max(1, self.scale)
        return fit_scale(self.text, width, height, self.max_scale)

    def line_at(self, offset: int, width: int | None = None) -> int:
        """The drawn line of letters that shows character `offset` of the text."""
        width = self.size.width if width is None else width
        return big_line_at(self.text, offset, width, self.effective_scale(width))

    def line_spans(self, width: int | None = None) -> list[tuple[int, int]]:
        """(first row, rows) of each drawn line of letters (see `big_line_spans`)."""
        width = self.size.width if width is None else width
        return big_line_spans(self.text, width, self.effective_scale(width))

    def lines(self, width: int | None = None) -> list[str]:
        """The rows currently drawn (before alignment)."""
        width = self.size.width if width is None else width
        return big_lines(self.text, width, self.effective_scale(width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return min(big_width(self.text, max(1, self.scale)), container.width) or 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # With fill (magnifier) give the widget a height (e.g. 1fr); this is for height: auto.
        return max(1, big_height(self.text, width, max(1, self.scale)))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        layout = _layout(self.text, width, self.effective_scale(width))
        style = self.rich_style
        if y >= len(layout):
            return Strip([Segment(" " * width, style)], width)
        row, band, _place = layout[y]
        # Every row of one wrapped line gets the same offset, so its letters stay whole.
        free = max(0, width - band)
        align = self.styles.text_align
        if align in ("center", "justify"):
            left = free // 2
        elif align in ("right", "end"):
            left = free
        else:
            left = 0
        text = (" " * left + row).ljust(width)[:width]
        return Strip([Segment(text, style)], width)
