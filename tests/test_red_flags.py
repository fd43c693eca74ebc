"""The warning signs: one key from anywhere shows them and reads them aloud at once."""

from __future__ import annotations

import pytest
from conftest import screen_text

from tui.ui.screens.red_flags import RedFlagScreen
from tui.core.settings import Settings

SIZE = (80, 30)

# Keys that bring the app to each screen, starting from the contents.
SCREENS = {
    "contents": [],
    "section": ["2"],
    "search box": ["slash", "b", "o"],
    "search results": ["slash", *"bone", "enter"],
    "glossary": ["g"],
    "section glossary": ["1", "g"],
    "help": ["question_mark"],
    "settings": ["o"],
    "disclaimer": ["question_mark", "d"],
}


def red_flag_calls(speaker):
    return [e for e in speaker.log if e[0] in ("stop", "speak_prepared", "speak")]


@pytest.mark.parametrize("key", ["exclamation_mark", "0"])
@pytest.mark.parametrize("where", list(SCREENS))
async def test_key_opens_panel_and_reads_from_every_screen(make_app, guide, where, key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*SCREENS[where])
        await pilot.pause()
        assert not isinstance(app.screen, RedFlagScreen)
        speaker = app.speaker_double()
        before = len(speaker.log)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        # The backend is told to stop, then to play the ready-made warning signs, in one go.
        assert speaker.log[before:] == [("stop",), ("speak_prepared", "red-flags", "red-flags")]
        text = screen_text(app)
        assert guide.red_flags.heading.upper() in text
        assert guide.red_flags.signs[0] in text


async def test_warning_signs_are_prepared_ahead_from_the_guide(make_app, guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prepared = app.speaker_double().prepared["red-flags"]
        assert prepared[1] == guide.red_flags.action and prepared[-1] == guide.red_flags.action
        for sign in guide.red_flags.signs:
            assert any(sign in line for line in prepared)


async def test_second_press_repeats_and_escape_closes_and_stops(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "0")
        await pilot.pause()
        speaker = app.speaker_double()
        depth = len(app.screen_stack)
        await pilot.press("0")
        await pilot.pause()
        assert len(app.screen_stack) == depth  # the same panel, not a second one
        assert red_flag_calls(speaker)[-4:] == [("stop",), ("speak_prepared", "red-flags", "red-flags")] * 2
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RedFlagScreen)
        assert speaker.log[-1] == ("stop",)
        assert "Section 1 of" in screen_text(app)


async def test_speaks_even_with_self_voicing_off(make_app):
    app = make_app(Settings(self_voicing=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert ("speak_prepared", "red-flags", "red-flags") in app.speaker_double().log


async def test_no_engine_shows_the_notice_on_the_panel(make_app, guide):
    app = make_app(available=False, notice="Speech is off: no speech engine found (install espeak-ng)")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0")
        await pilot.pause()
        text = screen_text(app)
        assert "Speech is off: no speech engine found" in text
        assert guide.red_flags.signs[-1] in text
        assert not app.speaker_double().calls("speak_prepared")


async def test_item_being_spoken_is_marked_and_enter_reads_one(make_app, guide):
    from tui.ui.app import SpeechEvent
    from tui.speech.events import SentenceStarted
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0")
        await pilot.pause()
        app.post_message(SpeechEvent(SentenceStarted("red-flags", 3, guide.red_flags.signs[1])))
        await pilot.pause()
        listing = app.screen.query_one("#rf-signs")
        assert listing.highlighted == 1  # sentence 3 = heading, action, sign 1, *sign 2*
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.speaker_double().log[-1] == ("speak", [f"1. {guide.red_flags.signs[0]}"], "red-flag-item:0")


async def test_panel_readable_at_smallest_size(make_app, guide):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        text = screen_text(app)
        assert "⚠" in text
        assert guide.red_flags.action.split()[0] in text
        assert "1." in text


async def test_local_numbers_are_shown_and_spoken(make_app, guide):
    app = make_app(Settings(care_line="0800 123 4567", emergency_number="911"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        prepared = app.speaker_double().prepared["red-flags"]
        assert prepared[1].startswith(guide.red_flags.action)
        assert "Your 24-hour cancer line: 0800 123 4567." in prepared[1] and "Emergency number: 911." in prepared[1]
        assert prepared[-1] == prepared[1]
        text = screen_text(app)
        assert "0800 123 4567" in text and "911" in text


def test_without_local_numbers_the_wording_stays_general(guide):
    assert guide.red_flags.localised() is guide.red_flags
    in_clinic = guide.red_flags.localised(in_clinic=True).action
    assert in_clinic.startswith("If you are in the clinic now, tell a member of staff now.")
    assert in_clinic.endswith(guide.red_flags.action)
