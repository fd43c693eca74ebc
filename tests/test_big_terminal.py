"""scripts/big-terminal fits its xterm window to the screen and says which font size it chose.

Most tests run the script with stand-ins for the X tools on PATH (a screen of a given size, and an
xterm that only prints how it was asked to start); the last one runs it under a real X server
(Xvfb) with the real xterm and reads the window's size back from X (xwininfo).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "big-terminal"
BORDER = 2  # xterm's inner border, each side

# Character cells of DejaVu Sans Mono in xterm 379, measured under Xvfb with xwininfo
# (points, dots per inch) -> (width, height) in pixels. 80x24 at 28 pt, 100 dpi is the
# 1844x1132 window of issue 17.
MEASURED_CELLS = {(28, 100): (23, 47), (20, 100): (17, 33), (28, 96): (22, 44), (13, 96): (10, 22)}

TOOLS = ["bash", "awk", "sed", "head", "id", "dirname", "cat", "env"]


def fake_bin(tmp_path: Path, xdpyinfo: str | None = None, xrandr: str | None = None) -> Path:
    """A PATH with only the tools the script needs, the X tools given, and an xterm that prints
    its arguments (no apt-get, so nothing is installed while testing)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    (bin_dir / "xterm").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$XTERM_ARGS"\n')
    for name, output in (("xdpyinfo", xdpyinfo), ("xrandr", xrandr)):
        if output is not None:
            body = f"cat <<'END'\n{output}\nEND\n" if output else "exit 1\n"
            (bin_dir / name).write_text("#!/bin/sh\n" + body)
    for path in bin_dir.iterdir():
        if not path.is_symlink():
            path.chmod(0o755)
    return bin_dir


def xdpyinfo_output(width: int, height: int, dpi: int) -> str:
    return (f"name of display:    :7\nscreen #0:\n  dimensions:    {width}x{height} pixels (406x254 millimeters)\n"
            f"  resolution:    {dpi}x{dpi} dots per inch\n  depths (7):    24, 1, 4, 8, 15, 16, 32")


def run(tmp_path: Path, bin_dir: Path, display: str | None = ":7", **env_extra: str):
    args_file = tmp_path / "xterm-args"
    env = {"PATH": str(bin_dir), "XTERM_ARGS": str(args_file), "HOME": str(tmp_path), **env_extra}
    if display is not None:
        env["DISPLAY"] = display
    done = subprocess.run([str(bin_dir / "bash"), str(SCRIPT)], env=env, capture_output=True, text=True,
                          timeout=30)
    xterm = args_file.read_text().splitlines() if args_file.exists() else None
    return done, xterm


def chosen(xterm: list[str]) -> tuple[int, int, int]:
    """(points, columns, rows) xterm was started with."""
    points = int(xterm[xterm.index("-fs") + 1])
    cols, rows = re.match(r"(\d+)x(\d+)", xterm[xterm.index("-geometry") + 1]).groups()
    return points, int(cols), int(rows)


def window(points: int, dpi: int, cols: int, rows: int) -> tuple[int, int]:
    cell_w, cell_h = MEASURED_CELLS[(points, dpi)]
    return cols * cell_w + 2 * BORDER, rows * cell_h + 2 * BORDER


def test_the_window_fits_the_screen_at_the_font_size_asked_for(tmp_path):
    # The screen of the issue: 80x24 at 28 pt would be 1844x1132 on a 1600x1000 screen.
    done, xterm = run(tmp_path, fake_bin(tmp_path, xdpyinfo_output(1600, 1000, 100)))
    assert done.returncode == 0, done.stderr
    points, cols, rows = chosen(xterm)
    assert points == 28
    width, height = window(points, 100, cols, rows)
    assert width <= 1600 and height <= 1000, f"{cols}x{rows} at {points} pt is {width}x{height}"
    assert cols >= 60 and rows >= 16, "as much of the guide as fits, not a tiny window"
    assert done.stderr.count("\n") == 1
    assert f"font size 28 pt, window {cols}x{rows}" in done.stderr
    assert "80x24 fits at" in done.stderr  # how to see all of it


def test_a_big_screen_gets_the_whole_80x24(tmp_path):
    done, xterm = run(tmp_path, fake_bin(tmp_path, xdpyinfo_output(3840, 2160, 96)))
    assert chosen(xterm) == (28, 80, 24)
    assert "font size 28 pt, window 80x24" in done.stderr


def test_the_font_is_made_smaller_only_when_not_even_40x12_fit(tmp_path):
    done, xterm = run(tmp_path, fake_bin(tmp_path, xdpyinfo_output(800, 600, 100)))
    points, cols, rows = chosen(xterm)
    assert points < 28 and (cols, rows) >= (40, 12)
    assert f"font size {points} pt" in done.stderr and "made smaller from 28 pt" in done.stderr


def test_the_font_size_asked_for_is_kept_when_it_fits(tmp_path):
    done, xterm = run(tmp_path, fake_bin(tmp_path, xdpyinfo_output(1600, 1000, 96)), BONE_GUIDE_FONT_SIZE="13")
    points, cols, rows = chosen(xterm)
    assert (points, cols, rows) == (13, 80, 24)
    width, height = window(13, 96, 80, 24)
    assert width <= 1600 and height <= 1000


def test_xrandr_measures_the_screen_when_xdpyinfo_is_missing(tmp_path):
    xrandr = "Screen 0: minimum 8 x 8, current 1600 x 1000, maximum 32767 x 32767\nVirtual-1 connected"
    done, xterm = run(tmp_path, fake_bin(tmp_path, xrandr=xrandr))
    points, cols, rows = chosen(xterm)
    width, height = window(points, 96, cols, rows)  # no resolution from xrandr: 96 dpi, X's usual
    assert points == 28 and width <= 1600 and height <= 1000 and cols < 80
    assert "on a 1600x1000 screen" in done.stderr


def test_without_a_way_to_measure_it_still_opens_and_says_so(tmp_path):
    done, xterm = run(tmp_path, fake_bin(tmp_path))
    assert done.returncode == 0
    assert chosen(xterm) == (28, 80, 24)
    assert done.stderr.count("\n") == 1 and "cannot measure the screen" in done.stderr
    assert "x11-utils" in done.stderr


def test_no_x_says_so_on_one_line(tmp_path):
    done, xterm = run(tmp_path, fake_bin(tmp_path, xdpyinfo_output(1600, 1000, 100)), display=None)
    assert done.returncode == 1 and xterm is None
    assert done.stderr.count("\n") == 1 and "DISPLAY is not set" in done.stderr and "--console" in done.stderr


def test_a_display_that_cannot_be_reached_says_so_on_one_line(tmp_path):
    done, xterm = run(tmp_path, fake_bin(tmp_path, xdpyinfo=""))  # xdpyinfo fails
    assert done.returncode == 1 and xterm is None
    assert done.stderr.count("\n") == 1 and "cannot reach the display :7" in done.stderr


@pytest.mark.parametrize("size", ["abc", "0", "500", "12.5"])
def test_a_bad_font_size_is_named(tmp_path, size):
    done, xterm = run(tmp_path, fake_bin(tmp_path, xdpyinfo_output(1600, 1000, 100)), BONE_GUIDE_FONT_SIZE=size)
    assert done.returncode == 2 and xterm is None
    assert done.stderr.count("\n") == 1 and f"'{size}'" in done.stderr


# -- a real X server, the real xterm --

needs_x = pytest.mark.skipif(not all(shutil.which(t) for t in ("Xvfb", "xterm", "xwininfo", "xdpyinfo")),
                             reason="Xvfb, xterm and x11-utils are not installed")


def free_display() -> int:
    for number in range(71, 120):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    pytest.skip("no free X display number")


@needs_x
def test_the_real_xterm_window_is_on_the_screen(tmp_path):
    number = free_display()
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-dpi", "100",
                               "-nolisten", "tcp", "-noreset"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": f":{number}", "BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config")}
    xterm = None
    try:
        deadline = time.monotonic() + 15
        while subprocess.run(["xdpyinfo"], env=env, capture_output=True).returncode != 0:
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.2)
        xterm = subprocess.Popen(["bash", str(SCRIPT), "--no-speech"], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        fields = {}
        while int(fields.get("Width", 0)) < 10:  # a window being made is 1x1 for a moment
            assert time.monotonic() < deadline + 15, "no xterm window appeared"
            time.sleep(0.3)
            info = subprocess.run(["xwininfo", "-name", "Bone metastases guide"], env=env,
                                  capture_output=True, text=True).stdout
            fields = dict(re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", info, re.M))
        x, y = int(fields["Absolute upper-left X"]), int(fields["Absolute upper-left Y"])
        width, height = int(fields["Width"]), int(fields["Height"])
        assert x >= 0 and y >= 0 and x + width <= 1600 and y + height <= 1000, \
            f"window {width}x{height}+{x}+{y} is off the 1600x1000 screen"
        assert width >= 1600 * 0.8, "the window should use the screen's width"
    finally:
        if xterm is not None:
            xterm.terminate()
            xterm.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)
    assert "font size 28 pt" in xterm.stderr.read()
