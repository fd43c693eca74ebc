"""kill -TERM / kill -HUP on the reader or the kiosk: the terminal is given back (normal screen,
cursor shown, echo on) and the speech folder is removed, as after pressing q."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from test_speech_app import FAKE
from tmux_helpers import BIN, Terminal, needs_tmux
from tui.speech import engine_present

pytestmark = needs_tmux


def app_pid(term: Terminal, timeout: float = 15) -> int:
    """The bone-guide process: the child of the pane's shell."""
    shell = term.tmux("display-message", "-p", "-t", term.name, "#{pane_pid}").stdout.strip()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
        if found:
            return int(found[0])
        time.sleep(0.1)
    raise AssertionError("bone-guide did not start")


def pane(term: Terminal, fmt: str) -> str:
    return term.tmux("display-message", "-p", "-t", term.name, fmt).stdout.strip()


def start(tmp_path, args: str, speech: bool) -> Terminal:
    (tmp_path / "tmp").mkdir()
    env = {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), "PYTHONDONTWRITEBYTECODE": "1",
           "TMPDIR": str(tmp_path / "tmp"), "BONE_GUIDE_PLAYER": f"{FAKE}",
           "FAKE_PLAYER_LOG": str(tmp_path / "player.log")}
    # After the app: its exit status and the terminal's modes, where the test can read them.
    after = f"echo EXIT=$?; stty -a | tr -s ' ;\\n' '\\n\\n\\n' | grep -x -e echo -e -echo -e icanon -e -icanon; echo SIGNAL-TEST-END"
    speech_args = "--speech pyttsx3" if speech else "--no-speech"
    return Terminal(f"{BIN} {speech_args} {args}; {after}", 100, 30, env)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
@pytest.mark.parametrize("mode", ["reader", "kiosk"])
def test_signal_gives_the_terminal_back_and_removes_speech_files(tmp_path, sig, mode):
    speech = engine_present()
    term = start(tmp_path, "--kiosk" if mode == "kiosk" else "", speech)
    try:
        term.wait_for("Press any key")
        assert pane(term, "#{alternate_on}") == "1"
        if speech:  # the speech folder exists while the app runs
            deadline = time.monotonic() + 15
            while not list((tmp_path / "tmp").glob("bone-guide-speech-*")) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert list((tmp_path / "tmp").glob("bone-guide-speech-*"))
        pid = app_pid(term)
        subprocess.run(["kill", f"-{sig.name[3:]}", str(pid)], check=True)
        screen = term.wait_for("SIGNAL-TEST-END")
        lines = screen.split()
        assert f"EXIT={128 + sig}" in lines, screen
        assert "echo" in lines and "icanon" in lines, screen       # typed text shows again
        assert "-echo" not in lines and "-icanon" not in lines, screen
        assert pane(term, "#{alternate_on}") == "0"                # back on the normal screen
        assert pane(term, "#{cursor_flag}") == "1"                 # cursor shown
        assert not list((tmp_path / "tmp").glob("bone-guide-speech-*")), "speech files left behind"
    finally:
        term.close()


@pytest.mark.skipif(not engine_present(), reason="espeak-ng / pyttsx3 not installed")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_plain_mode_removes_speech_files_when_killed(tmp_path, sig):
    (tmp_path / "tmp").mkdir()
    env = {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), "TMPDIR": str(tmp_path / "tmp"),
           "BONE_GUIDE_PLAYER": str(FAKE), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen([str(BIN), "--plain", "--speech", "pyttsx3"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    try:
        proc.stdin.write("1\nr\n")  # open section 1 and read it aloud: speech starts
        proc.stdin.flush()
        deadline = time.monotonic() + 20
        while not list((tmp_path / "tmp").glob("bone-guide-speech-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list((tmp_path / "tmp").glob("bone-guide-speech-*")), "speech did not start"
        time.sleep(0.5)  # into its read of the next command
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == 128 + sig
        assert "Traceback" not in proc.stderr.read()
        assert not list((tmp_path / "tmp").glob("bone-guide-speech-*")), "speech files left behind"
    finally:
        proc.kill()
