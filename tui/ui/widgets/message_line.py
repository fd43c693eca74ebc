"""The message line: short notices (where am I, theme, size, volume...) on a line of their own.

Toasts were drawn over the text (at 40x12 over half the warning signs) and stayed 10 seconds
after they went stale.  The message line sits in the screen's flow just above the (docked)
status line, so it takes its rows from the list or page above (a second docked line would be drawn
over the status line), so it never covers text; it is empty until there is something to
say, and cleared by Escape, when another screen comes up and when the reader moves on
(scrolls the text, goes to another sentence or section: see `MovedOn`).
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

    def show(self, text: str) -> None:
        self.update(text)
        self.display = bool(text)

    def clear(self) -> None:
        self.show("")
