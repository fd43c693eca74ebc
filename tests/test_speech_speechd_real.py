"""The app against a REAL speech-dispatcher (Debian's, with espeak-ng) that the test starts itself,
audio going to a PulseAudio null sink in a private runtime folder. What is checked is what the
daemon reports for our messages: BEGIN (701), an INDEX MARK (700) per sentence, END (702), and
CANCELED (703) only where we asked for it.
"""

from __future__ import annotations

import array
import os
import shutil
import subprocess
import threading
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
    monkeypatch.setenv("PULSE_SERVER", daemon.env["PULSE_SERVER"])  # our tone to the null sink too
    monkeypatch.delenv("BONE_GUIDE_PLAYER", raising=False)

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


class Recording:
    """What reaches the null sink, as 5 ms blocks of (peak, zero crossings), in order."""

    def __init__(self, env: dict) -> None:
        self.data = bytearray()
        self.proc = subprocess.Popen(["parec", "--device=silent.monitor", "--raw", "--format=s16le",
                                      "--rate=16000", "--channels=1", "--latency-msec=5"],
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while chunk := os.read(self.proc.stdout.fileno(), 65536):
            self.data += chunk

    def blocks(self) -> list[tuple[int, int]]:
        self.proc.kill()
        self.proc.wait()
        samples = array.array("h", bytes(self.data[:len(self.data) // 2 * 2]))
        out = []
        for i in range(0, len(samples) - 80, 80):
            b = samples[i:i + 80]
            out.append((max(max(b), -min(b)),
                        sum(1 for x, y in zip(b, b[1:]) if (x < 0) != (y < 0))))
        return out


def is_tone(peak: int, crossings: int) -> bool:
    """880 Hz at 0.4 of full scale: ~9 zero crossings in 5 ms at 16 kHz, peak ~13,100."""
    return 11000 < peak < 15000 and 7 <= crossings <= 11


@pytest.mark.skipif(shutil.which("parec") is None or shutil.which("paplay") is None,
                    reason="parec/paplay (pulseaudio-utils) not installed")
def test_the_warning_signs_begin_with_a_tone_then_the_words_not_over_it(daemon, monkeypatch):
    from tui.speech.speechd_backend import SpeechdSpeaker
    for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR", "HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, daemon.env[name])  # the tone's player plays to the null sink
    monkeypatch.delenv("BONE_GUIDE_PLAYER", raising=False)
    speaker = SpeechdSpeaker(lambda e: None, address=str(daemon.socket))
    recording = Recording(daemon.env)
    try:
        daemon.wake_sink()
        speaker.prepare("red", ["Warning signs.", "Go to the emergency department now."])
        before = len(speaker.notifications)
        speaker.speak_prepared("red", "r1", "alert")
        deadline = time.monotonic() + 30
        while not any(c == 702 for c, _, _ in list(speaker.notifications)[before:]):
            assert time.monotonic() < deadline, "the warning signs never ended"
            time.sleep(0.05)
        time.sleep(0.3)
    finally:
        blocks = recording.blocks()
        speaker.close()
    heard = [b for b in blocks if b[0] > 500]
    assert heard, "nothing reached the sink"
    # The first 120 ms heard are the tone (a word on it would change peak and pitch) ...
    assert sum(is_tone(*b) for b in heard[:24]) >= 18, heard[:24]
    # ... and the words come after it.
    words = [b for b in heard[24:] if not is_tone(*b)]
    assert len(words) >= 100, "the words after the tone were not heard"
