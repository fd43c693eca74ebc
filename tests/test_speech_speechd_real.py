"""The app against a REAL speech-dispatcher (Debian's, with espeak-ng) that the test starts itself,
audio going to a PulseAudio null sink in a private runtime folder. What is checked is what the
daemon reports for our messages: BEGIN (701), an INDEX MARK (700) per sentence, END (702), and
CANCELED (703) only where we asked for it.
"""

from __future__ import annotations

import time

import pytest
from speechd_daemon import Daemons, missing

from tui.ui.app import BoneGuideApp
from tui.core.reading import reading_units
from tui.core.settings import Settings

pytestmark = pytest.mark.skipif(missing() is not None, reason=str(missing()))


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    with Daemons(tmp_path_factory.mktemp("speechd")) as d:
        yield d


@pytest.fixture
def speechd_app(daemon, guide, monkeypatch):
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{daemon.socket}")

    def make(**settings):
        settings.setdefault("rate", 400)  # the fastest rate: the same events, sooner
        return BoneGuideApp(guide, Settings(speech="speechd", **settings), show_disclaimer=False,
                            remember=False)
    return make


async def started(pilot, app) -> None:
    await wait_for(pilot, lambda: app.narrator.speaker is not None, 30)


async def wait_for(pilot, check, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        await pilot.pause(0.05)
    raise AssertionError("condition not met in time")


def by_message(notes) -> dict[str, list]:
    out: dict[str, list] = {}
    for code, msg_id, mark in notes:
        out.setdefault(msg_id, []).append(mark if code == 700 else code)
    return out


async def test_every_sentence_of_a_section_is_spoken_in_order(speechd_app, guide):
    app = speechd_app()
    sentences = [s for u in reading_units(guide.sections[0]) for s in u.sentences]
    async with app.run_test(size=(80, 30)) as pilot:
        await started(pilot, app)  # speech starts once the first screen is painted
        speaker = app.narrator.speaker
        assert speaker.name == "speechd" and speaker.available
        await pilot.press("1", "r")
        await wait_for(pilot, lambda: any(c == 702 for c, _, _ in speaker.notifications), 120)
        messages = by_message(speaker.notifications)
        assert len(messages) == 1, messages  # one message for the whole reading
        (events,) = messages.values()
        assert events == [701] + [f"s{i}" for i in range(len(sentences))] + [702]
        assert app.narrator.current is None  # the app heard the end too


async def test_warning_signs_pre_empt_a_reading(speechd_app, guide):
    app = speechd_app(rate=175)
    async with app.run_test(size=(80, 30)) as pilot:
        await started(pilot, app)  # speech starts once the first screen is painted
        speaker = app.narrator.speaker
        await pilot.press("1", "r")
        await wait_for(pilot, lambda: any(m == "s1" for _, _, m in speaker.notifications))
        await pilot.press("0")
        await wait_for(pilot, lambda: [c for c, _, _ in speaker.notifications].count(702) == 1, 120)
        reading, warning = by_message(speaker.notifications).values()
        assert reading[-1] == 703  # cut off by the warning signs ...
        assert warning[0] == 701 and warning[-1] == 702 and 703 not in warning  # ... read whole
        marks = [m for m in warning if isinstance(m, str)]
        assert marks == [f"s{i}" for i in range(len(marks))] and len(marks) >= 3


async def test_pausing_and_stopping_never_wedge_the_daemon_for_other_clients(speechd_app, daemon):
    # 20 rounds of r, Space, Space, ".", "0": the old PAUSE/RESUME/CANCEL sequence left
    # speech-dispatcher starting no message for anyone (`spd-say -w` hung).
    app = speechd_app(rate=175)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1")
        for _ in range(20):
            for key in ("r", "space", "space", "full_stop", "0"):
                await pilot.press(key)
                await pilot.pause(0.05)
            await pilot.press("escape", "escape", "1")
        await pilot.press("full_stop")
        await pilot.pause(0.5)
        assert daemon.spd_say("Still talking.", timeout=30), "the daemon stopped speaking"
        await started(pilot, app)  # speech starts once the first screen is painted
        speaker = app.narrator.speaker
        before = len(speaker.notifications)
        await pilot.press("0")  # and the app itself still gets its warning signs read
        await wait_for(pilot, lambda: any(c == 702 for c, _, _ in
                                          list(speaker.notifications)[before:]), 120)


async def test_speech_comes_back_when_the_daemon_is_started_again(guide, tmp_path, monkeypatch):
    """speech-dispatcher killed mid-reading (a crash, a session restart): speech is off with a
    notice; once the daemon runs again the next r connects, says "Speech is back." and reads."""
    from conftest import notices
    with Daemons(tmp_path / "own") as daemon:
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{daemon.socket}")
        app = BoneGuideApp(guide, Settings(speech="speechd", rate=400), show_disclaimer=False,
                           remember=False)
        async with app.run_test(size=(80, 30)) as pilot:
            await started(pilot, app)  # speech starts once the first screen is painted
            first = app.narrator.speaker
            await pilot.press("1", "r")
            await wait_for(pilot, lambda: any(c == 701 for c, _, _ in first.notifications))
            daemon.kill_speechd()
            await wait_for(pilot, lambda: "speech-dispatcher" in notices(app), 20)
            assert not app.narrator.available
            daemon.start_speechd()
            before = len(first.notifications)
            await pilot.press("r")  # connects again, says so, and reads at once
            await wait_for(pilot, lambda: "Speech is back" in notices(app), 20)
            assert app.narrator.available
            await wait_for(pilot, lambda: any(m == "s1" for _, _, m in
                                              list(first.notifications)[before:]), 30)
