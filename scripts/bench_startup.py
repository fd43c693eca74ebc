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
   With --sink, the time until the warning signs (their tone) are heard instead (see below).

--sink runs every launch against a private PulseAudio with a null sink (as scripts/bench_speech.py
does: nothing is heard, the user's own sound is untouched), as on a desktop: bone-guide's own
player is then the sound server's (a pacat kept started ahead), and "0 -> first audio" is timed
where it is heard, at the sink's monitor (parec, 5 ms blocks), from just before `0` is sent.
--compare CMD launches a second bone-guide (another checkout, e.g. the commit before a change)
alternately with this one and the bare app, each with its own cache folder, so that the machine's
load hits all alike; every figure is given for both.

Usage: .venv/bin/python scripts/bench_startup.py [--runs 10] [--loads 200] [--args "--no-speech"]
                                                 [--cold-runs 0] [--speech-runs 5] [--bone-guide CMD]
                                                 [--compare CMD] [--sink] [--skip memory,load]
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
        and the time that took. The caller kills the session."""
        self.count += 1
        name = f"run{self.count}"
        wanted = [flat(w) for w in wanted]
        start = time.perf_counter()
        self.run("new-session", "-d", "-s", name, "-x", "100", "-y", "30",
                 f"{command}; sleep 60", check=True)
        screen = ""
        while time.perf_counter() - start < timeout:
            screen = flat(self.run("capture-pane", "-p", "-t", name).stdout)
            if any(w in screen for w in wanted):
                return name, time.perf_counter() - start
            time.sleep(0.005)
        self.run("kill-session", "-t", name)
        raise TimeoutError(f"{wanted[0]!r} did not appear within {timeout:.0f} s; "
                           f"the screen showed: {screen[:300]!r}")

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
                  ) -> dict[str, list[float]]:
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
                    if cold and name != "bare":
                        command = command.replace(f"{tmp}/cache", f"{tmp}/cache-{i}")
                    results[name].append(tmux.time_to_text(command, wanted, timeout) * 1000)
        finally:
            tmux.close()
    return results


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


BONE_GUIDE_COMMAND = ""  # --bone-guide: another checkout's, instead of this one
OTHER_COMMAND = ""  # --compare: another checkout's, launched alternately with this one
LAUNCH_ENV = ""  # --sink: the private sound server's address, for every launch


def launch_commands(tmp: str, extra_args: str) -> dict[str, tuple[str, list[str]]]:
    guide = load_guide(bundled_guide_path())
    guide_words = [guide.title, " ".join(guide.disclaimer.split()[:6])]
    bone_guide = Path(sys.executable).parent / "bone-guide"
    bone_cmd = shlex.quote(str(bone_guide)) if bone_guide.exists() else \
        f"{shlex.quote(sys.executable)} -m tui"
    bone_cmd = BONE_GUIDE_COMMAND or bone_cmd
    bare_path = Path(tmp) / "bare_app.py"
    bare_path.write_text(BARE_APP, encoding="utf-8")
    def env(cache: str, config: str = "config") -> str:
        return (f"env TERM=xterm-256color PYTHONDONTWRITEBYTECODE=1 {LAUNCH_ENV} "
                f"BONE_GUIDE_CONFIG_DIR={shlex.quote(str(Path(tmp) / config))} "
                f"BONE_GUIDE_CACHE_DIR={shlex.quote(str(Path(tmp) / cache))}")
    commands = {
        "bone-guide": (f"cd {shlex.quote(tmp)} && {env('cache')} {bone_cmd} {extra_args}",
                       guide_words),
        "bare": (f"cd {shlex.quote(tmp)} && {env('cache')} {shlex.quote(sys.executable)} "
                 f"{shlex.quote(str(bare_path))}", [BARE_LABEL]),
    }
    if OTHER_COMMAND:
        commands["other"] = (f"cd {shlex.quote(tmp)} && {env('cache-other', 'config-other')} {OTHER_COMMAND} "
                             f"{extra_args}", guide_words)
    return commands


def bench_memory(extra_args: str, timeout: float) -> dict[str, float]:
    """RSS in MB: each app after start, bone-guide after opening every section once."""
    sections = load_guide(bundled_guide_path()).sections
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-memory-", ignore_cleanup_errors=True) as tmp:
        tmux = Tmux()
        try:
            for name, (command, wanted) in launch_commands(tmp, extra_args).items():
                session, _ = tmux.start(command, wanted, timeout)
                time.sleep(1.0)  # let deferred start-up work (speech) finish
                pid = tmux.app_pid(session)
                out[f"{name} after start"] = rss_mb(pid)
                if name != "bare":
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


def bench_red_flags_first(runs: int, timeout: float, cold: bool = False,
                          monitor=None) -> dict[str, list[float]]:
    """ms from sending 0 (as soon as the first screen shows) to the player starting on the
    warning signs (with `monitor`, a SinkMonitor: to their first audio at the sink), for
    bone-guide and, with --compare, the other one, alternately. The warm-up launch of each
    fills its cache folder (the warning signs' audio), as any earlier start would have; `cold`:
    every launch has an empty one (the first start ever)."""
    heading = load_guide(bundled_guide_path()).red_flags.heading
    with tempfile.TemporaryDirectory(prefix="bench-red-flags-") as tmp:
        player = Path(tmp) / "player"
        player.write_text(FAST_PLAYER)
        player.chmod(0o755)
        apps = {name: launch for name, launch in
                launch_commands(tmp, "--speech pyttsx3").items() if name != "bare"}
        times: dict[str, list[float]] = {name: [] for name in apps}
        tmux = Tmux()
        try:
            for run in range(runs + 1):  # the first is a warm-up
                order = list(apps) if run % 2 == 0 else list(reversed(apps))
                for name in order:
                    command, wanted = apps[name]
                    cache = f"{tmp}/cache" if name == "bone-guide" else f"{tmp}/cache-other"
                    if cold:
                        command = command.replace(cache, f"{cache}-{run}")
                    log = Path(tmp) / f"player-{name}-{run}.log"
                    if monitor is None:
                        command = command.replace(
                            "env ", f"env FAKE_PLAYER_LOG={shlex.quote(str(log))} "
                                    f"BONE_GUIDE_PLAYER={shlex.quote(str(player))} ", 1)
                    else:
                        monitor.wait_quiet()
                    session, _ = tmux.start(command, wanted, timeout)
                    sent, sent_clock = time.time(), time.perf_counter()
                    tmux.run("send-keys", "-t", session, "0")
                    if monitor is not None:
                        heard = monitor.first_audio(sent_clock, timeout)
                        started = None if heard is None else sent + heard / 1000
                    else:
                        started = _player_started(log, heading, timeout)
                    if run == 0 and not cold:
                        # Stopped, so the audio is kept now rather than after the whole reading
                        # (real speech lasts much longer than the stand-in player's second a line).
                        tmux.run("send-keys", "-t", session, "Escape")
                        wait_for_cached_speech(Path(cache), timeout)
                    tmux.run("kill-session", "-t", session)
                    if started is None:
                        raise TimeoutError(f"{name}: the warning signs were not spoken")
                    if run:
                        times[name].append((started - sent) * 1000)
        finally:
            tmux.close()
    return times


def _player_started(log: Path, heading: str, timeout: float) -> float | None:
    """When the stand-in player logged its start on the warning signs (epoch seconds)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for line in (log.read_text().splitlines() if log.exists() else []):
            stamp, _, rest = line.partition(" ")
            if rest.startswith("START") and heading.split()[0] in rest:
                return float(stamp)
        time.sleep(0.002)
    return None


LABELS = {"bone-guide": "bone-guide", "other": "compared (--compare)", "bare": "bare Textual app"}


def report(results: dict[str, list[float]], args: str) -> None:
    bare = results["bare"]
    for name in [n for n in results if n != "bare"] + ["bare"]:
        times = results[name]
        print(f"  {LABELS[name]:<22} {args if name != 'bare' else '':<18} median "
              f"{statistics.median(times):6.0f} ms  p95 {pct(times, 95):6.0f} ms  "
              f"min {min(times):6.0f} ms")
    for name in [n for n in results if n != "bare"]:
        ours = results[name]
        m_ours, m_bare = statistics.median(ours), statistics.median(bare)
        # Each launch is next to a bare one: the median of those pairs' ratios is less moved by
        # the machine's load changing during the run than the ratio of the medians.
        ratios = [o / b for o, b in zip(ours, bare)]
        print(f"  ratio {LABELS[name]} / bare: {m_ours / m_bare:.2f}x "
              f"(+{m_ours - m_bare:.0f} ms over Textual's own start-up); "
              f"{len(ours)} side-by-side pairs' ratios: median {statistics.median(ratios):.2f}x, "
              f"p95 {pct(ratios, 95):.2f}x")


def summary(times: list[float]) -> str:
    return (f"median {statistics.median(times):4.0f} ms, p95 {pct(times, 95):4.0f} ms, "
            f"max {max(times):4.0f} ms  "
            f"{'OK' if pct(times, 95) < 50 else 'SLOW (target p95 < 50 ms)'}")


class PulseOnly:
    """A private PulseAudio with a null sink (tests/speechd_daemon.py's, without the
    speech-dispatcher: bone-guide is to use its own engine) and a recorder on its monitor."""

    def __enter__(self):
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        from speechd_daemon import Daemons
        from bench_speech import SinkMonitor

        class Daemon(Daemons):
            def start_speechd(self) -> None:
                pass
        self.tmp = tempfile.TemporaryDirectory(prefix="bench-sink-", ignore_cleanup_errors=True)
        self.daemon = Daemon(Path(self.tmp.name)).__enter__()
        env = self.daemon.env
        self.launch_env = " ".join(f"{k}={shlex.quote(env[k])}"
                                   for k in ("XDG_RUNTIME_DIR", "PULSE_SERVER"))
        self.monitor = SinkMonitor(env)
        time.sleep(0.3)
        self.daemon.wake_sink()
        return self

    def __exit__(self, *exc) -> None:
        self.monitor.close()
        self.daemon.__exit__()
        self.tmp.cleanup()


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
    parser.add_argument("--compare", default="", metavar="CMD",
                        help="another bone-guide, launched alternately with this one")
    parser.add_argument("--sink", action="store_true",
                        help="launch against a private PulseAudio null sink; time 0 -> first audio")
    parser.add_argument("--skip", default="", metavar="PARTS",
                        help="comma-separated parts to leave out: load, startup, memory, speech, "
                             "first-start (the 0 figure with an empty cache folder)")
    parser.add_argument("--cold-runs", type=int, default=0,
                        help="launches with an empty cache folder each (default 0: skipped)")
    parser.add_argument("--speech-runs", type=int, default=5,
                        help="launches for the 0 -> speech figure (default 5; 0 skips it)")
    opts = parser.parse_args()
    skip = set(filter(None, opts.skip.split(",")))
    global BONE_GUIDE_COMMAND, OTHER_COMMAND, LAUNCH_ENV
    BONE_GUIDE_COMMAND, OTHER_COMMAND = opts.bone_guide, opts.compare

    compile_bytecode()
    if "load" not in skip:
        loads = bench_load(opts.loads)
        verdict = "OK" if statistics.median(loads) < 50 else "SLOW (target < 50 ms)"
        print(f"Load bundled guide ({opts.loads}x): median {statistics.median(loads):.1f} ms, "
              f"p95 {pct(loads, 95):.1f} ms, max {max(loads):.1f} ms  {verdict}")

    if shutil.which("tmux") is None:
        print("Startup: skipped (tmux is not installed)")
        return 0
    sink = None
    try:
        if opts.sink:
            sink = PulseOnly().__enter__()
            LAUNCH_ENV = sink.launch_env
            print("Every launch with a private PulseAudio null sink (bone-guide plays through it)")
        return run_benches(opts, skip, sink)
    finally:
        if sink is not None:
            sink.__exit__()


def run_benches(opts, skip: set[str], sink) -> int:
    launches = [(False, opts.runs)] * ("startup" not in skip) + [(True, opts.cold_runs)] * bool(opts.cold_runs)
    for cold, runs in launches:
        try:
            results = bench_startup(runs, opts.args, opts.timeout, cold=cold)
        except (TimeoutError, subprocess.SubprocessError) as exc:
            print(f"Startup{' (empty cache)' if cold else ''}: failed: {exc}", file=sys.stderr)
            return 1
        print(f"First start with an empty cache folder (after installing, or after the guide "
              f"changed), {runs} runs each:" if cold else
              f"Launch to first screen, {runs} runs each, tmux 100x30 "
              f"(load average {os.getloadavg()[0]:.1f} at the end):")
        report(results, opts.args)
    if "memory" not in skip and Path("/proc/self/status").exists():
        print("Resident memory (VmRSS):")
        for what, mb in bench_memory(opts.args, opts.timeout).items():
            print(f"  {what:<34} {mb:6.1f} MB")
    from tui.speech import engine_present
    if "speech" not in skip and opts.speech_runs and engine_present():
        if sink is None:
            print("0 as the first key, sent as the first screen shows -> the player starts on "
                  "the warning signs (pyttsx3, a stand-in player as quick to start as aplay):")
        else:
            print("0 as the first key, sent as the first screen shows -> the warning signs' "
                  "first audio at the null sink (pyttsx3, the sound server's own player):")
        for cold, what in ((False, "audio cached by an earlier start"),
                           (True, "first start ever (empty cache folder)")):
            if cold and "first-start" in skip:
                continue
            flags = bench_red_flags_first(opts.speech_runs, opts.timeout, cold,
                                          sink.monitor if sink else None)
            for name, times in flags.items():
                print(f"  {what:<38} {LABELS[name]:<22} ({opts.speech_runs} runs): "
                      f"{summary(times)}")
            print(f"    (load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
