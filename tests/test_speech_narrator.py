"""The narrator's priorities: the warning signs > a reading > an announcement."""

from __future__ import annotations

from conftest import notices


async def test_rate_and_volume_keys_while_reading_keep_the_reading_going(make_app):
    # `]` used to cut the sentence, speak the new rate and end the reading.
    app = make_app(remember=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1", "r")
        await pilot.pause()
        speaker = app.narrator.speaker
        reading = speaker.log[-1]
        assert reading[0] == "speak" and reading[2].startswith("section:")
        speaker.log.clear()
        await pilot.press("right_square_bracket", "left_parenthesis")
        await pilot.pause()
        assert ("stop",) not in speaker.log and not speaker.calls("speak")  # not cut off
        assert [entry[0] for entry in speaker.log] == ["rate", "volume"]  # applied to the voice
        assert "words a minute" in notices(app)  # and shown
        assert app.narrator.current == reading[2]


async def test_warning_signs_are_spoken_at_alert_priority_and_not_cut_by_announcements(make_app):
    app = make_app(remember=False)
    app.settings = app.settings.changed(self_voicing=True)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        speaker = app.narrator.speaker
        assert speaker.priorities[-1] == ("red-flags", "alert")
        speaker.log.clear()
        app.narrator.announce("Theme: dark.")
        assert not speaker.calls("speak") and ("stop",) not in speaker.log
