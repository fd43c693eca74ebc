"""speech-dispatcher backend: speaks through the user's own speech service (what Orca uses),
so their synthesiser and voice settings apply. Plain SSIP over the UNIX socket, no library.

Each sentence goes as its own SPEAK message (priority "text", so they queue in order); the
BEGIN/END/CANCELED notifications for each message id give sentence and finish events.
All socket writes happen on one sender thread so no public method waits on the daemon.
"""

from __future__ import annotations

import collections
import os
import queue
import socket
import stat
import threading

from tui.speech.events import SentenceStarted, SpeechFailed, UtteranceFinished, UtteranceStarted
from tui.speech.speaker import (RATE_DEFAULT, RATE_MAX, RATE_MIN, Speaker, Voice, as_sentences,
                                clamp_rate, clamp_volume)

TIMEOUT = 2.0
NOT_ANSWERING = "Speech is off: speech-dispatcher is not answering"


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


def escape(text: str) -> str:
    """SSIP data block: CRLF lines, a leading dot doubled, no line that is just '.'."""
    lines = " ".join(text.split()).split("\n") or [""]
    return "\r\n".join("." + line if line.startswith(".") else line for line in lines)


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
                 voice: str | None = None, address: str | None = None) -> None:
        super().__init__(on_event)
        self._lock = threading.RLock()
        self._ops: queue.Queue = queue.Queue()
        self._replies: queue.Queue = queue.Queue()
        self._expect: collections.deque = collections.deque()  # (utterance, index) per SPEAK
        self._messages: dict[str, tuple] = {}  # msg id -> (utterance, index)
        self._utterance = None
        self._paused = False
        self._closed = False
        self._prepared: dict[str, list[str]] = {}
        self._voices: list[Voice] = []
        try:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self._sock.settimeout(TIMEOUT)
            self._sock.connect(address or socket_path() or "")
            self._sock.settimeout(None)
        except OSError:
            self.available, self.notice = False, "Speech is off: speech-dispatcher is not running"
            return
        threading.Thread(target=self._read_loop, name="speechd-read", daemon=True).start()
        threading.Thread(target=self._send_loop, name="speechd-send", daemon=True).start()
        self._queue("SET SELF CLIENT_NAME user:bone-guide:main")
        self._queue("SET SELF NOTIFICATION ALL on")
        self._queue("SET SELF PRIORITY text")
        self.set_rate(rate)
        self.set_volume(volume)
        if voice:
            self.set_voice(voice)
        self._ops.put(self._load_voices)

    # -- public API --
    def speak(self, text, utterance_id: str) -> None:
        sentences = as_sentences(text)
        with self._lock:
            if not self.available:
                return
            self._cut_off()
            utterance = {"id": utterance_id, "sentences": sentences, "done": False,
                         "last": max((i for i, s in enumerate(sentences) if s.strip()), default=-1)}
            self._utterance = utterance
            self._emit(UtteranceStarted(utterance_id))
            if utterance["last"] < 0:
                utterance["done"] = True
                self._emit(UtteranceFinished(utterance_id, False))
                return
            for index, sentence in enumerate(sentences):
                if sentence.strip():
                    # Stale ones are skipped by the "done" check when they come up.
                    self._ops.put(lambda u=utterance, i=index: self._speak_one(u, i))

    def prepare(self, key: str, text) -> None:
        self._prepared[key] = as_sentences(text)  # the daemon renders fast enough live

    def speak_prepared(self, key: str, utterance_id: str) -> None:
        self.speak(self._prepared.get(key, []), utterance_id)

    def stop(self) -> None:
        with self._lock:
            self._cut_off()

    def _cut_off(self) -> None:
        u, self._utterance = self._utterance, None
        if u is not None and not u["done"]:
            u["done"] = True
            self._emit(UtteranceFinished(u["id"], True))
            self._queue("CANCEL SELF")
        if self._paused:
            self._paused = False
            self._queue("RESUME SELF")

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            self._queue("PAUSE SELF")

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            self._queue("RESUME SELF")

    @property
    def paused(self) -> bool:
        return self._paused

    def set_rate(self, wpm: int) -> None:
        self._queue(f"SET SELF RATE {ssip_rate(wpm)}")

    def set_volume(self, volume: float) -> None:
        self._queue(f"SET SELF VOLUME {ssip_volume(volume)}")

    def set_voice(self, voice_id: str | None) -> None:
        if voice_id:
            self._queue(f"SET SELF SYNTHESIS_VOICE {voice_id}")

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._cut_off()
            self._queue("QUIT")
            self._ops.put(None)

    # -- sender thread --
    def _queue(self, line: str) -> None:
        if self.available:
            self._ops.put(line)

    def _send_loop(self) -> None:
        while True:
            op = self._ops.get()
            if op is None:
                break
            try:
                if isinstance(op, str):
                    self._command(op)
                else:
                    op()
            except (OSError, queue.Empty):
                self._failed()
                break
        try:
            self._sock.close()
        except OSError:
            pass

    def _command(self, line: str) -> tuple[int, list[str]]:
        self._sock.sendall(line.encode("utf-8") + b"\r\n")
        return self._replies.get(timeout=TIMEOUT)

    def _speak_one(self, utterance: dict, index: int) -> None:
        if utterance["done"]:
            return
        code, _ = self._command("SPEAK")
        if code != 230:
            return
        self._expect.append((utterance, index))
        data = escape(utterance["sentences"][index]) + "\r\n.\r\n"
        self._sock.sendall(data.encode("utf-8"))
        self._replies.get(timeout=TIMEOUT)

    def _load_voices(self) -> None:
        code, lines = self._command("LIST SYNTHESIS_VOICES")
        if code // 100 == 2:
            voices = []
            for line in lines[:-1]:
                parts = line.split("\t")
                voices.append(Voice(parts[0], parts[0], parts[1] if len(parts) > 1 else ""))
            self._voices = voices

    def _failed(self) -> None:
        with self._lock:
            if self.available and not self._closed:
                self.available, self.notice = False, NOT_ANSWERING
                self._emit(SpeechFailed(NOT_ANSWERING))

    # -- reader thread: replies to the sender, 7xx notifications to events --
    def _read_loop(self) -> None:
        buf, block = b"", []
        try:
            while True:
                chunk = self._sock.recv(4096)
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
                    else:
                        if code == 225 and self._expect:
                            self._messages[lines[0]] = self._expect.popleft()
                        self._replies.put((code, lines))
        except OSError:
            pass
        self._failed()

    def _notification(self, code: int, lines: list[str]) -> None:
        known = self._messages.get(lines[0]) if lines else None
        if known is None:
            return
        utterance, index = known
        with self._lock:
            if utterance["done"]:
                return
            if code == 701:  # BEGIN
                self._emit(SentenceStarted(utterance["id"], index, utterance["sentences"][index]))
            elif code in (702, 703) and index == utterance["last"]:  # END / CANCELED
                utterance["done"] = True
                self._emit(UtteranceFinished(utterance["id"], code == 703))
