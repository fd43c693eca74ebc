"""A screen's title: plain bold text, or huge block letters at the extra-large sizes.

Both are composed; the screen's size class (see app.tcss) decides which one shows, so a size
change needs no rebuild.
"""

from __future__ import annotations

from textual.widgets import Static

from tui.ui.widgets.big_text import BigText


def title_widgets(text: str, id: str | None = None) -> list:
    return [Static(text, id=id, classes="screen-title"), BigText(text, classes="big-title")]
