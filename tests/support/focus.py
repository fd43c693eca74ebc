"""Reading the focused row of a list from what a terminal drew (tmux capture-pane -e cells):
the row that carries the focus marker, its colours against the page, the cursor on it."""

from __future__ import annotations

import time
from collections import Counter

from support.contrast import contrast_ratio
from tmux_helpers import DEFAULT
from tui.ui.widgets.focus_list import FOCUS_MARK

MARK = FOCUS_MARK.strip()


def focused_rows(cells):
    """Rows whose first visible character is the focus marker (the marked row of a list)."""
    found = []
    for y, row in enumerate(cells):
        text = "".join(c.char for c in row)
        stripped = text.lstrip()
        if stripped.startswith(MARK + " ") and len(text) - len(stripped) < 4:
            found.append((y, len(text) - len(stripped)))
    return found


def marked(term, timeout=8):
    """The screen's cells and its marked rows, once the screen has settled on one marked row."""
    deadline = time.monotonic() + timeout
    while True:
        cells = term.cells()
        rows = focused_rows(cells)
        if len(rows) == 1 or time.monotonic() > deadline:
            return cells, rows
        time.sleep(0.2)


def check_focus(term, where, theme, timeout=8):
    """The focused row stands out, once the screen has settled: a busy machine may draw a
    list's highlight a frame before the list itself takes the focus (a search's results after
    Enter), so a failing look is taken again until `timeout`; a focus that never shows fails."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return _check_focus_now(term, where, theme)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _check_focus_now(term, where, theme):
    cells, rows = marked(term, timeout=2)
    assert len(rows) == 1, f"{where}: one row should carry the marker {MARK!r}, found {rows}"
    y, x = rows[0]
    row = cells[y]
    page_bg = Counter(c.drawn()[1] for line in cells for c in line).most_common(1)[0][0]
    if theme == "terminal":  # the terminal's own colours: reverse video must really be drawn
        assert all(c.reverse for c in row[x:x + 4]), f"{where}: focused row not in reverse video"
        others = [c for yy, line in enumerate(cells) if yy != y for c in line[x:x + 4]]
        assert sum(c.reverse for c in others) < len(others), where
        return y, x
    fg, bg = row[x].drawn()
    assert DEFAULT not in (fg, bg), f"{where}: focus drawn in default colours"
    assert contrast_ratio(bg, page_bg) >= 3.0, \
        f"{where}: focused background {bg} vs page {page_bg}: {contrast_ratio(bg, page_bg):.2f}:1"
    for cell in row[x:]:
        if cell.char.strip() and cell.drawn()[1] == bg:
            ratio = contrast_ratio(cell.drawn()[0], bg)
            assert ratio >= 7.0, f"{where}: focused text {cell.drawn()} is {ratio:.2f}:1"
    return y, x
