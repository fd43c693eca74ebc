"""Play one WAV file with an external player we can kill at once and pause with signals."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
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

    def __init__(self, command: list[str], wav: str, log_path: str | None = None) -> None:
        err = open(log_path, "ab") if log_path else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(command + [wav], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=err,
                                         start_new_session=True, close_fds=True)
        finally:
            if log_path:
                err.close()
        self.killed = False

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
