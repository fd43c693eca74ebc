"""The message line: short notices (where am I, theme, size, volume...) on a line of their own.

Toasts were drawn over the text (at 40x12 over half the warning signs) and stayed 10 seconds
after they went stale.  The message line sits in the screen's flow just above the (docked)
status line, so it takes its rows from the list or page above (a second docked line would be drawn
over the status line), so it never covers text; it is empty until there is something to
say, and cleared by Escape, when another screen comes up and when the reader moves on
(scrolls the text, goes to another sentence or section: see `MovedOn`).

A screen whose text must not move when a message comes and goes (the block letters of the
magnifier: a row taken from them cut their last line in half) keeps rows for it (`keep_rows`):
the line then takes its room even while empty, so a message takes nothing from the text.
"""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static


class MovedOn(Message):
    """The reader moved on with a key (scrolled, another sentence): a message said before
    ("Text is already at its largest.") belongs to where they were, so the screen clears it.
    Posted by the scrolling widgets for their keys only, never for a scroll of the program's
    own (keeping the place after a size change), which would wipe the "Text size" message."""


class MessageLine(Static):
    DEFAULT_CSS = """
    MessageLine {
        height: auto;
        max-height: 3;
        padding: 0 1;
        text-style: bold;
        display: none;
    }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._text = ""
        self._kept = 0

    @property
    def shown(self) -> bool:
        """Whether a message is shown (the line may be there, empty, keeping its rows)."""
        return bool(self._text)

    def show(self, text: str) -> None:
        self._text = text
        self.update(text)
        self.display = bool(text) or self._kept > 0

    def clear(self) -> None:
        self.show("")

    def keep_rows(self, rows: int) -> None:
        """Take `rows` rows even with no message (0: no room at all while empty). A longer
        message still grows the line, up to its max-height."""
        if rows != self._kept:
            self._kept = rows
            self.styles.min_height = rows or None
            self.display = self.shown or rows > 0
