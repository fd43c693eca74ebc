"""Status lines and key bars in a real terminal (tmux): exactly one row at every width, with what
matters kept (where you are, help, the key back). A low-vision reader's magnifier sits on that
row; wrapped onto a second one, it pushed the text up and the anchor was no longer one line.

Read from the drawn cells: the status line is the run of rows at the bottom drawn in its own
colours (the page's text above it is drawn in the page's colours).
"""

from __future__ import annotations

import json
import re
import time

import pytest
from tmux_helpers import BIN, Terminal, needs_tmux, parse_cells, start_app

pytestmark = needs_tmux

WIDTHS = [40, 60, 80, 100, 120, 200]


def height_for(width: int) -> int:
    return 12 if width == 40 else 24


def drawn(term) -> list[list]:
    """Every cell of the screen, trailing blanks included (they carry the status line's colours)."""
    return parse_cells(term.tmux("capture-pane", "-e", "-p", "-N", "-t", term.name).stdout)[:term.height]


def bottom_bar(term) -> tuple[int, list[str]]:
    """(rows, text) of the bar at the bottom: the rows from the bottom up whose every cell has
    the bottom row's background (as the eye sees it), and what they say."""
    rows = [row for row in drawn(term) if row]
    colour = rows[-1][0].drawn()[1]
    bar = []
    for row in reversed(rows):
        if len(row) < term.width or any(cell.drawn()[1] != colour for cell in row):
            break
        bar.insert(0, "".join(cell.char for cell in row).strip())
    return len(bar), bar


def settled_bar(term, must_say: list[str], timeout: float = 8) -> tuple[int, list[str]]:
    """The bottom bar once it says all of `must_say` (it is redrawn a frame after a move)."""
    deadline = time.monotonic() + timeout
    while True:
        rows, bar = bottom_bar(term)
        said = " ".join(bar)
        if all(word in said for word in must_say) or time.monotonic() > deadline:
            return rows, bar
        time.sleep(0.2)


def resize(term, width: int) -> None:
    """The terminal to `width` columns (12 rows at 40, else 24): the app fits its lines again."""
    term.width, term.height = width, height_for(width)
    term.tmux("resize-window", "-t", term.name, "-x", str(width), "-y", str(term.height), check=True)


def open_reader(tmp_path, width: int, size: str) -> Terminal:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"size": size}))
    term = start_app(tmp_path, width, height_for(width))
    term.wait_for("Press any key to continue")
    term.send("x")
    term.wait_for("WARNING SIGNS")
    return term


def assert_one_row(rows: int, bar: list[str], must_say: list[str], where: str) -> None:
    assert rows == 1, f"{where}: the bar takes {rows} rows: {bar}"
    for words in must_say:
        assert words in bar[0], f"{where}: {words!r} is missing from the bar {bar[0]!r}"


@pytest.mark.parametrize("size", ["normal", "large", "extra-large", "magnifier"])
def test_section_status_is_one_row_with_where_help_and_back(tmp_path, guide, size):
    """At the end of a section (normal sizes: the line says so) and at the magnifier size, the
    terminal resized through every width: one row, naming the section, help and the key back."""
    term = open_reader(tmp_path, WIDTHS[-1], size)
    try:
        term.send("2")
        term.wait_for("Section 2")
        n = len(guide.sections)
        place = re.compile(rf"Section 2( of |/){n}\b")
        must = ["? help", "Esc "] + ([] if size == "magnifier" else ["End"])
        for width in WIDTHS[::-1] + WIDTHS[1:]:  # narrower, then wider again
            resize(term, width)
            time.sleep(0.3)
            term.send("End")  # (reflowed, the text keeps its place, which may not be the end)
            rows, bar = settled_bar(term, must)
            assert_one_row(rows, bar, must, f"{width} columns, {size}")
            assert place.search(bar[0]), f"{width} columns, {size}: where you are is missing: {bar[0]!r}"
            if size == "magnifier" and width >= 60:
                assert re.search(r"sentence \d+( of |/)\d+", bar[0]), bar[0]
    finally:
        term.close()


# Each screen of the reader with a status line: keys from the contents, words its line keeps.
READER_SCREENS = [
    ("contents", [], ["0 warning signs", "? help"]),
    ("warning signs", ["0"], ["Esc: close"]),
    ("help", ["?"], ["Esc: back"]),
    ("glossary", ["g"], ["Esc: back", "? help"]),
    ("settings", ["o"], ["Esc: back", "? help"]),
    ("bookmarks", ["B"], ["Esc: back", "? help"]),
    ("search", ["/", "b", "o", "n", "e", "Enter"], ["Esc: back", "? help"]),
]


def test_every_reader_status_line_is_one_row(tmp_path):
    term = open_reader(tmp_path, WIDTHS[0], "large")
    try:
        for name, there, must in READER_SCREENS:
            term.send(*there)
            for width in WIDTHS:
                resize(term, width)
                rows, bar = settled_bar(term, must)
                assert_one_row(rows, bar, must, f"{width} columns, {name}")
            resize(term, WIDTHS[0])
            if there:
                term.send("Escape")
                term.wait_for("WARNING SIGNS")
    finally:
        term.close()


KIOSK = """\
speech: false
idle_timeout: 600
exit_keys: [f12, f11, f12, f10]
"""

# (screen, keys from the kiosk's contents, words its bar keeps) for each key profile.
KIOSK_SCREENS = {
    "numeric": [
        ("contents", [], ["0 warning signs", "* help"]),
        ("help", ["*"], ["/ back"]),
        ("section", ["2"], ["/ back", "0 warning signs", "* help"]),
        ("warning signs", ["0"], ["/ close"]),
    ],
    "standard": [
        ("contents", [], ["Contents", "0 warning signs", "? help"]),
        ("help", ["?"], ["Esc: back"]),
        ("section", ["2", "End"], ["Section 2", "End", "Esc ", "? help"]),
        ("warning signs", ["0"], ["Esc: close"]),
    ],
}


@pytest.mark.parametrize("profile", ["numeric", "standard"])
def test_kiosk_key_bar_is_one_row(tmp_path, profile):
    config = tmp_path / "kiosk.yaml"
    config.write_text(KIOSK + f"key_profile: {profile}\n")
    env = {"BONE_GUIDE_CONFIG_DIR": str(tmp_path / "config"), "BONE_GUIDE_LOG_DIR": str(tmp_path / "log"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    term = Terminal(f"{BIN} --kiosk --config {config}", WIDTHS[0], height_for(WIDTHS[0]), env)
    back = "/" if profile == "numeric" else "Escape"
    try:
        term.wait_for("Press any key to start")
        term.send("x")
        for name, there, must in KIOSK_SCREENS[profile]:
            term.wait_for("Bone Metastases")  # the contents
            term.send(*there)
            for width in WIDTHS:
                resize(term, width)
                rows, bar = settled_bar(term, must)
                assert_one_row(rows, bar, must, f"kiosk {profile}, {width} columns, {name}")
            resize(term, WIDTHS[0])
            if there:
                term.send(back)
                time.sleep(0.3)
    finally:
        term.close()
