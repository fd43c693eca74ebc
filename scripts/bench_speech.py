#!/usr/bin/env python3
"""Speech latency bench, measured where the user hears it: at a PulseAudio null sink.

    .venv/bin/python scripts/bench_speech.py [--tries 20] [--backend pyttsx3|speechd|both]
                                             [--player "paplay --latency-msec=20"]
                                             [--speechd-config tuned|stock|both]

Starts its own PulseAudio (null sink) and speech-dispatcher (espeak-ng) in a private
XDG_RUNTIME_DIR, as tests/speechd_daemon.py does, so nothing is heard and the user's own speech is
untouched. `parec` records the sink's monitor in 5 ms blocks; a block is "audio" when its peak is
above PEAK (about -36 dBFS), and a block's time is worked out from when it arrived and how many
samples came after it, so each figure includes parec's own delivery delay (a few ms).

The harness drives the narrator exactly as the keys do (tui/app.py and tui/screens/section.py):
  r             narrator.read(sentences)       -> first audio
  0             narrator.red_flags()           -> first audio (and, with the cue, first word)
  .             narrator.stop() while reading  -> silence (start of >= 250 ms without audio)
  Space         narrator.toggle_pause()        -> silence
  move          narrator.announce(title) with self-voicing on -> first audio
for both backends: pyttsx3 (worker renders WAVs, the player plays them) and a real
speech-dispatcher, once with the settings tests/speechd_daemon.py tunes for quick stops and once
with the distribution's own (what a user's daemon has unless they change it). Median and p95 over --tries; the goals are the issue's (#19).
"""

from __future__ import annotations

import argparse
import array
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

RATE = 16000          # parec sample rate (mono, s16le)
BLOCK = 80            # samples: 5 ms
PEAK = 500            # a block louder than this (of 32767) is audio
QUIET_HOLD = 0.25     # silence = this long without audio
READING = ["Bone metastases are cancer cells that have spread to the bone from somewhere else.",
           "They are not the same as a cancer that starts in the bone itself.",
           "Many people live with them for years and keep doing the things that matter to them."]
MOVE = "Section 2: What bone metastases are"
GOALS = {"r -> first audio": 100, "0 -> first audio": 50, ". -> silence": 20,
         "Space -> silence": 50}


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


class SinkMonitor:
    """Records the null sink's monitor: a list of (time, peak) per 5 ms block."""

    def __init__(self, env: dict, device: str = "silent.monitor") -> None:
        self.blocks: list[tuple[float, int]] = []
        self.cond = threading.Condition()
        self.proc = subprocess.Popen(
            ["parec", f"--device={device}", "--raw", "--format=s16le", f"--rate={RATE}",
             "--channels=1", "--latency-msec=5"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        fd, buf, size = self.proc.stdout.fileno(), b"", BLOCK * 2
        while True:
            chunk = os.read(fd, 65536)
            now = time.perf_counter()
            if not chunk:
                return
            buf += chunk
            n = len(buf) // size
            got = []
            for k in range(n):
                samples = array.array("h", buf[k * size:(k + 1) * size])
                peak = max(max(samples), -min(samples))
                # this block ended (n - 1 - k) blocks before the last sample arrived
                got.append((now - (n - 1 - k) * BLOCK / RATE, peak))
            buf = buf[n * size:]
            with self.cond:
                self.blocks += got
                self.cond.notify_all()

    def _scan(self, t0: float, timeout: float, test):
        """Feed blocks after t0 to `test` until it returns a value (or timeout: None)."""
        deadline = time.perf_counter() + timeout
        i = 0
        with self.cond:
            while True:
                while i < len(self.blocks):
                    t, peak = self.blocks[i]
                    i += 1
                    if t > t0:
                        result = test(t, peak)
                        if result is not None:
                            return result
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def first_audio(self, t0: float, timeout: float = 5.0) -> float | None:
        """ms from t0 to the first block with audio."""
        return self._scan(t0, timeout, lambda t, peak: (t - t0) * 1000 if peak > PEAK else None)

    def silence(self, t0: float, timeout: float = 5.0) -> float | None:
        """ms from t0 to the end of the last audio block before QUIET_HOLD of silence."""
        last = [t0]

        def test(t, peak):
            if peak > PEAK:
                last[0] = t
            elif t - last[0] >= QUIET_HOLD:
                return (last[0] - t0) * 1000
            return None
        return self._scan(t0, timeout, test)

    def gap_then_audio(self, t0: float, gap: float = 0.02, timeout: float = 5.0) -> float | None:
        """ms from t0 to the first audio after a run of >= `gap` s of silence that follows
        audio: the first word after the cue."""
        state = {"heard": False, "quiet_since": None}

        def test(t, peak):
            if peak > PEAK:
                if state["heard"] and state["quiet_since"] is not None \
                        and t - state["quiet_since"] >= gap:
                    return (t - t0) * 1000
                state["heard"], state["quiet_since"] = True, None
            elif state["heard"] and state["quiet_since"] is None:
                state["quiet_since"] = t
            return None
        return self._scan(t0, timeout, test)

    def wait_quiet(self, timeout: float = 5.0) -> None:
        self.silence(time.perf_counter(), timeout)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def bench(kind: str, monitor: SinkMonitor, tries: int, player: str, cue: bool) -> dict:
    from tui.core.load import bundled_guide_path, load_guide
    from tui.speech.narrator import RED_FLAGS_KEY, Narrator
    from tui.core.settings import Settings

    guide = load_guide(bundled_guide_path())
    flags = guide.red_flags
    red = [flags.heading + ".", flags.action] + [f"{n}. {s}" for n, s in enumerate(flags.signs, 1)]
    events: queue.Queue = queue.Queue()
    settings = Settings(self_voicing=True, speech=kind, player=player)
    narrator = Narrator(events.put, settings)
    narrator.start(red)

    def drain():  # what the app does with the posted messages, on the "main" thread
        while True:
            try:
                narrator.on_event(events.get_nowait())
            except queue.Empty:
                return

    speaker = narrator.speaker
    if not narrator.available:
        raise SystemExit(f"{kind}: {narrator.unavailable_notice()}")
    deadline = time.monotonic() + 30
    while hasattr(speaker, "prepared_ready") and not speaker.prepared_ready(RED_FLAGS_KEY):
        if time.monotonic() > deadline:
            raise SystemExit(f"{kind}: the warning signs were never rendered")
        time.sleep(0.02)
    time.sleep(0.5)
    rows = {k: [] for k in ("r -> first audio", "0 -> first audio", "0 -> first word",
                            ". -> silence", "Space -> silence", "move -> first audio")}
    missed = {k: 0 for k in rows}

    def record(name, value):
        if value is None:
            missed[name] += 1
        else:
            rows[name].append(value)

    for n in range(tries + 1):  # try 0 warms up (first player start, first daemon message)
        keep = n > 0
        for key in (".", "Space"):
            monitor.wait_quiet()
            drain()
            t0 = time.perf_counter()
            narrator.read(READING, f"r-{n}-{key}")
            value = monitor.first_audio(t0)
            if keep:
                record("r -> first audio", value)
            time.sleep(0.6)  # into the sentence
            drain()
            t0 = time.perf_counter()
            narrator.stop() if key == "." else narrator.toggle_pause()
            value = monitor.silence(t0)
            if keep:
                record(f"{key} -> silence", value)
            narrator.stop()
        monitor.wait_quiet()
        drain()
        t0 = time.perf_counter()
        narrator.red_flags()
        first = monitor.first_audio(t0)
        word = monitor.gap_then_audio(t0) if cue else first
        if keep:
            record("0 -> first audio", first)
            record("0 -> first word", word)
        time.sleep(0.3)
        narrator.stop()
        monitor.wait_quiet()
        drain()
        t0 = time.perf_counter()
        narrator.announce(MOVE)
        value = monitor.first_audio(t0)
        if keep:
            record("move -> first audio", value)
        time.sleep(0.2)
        narrator.stop()
    narrator.close()
    return {"rows": rows, "missed": missed}


def report(kind: str, result: dict, show_all: bool = False) -> bool:
    ok = True
    print(f"\n{kind}")
    print(f"  {'measure':22} {'median ms':>10} {'p95 ms':>8}  goal")
    for name, values in result["rows"].items():
        goal = GOALS.get(name)
        if not values:
            print(f"  {name:22} {'-':>10} {'-':>8}  no audio seen")
            ok = False
            continue
        p95 = pct(values, 95)
        verdict = "" if goal is None else f"p95 < {goal}: " + ("ok" if p95 < goal else "MISSED")
        ok &= goal is None or p95 < goal
        lost = result["missed"][name]
        extra = f" ({lost} tries without audio)" if lost else ""
        print(f"  {name:22} {statistics.median(values):10.1f} {p95:8.1f}  {verdict}{extra}")
        if show_all:
            print("    " + " ".join(f"{v:.0f}" for v in sorted(values)))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--backend", choices=("pyttsx3", "speechd", "both"), default="both")
    parser.add_argument("--player", default="",
                        help="player command for pyttsx3 (default: the app's own choice)")
    parser.add_argument("--speechd-config", choices=("tuned", "stock", "both"), default="both",
                        help="the private speech-dispatcher's settings: tuned for quick stops "
                             "(tests/speechd_daemon.py) or the distribution's own, as a user's "
                             "daemon has them")
    parser.add_argument("--show-all", action="store_true", help="print every try, sorted")
    args = parser.parse_args()

    from speechd_daemon import Daemons, missing
    if (why := missing()) or not shutil.which("parec"):
        print(f"cannot bench: {why or 'parec is not installed (pulseaudio-utils)'}")
        return 2
    from tui.speech.player import PLAYER_ENV, player_command
    os.environ.pop(PLAYER_ENV, None)
    runs = []
    if args.backend in ("pyttsx3", "both"):
        runs.append(("pyttsx3", True))
    if args.backend in ("speechd", "both"):
        configs = ("tuned", "stock") if args.speechd_config == "both" else (args.speechd_config,)
        runs += [("speechd", config == "tuned") for config in configs]
    print(f"speech bench: {args.tries} tries per figure, audio at a PulseAudio null sink "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    ok = True
    saved_env = dict(os.environ)
    for kind, tuned in runs:
        with tempfile.TemporaryDirectory(prefix="bench-speech-") as tmp, \
                Daemons(Path(tmp), tuned=tuned) as daemons:
            os.environ.update(daemons.env)  # the app's player and socket look here
            monitor = SinkMonitor(daemons.env)
            try:
                time.sleep(0.3)
                player = args.player
                title = kind
                if kind == "pyttsx3":
                    title += f" (player: {' '.join(player_command(player or None) or ['none'])})"
                else:
                    title += " (tuned daemon settings)" if tuned else " (stock daemon settings)"
                result = bench(kind, monitor, args.tries, player, _has_cue(kind))
                ok &= report(f"{title}, load average now {os.getloadavg()[0]:.1f}", result,
                             args.show_all)
            finally:
                monitor.close()
                os.environ.clear()
                os.environ.update(saved_env)
    return 0 if ok else 1


def _has_cue(kind: str) -> bool:
    """Whether this backend plays a tone before the warning signs (then 0 -> first word is
    measured after the tone's end)."""
    try:
        from tui.speech import cue
    except ImportError:
        return False
    return cue.plays_cue(kind)


if __name__ == "__main__":
    sys.exit(main())
