"""Text to one WAV file, synchronously: for `bone-guide speak` and the audio export.

Rendering happens in the same worker process the reader uses (never in this process: the
engine prints to stdout and would corrupt a full-screen app that calls this). Sentences are
rendered one by one and joined, which keeps memory and time linear for long sections.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
import wave
from pathlib import Path

from tui.speech.speaker import RATE_DEFAULT, as_sentences, clamp_rate, clamp_volume
from tui.speech.worker_client import EngineMissing, WorkerClient, WorkerDied

REPLY_TIMEOUT = 60.0  # one sentence; generous, nobody is waiting on a key press here


class SpeechUnavailable(Exception):
    """No speech engine can render here; the message is fit to show the user."""


_lock = threading.Lock()
_worker: WorkerClient | None = None


def _get_worker() -> WorkerClient:
    """One warm worker for all calls (an export renders a dozen tracks)."""
    global _worker
    if _worker is not None and _worker.ready and _worker.proc.poll() is None:
        return _worker
    from tui.speech import engine_present
    if not engine_present():
        raise SpeechUnavailable("No speech engine found. Install espeak-ng (and pyttsx3).")
    worker = WorkerClient()
    try:
        worker.start()
        worker.wait_ready(30.0)
    except EngineMissing as exc:
        worker.kill()
        raise SpeechUnavailable(f"No speech engine found ({exc}). Install espeak-ng.") from None
    except (WorkerDied, OSError) as exc:
        worker.kill()
        raise SpeechUnavailable(f"The speech engine did not start ({exc}).") from None
    if _worker is None:
        atexit.register(lambda: _worker and _worker.kill())
    _worker = worker
    return worker


def render_to_wav(text, path, rate: int | None = None, volume: float | None = None,
                  voice: str | None = None) -> Path:
    """Write `text` (a string or a list of sentences) as speech to the WAV file `path`."""
    path = Path(path)
    sentences = [s for s in as_sentences(text) if s.strip()] or ["."]
    settings = (clamp_rate(rate or RATE_DEFAULT),
                clamp_volume(1.0 if volume is None else volume), voice or None)
    with _lock, tempfile.TemporaryDirectory(prefix="bone-guide-render-") as tmp:
        worker = _get_worker()
        parts = [os.path.join(tmp, f"{n:04d}.wav") for n in range(len(sentences))]
        try:
            # All requests at once: the worker renders back to back, no round trip between.
            ids = [worker.send(s, part, *settings) for s, part in zip(sentences, parts)]
            for req_id in ids:
                reply = worker.await_reply(req_id, REPLY_TIMEOUT)
                if not reply or not reply.get("ok"):
                    raise SpeechUnavailable(f"The speech engine failed: {(reply or {}).get('error')}")
        except WorkerDied as exc:
            worker.kill()
            raise SpeechUnavailable(f"The speech engine stopped ({exc}).") from None
        _join(parts, path)
    return path


def _join(parts: list[str], out: Path) -> None:
    with wave.open(parts[0]) as first:
        params = first.getparams()
    with open(out, "wb") as raw, wave.open(raw, "wb") as dst:
        dst.setnchannels(params.nchannels)
        dst.setsampwidth(params.sampwidth)
        dst.setframerate(params.framerate)
        for part in parts:
            with wave.open(part) as src:
                dst.writeframes(src.readframes(src.getnframes()))
