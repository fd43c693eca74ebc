"""The kiosk in a real terminal (tmux): keyboard signals and quit keys leave it running."""

from __future__ import annotations

import time

from tmux_helpers import BIN, Terminal, assert_not_garbled, needs_tmux

pytestmark = needs_tmux

CONFIG = """\
speech: false
idle_timeout: 600
exit_keys: [f12, f11, f12, f10]
"""


def start_kiosk(tmp_path, width: int = 100, height: int = 30) -> Terminal:
    config = tmp_path / "kiosk.yaml"
    config.write_text(CONFIG)
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
