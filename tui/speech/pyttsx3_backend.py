"""Default backend: pyttsx3 renders sentences to WAV in a worker process, we play them.

One controller thread does all the slow work (worker requests, waiting on the player); the
public methods only change state under a lock, kill the player and return. Sentence i+1 is
rendered while sentence i plays, so the only wait the user hears is the first render.
"""

from __future__ import annotations

import collections
import os
import shutil
import tempfile
import threading

from tui.speech.events import (AUDIO_INTERRUPTED, NO_AUDIO, NO_ENGINE, SentenceStarted,
                               SpeechFailed, SpeechNotice, UtteranceFinished, UtteranceStarted)
from tui.speech.player import Playback, player_command
from tui.speech.speaker import (RATE_DEFAULT, Speaker, Voice, as_sentences, clamp_rate,
                                clamp_volume)
from tui.speech.worker_client import EngineMissing, WorkerClient, WorkerDied

REPLY_TIMEOUT = 5.0    # a sentence renders in ~30 ms; 5 s of silence means the worker hangs
START_TIMEOUT = 20.0   # first start imports pyttsx3 and loads espeak data (slow disks)
START_ATTEMPTS = 3     # worker deaths before ready, in a row, before giving up
AUDIO_ATTEMPTS = 3     # player failures in a row (no sentence played) before speech is off
ENGINE_BROKEN = "Speech is off: the speech engine keeps failing"


class _Utterance:
    def __init__(self, uid: str, sentences: list[str], wavs: list[str] | None = None) -> None:
        self.id, self.sentences, self.wavs = uid, sentences, wavs
        self.cancelled = False
        self.done = False  # UtteranceFinished sent


class _Prepared:
    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self.settings = None          # settings the finished wavs were made with
        self.wavs: list[str] | None = None
        self.partial: list[str] = []  # rendered so far for the current settings
        self.partial_settings = None


class Pyttsx3Speaker(Speaker):
    name = "pyttsx3"

    def __init__(self, on_event, player: str | None = None, rate: int = RATE_DEFAULT,
                 volume: float = 1.0, voice: str | None = None, engine_module: str = "pyttsx3",
                 reply_timeout: float = REPLY_TIMEOUT) -> None:
        super().__init__(on_event)
        self._cond = threading.Condition(threading.RLock())
        self._settings = (clamp_rate(rate), clamp_volume(volume), voice or None)
        self._command = player_command(player)
        self._reply_timeout = reply_timeout
        self._tmp = tempfile.mkdtemp(prefix="bone-guide-speech-")
        self._worker = WorkerClient(engine_module, os.path.join(self._tmp, "worker.log"))
        self._current: _Utterance | None = None
        self._pending: _Utterance | None = None
        self._playback: Playback | None = None
        self._prepared: dict[str, _Prepared] = {}
        self._prepare_queue: collections.deque[str] = collections.deque()
        self._paused = False
        self._closed = False
        self._seq = 0
        self._audio_failures = 0  # player failures in a row
        self._audio_worked = False  # some sentence played to its end since start
        self._voices: list[Voice] = []
        if self._command is None:
            self.available, self.notice = False, NO_AUDIO
            return
        # Start (and warm) the worker in the background: creating a speaker must not block.
        self._thread = threading.Thread(target=self._run, name="speech-pyttsx3", daemon=True)
        self._thread.start()

    # -- for tests and the bench --
    @property
    def worker_pid(self) -> int | None:
        return self._worker.pid

    @property
    def render_requests(self) -> int:
        return self._worker.requests

    def prepared_ready(self, key: str) -> bool:
        with self._cond:
            entry = self._prepared.get(key)
            return bool(entry and entry.wavs is not None and entry.settings == self._settings)

    @property
    def player_pid(self) -> int | None:
        pb = self._playback
        return pb.pid if pb else None

    # -- public API: quick state changes only --
    def speak(self, text, utterance_id: str, priority: str = "read") -> None:
        self._start(_Utterance(utterance_id, as_sentences(text)))

    def speak_prepared(self, key: str, utterance_id: str, priority: str = "alert") -> None:
        with self._cond:
            entry = self._prepared.get(key)
            if entry is None:
                sentences, wavs = [], None
            else:
                ready = entry.wavs is not None and entry.settings == self._settings
                sentences, wavs = entry.sentences, (entry.wavs if ready else None)
            self._start(_Utterance(utterance_id, sentences, wavs))

    def _start(self, utterance: _Utterance) -> None:
        with self._cond:
            if not self.available or self._closed:
                return
            self._cut_off()
            self._pending = utterance
            self._emit(UtteranceStarted(utterance.id))
            self._cond.notify_all()

    def prepare(self, key: str, text) -> None:
        with self._cond:
            if not self.available or self._closed:
                return
            self._prepared[key] = _Prepared(as_sentences(text))
            self._queue_prepare(key)

    def _queue_prepare(self, key: str) -> None:
        if key not in self._prepare_queue:
            self._prepare_queue.append(key)
        self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._cut_off()

    def _cut_off(self) -> None:
        """Kill the player, drop the queue, report what was cut. Caller holds the lock."""
        for u in (self._current, self._pending):
            if u is not None and not u.done:
                u.cancelled = u.done = True
                self._emit(UtteranceFinished(u.id, True))
        self._pending = None
        self._paused = False
        if self._playback is not None:
            self._playback.kill()
        self._cond.notify_all()

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            if self._playback is not None:
                self._playback.pause()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            if self._playback is not None:
                self._playback.resume()
            self._cond.notify_all()

    @property
    def paused(self) -> bool:
        return self._paused

    def set_rate(self, wpm: int) -> None:
        self._change(0, clamp_rate(wpm))

    def set_volume(self, volume: float) -> None:
        self._change(1, clamp_volume(volume))

    def set_voice(self, voice_id: str | None) -> None:
        self._change(2, voice_id or None)

    def _change(self, slot: int, value) -> None:
        with self._cond:
            settings = list(self._settings)
            settings[slot] = value
            if tuple(settings) == self._settings:
                return
            self._settings = tuple(settings)
            for key in self._prepared:  # prepared audio must sound like the rest: re-render
                self._queue_prepare(key)

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._cut_off()
            self._closed = True
            self._cond.notify_all()
        self._worker.signal_kill()
        thread = getattr(self, "_thread", None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=1.0)
        shutil.rmtree(self._tmp, ignore_errors=True)

    # -- failures: one event, then silent for good --
    def _fail(self, reason: str) -> None:
        with self._cond:
            if not self.available:
                return
            self._cut_off()
            self.available, self.notice = False, reason
            self._prepare_queue.clear()
            self._emit(SpeechFailed(reason))

    # -- controller thread --
    def _run(self) -> None:
        try:
            if self._ensure_worker():
                while self._step():
                    pass
        finally:
            self._worker.kill()

    def _step(self) -> bool:
        with self._cond:
            while not self._closed and self.available and self._pending is None \
                    and not self._prepare_queue:
                self._cond.wait()
            if self._closed or not self.available:
                return False
            utterance = self._pending
            if utterance is not None:
                self._pending, self._current = None, utterance
            else:
                key = self._prepare_queue.popleft()
        if utterance is not None:
            try:
                self._play(utterance)
            finally:
                with self._cond:
                    self._current = None
        else:
            self._prepare_step(key)
        return True

    def _ensure_worker(self) -> bool:
        """A ready worker, started or restarted as needed; False after a final failure."""
        if self._worker.ready:
            return True
        for _ in range(START_ATTEMPTS):
            if self._closed:
                return False
            self._worker.kill()
            try:
                self._worker.start()
                self._worker.wait_ready(START_TIMEOUT)
            except EngineMissing:
                self._fail(NO_ENGINE)
                return False
            except (WorkerDied, OSError):
                continue
            self._voices = [Voice(v.get("id", ""), v.get("name", ""), v.get("language", ""))
                            for v in self._worker.voices]
            return True
        self._fail(ENGINE_BROKEN)
        return False

    def _wav_path(self, stem: str) -> str:
        self._seq += 1
        return os.path.join(self._tmp, f"{stem}-{self._seq}.wav")

    def _send(self, text: str, settings) -> tuple[int, str, str, tuple] | None:
        """Ask for a render without waiting; None when the worker is gone for good."""
        for _ in range(2):
            if not self._ensure_worker():
                return None
            path = self._wav_path("s")
            try:
                return self._worker.send(text, path, *settings), path, text, settings
            except WorkerDied:
                self._worker.kill()
        return None

    def _collect(self, ticket, cancelled=lambda: False) -> str | None:
        """Wait for a render sent with _send; on a dead or hung worker restart it and retry once."""
        for attempt in range(2):
            if ticket is None:
                return None
            req_id, path, text, settings = ticket
            try:
                reply = self._worker.await_reply(req_id, self._reply_timeout, cancelled)
            except WorkerDied:
                self._worker.kill()
                if attempt == 0:
                    ticket = self._send(text, settings)
                continue
            if reply is None or not reply.get("ok"):
                return None  # cancelled, or the engine refused this text
            return path
        return None

    def _render(self, text: str, cancelled=lambda: False) -> str | None:
        return self._collect(self._send(text, self._settings), cancelled)

    def _play(self, u: _Utterance) -> None:
        def cancelled() -> bool:
            return u.cancelled

        order = [i for i, s in enumerate(u.sentences) if s.strip()]
        ahead = None  # (index, ticket) being rendered while the current sentence plays
        for n, i in enumerate(order):
            if u.wavs is not None:
                wav = u.wavs[i]
            elif ahead is not None and ahead[0] == i and ahead[1] is not None \
                    and ahead[1][3] == self._settings:
                wav = self._collect(ahead[1], cancelled)
            else:  # not rendered ahead, or rendered before a rate/volume/voice change (its
                # reply is dropped as stale; the file goes with the temp folder)
                wav = self._render(u.sentences[i], cancelled)
            ahead = None
            if u.cancelled:
                return
            if wav is None:
                if not self.available:
                    return
                continue  # worker trouble on this sentence: go on with the next one
            if u.wavs is None and n + 1 < len(order):
                nxt = order[n + 1]
                ahead = (nxt, self._send(u.sentences[nxt], self._settings))
            rc, playback = self._play_one(u, i, wav)
            if u.wavs is None:
                _remove(wav)
            if u.cancelled or playback is None:
                return
            if rc != 0 and not playback.killed:
                # Killed by someone else, or the sound server restarted: go on with the next
                # sentence; only a player that keeps failing means there is no audio device.
                self._audio_failures += 1
                if not self._audio_worked or self._audio_failures >= AUDIO_ATTEMPTS:
                    self._fail(NO_AUDIO)  # e.g. aplay: "audio open error": no sound card
                    return
                self._emit(SpeechNotice(AUDIO_INTERRUPTED))
            elif rc == 0:
                self._audio_failures, self._audio_worked = 0, True
        with self._cond:
            if not u.done:
                u.done = True
                self._emit(UtteranceFinished(u.id, False))

    def _play_one(self, u: _Utterance, index: int, wav: str):
        with self._cond:
            while self._paused and not u.cancelled:
                self._cond.wait()  # paused between sentences: hold the queue
            if u.cancelled:
                return 0, None
            try:
                playback = Playback(self._command, wav, os.path.join(self._tmp, "player.log"))
            except OSError:
                playback = None
            if playback is None:
                self._fail(NO_AUDIO)
                return 0, None
            self._playback = playback
            self._emit(SentenceStarted(u.id, index, u.sentences[index]))
        rc = playback.wait()
        with self._cond:
            if self._playback is playback:
                self._playback = None
        return rc, playback

    def _prepare_step(self, key: str) -> None:
        """Render one more sentence of a prepared text, so a waiting speak() is not held up."""
        with self._cond:
            entry = self._prepared.get(key)
            settings = self._settings
            if entry is None:
                return
            if entry.partial_settings != settings:
                entry.partial, entry.partial_settings = [], settings
            if len(entry.partial) == len(entry.sentences):
                entry.wavs, entry.settings = list(entry.partial), settings
                return
            text = entry.sentences[len(entry.partial)]
        wav = self._collect(self._send(text, settings)) if text.strip() else ""
        with self._cond:
            if self._prepared.get(key) is not entry or not self.available:
                return
            if wav is None:
                return  # worker trouble: leave it unprepared; speak_prepared renders live
            if entry.partial_settings == settings:
                entry.partial.append(wav)
            self._queue_prepare(key)


def _remove(wav: str) -> None:
    for path in (wav, os.path.splitext(wav)[0] + ".txt"):
        try:
            os.remove(path)
        except OSError:
            pass
