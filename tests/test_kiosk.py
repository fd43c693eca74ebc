"""Kiosk mode driven through Textual's pilot: locked down, idle reset, numeric keypad, errors."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import time
import weakref
from pathlib import Path

import pytest
import yaml
from conftest import RecordingSpeaker, notices, screen_text

from tui.core.load import parse_guide
from tui.kiosk.app import KioskApp
from tui.kiosk.errors import error_log_path
from tui.kiosk.config import DEFAULT_EXIT_KEYS, KioskConfig
from tui.ui.screens.contents import ContentsScreen
from tui.ui.screens.help import HelpScreen
from tui.kiosk.screens import IdleNoticeScreen, StartScreen
from tui.ui.screens.red_flags import RedFlagScreen
from tui.ui.screens.search import SearchScreen
from tui.ui.screens.section import SectionScreen
from tui.ui.screens.settings import SettingsScreen

SIZE = (100, 34)
ESCAPES = ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+d", "ctrl+p", "ctrl+x",
           "escape", "escape", "escape", "q", "Q", "f10", "tab", "backspace", "escape"]


def long_guide(sections: int = 12):
    """A guide with more sections than digits, so paging is always exercised."""
    data = {
        "title": "Test guide", "disclaimer": "This guide does not replace your care team.",
        "sources": [{"file": "a.pdf", "title": "A source"}],
        "red_flags": {"heading": "Warning signs", "action": "Call your care team now.",
                      "signs": ["New back pain", "Weak legs"]},
        "sections": [{"id": f"part-{n}", "title": f"Part number {n}", "summary": f"About part {n}.",
                      "sources": ["a.pdf"],
                      "blocks": [*({"paragraph": " ".join(f"Line {k} of part {n} on biopsy."
                                                          for k in range(p, p + 8))} for p in range(1, 40, 8)),
                                 {"bullets": ["A point.", "Another point."]}]}
                     for n in range(1, sections + 1)],
        "glossary": [{"term": "biopsy", "meaning": "Taking a small piece of tissue."}],
    }
    return parse_guide(yaml.safe_dump(data, sort_keys=False).encode(), "test-guide.yaml")


@pytest.fixture(scope="session")
def paged_guide():
    return long_guide()


@pytest.fixture(autouse=True)
def private_log(tmp_path, monkeypatch):
    folder = tmp_path / "log"
    monkeypatch.setenv("BONE_GUIDE_LOG_DIR", str(folder))
    return folder


def kiosk(guide, events=False, lock_signals=False, **config) -> KioskApp:
    holder: dict = {}

    def factory(kind, on_event, **options):
        holder["speaker"] = RecordingSpeaker(on_event, events=events)
        holder.setdefault("made", 0)
        holder["made"] += 1
        return holder["speaker"]

    app = KioskApp(guide, KioskConfig(**config), speaker_factory=factory, lock_signals=lock_signals)
    app.speaker_double = lambda: holder["speaker"]
    return app


async def until(pilot, condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def walk_away(app) -> None:
    """As if nobody had pressed a key for longer than the idle timeout."""
    app._last_key -= app.config.idle_timeout + 1


def spoken(app) -> str:
    out = []
    for entry in app.speaker_double().log:
        if entry[0] == "speak":
            out += entry[1] if isinstance(entry[1], list) else [entry[1]]
    return "\n".join(out)


def stack(app) -> list[str | None]:
    return [s.name for s in app.screen_stack]


# -- the start screen --

async def test_start_screen_shows_and_says_how_to_begin(paged_guide):
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        text = screen_text(app)
        assert "TEST GUIDE" in text
        assert "Press any key to start" in text
        assert "Press 0 for the warning signs" in text
        said = spoken(app)
        assert "Press any key to start." in said and "Press 0 at any time for the warning signs." in said
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        assert app.speaker_double().calls("speak_prepared")
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        assert stack(app) == [None, "contents"]
        assert "Press a number from 1 to 8 to open a section" in spoken(app)


# -- locked down --

@pytest.mark.parametrize("profile", ["numeric", "standard"])
@pytest.mark.parametrize("where", [[], ["x"], ["x", "1"], ["x", "asterisk"]],
                         ids=["start", "contents", "section", "help"])
async def test_no_key_escapes(paged_guide, profile, where):
    app = kiosk(paged_guide, key_profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*where)
        await pilot.pause()
        for key in ESCAPES:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.return_code is None, f"{key} ended the kiosk"
        assert not app._exit
        await pilot.press("x", "x")
        await pilot.pause()
        assert len(app.screen_stack) >= 2 and app.screen.is_attached


async def test_mouse_does_nothing(paged_guide):
    from textual import events
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        contents = app.screen
        where = dict(widget=None, x=10, y=12, delta_x=0, delta_y=0, button=1, shift=False,
                     meta=False, ctrl=False, screen_x=10, screen_y=12)
        for kind in (events.MouseDown, events.MouseUp, events.Click, events.MouseDown,
                     events.MouseUp, events.Click, events.MouseScrollDown, events.MouseMove):
            app.post_message(kind(**where))
            await pilot.pause()
        assert app.screen is contents
        assert contents.query_one("SectionList").highlighted == 0


async def test_run_kiosk_turns_the_mouse_off(tmp_path, monkeypatch):
    from tui.commands.cli import build_parser
    from tui.kiosk import run_kiosk
    seen = {}

    def fake_run(self, **kwargs):
        seen.update(kwargs, app=self)

    monkeypatch.setattr(KioskApp, "run", fake_run)
    monkeypatch.setenv("TEXTUAL_ALLOW_SIGNALS", "1")
    args = build_parser().parse_args(["--kiosk", "--no-speech"])
    assert run_kiosk(args) == 0
    assert seen["mouse"] is False and seen["app"].lock_signals
    assert "TEXTUAL_ALLOW_SIGNALS" not in os.environ


async def test_no_quit_in_help_or_bindings(paged_guide):
    for profile in ("numeric", "standard"):
        app = kiosk(paged_guide, key_profile=profile)
        async with app.run_test(size=(100, 80)) as pilot:
            await pilot.press("x", "f1" if profile == "standard" else "asterisk")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app).lower()
            assert "quit" not in text and "ctrl+c" not in text
            assert not any(b.action.endswith("quit") for bs in app._bindings.key_to_bindings.values()
                           for b in bs)


async def test_staff_sequence_exits_and_nothing_else_does(paged_guide):
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", *DEFAULT_EXIT_KEYS[:-1], "asterisk")  # nearly, then wrong
        await pilot.pause()
        assert app.is_running
        await pilot.press(*DEFAULT_EXIT_KEYS)
        await pilot.pause()
    assert app.staff_exit and app.return_code == 0


async def test_custom_staff_sequence(paged_guide):
    keys = ("f12", "f12", "e", "x")
    app = kiosk(paged_guide, exit_keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", *DEFAULT_EXIT_KEYS)
        await pilot.pause()
        assert app.is_running
        await pilot.press(*keys)
        await pilot.pause()
    assert app.staff_exit and app.return_code == 0


async def test_keyboard_signals_ignored_while_running(paged_guide):
    before = signal.getsignal(signal.SIGINT)
    app = kiosk(paged_guide, lock_signals=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in ("SIGINT", "SIGTSTP", "SIGQUIT"):
            assert signal.getsignal(getattr(signal, name)) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGHUP) != signal.SIG_IGN  # a closed terminal still ends it (test_signals)
        os.kill(os.getpid(), signal.SIGINT)  # would raise KeyboardInterrupt if not ignored
        await pilot.pause(0.1)
        assert app.is_running
    assert signal.getsignal(signal.SIGINT) == before


async def test_settings_never_saved(paged_guide, private_config):
    app = kiosk(paged_guide, key_profile="standard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "t", "plus", "right_parenthesis", "left_parenthesis", "s")
        await pilot.pause()
        assert app.settings != KioskConfig().settings()
    assert not (private_config / "settings.json").exists()


# -- idle reset --

async def test_idle_reset_after_search_theme_and_section(paged_guide):
    from tui.ui.themes import THEME_NAMES
    # The notice counts down long enough to be read on a busy machine before the reset.
    config = dict(key_profile="standard", idle_timeout=5, idle_warning=3)
    app = kiosk(paged_guide, **config)
    defaults = KioskConfig(**config).settings()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "slash", *"biopsy")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("t", "plus", "s", "right_parenthesis", "right_square_bracket", "o")
        await pilot.pause()
        assert app.settings != defaults
        assert app.theme != (defaults.theme if defaults.theme in THEME_NAMES else THEME_NAMES[0]) \
            or len(THEME_NAMES) == 1
        walk_away(app)
        await until(pilot, lambda: isinstance(app.screen, IdleNoticeScreen))
        await until(pilot, lambda: "Are you still there?" in screen_text(app))
        assert "Are you still there?" in spoken(app)
        await until(pilot, lambda: app.resets == 1, timeout=10)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert stack(app) == [None, "contents", "start"]
        assert app.settings == defaults
        assert app.size_level == defaults.size
        assert app.theme == (defaults.theme if defaults.theme in THEME_NAMES else THEME_NAMES[0])
        assert app.narrator.settings == defaults
        assert not app._notifications
        assert not any(isinstance(s, (SearchScreen, SectionScreen, SettingsScreen)) for s in app.screen_stack)
        assert "biopsy" not in screen_text(app).lower()
        contents = app.screen_stack[1]
        assert contents.page_index == 0 and contents.query_one("SectionList").highlighted == 0
        await pilot.press("x")
        await pilot.pause()
        assert "«" not in screen_text(app) and "biopsy" not in screen_text(app).lower()


async def test_reset_lets_go_of_the_last_patients_screens(paged_guide):
    """Nothing of the last patient stays in memory: the drawn lines of their search and section
    screens are freed (a cache inside Textual, textual#6665, would keep them for days)."""
    def drawn(screen):
        return [weakref.ref(w._styles_cache) for w in [screen, *screen.walk_children()]]

    app = kiosk(paged_guide, key_profile="standard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "slash", *"biopsy")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        kept = drawn(app.screen)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        kept += drawn(app.screen)
        app.kiosk_reset()
        await pilot.pause()
        await pilot.press("x")  # the next patient starts
        await pilot.pause()
        gc.collect()
        alive = sum(ref() is not None for ref in kept)
        assert alive == 0, f"{alive} of {len(kept)} drawn widgets of the last patient are still in memory"


def remembered_layouts() -> int:
    """Entries in Textual's and Rich's memoised geometry and drawing (functools.lru_cache in
    their public modules), found without the code under test's help."""
    total = 0
    for cache in gc.get_objects():
        if callable(cache) and callable(getattr(cache, "cache_info", None)):
            module = getattr(cache, "__module__", None) or ""
            if module.split(".")[0] in ("textual", "rich") and "._" not in "." + module:
                total += cache.cache_info().currsize
    return total


async def test_reset_forgets_the_last_patients_terminal_sizes(paged_guide):
    """A kiosk runs for weeks: what Textual remembers about each terminal size the last patient
    saw must not pile up from patient to patient (the 100,000-key soak grew by 14 MB so)."""
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        fresh = remembered_layouts()  # one patient's contents at one size
        await pilot.press("2")
        for width, height in [(60 + 9 * n, 18 + 3 * n) for n in range(12)]:
            await pilot.resize_terminal(width, height)
            await pilot.press("0" if width % 2 else "down")
            await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        app._last_key -= 3 * app.config.idle_timeout + 1  # gone, even from a reading (waits 3x)
        await until(pilot, lambda: isinstance(app.screen, IdleNoticeScreen))
        app.idle_notice.deadline = time.monotonic()  # nobody answered "Are you still there?"
        await until(pilot, lambda: app.resets == 1)
        await pilot.press("x")  # the next patient starts
        await pilot.pause()
        remembered = remembered_layouts()
        assert remembered <= fresh * 1.5, (
            f"{remembered} layout cache entries after the reset, {fresh} for a fresh start")


async def test_idle_notice_any_key_keeps_the_place(paged_guide):
    app = kiosk(paged_guide, idle_timeout=5, idle_warning=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "3", "plus")
        await pilot.pause()
        walk_away(app)
        await until(pilot, lambda: isinstance(app.screen, IdleNoticeScreen))
        await pilot.press("0")  # any key, even the warning-signs key, only says "I'm here"
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 2
        assert app.resets == 0 and app.settings.size != KioskConfig().size


async def test_untouched_start_screen_is_not_reset(paged_guide):
    app = kiosk(paged_guide, idle_timeout=0.1, idle_warning=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.6)
        assert app.resets == 0 and isinstance(app.screen, StartScreen)


async def test_a_screen_opened_just_after_a_reset_still_goes_back_to_the_start(paged_guide):
    # A burst's last key can finish its action after the idle reset it raced (the soak found
    # the warning signs left over the fresh start screen for good).
    # A second of idle time before the notice: the late action surely lands before the next reset.
    app = kiosk(paged_guide, idle_timeout=1.0, idle_warning=1.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(pilot, lambda: app.resets == 1 and isinstance(app.screen, StartScreen), timeout=10)
        await pilot.pause()
        app.action_red_flags()  # as the late action does: no key of its own after the reset
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen) and app.resets == 1
        await until(pilot, lambda: app.resets == 2, timeout=10)
        await until(pilot, lambda: isinstance(app.screen, StartScreen))


async def test_reading_aloud_delays_the_idle_notice(paged_guide):
    app = kiosk(paged_guide, idle_timeout=1.0, idle_warning=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "1", "enter")  # reading; the double never says it finished
        await pilot.pause(1.5)
        assert isinstance(app.screen, SectionScreen)
        await until(pilot, lambda: app.resets == 1, timeout=5)


async def test_reset_restores_a_changed_voice(paged_guide):
    app = kiosk(paged_guide, key_profile="standard", idle_timeout=0.2, idle_warning=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        app.change(voice="someone")
        first = app.speaker_double()
        changed_at = app.resets  # on a slow machine the first reset may come before the change
        await until(pilot, lambda: app.resets == changed_at + 1)
        assert app.settings.voice == "" and app.speaker_double() is not first
        assert ("close",) in first.log


# -- the numeric keypad profile --

def where_is(guide, index: int, numeric_more: bool) -> list[str]:
    """Keys from the contents (page 1) to section `index`."""
    size = 8 if numeric_more else 9
    return ["9"] * (index // size) + [str(index % size + 1)]


@pytest.mark.parametrize("which", ["paged", "bundled"])
async def test_numeric_reaches_every_section(paged_guide, guide, which):
    book = paged_guide if which == "paged" else guide
    app = kiosk(book)
    more = len(book.sections) > 9
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")  # any key starts
        for index in range(len(book.sections)):
            await pilot.press(*where_is(book, index, more))
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.screen.index == index
            assert book.sections[index].title in screen_text(app)
            await pilot.press("slash")  # back to the contents, on its first page again?
            await pilot.pause()
            assert isinstance(app.screen, ContentsScreen)
            if app.screen.page_index:
                # 9 wraps round from the last page to the first
                await pilot.press(*["9"] * (app.screen.page_count - app.screen.page_index))
                await pilot.pause()
            assert app.screen.page_index == 0
        # and 6 walks from the first to the last section
        await pilot.press("1")
        for index in range(1, len(book.sections)):
            await pilot.press("6")
            await pilot.pause()
            assert app.screen.index == index
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.index == len(book.sections) - 2


async def test_numeric_red_flags_read_and_stop(paged_guide):
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "0")
        await pilot.pause()
        speaker = app.speaker_double()
        assert isinstance(app.screen, RedFlagScreen)
        assert speaker.calls("speak_prepared")
        await pilot.press("2", "enter")
        await pilot.pause()
        assert speaker.log[-1][0] == "speak" and speaker.log[-1][1] == ["2. Weak legs"]
        await pilot.press("full_stop", "slash")
        await pilot.pause()
        assert speaker.log[-1] == ("stop",) or ("stop",) in speaker.log[-3:]
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("2", "enter")
        await pilot.pause()
        utterance = speaker.log[-1]
        assert utterance[0] == "speak" and utterance[2].startswith("section:part-2")
        assert utterance[1][0].startswith("Line 1 of part 2")
        await pilot.press("full_stop", "1", "5")  # to the end, read from there
        await pilot.pause()
        assert speaker.log[-1][0] == "speak" and speaker.log[-1][1][-1] == "Another point."
        assert len(speaker.log[-1][1]) < len(utterance[1])
        await pilot.press("full_stop")
        await pilot.pause()
        assert speaker.log[-1] == ("stop",)
        await pilot.press("enter")  # repeat
        await pilot.pause()
        assert speaker.log[-1][0] == "speak"
        await pilot.press("slash")  # first press stops speaking...
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("slash")  # ...the second goes back
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("enter")  # Enter on the contents reads the list
        await pilot.pause()
        said = speaker.log[-1]
        assert said[0] == "speak" and any("Part number 1" in line for line in said[1])
        assert any("9. More sections" in line for line in said[1])


async def test_numeric_scroll_keys(paged_guide):
    app = kiosk(paged_guide)
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("x", "1")
        await pilot.pause()
        page = app.screen.query_one("#page")
        await pilot.press("2")
        await pilot.pause()
        assert page.scroll_y == 1
        await pilot.press("3")
        await pilot.pause()
        assert page.scroll_y > 2
        await pilot.press("1")
        await pilot.pause()
        assert page.scroll_y == page.max_scroll_y
        assert "Press 6 for the next section" in " ".join(screen_text(app).split())
        await pilot.press("7")
        await pilot.pause()
        assert page.scroll_y == 0
        await pilot.press("6", "1")  # the next section, in place, keeps the keypad's words
        await pilot.pause()
        assert app.screen.index == 1
        assert "Press 6 for the next section" in " ".join(screen_text(app).split())


async def test_numlock_off_keys_mean_the_same(paged_guide):
    """Without NumLock the keypad sends End, Right, Delete, Insert...; they act as 1, 6, ., 0."""
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "end")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 0
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.index == 1
        await pilot.press("enter", "delete")
        await pilot.pause()
        assert app.speaker_double().log[-1] == ("stop",)
        await pilot.press("insert")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)


async def test_numeric_help_and_volume(paged_guide):
    app = kiosk(paged_guide)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("x", "1", "asterisk")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        flat = " ".join(screen_text(app).split())
        for label in ("Enter or 5", "6 / 4", "0", ". (dot)", "* (star)", "/ (slash)", "+", "-"):
            assert label in flat
        await pilot.press("2")
        await pilot.pause()
        assert "6 / 4: Next / previous section" in spoken(app)
        await pilot.press("asterisk")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "Volume" in spoken(app).splitlines()[-1]
        shown = " ".join(screen_text(app).split())
        assert "6/4 change" in shown and "Left/Right" not in shown  # only keys the keypad has
        await pilot.press("4")
        await pilot.pause()
        assert app.settings.volume == 0.9
        assert ("volume", 0.9) in app.speaker_double().log
        await pilot.press("6")
        await pilot.pause()
        assert app.settings.volume == 1.0
        await pilot.press("slash", "slash")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("plus")
        await pilot.pause()
        assert app.size_level == "extra-large"
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert app.size_level == "normal"


async def test_numeric_key_bar_replaces_standard_status(paged_guide):
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "1")
        await pilot.pause()
        text = screen_text(app)
        assert "Enter read" in text and "6/4 next/prev" in text
        assert "Esc contents" not in text and "q quit" not in text
        await pilot.press("1")  # end of the section
        await pilot.pause()
        assert "Press 6 for the next section" in " ".join(screen_text(app).split())


@pytest.mark.parametrize("profile", ["numeric", "standard"])
async def test_the_contents_names_the_warning_sign_keys_of_the_profile(paged_guide, profile):
    """The keypad has no ! key: its contents said "press 0 or !" all the same."""
    app = kiosk(paged_guide, key_profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        keys = "0" if profile == "numeric" else "0 or !"
        assert f"WARNING SIGNS — press {keys} at any time" in shown


async def section_1_at_the_magnifier_size(pilot, app) -> None:
    """From the start screen: section 1 open, + pressed up to the magnifier size."""
    await pilot.press("x", "1")
    while app.size_level != "magnifier":
        await pilot.press("plus")
        await pilot.pause()


async def test_numeric_keys_step_sentences_at_the_magnifier_size(paged_guide):
    """At the magnifier size the keypad had no key for the next sentence (6 / 4 skipped whole
    sections), and messages told the patient to press → or Escape, keys a keypad lacks."""
    app = kiosk(paged_guide, key_profile="numeric")
    async with app.run_test(size=(100, 40)) as pilot:
        await section_1_at_the_magnifier_size(pilot, app)
        first = [line for line in screen_text(app).splitlines() if "█" in line]
        await pilot.press("6")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 0, "6 left the section"
        assert spoken(app).splitlines()[-1] == "Line 2 of part 1 on biopsy."
        second = [line for line in screen_text(app).splitlines() if "█" in line]
        assert second and second != first, "the letters did not change"
        await pilot.press("right")  # 6 with NumLock off
        await pilot.pause()
        assert spoken(app).splitlines()[-1] == "Line 3 of part 1 on biopsy."
        await pilot.press("4", "4")
        await pilot.pause()
        assert spoken(app).splitlines()[-1] == "Line 1 of part 1 on biopsy."
        assert [line for line in screen_text(app).splitlines() if "█" in line] == first
        await pilot.press("2")  # the whole sentence is in view
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "Press 6 for the next sentence." in flat and "→" not in flat
        assert "6: next sentence." in spoken(app).splitlines()[-1]
        await pilot.press("4")  # before the first sentence of the first section
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "This is the first section. Press / for the contents." in flat
        assert "Escape" not in flat
        await pilot.press("asterisk")  # help says what 6 / 4 and 7 / 1 do at this size
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "at the magnifier size, the next / previous sentence" in flat
        assert "at the magnifier size, the first / last sentence" in flat


async def test_numeric_up_at_the_start_of_a_magnified_sentence_names_the_keypad_key(paged_guide):
    """8 (Up) at the top of a magnified sentence said nothing; it says this is the start and
    that 4 goes back, on screen and aloud, in the keypad's keys (it has no ← and no Escape)."""
    app = kiosk(paged_guide, key_profile="numeric")
    async with app.run_test(size=(100, 40)) as pilot:
        await section_1_at_the_magnifier_size(pilot, app)
        await pilot.press("6", "8")  # the second sentence, at its top
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "Press 4 for the previous sentence." in flat and "←" not in flat
        assert spoken(app).splitlines()[-1].endswith("4: previous sentence.")
        await pilot.press("4", "8")  # the first sentence of the first section
        await pilot.pause()
        flat = " ".join(screen_text(app).split())
        assert "This is the start of the guide. Press / for the contents." in flat and "Escape" not in flat


# -- errors: logged without patient data, and back to the start screen --

async def test_error_is_logged_and_kiosk_goes_back_to_start(paged_guide, private_log, monkeypatch):
    def broken(self):
        raise RuntimeError("the patient searched for biopsy")

    monkeypatch.setattr(SectionScreen, "action_read", broken)
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "2", "enter")
        await until(pilot, lambda: app.resets == 1)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.is_running and app.return_code is None
        await pilot.press("x", "3")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
    log = (private_log / "kiosk-errors.log").read_text()
    assert "RuntimeError" in log and "in broken" in log
    assert "biopsy" not in log and "patient" not in log and "Part number" not in log
    assert error_log_path() == private_log / "kiosk-errors.log"


async def test_error_in_a_screen_handler_recovers(paged_guide, private_log, monkeypatch):
    def broken(self, event):
        raise ValueError("secret")

    monkeypatch.setattr(StartScreen, "on_key", broken)
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await until(pilot, lambda: app.resets >= 1)
        assert app.is_running and isinstance(app.screen, StartScreen)
    assert "ValueError" in (private_log / "kiosk-errors.log").read_text()


async def test_error_in_the_idle_notice_recovers(paged_guide, private_log, monkeypatch):
    def broken(self):
        raise KeyError("secret")

    monkeypatch.setattr(IdleNoticeScreen, "on_mount", broken)
    app = kiosk(paged_guide, idle_timeout=5, idle_warning=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "3")
        await pilot.pause()
        walk_away(app)
        await until(pilot, lambda: app.resets >= 1)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, StartScreen)
    assert "KeyError" in (private_log / "kiosk-errors.log").read_text()


async def test_error_in_a_message_handler_recovers(paged_guide, private_log):
    """A list's highlight arrives as a message, not an event (Textual has no public hook for
    its handlers' errors): a failure there also logs and starts again."""
    app = kiosk(paged_guide, key_profile="standard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        announce, armed = app.narrator.announce, []

        def broken(text, *args, **kwargs):
            if armed:
                armed.clear()  # one failure: the kiosk must go on after it
                raise LookupError("secret")
            return announce(text, *args, **kwargs)

        app.narrator.announce = broken
        armed.append(True)
        await pilot.press("down")  # help says the highlighted key: on_option_list_option_highlighted
        await until(pilot, lambda: app.resets >= 1)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, StartScreen)
    assert "LookupError" in (private_log / "kiosk-errors.log").read_text()


async def test_error_in_a_callback_after_refresh_recovers(paged_guide, private_log, monkeypatch):
    """A resize checks the new size after the next refresh (call_after_refresh): a failure in
    such a callback also logs and starts again, instead of ending the kiosk."""
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "2")
        await until(pilot, lambda: isinstance(app.screen, SectionScreen))

        check_size = KioskApp._check_size

        def broken(self, *args):
            monkeypatch.setattr(KioskApp, "_check_size", check_size)  # one failure, then as before
            raise ArithmeticError("secret")

        monkeypatch.setattr(KioskApp, "_check_size", broken)
        await pilot.resize_terminal(90, 30)
        await until(pilot, lambda: app.resets >= 1)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, StartScreen)
    assert "ArithmeticError" in (private_log / "kiosk-errors.log").read_text()


async def test_repeated_errors_end_the_kiosk_for_the_service_to_restart(paged_guide, monkeypatch, capsys):
    calls = []

    def broken(self, *args):
        calls.append(1)
        raise RuntimeError("again")

    monkeypatch.setattr(StartScreen, "on_mount", broken)
    app = kiosk(paged_guide)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running, timeout=10)
    assert app.return_code == 1 and len(calls) >= 5
    said = capsys.readouterr()
    assert "kiosk-errors.log" in said.err.replace("\n", "")  # where staff find what went wrong...
    assert "again" not in said.err + said.out and "Traceback" not in said.err  # ...and no more


async def test_what_a_screen_says_is_not_cut_off(paged_guide):
    """The speaker cuts off whatever it is saying: each arrival must be one utterance, last."""
    for profile in ("numeric", "standard"):
        app = kiosk(paged_guide, key_profile=profile)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause(0.2)
            assert "Press any key to start." in app.speaker_double().calls("speak")[-1][1]
            await pilot.press("x")
            await pilot.pause(0.2)
            assert app.speaker_double().calls("speak")[-1][1].startswith("Contents.")
            await pilot.press("asterisk")
            await pilot.pause(0.2)
            last = app.speaker_double().calls("speak")[-1][1]
            assert last.startswith("Help.") and last.count(":") >= 1
            if profile == "numeric":
                await pilot.press("slash", "9")
                await pilot.pause(0.2)
                assert app.speaker_double().calls("speak")[-1][1].startswith("Page 2 of 2.")


async def test_enter_on_a_list_opens_once(paged_guide):
    app = kiosk(paged_guide, key_profile="standard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 1
        assert stack(app) == [None, "contents", "section"]
        opened = [e for e in app.speaker_double().calls("speak") if str(e[1]).startswith("Section 2")]
        assert len(opened) == 1
        await pilot.press("escape", "pagedown")
        await pilot.pause()
        assert app.screen.page_index == 1
        await pilot.press("end", "enter")  # the last section, on the last page
        await pilot.pause()
        assert app.screen.index == len(paged_guide.sections) - 1


@pytest.mark.parametrize("numlock", ["on", "off"])
async def test_every_keypad_screen_with_numlock_on_and_off(paged_guide, numlock):
    """The keypad's keys on each screen, as the keypad sends them with NumLock on or off."""
    from tui.kiosk.keys import NUMLOCK_OFF
    from tui.ui.screens.glossary import GlossaryScreen

    def pad(*keys):
        return [NUMLOCK_OFF.get(k, k) if numlock == "off" else k for k in keys]

    app = kiosk(paged_guide)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("5", *pad("2"))  # start; section 2
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 1
        await pilot.press(*pad("6", "6", "4"))
        await pilot.pause()
        assert app.screen.index == 2
        await pilot.press("5")
        await pilot.pause()
        assert app.narrator.reading
        await pilot.press(*pad("full_stop"))
        await pilot.pause()
        assert app.speaker_double().log[-1] == ("stop",)
        await pilot.press("asterisk", *pad("2"))  # help; the second key
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.query_one("OptionList").highlighted == 1
        await pilot.press("enter", *pad("4"))  # settings, on the volume: one step down
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and app.settings.volume == 0.9
        await pilot.press("5")
        await pilot.pause()
        assert app.speaker_double().log[-1][:2] == ("speak", app.screen.screen_text())
        await pilot.press("full_stop", "slash", "slash")  # settings, then help, close
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 2
        await pilot.press(*pad("0", "2"), "5")  # the warning signs; the second; read it
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        assert app.speaker_double().log[-1][:2] == ("speak", ["2. Weak legs"])
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("g", *pad("2"), "5")  # its glossary (a letter: a keyboard may be there too)
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert app.speaker_double().log[-1][0] == "speak"
        await pilot.press("full_stop", "slash", "slash")  # glossary closed, then the section
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_the_standard_profile_has_no_keypad_meanings(paged_guide):
    app = kiosk(paged_guide, key_profile="standard")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "2", "6", "4", "insert")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.index == 1
        await pilot.press("slash")  # search, as in the reader (the keypad's / is Back)
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
