"""What a low-vision reader perceives in a real terminal (tmux): colours read back from the cells
(capture-pane -e), the cursor read from tmux, nothing taken from the stylesheet.

- the focused row of every list stands out: its background >= 3:1 from the page's, its text
  >= 7:1 on it, a marker at its start (reverse video in the terminal's own colours);
- the terminal cursor sits on the focused row (or the reading line) after every move;
- the contents list shows at every size; messages never cover text.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from tmux_helpers import needs_tmux, start_app

from support.focus import check_focus, marked
from tui.core.settings import SIZE_LEVELS
from tui.ui.themes import THEME_NAMES

pytestmark = needs_tmux

# (screen, keys from the contents to reach it, keys back to the contents)
LISTS = [
    ("contents", [], []),
    ("warning signs", ["0"], ["Escape"]),
    ("help", ["?"], ["Escape"]),
    ("glossary", ["g"], ["Escape"]),
    ("search results", ["/", "b", "o", "n", "e", "Enter"], ["Escape"]),
    ("settings", ["o"], ["Escape"]),
    # two bookmarks set in sections 2 and 3; B from there, and back through the section
    ("bookmarks", ["2", "b", "n", "b", "B"], ["Escape", "Escape"]),
]


def open_app(tmp_path, width=80, height=24, **settings):
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.json").write_text(json.dumps(settings))
    term = start_app(tmp_path, width, height)
    term.wait_for("Press any key to continue")
    term.send("x")
    term.wait_for("WARNING SIGNS")
    return term


def settle(term, wait=0.4):
    time.sleep(wait)


def visit_lists(term, theme):
    for name, there, back in LISTS:
        term.send(*there)
        settle(term)
        check_focus(term, f"{theme}/{name}", theme)
        term.send(*back)


@pytest.mark.parametrize("theme", THEME_NAMES)
def test_focus_stands_out_in_every_theme(tmp_path, theme):
    term = open_app(tmp_path, theme=theme)
    try:
        visit_lists(term, theme)
    finally:
        term.close()


@pytest.mark.parametrize("size", [s for s in SIZE_LEVELS if s != "normal"])
def test_focus_stands_out_at_every_size(tmp_path, size):
    term = open_app(tmp_path, 100, 40, theme="yellow-on-black", size=size)
    try:
        visit_lists(term, "yellow-on-black")
    finally:
        term.close()


@pytest.mark.parametrize("name,there,back", LISTS, ids=[n for n, _, _ in LISTS])
def test_cursor_is_on_the_focus_after_every_move(tmp_path, name, there, back):
    term = open_app(tmp_path, 80, 24)
    try:
        term.send(*there)
        assert term.cursor_shown(), "the cursor should be visible by default"
        for key in ["Down", "Down", "Up", "End", "Home", "PageDown", "Down"]:
            term.send(key)
            settle(term)
            rows = marked(term)[1]
            assert len(rows) == 1, (name, key)
            y, x = rows[0]
            assert term.cursor() == (x, y), f"{name}: after {key} the cursor is at {term.cursor()}, focus at {(x, y)}"
    finally:
        term.close()


@pytest.mark.parametrize("size", ["normal", "extra-large", "magnifier"])
def test_cursor_is_on_the_reading_line_in_a_section(tmp_path, size):
    term = open_app(tmp_path, 80, 24, size=size)
    try:
        term.send("2")
        term.wait_for("Section 2 of")
        for key in ["Down", "Down", "PageDown", "Up", "End", "Home", "Right" if size == "magnifier" else "Down"]:
            term.send(key)
            settle(term)
            x, y = term.cursor()
            lines = term.capture().splitlines()
            line = lines[y] if y < len(lines) else ""
            assert "Section 2" not in line, f"after {key} the cursor is on the status line"
            if size == "magnifier":  # on the block letters, at their left edge
                assert "█" in line and not line[:x].strip(), f"after {key}: cursor {x, y} on {line!r}"
                assert len(line) - len(line.lstrip()) <= x + 6, f"after {key}: cursor {x, y} on {line!r}"
                continue
            assert line[x:x + 1].strip(), f"after {key} the cursor {x, y} is not on text: {line!r}"
            assert line[:x].strip() in ("", "•"), f"after {key} the cursor is not at the line's start: {line!r}"
    finally:
        term.close()


def assert_cursor_on_first_line_in_view(term, title: str, after: str) -> None:
    """The cursor is at the start of the first line of text below the section's title (the
    top of the reading area): where a magnifier that follows it should be looking."""
    x, y = term.cursor()
    lines = term.capture().splitlines()
    top = [line.strip() for line in lines].index(title) + 1
    line = lines[y] if y < len(lines) else ""
    shown = "\n".join(lines)
    assert line[x:x + 1].strip() and line[:x].strip() in ("", "•"), \
        f"after {after} the cursor {x, y} is not at the start of a line of text:\n{shown}"
    # Only blank rows between the title and the cursor (the scroll bar is at the right edge).
    assert top <= y and not any(row[:-3].strip() for row in lines[top:y]), \
        f"after {after} the cursor {x, y} is not on the first line in view:\n{shown}"


def test_cursor_goes_to_the_first_line_in_view_after_a_size_change_or_a_resize(tmp_path):
    """A magnifier follows the cursor: after + or - (the text re-laid out) and after the terminal
    is resized, it must be on the first line of text in view, not left on a blank row."""
    term = open_app(tmp_path, 80, 22)  # too small for a title in block letters: a plain line
    try:
        term.send("2")
        term.wait_for("Section 2 of")
        term.send("Down", "Down", "Down")
        for key in ["+", "+", "-", "-"]:  # normal, large, extra-large, and back
            term.send(key)
            settle(term)
            assert_cursor_on_first_line_in_view(term, "Warning signs", key)
        term.tmux("resize-window", "-t", term.name, "-x", "70", "-y", "20")
        settle(term, 0.8)
        assert_cursor_on_first_line_in_view(term, "Warning signs", "a resize")
    finally:
        term.close()


def test_cursor_can_be_hidden_in_settings(tmp_path):
    term = open_app(tmp_path)
    try:
        assert term.cursor_shown()
        term.send("o", "Down", "Down", "Enter")  # the third row: the terminal cursor
        term.wait_for("hidden")
        settle(term)
        assert not term.cursor_shown()
    finally:
        term.close()


@pytest.mark.parametrize("size", SIZE_LEVELS)
def test_contents_shows_three_sections_at_80x24(tmp_path, guide, size):
    term = open_app(tmp_path, 80, 24, size=size)
    try:
        settle(term)
        screen = term.capture()
        shown = [s.title for s in guide.sections[:9] if s.title in screen]
        assert len(shown) >= 3, f"{size}: only {shown} of the contents on screen:\n{screen}"
    finally:
        term.close()


def test_a_message_never_covers_text_at_40x12(tmp_path):
    term = open_app(tmp_path, 40, 12)
    try:
        term.send("0")
        term.wait_for("Pain in your neck")
        term.send("t")  # "Theme: ..." message
        screen = term.wait_for("Theme:")
        lines = screen.splitlines()
        message_rows = [n for n, line in enumerate(lines) if "Theme:" in line]
        for n in message_rows:  # the message has its rows to itself
            assert re.fullmatch(r"\s*Theme: [\w' ]+\.\s*", lines[n]), lines[n]
        assert "1. Pain in your neck" in screen
        assert "! or 0" in screen, "the status line was covered"
    finally:
        term.close()


def test_escape_clears_the_message_and_m_shows_it_again(tmp_path):
    term = open_app(tmp_path, 80, 24)
    try:
        term.send("w")
        term.wait_for("You are at the contents")
        term.send("Escape")
        settle(term)
        assert "You are at the contents" not in " ".join(term.capture().split())
        term.send("m")
        term.wait_for("You are at the contents")
    finally:
        term.close()


def test_section_footer_fits_one_line_at_40x12(tmp_path):
    term = open_app(tmp_path, 40, 12)
    try:
        term.send("2")
        term.wait_for("Section 2")
        screen = term.wait_for("? help")
        last = screen.rstrip("\n").splitlines()[-1]
        assert re.search(r"Section 2( of |/)\d+", last) and "? help" in last and "Esc " in last
        assert "Section" not in screen.rstrip("\n").splitlines()[-2]  # one line: nothing spilt above
    finally:
        term.close()


@pytest.mark.parametrize("key", ["q", "C-c"])
def test_too_small_says_how_to_quit_and_quits(tmp_path, key):
    term = start_app(tmp_path, 30, 8)
    try:
        term.wait_for("Press q to quit")
        term.send(key)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "Press q to quit" in term.capture():
            time.sleep(0.2)
        assert "Press q to quit" not in term.capture(), f"{key} did not quit"
    finally:
        term.close()


def letter_band(lines: list[str], top: int) -> int:
    """How many rows of block letters run down from row `top` without a blank row."""
    rows = 0
    while top + rows < len(lines) and "█" in lines[top + rows]:
        rows += 1
    return rows


@pytest.mark.parametrize("width,height", [(80, 24), (64, 20)])
def test_the_magnifier_scrolls_by_whole_lines_of_letters(tmp_path, width, height):
    """After every move the top row of the reading area is the top of a line of block letters
    (five rows of letters, then a blank row), never half a letter; and each move does move."""
    term = open_app(tmp_path, width, height, size="magnifier")
    try:
        term.send("2")
        term.wait_for("sentence 1 of")
        settle(term)
        x, y = term.cursor()
        seen = ["\n".join(term.capture().splitlines()[y:y + 5])]
        for key in ["Down", "Down", "PageDown", "Up", "PageUp", "End", "Home", "PageDown", "Up"]:
            term.send(key)
            settle(term)
            lines = term.capture().splitlines()
            x, y = term.cursor()  # the top of the reading area: magnifiers follow the cursor
            assert "█" in lines[y] and not lines[y - 1].strip(), f"after {key}: row {y} is not a line's top"
            band = letter_band(lines, y)
            assert band == 5, f"after {key} the top line of letters shows {band} of its 5 rows:\n" + \
                "\n".join(lines)
            seen.append("\n".join(lines[y:y + 5]))
        assert seen[1] != seen[0], "Down did not move the letters"
        assert seen[7] == seen[0], "Home did not go back to the first line"
    finally:
        term.close()


def drawn_in_block_letters(lines: list[str], word: str) -> bool:
    """Whether `word` is on the screen in block letters: each of its five rows of letters at the
    same column of five rows running down the screen."""
    from tui.ui.widgets.big_text import big_lines
    rows = big_lines(word, 400)
    for y in range(len(lines) - len(rows) + 1):
        start = 0
        while (x := lines[y].find(rows[0], start)) >= 0:
            if all(lines[y + r][x:x + len(row)] == row for r, row in enumerate(rows)):
                return True
            start = x + 1
    return False


@pytest.mark.parametrize("query,width,height", [("jaw", 44, 16), ("dentist", 80, 24)])
def test_a_search_result_opens_on_its_match_at_the_magnifier_size(tmp_path, guide, query, width, height):
    from tui.core.reading import reading_units, search
    hit = search(guide, query)[0]
    units = reading_units(guide.sections[hit.section_index])
    before = sum(len(u.sentences) for u in units[:hit.unit_index])
    starts = [0]
    for sentence in units[hit.unit_index].sentences:
        starts.append(starts[-1] + len(sentence) + 1)
    number = before + max(n for n, s in enumerate(starts[:-1]) if s <= hit.start) + 1
    assert number > 1, "a match past the section's first sentence, or the test shows nothing"
    term = open_app(tmp_path, width, height, size="magnifier")
    try:
        term.send("/", *query, "Enter")
        term.wait_for("matches in")
        term.send("Enter")
        if width >= 60:
            term.wait_for(f"sentence {number} of")
        # (At 44 columns the status line keeps the section, help and the key back, not the
        # sentence's number: the letters themselves show the magnifier is on the match.)
        deadline = time.monotonic() + 10
        while True:
            settle(term)
            lines = term.capture().splitlines()
            if drawn_in_block_letters(lines, query) or time.monotonic() > deadline:
                break
        assert drawn_in_block_letters(lines, query), f"{query!r} is not on the screen:\n" + "\n".join(lines)
        x, y = term.cursor()
        assert "█" in lines[y], "the cursor is not on the letters"
    finally:
        term.close()


def test_a_search_result_puts_the_cursor_on_the_line_of_its_match(tmp_path):
    """A search result opens with the match a few lines down (context above it); magnifiers and
    braille displays follow the terminal cursor, which was left on the first line in view."""
    term = open_app(tmp_path, 80, 24)
    try:
        term.send("/", *"biopsy", "Enter")
        term.wait_for("matches in")
        term.send("Enter")
        term.wait_for("Esc search results")
        settle(term)
        lines = term.capture().splitlines()
        x, y = term.cursor()
        marked = [n for n, line in enumerate(lines) if line.lstrip().startswith("»")]
        assert len(marked) == 1, "the match's line is marked with »:\n" + "\n".join(lines)
        assert marked[0] > 1, "the match should not be on the first line in view"
        assert y == marked[0], f"the cursor is on row {y}: {lines[y]!r}, the match on row {marked[0]}"
        assert "biopsy" in lines[y].lower() and lines[y][x:x + 1].strip(), "the cursor is not on its text"
    finally:
        term.close()


def first_line_in_view(term, title: str, width: int) -> str:
    """The first line of text below the section's title (the scroll bar, in the terminal's last
    column, left out)."""
    lines = [row[:width - 1].strip() for row in term.capture().splitlines()]
    top = lines.index(title) + 1
    return next(row.removeprefix("•").strip() for row in lines[top:] if row)


def paragraph_of(units, line: str) -> int:
    """The one paragraph whose text holds `line`."""
    found = [n for n, unit in enumerate(units) if line in " ".join(unit.text.split())]
    assert len(found) == 1, f"{line!r} is in paragraphs {found}: pick a line only one holds"
    return found[0]


@pytest.mark.parametrize("keys", [["PageDown", "PageDown"], ["PageDown"] * 4 + ["Down"] * 3])
def test_a_resize_keeps_the_paragraph_at_the_top_of_the_view(tmp_path, guide, keys):
    """A resize rewraps the text; the view kept its scroll row, so another paragraph came to
    the top (the reader lost their place, as a text size change no longer makes them do). The
    paragraph at the top before is at the top after, from its first line, with the cursor on
    it; narrower, and back wider. Only the height changed, nothing moves."""
    from tui.core.reading import reading_units
    section = guide.sections[8]
    units = reading_units(section)
    term = open_app(tmp_path, 80, 24)
    try:
        term.send("9")
        term.wait_for("Section 9 of")
        term.send(*keys)
        settle(term)
        top = first_line_in_view(term, section.title, 80)
        unit = paragraph_of(units, top)
        term.tmux("resize-window", "-t", term.name, "-x", "80", "-y", "21")  # nothing rewraps:
        settle(term, 0.8)  # the view stays exactly where it was (not back to the paragraph's start)
        assert first_line_in_view(term, section.title, 80) == top, term.capture()
        for width, height in [(48, 24), (80, 24)]:
            term.tmux("resize-window", "-t", term.name, "-x", str(width), "-y", str(height))
            settle(term, 0.8)
            line = first_line_in_view(term, section.title, width)
            assert " ".join(units[unit].text.split()).startswith(line), \
                f"at {width}x{height} the view shows {line!r}, not the start of paragraph {unit + 1}:\n" + \
                term.capture()
            assert_cursor_on_first_line_in_view(term, section.title, f"a resize to {width}x{height}")
    finally:
        term.close()


@pytest.mark.parametrize("name,there,back", [l for l in LISTS if l[0] in ("help", "glossary")],
                         ids=["help", "glossary"])
def test_the_focus_stays_in_view_with_the_cursor_on_it_after_a_resize(tmp_path, name, there, back):
    """A list grown taller scrolled back to its top; made short again, its chosen row stayed
    below the view, and the cursor went to the status line, where a magnifier followed it."""
    term = open_app(tmp_path, 80, 24)
    try:
        term.send(*there)
        term.send("End")
        settle(term)
        before = marked(term)[1]
        assert len(before) == 1, f"{name}: no focus after End"
        for width, height in [(80, 60), (80, 24), (60, 16)]:
            term.tmux("resize-window", "-t", term.name, "-x", str(width), "-y", str(height))
            settle(term, 0.8)
            rows = marked(term)[1]
            assert len(rows) == 1, f"{name} at {width}x{height}: the chosen row is not in view"
            y, x = rows[0]
            assert term.cursor() == (x, y), \
                f"{name} at {width}x{height}: the cursor is at {term.cursor()}, the focus at {(x, y)}"
    finally:
        term.close()


def assert_cursor_on(term, words: str, after: str) -> None:
    """The cursor is on the row where `words` begin, at or just before their first letter."""
    x, y = term.cursor()
    lines = term.capture().splitlines()
    line = lines[y] if y < len(lines) else ""
    assert words in line and line[x:].lstrip().startswith(words) and not line[:x].strip(), \
        f"{after}: the cursor {x, y} is not where {words!r} begins:\n" + "\n".join(lines)


def test_the_cursor_is_on_the_words_of_the_disclaimer_and_the_offer_to_continue(tmp_path, guide):
    """On screens with no list (the disclaimer, the offer to continue) the cursor sat at the top
    left corner, on nothing: a magnifier following it showed a blank corner."""
    first_words = " ".join(guide.disclaimer.split()[:4])
    term = start_app(tmp_path, 80, 24)
    try:
        term.wait_for("Press any key to continue")
        settle(term)
        assert_cursor_on(term, first_words, "the disclaimer")
        term.tmux("resize-window", "-t", term.name, "-x", "50", "-y", "20")
        settle(term, 0.8)
        assert_cursor_on(term, first_words, "the disclaimer, resized")
        term.send("x", "3")
        term.wait_for("Section 3 of")
        term.send("q")
    finally:
        term.close()
    again = start_app(tmp_path, 80, 24)
    try:
        again.wait_for("Press any key to continue")
        again.send("Space")
        again.wait_for("Continue where you left off")
        settle(again)
        assert_cursor_on(again, "Continue where you left off", "the offer to continue")
    finally:
        again.close()
