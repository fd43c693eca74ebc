"""Widgets for the reader."""

from tui.ui.widgets.big_text import BigText, big_height, big_lines

__all__ = ["BigText", "big_height", "big_lines"]
