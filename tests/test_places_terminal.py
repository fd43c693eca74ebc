"""In a real terminal: quit inside section 7 at paragraph 4 (with `q`, and with kill -TERM as a
closed terminal or `systemctl stop` would), start again, Enter: back at that paragraph."""

from __future__ import annotations

import os
import signal
import time

import pytest

from test_signals import app_pid
from tmux_helpers import needs_tmux, start_app

pytestmark = needs_tmux


@pytest.mark.parametrize("how", ["q", "SIGTERM"])
def test_quit_in_section_7_restart_and_continue(tmp_path, how):
    term = start_app(tmp_path, 100, 24)
    try:
        term.wait_for("Press any key to continue")
        term.send("Space")
        term.wait_for("Arrows to choose")
        term.send("7")
        term.wait_for("Section 7 of 14")
        for _ in range(60):
            if "paragraph 4 of" in " ".join(term.capture().split()):
                break
            term.send("Down")
        else:
            raise AssertionError("could not scroll to paragraph 4")
        if how == "q":
            term.send("q")
        else:
            os.kill(app_pid(term), signal.SIGTERM)
        deadline = time.monotonic() + 15
        while (tmp_path / "config" / "places.json").exists() is False and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        term.close()
    again = start_app(tmp_path, 100, 24)
    try:
        again.wait_for("Press any key to continue")
        again.send("Space")
        again.wait_for("Continue where you left off: Section 7, Complications, paragraph 4 "
                       "— Enter to continue, any other key for the contents")
        again.send("Enter")
        again.wait_for("Section 7 of 14 — Complications · paragraph 4 of")
        assert "Radiation to a bone" in " ".join(again.capture().split())
    finally:
        again.close()
