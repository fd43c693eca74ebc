"""Drive the real `bone-guide` command in a tmux terminal and read what it shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "bone-guide"

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, command: str, width: int, height: int, env: dict[str, str]) -> None:
        self.name = f"bg-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                  f"env TERM=xterm-256color {exports} {command}; sleep 30", check=True)
        self.socket = Path(self.tmux("display-message", "-p", "#{socket_path}").stdout.strip())

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        # A tmux server of its own (-L) and no user config (-f): another tmux user, or the shared
        # server exiting as the last session closes, cannot make this terminal fail to start.
        return subprocess.run(["tmux", "-L", self.name, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check)

    def capture(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def send(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key, check=True)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if text in " ".join(screen.split()):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear on screen; screen was:\n{screen}")

    def close(self) -> None:
        self.tmux("kill-server")
        if self.socket.name == self.name:  # tmux leaves the socket file behind
            self.socket.unlink(missing_ok=True)


def start_app(tmp_path, width: int, height: int, args: str = "--no-speech") -> Terminal:
    env = {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), "PYTHONDONTWRITEBYTECODE": "1"}
    return Terminal(f"{BIN} {args}", width, height, env)


def assert_not_garbled(screen: str, width: int) -> None:
    assert "\x1b" not in screen and "[?" not in screen, "escape codes leaked onto the screen"
    for line in screen.splitlines():
        assert len(line) <= width
    assert "Traceback" not in screen
