"""The reader app: screens, the keys that work everywhere, themes, text size and the voice."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.app import App
from textual.message import Message
from textual.reactive import reactive

from tui.ui import keys
from tui.core import script
from tui.core.model import Guide, RedFlags
from tui.core.reading import Hit
from tui.speech.narrator import Narrator
from tui.ui.screens.base import GuideScreen
from tui.ui.screens.contents import ContentsScreen
from tui.ui.screens.red_flags import RedFlagScreen
from tui.ui.screens.too_small import TooSmallScreen, fits
from tui.core.settings import FIELDS, Settings, save_settings
from tui.ui.themes import CONTRAST_CSS, THEME_LABELS, THEME_NAMES, register_themes
from tui import glyphs
from tui.glyphs import ui


class SpeechEvent(Message):
    """A backend event (tui.speech.events), carried from a speech thread to the app's own."""

    def __init__(self, event) -> None:
        super().__init__()
        self.event = event


class BoneGuideApp(App, inherit_bindings=False):
    """Owns every key (no inherited Ctrl+Q or palette surprises), as posting and harlequin do."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live in other folders
    CSS = CONTRAST_CSS  # Textual's own faint separators and dividers, made readable
    ENABLE_COMMAND_PALETTE = False
    TITLE = "Bone metastases guide"
    BINDINGS = keys.bindings(keys.GLOBAL)

    size_level: reactive[str] = reactive("normal")

    def __init__(self, guide: Guide, settings: Settings | None = None, *,
                 speaker_factory: Callable | None = None, remember: bool = True,
                 show_disclaimer: bool = True, speech: str | None = None) -> None:
        super().__init__()
        self.animation_level = "none"  # no motion: scrolling jumps, nothing slides or fades
        # In a non-UTF-8 locale or on the Linux console, the guide's dashes and quotes in ASCII.
        self.guide = glyphs.fit_guide(guide)
        self.settings = settings or Settings()
        self.remember = remember
        self.show_disclaimer = show_disclaimer
        # `speech` overrides the remembered backend for this run only (--no-speech).
        self.narrator = Narrator(lambda event: self.post_message(SpeechEvent(event)), self.settings,
                                 speaker_factory, speech)
        self.global_commands = list(keys.GLOBAL)
        self.startup_notices: list[str] = []

    # -- start and stop --
    def on_load(self) -> None:
        from tui.termination import exit_app_on_termination
        exit_app_on_termination(self)  # kill / a closed terminal: quit as `q` does (also the kiosk)

    def on_mount(self) -> None:
        # Borders and scrollbars drawn with characters this terminal has (see app.tcss).
        self.add_class(f"-glyphs-{glyphs.SET}")
        glyphs.use_plain_scrollbars()
        register_themes(self)
        self.theme = self.settings.theme if self.settings.theme in THEME_NAMES else THEME_NAMES[0]
        self.size_level = self.settings.size
        self.narrator.start(script.red_flags(self.local_red_flags()))
        self.show_start()
        for notice in self.startup_notices:
            self.notify(notice, severity="warning", timeout=10)
        if notice := self.narrator.startup_notice():
            self.notify(notice, severity="warning", timeout=10)
        self.call_after_refresh(self._check_size)

    # -- hooks a locked-down app (the kiosk) fills in differently --
    def show_start(self) -> None:
        """The first screens: the contents, and the disclaimer over them."""
        self.push_screen(ContentsScreen())
        if self.show_disclaimer:
            from tui.ui.screens.disclaimer import DisclaimerScreen
            self.push_screen(DisclaimerScreen())

    def key_bar(self, screen) -> str | None:
        """A line of keys for the bottom of `screen`, if this app has one (the reader has none)."""
        return None

    def on_unmount(self) -> None:
        self.narrator.close()

    # -- navigation used by screens --
    def _back_to_contents(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, ContentsScreen):
            self.pop_screen()

    def open_section(self, index: int, hit: Hit | None = None, replace: bool = False) -> None:
        from tui.ui.screens.section import SectionScreen
        self.narrator.stop_if_speaking()
        if isinstance(self.screen, SectionScreen) and self.screen.is_mounted and len(self.screen_stack) == 3:
            # next/previous: the same screen shows the other section (quick); the contents stay asleep
            self.screen.show_section(index, hit)
        else:
            self._back_to_contents()
            self.push_screen(SectionScreen(index, hit))
        self.narrator.announce(script.section_heading(self.guide, index))

    in_clinic = False  # a kiosk in a clinic says first: tell a member of staff

    def local_red_flags(self) -> RedFlags:
        """The guide's warning signs with this place's numbers (settings or kiosk config)."""
        s = self.settings
        return self.guide.red_flags.localised(s.care_line, s.emergency_number, self.in_clinic)

    def end_note(self, index: int) -> str:
        """What the end of section `index` says, in the keys of this app."""
        return ui(script.end_of_section(self.guide, index, *self.end_note_keys()))

    def end_note_keys(self) -> tuple[str, str]:
        """The next-section keys and the way back to the contents (the kiosk keypad has its own)."""
        return ui("→ or n"), "Escape: contents."

    def open_search(self) -> None:
        from tui.ui.screens.search import SearchScreen
        self.push_screen(SearchScreen())
        self.narrator.announce("Search. Type a word, then press Enter.")

    def open_glossary(self, section=None) -> None:
        from tui.ui.screens.glossary import GlossaryScreen
        self.push_screen(GlossaryScreen(section))
        self.narrator.announce("Glossary.")

    # -- the keys that work everywhere --
    def action_red_flags(self) -> None:
        shown = self.screen if isinstance(self.screen, RedFlagScreen) else None
        screen = shown or RedFlagScreen()
        if shown is None:
            self.push_screen(screen)  # it shows any speech notice as it mounts
        if self.narrator.red_flags(follow=screen.follow_voice) and shown is not None and shown.is_mounted:
            shown.show_notice()

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen
        if self.screen.name == "help":
            return
        self.push_screen(HelpScreen(self.screen if isinstance(self.screen, GuideScreen) else None,
                                    self.global_commands))
        self.narrator.announce("Help. Use the arrow keys to hear each key. Escape to go back.")

    settings_first_row = "theme"  # the row settings open on

    def action_settings(self) -> None:
        from tui.ui.screens.settings import SettingsScreen
        if self.screen.name != "settings":
            self.push_screen(SettingsScreen(self.settings_first_row))

    def action_bigger(self) -> None:
        self._step("size", +1)

    def action_smaller(self) -> None:
        self._step("size", -1)

    def watch_size_level(self, new: str) -> None:
        for screen in self.screen_stack:
            # A screen pushed but not yet mounted takes the size as it mounts.
            if isinstance(screen, GuideScreen) and screen.is_mounted:
                screen.apply_size(new)

    def action_next_theme(self) -> None:
        at = THEME_NAMES.index(self.theme) if self.theme in THEME_NAMES else -1
        name = THEME_NAMES[(at + 1) % len(THEME_NAMES)]
        self.change(theme=name)
        self.say(f"Theme: {THEME_LABELS[name]}.")

    def action_toggle_self_voicing(self) -> None:
        on = not self.settings.self_voicing
        self.change(self_voicing=on)
        if on:
            self.say("Self-voicing on.")
        else:
            self.narrator.stop()
            self.say("Self-voicing off.")

    def action_slower(self) -> None:
        self._step("rate", -1)

    def action_faster(self) -> None:
        self._step("rate", +1)

    def action_quieter(self) -> None:
        self._step("volume", -1)

    def action_louder(self) -> None:
        self._step("volume", +1)

    # What a key that steps a setting says: after the change, and at either end.
    STEP_WORDS = {"size": ("Text size: {value}.", "Text is already at its {end}.", "smallest", "largest"),
                  "rate": ("Rate {value}.", "Rate is already at its {end}: {value}.", "slowest", "fastest"),
                  "volume": ("Volume {value}.", "Volume is already at its {end}.", "quietest", "loudest")}

    def _step(self, name: str, direction: int) -> None:
        setting, (said, at_end, *ends) = FIELDS[name], self.STEP_WORDS[name]
        old = getattr(self.settings, name)
        new = setting.stepped(old, direction)
        if new == old:
            self.say(at_end.format(value=setting.spoken(old), end=ends[direction > 0]))
            return
        self.change(**{name: new})
        # Rate and volume are spoken whatever self-voicing says: the user is tuning what they hear.
        self.say(said.format(value=setting.spoken(new)), speak=name != "size")

    def action_stop_speech(self) -> None:
        self.narrator.stop()

    def action_pause_speech(self) -> None:
        paused = self.narrator.toggle_pause()
        if paused is not None:
            self.notify("Paused. Press Space to go on." if paused else "Reading again.", timeout=3)

    # -- settings and messages --
    def change(self, **kwargs) -> None:
        """Apply a settings change everywhere, and remember it (except where told not to)."""
        self.settings = self.settings.changed(**kwargs)
        if "theme" in kwargs:
            self.theme = self.settings.theme
        if "size" in kwargs:
            self.size_level = self.settings.size
        self.narrator.apply(self.settings)
        if self.remember:
            problem = save_settings(self.settings)
            if problem:
                self.notify(problem, severity="warning")

    def say(self, text: str, speak: bool = False) -> None:
        """Show a short message; speak it when self-voicing is on (or `speak` asks, e.g. rate)."""
        self.notify(text, timeout=4)
        if speak:
            self.narrator.feedback(text)  # never cuts off a reading: `]` while reading goes on
        else:
            self.narrator.announce(text)

    def on_speech_event(self, message: SpeechEvent) -> None:
        from tui.speech.events import SpeechFailed, SpeechNotice, SpeechRecovered
        event = message.event
        if isinstance(event, SpeechNotice):
            self.bell()  # within a second of the trouble, for those who cannot see the notice
            self.notify(event.reason, severity="warning", timeout=5)
        elif isinstance(event, SpeechRecovered):
            self.notify(event.reason, timeout=5)
        self.narrator.on_event(event)
        if isinstance(event, SpeechFailed):
            self.bell()  # a blind user cannot see the notice: the bell says something changed
            self.notify(event.reason, severity="warning", timeout=10)

    # -- terminal size --
    def on_resize(self) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        """Cover whatever is on top while the terminal is too small; uncover it once it fits.
        A too-small notice that something else covered (the warning signs) closes itself when
        it comes back on top in a terminal that fits."""
        covered = isinstance(self.screen, TooSmallScreen)
        if not fits(self.size) and not covered:
            self.push_screen(TooSmallScreen())
        elif fits(self.size) and covered:
            self.pop_screen()
