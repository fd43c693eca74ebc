"""The kiosk in a real terminal (tmux): keyboard signals and quit keys leave it running, and
its lists show where the focus is (colours read back from the terminal, and the cursor)."""

from __future__ import annotations

import time

import pytest
from tmux_helpers import BIN, Terminal, assert_not_garbled, needs_tmux

from support.focus import check_focus, marked
from tui.ui.themes import THEME_NAMES

pytestmark = needs_tmux

CONFIG = """\
speech: false
idle_timeout: 600
exit_keys: [f12, f11, f12, f10]
"""


def start_kiosk(tmp_path, width: int = 100, height: int = 30, extra: str = "") -> Terminal:
    config = tmp_path / "kiosk.yaml"
    config.write_text(CONFIG + extra)
    env = {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), "BONE_GUIDE_LOG_DIR": str(tmp_path / "log"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    # The helper keeps the pane open 30 s after the command ends, so an exit shows as a prompt-less pane.
    return Terminal(f"{BIN} --kiosk --config {config}; echo KIOSK-ENDED $?", width, height, env)


def test_keyboard_signals_and_quit_keys_leave_the_kiosk_running(tmp_path, guide):
    term = start_kiosk(tmp_path)
    try:
        term.wait_for("Press any key to start")
        term.send("x")
        term.wait_for("Press a number to open a section")
        for key in ("C-c", "C-z", "C-\\", "C-d", "C-q", "q", "Escape", "Escape", "Escape"):
            term.send(key)
        time.sleep(1.0)
        screen = term.capture()
        assert "KIOSK-ENDED" not in screen and "Traceback" not in screen
        term.send("2")
        screen = term.wait_for("Enter read")  # the section's keypad bar
        assert guide.sections[1].title in screen
        term.send("/")
        screen = term.wait_for("Press a number to open a section")
        assert guide.sections[0].title in screen
        assert_not_garbled(screen, 100)
        # the staff sequence ends it, with exit status 0
        term.send("F12", "F11", "F12", "F10")
        term.wait_for("KIOSK-ENDED 0")
    finally:
        term.close()
    assert not (tmp_path / "config" / "settings.json").exists()
    assert not (tmp_path / "log").exists()


# Each list of the kiosk: (name, keys from the contents to it, moves to make, keys back to the
# contents). The keypad profile's help leads to its settings (Enter), and / goes back a screen.
KIOSK_LISTS = {
    "numeric": [
        ("contents", [], [], []),  # the keypad opens sections by number: the focus stays on 1
        ("warning signs", ["0"], ["2", "2", "8"], ["/"]),
        ("help", ["*"], ["2", "2", "8"], ["/"]),
        ("settings", ["*", "Enter"], ["8", "2", "2"], ["/", "/"]),
    ],
    "standard": [
        ("contents", [], ["Down", "Down", "Up", "End", "Home"], []),
        ("warning signs", ["0"], ["Down", "Down", "Up"], ["Escape"]),
        ("help", ["?"], ["Down", "Down", "Up"], ["Escape"]),
        ("glossary", ["g"], ["Down", "Down", "Up"], ["Escape"]),
        ("search results", ["/", "b", "o", "n", "e", "Enter"], ["Down", "Down", "Up"], ["Escape"]),
        ("settings", ["o"], ["Up", "Up", "Down"], ["Escape"]),
    ],
}


def cursor_on_focus(term, where: str) -> None:
    """The cursor on the marked row, once the screen has settled (a slow machine draws the
    marker a frame before it moves the cursor; a cursor left behind stays behind)."""
    deadline = time.monotonic() + 5
    while True:
        rows = marked(term)[1]
        assert len(rows) == 1, f"{where}: one row should carry the focus marker, found {rows}"
        y, x = rows[0]
        if term.cursor() == (x, y) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert term.cursor() == (x, y), f"{where}: the cursor is at {term.cursor()}, the focus at {(x, y)}"


@pytest.mark.parametrize("profile", ["numeric", "standard"])
@pytest.mark.parametrize("theme", THEME_NAMES)
def test_every_kiosk_list_shows_its_focus_and_the_cursor_follows_it(tmp_path, theme, profile):
    """In every theme (the config's, and each one the kiosk's settings offer): the focused row
    of each list stands out (background >= 3:1 from the page, text >= 7:1 on it, a marker), and
    the terminal cursor is on it on arrival and after every move."""
    term = start_kiosk(tmp_path, 80, 24, f"theme: {theme}\nkey_profile: {profile}\n")
    try:
        term.wait_for("Press any key to start")
        term.send("x")
        term.wait_for("Press a number to open a section" if profile == "numeric" else "Arrows to choose")
        for name, there, moves, back in KIOSK_LISTS[profile]:
            where = f"kiosk {profile}/{theme}/{name}"
            term.send(*there)
            time.sleep(0.4)
            check_focus(term, where, theme)
            assert term.cursor_shown(), f"{where}: the cursor should be visible"
            cursor_on_focus(term, where)
            for key in moves:
                term.send(key)
                time.sleep(0.3)
                cursor_on_focus(term, f"{where} after {key}")
            term.send(*back)
            # Back on the contents before the next list's first key (an Escape read together
            # with the next key is Alt+key).
            term.wait_for("Press a number to open a section" if profile == "numeric"
                          else "Arrows to choose")
        screen = term.capture()
        assert "KIOSK-ENDED" not in screen and "Traceback" not in screen
    finally:
        term.close()


def test_the_cursor_is_on_press_any_key_at_the_start_screen(tmp_path):
    """A magnifier follows the cursor; on the kiosk's start screen it sat at the top left corner."""
    term = start_kiosk(tmp_path, 80, 24)
    try:
        term.wait_for("Press any key to start")
        time.sleep(0.5)
        x, y = term.cursor()
        line = term.capture().splitlines()[y]
        assert "Press any key to start" in line, f"the cursor {x, y} is on {line!r}"
    finally:
        term.close()
