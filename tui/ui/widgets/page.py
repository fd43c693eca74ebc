"""A scrolling page on which every key press counts, however fast the keys come.

Textual's own scroll keys scroll after the next screen refresh, each from the place the one
before it aimed for, which is only set once that scroll is done. Keys that arrive together (a
held key, a quick typist, a keypad burst in the kiosk) all start from the same place, so ten
Downs read at once scrolled one line. Here each key scrolls at once, from where the page is.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.containers import VerticalScroll

from tui.ui.widgets.message_line import MovedOn


class Page(VerticalScroll):
    """A VerticalScroll whose scrolling keys each move it before the next key comes."""

    def move(self, rows: int) -> None:
        """Scroll `rows` down (up if negative), now."""
        if not self.allow_vertical_scroll:
            raise SkipAction()  # nothing to scroll: the key goes on to the screen, as in Textual
        self.scroll_to(y=self.scroll_y + rows, animate=False, immediate=True)
        self.post_message(MovedOn())

    def screenful(self, keep: int = 0) -> int:
        """Rows in one screenful, less `keep` lines left in view (at least one row)."""
        return max(1, self.scrollable_content_region.height - keep)

    def action_scroll_down(self) -> None:
        self.move(1)

    def action_scroll_up(self) -> None:
        self.move(-1)

    def action_page_down(self) -> None:
        self.move(self.screenful())

    def action_page_up(self) -> None:
        self.move(-self.screenful())

    def action_scroll_home(self) -> None:  # at once too, so that "End, Up" ends one line up
        self.scroll_to(y=0, animate=False, immediate=True)
        self.post_message(MovedOn())

    def action_scroll_end(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self.post_message(MovedOn())
