"""No dead ends: every key a reader tries either works or says what to do instead."""

from __future__ import annotations

from conftest import screen_text


async def test_disclaimer_question_mark_shows_help_and_escape_returns(make_app):
    app = make_app(show_disclaimer=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.name == "disclaimer"
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.name == "help", f"{key} should show help, not skip the disclaimer"
            assert "Any key" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.name == "disclaimer"


async def test_read_with_speech_off_says_so_and_how_to_turn_it_on(make_app):
    app = make_app(speech="none", available=False)  # what --no-speech builds: a silent speaker
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Speech is off" in text and "--no-speech" in text


async def test_settings_enter_gives_the_next_value(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "down", "enter")  # text size
        await pilot.pause()
        assert app.size_level == "large"
        assert "Enter" in screen_text(app)  # the hint says so
