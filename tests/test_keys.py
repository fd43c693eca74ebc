"""Every key is in the help of its screen and in README's key table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import screen_text
from textual.binding import Binding

from tui.ui import keys
from tui.ui.app import BoneGuideApp
from tui.ui.screens.bookmarks import BookmarksScreen
from tui.ui.screens.contents import ContentsScreen, SectionList
from tui.ui.screens.disclaimer import DisclaimerScreen
from tui.ui.screens.glossary import GlossaryScreen
from tui.ui.screens.help import HelpScreen, help_rows
from tui.ui.screens.red_flags import RedFlagScreen
from tui.ui.screens.resume import ResumeScreen
from tui.ui.screens.search import SearchScreen
from tui.ui.screens.section import SectionScreen
from tui.ui.screens.settings import SettingsScreen

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SCREENS = [ContentsScreen, SectionScreen, SearchScreen, GlossaryScreen, HelpScreen,
           RedFlagScreen, SettingsScreen, DisclaimerScreen, BookmarksScreen, ResumeScreen]


def bound_keys(*classes) -> set[str]:
    out = set()
    for cls in classes:
        for item in cls.BINDINGS:
            key = item.key if isinstance(item, Binding) else item[0]
            out.update(k.strip() for k in key.split(","))
    return out


def documented_keys(commands) -> set[str]:
    return {k.strip() for c in commands for k in c.keys.split(",") if k.strip()}


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.__name__)
def test_every_bound_key_has_a_help_line(screen):
    extra = [SectionList] if screen is ContentsScreen else []
    missing = bound_keys(screen, *extra) - documented_keys(screen.COMMANDS)
    assert not missing, f"{screen.__name__} binds {missing} without a help line"


def test_every_app_key_has_a_help_line():
    assert bound_keys(BoneGuideApp) == documented_keys(keys.GLOBAL)


def readme_key_rows() -> set[tuple[str, str]]:
    return {(m.group(1).strip(), m.group(2).strip())
            for m in re.finditer(r"^\|\s*`?([^|`]+?)`?\s*\|\s*([^|]+?)\s*\|$", README, re.M)}


@pytest.mark.parametrize("screen", SCREENS + [None], ids=lambda s: s.__name__ if s else "everywhere")
def test_readme_key_table_lists_every_key(screen):
    commands = screen.COMMANDS if screen else keys.GLOBAL
    rows = {k for k, _ in readme_key_rows()}
    missing = [c.label for c in commands if c.label not in rows]
    assert not missing, f"README's key table lacks {missing}"


@pytest.mark.parametrize("keys_there", [[], ["1"], ["slash"], ["g"], ["o"], ["0"]],
                         ids=["contents", "section", "search", "glossary", "settings", "warning signs"])
async def test_help_screen_shows_every_key_of_the_screen(make_app, keys_there):
    app = make_app()
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.press(*keys_there)
        await pilot.pause()
        screen = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        flat = " ".join(text.split())
        for label, what in help_rows(screen.COMMANDS, keys.GLOBAL):
            assert f"{label} {what}" in flat, f"help for {screen.name} lacks {label}"
        for command in list(screen.COMMANDS) + keys.GLOBAL:
            assert command.label in text
