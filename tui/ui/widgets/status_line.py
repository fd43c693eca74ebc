"""A status line (or key bar) that is always exactly one row: built from parts, fitted to its width.

A low-vision reader keeps their magnifier on the status line. When it wrapped onto a second row
(at 100 columns at the end of a section, at 80 in the magnifier, the kiosk's key bars at 80),
the text above it moved and the line they were anchored on was no longer one line.

So a line is given as parts, in the order they are shown, each with shorter forms and the rank
at which it gives up its form (the highest rank gives up first; a part's last form with no rank
is never dropped): where you are, "? help" and the key for going back stay; the rest gives way.
`fit_line` makes the longest line that fits the width; `StatusLine` fits it again to its own
width whenever that changes (a resize, another text size), so no width is written anywhere.
The words stay plain words, for screen readers; nothing is said by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from rich.cells import cell_len
from textual.widgets import Static

from tui.glyphs import ui

GROUP = "  ·  "  # between the parts of a line
KEYS = "  "  # between the keys of one group ("← → sections  r read  Esc contents")
TIGHT = {GROUP: " · "}  # what a separator becomes when the line is short of room
TIGHTEN = 55  # the rank at which it does (see fit_line)


@dataclass(frozen=True)
class Part:
    """One piece of a line: `forms`, longest first, and `ranks[i]`, the rank at which form i
    gives way to form i + 1 (or, for the last form, is dropped). Fewer ranks than forms: the
    last form is kept whatever the width. `sep` goes before the part (not before the first
    part shown); where parts are dropped, the widest of their separators stands for them."""

    forms: tuple[str, ...]
    ranks: tuple[int, ...] = ()
    sep: str = GROUP


def part(*steps: str | int, sep: str = GROUP) -> Part:
    """Part("Section 2 of 14", 20, "Section 2/14"): forms and ranks in turn, as read aloud:
    this form, given up at rank 20 for that one, kept always (no rank after it)."""
    forms = tuple(s for s in steps if isinstance(s, str))
    ranks = tuple(s for s in steps if isinstance(s, int))
    return Part(forms, ranks, sep)


def fit_line(parts: Sequence[Part], width: int, tighten: int = TIGHTEN) -> str:
    """The line of `parts` that fits in `width` cells, giving up the highest ranks first (the
    rightmost first among equal ranks). Rank `tighten` is a step too: from there on the parts
    are set closer together (" · " for "  ·  "). Once it fits, what was given up is taken back,
    most important first, where it still fits (a short part given up before a long one).
    If even the kept forms do not fit, the line is cut, with an ellipsis: still one row."""
    chosen = [0] * len(parts)  # the form shown of each part; len(forms): dropped
    steps = sorted([(rank, n) for n, p in enumerate(parts) for rank in p.ranks] + [(tighten, -1)],
                   key=lambda s: (-s[0], -s[1]))
    state = {"tight": False}

    def line() -> str:
        return _join(parts, chosen, state["tight"])

    def step(n: int, back: bool = False) -> None:
        if n < 0:
            state["tight"] = not back
        else:
            chosen[n] += -1 if back else 1

    taken = []
    for _rank, n in steps:
        if cell_len(line()) <= width:
            break
        step(n)
        taken.append(n)
    else:
        shown = line()
        return shown if cell_len(shown) <= width else _cut(shown, width)
    for n in reversed(taken):
        step(n, back=True)
        if cell_len(line()) > width:
            step(n)
    return line()


def _join(parts: Sequence[Part], chosen: list[int], tight: bool) -> str:
    out: list[str] = []
    gap = ""
    for p, form in zip(parts, chosen):
        gap = max(gap, p.sep, key=len)
        if form < len(p.forms):
            if out:
                out.append(TIGHT.get(gap, gap) if tight else gap)
            out.append(p.forms[form])
            gap = ""
    return ui("".join(out))


def _cut(line: str, width: int) -> str:
    if width <= 0:
        return ""
    while line and cell_len(line) > width - 1:
        line = line[:-1]
    return line.rstrip() + ui("…")


def plain(*texts: str) -> list[Part]:
    """A line of parts that are never dropped (a line that fits at every width)."""
    return [part(text) for text in texts]


class StatusLine(Static):
    """A one-row line at the bottom of a screen, fitted to its width from its parts."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;  /* (fit_line's own cut writes an ellipsis this terminal has) */
    }
    """

    def __init__(self, parts: Iterable[Part] = (), **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self._parts: tuple[Part, ...] = tuple(parts)
        self._shown: str | None = None

    @property
    def parts(self) -> tuple[Part, ...]:
        return self._parts

    def show(self, parts: Iterable[Part]) -> None:
        parts = tuple(parts)
        if parts != self._parts:
            self._parts = parts
            self._fit()

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # Not laid out yet (a new screen): the terminal's width, less the padding, which a
        # docked line across the screen will have; fitted again once it is laid out.
        width = self.content_region.width if self.size.width else self.app.size.width - self.styles.padding.width
        text = fit_line(self._parts, width)
        if text != self._shown:  # an unchanged line costs nothing; one row whatever it says
            self._shown = text
            self.update(text, layout=False)
