"""Big block letters: shapes, wrapping within the width, sensible splits, and the widget."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tui.ui.widgets import BigText
from tui.ui.widgets.big_text import (
    BLOCK,
    FONT,
    FONT_HEIGHT,
    big_height,
    big_lines,
    big_width,
    fit_scale,
)

HI = [
    "█   █ ███",
    "█   █  █",
    "█████  █",
    "█   █  █",
    "█   █ ███",
]


def test_hi_matches_the_pattern():
    assert big_lines("HI", 40) == HI


def test_case_insensitive():
    assert big_lines("hi", 40) == big_lines("HI", 40) == big_lines("Hi", 40)


def test_only_blocks_and_spaces():
    for line in big_lines("Call 999 now: pain, numbness & weakness?", 30):
        assert set(line) <= {BLOCK, " "}


def test_every_glyph_is_rectangular_and_five_rows_high():
    for char, rows in FONT.items():
        assert len(rows) == FONT_HEIGHT, char
        assert len({len(row) for row in rows}) == 1, char
        assert any(BLOCK in row for row in rows), char


def test_unknown_characters_are_drawn_as_question_mark():
    assert big_lines("é", 40) == big_lines("?", 40)
    assert big_lines("~", 40) == big_lines("?", 40)


def test_typographic_quotes_and_dashes_are_plain():
    assert big_lines("don\u2019t", 80) == big_lines("don't", 80)
    assert big_lines("a\u2013b", 80) == big_lines("a-b", 80)


def test_empty_text():
    assert big_lines("", 40) == []
    assert big_lines("   ", 40) == []
    assert big_height("", 40) == 0


@pytest.mark.parametrize("width", [5, 6, 9, 12, 17, 20, 33, 40, 80])
def test_wrapping_keeps_every_row_within_the_width(width):
    text = "Sudden weakness or numbness in the legs: call 999 now. Bone-metastases 2024."
    lines = big_lines(text, width)
    assert lines
    assert all(len(line) <= width for line in lines), max(len(line) for line in lines)


def test_wrapped_lines_are_whole_letters_separated_by_a_blank_row():
    lines = big_lines("HI HI", 12)  # "HI" is 9 wide; two need 21
    assert lines == HI + [""] + HI
    assert big_height("HI HI", 12) == 11
    assert big_height("HI HI", 40) == 5


def test_words_stay_together_when_they_fit():
    # "BONE" and "PAIN" are 23 wide each: one word per line at width 30.
    lines = big_lines("bone pain", 30)
    assert lines == big_lines("bone", 30) + [""] + big_lines("pain", 30)


def test_long_word_splits_into_pieces_that_fit():
    width = 23  # four 5-wide letters with gaps
    lines = big_lines("METASTASES", width)
    expected = []
    for piece in ("META", "STAS", "ES"):
        if expected:
            expected.append("")
        expected += big_lines(piece, width)
    assert lines == expected


def test_long_hyphenated_word_splits_after_the_hyphen():
    lines = big_lines("x-rays", 30)  # 'X-RAYS' is 33 wide
    assert lines == big_lines("x-", 30) + [""] + big_lines("rays", 30)


def test_too_narrow_for_one_letter_falls_back_to_plain_text():
    assert big_lines("Call now", 4) == ["Call", "now"]
    assert all(len(line) <= 3 for line in big_lines("Call now please", 3))


def test_width_and_height_measurements():
    assert big_width("HI") == 9
    assert big_width("HI HI") == 21
    assert big_width("HI", scale=2) == 18
    assert big_height("HI", 40, scale=2) == 10


def test_scale_doubles_each_pixel():
    lines = big_lines("I", 40, scale=2)
    assert lines == [row for r in big_lines("I", 40) for row in (r.replace(BLOCK, BLOCK * 2).replace(" ", "  "),) * 2]


def test_scale_falls_back_when_a_letter_would_not_fit():
    assert big_lines("M", 6, scale=2) == big_lines("M", 6)


def test_fit_scale_picks_the_largest_that_fits():
    assert fit_scale("HI", 40, 5) == 1
    assert fit_scale("HI", 40, 10) == 2
    assert fit_scale("HI", 40, 16) == 3
    assert fit_scale("HI", 40, 100, max_scale=4) == 4
    assert fit_scale("HI", 20, 100) == 2  # 3 would need 27 columns
    assert fit_scale("A very long sentence indeed", 20, 4) == 1
    # Splitting a word is the last resort: "HELLO" is 29 wide, so 20 columns need scale 1.
    assert fit_scale("hello", 20, 100) == 1


class Show(App):
    CSS = """
    #centred { text-align: center; }
    #magnifier { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield BigText("Hi", id="plain")
        yield BigText("Hi", id="centred")
        yield BigText("Hi", id="magnifier", fill=True)


def _screen_rows(widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_widget_draws_reflows_and_aligns():
    app = Show()
    async with app.run_test(size=(21, 30)) as pilot:
        await pilot.pause()
        plain = app.query_one("#plain", BigText)
        assert plain.size.height == 5
        assert [row.rstrip() for row in _screen_rows(plain)] == HI
        centred = app.query_one("#centred", BigText)
        assert [row.rstrip() for row in _screen_rows(centred)] == [" " * 6 + r for r in HI]
        # Magnifier: 30 - 10 rows left; scale 2 needs 10 rows and 18 columns.
        magnifier = app.query_one("#magnifier", BigText)
        assert magnifier.effective_scale() == 2
        assert magnifier.lines() == big_lines("Hi", 21, 2)

        plain.text = "Hi Hi Hi"  # 33 columns
        await pilot.pause()
        assert plain.size.height == 11  # wrapped onto two lines

        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        assert plain.size.height == 5  # reflowed onto one line
        assert all(len(row) == 40 for row in _screen_rows(plain))
        assert plain.plain == "Hi Hi Hi"


def test_line_spans_give_each_wrapped_line_its_five_rows():
    from tui.ui.widgets.big_text import big_line_spans
    rows = big_lines("one two three four", 30)
    spans = big_line_spans("one two three four", 30)
    assert len(spans) == 4 and [n for n, _ in spans] == [0, 6, 12, 18]
    for top, height in spans:
        assert height == 5 and rows[top] and (top == 0 or not rows[top - 1])
    assert big_line_spans("hello", 3) == [(0, 1), (1, 1)]  # plain text when too narrow: a line a row


def test_line_at_finds_the_line_that_draws_a_word():
    from tui.ui.widgets.big_text import big_line_at
    text = "one two three four"
    assert [big_line_at(text, text.index(w), 30) for w in text.split()] == [0, 1, 2, 3]
    assert big_line_at(text, text.index("hree"), 30) == 2  # a match inside a word
    assert big_line_at(text, text.index("four"), 400) == 0  # all on one line


def test_magnified_sentences_no_longer_shown_are_not_kept_in_memory():
    """A patient steps through a section at the magnifier size while the terminal is resized:
    each sentence is laid out at up to four scales (80 KB each on average at scale 4). Only what
    is on screen needs keeping; a kiosk must not hold hundreds of past sentences' letters."""
    import gc
    import tracemalloc

    sentences = [f"Sentence {n} says something about bone metastases and their treatment."
                 for n in range(80)]
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for width in (60, 100, 160):
            for text in sentences:
                scale = fit_scale(text, width, 40)  # as the magnifier chooses its size
                big_lines(text, width, scale)
        gc.collect()
        grown = tracemalloc.take_snapshot().compare_to(before, "filename")
    finally:
        tracemalloc.stop()
    kept = sum(stat.size_diff for stat in grown if stat.traceback[0].filename.endswith("big_text.py"))
    assert kept < 1_000_000, f"{kept / 1e6:.1f} MB of block letters kept for sentences gone from the screen"


class ScrolledLetters(App):
    def compose(self) -> ComposeResult:
        from tui.ui.widgets.block_scroll import BlockLineScroll
        with BlockLineScroll(id="box"):
            yield BigText("A sentence long enough to wrap onto more lines", fill=True)


async def test_a_resize_after_the_letters_are_gone_does_no_harm():
    """A resize's after-refresh snap of the magnifier's box can run while its screen is being
    taken down and its letters are gone already (the kiosk soak stopped on this)."""
    app = ScrolledLetters()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await app.query_one(BigText).remove()
        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.return_code is None
