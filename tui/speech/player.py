"""Play one WAV file with an external player we can kill at once and pause with signals."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import threading
import wave

PLAYER_ENV = "BONE_GUIDE_PLAYER"
CANDIDATES = (["aplay", "-q"], ["paplay"], ["pw-play"])
# With a sound server running, paplay talks to it directly; aplay goes through ALSA's pulse plugin,
# which took ~50 ms longer to the first sample at a PulseAudio null sink (scripts/bench_speech.py).
SERVER_FIRST = (["paplay"], ["pw-play"], ["aplay", "-q"])


def sound_server_running() -> bool:
    """A PulseAudio (or PipeWire's pulse) socket is there: cheap, no process started."""
    server = os.environ.get("PULSE_SERVER", "")
    if server:
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(runtime) and os.path.exists(os.path.join(runtime, "pulse", "native"))


def player_command(explicit: str | None = None) -> list[str] | None:
    """The env var wins (per run), then the configured player, then the first one on PATH
    (the sound server's own player first when one runs, else plain ALSA)."""
    for line in (os.environ.get(PLAYER_ENV), explicit):
        if line and line.strip():
            return shlex.split(line)
    for argv in SERVER_FIRST if sound_server_running() else CANDIDATES:
        if shutil.which(argv[0]):
            return list(argv)
    return None


class Playback:
    """One running player. Own session, so killpg reaches anything it spawned (shell scripts)."""

    def __init__(self, command: list[str], wav: str, log_path: str | None = None,
                 proc: subprocess.Popen | None = None) -> None:
        """Start `command wav`, or (proc given) take a player already running (WarmPlayer)."""
        self.killed = False
        if proc is not None:
            self.proc = proc
            return
        err = open(log_path, "ab") if log_path else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(command + [wav], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=err,
                                         start_new_session=True, close_fds=True)
        finally:
            if log_path:
                err.close()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _signal(self, sig) -> None:
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def kill(self) -> None:
        """SIGKILL works on a SIGSTOPped player too; reaping is left to whoever waits."""
        self.killed = True
        self._signal(signal.SIGKILL)

    def abort(self) -> None:
        """Kill a hung player; unlike kill() this counts as the player failing."""
        self._signal(signal.SIGKILL)

    def pause(self) -> None:
        self._signal(signal.SIGSTOP)

    def resume(self) -> None:
        self._signal(signal.SIGCONT)

    def wait(self, timeout: float | None = None) -> int | None:
        """The exit code; None when still running after `timeout` seconds."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None


def wav_seconds(path: str) -> float:
    """How long a WAV plays; 0 when it cannot be read."""
    try:
        with wave.open(path) as w:
            return w.getnframes() / float(w.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


# The format espeak-ng renders in; a WAV in another one is played the ordinary way.
WARM_FORMAT = (1, 2, 22050)  # channels, bytes a sample, rate


class WarmPlayer:
    """Keeps one player started, connected to the sound server and waiting for audio on its
    stdin, so a sentence starts without a player's start-up (~15 ms of the ~35 ms from starting
    paplay to the first sample at a PulseAudio sink; scripts/bench_speech.py). Used only for
    the player chosen automatically when PulseAudio (or PipeWire's pulse) runs: pacat, the
    program paplay is, in raw mode. Killing it still silences at once (its stream goes with it).

    Not thread-safe: one caller (the pyttsx3 backend's controller thread)."""

    LATENCY_MS = 100  # of buffer: low enough to start at once, high enough not to starve when busy
    FIRST_WRITE = 32768  # bytes handed over at once (~0.7 s of audio; a pipe holds 64 KiB)

    def __init__(self, log_path: str | None = None) -> None:
        self._log_path = log_path
        self._spare: subprocess.Popen | None = None
        self._loaded: dict[str, bytes] = {}  # frames read ahead (load), by WAV path

    @staticmethod
    def usable(command: list[str] | None) -> bool:
        return command == ["paplay"] and shutil.which("pacat") is not None

    def _start_spare(self) -> None:
        channels, width, rate = WARM_FORMAT
        err = open(self._log_path, "ab") if self._log_path else subprocess.DEVNULL
        try:
            self._spare = subprocess.Popen(
                ["pacat", "--playback", "--raw", f"--rate={rate}", f"--channels={channels}",
                 f"--format=s{8 * width}le", f"--latency-msec={self.LATENCY_MS}",
                 "--stream-name=bone-guide"],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err,
                start_new_session=True, close_fds=True)
        except OSError:
            self._spare = None
        finally:
            if self._log_path:
                err.close()

    @property
    def spare_pid(self) -> int | None:
        spare = self._spare
        return spare.pid if spare is not None and spare.poll() is None else None

    def warm_up(self) -> None:
        """Have a spare ready (a no-op when one is)."""
        if self._spare is None or self._spare.poll() is not None:
            self._reap()
            self._start_spare()

    @staticmethod
    def _frames(wav: str) -> bytes | None:
        """The audio of `wav` as the spare takes it; None when it is in another format."""
        try:
            with wave.open(wav) as w:
                if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != WARM_FORMAT:
                    return None
                return w.readframes(w.getnframes())
        except (OSError, EOFError, wave.Error):
            return None

    def load(self, wav: str) -> None:
        """Read `wav` now, for a play() that must start at once (the warning signs): as the
        first screen is drawn, every file read on the way to the first sample was a wait for
        the app's busy thread to let this one run. (The one call that may come from another
        thread: it only adds to a dict.)"""
        frames = self._frames(wav)
        if frames is not None:
            self._loaded[wav] = frames

    def play(self, wav: str) -> Playback | None:
        """Play `wav` on the spare; None when it cannot go that way (another format, no spare,
        a spare that died): play it the ordinary way. Call warm_up() afterwards, out of any
        lock: starting the next spare takes a few milliseconds."""
        spare = self._spare
        if spare is None or spare.poll() is not None:
            return None
        frames = self._loaded.get(wav)
        if frames is None:
            frames = self._frames(wav)
            if frames is None:
                return None
        self._spare = None
        # What the pipe takes at once goes in now, so the sound does not wait for a thread to
        # start (never blocking: the caller holds the speaker's lock); a thread feeds the rest.
        written = _write_now(spare, frames[:self.FIRST_WRITE])
        threading.Thread(target=_feed, args=(spare, frames[written:]), name="warm-player-feed",
                         daemon=True).start()
        return Playback([], wav, proc=spare)

    def _reap(self) -> None:
        if self._spare is not None:
            try:
                os.killpg(self._spare.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._spare.wait()
            self._spare = None

    def close(self) -> None:
        self._reap()


def _write_now(proc: subprocess.Popen, frames: bytes) -> int:
    """Write what the player's input pipe takes without waiting; the bytes written."""
    try:
        fd = proc.stdin.fileno()
        os.set_blocking(fd, False)
        try:
            return os.write(fd, frames)
        finally:
            os.set_blocking(fd, True)
    except (OSError, ValueError):  # full (BlockingIOError), or the player is gone: _feed says
        return 0


def _feed(proc: subprocess.Popen, frames: bytes) -> None:
    """Hand the (rest of the) audio to a warm player and close its input, so it plays it,
    drains and exits. A player killed meanwhile (stop, pause) just ends the write."""
    try:
        if frames:
            proc.stdin.write(frames)
    except (OSError, ValueError):
        pass
    try:
        proc.stdin.close()
    except (OSError, ValueError):
        pass
