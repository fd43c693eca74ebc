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
import wave
from pathlib import Path

SD_MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
SD_MODULE_CONF = Path("/etc/speech-dispatcher/modules/espeak-ng.conf")

# Settings that make stop and pause quick (scripts/bench_speech.py measures both ways; README says
# what a user's own daemon needs). A stop (CANCEL) is fast only once the module has handed the
# daemon all of a message's audio: then the daemon flushes its own queue at once. With the stock
# settings the queue holds 10,000 samples (~0.45 s), the module blocks with ~1.5 s more in the pipe,
# and a stop waits until the daemon has read and thrown that away (~100 ms, more under load).
#   MaxQueueSize           samples the daemon takes from the module ahead of playback; 10 million
#                          (~7.5 min at 22,050 Hz, ~20 MB at most) holds the longest section
#   AudioPulseMinLength    ms of audio handed to PulseAudio at a time (default 10)
#   EspeakAudioChunkSize   ms of audio per synthesis callback (Debian: 300); the module checks
#                          for a stop between callbacks and the first chunk is heard sooner
TUNED_SPEECHD = "MaxQueueSize 10000000\nAudioPulseMinLength 5\n"
TUNED_MODULE = "EspeakAudioChunkSize 20\n"


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

    def __init__(self, root: Path, tuned: bool = True) -> None:
        """tuned: the quick-stop settings above; False: the distribution's defaults, as a user's
        own daemon has them."""
        self.root = Path(root)
        self.tuned = tuned
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
            'DefaultModule espeak-ng\nDefaultLanguage "en"\n' + (TUNED_SPEECHD if self.tuned else ""))
        module_conf = SD_MODULE_CONF.read_text()
        # a later line wins over the packaged one
        (conf / "modules" / "espeak-ng.conf").write_text(
            module_conf + ("\n" + TUNED_MODULE if self.tuned else ""))
        pa = self.root / "null.pa"
        pa.write_text("load-module module-null-sink sink_name=silent\nset-default-sink silent\n"
                      "load-module module-native-protocol-unix auth-anonymous=1\n")
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

    def wake_sink(self) -> None:
        """Play a little silence. An idle null sink starts its first stream only after its long
        (2 s) block, where a sound card starts at once; with a recorder on its monitor (parec at
        a short latency) it stays quick after that."""
        silence = self.root / "silence.wav"
        with wave.open(str(silence), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(b"\0\0" * 2205)
        subprocess.run(["paplay", str(silence)], env=self.env, timeout=10,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

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
