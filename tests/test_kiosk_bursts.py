"""Keys typed faster than screens change: the kiosk (both profiles) and the reader keep going.

A keypad burst reaches the app before any screen has changed, so each key goes to the screen
that was on top when it arrived. These tests post every key of a burst at once (the way a
terminal delivers one write) and only then let the app work.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.keys import key_to_character

from conftest import screen_text
from test_kiosk import SIZE, kiosk, paged_guide, private_log, until  # noqa: F401 (fixtures)
from tui.ui.screens.contents import ContentsScreen
from tui.ui.screens.disclaimer import DisclaimerScreen
from tui.ui.screens.help import HelpScreen
from tui.kiosk.screens import KioskContentsScreen, StartScreen
from tui.ui.screens.red_flags import RedFlagScreen
from tui.ui.screens.section import SectionScreen
from tui.ui.screens.settings import ROWS, SettingsScreen

PROFILES = ["numeric", "standard"]
BACK = {"numeric": "slash", "standard": "escape"}


async def burst(pilot, *keys: str) -> None:
    """Every key at once, then let the app catch up."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key_to_character(key)))
    for _ in range(5):
        await pilot.pause()


def no_errors(app, log_folder) -> None:
    assert app.is_running, "the kiosk stopped"
    assert app.resets == 0, "an error sent the kiosk back to its start screen"
    assert not (log_folder / "kiosk-errors.log").exists(), (log_folder / "kiosk-errors.log").read_text()


async def back_to_contents(pilot, profile: str) -> None:
    """Press Back (once at a time) until the contents are on top; a few presses at most."""
    app = pilot.app
    for _ in range(6):
        if isinstance(app.screen, KioskContentsScreen):
            return
        await pilot.press(BACK[profile])
        await pilot.pause()
    raise AssertionError(f"Back does not lead to the contents: {[s.name for s in app.screen_stack]}")


@pytest.mark.parametrize("profile", PROFILES)
async def test_five_slash_zero_on_the_start_screen(paged_guide, private_log, profile):
    """The burst from the issue: the warning signs show, nothing breaks, the keypad still works."""
    app = kiosk(paged_guide, key_profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await burst(pilot, "5", "slash", "0")
        no_errors(app, private_log)
        assert isinstance(app.screen, RedFlagScreen)
        assert app.speaker_double().calls("speak_prepared"), "the warning signs were not read aloud"
        # Closing them leads on as usual: to the contents, by way of the start screen if shown.
        await pilot.press(BACK[profile])
        await pilot.pause()
        if isinstance(app.screen, StartScreen):
            await pilot.press("x")
            await pilot.pause()
        assert isinstance(app.screen, KioskContentsScreen)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 1
        no_errors(app, private_log)


@pytest.mark.parametrize("profile", PROFILES)
async def test_start_screen_takes_one_key_of_a_burst(paged_guide, private_log, profile):
    app = kiosk(paged_guide, key_profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "5", "5", "8", "enter", "x", "5")
        no_errors(app, private_log)
        assert isinstance(app.screen, KioskContentsScreen)
        assert [type(s) for s in app.screen_stack[1:]] == [KioskContentsScreen]


WARNING_AND_SETTINGS = {
    "numeric": [["0", "slash"] * 4,
                ["asterisk", "asterisk", "slash", "slash"] * 3,
                ["0", "asterisk", "slash", "0", "slash", "asterisk", "asterisk", "6", "slash", "slash"],
                ["2", "0", "slash", "5", "slash", "0", "0", "slash"],
                ["asterisk", "asterisk", "2", "6", "0", "slash", "slash", "slash"]],
    "standard": [["0", "escape"] * 4,
                 ["o", "escape", "o", "right", "escape"] * 3,
                 ["0", "question_mark", "escape", "0", "escape", "o", "down", "escape", "escape"],
                 ["2", "0", "escape", "enter", "escape", "0", "0", "escape"],
                 ["question_mark", "o", "right", "0", "escape", "escape", "escape"]],
}


@pytest.mark.parametrize("profile", PROFILES)
async def test_bursts_that_open_and_close_warning_signs_and_settings(paged_guide, private_log, profile):
    app = kiosk(paged_guide, key_profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        for keys in WARNING_AND_SETTINGS[profile]:
            await burst(pilot, *keys)
            no_errors(app, private_log)
            await back_to_contents(pilot, profile)
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 2
        no_errors(app, private_log)


async def test_settings_opened_in_a_burst_start_on_the_volume(paged_guide, private_log):
    app = kiosk(paged_guide, key_profile="numeric")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "asterisk")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await burst(pilot, "asterisk")
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#settings-rows").highlighted == ROWS.index("volume")
        no_errors(app, private_log)


@pytest.mark.parametrize("profile", PROFILES)
async def test_bursts_while_sections_open_and_speak(paged_guide, private_log, profile):
    """Speech events arrive for screens being opened and closed; keys land on new sections."""
    app = kiosk(paged_guide, events=True, key_profile=profile)
    back = BACK[profile]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        for keys in (["2", "5", "enter", "6", "6", back], ["4", "enter", "0", back, "enter", back],
                     ["9", "9", "1", "plus", "plus", "minus", "5", back, back],
                     ["1", "3", "enter", "full_stop", "0", back, back, "asterisk", back]):
            await burst(pilot, *keys)
            no_errors(app, private_log)
            await back_to_contents(pilot, profile)
        no_errors(app, private_log)


async def test_reader_survives_the_same_bursts(make_app):
    """The home reader has no error log to fall back on: an error there would end it."""
    app = make_app(show_disclaimer=True, events=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        await burst(pilot, "5", "slash", "0")
        assert isinstance(app.screen, RedFlagScreen)
        for keys in (["escape", "0", "escape", "o", "right", "escape", "escape"],
                     ["2", "enter", "right", "0", "escape", "escape", "question_mark", "escape"],
                     ["3", "g", "enter", "escape", "slash", "b", "o", "enter", "escape", "escape"],
                     ["plus", "plus", "0", "minus", "escape", "1", "r", "escape", "escape"]):
            await burst(pilot, *keys)
            assert app.is_running
            for _ in range(6):
                if isinstance(app.screen, ContentsScreen):
                    break
                await pilot.press("escape")
            assert isinstance(app.screen, ContentsScreen)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 3
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("keys, back", [(["down"] * 8, ["up"] * 8), (["pagedown"] * 2, ["pageup"] * 2),
                                        (["end", "up", "up"], ["home"])])
async def test_every_key_of_a_scrolling_burst_moves_the_page(make_app, keys, back):
    """A held key or a quick hand sends keys faster than the screen redraws. Each must move the
    page as far as it does when pressed alone: Textual's own scroll keys each started from the
    same place in a burst, so eight Downs at once moved the page one line."""
    shown = []
    for together in (False, True):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("9")
            await pilot.pause()
            top = screen_text(app)
            if together:
                await burst(pilot, *keys)
            else:
                for key in keys:
                    await pilot.press(key)
                    await pilot.pause()
            shown.append(screen_text(app))
            await burst(pilot, *back)
            assert screen_text(app) == top, "the same keys back did not return to the top"
    one_at_a_time, in_a_burst = shown
    assert in_a_burst != top
    assert in_a_burst == one_at_a_time



async def test_keys_typed_before_0_in_a_burst_do_not_move_the_warning_signs(make_app):
    """0 shows the warning signs at once, ahead of the keys typed just before it. Those keys
    were for the section; on the warning signs they moved the list's marker down, so a patient
    saw a later sign marked instead of the first. Only the key typed after 0 moves it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await burst(pilot, "down", "down", "down", "0", "down")
        assert isinstance(app.screen, RedFlagScreen)
        assert app.screen.query_one("#rf-signs").highlighted == 1
