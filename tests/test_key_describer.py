"""The key describer (F2; `k` in line mode; `*` then `1` on the kiosk keypad): every key of the
screen is named and explained from the key table, and none is done, except the warning signs."""

from __future__ import annotations

import io

import pytest
from conftest import RecordingSpeaker, notices

from tui.ui import keys
from tui.key_describer import describe
from tui.ui.screens.red_flags import RedFlagScreen

# Keys that are not described: the warning signs act, F2 and Escape switch the describer off.
NOT_DESCRIBED = set(keys.RED_FLAGS.keys.split(",")) | {"f2", "escape"}


def pressable(commands) -> list[str]:
    out = []
    for command in commands:
        for key in command.keys.split(","):
            key = key.strip()
            if key and key not in NOT_DESCRIBED and key not in out:
                out.append(key)
    return out


def state(app):
    screen = app.screen
    scroll = screen.query_one("#page").scroll_y if screen.query("#page") else None
    return ([s.name for s in app.screen_stack], app.settings, app.theme, app.size_level, scroll,
            getattr(screen, "index", None))


@pytest.mark.parametrize("keys_there", [[], ["7"], ["f1"], ["g"], ["o"], ["B"], ["slash"]],
                         ids=["contents", "section", "help", "glossary", "settings", "bookmarks", "search"])
async def test_every_key_of_the_screen_is_named_and_none_is_done(make_app, keys_there):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*keys_there)
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert "Key describer on" in notices(app)
        before = state(app)
        commands = list(app.screen.COMMANDS) + keys.GLOBAL
        app.clear_notifications()
        speaker = app.speaker_double()
        for key in pressable(commands):
            spoken_before = len(speaker.calls("speak"))
            await pilot.press(key)
            await pilot.pause()
            told = describe(key, None, commands)
            assert "does nothing" not in told, key
            assert notices(app).splitlines()[-1] == told, f"{key} was not described"
            assert told in str(speaker.calls("speak")[spoken_before:]), f"{key} was not spoken"
            assert state(app) == before, f"{key} did something"
            assert app.is_running, f"{key} quit the app"
        # A key the screen does not use says so.
        await pilot.press("f9")
        await pilot.pause()
        assert notices(app).splitlines()[-1] == "F9: does nothing here"
        # The warning signs still open at once.
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)


async def test_f2_or_escape_turns_it_off_and_keys_work_again(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f2", "7")
        await pilot.pause()
        assert app.screen.name == "contents"
        await pilot.press("f2", "7")
        await pilot.pause()
        assert "Key describer off" in notices(app)
        assert app.screen.name == "section" and app.screen.index == 6
        await pilot.press("f2", "n", "escape", "n")
        await pilot.pause()
        assert app.screen.name == "section" and app.screen.index == 7


async def test_kiosk_keypad_star_then_1_describes_keypad_keys(guide, tmp_path, monkeypatch):
    from tui.kiosk.app import KioskApp
    from tui.kiosk.config import KioskConfig
    monkeypatch.setenv("BONE_GUIDE_LOG_DIR", str(tmp_path / "log"))
    holder = {}

    def factory(kind, on_event, **options):
        holder["speaker"] = RecordingSpeaker(on_event)
        return holder["speaker"]

    app = KioskApp(guide, KioskConfig(key_profile="numeric"), speaker_factory=factory)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("enter", "3")  # start, then section 3
        await pilot.pause()
        assert app.screen.name == "section"
        await pilot.press("asterisk", "1")  # help, then its key 1
        await pilot.pause()
        assert app.screen.name == "section"
        assert "Key describer on" in notices(app)
        before = state(app)
        for key, told in (("5", "Enter or 5: Read aloud from here"), ("6", "6 / 4: Next / previous section"),
                          ("right", "6 / 4: Next / previous section"), ("asterisk", "* (star): Help"),
                          ("plus", "+: Bigger text")):
            await pilot.press(key)
            await pilot.pause()
            assert notices(app).splitlines()[-1].startswith(told), key
            assert state(app) == before, f"{key} did something"
        await pilot.press("slash")  # off
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        assert app.screen.name == "section" and app.screen.index == 3


def test_line_mode_k_explains_commands_without_doing_them(guide):
    from tui.plain import PlainReader
    out = io.StringIO()
    reader = PlainReader(guide, out, speech_kind="none", size=lambda: (72, 200))
    reader.preloop()
    reader.onecmd("7")
    reader.onecmd("k")
    out.seek(0), out.truncate()
    for command, told in (("n", "n: next section"), ("q", "q: quit"), ("bookmark", "bookmark: bookmark"),
                          ("3", "a number: open that section"), ("/pain", "/word: search")):
        assert reader.onecmd(command) is False  # q does not quit
        assert told in out.getvalue(), command
    assert reader.current == 6 and reader.places.bookmarks == []
    reader.onecmd("0")
    assert reader.current == "warning"
    reader.onecmd("k")
    reader.onecmd("n")
    assert reader.current == 7
    from tui.plain import HELP_LINES
    assert any(line.startswith("  k ") for line in HELP_LINES)
