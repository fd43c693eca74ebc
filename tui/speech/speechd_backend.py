"""speech-dispatcher backend: speaks through the user's own speech service (what Orca uses),
so their synthesiser and voice settings apply. Plain SSIP over the UNIX socket, no library.

One SPEAK message per utterance, in SSML, with a `<mark name="sN"/>` before sentence N. The
daemon reports each mark as it is reached (700), so the ▶ follows the voice and we know where to
go on from. One message, not one per sentence: a newer `text` message from the same client
cancels the one playing, so sentence-per-message readings lost all but the last sentence.

Priorities: the warning signs go at `important` (they pre-empt every client's speech, a screen
reader's too, and are never dropped), self-voicing announcements at `message`, reading at `text`.

Pause never sends PAUSE: the daemon's PAUSE/RESUME around a CANCEL left it starting no message
for any client (the user's screen reader included). Pause is a CANCEL that remembers the sentence
reached; resume speaks again from that sentence.

All socket writes happen on one sender thread so no public method waits on the daemon.

The warning signs (and any ALERT) begin with the tone of tui/speech/cue.py, played by our own
player the moment they are asked for; the message goes to the daemon when the tone has played.
The tone is the first audio (it tells the user at once that the key worked and that what follows
matters) and the first word follows it, never over it: with the words sent at once behind an
SSML break as long as the tone, the two players' start-up times (10-200 ms each on a busy
machine) put the first word on the tone now and then. The daemon's own SSML <audio> played the
tone but the first word came ~0.7 s after it. No player: no tone, the words at once.

When the daemon goes away (killed, restarted by the session) speech is off with a notice; the next
speak or probe connects again if the daemon is back, sends our settings again and reports
SpeechRecovered ("Speech is back."). Each connection has its own socket, queues and threads, so
a late error from the old one cannot turn the new one off.
"""

from __future__ import annotations

import collections
import os
import queue
import re
import shutil
import socket
import stat
import tempfile
import threading

from tui.speech import cue as warning_cue
from tui.speech.events import (SPEECH_BACK, SentenceStarted, SpeechFailed, SpeechRecovered,
                               UtteranceFinished, UtteranceStarted)
from tui.speech.speaker import (ALERT, ANNOUNCE, RATE_DEFAULT, RATE_MAX, RATE_MIN, READ, Speaker,
                                Voice, as_sentences, clamp_rate, clamp_volume)
from tui.speech.player import Playback, WarmPlayer, player_command

TIMEOUT = 2.0
CUE_WAIT = warning_cue.CUE_SECONDS + 0.5  # the words wait at most this long for the tone
CUE_LATENCY_MS = 20  # paplay's buffer for the tone: it exits soon after the tone has played
NOT_ANSWERING = "Speech is off: speech-dispatcher is not answering"
SSIP_PRIORITY = {ALERT: "important", READ: "text", ANNOUNCE: "message"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def socket_path() -> str | None:
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return address.split(":", 1)[1] or None
    if address and "/" in address and ":" not in address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "speech-dispatcher", "speechd.sock")
    return None


def ssip_rate(wpm: int) -> int:
    """Words a minute to SSIP -100..100, where 0 is the synthesiser's default (~175 wpm)."""
    wpm = clamp_rate(wpm)
    if wpm >= RATE_DEFAULT:
        return round(100 * (wpm - RATE_DEFAULT) / (RATE_MAX - RATE_DEFAULT))
    return round(-100 * (RATE_DEFAULT - wpm) / (RATE_DEFAULT - RATE_MIN))


def ssip_volume(volume: float) -> int:
    return round(clamp_volume(volume) * 200 - 100)


def xml_text(text: str) -> str:
    """Sentence text safe inside SSML: &, <, > escaped, control characters gone, one line."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ssml(sentences: list[str], start: int = 0) -> str:
    """One SSML document from sentence `start` on, a mark named sN before sentence N.
    Each sentence in its own <s>: with bare marks between sentences, speech-dispatcher 0.11 +
    espeak-ng reported only the first mark (it splits the text at sentence ends itself)."""
    body = " ".join(f'<s><mark name="s{i}"/>{xml_text(s)}</s>'
                    for i, s in enumerate(sentences) if i >= start and s.strip())
    return f"<speak>{body}</speak>"


def escape(text: str) -> str:
    """SSIP data block: CRLF lines, a leading dot doubled (so no line is just '.')."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\r\n".join("." + line if line.startswith(".") else line for line in lines)


def _cue_player(explicit: str | None) -> list[str] | None:
    """The player for the tone, None when there is none. paplay keeps a buffer as long as the
    sound server allows (2 s at a null sink) and exits only when that has drained, so the words
    would wait for it: it gets a short one."""
    command = player_command(explicit)
    if not command or shutil.which(command[0]) is None:
        return None
    if os.path.basename(command[0]) == "paplay" and not any(a.startswith("--latency")
                                                            for a in command):
        command = command[:1] + [f"--latency-msec={CUE_LATENCY_MS}"] + command[1:]
    return command


class _Utterance:
    def __init__(self, uid: str, sentences: list[str], priority: str) -> None:
        self.id, self.sentences, self.priority = uid, sentences, priority
        self.done = False      # UtteranceFinished sent
        self.paused = False
        self.position = next((i for i, s in enumerate(sentences) if s.strip()), -1)
        self.generation = 0    # bumped on each (re)send; events of older messages are stale
        self.msg_id: str | None = None
        self.respeak = False   # a voice setting changed: go on with it from the next sentence


class _Connection:
    """One socket to the daemon with its sender queue and reply queue."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.ops: queue.Queue = queue.Queue()
        self.replies: queue.Queue = queue.Queue()
        self.expect: tuple | None = None  # (utterance, generation) waiting for its 225 reply
        self.priority: str | None = None  # the priority last set on this connection


class SpeechdSpeaker(Speaker):
    name = "speechd"

    @staticmethod
    def available_here(path: str | None = None) -> bool:
        path = path or socket_path()
        try:
            return bool(path) and stat.S_ISSOCK(os.stat(path).st_mode)
        except OSError:
            return False

    def __init__(self, on_event, rate: int = RATE_DEFAULT, volume: float = 1.0,
                 voice: str | None = None, address: str | None = None,
                 player: str | None = None) -> None:
        super().__init__(on_event)
        self._lock = threading.RLock()
        self._cue_command = _cue_player(player)
        # With the automatic paplay the tone plays on a player started ahead (as pyttsx3's
        # sentences do): no player start-up before the first sound. Used under _cue_lock.
        self._warm = WarmPlayer() if WarmPlayer.usable(player_command(player)) else None
        self._cue_lock = threading.Lock()
        self._cue_dir: str | None = None
        self._cue_wav: str | None = None
        self._cue_playback: Playback | None = None
        self._address = address
        self._conn: _Connection | None = None
        self._utterance: _Utterance | None = None
        self._closed = False
        self._voice_settings: dict[str, str] = {}  # sent again on a new connection
        self._prepared: dict[str, list[str]] = {}
        self._voices: list[Voice] = []
        # The daemon's own word on our messages, (code, message id, mark), newest last: what the
        # real-daemon tests and the bench check (BEGIN/MARK/END, and no CANCELED that we did not ask).
        self.notifications: collections.deque = collections.deque(maxlen=1000)
        self.set_rate(rate)
        self.set_volume(volume)
        if voice:
            self.set_voice(voice)
        if not self._connect():
            self.available, self.notice = False, "Speech is off: speech-dispatcher is not running"

    def _connect(self) -> bool:
        """A new connection with our settings on it; False when the daemon is not there."""
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(TIMEOUT)
            sock.connect(self._address or socket_path() or "")
            sock.settimeout(None)
        except OSError:
            return False
        conn = self._conn = _Connection(sock)
        threading.Thread(target=self._read_loop, args=(conn,), name="speechd-read",
                         daemon=True).start()
        threading.Thread(target=self._send_loop, args=(conn,), name="speechd-send",
                         daemon=True).start()
        for line in ("SET SELF CLIENT_NAME user:bone-guide:main", "SET SELF NOTIFICATION ALL on",
                     "SET SELF SSML_MODE on", *self._voice_settings.values()):
            conn.ops.put(line)
        conn.ops.put(self._load_voices)
        return True

    def probe(self) -> None:
        """Speech is off because the daemon went away: connect again if it is back. Quick (a
        local socket connect); SpeechRecovered follows at once when it worked."""
        with self._lock:
            if self.available or self._closed or not self.available_here(self._address):
                return
            if not self._connect():
                return
            self.available, self.notice = True, None
            self._emit(SpeechRecovered(SPEECH_BACK))

    # -- public API --
    def speak(self, text, utterance_id: str, priority: str = READ) -> None:
        sentences = as_sentences(text)
        with self._lock:
            if not self.available:
                self.probe()  # the daemon may be back; this speech waits for the next one
                return
            self._cut_off()
            u = _Utterance(utterance_id, sentences, priority if priority in SSIP_PRIORITY else READ)
            self._utterance = u
            self._emit(UtteranceStarted(utterance_id))
            if u.position < 0:
                u.done = True
                self._emit(UtteranceFinished(utterance_id, False))
                return
            if u.priority == ALERT and self._play_cue(u):
                return  # the cue's thread sends the message once the player is started
            self._send_from(u, u.position)

    def prepare(self, key: str, text) -> None:
        self._prepared[key] = as_sentences(text)  # the daemon renders fast enough live
        self._tone()  # made now, so the first 0 does not wait for it
        if self._warm is not None:
            threading.Thread(target=self._warm_up, name="speechd-cue-warm", daemon=True).start()

    def _warm_up(self) -> None:
        with self._cue_lock:
            if self._warm is not None and not self._closed:
                self._warm.warm_up()

    # -- the cue: our own player, at once --
    def _tone(self) -> str | None:
        """The tone's WAV in our own temp folder (made once); None when it cannot be written."""
        if self._cue_wav is not None and os.path.exists(self._cue_wav):
            return self._cue_wav
        try:
            if self._cue_dir is None:
                self._cue_dir = tempfile.mkdtemp(prefix="bone-guide-cue-")
            path = warning_cue.write_tone(os.path.join(self._cue_dir, "cue.wav"), gap=0)
            with open(os.path.join(self._cue_dir, "cue.txt"), "w", encoding="utf-8") as f:
                f.write(warning_cue.CUE_LABEL)  # what a test player logs
        except OSError:
            return None
        self._cue_wav = path
        return path

    def _play_cue(self, u: _Utterance) -> bool:
        """Start the tone for `u` (caller holds the lock); False when there is no player or no
        tone, and the caller sends the words at once. A thread of its own plays the tone (a
        player's start takes milliseconds the caller, the UI, must not wait) and then sends the
        message."""
        tone = self._cue_command and self._tone()
        if not tone:
            return False
        threading.Thread(target=self._cue_thread, args=(u, tone, u.generation),
                         name="speechd-cue", daemon=True).start()
        return True

    def _cue_thread(self, u: _Utterance, tone: str, generation: int) -> None:
        def current() -> bool:  # not stopped, paused or sent by a resume meanwhile
            return not (u.done or u.paused or self._closed or u.generation != generation)

        try:
            with self._cue_lock:
                playback = self._warm.play(tone) if self._warm is not None else None
            if playback is None:
                playback = Playback(self._cue_command, tone)
        except OSError:
            playback = None  # no tone: the words at once
        if playback is not None:
            with self._lock:
                if current():
                    self._kill_cue()
                    self._cue_playback = playback
                else:
                    playback.kill()
            # The words follow the tone's end: the tone's player and the daemon each take a
            # varying 10-200 ms to start (more on a busy machine), so a timed gap let the
            # first word fall on the tone now and then. A player slow to exit (a long sound
            # server buffer) or stuck holds them only until CUE_WAIT.
            if playback.wait(CUE_WAIT) is None:
                playback.kill()
                playback.wait()
        with self._lock:
            if self._cue_playback is playback:
                self._cue_playback = None
            if current():
                self._send_from(u, u.position)
        self._warm_up()  # the next tone's player

    @property
    def cue_pid(self) -> int | None:
        """The tone's player while it plays (for tests)."""
        pb = self._cue_playback
        return pb.pid if pb else None

    def _kill_cue(self) -> None:
        if self._cue_playback is not None:
            self._cue_playback.kill()
            self._cue_playback = None

    def speak_prepared(self, key: str, utterance_id: str, priority: str = ALERT) -> None:
        self.speak(self._prepared.get(key, []), utterance_id, priority)

    def stop(self) -> None:
        with self._lock:
            self._cut_off()

    def _cut_off(self) -> None:
        self._kill_cue()
        u, self._utterance = self._utterance, None
        if u is not None and not u.done:
            u.done = True
            u.generation += 1
            self._emit(UtteranceFinished(u.id, True))
            if not u.paused:  # a paused one was cancelled already
                self._queue("CANCEL SELF")

    def pause(self) -> None:
        with self._lock:
            u = self._utterance
            if u is None or u.done or u.paused:
                return
            u.paused, u.msg_id = True, None  # the cancelled message's 703 must not end it
            u.generation += 1
            self._kill_cue()
            self._queue("CANCEL SELF")

    def resume(self) -> None:
        with self._lock:
            u = self._utterance
            if u is None or u.done or not u.paused:
                return
            u.paused = False
            self._send_from(u, u.position)

    @property
    def paused(self) -> bool:
        u = self._utterance
        return bool(u and u.paused and not u.done)

    def set_rate(self, wpm: int) -> None:
        self._setting("RATE", f"SET SELF RATE {ssip_rate(wpm)}")

    def set_volume(self, volume: float) -> None:
        self._setting("VOLUME", f"SET SELF VOLUME {ssip_volume(volume)}")

    def set_voice(self, voice_id: str | None) -> None:
        if voice_id:
            self._setting("SYNTHESIS_VOICE", f"SET SELF SYNTHESIS_VOICE {voice_id}")

    def _setting(self, name: str, line: str) -> None:
        """Settings apply to messages sent after them: a reading goes on with the new value
        from its next sentence (sent again from there when that sentence's mark comes)."""
        with self._lock:
            self._voice_settings[name] = line
            self._queue(line)
            u = self._utterance
            if u is not None and not u.done:
                u.respeak = True

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._cut_off()
            self._queue("QUIT")
            if self._conn is not None:
                self._conn.ops.put(None)
        if self._warm is not None:
            with self._cue_lock:
                self._warm.close()
        if self._cue_dir is not None:
            shutil.rmtree(self._cue_dir, ignore_errors=True)

    # -- sender thread --
    def _queue(self, line: str) -> None:
        if self.available and self._conn is not None:
            self._conn.ops.put(line)

    def _send_from(self, u: _Utterance, start: int) -> None:
        """Queue one SSML message with the sentences of `u` from `start`. Caller holds the lock."""
        u.generation += 1
        generation = u.generation
        if self._conn is not None:
            self._conn.ops.put(lambda conn: self._speak_message(conn, u, generation, start))

    def _send_loop(self, conn: _Connection) -> None:
        while True:
            op = conn.ops.get()
            if op is None:
                break
            try:
                if isinstance(op, str):
                    self._command(conn, op)
                else:
                    op(conn)
            except (OSError, queue.Empty):
                self._failed(conn)
                break
        try:
            conn.sock.close()
        except OSError:
            pass

    def _command(self, conn: _Connection, line: str) -> tuple[int, list[str]]:
        conn.sock.sendall(line.encode("utf-8") + b"\r\n")
        return conn.replies.get(timeout=TIMEOUT)

    def _speak_message(self, conn: _Connection, u: _Utterance, generation: int, start: int) -> None:
        with self._lock:
            if u.done or u.paused or u.generation != generation:
                return  # stopped, paused or sent again since this was queued
            u.respeak = False  # settings queued before now are sent before this message
        priority = SSIP_PRIORITY[u.priority]
        if priority != conn.priority:
            self._command(conn, f"SET SELF PRIORITY {priority}")
            conn.priority = priority
        code, _ = self._command(conn, "SPEAK")
        if code != 230:
            return
        conn.expect = (u, generation)  # the reply to the data names the message
        data = escape(ssml(u.sentences, start)) + "\r\n.\r\n"
        conn.sock.sendall(data.encode("utf-8"))
        conn.replies.get(timeout=TIMEOUT)

    def _load_voices(self, conn: _Connection) -> None:
        code, lines = self._command(conn, "LIST SYNTHESIS_VOICES")
        if code // 100 == 2:
            voices = []
            for line in lines[:-1]:
                parts = line.split("\t")
                voices.append(Voice(parts[0], parts[0], parts[1] if len(parts) > 1 else ""))
            self._voices = voices

    def _failed(self, conn: _Connection) -> None:
        with self._lock:
            if conn is not self._conn:
                return  # an old connection's late error: the new one works
            conn.ops.put(None)  # its sender ends too
            if self.available and not self._closed:
                self.available, self.notice = False, NOT_ANSWERING
                u, self._utterance = self._utterance, None
                if u is not None:
                    u.done = True  # SpeechFailed ends it for the listener
                self._emit(SpeechFailed(NOT_ANSWERING))

    # -- reader thread: replies to the sender, 7xx notifications to events --
    def _read_loop(self, conn: _Connection) -> None:
        buf, block = b"", []
        try:
            while True:
                chunk = conn.sock.recv(4096)
                if not chunk:
                    break
                buf += chunk
                while b"\r\n" in buf:
                    raw, buf = buf.split(b"\r\n", 1)
                    line = raw.decode("utf-8", "replace")
                    block.append(line[4:])
                    if len(line) >= 4 and line[3] == "-":
                        continue  # more lines of this reply follow
                    code = int(line[:3]) if line[:3].isdigit() else 0
                    lines, block = block, []
                    if 700 <= code < 800:
                        self._notification(code, lines)
                        continue
                    expect, conn.expect = conn.expect, None
                    if expect is not None and code == 225 and lines:
                        with self._lock:
                            u, generation = expect
                            if u.generation == generation:
                                u.msg_id = lines[0]
                    conn.replies.put((code, lines))
        except OSError:
            pass
        self._failed(conn)

    def _notification(self, code: int, lines: list[str]) -> None:
        if lines:
            self.notifications.append((code, lines[0], lines[2] if code == 700 and len(lines) > 2
                                       else None))
        with self._lock:
            u = self._utterance
            if u is None or u.done or u.paused or not lines or lines[0] != u.msg_id:
                return  # another client's, or a message we cancelled or sent again since
            if code == 700 and len(lines) > 2 and lines[2][1:].isdigit():
                index = int(lines[2][1:])
                if not 0 <= index < len(u.sentences):
                    return
                if u.respeak and index > u.position:
                    # New rate/volume/voice: go on from this sentence in a new message.
                    u.respeak, u.position, u.msg_id = False, index, None
                    self._queue("CANCEL SELF")
                    self._send_from(u, index)
                    return
                u.position = index
                self._emit(SentenceStarted(u.id, index, u.sentences[index]))
            elif code in (702, 703):  # END / CANCELED (by another client's speech, say)
                u.done = True
                self._utterance = None
                self._emit(UtteranceFinished(u.id, code == 703))
