"""In a non-UTF-8 locale every screen is drawn in ASCII; on the Linux console, in its font's set.

tmux shows what the app wrote, so a stray ⚠, ▶, ▊ border or curly quote shows up in the pane.
"""

from __future__ import annotations

import pytest
from tmux_helpers import BIN, Terminal, needs_tmux

from tui import glyphs


def non_ascii(screen: str) -> set[str]:
    return {ch for ch in screen if not ch.isascii()}


SCREENS = [  # (keys, text that shows the screen is up)
    ([], "Press any key to continue"),
    (["Enter"], "0 warning signs"),
    (["3"], "Section 3 of"),
    (["Right"], "Section 4 of"),
    (["0"], "read again"),
    (["Escape"], "Section 4 of"),
    # Each Escape waits for its screen: an Escape and the next key read by the app in one go
    # are Alt+key, as in any terminal program, and a busy machine can make that happen.
    (["Escape"], "0 warning signs"),
    (["?"], "Help: keys"),
    (["Escape"], "0 warning signs"),
    (["/"], "Search the guide"),
    (["p", "a", "l", "l", "i"], "Bone drugs and pain relief"),
    (["Escape"], "0 warning signs"),
    (["g"], "Glossary"),
    (["Escape"], "0 warning signs"),
    (["o"], "Settings"),
]


@needs_tmux
@pytest.mark.parametrize("locale", ["C", "en_GB.ISO-8859-1"])
def test_a_non_utf8_locale_shows_only_ascii_on_every_screen(tmp_path, locale):
    term = Terminal(f"{BIN} --no-speech", 100, 40,
                    {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), "LANG": locale,
                     "LC_ALL": "", "LC_CTYPE": ""})
    try:
        for keys, shown in SCREENS:
            term.send(*keys)
            screen = term.wait_for(shown)
            assert non_ascii(screen) == set(), (keys, screen)
    finally:
        term.close()


CONSOLE_FONT = set(map(chr, range(0x20, 0x7f))) | set(map(chr, range(0xa0, 0x100))) \
    | set("─│┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬█")  # Lat15 / default8x16: Latin-1, box drawing, full block


@needs_tmux
def test_the_linux_console_gets_only_glyphs_its_font_has(tmp_path):
    term = Terminal(f"env TERM=linux {BIN} --no-speech", 100, 40,
                    {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), "LANG": "C.UTF-8"})
    try:
        for keys, shown in SCREENS:
            term.send(*keys)
            screen = term.wait_for(shown)
            assert set(screen) - CONSOLE_FONT - {"\n"} == set(), (keys, screen)
    finally:
        term.close()


def test_the_locale_the_user_set_wins_over_pythons_coercion():
    assert glyphs.choose({"LANG": "C", "LC_CTYPE": "C.UTF-8"}) == glyphs.ASCII
    assert glyphs.choose({"LANG": "en_GB.UTF-8"}) == glyphs.UNICODE
    assert glyphs.choose({"LC_ALL": "fr_FR.ISO-8859-1", "LANG": "fr_FR.UTF-8"}) == glyphs.ASCII
    assert glyphs.choose({"LANG": "de_DE.utf8", "TERM": "linux"}) == glyphs.CONSOLE


def test_guide_text_is_fitted_to_ascii():
    assert glyphs.fit_text("pain — a “dull ache”… café", glyphs.ASCII) == \
        'pain - a "dull ache"... cafe'
    assert glyphs.fit_text("café — “x”", glyphs.CONSOLE) == 'café - "x"'
