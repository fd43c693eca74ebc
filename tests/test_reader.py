"""The reader driven through Textual's pilot on the real bundled guide."""

from __future__ import annotations

import pytest
from conftest import notices, screen_text

from tui.ui.screens.contents import ContentsScreen
from tui.ui.screens.section import SectionScreen

SIZE = (80, 30)


async def test_contents_lists_numbered_sections_and_warning_entry(make_app, guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert guide.title in text
        assert "⚠ WARNING SIGNS" in text and "press 0" in text
        assert f"1  {guide.sections[0].title}" in text
        assert guide.sections[0].summary in text
        assert "Enter to open" in text


async def test_digit_opens_that_section_with_status_line(make_app, guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        text = screen_text(app)
        assert guide.sections[2].title in text
        # The status line: where you are. (Its copy of the title, shown above, gives way at 80
        # columns to the paragraph and the keys: the line is one row.)
        status = text.splitlines()[-1]
        assert f"Section 3 of {len(guide.sections)}" in status and "paragraph 1 of" in status
        first_words = " ".join(guide.sections[2].text().split()[:4])
        assert first_words in " ".join(text.split())


async def test_arrows_enter_home_end_on_contents(make_app, guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert f"Section 2 of {len(guide.sections)}" in screen_text(app)
        await pilot.press("escape")
        # End and Home: the guide's last and first section, not this page's last and first
        # row (from the second page, Home never reached section 1).
        await pilot.press("end", "enter")
        await pilot.pause()
        last = len(guide.sections)
        assert f"Section {last} of {len(guide.sections)}" in screen_text(app)
        await pilot.press("backspace", "home", "enter")
        await pilot.pause()
        assert f"Section 1 of {len(guide.sections)}" in screen_text(app)


async def test_next_previous_and_back_keys(make_app, guide):
    app = make_app()
    n = len(guide.sections)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "right")
        await pilot.pause()
        assert f"Section 2 of {n} — {guide.sections[1].title}" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert f"Section 3 of {n}" in screen_text(app)
        await pilot.press("p", "left")
        await pilot.pause()
        assert f"Section 1 of {n}" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert f"Section 1 of {n}" in screen_text(app)  # nothing before the first
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        assert len(app.screen_stack) == 2  # n/p replace the section, never pile up


async def test_scrolling_reaches_the_end_and_says_so(make_app, guide):
    app = make_app()
    async with app.run_test(size=(60, 14)) as pilot:
        longest = max(range(len(guide.sections[:9])), key=lambda i: len(guide.sections[i].text()))
        await pilot.press(str(longest + 1))
        await pilot.pause()
        page = app.screen.query_one("#page")
        assert page.max_scroll_y > 0, "the longest section should not fit in 14 rows"
        assert "End of section" not in app.screen.query_one("#status").content.__str__()
        await pilot.press("down")
        await pilot.pause()
        assert page.scroll_y == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert page.scroll_y > 2
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "End of section" in text
        assert f"End of section {longest + 1}." in text
        await pilot.press("home")
        await pilot.pause()
        assert page.scroll_y == 0
        status = screen_text(app).splitlines()[-1]  # at 60 columns, the short form fits
        assert "paragraph 1 of" in status or "para 1/" in status


async def test_lines_stay_short_on_a_wide_terminal(make_app, guide):
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        text = app.screen.query_one("SectionText")
        assert text.size.width <= 72
        lines = text.plain_lines()
        assert any(lines)
        for line in lines:
            assert len(line) <= 72


async def test_search_opens_section_at_highlighted_match(make_app, guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert "Search the guide" in screen_text(app)
        await pilot.press(*"biopsy")
        await pilot.pause()
        text = screen_text(app)
        assert "«biopsy»" in text.lower() or "«Biopsy»" in text
        assert "matches in" in text
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        text = app.screen.query_one("SectionText")
        marked = [u for u in range(len(text.units)) if text.match_span(u)]
        assert len(marked) == 1
        start, end = text.match_span(marked[0])
        assert "biopsy" in text.units[marked[0]].text[start:end].lower()
        assert "» " in screen_text(app)  # a marker, not colour alone
        # The section says where Escape goes: back to the results, not the contents (issue 17).
        text = " ".join(screen_text(app).split())
        assert "Esc search results" in text and "Esc contents" not in text
        await pilot.press("w")
        await pilot.pause()
        assert "Press Escape to go back to the search results." in " ".join(screen_text(app).split())
        await pilot.press("right")  # the next section is still over the results
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Press Escape for the search results." in text and "Esc search results" in text
        assert "contents" not in text.replace("Table of contents", "")
        await pilot.press("escape")  # back to the results, not the contents (issue 17)
        await pilot.pause()
        assert app.screen.name == "search" and app.screen.hits
        assert app.screen.query_one("#results").has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)


async def test_search_with_no_match_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zebrafish")
        await pilot.pause()
        assert "No matches" in screen_text(app)


async def test_glossary_all_terms_and_section_terms(make_app, guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert f"All {len(guide.glossary)} words" in text
        first = sorted(guide.glossary, key=lambda e: e.term.lower())[0]
        assert first.term in text
        await pilot.press("escape")
        await pilot.press("1", "g")
        await pilot.pause()
        text = screen_text(app)
        assert f"used in “{guide.sections[0].title}”" in text or "uses no glossary words" in text
        await pilot.press("a")
        await pilot.pause()
        assert f"All {len(guide.glossary)} words" in screen_text(app)


async def test_help_lists_keys_of_the_screen_and_disclaimer_is_reachable(make_app, guide):
    app = make_app()
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("1", "question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Help: keys for the section screen" in text
        assert "Right" in text and "Next section" in text
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert "Help: keys" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert guide.disclaimer[:40] in " ".join(screen_text(app).split())


async def test_where_am_i_shows_and_speaks_with_self_voicing(make_app, guide):
    from tui.core.settings import Settings
    app = make_app(Settings(self_voicing=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "w")
        await pilot.pause(0.3)
        expected = f"Section 2 of {len(guide.sections)}: {guide.sections[1].title}. Paragraph 1 of"
        assert expected in notices(app)
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert any(expected in s for s in spoken)


async def test_disclaimer_shown_first_and_any_key_continues(make_app, guide):
    app = make_app(show_disclaimer=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Before you start" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)


async def test_too_small_terminal_asks_to_enlarge_then_recovers(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        await pilot.pause()
        assert "Please enlarge the window" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)


async def test_smallest_supported_terminal_shows_status_and_text(make_app, guide):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "Please enlarge" not in text
        status = text.splitlines()[-1]  # the status line, fitted to 40 columns
        assert "Section 1/" in status or "Section 1 of" in status
        assert "? help" in status and "Esc " in status
        assert guide.sections[0].text().split()[0] in text


async def test_command_palette_is_off(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)


async def test_cursor_follows_the_highlighted_item(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.cursor_position
        await pilot.press("down")
        await pilot.pause()
        await pilot.pause()
        assert app.cursor_position.y > first.y


async def test_magnifier_steps_sentence_by_sentence(make_app, guide):
    from tui.core.reading import reading_units
    from tui.core.settings import Settings
    app = make_app(Settings(size="magnifier"))
    sentences = [s for u in reading_units(guide.sections[0]) for s in u.sentences]
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        big = app.screen.query_one("#magnified")
        assert big.plain == sentences[0]
        assert "█" in screen_text(app)
        assert f"sentence 1 of {len(sentences)}" in screen_text(app)
        await pilot.press("right", "right")
        await pilot.pause()
        assert big.plain == sentences[2]
        await pilot.press("left")
        await pilot.pause()
        assert big.plain == sentences[1]
        await pilot.press("r")  # reading starts at the sentence on screen
        assert app.speaker_double().calls("speak")[-1][1] == sentences[1:]
        await pilot.press("n")  # n still moves a whole section
        await pilot.pause()
        assert app.screen.index == 1
        second = reading_units(guide.sections[1])[0].sentences[0]
        assert big.plain == second  # and starts it at its first sentence
        assert "sentence 1 of" in screen_text(app)


async def test_self_voicing_speaks_moves_and_help_rows(make_app, guide):
    from tui.core.settings import Settings
    app = make_app(Settings(self_voicing=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await pilot.pause()
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert f"2. {guide.sections[1].title}" in spoken
        await pilot.press("f1", "down")
        await pilot.pause()
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert any(s.startswith("Enter: Open the chosen section") for s in spoken)
    quiet = make_app(Settings(self_voicing=False))
    async with quiet.run_test(size=SIZE) as pilot:
        await pilot.press("down", "f1", "down", "escape", "1")
        await pilot.pause()
        assert not quiet.speaker_double().calls("speak")


async def test_next_section_starts_fresh_at_the_top(make_app, guide):
    """n after a search match: the new section shows no stale match and starts at its top."""
    app = make_app()
    async with app.run_test(size=(60, 14)) as pilot:
        await pilot.press("slash", *"biopsy", "enter", "enter")
        await pilot.pause()
        index = app.screen.index
        assert "» " in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.index == index + 1
        text = app.screen.query_one("SectionText")
        assert text.match is None and text.spoken is None
        assert "» " not in screen_text(app)
        assert app.screen.query_one("#page").scroll_y == 0
        shown = screen_text(app)
        assert guide.sections[index + 1].title in shown.splitlines()[0]
        assert f"Section {index + 2} of {len(guide.sections)}" in shown.splitlines()[-1]
        status = screen_text(app).splitlines()[-1]  # at 60 columns, the short form fits
        assert "paragraph 1 of" in status or "para 1/" in status
        assert f"End of section {index + 2}." in " ".join(
            str(app.screen.query_one("#end-note").content).split())


async def test_a_very_common_word_lists_the_first_forty_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"the")
        await pilot.pause()
        assert "Many matches: the first 40" in " ".join(screen_text(app).split())
        assert app.screen.query_one("#results").option_count == 40


async def test_search_counts_one_match_in_the_singular(make_app, guide):
    from tui.core.reading import search
    assert len(search(guide, "fracture")) == 1, "the guide changed: pick a word found once"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"fracture")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "1 match in 1 section." in text
        assert "1 matches" not in text and "1 sections" not in text


async def test_search_puts_the_terminal_cursor_in_the_box(make_app):
    """A screen magnifier follows the terminal cursor: as search opens it must be where typing
    goes (it was left on the title line)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.pause()
        box = app.screen.query_one("#query")
        assert box.content_region.contains_point(app.cursor_position)
        await pilot.press("f")
        await pilot.pause()
        assert box.content_region.contains_point(app.cursor_position)


async def test_magnifier_home_and_end_go_to_the_first_and_last_sentence(make_app, guide):
    """Help and README say Home / End go to the top or end of the section; at the magnifier size
    they stayed on the sentence shown. Each move is said, as Right and Left are."""
    from tui.core.reading import reading_units
    from tui.core.settings import Settings
    app = make_app(Settings(size="magnifier", self_voicing=True))
    sentences = [s for u in reading_units(guide.sections[1]) for s in u.sentences]
    assert len(sentences) > 3
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "right", "right")
        await pilot.pause()
        big = app.screen.query_one("#magnified")
        await pilot.press("end")
        await pilot.pause()
        assert big.plain == sentences[-1]
        assert f"sentence {len(sentences)} of {len(sentences)}" in screen_text(app)
        assert app.speaker_double().calls("speak")[-1][1] == sentences[-1]
        await pilot.press("home")
        await pilot.pause()
        assert big.plain == sentences[0]
        assert f"sentence 1 of {len(sentences)}" in screen_text(app)
        assert app.speaker_double().calls("speak")[-1][1] == sentences[0]


@pytest.mark.parametrize("width", [100, 50])
@pytest.mark.parametrize("key", ["down", "pagedown"])
async def test_magnifier_down_with_the_whole_sentence_shown_says_so(make_app, key, width):
    """At the magnifier size, Down and PageDown on a sentence that fits did nothing and said
    nothing; they say the whole sentence is shown and that Right goes on. And the message takes
    nothing from the letters: on a sentence that filled the view exactly, it hid the last row
    of letters (cut in half, unreadable) while saying the whole sentence was shown."""
    from tui.core.settings import Settings
    app = make_app(Settings(size="magnifier"))
    async with app.run_test(size=(width, 60)) as pilot:  # the rows around the box of letters
        await pilot.press("1")
        await pilot.pause()
        box = app.screen.query_one("#magnifier")
        around = 60 - box.scrollable_content_region.height
        sentence = [row.rstrip() for row in box.letters.lines() if "█" in row]
        height = len(box.letters.lines()) + around
    app = make_app(Settings(size="magnifier", self_voicing=True))
    async with app.run_test(size=(width, height)) as pilot:  # the sentence fills the view exactly
        await pilot.press("1")
        await pilot.pause()
        before = letter_rows(app)
        assert [row.rstrip() for row in before] == sentence, "the sentence is not shown whole"
        assert "whole sentence" not in screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        after = screen_text(app)
        assert "The whole sentence is shown. Press → for the next sentence." in " ".join(after.split())
        assert letter_rows(app) == before, "the message moved or cut the letters"
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert "The whole sentence is shown. Right arrow: next sentence." in spoken


async def test_magnifier_down_at_the_end_of_the_guide_says_so(make_app):
    """Down past the last sentence of the last section sent the reader to a next section that
    is not there (→ then only said this is the last section): it says this is the end."""
    from tui.core.settings import Settings
    app = make_app(Settings(size="magnifier", self_voicing=True))
    async with app.run_test(size=(100, 48)) as pilot:
        await pilot.press("end", "enter")  # the last section
        await pilot.pause()
        await pilot.press("end", "end", "down")  # its last sentence, its end in view
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "This is the end of the guide. Press Escape for the contents." in flat
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert spoken[-1] == "This is the end of the guide."


def letter_rows(app) -> list[str]:
    """The rows of block letters on screen (in the magnifier's columns: not its scroll bar)."""
    view = app.screen.query_one("#magnifier").scrollable_content_region
    rows = [line[view.x:view.right] for line in screen_text(app).splitlines()]
    return [row for row in rows if "█" in row]


@pytest.mark.parametrize("key", ["up", "pageup"])
async def test_magnifier_up_at_the_start_of_the_sentence_says_so(make_app, key):
    """At the magnifier size, Up and PageUp at the top of a sentence did nothing and said
    nothing (a key that seems not to work, to someone who cannot see the screen); they say this
    is the start of the sentence and which key goes back: the previous sentence, or section."""
    from tui.core.settings import Settings
    app = make_app(Settings(size="magnifier", self_voicing=True))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("2", "right")  # sentence 2, too long for the view
        await pilot.pause()
        top = letter_rows(app)[:5]  # the first line of letters, five rows high
        await pilot.press(key)
        await pilot.pause()
        assert letter_rows(app)[:5] == top, "the letters moved"
        flat = " ".join(screen_text(app).split())
        assert "This is the start of the sentence. Press ← for the previous sentence." in flat
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert spoken[-1] == "This is the start of the sentence. Left arrow: previous sentence."
        await pilot.press("down")  # a move clears it; back up at the top says it again
        await pilot.pause()
        assert "start of the sentence" not in " ".join(screen_text(app).split())
        await pilot.press("up")
        await pilot.pause()
        assert "start of the sentence" not in " ".join(screen_text(app).split()), "Up did not move"
        await pilot.press("left", key)  # the first sentence: Left goes to the previous section
        await pilot.pause()
        assert "Press ← for the previous section." in " ".join(screen_text(app).split())
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert spoken[-1].endswith("Left arrow: previous section.")
    app = make_app(Settings(size="magnifier", self_voicing=True))
    async with app.run_test(size=(100, 48)) as pilot:  # the first sentence of the guide, whole
        await pilot.press("1", key)
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "This is the start of the guide. Press Escape for the contents." in flat
        spoken = [e[1] for e in app.speaker_double().calls("speak")]
        assert spoken[-1] == "This is the start of the guide."


async def test_escape_to_the_contents_marks_the_section_just_read(make_app, guide):
    """Back at the contents, the ▶ marker and the highlight were on item 1 whatever was read;
    they are on the section being read when Escape was pressed (after n and p too)."""
    from tui.ui.widgets.focus_list import FOCUS_MARK
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n", "n", "p")  # reading section 4
        await pilot.pause()
        assert app.screen.index == 3
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        marked = [line for line in screen_text(app).splitlines() if line.lstrip().startswith(FOCUS_MARK.strip())]
        assert len(marked) == 1 and f"4  {guide.sections[3].title}" in marked[0], marked
        await pilot.press("enter")  # Enter opens what is marked
        await pilot.pause()
        assert app.screen.index == 3
        await pilot.press("escape", "9", "n", "escape")  # section 10: on the second page
        await pilot.pause()
        marked = [line for line in screen_text(app).splitlines() if line.lstrip().startswith(FOCUS_MARK.strip())]
        assert len(marked) == 1 and f"{guide.sections[9].title}  (section 10)" in marked[0], marked

