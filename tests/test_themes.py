"""Themes: every declared and every rendered text/background pair is at least 7:1.

Also checks the contrast arithmetic and the screenshot reader that the checks rely on.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Footer, Input, OptionList, Static

from support.contrast import (
    contrast_ratio,
    low_contrast_runs,
    pairs_from_svg,
    relative_luminance,
    runs_from_svg,
    to_hex,
)
from support.themes import MEASURABLE_THEMES, ROLE_PAIRS, declared_pairs, role_defaults
from tui.ui.themes import CONTRAST_CSS, THEME_LABELS, THEME_NAMES, THEMES, register_themes
from tui.ui.widgets import BigText

MINIMUM = 7.0

# ------------------------------------------------------------------ contrast arithmetic


def test_white_on_black_is_21():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_same_colour_is_1():
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


@pytest.mark.parametrize(
    "fg, bg, expected",
    [
        ("#767676", "#ffffff", 4.54),  # the well-known lightest AA grey on white
        ("#595959", "#ffffff", 7.00),  # the well-known lightest AAA grey on white
        ("#ff0000", "#ffffff", 4.00),
        ("#0000ff", "#ffffff", 8.59),
        ("#ffff00", "#000000", 19.56),
        ("#777777", "#888888", 1.26),
    ],
)
def test_known_pairs(fg, bg, expected):
    assert contrast_ratio(fg, bg) == pytest.approx(expected, abs=0.01)


def test_luminance_endpoints_and_formats():
    assert relative_luminance("#000") == 0.0
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance(Color(255, 255, 255)) == pytest.approx(1.0)
    assert relative_luminance((255, 0, 0)) == pytest.approx(0.2126)
    assert contrast_ratio(Color.parse("#595959"), "white") == pytest.approx(7.0, abs=0.01)
    assert to_hex("#ABC") == "#aabbcc"


# ------------------------------------------------------------------ screenshot reading


class KnownColours(App):
    CSS = """
    Screen { background: #000000; }
    #grey { color: #777777; background: #888888; }
    #blank { color: #ff0000; background: #00ff00; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Hello world", id="grey")
        yield Static("   ", id="blank")


async def test_pairs_from_svg_finds_exactly_the_drawn_pair():
    app = KnownColours()
    async with app.run_test(size=(20, 4)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    # The blank Static's colours are never used for a visible character.
    assert pairs_from_svg(svg) == {("#777777", "#888888")}
    (fg, bg), = pairs_from_svg(svg)
    assert contrast_ratio(fg, bg) == pytest.approx(1.26, abs=0.01)
    runs = runs_from_svg(svg)
    assert [(r.text, r.row, r.column) for r in runs] == [("Hello world", 0, 0)]
    assert len(low_contrast_runs(svg)) == 1


class TwoRows(App):
    CSS = """
    Screen { background: #101010; }
    #a { color: #ffffff; background: #000000; width: 6; }
    #b { color: #000000; background: #ffff00; width: 6; }
    #c { color: #eeeeee; width: 6; }
    """

    def compose(self) -> ComposeResult:
        yield Static("aa", id="a")
        yield Static("  bb", id="b")
        yield Static("cc", id="c")


async def test_pairs_from_svg_matches_each_row_and_column():
    app = TwoRows()
    async with app.run_test(size=(12, 4)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    runs = {r.text.strip(): r for r in runs_from_svg(svg)}
    assert (runs["aa"].foreground, runs["aa"].background, runs["aa"].row) == ("#ffffff", "#000000", 0)
    assert (runs["bb"].foreground, runs["bb"].background, runs["bb"].row) == ("#000000", "#ffff00", 1)
    # No background of its own: the Screen's shows through (Textual blends it in).
    assert (runs["cc"].foreground, runs["cc"].background, runs["cc"].row) == ("#eeeeee", "#101010", 2)
    assert pairs_from_svg(svg) == {("#ffffff", "#000000"), ("#000000", "#ffff00"), ("#eeeeee", "#101010")}


# ------------------------------------------------------------------ the themes


def test_names_and_labels():
    assert len(THEME_NAMES) >= 5
    assert THEME_NAMES[0] == "high-contrast-dark"
    assert len(set(THEME_NAMES)) == len(THEME_NAMES)
    assert set(THEME_LABELS) == set(THEME_NAMES)
    assert all(label and label[0].isupper() for label in THEME_LABELS.values())
    assert "terminal" in THEME_NAMES
    assert {t.name for t in THEMES} == set(THEME_NAMES)


@pytest.mark.parametrize("theme", MEASURABLE_THEMES, ids=lambda t: t.name)
def test_declared_pairs_are_at_least_7_to_1(theme):
    failures = [
        f"{theme.name}: {label} {fg} on {bg} is {contrast_ratio(fg, bg):.2f}:1"
        for label, fg, bg in declared_pairs(theme)
        if contrast_ratio(fg, bg) < MINIMUM
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_every_theme_defines_the_roles(theme):
    for _role, text_var, background_var in ROLE_PAIRS:
        assert text_var in theme.variables and background_var in theme.variables
    for role in ("spoken", "match", "status", "alert"):
        style = theme.variables[f"style-{role}"]
        # Each role is marked by something other than colour, or by reverse video.
        assert {"bold", "underline", "reverse"} & set(style.split()), (theme.name, role)
    # The focused row: reverse video where the colours are the terminal's own, otherwise the
    # theme's focus background, which must stand out from the page by >= 3:1 (WCAG 2.4.13).
    if theme.ansi:
        assert "reverse" in theme.variables["block-cursor-text-style"]
    else:
        focus = theme.variables["background-focus"]
        assert theme.variables["block-cursor-background"] == focus
        assert contrast_ratio(focus, theme.background) >= 3.0, theme.name


def test_low_blue_amber_has_no_blue():
    theme = next(t for t in THEMES if t.name == "low-blue-amber")
    colours = [theme.foreground, theme.background, theme.primary, theme.error]
    colours += [v for v in theme.variables.values() if v.startswith("#")]
    assert all(Color.parse(c).b == 0 for c in colours), [c for c in colours if Color.parse(c).b]


def test_terminal_theme_uses_native_ansi():
    theme = next(t for t in THEMES if t.name == "terminal")
    assert theme.ansi


class Sample(App):
    """A small app with the widgets the reader uses, in the given theme."""

    CSS = CONTRAST_CSS + """
    #spoken { color: $text-spoken; background: $background-spoken; text-style: $style-spoken; }
    #match { color: $text-match; background: $background-match; text-style: $style-match; }
    #status { color: $text-status; background: $background-status; text-style: $style-status; }
    #alert { color: $text-alert; background: $background-alert; text-style: $style-alert;
             border: heavy $text-alert; }
    #muted { color: $text-muted; }
    #panel { background: $panel; color: $foreground; }
    OptionList { height: 5; }
    #big { color: $text-alert; background: $background-alert; }
    """

    def __init__(self, theme: str, focus: str = "options") -> None:
        super().__init__()
        self._theme_name = theme
        self._focus = focus
        register_themes(self)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **role_defaults(self.current_theme)}

    def compose(self) -> ComposeResult:
        yield BigText("Red flags", id="big")
        yield Static("Body text about bone metastases.")
        yield Static("The sentence being read.", id="spoken")
        yield Static("A search match.", id="match")
        yield Static("Page 2 of 9.", id="status")
        yield Static("Call 999 now.", id="alert")
        yield Static("Muted text.", id="muted")
        yield Static("Panel text.", id="panel")
        yield OptionList(*[f"Section {n}" for n in range(1, 9)], id="options")
        yield Input(value="pain", placeholder="Search", id="search")
        yield Input(placeholder="Type a word", id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.theme = self._theme_name
        self.bind("q", "quit", description="Quit")
        self.query_one(OptionList).highlighted = 2
        self.query_one(f"#{self._focus}").focus()


@pytest.mark.parametrize("focus", ["options", "search", "empty"])
@pytest.mark.parametrize("theme", MEASURABLE_THEMES, ids=lambda t: t.name)
async def test_rendered_pairs_are_at_least_7_to_1(theme, focus):
    app = Sample(theme.name, focus)
    async with app.run_test(size=(60, 50)) as pilot:
        await pilot.pause()
        assert app.theme == theme.name
        svg = app.export_screenshot()
    pairs = pairs_from_svg(svg)
    assert len(pairs) >= 4, pairs  # body, roles, cursor, footer... really were drawn
    bad = low_contrast_runs(svg, MINIMUM)
    assert not bad, f"{theme.name} (focus {focus}):\n" + "\n".join(map(str, bad))


async def test_every_theme_switches_live_including_terminal():
    app = Sample(THEME_NAMES[0])
    async with app.run_test(size=(60, 30)) as pilot:
        for name in THEME_NAMES:
            app.theme = name
            await pilot.pause()
            assert app.current_theme.name == name
        # Textual switches to native ANSI output by itself for the terminal theme...
        assert app.native_ansi_color
        app.theme = THEME_NAMES[0]
        await pilot.pause()
        # ...and back to true colour for the others.
        assert not app.native_ansi_color


async def test_builtin_theme_still_parses_with_role_fallbacks():
    app = Sample("nord")
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert app.query_one("#spoken").styles.text_style.reverse
