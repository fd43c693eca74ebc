"""The reader app: screens, the keys that work everywhere, themes, text size and the voice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual.app import App
from textual.reactive import reactive

from tui import keys
from tui.guide.model import Guide
from tui.narrator import Narrator, SpeechEvent
from tui.screens.base import GuideScreen
from tui.screens.contents import ContentsScreen
from tui.screens.red_flags import RedFlagScreen, panel_flags, red_flag_lines
from tui.screens.too_small import TooSmallScreen, fits
from tui.settings import RATE_RANGE, RATE_STEP, SIZE_LEVELS, VOLUME_STEP, Settings, save_settings
from tui.themes import CONTRAST_CSS, THEME_LABELS, THEME_NAMES, register_themes
from tui import glyphs
from tui.glyphs import ui

if TYPE_CHECKING:  # the reading model (and its sentence splitter) loads with the first section
    from tui.guide.reading import Hit


class BoneGuideApp(App, inherit_bindings=False):
    """Owns every key (no inherited Ctrl+Q or palette surprises), as posting and harlequin do."""

    CSS_PATH = "app.tcss"
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
        self.narrator = Narrator(self.post_message, self.settings, speaker_factory, speech)
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
        # The first screen comes first: speech starts once it is painted, or sooner if a key
        # (0: the warning signs) or self-voicing needs it before then.
        self.narrator.start_later(lambda: red_flag_lines(panel_flags(self)))
        if self.show_disclaimer:
            # Alone on the stack, so it is painted without waiting for the contents, which
            # take its place as it closes.
            from tui.screens.disclaimer import DisclaimerScreen
            self.push_screen(DisclaimerScreen(then=ContentsScreen))
        else:
            self.push_screen(ContentsScreen())
        for notice in self.startup_notices:
            self.notify(notice, severity="warning", timeout=10)
        self.call_after_refresh(self._check_size)
        self.call_after_refresh(self._start_speech)

    def _start_speech(self) -> None:
        self.narrator.start_now()
        wanted = (self.narrator._kind or self.settings.speech) != "none"
        if wanted and (self.narrator.failure or (self.narrator.speaker and self.narrator.speaker.notice)):
            self.notify(self.narrator.unavailable_notice(), severity="warning", timeout=10)

    def on_unmount(self) -> None:
        self.narrator.close()

    # -- navigation used by screens --
    def _back_to_contents(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, ContentsScreen):
            self.pop_screen()

    def open_section(self, index: int, hit: Hit | None = None, replace: bool = False) -> None:
        from tui.screens.section import SectionScreen
        self.narrator.stop_if_speaking()
        if isinstance(self.screen, SectionScreen) and self.screen.is_mounted and len(self.screen_stack) == 3:
            # next/previous: the same screen shows the other section (quick); the contents stay asleep
            self.screen.show_section(index, hit)
            return self.narrator.announce(f"Section {index + 1}: {self.guide.sections[index].title}")
        self._back_to_contents()
        self.push_screen(SectionScreen(index, hit))
        self.narrator.announce(f"Section {index + 1}: {self.guide.sections[index].title}")

    def end_note(self, index: int) -> str:
        """What the end of section `index` says, in the keys of this app."""
        next_keys, to_contents = self.end_note_keys()
        sections = self.guide.sections
        after = (f"Press {next_keys} for the next section: {sections[index + 1].title}."
                 if index + 1 < len(sections) else "This is the last section.")
        return ui(f"— End of section {index + 1}. {after} {to_contents} —")

    def end_note_keys(self) -> tuple[str, str]:
        """The next-section keys and the way back to the contents (the kiosk keypad has its own)."""
        return ui("→ or n"), "Escape: contents."

    def open_search(self) -> None:
        from tui.screens.search import SearchScreen
        self.push_screen(SearchScreen())
        self.narrator.announce("Search. Type a word, then press Enter.")

    def open_glossary(self, section=None) -> None:
        from tui.screens.glossary import GlossaryScreen
        self.push_screen(GlossaryScreen(section))
        self.narrator.announce("Glossary.")

    # -- the keys that work everywhere --
    def action_red_flags(self) -> None:
        shown = self.screen if isinstance(self.screen, RedFlagScreen) else None
        if shown is None:
            self.push_screen(RedFlagScreen())  # it shows any speech notice as it mounts
        if self.narrator.red_flags() and shown is not None and shown.is_mounted:
            shown.show_notice()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen
        if self.screen.name == "help":
            return
        self.push_screen(HelpScreen(self.screen if isinstance(self.screen, GuideScreen) else None,
                                    self.global_commands))
        self.narrator.announce("Help. Use the arrow keys to hear each key. Escape to go back.")

    settings_first_row = "theme"  # the row settings open on

    def action_settings(self) -> None:
        from tui.screens.settings import SettingsScreen
        if self.screen.name != "settings":
            self.push_screen(SettingsScreen(self.settings_first_row))

    def action_bigger(self) -> None:
        self._step_size(+1)

    def action_smaller(self) -> None:
        self._step_size(-1)

    def _step_size(self, step: int) -> None:
        at = SIZE_LEVELS.index(self.size_level)
        if not 0 <= at + step < len(SIZE_LEVELS):
            self.say("Text is already at its " + ("largest." if step > 0 else "smallest."))
            return
        self.change(size=SIZE_LEVELS[at + step])
        self.say(f"Text size: {self.size_level.replace('-', ' ')}.")

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
        self._step_rate(-RATE_STEP)

    def action_faster(self) -> None:
        self._step_rate(+RATE_STEP)

    def _step_rate(self, step: int) -> None:
        rate = max(RATE_RANGE[0], min(RATE_RANGE[1], self.settings.rate + step))
        if rate == self.settings.rate:
            self.say(f"Rate is already at its {'fastest' if step > 0 else 'slowest'}: {rate} words a minute.")
            return
        self.change(rate=rate)
        self.say(f"Rate {rate} words a minute.", speak=True)

    def action_quieter(self) -> None:
        self._step_volume(-VOLUME_STEP)

    def action_louder(self) -> None:
        self._step_volume(+VOLUME_STEP)

    def _step_volume(self, step: float) -> None:
        volume = round(max(0.1, min(1.0, self.settings.volume + step)), 2)
        if volume == self.settings.volume:
            self.say(f"Volume is already at its {'loudest' if step > 0 else 'quietest'}.")
            return
        self.change(volume=volume)
        self.say(f"Volume {round(volume * 100)} percent.", speak=True)

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
        for screen in self.screen_stack:
            if isinstance(screen, GuideScreen) and screen.is_mounted:  # its widgets are there
                screen.on_speech(event)

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
