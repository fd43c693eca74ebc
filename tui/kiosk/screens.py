"""The kiosk's own screens: the start screen, the idle notice, the contents and help."""

from __future__ import annotations

import math
import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.option_list import Option

from tui.kiosk.keys import key_bar
from tui.ui.keys import Command
from tui.ui.recovery import HandsErrorsToTheApp
from tui.ui.screens.base import AnyKeyScreen
from tui.ui.screens.contents import PAGE_SIZE, ContentsScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.lifetime import close, while_on_stack, while_on_top
from tui.ui.widgets.focus_list import row
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.status_line import part
from tui.glyphs import ui

MORE = "__more__"


class StartScreen(AnyKeyScreen):
    """Title, 'Press any key to start', 'Press 0 for warning signs' - on screen and aloud."""

    COMMANDS = [Command("", "", "Any key", "Start: go to the contents"),
                Command("", "", "0", "Warning signs")]
    DEFAULT_CSS = """
    StartScreen { align: center middle; }
    #kiosk-start { width: 1fr; max-width: 76; height: auto; align-horizontal: center; }
    #kiosk-title {
        width: 1fr; height: auto; padding: 2 4; margin-bottom: 1;
        text-style: bold reverse; content-align: center middle; text-align: center;
    }
    #kiosk-begin, #kiosk-warning {
        width: 1fr; height: auto; padding: 1 2; margin-bottom: 1;
        text-style: bold; text-align: center;
        border: heavy $foreground;
    }
    #kiosk-warning { text-style: bold reverse; border: none; }
    #kiosk-disclaimer { width: 1fr; height: auto; padding: 0 2; text-align: center; }
    """

    def __init__(self) -> None:
        super().__init__(name="start")

    def compose(self) -> ComposeResult:
        guide = self.bone_app.guide
        with Vertical(id="kiosk-start"):
            yield Static(guide.title.upper(), id="kiosk-title")
            yield Static("Press any key to start", id="kiosk-begin")
            yield Static(ui("⚠  Press 0 for the warning signs  ⚠"), id="kiosk-warning")
            yield Static(guide.disclaimer, id="kiosk-disclaimer")

    CURSOR_AT = "#kiosk-begin"

    def on_mount(self) -> None:
        self.bone_app.narrator.read(self.screen_text(), "kiosk-start")

    def where_am_i(self) -> str:
        return "You are at the start screen. Press any key to start, or 0 for the warning signs."

    def screen_text(self) -> list[str]:
        guide = self.bone_app.guide
        return [guide.title + ".", "Press any key to start.",
                "Press 0 at any time for the warning signs.", guide.disclaimer]


class IdleNoticeScreen(HandsErrorsToTheApp, ModalScreen):
    """'Are you still there?' with a spoken countdown; any key keeps the patient's place."""

    DEFAULT_CSS = """
    IdleNoticeScreen { align: center middle; background: $background; }
    #idle-box {
        width: 1fr; max-width: 60; height: auto; padding: 1 3;
        border: heavy $foreground; background: $background; color: $foreground;
    }
    #idle-box Static { width: 1fr; height: auto; text-align: center; text-style: bold; margin-bottom: 1; }
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(name="idle")
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self._said: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-box"):
            yield Static("Are you still there?", id="idle-title")
            yield Static("Press any key to keep reading.", id="idle-prompt")
            yield Static("", id="idle-count")

    def on_mount(self) -> None:
        self.tick()
        # Owned by this screen: it stops when the screen goes (and tick checks, for the moment between).
        self.set_interval(min(1.0, max(0.05, self.seconds / 10)), self.tick)
        app = self.app
        app.narrator.stop()
        app.narrator.alert([f"Are you still there? Press any key within {self.left()} seconds "
                            "to keep reading."], "kiosk-idle")

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def left(self) -> int:
        return max(0, math.ceil(self.deadline - time.monotonic()))

    def on_screen_resume(self) -> None:
        self.tick()  # back on top after something covered it (the warning signs, a small terminal)

    @while_on_stack
    def tick(self) -> None:
        if self.app.idle_notice is not self:
            # Answered (or reset) while something covered it: it goes as soon as it is on top.
            close(self)
            return
        left = self.left()
        if left != self._said:
            self._said = left
            self.query_one("#idle-count", Static).update(
                f"Going back to the start in {left} second{'s' if left != 1 else ''}.")
        # The app's idle clock does the reset when this has expired: a reset run from here
        # would be run by a screen that the reset itself takes away.


class KioskContentsScreen(ContentsScreen):
    """The contents without 'q quit'; in the numeric profile, with 9 for more sections.

    With more than nine sections the numeric profile shows eight a page and keeps 9 for
    'More sections' (wrapping from the last page to the first), so every section has a key.
    Its keys come before the list's own, so the keypad's keys with NumLock off (End, Down...)
    open sections as the digits do (tui.kiosk.keys gives them those keys).
    """

    BINDINGS = [Binding(str(n), f"open_number({n})", id=f"open_{n}", priority=True) for n in range(1, 10)]
    BINDINGS += [Binding("r", "read_screen", id="contents.read", priority=True),
                 Binding("slash", "start", id="contents.start", priority=True),
                 Binding("slash", "search", show=False)]  # a subclass's key hides the reader's

    def __init__(self, numeric: bool) -> None:
        super().__init__()
        self.numeric = numeric

    def compose(self) -> ComposeResult:
        yield from super().compose()
        if self.numeric:
            yield KeyBar(key_bar("contents"), id="kiosk-keys")

    @property
    def sections(self):
        return self.bone_app.guide.sections

    @property
    def has_more_key(self) -> bool:
        return self.numeric and len(self.sections) > PAGE_SIZE

    @property
    def page_size(self) -> int:
        return PAGE_SIZE - 1 if self.has_more_key else PAGE_SIZE

    STATUS = [part("Contents"), part("0 warning signs"), part("/ search", 60), part("g glossary", 70),
              part("? help")]

    def more_options(self) -> list[Option]:
        if not self.has_more_key:
            return []
        return [row(ui("9  More sections…"),
                    f"Page {self.page_index + 1} of {self.page_count}. Press 9 for the next page.", id=MORE)]

    def hint(self) -> str:
        if not self.numeric:
            return super().hint()
        pages = f" Page {self.page_index + 1} of {self.page_count}." if self.page_count > 1 else ""
        more = " 9: more sections." if self.has_more_key else ""
        return f"Press a number to open a section.{more} Enter: hear this list.{pages}"

    def action_open_number(self, key: int) -> None:
        if self.has_more_key and key == 9:
            self.more()
        elif key in dict(self.page_sections()):
            super().action_open_number(key)
        else:
            self.notify(f"There is no section {key} on this page.")
            self.bone_app.narrator.announce(f"There is no section {key} on this page.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The keypad's / goes back to the start screen; on a keyboard / is search.
        return (self.numeric or action != "start") and super().check_action(action, parameters)

    def action_start(self) -> None:
        self.app.action_kiosk_start()

    def more(self) -> None:
        self.show_page((self.page_index + 1) % self.page_count)
        self.bone_app.narrator.announce(
            f"Page {self.page_index + 1} of {self.page_count}. Press Enter to hear this page.")

    # Textual runs every class's handler down the MRO; prevent_default stops ContentsScreen's.
    @while_on_top
    def on_option_list_option_selected(self, event) -> None:
        event.prevent_default()
        if event.option.id == MORE:
            self.more()
        else:
            super().on_option_list_option_selected(event)

    @while_on_stack
    def on_option_list_option_highlighted(self, event) -> None:
        event.prevent_default()
        # Not while hidden (behind the start screen it would cut off what that screen says),
        # and not with the keypad, where the highlight never moves: it would cut off "Page 2".
        if self.numeric or not self.is_current:
            self.call_after_refresh(self._cursor_to_highlight)
            return
        if event.option is not None and event.option.id == MORE:
            self.bone_app.narrator.announce("9. More sections.")
            return
        super().on_option_list_option_highlighted(event)

    def announce_arrival(self) -> None:
        if self.numeric:
            last = self.page_size if len(self.sections) > self.page_size else len(self.sections)
            more = " 9 for more sections." if self.has_more_key else ""
            text = (f"Contents. Press a number from 1 to {last} to open a section.{more} "
                    "Press Enter to hear the list, 0 for the warning signs, star for help.")
        else:
            text = ("Contents. Press a number to open a section, or use the arrows and Enter. "
                    "Press 0 for the warning signs, question mark for help.")
        self.bone_app.narrator.announce(text)

    def where_am_i(self) -> str:
        if not self.numeric:
            return super().where_am_i()
        return (f"You are at the contents, page {self.page_index + 1} of {self.page_count}. "
                "Press a number to open a section, Enter to hear the list, "
                "0 for the warning signs.")

    def screen_text(self) -> list[str]:
        lines = super().screen_text()
        lines.insert(2, self.hint())
        if self.has_more_key:
            lines.append(f"9. More sections. This is page {self.page_index + 1} of {self.page_count}.")
        return lines


class KioskHelpScreen(HelpScreen):
    """Help that says each key aloud as the list moves (self-voicing), after a short intro.
    Its keys for the keypad: * or Enter opens settings, 1 the key describer (see tui.kiosk.keys)."""

    BINDINGS = [Binding("o", "app.settings", id="help.settings", priority=True),
                Binding("f2", "app.key_describer", id="help.key_describer", priority=True)]

    def __init__(self, for_screen, global_commands, intro: str) -> None:
        super().__init__(for_screen, global_commands)
        self.intro = intro

    def on_option_list_option_highlighted(self, event) -> None:
        if event.option_index is not None and event.option_index < len(self.rows):
            keys, what = self.rows[event.option_index]
            intro, self.intro = self.intro, ""  # one utterance: a second would cut the first off
            self.bone_app.narrator.announce(f"{intro} {keys}: {what}".strip())
