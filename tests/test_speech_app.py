"""The reader with its real voice: pyttsx3 + espeak-ng rendering, tests/fake_player.py playing.

Checks what a listener would notice: the sentences come in order and are marked on screen as
each starts, keys are answered while it talks, and stop silences it at once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import notices, screen_text

from tui.ui.app import BoneGuideApp
from tui.core.reading import reading_units
from tui.ui.screens.section import SectionScreen
from tui.core.settings import Settings
from tui.speech import engine_present

pytestmark = pytest.mark.skipif(not engine_present(), reason="espeak-ng / pyttsx3 not installed")

FAKE = Path(__file__).with_name("fake_player.py")


@pytest.fixture
def player_log(tmp_path, monkeypatch):
    log = tmp_path / "player.log"
    monkeypatch.setenv("FAKE_PLAYER_LOG", str(log))
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "3")

    def lines(kind: str | None = None) -> list[str]:
        if not log.exists():
            return []
        rows = [line.split(" ", 1)[1] for line in log.read_text().splitlines()]
        return [r for r in rows if kind is None or r.startswith(kind)]
    return lines


def fake_players() -> list[int]:
    """Fake players still running (a killed one waiting to be reaped makes no sound)."""
    found = subprocess.run(["pgrep", "-f", str(FAKE)], capture_output=True, text=True).stdout
    alive = []
    for pid in map(int, found.split()):
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                alive.append(pid)
        except (OSError, IndexError):
            pass
    return alive


async def wait_for(pilot, check, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        await pilot.pause(0.02)
    raise AssertionError("condition not met in time")


def real_app(guide, **settings):
    return BoneGuideApp(guide, Settings(player=f"{sys.executable} {FAKE}", **settings),
                        show_disclaimer=False, remember=False)


async def test_r_reads_sentences_in_order_and_marks_each(guide, player_log):
    app = real_app(guide)
    sentences = [s for u in reading_units(guide.sections[0]) for s in u.sentences]
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1", "r")
        await wait_for(pilot, lambda: len(player_log("START")) >= 1)
        await pilot.pause(0.05)
        text = app.screen.query_one("SectionText")
        assert text.spoken == (0, 0)  # the first unit's first sentence
        assert "▶ " in screen_text(app)
        await wait_for(pilot, lambda: len(player_log("START")) >= 3)
        await pilot.pause(0.05)
        started = [line.split(" ", 2)[2] for line in player_log("START")]
        assert started[:3] == sentences[:3]
        marked = [(n, text.spoken_span(n)) for n in range(len(text.units)) if text.spoken_span(n)]
        assert len(marked) == 1  # exactly one sentence is marked: the one being heard
        assert sum("▶ " in line for line in text.plain_lines()) == 1
        await pilot.press("full_stop")


async def test_keys_answered_while_speaking_and_stop_is_immediate(guide, player_log):
    app = real_app(guide)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("2", "r")
        await wait_for(pilot, lambda: len(player_log("START")) >= 1 and fake_players())
        playing = len(player_log("START"))
        await pilot.press("g")  # a key during speech: the glossary opens while it talks
        await pilot.pause()
        assert "Glossary" in screen_text(app)
        assert fake_players(), "the reading should go on while the glossary opens"
        await pilot.press("escape")  # first Escape stops the reading
        await wait_for(pilot, lambda: not fake_players(), timeout=1.0)
        await pilot.pause(1.0)
        assert len(player_log("START")) == playing, "something more was played after stop"
        assert "Glossary" in screen_text(app)  # stopping did not also go back


async def test_new_speech_cuts_off_the_old(guide, player_log):
    app = real_app(guide)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1", "r")
        await wait_for(pilot, lambda: len(player_log("START")) >= 1)
        await pilot.press("0")  # warning signs interrupt the reading
        await wait_for(pilot, lambda: any(guide.red_flags.heading[:20] in l for l in player_log("START")))
        await pilot.pause(0.3)
        assert len(fake_players()) <= 1


async def test_backend_that_raises_leaves_the_app_usable(guide):
    def broken(kind, on_event, **_):
        raise RuntimeError("the speech engine crashed")
    app = BoneGuideApp(guide, Settings(), speaker_factory=broken, show_disclaimer=False, remember=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert "Speech is off: the speech engine crashed" in notices(app)
        await pilot.press("1", "r", "0")
        await pilot.pause()
        assert "Speech is off" in screen_text(app)
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 1


async def test_hung_engine_leaves_the_app_usable(guide, player_log):
    """An engine that never answers: keys still work, quitting is quick."""
    from tui.speech import create_speaker

    def hanging(kind, on_event, **options):
        speaker = create_speaker("pyttsx3", on_event, **options, reply_timeout=1.0)
        speaker.start_engine()  # the app starts it after the first paint; here at once
        pid = None
        deadline = time.monotonic() + 10
        while pid is None and time.monotonic() < deadline:
            pid = speaker.worker_pid
            time.sleep(0.01)
        os.kill(pid, signal.SIGSTOP)  # the worker is frozen, as a hung engine would be
        return speaker
    app = BoneGuideApp(guide, Settings(player=f"{sys.executable} {FAKE}"), speaker_factory=hanging,
                       show_disclaimer=False, remember=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1", "r")
        await pilot.press("n", "n", "p")
        await pilot.pause()
        assert app.screen.index == 1


async def test_worker_killed_mid_section_is_replaced_and_next_r_speaks(guide, player_log):
    app = real_app(guide)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1", "r")
        await wait_for(pilot, lambda: len(player_log("START")) >= 1)
        speaker = app.narrator.speaker
        first = speaker.worker_pid
        os.kill(first, signal.SIGKILL)
        await pilot.press("full_stop")
        await pilot.pause(0.3)
        before = len(player_log("START"))
        await pilot.press("n", "r")
        await wait_for(pilot, lambda: len(player_log("START")) > before)
        assert speaker.worker_pid not in (None, first)
        second_section = reading_units(guide.sections[1])[0].sentences[0]
        assert player_log("START")[before].split(" ", 2)[2] == second_section
        await pilot.press("full_stop")


async def test_speech_off_for_want_of_audio_comes_back_and_says_so(guide, player_log, tmp_path,
                                                                   monkeypatch):
    broken = tmp_path / "no-device"
    broken.write_text("")
    monkeypatch.setenv("FAKE_PLAYER_BROKEN", str(broken))
    app = real_app(guide)
    bells = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1", "r")
        await wait_for(pilot, lambda: not app.narrator.available)
        assert bells  # the blind user hears that something changed
        assert "Speech is off" in notices(app)
        broken.unlink()  # the device is back
        await pilot.press("r")  # says "speech is off" once more, and checks the device
        await wait_for(pilot, lambda: app.narrator.available, 10)
        await wait_for(pilot, lambda: any(line.endswith("Speech is back.")
                                          for line in player_log("START")), 10)
        assert "Speech is back" in notices(app)
        await pilot.press("r")
        first = reading_units(guide.sections[0])[0].sentences[0]
        await wait_for(pilot, lambda: player_log("START")[-1].endswith(first), 10)
        await pilot.press("full_stop")


async def test_r_after_stop_goes_on_at_the_cut_sentence_and_comma_says_it_again(guide, player_log):
    app = real_app(guide)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("1", "r")
        await wait_for(pilot, lambda: len(player_log("START")) >= 2)
        await pilot.press("full_stop")
        await pilot.pause(0.3)
        heard = [line.split(" ", 2)[2] for line in player_log("START")]
        cut = heard[-1]
        assert cut != reading_units(guide.sections[0])[0].sentences[0]
        await pilot.press("r")
        await wait_for(pilot, lambda: len(player_log("START")) > len(heard))
        assert player_log("START")[len(heard)].split(" ", 2)[2] == cut  # not the paragraph's start
        await pilot.press("full_stop")
        await pilot.pause(0.3)
        count = len(player_log("START"))
        last = player_log("START")[-1].split(" ", 2)[2]
        await pilot.press("comma")
        await wait_for(pilot, lambda: len(player_log("START")) > count)
        assert player_log("START")[count].split(" ", 2)[2] == last
        await pilot.press("full_stop")
