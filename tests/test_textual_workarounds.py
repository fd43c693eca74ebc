"""Each workaround for a Textual bug is still needed: these fail once upstream fixes the bug,
so the workaround (tui/ui/textual_workarounds.py) can be deleted instead of lingering."""

from __future__ import annotations

import gc
import weakref

from textual._styles_cache import StylesCache  # the bug's own place, to see it is still there
from textual.app import App
from textual.widgets import Static

from tui.ui.textual_workarounds import forget_drawn_widgets


class Page(App):
    def compose(self):
        yield Static("the last patient's search words", id="gone")


async def test_textual_6665_drawn_widgets_outlive_their_removal_until_forgotten():
    app = Page()
    async with app.run_test(size=(40, 5)) as pilot:
        widget = app.query_one("#gone")
        ref = weakref.ref(widget)
        await widget.remove()
        await pilot.pause()
        del widget
        gc.collect()
        # textual#6665: the drawn widget is kept by StylesCache.get_inner_outer's lru_cache.
        # When this fails, Textual has fixed it: delete textual_workarounds.py and its caller.
        assert ref() is not None, "Textual no longer keeps removed widgets: drop the workaround"
        cached = StylesCache.get_inner_outer.cache_info().currsize
        assert cached > 0
        forget_drawn_widgets()
        assert StylesCache.get_inner_outer.cache_info().currsize == 0  # what held them is emptied
