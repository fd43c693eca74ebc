"""Where the full-screen reader cannot work, bone-guide gives the guide line by line instead.

A pipe, /dev/null, TERM=dumb or a TERM that terminfo does not know: like less and w3m -dump,
no escape sequence is written, nothing waits for keys that cannot come, and one line on
stderr says why. At a terminal, line mode edits lines and keeps a history (readline).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess

import pytest
from tmux_helpers import BIN, Terminal, needs_tmux

from test_export_guide import ROOT

NOTE = "showing the guide line by line"


def env_for(tmp_path, **extra) -> dict:
    env = dict(os.environ, BONE_GUIDE_CONFIG_DIR=str(tmp_path / "config"), **extra)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def test_no_terminal_at_all_ends_at_once_with_no_escapes(tmp_path):
    """`bone-guide </dev/null | cat`: the guide's opening lines, then the end of input ends it."""
    child = subprocess.Popen(f"{BIN} --no-speech </dev/null | cat", shell=True, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                             env=env_for(tmp_path, TERM="xterm-256color"))
    try:
        stdout, stderr = child.communicate(timeout=30)  # a hang guard, not a timing assert
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
    assert child.returncode == 0
    assert b"\x1b" not in stdout and b"\x9b" not in stdout
    out = stdout.decode()
    assert "Menu. Type a number and press Enter." in out
    assert out.rstrip().endswith("Goodbye.")
    assert NOTE in stderr.decode() and len(stderr.decode().splitlines()) == 1


def test_commands_piped_in_are_read_in_line_mode(tmp_path):
    result = subprocess.run([str(BIN), "--no-speech"], input=b"2\nq\n", capture_output=True,
                            timeout=30, cwd=ROOT, env=env_for(tmp_path, TERM="xterm-256color"))
    assert b"\x1b" not in result.stdout
    assert "Section 2 of " in result.stdout.decode()


def run_in_tmux(tmp_path, command: str, env: dict) -> Terminal:
    env = {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), **env}
    return Terminal(command, 80, 24, env)


@needs_tmux
@pytest.mark.parametrize("term_value", ["dumb", "no-such-terminal", "''"])
def test_a_terminal_that_cannot_draw_gets_line_mode(tmp_path, term_value):
    term = run_in_tmux(tmp_path, f"{BIN} --no-speech", {"TERM": term_value})
    try:
        term.wait_for("Menu. Type a number and press Enter.")
        everything = term.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", term.name).stdout
        assert NOTE in " ".join(everything.split())
        term.send("2", "Enter")
        term.wait_for("Section 2 of")
        term.send("q", "Enter")
        term.wait_for("Goodbye.")
    finally:
        term.close()


@needs_tmux
def test_output_into_a_pipe_from_a_terminal_has_no_escapes(tmp_path):
    saved = tmp_path / "out.txt"
    term = run_in_tmux(tmp_path, f"{BIN} --no-speech | tee {saved}", {})
    try:
        term.wait_for("Menu. Type a number and press Enter.")
        term.send("q", "Enter")
        term.wait_for("Goodbye.")
    finally:
        term.close()
    data = saved.read_bytes()
    assert b"\x1b" not in data and b"Goodbye." in data


@needs_tmux
def test_line_mode_at_a_terminal_has_history_and_ignores_escape(tmp_path):
    term = run_in_tmux(tmp_path, f"{BIN} --plain --no-speech", {})
    try:
        term.wait_for("Type h for help")
        term.send("/zebra", "Enter")
        term.wait_for('No matches for "zebra"')
        term.send("h", "Enter")
        term.wait_for("Commands (type one")
        term.send("C-l")  # readline clears the screen
        assert "zebra" not in term.capture()
        term.send("Up", "Up", "Enter")  # two commands back: the search, recalled and run again
        screen = term.wait_for('No matches for "zebra"')
        assert "^[[A" not in screen
        term.send("C-l", "Escape", "Enter", "Escape", "Escape", "Enter", "Left", "Enter")
        term.send("q", "Enter")
        screen = term.wait_for("Goodbye.")
        assert "Unknown command" not in screen and "^[" not in screen
    finally:
        term.close()


@needs_tmux
@pytest.mark.parametrize("no_color", ["1", ""], ids=["NO_COLOR", "colour"])
def test_no_color_starts_with_the_terminals_own_colours(tmp_path, no_color):
    env = {"NO_COLOR": no_color} if no_color else {}
    term = run_in_tmux(tmp_path, f"{BIN} --no-speech", env)
    try:
        term.wait_for("Press any key to continue")
        styled = term.tmux("capture-pane", "-p", "-e", "-t", term.name).stdout
    finally:
        term.close()
    # The app's own theme: 24-bit colours, or (tmux without RGB) the 256-colour cube beyond the
    # terminal's 16 colours. The terminal theme uses only the 16 the user has set up.
    own_colours = bool(re.search(r"[34]8;2;|[34]8;5;(1[6-9]|[2-9]\d|\d{3})", styled))
    assert own_colours == (not no_color)
