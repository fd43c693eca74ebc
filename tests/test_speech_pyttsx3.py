"""The pyttsx3 backend with the real engine and tests/fake_player.py as the audio player.

Every wait has a deadline, so a broken backend fails a test instead of hanging the run.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from tui.speech import engine_present
from tui.speech.events import (AUDIO_INTERRUPTED, AUDIO_INTERRUPTED_SPOKEN, ENGINE_HUNG, NO_AUDIO,
                               NO_ENGINE, SPEECH_BACK, SentenceStarted, SpeechFailed,
                               SpeechNotice, SpeechRecovered, UtteranceFinished, UtteranceStarted)

pytestmark = pytest.mark.skipif(not engine_present(), reason="espeak-ng / pyttsx3 not installed")

FAKE = Path(__file__).with_name("fake_player.py")
PLAYER = f"{sys.executable} {FAKE}"
THREE = ["The first sentence is here.", "The second one follows.", "And a third ends it."]


class Events:
    def __init__(self):
        self.items: list = []
        self.cond = threading.Condition()

    def __call__(self, event):
        with self.cond:
            self.items.append(event)
            self.cond.notify_all()

    def wait_for(self, predicate, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for event in self.items:
                    if predicate(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"event not seen in {timeout}s; got {self.items}")
                self.cond.wait(left)

    def of(self, kind, uid=None):
        return [e for e in self.items if isinstance(e, kind)
                and (uid is None or getattr(e, "utterance_id", None) == uid)]


def started(uid, index=None):
    return lambda e: isinstance(e, SentenceStarted) and e.utterance_id == uid and \
        (index is None or e.index == index)


def finished(uid):
    return lambda e: isinstance(e, UtteranceFinished) and e.utterance_id == uid


def gone(pid: int) -> bool:
    """Exited: no process, or a zombie nobody has reaped yet (it makes no sound)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def wait_until(check, timeout=5.0, step=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()


@pytest.fixture
def player_log(tmp_path, monkeypatch):
    log = tmp_path / "player.log"
    log.write_text("")
    monkeypatch.setenv("FAKE_PLAYER_LOG", str(log))
    monkeypatch.delenv("BONE_GUIDE_PLAYER", raising=False)

    def lines(word=None):
        rows = [line.split(" ", 3)[1:] for line in log.read_text().splitlines()]
        return [r for r in rows if word is None or r[0] == word]
    return lines


@pytest.fixture
def make(request):
    made = []

    def build(**kwargs):
        from tui.speech.pyttsx3_backend import Pyttsx3Speaker
        events = Events()
        kwargs.setdefault("player", PLAYER)
        speaker = Pyttsx3Speaker(events, **kwargs)
        made.append(speaker)
        return speaker, events

    yield build
    for speaker in made:
        speaker.close()


def labels(rows):
    return [r[2] if len(r) > 2 else "" for r in rows]


def test_three_sentences_play_in_order_with_events(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "4")
    speaker, events = make()
    speaker.speak(THREE, "u1")
    done = events.wait_for(finished("u1"), 20)
    assert done.stopped is False
    assert isinstance(events.items[0], UtteranceStarted)
    assert [(e.index, e.text) for e in events.of(SentenceStarted, "u1")] == list(enumerate(THREE))
    assert labels(player_log("START")) == THREE
    assert len(player_log("END")) == 3


def test_string_is_split_and_empty_list_items_keep_their_index(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make()
    speaker.speak(["Hello.", "", "Bye now."], "u1")
    events.wait_for(finished("u1"), 20)
    assert [e.index for e in events.of(SentenceStarted)] == [0, 2]
    speaker.speak("One here. Two there.", "u2")
    events.wait_for(finished("u2"), 20)
    assert [e.text for e in events.of(SentenceStarted, "u2")] == ["One here.", "Two there."]


def test_stop_kills_the_player_at_once_and_plays_nothing_more(make, player_log):
    speaker, events = make()
    speaker.speak(THREE, "u1")
    events.wait_for(started("u1", 0), 10)
    assert wait_until(lambda: player_log("START"), 2)
    pid = speaker.player_pid
    assert pid is not None
    time.sleep(0.2)  # the next sentence is rendered and waiting by now
    speaker.stop()  # how fast: scripts/bench_speech.py; here: that it kills, not waits
    assert wait_until(lambda: gone(pid), 1.0, 0.002), "player still running after stop()"
    assert events.of(UtteranceFinished, "u1") == [UtteranceFinished("u1", True)]
    time.sleep(1.0)
    assert len(player_log("START")) == 1 and player_log("END") == []
    assert not events.of(SentenceStarted, "u1")[1:]


def test_speak_while_speaking_cuts_off_the_old(make, player_log):
    speaker, events = make()
    speaker.speak(THREE, "a")
    events.wait_for(started("a", 0), 10)
    assert wait_until(lambda: player_log("START"), 2)
    old_pid = speaker.player_pid
    speaker.speak(["Something new entirely."], "b")
    assert wait_until(lambda: gone(old_pid), 0.1, 0.002)
    events.wait_for(finished("b"), 10)
    order = [(type(e).__name__, e.utterance_id) for e in events.items]
    assert order.index(("UtteranceFinished", "a")) < order.index(("UtteranceStarted", "b"))
    assert events.of(UtteranceFinished, "a") == [UtteranceFinished("a", True)]
    assert labels(player_log("START")) == [THREE[0], "Something new entirely."]


def test_worker_killed_mid_section_is_replaced(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "4")
    speaker, events = make()
    speaker.speak(THREE, "u1")
    events.wait_for(started("u1", 0), 10)
    first = speaker.worker_pid
    os.kill(first, signal.SIGKILL)
    events.wait_for(finished("u1"), 20)  # it continues (or ends) by itself, with an event
    speaker.speak(["After the crash."], "u2")
    events.wait_for(started("u2", 0), 10)
    events.wait_for(finished("u2"), 10)
    assert speaker.worker_pid not in (None, first)
    assert speaker.available and not events.of(SpeechFailed)
    assert labels(player_log("START"))[-1] == "After the crash."


def test_hung_worker_is_killed_and_replaced(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make(reply_timeout=1.0)
    speaker.speak(["Warm up."], "u0")
    events.wait_for(finished("u0"), 10)
    hung = speaker.worker_pid
    os.kill(hung, signal.SIGSTOP)
    try:
        speaker.speak(["Still speaking after a hang."], "u1")
        events.wait_for(started("u1", 0), 8)
    finally:
        try:
            os.kill(hung, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert speaker.worker_pid != hung
    assert wait_until(lambda: gone(hung), 2)


def test_player_that_fails_at_once_turns_speech_off_quietly(make, player_log):
    speaker, events = make(player="false")
    speaker.speak(THREE, "u1")
    failed = events.wait_for(lambda e: isinstance(e, SpeechFailed), 10)
    assert failed == SpeechFailed(NO_AUDIO)
    assert speaker.available is False and speaker.notice == NO_AUDIO
    speaker.speak(THREE, "u2")  # a no-op now, no exception
    speaker.speak_prepared("x", "u3")
    time.sleep(0.3)
    assert len(events.of(SpeechFailed)) == 1 and not events.of(UtteranceStarted, "u2")


def test_player_failing_mid_reading_goes_on_with_the_next_sentence(make, player_log, monkeypatch):
    # A killed player or a sound-server restart used to turn speech off for good.
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "4")
    monkeypatch.setenv("FAKE_PLAYER_FAIL", "second")
    speaker, events = make()
    speaker.speak(THREE, "u1")
    assert events.wait_for(finished("u1"), 20).stopped is False
    # The third is still played, after the user heard why a piece is missing.
    assert labels(player_log("START")) == [THREE[0], THREE[1], AUDIO_INTERRUPTED_SPOKEN, THREE[2]]
    assert [e.index for e in events.of(SentenceStarted, "u1")] == [0, 1, 2]
    assert events.of(SpeechNotice) == [SpeechNotice(AUDIO_INTERRUPTED)]
    assert not events.of(SpeechFailed) and speaker.available
    speaker.speak(["And speech is still on."], "u2")
    events.wait_for(finished("u2"), 20)
    assert labels(player_log("START"))[-1] == "And speech is still on."


def test_rate_change_while_reading_applies_from_the_next_sentence(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "4")
    speaker, events = make()
    sent = []
    real_send = speaker._worker.send
    speaker._worker.send = lambda text, out, *settings: sent.append((text, settings[0])) or \
        real_send(text, out, *settings)
    speaker.speak(THREE, "u1")
    events.wait_for(started("u1", 0), 20)
    speaker.set_rate(300)
    assert events.wait_for(finished("u1"), 20).stopped is False
    assert labels(player_log("START")) == THREE  # the reading went on
    # The second sentence was rendered ahead at the old rate while the first played: it is
    # rendered again, so the very next sentence already has the new rate.
    second = [rate for text, rate in sent if text == THREE[1]]
    assert second[-1] == 300


@pytest.mark.skipif(not Path("/usr/bin/aplay").exists() or Path("/dev/snd").exists(),
                    reason="needs aplay and no sound card")
def test_real_aplay_without_sound_card(make, monkeypatch):
    speaker, events = make(player="aplay -q")
    speaker.speak(["Is anyone listening?"], "u1")
    assert events.wait_for(lambda e: isinstance(e, SpeechFailed), 10).reason == NO_AUDIO


def test_missing_engine_is_a_notice_and_speak_is_a_no_op(make, player_log):
    speaker, events = make(engine_module="no_such_speech_engine")
    failed = events.wait_for(lambda e: isinstance(e, SpeechFailed), 10)
    assert failed.reason == NO_ENGINE
    assert not speaker.available and speaker.notice == NO_ENGINE
    speaker.speak(THREE, "u1")
    time.sleep(0.2)
    assert player_log() == [] and not events.of(UtteranceStarted)


def test_missing_player_is_known_at_construction(make, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    speaker, _ = make(player=None)
    assert not speaker.available and speaker.notice == NO_AUDIO


def test_prepared_plays_cached_wavs_without_rendering(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make()
    speaker.prepare("red", ["Warning signs.", "Go to the emergency department now."])
    assert wait_until(lambda: speaker.prepared_ready("red"), 10)
    before = speaker.render_requests
    speaker.speak_prepared("red", "r1")
    events.wait_for(started("r1", 0), 5)
    events.wait_for(finished("r1"), 10)
    assert speaker.render_requests == before  # played from the cache, nothing rendered
    assert labels(player_log("START")) == ["(tone) Warning signs.",
                                           "Go to the emergency department now."]
    # A new rate makes the prepared audio stale: it is rendered again in the background.
    speaker.set_rate(300)
    assert wait_until(lambda: speaker.prepared_ready("red"), 10)
    assert speaker.render_requests == before + 2


def test_speak_prepared_before_ready_still_speaks(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make()
    speaker.prepare("red", ["Warning signs.", "Act now."])
    speaker.speak_prepared("red", "r1")
    events.wait_for(finished("r1"), 10)
    assert [e.index for e in events.of(SentenceStarted, "r1")] == [0, 1]


def test_pause_ends_the_player_and_resume_says_the_sentence_again(make, player_log):
    # A SIGSTOPped player let the sound server's buffer (~0.5 s) play on; the player is ended
    # instead, and resume plays the paused sentence from its start.
    speaker, events = make()
    speaker.speak(["Short one.", "The second sentence waits."], "u1")
    events.wait_for(started("u1", 0), 10)
    assert wait_until(lambda: player_log("START"), 2)
    pid = speaker.player_pid
    speaker.pause()
    assert speaker.paused
    assert wait_until(lambda: gone(pid), 1.0, 0.002), "player still there after pause()"
    time.sleep(2.0)  # longer than the first sentence: the second must not start
    assert player_log("END") == [] and len(player_log("START")) == 1
    speaker.resume()
    assert not speaker.paused
    events.wait_for(finished("u1"), 15)
    assert labels(player_log("START")) == ["Short one.", "Short one.", "The second sentence waits."]
    assert [e.index for e in events.of(SentenceStarted, "u1")] == [0, 1]


def test_pause_between_sentences_holds_the_next(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make()
    speaker.pause()  # paused before anything plays: nothing may start
    speaker.speak(["One."], "u1")  # a new speak starts fresh, unpaused
    events.wait_for(finished("u1"), 10)
    speaker.speak(["Two.", "Three."], "u2")
    events.wait_for(started("u2", 0), 10)
    speaker.pause()
    time.sleep(1.0)
    assert [e.index for e in events.of(SentenceStarted, "u2")] == [0]
    speaker.resume()
    events.wait_for(finished("u2"), 10)


def test_stop_while_paused_kills_the_stopped_player(make, player_log):
    speaker, events = make()
    speaker.speak(THREE, "u1")
    events.wait_for(started("u1", 0), 10)
    pid = speaker.player_pid
    speaker.pause()
    speaker.stop()
    assert wait_until(lambda: gone(pid), 0.1, 0.002)
    assert not speaker.paused


def test_voices_and_close(make):
    speaker, events = make()
    assert wait_until(lambda: speaker.voices(), 10)
    assert any(v.language.startswith("en") for v in speaker.voices())
    speaker.set_voice("no-such-voice")  # ignored by the engine, speech goes on
    speaker.close()
    speaker.close()
    speaker.speak(["After close."], "x")


def test_audio_device_back_after_speech_went_off_turns_speech_on(make, player_log, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    broken = tmp_path / "no-device"
    broken.write_text("")
    monkeypatch.setenv("FAKE_PLAYER_BROKEN", str(broken))
    speaker, events = make()
    speaker.speak(THREE, "u1")
    assert events.wait_for(lambda e: isinstance(e, SpeechFailed), 10).reason == NO_AUDIO
    speaker.probe()  # still no device: stays off, and says nothing more
    time.sleep(0.5)
    assert not events.of(SpeechRecovered) and not speaker.available
    broken.unlink()  # the device is back
    speaker.probe()  # what the next `r` does
    assert events.wait_for(lambda e: isinstance(e, SpeechRecovered), 5) == SpeechRecovered(SPEECH_BACK)
    assert speaker.available and speaker.notice is None
    speaker.speak(["Speech works again."], "u2")
    assert events.wait_for(finished("u2"), 10).stopped is False
    assert labels(player_log("START"))[-1] == "Speech works again."


def test_hung_worker_is_reported_at_once_and_replaced(make, player_log, monkeypatch):
    # The default deadline: a stopped worker used to mean 5 s of silence with no word.
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make(reply_timeout=__import__("tui.speech.pyttsx3_backend",
                                                    fromlist=["x"]).REPLY_TIMEOUT)
    speaker.speak(["Warm up."], "u0")
    events.wait_for(finished("u0"), 10)
    hung = speaker.worker_pid
    os.kill(hung, signal.SIGSTOP)
    try:
        speaker.speak(["Still speaking after a hang."], "u1")
        assert events.wait_for(lambda e: isinstance(e, SpeechNotice), 5) == SpeechNotice(ENGINE_HUNG)
        events.wait_for(finished("u1"), 10)
    finally:
        try:
            os.kill(hung, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert labels(player_log("START")) == ["Warm up.", "Still speaking after a hang."]


def test_hung_player_counts_as_interrupted_audio_and_reading_goes_on(make, player_log,
                                                                     monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "4")
    monkeypatch.setenv("FAKE_PLAYER_HANG", "second")
    speaker, events = make()
    speaker.speak(["Warm up."], "u0")
    events.wait_for(finished("u0"), 10)
    speaker.speak(THREE, "u1")
    assert events.wait_for(finished("u1"), 20).stopped is False
    assert labels(player_log("START"))[1:] == [THREE[0], THREE[1], AUDIO_INTERRUPTED_SPOKEN,
                                               THREE[2]]
    assert events.of(SpeechNotice) == [SpeechNotice(AUDIO_INTERRUPTED)]


def test_long_sentence_is_said_whole_in_pieces(make, player_log, monkeypatch):
    # 2 700 words in one sentence used to be 10 s of silence, then skipped without a word.
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "100000")  # only the rendering takes time
    words = [f"w{n}" for n in range(2700)]
    clauses = [" ".join(words[n:n + 13]) for n in range(0, 2700, 13)]
    sentence = ", ".join(clauses[:100]) + "; " + " ".join(clauses[100:]) + "."
    speaker, events = make()
    speaker.speak(["Before it.", sentence, "After it."], "u1")
    assert events.wait_for(finished("u1"), 120).stopped is False
    played = " ".join(labels(player_log("START")))
    assert [e.index for e in events.of(SentenceStarted, "u1")] == [0, 1, 2]
    assert not events.of(SpeechNotice)
    spoken_words = [w.strip(",;.") for w in played.split()]
    assert spoken_words == ["Before", "it"] + words + ["After", "it"]


def _tiny_tmpfs(path):
    import subprocess
    path.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs",
                                            str(path)], capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a tiny tmpfs")
    return path


def test_temp_folder_full_is_said_at_once_and_speech_recovers_when_freed(make, player_log,
                                                                          tmp_path, monkeypatch):
    tiny = _tiny_tmpfs(tmp_path / "tiny")
    import subprocess
    try:
        monkeypatch.setenv("TMPDIR", str(tiny))
        monkeypatch.setattr(__import__("tempfile"), "tempdir", str(tiny))  # cached at first use
        monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
        speaker, events = make()
        fill = tiny / "fill"
        fd = os.open(fill, os.O_WRONLY | os.O_CREAT)
        try:  # fill the folder up
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        speaker.speak(THREE, "u1")
        notice = events.wait_for(lambda e: isinstance(e, SpeechNotice), 5)
        assert "no space left" in notice.reason and str(tiny) in notice.reason
        assert events.wait_for(finished("u1"), 5).stopped is True
        fill.unlink()
        speaker.speak(["Space again."], "u2")
        assert events.wait_for(finished("u2"), 5).stopped is False
        assert labels(player_log("START")) == ["Space again."]
        assert speaker.available
        speaker.close()
    finally:
        subprocess.run(["umount", "-l", str(tiny)])


@pytest.mark.skipif(not (Path("/usr/bin/aplay").exists() and Path("/usr/bin/paplay").exists()),
                    reason="needs aplay and paplay")
def test_a_running_sound_server_is_played_to_directly(tmp_path, monkeypatch):
    """paplay reaches PulseAudio ~50 ms sooner than aplay through ALSA's pulse plugin; without a
    sound server (a kiosk on plain ALSA) aplay stays first."""
    from tui.speech.player import player_command
    for name in ("BONE_GUIDE_PLAYER", "PULSE_SERVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert player_command()[0] == "aplay"
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    assert player_command()[0] == "paplay"
    assert player_command("aplay -q -D hw:0") == ["aplay", "-q", "-D", "hw:0"]  # chosen wins


def tone_hz(wav: str, seconds: float) -> float:
    """The pitch of the first `seconds` of a WAV, from its zero crossings."""
    import array
    import wave
    with wave.open(wav) as w:
        rate = w.getframerate()
        samples = array.array("h", w.readframes(int(rate * seconds)))
    crossings = sum(1 for a, b in zip(samples, samples[1:]) if (a < 0) != (b < 0))
    return crossings / 2 / seconds


def test_a_tone_comes_before_the_warning_signs_first_sentence(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make()
    speaker.prepare("red", ["Warning signs.", "Go to the emergency department now."])
    assert wait_until(lambda: speaker.prepared_ready("red"), 10)
    speaker.speak_prepared("red", "r1", "alert")
    events.wait_for(finished("r1"), 10)
    first = player_log("START")[0]
    # One file: the tone, then the first sentence (no second player start between them).
    assert first[2] == "(tone) Warning signs."
    assert 840 < tone_hz(first[1], 0.1) < 920
    # A reading has no tone.
    speaker.speak(["Just reading."], "u2")
    events.wait_for(finished("u2"), 10)
    assert labels(player_log("START"))[-1] == "Just reading."


def test_warning_signs_not_ready_yet_still_begin_with_the_tone(make, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make()
    speaker.speak(["Warning signs.", "Act now."], "r1", "alert")  # rendered live
    events.wait_for(finished("r1"), 10)
    played = player_log("START")
    assert labels(played) == ["(tone)", "Warning signs.", "Act now."]
    assert 840 < tone_hz(played[0][1], 0.1) < 920


def _sound_server_test_skip() -> str | None:
    import shutil
    sys.path.insert(0, str(Path(__file__).parent))
    from speechd_daemon import missing
    if shutil.which("pacat") is None or shutil.which("parec") is None:
        return "pacat/parec (pulseaudio-utils) not installed"
    return missing()


@pytest.mark.skipif(_sound_server_test_skip() is not None, reason=str(_sound_server_test_skip()))
def test_with_pulseaudio_sentences_play_on_a_player_started_ahead_and_stop_kills_it(
        tmp_path, monkeypatch):
    # The player chosen automatically with a sound server (paplay) is kept started ahead as
    # pacat, so a sentence does not wait for a player's start-up; stop must still silence it,
    # and nothing is left running after close.
    from speechd_daemon import Daemons
    from test_speech_speechd_real import Recording
    from tui.speech.pyttsx3_backend import Pyttsx3Speaker
    with Daemons(tmp_path / "audio") as daemon:
        for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR", "HOME", "XDG_CONFIG_HOME"):
            monkeypatch.setenv(name, daemon.env[name])
        monkeypatch.delenv("BONE_GUIDE_PLAYER", raising=False)
        recording = Recording(daemon.env)
        daemon.wake_sink()
        events = Events()
        speaker = Pyttsx3Speaker(events)
        try:
            speaker.speak(THREE, "u1")
            events.wait_for(started("u1", 1), 30)
            pid = speaker.player_pid
            assert pid is not None
            assert Path(f"/proc/{pid}/comm").read_text().strip() == "pacat"
            assert wait_until(lambda: speaker.spare_player_pid, 5)  # the next one, waiting
            spare = speaker.spare_player_pid
            speaker.stop()
            assert wait_until(lambda: gone(pid), 1.0, 0.002), "player still running after stop()"
        finally:
            speaker.close()
            blocks = recording.blocks()
        assert wait_until(lambda: gone(spare), 2), "a player started ahead outlived the speaker"
        assert sum(1 for peak, _ in blocks if peak > 500) > 100, "the sentences were not heard"


@pytest.mark.skipif(_sound_server_test_skip() is not None, reason=str(_sound_server_test_skip()))
def test_with_pulseaudio_the_player_is_waiting_before_the_engine_is_started(tmp_path, monkeypatch):
    """As the app starts (engine deferred until its first screen is up), the player is started
    and connected at once, so a 0 at the first screen needs no player start-up either."""
    from speechd_daemon import Daemons
    from tui.speech.pyttsx3_backend import Pyttsx3Speaker
    with Daemons(tmp_path / "audio") as daemon:
        for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR", "HOME", "XDG_CONFIG_HOME"):
            monkeypatch.setenv(name, daemon.env[name])
        monkeypatch.delenv("BONE_GUIDE_PLAYER", raising=False)
        speaker = Pyttsx3Speaker(Events(), defer_engine=True)
        try:
            assert wait_until(lambda: speaker.spare_player_pid, 5)
            spare = speaker.spare_player_pid
            assert Path(f"/proc/{spare}/comm").read_text().strip() == "pacat"
            assert speaker.worker_pid is None
        finally:
            speaker.close()
        assert wait_until(lambda: gone(spare), 2), "the player started ahead outlived the speaker"


CUT_OFF_ENGINE = '''
"""A stand-in for pyttsx3 whose first try at each text ends before a single sample, as espeak
does now and then when pyttsx3 cancels it while it is still starting."""
import wave

class _Engine:
    def __init__(self):
        self.finished, self.job, self.tries = None, None, {}

    def connect(self, name, callback):
        self.finished = callback

    def getProperty(self, name):
        return []

    def setProperty(self, name, value):
        pass

    def save_to_file(self, text, path):
        self.job = (text, path)

    def runAndWait(self):
        text, path = self.job
        tries = self.tries[text] = self.tries.get(text, 0) + 1
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            if tries > 1:
                w.writeframes(b"\\x00\\x10" * 4410)
        self.finished(name=None, completed=True)

def init():
    return _Engine()
'''


def test_a_sentence_the_engine_cut_off_before_any_sound_is_made_again(
        make, player_log, tmp_path, monkeypatch):
    """No sentence is left out silently: an empty WAV for words is rendered again."""
    from tui.speech.player import wav_seconds
    folder = tmp_path / "engines"
    folder.mkdir()
    (folder / "cut_off_engine.py").write_text(CUT_OFF_ENGINE)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(folder), os.environ.get("PYTHONPATH")) if p))
    speaker, _ = make(engine_module="cut_off_engine")
    speaker.prepare("red", ["Warning signs.", "Go to the emergency department now."])
    assert wait_until(lambda: speaker.prepared_ready("red"), 20)
    wavs = speaker._prepared["red"].wavs
    assert [round(wav_seconds(w), 1) for w in wavs] == [0.2, 0.2]


def _players_of_this_process() -> list[int]:
    """Our pacat children (the players kept started ahead run in sessions of their own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
            if name == "pacat" and int(rest[1]) == os.getpid():
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(_sound_server_test_skip() is not None, reason=str(_sound_server_test_skip()))
def test_with_pulseaudio_the_app_starts_its_player_before_anything_else_of_speech(
        tmp_path, monkeypatch):
    """What the app does as it loads (Narrator.start_early): the player starts at once, while
    the first screen is drawn and before the backend is made, and the backend keeps that
    player for the first sentence (a 0 at the first screen) rather than starting another."""
    from speechd_daemon import Daemons
    from tui.core.settings import Settings
    from tui.speech.narrator import Narrator
    with Daemons(tmp_path / "audio") as daemon:
        for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR", "HOME", "XDG_CONFIG_HOME"):
            monkeypatch.setenv(name, daemon.env[name])
        monkeypatch.delenv("BONE_GUIDE_PLAYER", raising=False)
        narrator = Narrator(lambda event: None, Settings(speech="pyttsx3"))
        narrator.start_early(lambda: ["Warning signs."])
        try:
            assert wait_until(lambda: len(_players_of_this_process()) == 1, 5)
            [early] = _players_of_this_process()
            speaker = narrator.speaker  # the first screen is up: the backend is made now
            assert speaker.spare_player_pid == early
            assert _players_of_this_process() == [early]
        finally:
            narrator.close()
        assert wait_until(lambda: gone(early), 2), "the player started ahead outlived speech"
