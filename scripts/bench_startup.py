#!/usr/bin/env python3
"""How fast bone-guide starts (a benchmark, not a test).

1. Loading the bundled guide: parse + check, many repetitions, median and p95 in ms
   (target: well under 50 ms).
2. Launch to first painted screen, end to end: `bone-guide` against a bare Textual app that
   shows one label. Both are separate processes started the same way, in a private tmux server
   (`tmux -L ... new-session -d -x 100 -y 30 '<cmd>'`), and `tmux capture-pane -p` is polled
   until the expected text is on the screen. For bone-guide that is the guide's own text (its
   title, or the disclaimer that is shown first), for the bare app its label. The runs
   alternate between the two so that machine noise hits both alike; one warm-up of each is
   not counted (it also fills bone-guide's cache folder, as any earlier start would have;
   --cold-runs N also times N starts with an empty cache folder each). The package is
   byte-compiled first, as an install does.
3. Resident memory (VmRSS from /proc, Linux): bone-guide and the bare app once their first screen
   is up (plus a second to settle), and bone-guide again after every section was opened once.
4. The warning signs right after start: bone-guide with its own pyttsx3 engine and a stand-in
   audio player (tests/fake_player.py, which logs when it starts) is launched; as soon as its
   first screen is on the pane, `0` is sent; the time until the player starts on the warning
   signs is "0 -> speech". Skipped without espeak-ng/pyttsx3 (--speech-runs 0 skips it too).

Usage: .venv/bin/python scripts/bench_startup.py [--runs 10] [--loads 200] [--args "--no-speech"]
                                                 [--cold-runs 0] [--speech-runs 5] [--bone-guide CMD]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.load import bundled_guide_path, load_guide  # noqa: E402

BARE_LABEL = "Bare Textual app ready"
BARE_APP = f'''
from textual.app import App
from textual.widgets import Label


class Bare(App):
    def compose(self):
        yield Label("{BARE_LABEL}")


Bare().run()
'''


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_load(repetitions: int) -> list[float]:
    path = bundled_guide_path()
    load_guide(path)  # warm the imports and the file cache
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        load_guide(path)
        times.append((time.perf_counter() - start) * 1000)
    return times


def flat(text: str) -> str:
    return " ".join(text.split())


class Tmux:
    """A private tmux server, so nothing here touches anyone else's sessions."""

    def __init__(self) -> None:
        self.socket = f"bone-guide-bench-{os.getpid()}"
        self.count = 0
        # An idle session that outlives every timed one: a tmux server exits with its last
        # session, and a new-session sent while it is exiting fails.
        self.run("new-session", "-d", "-s", "keep", "sleep 3600", check=True)

    def run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=check, timeout=10)

    def time_to_text(self, command: str, wanted: list[str], timeout: float) -> float:
        """Seconds from launching `command` until one of `wanted` is on the screen."""
        name, seconds = self.start(command, wanted, timeout)
        self.run("kill-session", "-t", name)
        return seconds

    def start(self, command: str, wanted: list[str], timeout: float) -> tuple[str, float]:
        """Launch `command` in a new session; return its name once one of `wanted` is shown,
        and the time that took. The caller kills the session (this does, if it fails)."""
        self.count += 1
        name = f"run{self.count}"
        wanted = [flat(w) for w in wanted]
        start = time.perf_counter()
        self.run("new-session", "-d", "-s", name, "-x", "100", "-y", "30",
                 f"{command}; sleep 60", check=True)
        screen = ""
        try:
            while time.perf_counter() - start < timeout:
                screen = flat(self.run("capture-pane", "-p", "-t", name).stdout)
                if any(w in screen for w in wanted):
                    return name, time.perf_counter() - start
                time.sleep(0.005)
            raise TimeoutError(f"{wanted[0]!r} did not appear within {timeout:.0f} s; "
                               f"the screen showed: {screen[:300]!r}")
        except BaseException:
            self.run("kill-session", "-t", name)
            raise

    def wait_for(self, name: str, wanted: str, timeout: float = 10) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if flat(wanted) in flat(self.run("capture-pane", "-p", "-t", name).stdout):
                return
            time.sleep(0.01)
        raise TimeoutError(f"{wanted!r} did not appear within {timeout:.0f} s")

    def app_pid(self, name: str) -> int:
        """The Python process in the pane: the shell's child (`cd ... && env ... python`)."""
        shell = int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").stdout)
        for _ in range(200):
            children = [int(c) for task in Path(f"/proc/{shell}/task").iterdir()
                        for c in (task / "children").read_text().split()]
            for pid in children:  # `env` has replaced itself with the app by now
                if b"python" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0] or \
                        b"bone-guide" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return pid
            time.sleep(0.01)
        raise RuntimeError("no app process in the pane")

    def close(self) -> None:
        self.run("kill-server")
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)  # tmux may leave the socket file behind


def bench_startup(runs: int, extra_args: str, timeout: float, cold: bool = False
                  ) -> tuple[list[float], list[float]]:
    """ms to the first screen, bone-guide and bare alternating. `cold`: every bone-guide launch
    gets an empty cache folder (the first start after installing, or after the guide changed);
    otherwise the warm-up launch fills it, as any earlier start would have."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        commands = launch_commands(tmp, extra_args)
        tmux = Tmux()
        results: dict[str, list[float]] = {name: [] for name in commands}
        try:
            for name, (command, wanted) in commands.items():  # warm-up, not counted
                tmux.time_to_text(command, wanted, timeout)
            for i in range(runs):
                order = list(commands) if i % 2 == 0 else list(reversed(commands))
                for name in order:
                    command, wanted = commands[name]
                    if cold and name == "bone-guide":
                        command = command.replace(f"{tmp}/cache", f"{tmp}/cache-{i}")
                    results[name].append(tmux.time_to_text(command, wanted, timeout) * 1000)
        finally:
            tmux.close()
    return results["bone-guide"], results["bare"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


BONE_GUIDE_COMMAND = ""  # --bone-guide: another checkout's, to compare


def launch_commands(tmp: str, extra_args: str) -> dict[str, tuple[str, list[str]]]:
    guide = load_guide(bundled_guide_path())
    guide_words = [guide.title, " ".join(guide.disclaimer.split()[:6])]
    bone_guide = Path(sys.executable).parent / "bone-guide"
    bone_cmd = shlex.quote(str(bone_guide)) if bone_guide.exists() else \
        f"{shlex.quote(sys.executable)} -m tui"
    bone_cmd = BONE_GUIDE_COMMAND or bone_cmd
    bare_path = Path(tmp) / "bare_app.py"
    bare_path.write_text(BARE_APP, encoding="utf-8")
    env = (f"env TERM=xterm-256color PYTHONDONTWRITEBYTECODE=1 "
           f"BONE_GUIDE_CONFIG_DIR={shlex.quote(str(Path(tmp) / 'config'))} "
           f"BONE_GUIDE_CACHE_DIR={shlex.quote(str(Path(tmp) / 'cache'))}")
    return {
        "bone-guide": (f"cd {shlex.quote(tmp)} && {env} {bone_cmd} {extra_args}", guide_words),
        "bare": (f"cd {shlex.quote(tmp)} && {env} {shlex.quote(sys.executable)} "
                 f"{shlex.quote(str(bare_path))}", [BARE_LABEL]),
    }


def bench_memory(extra_args: str, timeout: float) -> dict[str, float]:
    """RSS in MB: each app after start, bone-guide after opening every section once."""
    sections = load_guide(bundled_guide_path()).sections
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        tmux = Tmux()
        try:
            for name, (command, wanted) in launch_commands(tmp, extra_args).items():
                session, _ = tmux.start(command, wanted, timeout)
                time.sleep(1.0)  # let deferred start-up work (speech) finish
                pid = tmux.app_pid(session)
                out[f"{name} after start"] = rss_mb(pid)
                if name == "bone-guide":
                    tmux.run("send-keys", "-t", session, "x")  # past the disclaimer
                    tmux.wait_for(session, "WARNING SIGNS")
                    tmux.run("send-keys", "-t", session, "1")
                    tmux.wait_for(session, f"Section 1 of {len(sections)}")
                    for n in range(2, len(sections) + 1):
                        tmux.run("send-keys", "-t", session, "n")
                        tmux.wait_for(session, f"Section {n} of {len(sections)}")
                    time.sleep(0.5)
                    out[f"{name} after every section"] = rss_mb(pid)
                tmux.run("kill-session", "-t", session)
        finally:
            tmux.close()
    return out


# A stand-in audio player that starts as quickly as aplay does (Python's own start-up, ~30 ms
# here, would be counted otherwise): logs when it starts on which audio (the text beside the
# WAV), then lasts about as long as a sentence.
FAST_PLAYER = r"""#!/bin/bash
wav="${@: -1}"
IFS= read -r -d '' label < "${wav%.wav}.txt"
echo "$EPOCHREALTIME START $wav ${label//$'\n'/ }" >> "$FAKE_PLAYER_LOG"
exec sleep 1
"""


def wait_for_cached_speech(folder: Path, timeout: float) -> None:
    """Until the running app has kept the warning signs' audio (no new WAV for a second)."""
    deadline, count, since = time.perf_counter() + timeout, -1, time.perf_counter()
    while time.perf_counter() < deadline:
        now = len(list(folder.glob("speech-*.wav")))
        if now != count:
            count, since = now, time.perf_counter()
        elif count and (folder / "speech-engine.txt").exists() and time.perf_counter() - since > 1:
            return
        time.sleep(0.05)


def bench_red_flags_first(runs: int, timeout: float, cold: bool = False) -> list[float]:
    """ms from sending 0 (as soon as the first screen shows) to the player starting on the
    warning signs. The warm-up launch fills the cache folder (the warning signs' audio), as any
    earlier start would have; `cold`: every launch has an empty one (the first start ever)."""
    heading = load_guide(bundled_guide_path()).red_flags.heading
    times = []
    with tempfile.TemporaryDirectory(prefix="bench-red-flags-") as tmp:
        player = Path(tmp) / "player"
        player.write_text(FAST_PLAYER)
        player.chmod(0o755)
        tmux = Tmux()
        try:
            for run in range(runs + 1):  # the first is a warm-up
                log = Path(tmp) / f"player-{run}.log"
                command, wanted = launch_commands(tmp, "--speech pyttsx3")["bone-guide"]
                if cold:
                    command = command.replace(f"{tmp}/cache", f"{tmp}/cache-{run}")
                command = command.replace(
                    "env ", f"env FAKE_PLAYER_LOG={shlex.quote(str(log))} "
                            f"BONE_GUIDE_PLAYER={shlex.quote(str(player))} ", 1)
                session, _ = tmux.start(command, wanted, timeout)
                sent = time.time()
                tmux.run("send-keys", "-t", session, "0")
                deadline = time.perf_counter() + timeout
                started = None
                while started is None and time.perf_counter() < deadline:
                    for line in (log.read_text().splitlines() if log.exists() else []):
                        stamp, _, rest = line.partition(" ")
                        if rest.startswith("START") and heading.split()[0] in rest:
                            started = float(stamp)
                            break
                    time.sleep(0.002)
                if run == 0 and not cold:
                    wait_for_cached_speech(Path(tmp) / "cache", timeout)
                tmux.run("kill-session", "-t", session)
                if started is None:
                    raise TimeoutError("the warning signs were not spoken")
                if run:
                    times.append((started - sent) * 1000)
        finally:
            tmux.close()
    return times


def report(ours: list[float], bare: list[float], args: str) -> None:
    m_ours, m_bare = statistics.median(ours), statistics.median(bare)
    print(f"  bone-guide {args:<12} median {m_ours:6.0f} ms  p95 {pct(ours, 95):6.0f} ms  "
          f"min {min(ours):6.0f} ms")
    print(f"  bare Textual app         median {m_bare:6.0f} ms  p95 {pct(bare, 95):6.0f} ms  "
          f"min {min(bare):6.0f} ms")
    # Each bone-guide launch is next to a bare one: the median of those pairs' ratios is less
    # moved by the machine's load changing during the run than the ratio of the medians.
    paired = statistics.median(o / b for o, b in zip(ours, bare))
    print(f"  ratio bone-guide / bare: {m_ours / m_bare:.2f}x "
          f"(+{m_ours - m_bare:.0f} ms over Textual's own start-up); "
          f"median of the {len(ours)} side-by-side pairs' ratios: {paired:.2f}x")


def compile_bytecode() -> None:
    """Byte-compile the package, as an install does (pip, and scripts/run's first setup), so a
    launch reads .pyc files as Textual's own modules are read. Without this, with
    PYTHONDONTWRITEBYTECODE set (as the launches below set it, to leave the tree clean), every
    launch of bone-guide compiled its ~50 modules from source and the bare app compiled none."""
    import compileall
    package = Path(__file__).resolve().parent.parent / "tui"
    compileall.compile_dir(str(package), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="launches of each app (default 10)")
    parser.add_argument("--loads", type=int, default=200, help="guide loads to time (default 200)")
    parser.add_argument("--args", default="--no-speech",
                        help="arguments for bone-guide (default: --no-speech)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for one screen")
    parser.add_argument("--bone-guide", default="", metavar="CMD",
                        help="command that starts bone-guide (default: this checkout's)")
    parser.add_argument("--cold-runs", type=int, default=0,
                        help="launches with an empty cache folder each (default 0: skipped)")
    parser.add_argument("--speech-runs", type=int, default=5,
                        help="launches for the 0 -> speech figure (default 5; 0 skips it)")
    opts = parser.parse_args()
    global BONE_GUIDE_COMMAND
    BONE_GUIDE_COMMAND = opts.bone_guide

    compile_bytecode()
    loads = bench_load(opts.loads)
    verdict = "OK" if statistics.median(loads) < 50 else "SLOW (target < 50 ms)"
    print(f"Load bundled guide ({opts.loads}x): median {statistics.median(loads):.1f} ms, "
          f"p95 {pct(loads, 95):.1f} ms, max {max(loads):.1f} ms  {verdict}")

    if shutil.which("tmux") is None:
        print("Startup: skipped (tmux is not installed)")
        return 0
    for cold, runs in [(False, opts.runs)] + [(True, opts.cold_runs)] * bool(opts.cold_runs):
        try:
            ours, bare = bench_startup(runs, opts.args, opts.timeout, cold)
        except (TimeoutError, subprocess.SubprocessError) as exc:
            print(f"Startup{' (empty cache)' if cold else ''}: failed: {exc}", file=sys.stderr)
            return 1
        print(f"First start with an empty cache folder (after installing, or after the guide "
              f"changed), {runs} runs each:" if cold else
              f"Launch to first screen, {runs} runs each, tmux 100x30 "
              f"(load average {os.getloadavg()[0]:.1f} at the end):")
        report(ours, bare, opts.args)
    if Path("/proc/self/status").exists():
        print("Resident memory (VmRSS):")
        for what, mb in bench_memory(opts.args, opts.timeout).items():
            print(f"  {what:<34} {mb:6.1f} MB")
    from tui.speech import engine_present
    if opts.speech_runs and engine_present():
        print("0 as the first key, sent as the first screen shows -> the player starts on the "
              "warning signs (pyttsx3, a stand-in player as quick to start as aplay):")
        for cold, what in ((False, "audio cached by an earlier start"),
                           (True, "first start ever (empty cache folder)")):
            flags = bench_red_flags_first(opts.speech_runs, opts.timeout, cold)
            print(f"  {what:<38} ({opts.speech_runs} runs): median "
                  f"{statistics.median(flags):4.0f} ms, max {max(flags):4.0f} ms  "
                  f"{'OK' if statistics.median(flags) < 50 else 'SLOW (target < 50 ms)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
