"""The one place that reaches into Textual's private parts, for a bug it leaves no public way around.

textual#6665 (https://github.com/Textualize/textual/issues/6665): `StylesCache.get_inner_outer`
is an `lru_cache` on a method, so its cache (up to 1024 entries) holds every widget that was
drawn, with its drawn lines, long after the widget was removed. A kiosk that runs for weeks
keeps the last patients' text in memory and grows. tests/test_textual_workarounds.py fails once
Textual stops caching there: then delete this module and its one caller.
"""

from __future__ import annotations

UPSTREAM = "https://github.com/Textualize/textual/issues/6665"


def forget_drawn_widgets() -> None:
    """Let removed widgets (and the text they drew) go."""
    from textual._styles_cache import StylesCache  # private: no public way to clear it
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:  # a Textual that fixed it may not cache there at all
        clear()
