#!/usr/bin/env python3
"""Soak test of kiosk mode in a real terminal: bursts of random keys, real idle resets, resizes.

Runs the real `bone-guide --kiosk` command in a tmux terminal of its own and never waits for
it: it types bursts of several keys in one write (the numeric keypad with NumLock on and
off, Enter, and now and then Ctrl+C, Escape, letters and other keys), as fast as a restless
hand, pauses now and then long enough for the real idle countdown and reset to run (the
config's idle_timeout is short), and resizes the terminal now and then (sometimes below the
smallest size the app can use).

Fails (exit 1) when the kiosk process ends, when anything is written to its error log
(kiosk-errors.log in BONE_GUIDE_LOG_DIR), when an idle reset does not bring back the start
screen, or when resident memory grows by 10 MB or more between the first idle reset after the
first 10% of keys (at most 10,000) and the last one (judged on runs of 20,000 keys or more).

`--reader` drives the home reader (`bone-guide`, no kiosk) the same way, without its quit
keys and without idle resets: it must still be running at the end.

Usage: .venv/bin/python scripts/soak.py [--keys 100000] [--seed 1] [--idle 5] [--reader]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 10.0
JUDGE_FROM = 20_000  # shorter runs end while Textual's and the guide's caches still fill
EXIT_KEYS = ["F12", "F11", "F10", "F9"]  # never typed by the soak (no F-keys in its pools)

# tmux key names. The keypad with NumLock on sends its digits and signs; with NumLock off the
# same keys send Insert, End, Down, PageDown, Left, Right, Home, Up, PageUp and Delete.
KEYPAD = list("0123456789") + [".", "+", "-", "*", "/", "Enter"]
NUMLOCK_OFF = ["IC", "End", "Down", "NPage", "Left", "Right", "Home", "Up", "PPage", "DC"]
OTHER = ["C-c", "C-z", "C-\\", "C-d", "C-q", "Escape", "Tab", "BSpace", "Space",
         "q", "a", "g", "r", "s", "t", "o", "n", "p", "w", "!", "?", "x", "Q", "M-x"]
READER_QUIT = {"q", "Q", "C-c", "C-q", "C-z", "C-\\"}  # the reader's own ways out, not tested here


class Terminal:
    """A tmux server of our own (-L) with one pane running the command."""

    def __init__(self, command: str, width: int, height: int) -> None:
        self.name = f"soak-{uuid.uuid4().hex[:8]}"
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                  command, check=True)

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.name, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check)

    def send(self, keys: list[str]) -> None:
        """All the keys in one tmux command: they reach the app together, as one burst."""
        self.tmux("send-keys", "-t", self.name, *keys)

    def capture(self) -> str:
        return " ".join(self.tmux("capture-pane", "-p", "-t", self.name).stdout.split())

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def close(self) -> None:
        socket = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        self.tmux("kill-server")
        if Path(socket).name == self.name:  # tmux leaves the socket file behind
            Path(socket).unlink(missing_ok=True)


def rss_mb(pid: int) -> float | None:
    """Resident memory of the process now (not its peak), in MB; None once it has ended."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def cpu_share(pid: int, seconds: float = 5.0) -> float:
    """How busy the process is: CPU time used over `seconds`, as a share of one core."""
    def used() -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0
    before = used()
    time.sleep(seconds)
    return (used() - before) / seconds


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def bone_guide() -> str:
    here = Path(sys.executable).parent / "bone-guide"
    return str(here if here.exists() else shutil.which("bone-guide") or "bone-guide")


class Soak:
    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args = args
        self.rng = random.Random(args.seed)
        self.folder = folder
        self.log = folder / "log" / "kiosk-errors.log"
        self.pid_file = folder / "pid"
        self.sent = 0
        self.resets = 0
        self.resizes = 0
        self.keep_readings = 0
        self.rss_checkpoint: float | None = None
        self.checkpoint_keys = 0
        self.rss_end: float | None = None
        self.failure: str | None = None
        pool = KEYPAD * 4 + NUMLOCK_OFF * 2 + ["Enter"] * 2
        if args.reader:
            pool = [k for k in pool + KEYPAD + NUMLOCK_OFF + OTHER if k not in READER_QUIT]
        self.pool = pool
        self.other = [k for k in OTHER if not (args.reader and k in READER_QUIT)]

    # -- the terminal and the process --
    def start(self) -> None:
        config = self.folder / "kiosk.yaml"
        exits = ", ".join(k.lower() for k in EXIT_KEYS)
        config.write_text(f"speech: false\nidle_timeout: {self.args.idle}\nidle_warning: 3\n"
                          f"key_profile: {self.args.profile}\nexit_keys: [{exits}]\n")
        env = (f"TERM=xterm-256color BONE_GUIDE_LOG_DIR={self.folder / 'log'} "
               f"BONE_GUIDE_CONFIG_DIR={self.folder / 'config'} PYTHONDONTWRITEBYTECODE=1")
        what = "--no-speech" if self.args.reader else f"--kiosk --no-speech --config {config}"
        # The pane keeps showing how the command ended, for a minute, for the report.
        command = (f"sh -c 'echo $$ > {self.pid_file}; exec env {env} {bone_guide()} {what}'; "
                   "echo SOAK-ENDED $?; sleep 60")
        self.term = Terminal(command, *self.args.size)
        self.pid = self.wait_for_pid()
        self.wait_for_screen("Press any key" if not self.args.reader else "Press any key to continue")

    def wait_for_pid(self) -> int:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                return int(self.pid_file.read_text())
            except (OSError, ValueError):
                time.sleep(0.05)
        raise SystemExit("soak: the command did not start")

    def wait_for_screen(self, text: str, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.term.capture():
                return True
            time.sleep(0.2)
        return False

    def errors(self) -> int:
        if not self.log.exists():
            return 0
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return sum(1 for line in lines if line[:1].isdigit())  # one timestamp each

    def check(self) -> bool:
        """Cheap enough to run after every burst: the process is there, the log is not."""
        if not alive(self.pid):
            self.failure = "the process ended: " + self.term.capture()[-300:]
        elif self.log.exists():
            self.failure = f"errors logged in {self.log}"
        return self.failure is None

    # -- what the hand does --
    def burst(self) -> None:
        size = self.rng.choice([1, 2, 3, 3, 4, 5, 6, 8, 12])
        keys = [self.rng.choice(self.pool) for _ in range(size)]
        if self.rng.random() < 0.04:  # now and then, a key no keypad has
            keys[self.rng.randrange(size)] = self.rng.choice(self.other)
        self.term.send(keys)
        self.sent += size

    def idle_reset(self) -> bool:
        """Let the real idle countdown run out; the start screen must come back."""
        self.term.resize(*self.args.size)  # a too-small terminal would hide the start screen
        time.sleep(self.args.idle + 3 + 2)  # idle_timeout, the 3 s notice, then the reset
        # On a busy machine the app may still be working through the keys typed last: the
        # idle time starts from the last key it handled, so allow it to catch up.
        if not self.wait_for_screen("Press any key to start", timeout=180):
            self.failure = (f"no start screen after the idle time (the app used {cpu_share(self.pid):.0%} "
                            "of a core over 5 s: still working, or waiting); on screen: "
                            + self.term.capture()[-300:])
            return False
        time.sleep(1.5)  # the reset hands the last patient's memory back 1 s after
        self.resets += 1
        return True

    def keep_reading(self) -> None:
        """Wait for "Are you still there?", then press a key: the patient keeps their place."""
        self.term.resize(*self.args.size)
        time.sleep(self.args.idle + 0.8)
        self.term.send([self.rng.choice(self.pool)])
        self.sent += 1
        self.keep_readings += 1

    def resize(self) -> None:
        width, height = self.args.size
        if self.rng.random() < 0.2:
            width, height = self.rng.randint(20, 45), self.rng.randint(6, 14)  # maybe too small
        else:
            width, height = self.rng.randint(60, 160), self.rng.randint(18, 50)
        self.term.resize(width, height)
        self.resizes += 1

    def run(self) -> None:
        args = self.args
        checkpoint = min(10_000, max(1, args.keys // 10))
        next_reset = args.reset_every
        started = time.monotonic()
        last_print = 0
        while self.sent < args.keys:
            self.burst()
            if not self.check():
                return
            time.sleep(self.rng.choice([0.0, 0.02, 0.05, 0.1, 0.15, 0.25]) * args.pace)
            roll = self.rng.random()
            if roll < 0.01 or (self.resizes == 0 and self.sent >= args.keys // 3):
                self.resize()  # at least once in a run
            elif roll < 0.012 and not args.reader:
                self.keep_reading()
            if not args.reader and self.sent >= next_reset:
                next_reset += args.reset_every
                if not (self.check() and self.idle_reset()):
                    return
                if self.rss_checkpoint is None and self.sent >= checkpoint:
                    self.rss_checkpoint, self.checkpoint_keys = rss_mb(self.pid), self.sent
            if self.sent - last_print >= args.print_every:
                last_print = self.sent
                if not self.check():
                    return
                rss = rss_mb(self.pid) or 0.0
                print(f"  {self.sent:>7} keys  {time.monotonic() - started:7.1f} s  rss {rss:6.1f} MB  "
                      f"idle resets {self.resets}  resizes {self.resizes}", flush=True)
        self.seconds = time.monotonic() - started
        if not self.check():
            return
        if args.reader:
            self.term.resize(*args.size)
            time.sleep(2)
            self.check()
            self.rss_end = rss_mb(self.pid)
            return
        if self.idle_reset():
            self.rss_end = rss_mb(self.pid)
            self.check()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=100_000, help="keys to type (default 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--idle", type=int, default=5, help="the kiosk's idle_timeout (default 5 s)")
    parser.add_argument("--reset-every", type=int, default=3000, metavar="N",
                        help="stop typing for an idle reset after about every N keys (default 3000)")
    parser.add_argument("--profile", choices=("numeric", "standard"), default="numeric")
    parser.add_argument("--pace", type=float, default=1.0,
                        help="scale the pauses between bursts (default 1: about 40 keys a second)")
    parser.add_argument("--reader", action="store_true", help="the home reader instead of the kiosk")
    parser.add_argument("--print-every", type=int, default=5000, metavar="N")
    args = parser.parse_args(argv)
    args.size = (100, 30)
    if shutil.which("tmux") is None:
        print("soak: needs tmux", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="bone-guide-soak-") as folder:
        soak = Soak(args, Path(folder))
        soak.start()
        try:
            soak.run()
            time.sleep(0.5)  # the last error report, if any, is written in full
            log = soak.log.read_text(encoding="utf-8", errors="replace") if soak.log.exists() else ""
            errors = soak.errors()
        finally:
            if soak.failure and os.environ.get("SOAK_KEEP"):  # leave the terminal to look at
                print(f"kept: tmux -L {soak.term.name} attach; pid {soak.pid}; folder {folder}")
                input("press Enter to end ")
            soak.term.close()

    what = "reader" if args.reader else f"kiosk ({args.profile} keys, idle_timeout {args.idle} s)"
    print(f"program             {what}")
    print(f"keys typed          {soak.sent} in bursts (seed {args.seed})")
    if not args.reader:
        print(f"real idle resets    {soak.resets}  (and {soak.keep_readings} 'still there?' answered)")
    print(f"resizes             {soak.resizes}")
    if hasattr(soak, "seconds"):
        print(f"time typing         {soak.seconds:.0f} s ({soak.sent / soak.seconds:.0f} keys/s, pauses included)")
    print(f"errors logged       {errors}")
    growth = None
    if soak.rss_checkpoint is not None and soak.rss_end is not None:
        growth = soak.rss_end - soak.rss_checkpoint
        print(f"rss after {soak.checkpoint_keys:>6} keys {soak.rss_checkpoint:.1f} MB")
        print(f"rss at the end      {soak.rss_end:.1f} MB")
        print(f"growth              {growth:+.1f} MB (limit {LIMIT_MB:.0f} MB)")
    elif soak.rss_end is not None:
        print(f"rss at the end      {soak.rss_end:.1f} MB")
    judged = soak.sent >= JUDGE_FROM and not args.reader
    if not judged:
        print(f"                    (memory not judged: use --keys {JUDGE_FROM} or more)")
    if soak.failure:
        print(f"FAILED: {soak.failure}")
        if log:
            print(log[-3000:])
        print("FAIL")
        return 1
    ok = growth is None or growth < LIMIT_MB or not judged
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
