"""The reader in a real terminal (tmux), at small, usual and large sizes."""

from __future__ import annotations

import pytest
from tmux_helpers import assert_not_garbled, needs_tmux, start_app

pytestmark = needs_tmux


@pytest.mark.parametrize("width,height", [(40, 12), (80, 24), (200, 60)])
def test_open_a_section_and_read_it(tmp_path, guide, width, height):
    term = start_app(tmp_path, width, height)
    try:
        term.wait_for("Press any key to continue")
        term.send("x")
        term.wait_for("WARNING SIGNS")
        term.send("2")
        screen = term.wait_for(f"Section 2 of {len(guide.sections)}")  # (it fits at 40 columns)
        assert guide.sections[1].title in screen
        first_word = guide.sections[1].text().split()[0]
        assert first_word in screen
        assert_not_garbled(screen, width)
        term.send("Right")
        screen = term.wait_for(f"Section 3 of {len(guide.sections)}")
        assert_not_garbled(screen, width)
    finally:
        term.close()


@pytest.mark.parametrize("start_keys", [[], ["1"]], ids=["contents", "section"])
def test_zero_shows_every_warning_sign(tmp_path, guide, start_keys):
    term = start_app(tmp_path, 100, 40)
    try:
        term.wait_for("Press any key to continue")
        term.send("Enter")
        term.wait_for("WARNING SIGNS")
        term.send(*start_keys)
        if start_keys:
            term.wait_for("Section 1 of")
        term.send("0")
        screen = term.wait_for(guide.red_flags.heading.upper())
        flat = " ".join(screen.split())
        for sign in guide.red_flags.signs:
            assert sign in flat
        assert guide.red_flags.action in flat
        assert_not_garbled(screen, 100)
    finally:
        term.close()


def test_wrong_flag_is_one_line_and_exit_2():
    import subprocess
    from tmux_helpers import BIN
    result = subprocess.run([str(BIN), "--nonsense"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--nonsense" in result.stderr
