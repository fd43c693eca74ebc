"""Every sentence keeps the rate and volume asked for, even when pyttsx3 cancels inside espeak.

On a loaded machine pyttsx3's stop() (run inside every runAndWait) can find espeak's thread still
busy and call espeak_Cancel: that dropped a queued rate change (the sentence came out at
pyttsx3's 200 words a minute) and left pyttsx3 "stopping", so the next sentence was cancelled
too (an empty WAV). Here the engine module makes espeak's thread late for real, as a loaded
machine does (it runs only while the worker's thread waits), with the real espeak-ng doing the
rest; and, in some runs, one of pyttsx3's busy checks says yes besides.
"""

from __future__ import annotations

import array
import os
import wave

import pytest

from tui.speech import engine_present
from tui.speech.worker_client import WorkerClient

pytestmark = pytest.mark.skipif(not engine_present(), reason="espeak-ng / pyttsx3 not installed")

SENTENCES = ["Bone metastases are cancer cells that have spread to the bone.",
             "They can cause pain, fractures, and high calcium.",
             "Tell your care team about any new pain."]
RATE, VOLUME = 120, 0.5

LATE_ENGINE = '''
"""pyttsx3 on a loaded machine, made exact: espeak's own thread gets the CPU only while the
worker's thread waits (both on one CPU, espeak's thread at idle priority); and, if asked for,
one stray moment where pyttsx3 finds espeak busy (its thread just waking, say)."""
import os
import time

import pyttsx3
from pyttsx3.drivers import _espeak


STRAY_BUSY = {stray}  # which of pyttsx3's is-espeak-busy questions (in its stop()) says yes
_really_playing = _espeak.IsPlaying
_asked = [0]


def _is_playing():
    _asked[0] += 1
    return _asked[0] == STRAY_BUSY or _really_playing()


def init():
    _espeak.IsPlaying = _is_playing
    before = set(os.listdir("/proc/self/task"))
    engine = pyttsx3.init()  # starts espeak's thread
    cpu = {min(os.sched_getaffinity(0))}
    os.sched_setaffinity(0, cpu)  # this thread
    for tid in set(os.listdir("/proc/self/task")) - before:
        os.sched_setaffinity(int(tid), cpu)
        os.sched_setscheduler(int(tid), os.SCHED_IDLE, os.sched_param(0))
    _espeak.Synchronize()
    time.sleep(0.3)  # espeak's thread ends its idle checks (150 ms) and sleeps till a command
    return engine
'''


def wav_facts(path) -> tuple[int, int]:
    with wave.open(str(path)) as w:
        samples = array.array("h", w.readframes(w.getnframes()))
    return len(samples), max(map(abs, samples), default=0)


def render_each(folder, engine_module="pyttsx3") -> list[tuple[int, int]]:
    """Each sentence to its own WAV in one worker, sent all at once as render_to_wav does."""
    folder.mkdir()
    worker = WorkerClient(engine_module, str(folder / "worker.log"))
    try:
        worker.start()
        worker.wait_ready(30)
        outs = [folder / f"{n}.wav" for n in range(len(SENTENCES))]
        ids = [worker.send(text, str(out), RATE, VOLUME, None) for text, out in zip(SENTENCES, outs)]
        replies = [worker.await_reply(req_id, 60) for req_id in ids]
    finally:
        worker.kill()
    assert all(reply and reply.get("ok") for reply in replies), replies
    return [wav_facts(out) for out in outs]


@pytest.mark.skipif(not hasattr(os, "sched_setscheduler"), reason="needs Linux thread scheduling")
@pytest.mark.parametrize("stray", [None, 2, 3])
def test_sentences_keep_rate_and_volume_when_espeak_runs_late(tmp_path, monkeypatch, stray):
    engines = tmp_path / "engines"
    engines.mkdir()
    (engines / "late_espeak.py").write_text(LATE_ENGINE.replace("{stray}", str(stray)))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(engines), os.environ.get("PYTHONPATH")) if p))

    expected = render_each(tmp_path / "calm")
    got = render_each(tmp_path / "late", "late_espeak")

    for n, ((frames, peak), (want_frames, want_peak)) in enumerate(zip(got, expected)):
        # Same text, rate and volume give the same speech; 200 words a minute instead of 120
        # is 40 % shorter, full volume instead of half twice as loud, a lost sentence empty.
        assert 0.9 * want_frames < frames < 1.1 * want_frames, (n, got, expected)
        assert 0.8 * want_peak < peak < 1.25 * want_peak, (n, got, expected)
