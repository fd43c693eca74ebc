"""A real speech-dispatcher for tests: PulseAudio with a null sink and speech-dispatcher with the
espeak-ng module, both in a private XDG_RUNTIME_DIR, so no test touches the user's own speech
and nothing is heard. Debian packages: speech-dispatcher, speech-dispatcher-espeak-ng, pulseaudio
(CI installs them; .ci/run)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

SD_MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
SD_MODULE_CONF = Path("/etc/speech-dispatcher/modules/espeak-ng.conf")


def missing() -> str | None:
    """Why a real daemon cannot run here (None when it can)."""
    for tool in ("speech-dispatcher", "pulseaudio", "spd-say"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install speech-dispatcher " \
                   "speech-dispatcher-espeak-ng pulseaudio)"
    if not SD_MODULE.exists():
        return "speech-dispatcher-espeak-ng is not installed"
    return None


def _wait_for(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start within {timeout:.0f}s")


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        try:
            s.connect(str(path))
            return True
        except OSError:
            return False


class Daemons:
    """PulseAudio (null sink) + speech-dispatcher in `root`. Use as a context manager."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.runtime = self.root / "run"
        self.socket = self.runtime / "speechd.sock"
        self.procs: list[subprocess.Popen] = []
        self.env = dict(os.environ, XDG_RUNTIME_DIR=str(self.runtime), HOME=str(self.root),
                        XDG_CONFIG_HOME=str(self.root / "config"),
                        PULSE_SERVER=f"unix:{self.runtime / 'pulse' / 'native'}",
                        SPEECHD_ADDRESS=f"unix_socket:{self.socket}")

    def __enter__(self) -> "Daemons":
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        conf = self.root / "speechd"
        (conf / "modules").mkdir(parents=True, exist_ok=True)
        (self.root / "logs").mkdir(exist_ok=True)
        (conf / "speechd.conf").write_text(
            'LogLevel 2\nAudioOutputMethod "pulse"\n'
            'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n'
            'DefaultModule espeak-ng\nDefaultLanguage "en"\n')
        shutil.copy(SD_MODULE_CONF, conf / "modules" / "espeak-ng.conf")
        pa = self.root / "null.pa"
        pa.write_text("load-module module-null-sink sink_name=silent\nset-default-sink silent\n"
                      "load-module module-native-protocol-unix\n")
        try:
            self._start(["pulseaudio", "-n", "-F", str(pa), "--daemonize=no",
                         "--exit-idle-time=-1", "--use-pid-file=no", "--disallow-exit=no"])
            _wait_for(lambda: (self.runtime / "pulse" / "native").exists(), 15, "pulseaudio")
            self.start_speechd()
        except Exception:
            self.__exit__()
            raise
        return self

    def start_speechd(self) -> None:
        self.speechd = self._start(["speech-dispatcher", "-s", "-t", "0", "-C",
                                    str(self.root / "speechd"), "-L", str(self.root / "logs"),
                                    "-S", str(self.socket), "-P", str(self.root / "speechd.pid")])
        _wait_for(lambda: _answers(self.socket), 15, "speech-dispatcher")

    def kill_speechd(self) -> None:
        """As a crash would: SIGKILL, its socket file left behind."""
        os.killpg(self.speechd.pid, signal.SIGKILL)
        self.speechd.wait()
        self.procs.remove(self.speechd)

    def _start(self, argv: list[str]) -> subprocess.Popen:
        log = open(self.root / "logs" / f"{argv[0]}.out", "ab")
        with log:
            self.procs.append(subprocess.Popen(argv, env=self.env, stdin=subprocess.DEVNULL,
                                               stdout=log, stderr=log, start_new_session=True))
        return self.procs[-1]

    def spd_say(self, text: str, timeout: float = 20.0) -> bool:
        """Another client speaks and waits for the end: True when the daemon still works."""
        try:
            return subprocess.run(["spd-say", "-w", text], env=self.env, timeout=timeout,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                                  ).returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def __exit__(self, *exc) -> None:
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        self.procs.clear()
