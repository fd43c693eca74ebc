#!/usr/bin/env python3
"""Speech latency bench: real engine (pyttsx3 + espeak-ng in the worker), fake player.

    .venv/bin/python scripts/bench_speech.py [--tries 50]

Measures, over N tries each, median and 95th percentile of
  speak()        -> first WAV handed to the player (SentenceStarted), and -> player running (START line)
  stop()         -> player process gone (exited or zombie), and how long stop() itself blocks
  speak_prepared -> first WAV handed to the player (warning signs, rendered ahead)
beside `espeak-ng --stdout "<same sentence>" > /dev/null` run directly.
"""

from __future__ import annotations

import argparse
import os
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

SENTENCE = "Go to the emergency department now, or call your emergency number."
SECOND = "Tell them you have bone metastases."
RED_FLAGS = ["Warning signs - get help now.", SENTENCE, SECOND, "Sudden new back pain."]
TARGETS = {"key -> first audio": 100, "stop -> player gone": 20, "prepared -> first audio": 50}


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


class Waiter:
    def __init__(self):
        self.cond = threading.Condition()
        self.seen: dict = {}

    def __call__(self, event):
        from tui.speech.events import SentenceStarted, SpeechFailed
        with self.cond:
            if isinstance(event, SentenceStarted) and event.index == 0:
                self.seen.setdefault(event.utterance_id, time.perf_counter())
            elif isinstance(event, SpeechFailed):
                self.seen["failed"] = event.reason
            self.cond.notify_all()

    def wait(self, uid, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self.cond:
            while uid not in self.seen:
                if "failed" in self.seen:
                    raise SystemExit(f"speech failed: {self.seen['failed']}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit(f"no SentenceStarted for {uid} in {timeout}s")
                self.cond.wait(left)
            return self.seen[uid]


def wait_lines(log: Path, count: int, timeout=5.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [l for l in log.read_text().splitlines() if " START " in l]
        if len(lines) >= count:
            return float(lines[count - 1].split()[0])
        time.sleep(0.001)
    raise SystemExit("fake player never started")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=50)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    log = tmp / "player.log"
    log.write_text("")
    os.environ["FAKE_PLAYER_LOG"] = str(log)
    os.environ["BONE_GUIDE_PLAYER"] = f"{sys.executable} {ROOT / 'tests' / 'fake_player.py'}"

    from tui.speech import create_speaker
    waiter = Waiter()
    t0 = time.perf_counter()
    speaker = create_speaker("pyttsx3", on_event=waiter)
    created = (time.perf_counter() - t0) * 1000
    if not speaker.available:
        print(f"speech unavailable: {speaker.notice}")
        return 1
    speaker.prepare("red", RED_FLAGS)
    deadline = time.monotonic() + 20
    while not speaker.prepared_ready("red"):
        if time.monotonic() > deadline:
            raise SystemExit("worker never warmed up")
        time.sleep(0.01)

    rows = {k: [] for k in ("key -> first audio", "key -> player running", "stop() call",
                            "stop -> player gone", "prepared -> first audio", "espeak-ng direct")}
    starts = 0
    for n in range(args.tries):
        for kind in ("speak", "prepared"):
            uid = f"{kind}-{n}"
            t = time.perf_counter()
            wall = time.time()
            if kind == "speak":
                speaker.speak([SENTENCE, SECOND], uid)
            else:
                speaker.speak_prepared("red", uid)
            handed = waiter.wait(uid)
            label = "key -> first audio" if kind == "speak" else "prepared -> first audio"
            rows[label].append((handed - t) * 1000)
            starts += 1
            started = wait_lines(log, starts)
            if kind == "speak":
                rows["key -> player running"].append((started - wall) * 1000)
            time.sleep(0.05)  # let the next sentence render ahead, as in real listening
            pid = speaker.player_pid
            t = time.perf_counter()
            speaker.stop()
            rows["stop() call"].append((time.perf_counter() - t) * 1000)
            while pid and not gone(pid):
                time.sleep(0.0002)
            rows["stop -> player gone"].append((time.perf_counter() - t) * 1000)
        if shutil.which("espeak-ng"):
            t = time.perf_counter()
            subprocess.run(["espeak-ng", "--stdout", SENTENCE], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            rows["espeak-ng direct"].append((time.perf_counter() - t) * 1000)
    speaker.close()
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"speech bench: {args.tries} tries, create_speaker {created:.1f} ms, "
          f"sentence: {SENTENCE!r}")
    print(f"{'measure':28} {'median ms':>10} {'p95 ms':>8} {'target':>8}")
    ok = True
    for name, values in rows.items():
        if not values:
            continue
        target = TARGETS.get(name)
        p95 = pct(values, 95)
        mark = "" if target is None else (f"< {target}" + (" ok" if p95 < target else " MISS"))
        ok &= target is None or p95 < target
        print(f"{name:28} {statistics.median(values):10.1f} {p95:8.1f} {mark:>8}")
    print("(key -> player running includes the fake player's own Python start-up)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
