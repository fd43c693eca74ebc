"""Speech worker process: owns the pyttsx3 engine and renders text to WAV files, one request
at a time. It never plays audio (pyttsx3's playback cannot be interrupted).

Runs as `python -m tui.speech.pyttsx3_worker [--engine MODULE]`. Protocol, JSON lines:
  in  (stdin):  {"id": 7, "text": "...", "rate": 175, "volume": 1.0, "voice": null, "out": "/x.wav"}
  out (fd 1 as it was at start): {"ready": true, "voices": [...], "engine": "pyttsx3 espeak-ng 1.51"}
                 once, or {"fatal": "..."} and exit;
                 then {"id": 7, "ok": true} or {"id": 7, "ok": false, "error": "...", "errno": 28} per request
                 (errno when an OSError, e.g. 28 = no space left for the WAV).
The C driver and pyttsx3 print to stdout ("Audio saved to ..."), so fd 1 is pointed at /dev/null
and replies go to a private duplicate of the original fd 1.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import threading
import wave

RENDER_TIMEOUT = 20.0  # seconds; a long text at a slow rate still renders far faster than this
RENDER_TRIES = 3  # an empty WAV for words (espeak cut off before its first sample) is made again


def _private_reply_channel():
    """Keep the pipe to the parent on a new fd and silence fd 1 for everything else."""
    reply_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")  # Python-level prints, too
    return os.fdopen(reply_fd, "w", buffering=1)


def _drives_espeak(engine) -> bool:
    """A pyttsx3 engine on its espeak driver (pyttsx3 picks the driver by platform: espeak on
    Linux, SAPI5 / NSSpeech elsewhere); not a stand-in engine of some other kind."""
    if not type(engine).__module__.startswith("pyttsx3"):
        return False
    try:
        from pyttsx3.engine import default_engine_by_sys_platform
        return default_engine_by_sys_platform() == "espeak"
    except ImportError:
        return sys.platform.startswith("linux")


class Engine:
    def __init__(self, module_name: str) -> None:
        module = __import__(module_name)
        self.engine = module.init()
        self.done = threading.Event()
        # runAndWait may return before the WAV is written; finished-utterance is the real end.
        self.engine.connect("finished-utterance", lambda name=None, completed=True: self.done.set())
        self.voice = None  # the voice last set (espeak sets voices at once, Cancel keeps them)
        # pyttsx3 writes the WAV inside an espeak callback; an error there (a full temp folder)
        # is only "ignored" by ctypes and finished-utterance never comes: catch it here instead.
        self.error: BaseException | None = None
        sys.unraisablehook = self._unraisable
        self._synchronize = None
        self._get_parameter = None
        try:  # see render(): espeak must be idle before the next request
            if not _drives_espeak(self.engine):
                raise ImportError("another speech driver")
            from pyttsx3.drivers import _espeak
            self._synchronize = _espeak.Synchronize
            # espeak_GetParameter(parameter, current) of espeak-ng's API. pyttsx3's own binding
            # passes one argument, so "current" would be whatever is in the register.
            self._get_parameter = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_int)(
                ("espeak_GetParameter", _espeak.dll))
        except Exception:
            pass
        self._idle()

    @property
    def name(self) -> str:
        """Which engine renders, for the audio cache: audio made by another sounds different."""
        name = self.engine.__class__.__module__.split(".")[0]
        try:
            from pyttsx3.drivers import _espeak
            name += " espeak-ng " + _espeak.Info().decode("ascii", "replace")
        except Exception:
            pass
        return name

    def _unraisable(self, unraisable) -> None:
        self.error = unraisable.exc_value
        self.done.set()
        print(f"worker: {unraisable.exc_value!r}", file=sys.stderr)

    def voices(self) -> list[dict]:
        out = []
        for v in self.engine.getProperty("voices") or []:
            langs = getattr(v, "languages", None) or [""]
            lang = langs[0]
            if isinstance(lang, bytes):
                lang = lang.decode("utf-8", "ignore")
            out.append({"id": str(v.id), "name": str(v.name), "language": str(lang)})
        return out

    def _idle(self) -> None:
        """Wait until espeak's own thread has done everything queued."""
        if self._synchronize is not None:
            self._synchronize()

    def _settle(self) -> None:
        """Make pyttsx3 hand settings to espeak now, not inside the next runAndWait.

        pyttsx3 holds setProperty back while it thinks the driver is busy (it starts that way).
        Held back, the settings reach espeak inside runAndWait right before its endLoop, whose
        stop() finds espeak's thread still busy with them (on a loaded machine) and calls
        espeak_Cancel: that drops the queued rate/volume, restores the old ones (the sentence
        came out at 200 words a minute), and leaves pyttsx3 "stopping", so it cancelled the
        next sentence too (an empty WAV). An empty runAndWait while espeak is idle clears the
        busy flag and cancels nothing."""
        self._idle()
        if self._get_parameter is not None and self.engine.isBusy():  # espeak's driver only
            self.engine.runAndWait()
            self._idle()

    def _current(self, parameter: int) -> int | None:
        return None if self._get_parameter is None else self._get_parameter(parameter, 1)

    def _apply(self, rate, volume, voice) -> None:
        """Set what this sentence needs, and check that espeak itself now has it.

        Set rate and volume go through espeak's queue and take effect on its thread; an
        espeak_Cancel (pyttsx3 calls it from stop()) drops what is still queued and restores the
        values in use when the last one was taken. So they are read back from espeak, and set
        again until espeak has them: from then on a Cancel restores these very values."""
        self._settle()
        if voice is not None and voice != self.voice:
            try:  # before rate/volume: a voice change must not undo them
                self.engine.setProperty("voice", voice)
                self.voice = voice
            except Exception as exc:  # an unknown voice must not stop speech: keep the old one
                print(f"worker: cannot set voice={voice!r}: {exc}", file=sys.stderr)
        wanted = {}
        if rate is not None:
            wanted["rate"] = (1, int(rate), int(rate))  # espeakRATE
        if volume is not None:
            wanted["volume"] = (2, int(round(volume * 100, 2)), volume)  # espeakVOLUME, 0-100
        for _attempt in range(5):
            missing = {name: value for name, (param, number, value) in wanted.items()
                       if self._current(param) != number}
            if not missing:
                return
            for name, value in missing.items():
                try:
                    self.engine.setProperty(name, value)
                except Exception as exc:
                    print(f"worker: cannot set {name}={value!r}: {exc}", file=sys.stderr)
                    wanted.pop(name)
            self._settle()
            if self._get_parameter is None:
                return  # no way to read espeak back (another pyttsx3 driver): trust it
        raise RuntimeError(f"the engine does not keep the settings {sorted(missing)}")

    def _short_run(self) -> None:
        """Make the next runAndWait take pyttsx3's short road (the one of its very first run).

        With the driver marked busy, runAndWait ends its loop before it starts the sentence and
        returns at once; the sentence ends with finished-utterance (or a callback error). Without
        it, runAndWait loops until the sentence's end, and that loop cancels the sentence if an
        earlier stop() left pyttsx3 "stopping", and never ends if the callback fails (a full
        temp folder). endLoop marks the driver busy; its stop() runs while espeak is idle, and a
        Cancel then would only restore the settings just checked."""
        if self._get_parameter is not None:  # espeak's driver, whose loop is known
            self.engine.startLoop(False)
            self.engine.endLoop()

    def render(self, text: str, rate, volume, voice, out: str) -> None:
        """Render `text` into `out`. Now and then espeak is cut off before its first sample
        (pyttsx3's runAndWait cancels it while it is still starting) and the WAV holds no audio
        at all: that is made again, so that no sentence is silently left out."""
        for _ in range(RENDER_TRIES):
            self._render_once(text, rate, volume, voice, out)
            if not text.strip() or _frames(out) != 0:
                return
        raise RuntimeError("the engine made no audio for this text")

    def _render_once(self, text: str, rate, volume, voice, out: str) -> None:
        self._apply(rate, volume, voice)
        self.done.clear()
        self.error = None
        tmp = out + ".part"
        self._short_run()
        # One item per runAndWait: pyttsx3 renders only the last of several queued items.
        self.engine.save_to_file(text, tmp)
        self.engine.runAndWait()
        if not self.done.wait(RENDER_TIMEOUT):
            raise RuntimeError("the engine did not finish")
        self._idle()
        if self.error is not None:
            error, self.error = self.error, None
            try:
                os.remove(tmp)
            except OSError:
                pass
            # The OSError (e.g. ENOSPC) is what pyttsx3's RuntimeError was raised from.
            raise error.__context__ if isinstance(error.__context__, OSError) else error
        os.replace(tmp, out)  # the player never sees a half-written file
        with open(os.path.splitext(out)[0] + ".txt", "w", encoding="utf-8") as side:
            side.write(text)  # sidecar: lets a test player log what it plays


def _frames(path: str) -> int | None:
    """How many frames a WAV file holds; None when it cannot be read as one."""
    try:
        with wave.open(path) as w:
            return w.getnframes()
    except (OSError, EOFError, wave.Error):
        return None


def main(argv: list[str]) -> int:
    module_name = argv[argv.index("--engine") + 1] if "--engine" in argv else "pyttsx3"
    replies = _private_reply_channel()

    def reply(obj: dict) -> None:
        replies.write(json.dumps(obj) + "\n")

    try:
        engine = Engine(module_name)
        voices = engine.voices()
    except Exception as exc:  # ImportError, or RuntimeError when libespeak-ng is missing
        reply({"fatal": f"{type(exc).__name__}: {exc}"})
        return 3
    reply({"ready": True, "voices": voices, "engine": engine.name})
    for line in sys.stdin:
        try:
            req = json.loads(line)
        except ValueError:
            continue
        try:
            engine.render(req["text"], req.get("rate"), req.get("volume"), req.get("voice"), req["out"])
            reply({"id": req.get("id"), "ok": True})
        except Exception as exc:
            reply({"id": req.get("id"), "ok": False, "error": f"{type(exc).__name__}: {exc}",
                   "errno": getattr(exc, "errno", None)})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
