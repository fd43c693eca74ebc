"""speechd backend against a tiny fake SSIP server on a UNIX socket."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from tui.speech.events import SentenceStarted, SpeechFailed, UtteranceFinished, UtteranceStarted
from tui.speech.speechd_backend import SpeechdSpeaker, socket_path, ssip_rate, ssip_volume


FAKE = Path(__file__).with_name("fake_player.py")
PLAYER = f"{sys.executable} {FAKE}"  # logs what it "plays"; no sound from these tests


class FakeSSIP:
    """Answers SSIP like speech-dispatcher would, records commands, and can send events."""

    def __init__(self, path):
        self.path = str(path)
        self.commands: list[str] = []
        self.spoken: list[str] = []
        self.msg_id = 0
        self.conn = None
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        threading.Thread(target=self.serve, daemon=True).start()

    def send(self, *lines):
        self.conn.sendall("".join(line + "\r\n" for line in lines).encode())

    def event(self, code, msg_id, word):
        self.send(f"{code}-{msg_id}", f"{code}-1", f"{code} {word}")

    def mark(self, msg_id, name):
        self.send(f"700-{msg_id}", "700-1", f"700-{name}", "700 INDEX MARK")

    def serve(self):
        try:
            self._serve()
        except OSError:  # the test closed the connection
            pass

    def _serve(self):
        self.conn, _ = self.server.accept()
        buf, data = b"", None
        while True:
            chunk = self.conn.recv(4096)
            if not chunk:
                return
            buf += chunk
            while b"\r\n" in buf:
                raw, buf = buf.split(b"\r\n", 1)
                line = raw.decode()
                if data is not None:
                    if line == ".":
                        self.msg_id += 1
                        self.spoken.append("\n".join(data))
                        data = None
                        self.send(f"225-{self.msg_id}", "225 OK MESSAGE QUEUED")
                    else:
                        data.append(line[1:] if line.startswith("..") else line)
                    continue
                self.commands.append(line)
                if line == "SPEAK":
                    data = []
                    self.send("230 OK RECEIVING DATA")
                elif line == "LIST SYNTHESIS_VOICES":
                    self.send("249-Alan\ten\tnone", "249-Ana\tes\tnone", "249 OK VOICE LIST SENT")
                elif line == "QUIT":
                    self.send("231 HAPPY HACKING")
                else:
                    self.send("200 OK")


def wait_until(check, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.005)
    return check()


@pytest.fixture
def server(tmp_path):
    return FakeSSIP(tmp_path / "speechd.sock")


@pytest.fixture
def player_log(tmp_path, monkeypatch):
    log = tmp_path / "player.log"
    log.write_text("")
    monkeypatch.setenv("FAKE_PLAYER_LOG", str(log))
    monkeypatch.delenv("BONE_GUIDE_PLAYER", raising=False)
    return lambda: [line.split(" ", 3)[1:] for line in log.read_text().splitlines()]


@pytest.fixture
def speaker(server, player_log):
    events = []
    spk = SpeechdSpeaker(events.append, rate=175, volume=1.0, voice="Alan", address=server.path,
                         player=PLAYER)
    spk.events = events
    yield spk
    spk.close()


def test_setup_commands_and_voices(server, speaker):
    assert speaker.available
    assert wait_until(lambda: speaker.voices())
    assert server.commands[:7] == [
        "SET SELF CLIENT_NAME user:bone-guide:main", "SET SELF NOTIFICATION ALL on",
        "SET SELF SSML_MODE on", "SET SELF RATE 0", "SET SELF VOLUME 100",
        "SET SELF SYNTHESIS_VOICE Alan", "LIST SYNTHESIS_VOICES"]
    assert [(v.id, v.language) for v in speaker.voices()] == [("Alan", "en"), ("Ana", "es")]


def test_a_reading_is_one_ssml_message_with_a_mark_per_sentence(server, speaker):
    # One SPEAK per sentence at `text` priority let each cancel the one before: only the last
    # sentence was heard. One message, marks give the ▶ position.
    speaker.speak(["First & <one>.", ".leading dot", "   ", "Third."], "u1")
    assert wait_until(lambda: len(server.spoken) == 1)
    time.sleep(0.1)
    assert server.commands.count("SPEAK") == 1
    assert server.spoken[0] == ('<speak><s><mark name="s0"/>First &amp; &lt;one&gt;.</s> '
                                '<s><mark name="s1"/>.leading dot</s> '
                                '<s><mark name="s3"/>Third.</s></speak>')
    assert "SET SELF PRIORITY text" in server.commands
    server.event(701, 1, "BEGIN")
    for mark in ("s0", "s1", "s3"):
        server.mark(1, mark)
    server.event(702, 1, "END")
    assert wait_until(lambda: any(isinstance(e, UtteranceFinished) for e in speaker.events))
    assert speaker.events[0] == UtteranceStarted("u1")
    assert [e.index for e in speaker.events if isinstance(e, SentenceStarted)] == [0, 1, 3]
    assert speaker.events[-1] == UtteranceFinished("u1", False)


def test_priorities_warning_signs_important_announcements_message(server, speaker):
    speaker.prepare("red", ["Warning.", "Go now."])
    speaker.speak(["Old."], "a")
    speaker.speak_prepared("red", "b", "alert")
    assert wait_until(lambda: len(server.spoken) >= 1 and "Go now." in server.spoken[-1])
    assert UtteranceFinished("a", True) in speaker.events
    before_red = server.commands[:len(server.commands) - server.commands[::-1].index("SPEAK") - 1]
    assert [c for c in before_red if c.startswith("SET SELF PRIORITY")][-1] == \
        "SET SELF PRIORITY important"
    speaker.speak("Section 2.", "announce", "announce")
    assert wait_until(lambda: "Section 2." in server.spoken[-1])
    assert [c for c in server.commands if c.startswith("SET SELF PRIORITY")][-1] == \
        "SET SELF PRIORITY message"


def test_stop_cancels_and_reports_at_once(server, speaker):
    speaker.speak(["One.", "Two."], "u1")
    assert wait_until(lambda: len(server.spoken) == 1)
    speaker.stop()
    assert speaker.events[-1] == UtteranceFinished("u1", True)
    assert wait_until(lambda: "CANCEL SELF" in server.commands)
    server.event(703, 1, "CANCELED")  # late notification of the cut-off one: ignored
    time.sleep(0.1)
    assert sum(isinstance(e, UtteranceFinished) for e in speaker.events) == 1


def test_pause_never_sends_pause_and_resume_goes_on_from_the_sentence(server, speaker):
    # PAUSE/RESUME then CANCEL left speech-dispatcher starting no message for any client.
    speaker.speak(["One.", "Two.", "Three."], "u1")
    assert wait_until(lambda: len(server.spoken) == 1)
    server.mark(1, "s0")
    server.mark(1, "s1")
    assert wait_until(lambda: len([e for e in speaker.events if isinstance(e, SentenceStarted)]) == 2)
    speaker.pause()
    assert speaker.paused
    assert wait_until(lambda: "CANCEL SELF" in server.commands)
    server.event(703, 1, "CANCELED")  # the pause's own cancel does not end the reading
    speaker.resume()
    assert wait_until(lambda: len(server.spoken) == 2)
    assert server.spoken[1] == '<speak><s><mark name="s1"/>Two.</s> <s><mark name="s2"/>Three.</s></speak>'
    assert "PAUSE SELF" not in server.commands and "RESUME SELF" not in server.commands
    assert not any(isinstance(e, UtteranceFinished) for e in speaker.events)
    server.mark(2, "s1")
    server.mark(2, "s2")
    server.event(702, 2, "END")
    assert wait_until(lambda: UtteranceFinished("u1", False) in speaker.events)
    assert [e.index for e in speaker.events if isinstance(e, SentenceStarted)] == [0, 1, 1, 2]


def test_rate_change_while_reading_applies_from_the_next_sentence(server, speaker):
    speaker.speak(["One.", "Two.", "Three."], "u1")
    assert wait_until(lambda: len(server.spoken) == 1)
    server.mark(1, "s0")
    speaker.set_rate(400)
    assert wait_until(lambda: "SET SELF RATE 100" in server.commands)
    server.mark(1, "s1")  # next sentence: sent again from here, with the new rate
    assert wait_until(lambda: len(server.spoken) == 2)
    assert server.spoken[1] == '<speak><s><mark name="s1"/>Two.</s> <s><mark name="s2"/>Three.</s></speak>'
    assert server.commands.index("SET SELF RATE 100") < len(server.commands) - 1
    server.event(703, 1, "CANCELED")
    server.mark(2, "s1")
    server.mark(2, "s2")
    server.event(702, 2, "END")
    assert wait_until(lambda: UtteranceFinished("u1", False) in speaker.events)
    assert [e.index for e in speaker.events if isinstance(e, SentenceStarted)] == [0, 1, 2]


def test_server_gone_is_one_notice(server, speaker):
    assert wait_until(lambda: server.conn is not None)
    server.conn.close()
    server.server.close()
    assert wait_until(lambda: any(isinstance(e, SpeechFailed) for e in speaker.events))
    assert not speaker.available
    speaker.speak(["Nobody hears this."], "x")


def test_detection_and_mapping(tmp_path, monkeypatch, server):
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{server.path}")
    assert socket_path() == server.path and SpeechdSpeaker.available_here()
    monkeypatch.setenv("SPEECHD_ADDRESS", "")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "none"))
    assert not SpeechdSpeaker.available_here()
    assert (ssip_rate(175), ssip_rate(80), ssip_rate(400)) == (0, -100, 100)
    assert (ssip_volume(0.0), ssip_volume(1.0)) == (-100, 100)
    spk = SpeechdSpeaker(lambda e: None, address=str(tmp_path / "missing.sock"))
    assert not spk.available and "not running" in spk.notice


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def test_a_tone_first_then_the_warning_signs(server, speaker, player_log, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "0.5")  # the 0.12 s tone "plays" for 0.24 s
    speaker.prepare("red", ["Warning signs.", "Go now."])
    speaker.speak_prepared("red", "r1", "alert")
    assert wait_until(lambda: speaker.cue_pid is not None and player_log())
    start = player_log()[0]
    assert start[0] == "START" and start[2] == "(tone)"
    # The words wait for the tone (the two never overlap) ...
    while speaker.cue_pid is not None and not gone(speaker.cue_pid):
        assert "SPEAK" not in server.commands
        time.sleep(0.01)
    # ... and follow it.
    assert wait_until(lambda: len(server.spoken) == 1)
    assert server.spoken[0] == ('<speak><s><mark name="s0"/>Warning signs.</s> '
                                '<s><mark name="s1"/>Go now.</s></speak>')


def test_a_reading_has_no_tone_and_is_sent_at_once(server, speaker, player_log):
    speaker.speak(["Just reading."], "u1")
    assert wait_until(lambda: len(server.spoken) == 1)
    assert speaker.cue_pid is None and player_log() == []


def test_stop_during_the_tone_silences_it_and_sends_nothing(server, speaker, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "0.3")
    speaker.prepare("red", ["Warning signs."])
    speaker.speak_prepared("red", "r1", "alert")
    assert wait_until(lambda: speaker.cue_pid is not None)
    pid = speaker.cue_pid
    speaker.stop()
    assert wait_until(lambda: gone(pid), 2)
    time.sleep(0.6)  # longer than the tone would have played
    assert server.spoken == []
    assert speaker.events[-1] == UtteranceFinished("r1", True)


def test_no_player_no_tone_the_words_at_once(server, player_log):
    events = []
    spk = SpeechdSpeaker(events.append, address=server.path, player="no-such-player-here")
    try:
        spk.prepare("red", ["Warning signs."])
        spk.speak_prepared("red", "r1", "alert")
        assert wait_until(lambda: len(server.spoken) == 1)
        assert player_log() == []
    finally:
        spk.close()
