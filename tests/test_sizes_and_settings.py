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


# -- a size change keeps the reader's place; messages go when the reader moves on --

SIZE = (80, 22)  # no room for the title in block letters: it stays a plain line above the text


def first_line_in_view(app, title: str) -> str:
    """The first line of text below the section's title, as drawn (bullet and spaces gone).
    At 80 columns the text ends by column 76; the scroll bar is drawn to its right."""
    lines = screen_text(app).splitlines()
    below = lines[[line.strip() for line in lines].index(title) + 1:]
    return next(line[:76].strip().lstrip("• ") for line in below if line[:76].strip())


def starts_paragraph(line: str, unit) -> bool:
    """`line` is the first line of the paragraph `unit`: the paragraph's text starts with it."""
    return bool(line) and " ".join(unit.text.split()).startswith(line)


async def test_a_bigger_size_keeps_the_paragraph_at_the_top_of_the_view(make_app, guide):
    """Paragraph 2 at the top, each + keeps it at the top; the magnifier then shows its first
    sentence (the old code showed paragraph 1 after the first +)."""
    from tui.core.reading import reading_units, sentence_places
    section = guide.sections[1]
    units = reading_units(section)
    first_of_second = sentence_places(section).index((1, 0)) + 1  # its number, counted from 1
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        for _ in range(20):  # Down until paragraph 2 starts at the top of the view
            if starts_paragraph(first_line_in_view(app, section.title), units[1]):
                break
            await pilot.press("down")
            await pilot.pause()
        assert starts_paragraph(first_line_in_view(app, section.title), units[1])
        for level in ("large", "extra-large"):
            await pilot.press("plus")
            await pilot.pause()
            assert app.size_level == level
            line = first_line_in_view(app, section.title)
            assert starts_paragraph(line, units[1]), f"{level}: the view starts with {line!r}"
        await pilot.press("plus")
        await pilot.pause()
        assert f"sentence {first_of_second} of" in " ".join(screen_text(app).split())


async def test_leaving_the_magnifier_shows_the_paragraph_of_its_sentence_at_the_top(make_app, guide):
    """From sentence 5 in the magnifier, each - shows the paragraph holding sentence 5 at the top
    of the view (the old code jumped to another paragraph)."""
    from tui.core.reading import reading_units, sentence_places
    section = guide.sections[1]
    units = reading_units(section)
    unit = units[sentence_places(section)[4][0]]
    app = make_app(Settings(size="magnifier"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "right", "right", "right", "right")
        await pilot.pause()
        assert "sentence 5 of" in " ".join(screen_text(app).split())
        for level in ("extra-large", "large", "normal"):
            await pilot.press("minus")
            await pilot.pause()
            assert app.size_level == level
            line = first_line_in_view(app, section.title)
            assert starts_paragraph(line, unit), f"{level}: the view starts with {line!r}"


@pytest.mark.parametrize("move", ["right", "left", "down", "pagedown", "n"])
async def test_the_largest_size_message_goes_when_the_reader_moves_on(make_app, move):
    """'Text is already at its largest.' is about the + just pressed: once the reader moves on
    (another sentence, a scroll, another section) it is no longer on the screen."""
    app = make_app(Settings(size="magnifier"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "right", "plus")  # sentence 2, so that Left has one to go back to
        await pilot.pause()
        message = "Text is already at its largest."
        assert message in screen_text(app)
        await pilot.press(move)
        await pilot.pause()
        assert message not in screen_text(app), f"still shown after {move}"


@pytest.mark.parametrize("width", [40, 46, 60])
async def test_a_narrow_settings_screen_keeps_each_value_between_its_arrows(make_app, width):
    """At 40 columns "Colour theme: ◀ High contrast dark" wrapped, leaving its ▶ alone on the
    next line, where it read as a second focus marker."""
    import re
    app = make_app()
    async with app.run_test(size=(width, 16)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        values = [line for line in lines if "◀" in line]
        assert len(values) >= 5, "the settings' values are not on screen"
        for line in values:
            assert re.search(r"◀ \S.*\S ▶", line), f"a value split from its arrows: {line!r}"
        lone = [line for line in lines if line.strip() == "▶"]
        assert not lone, "a ▶ alone on a line"
