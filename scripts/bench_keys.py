#!/usr/bin/env python3
"""Key press -> repainted screen, for next-section, scroll and search (a benchmark, not a test).

Runs the real `bone-guide` in a private tmux server (100x30, speech off) and sends one key at
a time with `tmux send-keys`. A tmux control-mode client reports, as it happens, each write of
the app to its terminal; after each write the screen is read (`tmux capture-pane`), and the
key's time is that of the latest write before the screen showed the key's effect. (Polling
capture-pane in a loop instead started a tmux client every few ms: on a 2-core machine that
took CPU from the app and lengthened what it measured.) The figures include tmux's delivery of
the key (the "tmux round trip" row is send-keys plus one capture), so they are an upper bound
on the app's own time.
With `--pause S` each key waits S seconds after the last one's screen is still, as a reader
pausing to read or listen would; by default the keys come as fast as the screen settles.
Usage: .venv/bin/python scripts/bench_keys.py [--presses 200] [--pause S] [--bone-guide CMD]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin" / "bone-guide"
SOCKET = f"bench-keys-{time.time_ns()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", "b")


def wait_until(check, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = screen()
        if check(text):
            return text
        time.sleep(0.001)
    raise SystemExit(f"bench_keys: timed out; screen was:\n{screen()}")


def settled(quiet: float = 0.3) -> str:
    """The screen once it has not changed for `quiet` seconds: a screen just opened may still
    be finishing its first paint (a scroll bar, the status line), which would read as a key's
    effect, or take a key before its text has the focus."""
    text, since = screen(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.02)
        now = screen()
        if now != text:
            text, since = now, time.monotonic()
    return text


class Writes:
    """The times at which the app wrote to its terminal, from a tmux control-mode client."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.arrived = threading.Condition()
        self.client = subprocess.Popen(["tmux", "-L", SOCKET, "-C", "attach", "-t", "b"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.client.stdout:
            if line.startswith(b"%output "):
                with self.arrived:
                    self.times.append(time.perf_counter())
                    self.arrived.notify_all()

    def wait_after(self, seen: int, timeout: float) -> None:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.times) > seen, timeout)

    def close(self) -> None:
        self.client.kill()


WRITES: Writes | None = None
PAUSE = 0.0  # seconds between a key's settled screen and the next key (--pause)


def press(key: str, shows=None) -> float:
    """Milliseconds from sending `key` until the app's write that made the screen show its
    effect (`shows(text)`), or by default anything different from before."""
    before = screen()
    check = shows or (lambda text: text != before)
    seen = len(WRITES.times)
    start = time.perf_counter()
    tmux("send-keys", "-t", "b", key)
    deadline = start + 5
    while True:
        WRITES.wait_after(seen, max(0.0, deadline - time.perf_counter()))
        seen = len(WRITES.times)
        latest = WRITES.times[-1] if seen else start
        # Only a write after the key counts (a late frame of the key before is not its effect).
        if latest > start and check(screen()):
            break
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench_keys: timed out after {key}; screen was:\n{screen()}")
    took = (latest - start) * 1000
    # A key's effect may take two frames (the text moves, then the status line): the next key
    # goes only once the screen is still, or its "change" would be this key's second frame.
    settled(0.05)
    time.sleep(PAUSE)
    return took


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--pause", type=float, default=0.0, metavar="S",
                        help="seconds to wait after each key's screen is still (a reader's pause)")
    parser.add_argument("--bone-guide", default=str(BIN), metavar="CMD",
                        help="command that starts bone-guide (e.g. another checkout's, to compare)")
    args = parser.parse_args()
    global PAUSE
    PAUSE = args.pause
    config = tempfile.mkdtemp()
    command = (f"env -u COLUMNS -u LINES BONE_GUIDE_CONFIG_DIR={config} "
               f"BONE_GUIDE_CACHE_DIR={config}/cache {args.bone_guide} --no-speech")
    tmux("new-session", "-d", "-s", "b", "-x", "100", "-y", "30", command)
    results: dict[str, list[float]] = {"tmux round trip (no key)": [], "next section (n / p)": [],
                                       "scroll (Down / Up)": [], "search (type a letter)": []}
    global WRITES
    tmux("set-option", "-g", "window-size", "manual")  # the control client must not resize it
    WRITES = Writes()
    try:
        wait_until(lambda t: "Press any key" in t)
        tmux("send-keys", "-t", "b", "x")
        wait_until(lambda t: "WARNING SIGNS" in t)
        for _ in range(50):  # the cost of measuring: send nothing, capture twice
            start = time.perf_counter()
            tmux("send-keys", "-t", "b", "")
            screen()
            results["tmux round trip (no key)"].append((time.perf_counter() - start) * 1000)
        tmux("send-keys", "-t", "b", "1")
        wait_until(lambda t: "Section 1 of" in t)
        sections = int(wait_until(lambda t: " of " in t).split("Section 1 of ")[1].split()[0])
        at, step = 1, "n"
        for _ in range(args.presses):
            step = "p" if at == sections else "n" if at == 1 else step
            at += 1 if step == "n" else -1
            results["next section (n / p)"].append(
                press(step, lambda t, at=at: f"Section {at} of" in " ".join(t.split())))
        tmux("send-keys", "-t", "b", "Escape")  # alone: Escape then a key would read as Alt+key
        wait_until(lambda t: "WARNING SIGNS" in t)
        # The contents come back on the page of the section just read: Home for the first page.
        tmux("send-keys", "-t", "b", "Home")
        wait_until(lambda t: "1  What it is" in t.replace("▶", " "))
        tmux("send-keys", "-t", "b", "9")  # a long section to scroll in
        wait_until(lambda t: "Section 9 of" in t)
        settled()
        for i in range(args.presses):
            key = "Down" if (i // 10) % 2 == 0 else "Up"
            results["scroll (Down / Up)"].append(press(key))
        tmux("send-keys", "-t", "b", "/")
        wait_until(lambda t: "Search the guide" in t)
        settled()
        word = "calcium"
        for i in range(args.presses):
            letter = word[i % len(word)]
            if i % len(word) == 0 and i:
                for _ in word:
                    tmux("send-keys", "-t", "b", "BSpace")
                wait_until(lambda t: "Type at least 2 letters" in t)
            typed = word[: i % len(word) + 1]
            results["search (type a letter)"].append(
                press(letter, lambda t, typed=typed: f"║  {typed} " in t and "Type at least" not in t
                      if len(typed) > 1 else f"║  {typed} " in t))
    finally:
        WRITES.close()
        tmux("kill-server")
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / SOCKET).unlink(missing_ok=True)  # tmux may leave the socket file behind
    print(f"{'action':<28}{'presses':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}   target p95 < 50 ms")
    for name, values in results.items():
        p95 = pct(values, 95)
        verdict = "" if name.startswith("tmux") else ("ok" if p95 < 50 else "SLOW")
        print(f"{name:<28}{len(values):>8}{statistics.median(values):>11.1f}{p95:>9.1f}"
              f"{max(values):>9.1f}   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
