"""What the contents, a section and the warning signs look like, in every theme and size.

SVG snapshots (pytest-textual-snapshot): a change in how a screen looks fails here until a
person has looked at it and accepted it with `scripts/test --snapshot-update`.
"""

from __future__ import annotations

import pytest

from tui.core.settings import SIZE_LEVELS, Settings
from tui.ui.themes import THEME_NAMES

SCREENS = {"contents": [], "section": ["3"], "warning-signs": ["0"]}


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("size", SIZE_LEVELS)
@pytest.mark.parametrize("theme", THEME_NAMES)
def test_screen_looks_right(snap_compare, make_app, theme, size, screen):
    app = make_app(Settings(theme=theme, size=size))
    assert snap_compare(app, press=SCREENS[screen], terminal_size=(100, 32))
