"""Default backend: pyttsx3 renders sentences to WAV in a worker process, we play them.

One controller thread does all the slow work (worker requests, waiting on the player); the
public methods only change state under a lock, kill the player and return. Sentence i+1 is
rendered while sentence i plays, so the only wait the user hears is the first render. With a
sound server the player for sentence i+1 is started ahead too (player.WarmPlayer).

Created with `defer_engine` (the app does, as it starts), the speaker gets its player going and
the cached warning signs ready at once, but starts the worker (a Python process loading pyttsx3
and espeak-ng: far more work than Textual's whole first screen) only on start_engine(), or as
soon as something must be rendered.
"""

from __future__ import annotations

import collections
import errno
import os
import shutil
import tempfile
import threading
import wave

from tui.speech import audio_cache
from tui.speech import cue as warning_cue

from tui.speech.events import (AUDIO_INTERRUPTED, AUDIO_INTERRUPTED_SPOKEN, ENGINE_HUNG, NO_AUDIO,
                               NO_ENGINE, SPEECH_BACK, SentenceStarted, SpeechFailed,
                               SpeechNotice, SpeechRecovered, UtteranceFinished, UtteranceStarted,
                               temp_full)
from tui.speech.player import Playback, WarmPlayer, player_command, wav_seconds
from tui.speech.speaker import (ALERT, RATE_DEFAULT, Speaker, Voice, as_sentences, clamp_rate,
                                clamp_volume)
from tui.speech.worker_client import EngineMissing, WorkerClient, WorkerDied, WorkerHung

# A piece (<= 40 words) renders in ~30-150 ms; a second without a reply means the worker hangs:
# say so and start a new one rather than leave the user in silence.
REPLY_TIMEOUT = 1.0
START_TIMEOUT = 20.0   # first start imports pyttsx3 and loads espeak data (slow disks)
START_ATTEMPTS = 3     # worker deaths before ready, in a row, before giving up
AUDIO_ATTEMPTS = 3     # player failures in a row (no sentence played) before speech is off
ENGINE_BROKEN = "Speech is off: the speech engine keeps failing"
PROBE_EVERY = 2.0      # seconds between tries of the player while speech is off for want of audio
PROBE_TIMEOUT = 2.0    # a probe player still running after this counts as failed
PLAYER_SLACK = 1.5     # a player still running this long after its WAV should have ended hangs
NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


class _Utterance:
    def __init__(self, uid: str, sentences: list[str], wavs: list[str] | None = None,
                 cue: bool = False) -> None:
        self.id, self.sentences, self.wavs = uid, sentences, wavs
        self.cue = cue  # the warning signs: a tone first
        self.cancelled = False
        self.done = False  # UtteranceFinished sent


class _Prepared:
    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self.settings = None          # settings the finished wavs were made with
        self.wavs: list[str] | None = None
        self.partial: list[str] = []  # rendered so far for the current settings
        self.partial_settings = None
        self.engine = ""  # the engine the wavs came from the cache for ("" when rendered here)


class Pyttsx3Speaker(Speaker):
    name = "pyttsx3"

    def __init__(self, on_event, player: str | None = None, rate: int = RATE_DEFAULT,
                 volume: float = 1.0, voice: str | None = None, engine_module: str = "pyttsx3",
                 reply_timeout: float = REPLY_TIMEOUT, defer_engine: bool = False,
                 warm: WarmPlayer | None = None) -> None:
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
        self._probe_now = False  # probe the audio device at once (the user asked for speech)
        self._render_errno: int | None = None  # of the last failed render
        self._voices: list[Voice] = []
        # Whose audio the cache may hold for us: the engine of the last start, until ours says.
        self._engine = audio_cache.remembered_engine()
        self._warming: threading.Thread | None = None
        self._worker_starting = False  # the engine's process is being started (by _warming)
        self._cue_lock = threading.Lock()
        self._cued_wavs: dict[str, str] = {}  # prepared WAV -> the tone and it, once made
        # Rendering ahead (the warning signs when not cached) waits for start_engine(); a
        # reading asked for does not.
        self._engine_wanted = not defer_engine
        self.warm_player = None  # the player kept started ahead, if any (see below)
        if self._command is None:
            self.available, self.notice = False, NO_AUDIO
            return
        # A player kept started and connected (only the automatic paplay choice): used and
        # renewed by the controller thread alone.
        # `warm`: one the app started ahead, as it loaded (Narrator.start_early).
        self._warm = (warm or WarmPlayer(os.path.join(self._tmp, "player.log"))) \
            if WarmPlayer.usable(self._command) else None
        self.warm_player = self._warm
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

    @property
    def spare_player_pid(self) -> int | None:
        """The player started ahead for the next sentence (WarmPlayer), if any."""
        return self._warm.spare_pid if getattr(self, "_warm", None) is not None else None

    # -- public API: quick state changes only --
    def speak(self, text, utterance_id: str, priority: str = "read") -> None:
        self._start(_Utterance(utterance_id, as_sentences(text), cue=priority == ALERT))

    def speak_prepared(self, key: str, utterance_id: str, priority: str = "alert") -> None:
        with self._cond:
            entry = self._prepared.get(key)
            if entry is None:
                sentences, wavs = [], None
            else:
                ready = entry.wavs is not None and entry.settings == self._settings
                sentences, wavs = entry.sentences, (entry.wavs if ready else None)
            self._start(_Utterance(utterance_id, sentences, wavs, cue=priority == ALERT))

    def _start(self, utterance: _Utterance) -> None:
        with self._cond:
            if not self.available or self._closed:
                return
            self._cut_off()
            self._pending = utterance
            for key, entry in self._prepared.items():  # left unprepared by a render failure
                if entry.wavs is None or entry.settings != self._settings:
                    self._queue_prepare(key)
            self._emit(UtteranceStarted(utterance.id))
            self._cond.notify_all()

    def prepare(self, key: str, text) -> None:
        with self._cond:
            if not self.available or self._closed:
                return
            entry = self._prepared[key] = _Prepared(as_sentences(text))
            cached = self._from_cache(entry)  # the warning signs at once, before the worker is up
            self._queue_prepare(key)
            first = next((w for w in entry.wavs if w), None) if cached else None
        if first:  # the tone + first sentence, made and read before a 0 needs them
            cued = self._cued(first)
            if cued is not None and self._warm is not None:
                self._warm.load(cued)
        else:  # nothing kept yet (a first start): what a 0 then needs is made ahead, the
            # tone that comes first and the sentence splitter (~20-100 ms to import on the key)
            import tui.speech.sentences  # noqa: F401
            tone = self._tone()
            if tone is not None and self._warm is not None:
                self._warm.load(tone)

    def _queue_prepare(self, key: str) -> None:
        if key not in self._prepare_queue:
            self._prepare_queue.append(key)
        self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._cut_off()

    def probe(self) -> None:
        """Speech is off for want of audio and the user asked for speech: try the device now
        (it is also tried every PROBE_EVERY seconds). SpeechRecovered follows if it works."""
        with self._cond:
            self._probe_now = True
            self._cond.notify_all()

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
        """Kill the player rather than SIGSTOP it: a stopped player leaves ~0.5 s of audio in
        the sound server's buffer, which goes on playing. Resume plays the sentence again
        from its start (a listener finds their place better so than mid-word)."""
        with self._cond:
            self._paused = True
            if self._playback is not None:
                self._playback.kill()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
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

    def start_engine(self) -> None:
        with self._cond:
            self._engine_wanted = True
            self._cond.notify_all()

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

    # -- the audio cache (tui/speech/audio_cache.py) --
    def _from_cache(self, entry: _Prepared) -> bool:
        """Take every sentence of `entry` from the cache for the current settings, if it has
        them all. Caller holds the lock."""
        settings = self._settings
        wavs = audio_cache.lookup(entry.sentences, settings, self._engine)
        if wavs is None:
            return False
        entry.partial, entry.partial_settings = list(wavs), settings
        entry.wavs, entry.settings, entry.engine = list(wavs), settings, self._engine
        return True

    def _engine_known(self, engine: str) -> None:
        """The worker said which engine it is: audio cached by another one is made again."""
        if not engine:
            return
        with self._cond:
            if engine == self._engine:
                return
            self._engine = engine
            for key, entry in self._prepared.items():
                if entry.engine and entry.engine != engine:
                    entry.wavs, entry.settings, entry.engine = None, None, ""
                    entry.partial, entry.partial_settings = [], None
                    self._queue_prepare(key)
        audio_cache.remember_engine(engine)

    # -- controller thread --
    def _run(self) -> None:
        try:
            # The player started ahead is this thread's (WarmPlayer is not thread-safe).
            self._warm_up()
            while self._step():
                pass
        finally:
            self._wait_for_start()
            self._worker.kill()
            if self._warm is not None:
                self._warm.close()

    def _start_and_tell(self) -> None:
        try:
            self._ensure_worker()
        finally:
            with self._cond:  # the controller may be waiting for the engine to render ahead
                self._worker_starting = False
                self._cond.notify_all()

    def _start_worker(self) -> None:
        """Start the worker on a thread of its own (once), so that audio already made (the
        cache) plays while it starts; the first render waits for it (_ensure_worker). Called
        by the controller thread only."""
        self._engine_wanted = True
        if self._warming is None and not self._closed:
            self._worker_starting = True
            self._warming = threading.Thread(target=self._start_and_tell, daemon=True,
                                             name="speech-pyttsx3-start")
            self._warming.start()

    def _warm_up(self) -> None:
        if self._warm is not None and self.available and not self._closed:
            self._warm.warm_up()

    def _wait_for_start(self) -> None:
        warming = self._warming
        if warming is not None and warming is not threading.current_thread():
            warming.join()

    def _step(self) -> bool:
        with self._cond:
            # Rendering ahead waits until the engine is up, rather than holding this thread
            # while it starts: a 0 pressed meanwhile has its tone played at once.
            while not self._closed and self.available and self._pending is None \
                    and not (self._prepare_queue and self._engine_wanted and not self._worker_starting) \
                    and not (self._engine_wanted and self._warming is None):
                self._cond.wait()
            if self._closed:
                return False
            if self._engine_wanted and self._warming is None and self.available:
                self._start_worker()
                return True
            if not self.available:
                if self.notice != NO_AUDIO:
                    return False  # no engine: nothing to wait for
                if not self._probe_now:
                    self._cond.wait(PROBE_EVERY)
                self._probe_now = False
                if self._closed:
                    return False
                probe = True
            else:
                probe = False
                utterance = self._pending
                if utterance is not None:
                    self._pending, self._current = None, utterance
                else:
                    key = self._prepare_queue.popleft()
        if probe:
            self._probe_audio()
            return True
        if utterance is not None:
            try:
                self._play(utterance)
            finally:
                with self._cond:
                    self._current = None
        else:
            self._prepare_step(key)
        return True

    def _probe_audio(self) -> None:
        """Play a few milliseconds of silence; if the player works again, so does speech."""
        path = os.path.join(self._tmp, "probe.wav")
        try:
            if not os.path.exists(path):
                with wave.open(path, "wb") as w:
                    w.setnchannels(1)
                    w.setsampwidth(2)
                    w.setframerate(22050)
                    w.writeframes(b"\0\0" * 220)
            playback = Playback(self._command, path, os.path.join(self._tmp, "player.log"))
        except OSError:
            return
        try:
            rc = playback.proc.wait(PROBE_TIMEOUT)
        except Exception:
            playback.kill()
            playback.wait()
            return
        if rc != 0:
            return
        with self._cond:
            if self._closed or self.available:
                return
            self.available, self.notice = True, None
            self._audio_failures, self._audio_worked = 0, True
            for key in self._prepared:
                self._queue_prepare(key)
            self._emit(SpeechRecovered(SPEECH_BACK))

    def _ensure_worker(self) -> bool:
        """A ready worker, started or restarted as needed; False after a final failure."""
        if threading.current_thread() is not self._warming:
            self._start_worker()  # something must be rendered before start_engine(): now
        self._wait_for_start()  # the worker is used from one thread at a time
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
            self._engine_known(self._worker.engine)
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
        self._render_errno = None
        for attempt in range(2):
            if ticket is None:
                return None
            req_id, path, text, settings = ticket
            try:
                reply = self._worker.await_reply(req_id, self._reply_timeout, cancelled)
            except WorkerDied as exc:
                self._worker.kill()
                if isinstance(exc, WorkerHung):
                    self._emit(SpeechNotice(ENGINE_HUNG))  # a second of silence: say why
                if attempt == 0:
                    ticket = self._send(text, settings)
                continue
            if reply is None or not reply.get("ok"):
                self._render_errno = (reply or {}).get("errno")
                return None  # cancelled, or the engine could not render this text
            return path
        return None

    def _render(self, text: str, cancelled=lambda: False) -> str | None:
        return self._collect(self._send(text, self._settings), cancelled)

    def _play(self, u: _Utterance) -> None:
        def cancelled() -> bool:
            return u.cancelled

        # What is played, in order: (sentence index, text, prepared wav or None). A long
        # sentence goes as several pieces, so none takes long to render; SentenceStarted
        # comes with its first piece.
        items = []
        for i, sentence in enumerate(u.sentences):
            if not sentence.strip():
                continue
            if u.wavs is not None:
                items.append((i, sentence, u.wavs[i], True))
            else:
                # (imported here: not needed, nor its patterns compiled, as the app starts)
                from tui.speech.sentences import speech_pieces
                items += [(i, piece, None, k == 0) for k, piece in enumerate(speech_pieces(sentence))]
        ahead = None  # (position in items, ticket) being rendered while the one before plays
        if u.cue and items:
            i, text, wav, first = items[0]
            cued = self._cued(wav) if wav is not None else None
            if cued is not None:  # the tone is the head of the first WAV: one player start
                items[0] = (i, text, cued, first)
            else:  # the first sentence renders while the tone plays
                if wav is None and self._worker.ready:
                    ahead = (0, self._send(text, self._settings))
                # A first start: the engine starts once the tone is playing (starting its
                # process first held the tone back by up to ~60 ms; the tone says that 0 worked).
                tone = self._tone()
                if tone is not None:
                    self._play_one(u, None, tone, started=self._start_worker)
                self._start_worker()  # (once: nothing if the tone started it)
                if u.cancelled:
                    return
        for n, (i, text, wav, first) in enumerate(items):
            if wav is None:
                if ahead is not None and ahead[0] == n and ahead[1] is not None \
                        and ahead[1][3] == self._settings:
                    wav = self._collect(ahead[1], cancelled)
                else:  # not rendered ahead, or rendered before a rate/volume/voice change (its
                    # reply is dropped as stale; the file goes with the temp folder)
                    wav = self._render(text, cancelled)
            ahead = None
            if u.cancelled:
                return
            if wav is None:
                if not self.available:
                    return
                if self._render_errno in NO_SPACE:
                    self._render_errno = None
                    self._emit(SpeechNotice(temp_full(os.path.dirname(self._tmp))))
                    self._end(u, stopped=True)  # nothing more can be rendered: say so, stop
                    return
                continue  # worker trouble on this piece: go on with the next one
            if n + 1 < len(items) and items[n + 1][2] is None:
                ahead = (n + 1, self._send(items[n + 1][1], self._settings))
            rc, playback = self._play_one(u, i if first else None, wav)
            if u.wavs is None:
                audio_cache.remove(wav)
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
                self._say_aside(u, AUDIO_INTERRUPTED_SPOKEN)  # a blind user hears why
                ahead = None  # its reply went by while the aside waited for its own
            elif rc == 0:
                self._audio_failures, self._audio_worked = 0, True
        self._end(u, stopped=False)

    def _cued(self, wav: str) -> str | None:
        """The tone followed by `wav`, made once per prepared WAV; None when it cannot be."""
        made = self._cued_wavs.get(wav)
        if made is not None:  # no file looked at: at a 0, each was a wait for the busy app
            return made
        try:
            with self._cue_lock:  # made by prepare() or the controller, whichever comes first
                # One of the cache's own WAVs: its tone + sentence is kept there too.
                made = audio_cache.cued(wav) if audio_cache.holds(wav) else None
                if made is None:
                    made = warning_cue.with_cue(wav, os.path.join(self._tmp,
                                                                  "cue-" + os.path.basename(wav)))
        except (OSError, EOFError, ValueError, wave.Error):
            return None
        self._cued_wavs[wav] = made
        return made

    def _tone(self) -> str | None:
        path = os.path.join(self._tmp, "cue.wav")
        if os.path.exists(path):  # made ahead (prepare, on a first start): not again on the key
            return path
        try:
            warning_cue.write_tone(path)
            with open(os.path.join(self._tmp, "cue.txt"), "w", encoding="utf-8") as f:
                f.write(warning_cue.CUE_LABEL)
            return path
        except OSError:
            return None

    def _end(self, u: _Utterance, stopped: bool) -> None:
        with self._cond:
            if not u.done:
                u.done = True
                self._emit(UtteranceFinished(u.id, stopped))

    def _say_aside(self, u: _Utterance, text: str) -> None:
        """Say a short notice inside a reading (no sentence event); its failure is not counted:
        the next sentence finds out whether the audio works."""
        wav = self._render(text, lambda: u.cancelled)
        if wav is not None and not u.cancelled:
            self._play_one(u, None, wav)
        if wav is not None:
            audio_cache.remove(wav)

    def _play_one(self, u: _Utterance, index: int | None, wav: str, started=None):
        """Play one WAV (index: the sentence it starts, for SentenceStarted). A pause kills the
        player; once resumed the same WAV plays again from its start. `started`, if given, is
        called once the player is going (work to do while it plays)."""
        announce = index is not None
        while True:
            with self._cond:
                while self._paused and not u.cancelled:
                    self._cond.wait()  # paused: hold the queue
                if u.cancelled:
                    return 0, None
                try:
                    playback = self._warm.play(wav) if self._warm is not None else None
                    if playback is None:
                        playback = Playback(self._command, wav,
                                            os.path.join(self._tmp, "player.log"))
                except OSError:
                    playback = None
                if playback is None:
                    self._fail(NO_AUDIO)
                    return 0, None
                self._playback = playback
                if announce:
                    self._emit(SentenceStarted(u.id, index, u.sentences[index]))
                    announce = False
            self._warm_up()  # the next sentence's player connects while this one plays
            if started is not None:
                started, start_now = None, started
                start_now()
            rc = playback.wait(wav_seconds(wav) + PLAYER_SLACK)
            if rc is None:  # a hung player (a stuck sound server): kill it, count a failure
                playback.abort()
                rc = playback.wait() or -1
            with self._cond:
                if self._playback is playback:
                    self._playback = None
                if playback.killed and self._paused and not u.cancelled:
                    continue  # paused mid-way: play it again from the start on resume
            return rc, playback

    def _prepare_step(self, key: str) -> None:
        """Render one more sentence of a prepared text, so a waiting speak() is not held up."""
        with self._cond:
            entry = self._prepared.get(key)
            settings = self._settings
            if entry is None:
                return
            if entry.partial_settings != settings and not self._from_cache(entry):
                entry.partial, entry.partial_settings = [], settings
            complete = len(entry.partial) == len(entry.sentences)
            if complete:
                rendered = entry.wavs is None or entry.settings != settings
                entry.wavs, entry.settings = list(entry.partial), settings
                if rendered:
                    entry.engine = ""
                first = next((w for w in entry.wavs if w), None)
                # Rendered here: by this worker's engine (known as soon as it is ready, even
                # before the thread that started it has told _engine_known).
                engine = self._worker.engine if rendered else self._engine
            else:
                text = entry.sentences[len(entry.partial)]
        if complete:
            if first:
                self._cued(first)  # the tone + first sentence ready before 0 is pressed
            if rendered and engine:  # kept for the next start (see audio_cache)
                for sentence, wav in zip(entry.sentences, entry.wavs):
                    if wav:
                        audio_cache.store(sentence, settings, engine, wav)
                audio_cache.prune()
            return
        if not self._worker.ready:
            self._wait_for_start()
            with self._cond:
                if self._pending is not None:  # asked for while the worker started (0): first
                    self._queue_prepare(key)
                    return
        wav = self._collect(self._send(text, settings)) if text.strip() else ""
        with self._cond:
            if self._prepared.get(key) is not entry or not self.available:
                return
            if wav is None:
                return  # worker trouble: leave it unprepared; speak_prepared renders live
            if entry.partial_settings == settings:
                entry.partial.append(wav)
            self._queue_prepare(key)
