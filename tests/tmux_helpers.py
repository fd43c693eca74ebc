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

    def cells(self) -> list[list["Cell"]]:
        """The screen as drawn: each cell's character, colours, bold and reverse video."""
        return parse_cells(self.tmux("capture-pane", "-e", "-p", "-t", self.name).stdout)

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is (column, row), as magnifiers and braille see it."""
        out = self.tmux("display-message", "-p", "-t", self.name, "#{cursor_x},#{cursor_y}").stdout
        x, y = out.strip().split(",")
        return int(x), int(y)

    def cursor_shown(self) -> bool:
        return self.tmux("display-message", "-p", "-t", self.name, "#{cursor_flag}").stdout.strip() == "1"

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


# -- what the terminal draws: cells with their colours (capture-pane -e), and the cursor --

def _xterm_palette() -> list[tuple[int, int, int]]:
    """The xterm 256-colour palette (what 38;5;N means), as RGB."""
    base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
            (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
            (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
    steps = [0, 95, 135, 175, 215, 255]
    cube = [(steps[r], steps[g], steps[b]) for r in range(6) for g in range(6) for b in range(6)]
    grey = [(8 + 10 * n,) * 3 for n in range(24)]
    return base + cube + grey


PALETTE = _xterm_palette()
DEFAULT = "default"  # the terminal's own foreground or background colour


class Cell:
    __slots__ = ("char", "fg", "bg", "bold", "reverse")

    def __init__(self, char, fg, bg, bold, reverse):
        self.char, self.fg, self.bg, self.bold, self.reverse = char, fg, bg, bold, reverse

    def drawn(self) -> tuple:
        """(foreground, background) as the eye sees them: reverse video swaps them."""
        return (self.bg, self.fg) if self.reverse else (self.fg, self.bg)


def _colour(params: list[int], at: int) -> tuple[object, int]:
    if params[at + 1] == 5:
        return PALETTE[params[at + 2]], at + 3
    return tuple(params[at + 2:at + 5]), at + 5


def parse_cells(text: str) -> list[list[Cell]]:
    """Rows of cells from `capture-pane -e -p` output (SGR colours, bold and reverse)."""
    import re
    rows = []
    fg, bg, bold, reverse = DEFAULT, DEFAULT, False, False
    for line in text.split("\n"):
        row = []
        for match in re.finditer(r"\x1b\[([0-9;:]*)m|\x1b[^\[]|(.)", line):
            if match.group(2) is not None:
                row.append(Cell(match.group(2), fg, bg, bold, reverse))
                continue
            if match.group(1) is None:
                continue
            params = [int(p or 0) for p in re.split("[;:]", match.group(1))] or [0]
            i = 0
            while i < len(params):
                p = params[i]
                if p == 0:
                    fg, bg, bold, reverse = DEFAULT, DEFAULT, False, False
                elif p == 1:
                    bold = True
                elif p == 22:
                    bold = False
                elif p == 7:
                    reverse = True
                elif p == 27:
                    reverse = False
                elif p == 39:
                    fg = DEFAULT
                elif p == 49:
                    bg = DEFAULT
                elif 30 <= p <= 37 or 90 <= p <= 97:
                    fg = PALETTE[p - 30 if p < 90 else p - 82]
                elif 40 <= p <= 47 or 100 <= p <= 107:
                    bg = PALETTE[p - 40 if p < 100 else p - 92]
                elif p in (38, 48):
                    colour, i = _colour(params, i)
                    if p == 38:
                        fg = colour
                    else:
                        bg = colour
                    continue
                i += 1
        rows.append(row)
    return rows

