"""Text size keys on every screen, and the settings screen."""

from __future__ import annotations

import pytest
from conftest import notices, screen_text

from tui.core.settings import SIZE_LEVELS, Settings
from tui.ui.themes import THEME_LABELS, THEME_NAMES

SCREENS = {
    "contents": [],
    "section": ["1"],
    "search results": ["slash", *"bone", "enter"],  # in the box itself, + and - are typed
    "glossary": ["g"],
    "help": ["question_mark"],
    "settings": ["o"],
    "warning signs": ["0"],
}


@pytest.mark.parametrize("where", list(SCREENS))
async def test_plus_and_minus_step_through_every_level_and_stop_at_the_ends(make_app, where):
    app = make_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press(*SCREENS[where])
        await pilot.pause()
        screen = app.screen
        for n, level in enumerate(SIZE_LEVELS[1:]):
            await pilot.press("plus" if n % 2 else "equals_sign")
            await pilot.pause()
            assert app.size_level == level
            assert screen.has_class(f"-size-{level}")
        await pilot.press("plus")
        await pilot.pause()
        assert app.size_level == "magnifier"
        assert "Text is already at its largest." in notices(app)
        for level in reversed(SIZE_LEVELS[:-1]):
            await pilot.press("minus")
            await pilot.pause()
            assert app.size_level == level
        await pilot.press("minus")
        await pilot.pause()
        assert "Text is already at its smallest." in notices(app)
        assert app.screen is screen  # still where the user was


async def test_size_applies_to_screens_below_too(make_app):
    app = make_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("1", "question_mark", "plus", "escape")
        await pilot.pause()
        assert app.screen.has_class("-size-large")
        block = app.screen.query("ReadingBlock").first() if app.screen.query("ReadingBlock") else None
        if block is not None:
            assert block.line_gap == 1  # large: a blank line between lines


async def test_t_cycles_themes_and_announces_each(make_app):
    app = make_app(Settings(self_voicing=True))
    async with app.run_test(size=(80, 30)) as pilot:
        seen = [app.theme]
        for _ in THEME_NAMES:
            await pilot.press("t")
            await pilot.pause()
            seen.append(app.theme)
            assert f"Theme: {THEME_LABELS[app.theme]}." in notices(app)
            assert app.speaker_double().log[-1] == ("speak", f"Theme: {THEME_LABELS[app.theme]}.", "announce")
        assert set(seen) == set(THEME_NAMES) and seen[0] == seen[-1]


async def test_settings_screen_changes_each_option_and_says_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        text = screen_text(app)
        for label in ("Colour theme", "Text size", "Self-voicing", "Speech rate", "Volume", "Voice"):
            assert label in text
        speaker = app.speaker_double()
        await pilot.press("right")  # theme
        await pilot.pause()
        assert app.theme == THEME_NAMES[1]
        assert speaker.log[-1] == ("speak", [f"Colour theme: {THEME_LABELS[THEME_NAMES[1]]}"], "announce")
        await pilot.press("down", "right")  # size
        await pilot.pause()
        assert app.size_level == "large" and "◀ large ▶" in screen_text(app)
        await pilot.press("down", "enter")  # the terminal cursor: Enter gives the next value too
        await pilot.pause()
        assert app.settings.show_cursor is False and "◀ hidden ▶" in screen_text(app)
        await pilot.press("down", "right")  # self-voicing
        await pilot.pause()
        assert app.settings.self_voicing is True
        await pilot.press("down", "left")  # rate
        await pilot.pause()
        assert app.settings.rate == 155 and ("rate", 155) in speaker.log
        assert "155 words a minute" in screen_text(app)
        await pilot.press("down", "left")  # volume
        await pilot.pause()
        assert app.settings.volume == 0.9 and ("volume", 0.9) in speaker.log
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.name == "contents"


async def test_rate_and_volume_keys_are_announced_and_reach_the_voice(make_app):
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("right_square_bracket", "left_parenthesis")
        await pilot.pause()
        speaker = app.speaker_double()
        assert (speaker.rate, speaker.volume) == (195, 0.9)
        assert "Rate 195 words a minute." in notices(app)
        assert ("speak", ["Volume 90 percent."], "announce") in speaker.log  # spoken even with self-voicing off
