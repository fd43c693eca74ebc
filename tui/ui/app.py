"""The reader app: screens, the keys that work everywhere, themes, text size and the voice."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual.app import App
from textual.message import Message
from textual.reactive import reactive

from tui.ui import keys
from tui.ui.keys import KeyWords
from tui.core.model import Guide, RedFlags
from tui.speech.narrator import Narrator
from tui.ui.recovery import HandsErrorsToTheApp
from tui.ui.screens.base import GuideScreen
from tui.core.settings import FIELDS, Settings, save_settings
from tui.ui.themes import CONTRAST_CSS, THEME_LABELS, THEME_NAMES, register_themes
from tui import glyphs
from tui.glyphs import ui

if TYPE_CHECKING:
    from textual.screen import Screen

    # The reading model (and its sentence splitter) loads with the first section.
    from tui.core.reading import Hit

# Loaded once the first screen is painted (in _first_screen_up), not before it: ~20 ms of
# imports (the spoken script and the sentence splitter, the screens not shown yet).
LATER = ("tui.core.script", "tui.ui.screens.contents", "tui.ui.screens.red_flags",
         "tui.ui.screens.too_small")


class SpeechEvent(Message):
    """A backend event (tui.speech.events), carried from a speech thread to the app's own."""

    def __init__(self, event) -> None:
        super().__init__()
        self.event = event


class BoneGuideApp(HandsErrorsToTheApp, App, inherit_bindings=False):
    """Owns every key (no inherited Ctrl+Q or palette surprises), as posting and harlequin do."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live in other folders
    CSS = CONTRAST_CSS  # Textual's own faint separators and dividers, made readable
    ENABLE_COMMAND_PALETTE = False
    TITLE = "Bone metastases guide"
    BINDINGS = keys.bindings(keys.GLOBAL)

    size_level: reactive[str] = reactive("normal")
    CAN_QUIT = True  # the kiosk says False: no key of a patient's ends it

    def __init__(self, guide: Guide, settings: Settings | None = None, *,
                 speaker_factory: Callable | None = None, remember: bool = True,
                 show_disclaimer: bool = True, speech: str | None = None) -> None:
        from tui.terminal_cursor import cursor_driver_class
        super().__init__(driver_class=cursor_driver_class())
        self.cursor_driver = None  # set by the driver when it starts (not in headless tests)
        self.animation_level = "none"  # no motion: scrolling jumps, nothing slides or fades
        # In a non-UTF-8 locale or on the Linux console, the guide's dashes and quotes in ASCII.
        self.guide = glyphs.fit_guide(guide)
        self.settings = settings or Settings()
        self.remember = remember
        self.show_disclaimer = show_disclaimer
        # `speech` overrides the remembered backend for this run only (--no-speech).
        self.narrator = Narrator(lambda event: self.post_message(SpeechEvent(event)), self.settings,
                                 speaker_factory, speech)
        self.speech_override = speech
        self.global_commands = list(keys.GLOBAL)
        self.startup_notices: list[str] = []
        self.last_message = ""
        self.messages: list[str] = []
        self.places = None  # resume and bookmarks (tui.places); the kiosk never has any
        from tui.key_describer import KeyDescriber
        self.describer = KeyDescriber()
        self._quiet_timer = None  # set once the first screen is up (tui.quiet_collector)
        self._use_theme_from_the_start()

    def _use_theme_from_the_start(self) -> None:
        """Register the themes and choose one before any CSS is parsed. Chosen in on_mount, the
        theme made Textual parse every stylesheet a second time, with the new colours, before
        the first paint (~25 ms, more than Textual takes to draw the whole first screen)."""
        register_themes(self)
        self.theme = self.settings.theme if self.settings.theme in THEME_NAMES else THEME_NAMES[0]
        # The theme's watcher queued a refresh_css (a full re-parse) for later; the variables it
        # would set are set now, so the first parse uses them and that refresh has nothing to do.
        self.stylesheet.set_variables(self.get_css_variables())
        self._css_current = True

    def refresh_css(self, animate: bool = True) -> None:
        if getattr(self, "_css_current", False):  # see _use_theme_from_the_start
            self._css_current = False
            return
        super().refresh_css(animate)

    def watch_theme(self) -> None:
        self._css_current = False  # a theme chosen later (t, settings) is always applied

    # -- start and stop --
    def on_load(self) -> None:
        from tui import startup_gc
        # The collector comes back with the first screen (_first_screen_up); should that
        # never run (a kiosk that failed to start its screens and reset itself, a key that
        # took the first screen away before it was drawn), it comes back anyway.
        self.set_timer(3.0, startup_gc.resume, name="collector-back")
        from tui.termination import exit_app_on_termination
        exit_app_on_termination(self)  # kill / a closed terminal: quit as `q` does (also the kiosk)
        # Speech starts its audio player on a thread of its own while Textual draws the first
        # screen (it connects to the sound server meanwhile), so a 0 pressed as that screen
        # shows is heard at once; the rest of speech waits until the screen is up.
        self.narrator.start_early(self._red_flag_script)

    def on_mount(self) -> None:
        # Borders and scrollbars drawn with characters this terminal has (see app.tcss).
        self.add_class(f"-glyphs-{glyphs.SET}")
        glyphs.use_plain_scrollbars()
        self.size_level = self.settings.size
        self.show_start()
        for notice in self.startup_notices:
            self.notify(notice, severity="warning", timeout=10)
        self.call_after_refresh(self._check_size)
        self.call_after_refresh(self._first_screen_up)

    def _first_screen_up(self) -> None:
        from tui import quiet_collector, startup_gc
        startup_gc.resume()  # paused by the command while Textual started (see there)
        # Full garbage collections in the pauses between keys (see there).
        self._quiet_timer = self.set_interval(quiet_collector.QUIET_SECONDS, self._collect_when_quiet,
                                              pause=True, name="quiet-collector")
        self.narrator.start_backend()  # ~10 ms: its modules, the kept warning signs
        if notice := self.narrator.startup_notice():
            self.notify(notice, severity="warning", timeout=10)
        # A second later, so that a key pressed as the first screen shows (0) goes first: the
        # speech engine (a process loading pyttsx3 and espeak-ng, busy for a good part of a
        # second) and the screens not shown yet. A reading asked for sooner starts the engine.
        self.set_timer(1.0, self._a_second_after_the_first_screen, name="after-first-screen")

    def _collect_when_quiet(self) -> None:
        from tui import quiet_collector
        self._quiet_timer.pause()  # until the next key
        quiet_collector.collect_if_due()

    def _a_second_after_the_first_screen(self) -> None:
        self.narrator.start_engine()
        import importlib
        for name in LATER:  # so that the first key to need one does not wait for its import
            importlib.import_module(name)

    def _red_flag_script(self) -> list[str]:
        from tui.core import script
        return script.red_flags(self.local_red_flags())

    # -- hooks a locked-down app (the kiosk) fills in differently --
    def show_start(self) -> None:
        """The first screen: the disclaimer alone, so it is painted without waiting for the
        contents, which take its place as it closes (with the resume offer over them)."""
        if self.show_disclaimer:
            from tui.ui.screens.disclaimer import DisclaimerScreen
            self.push_screen(DisclaimerScreen(then=self._contents_and_offer))
        else:
            from tui.ui.screens.contents import ContentsScreen
            self.push_screen(ContentsScreen())
            self._offer_resume()

    def key_bar(self, screen) -> list | None:
        """The parts of a line of keys for the bottom of `screen` (see tui/ui/widgets/status_line.py),
        if this app has one (the reader has none)."""
        return None

    def recover(self, error: Exception) -> bool:
        """A screen's handler failed: True if this app has dealt with it (the kiosk logs it and
        starts again); the reader lets Textual stop with the traceback."""
        return False

    def on_unmount(self) -> None:
        self.narrator.close()

    # -- places: resume and bookmarks (home reader only; see tui.places) --
    def _contents_and_offer(self) -> Screen:
        """What takes the disclaimer's place: the contents, with the resume offer over them."""
        from tui.ui.screens.contents import ContentsScreen
        self.call_later(self._offer_resume)
        return ContentsScreen()

    def _offer_resume(self) -> None:
        """Load the remembered places; offer the last one, over the contents."""
        if not self.remember:
            return
        from tui.places import Places
        self.places = Places.load(self.guide)
        for notice in self.places.notices:  # e.g. bookmarks a changed guide no longer has
            self.notify(notice, severity="warning")
        if self.places.last is not None:
            from tui.ui.screens.resume import ResumeScreen
            self.push_screen(ResumeScreen(self.places.last))

    def exit(self, *args, **kwargs) -> None:
        # Every way out comes here: q, Ctrl+C, SIGTERM/SIGHUP (tui.termination calls exit).
        self._remember_place()
        super().exit(*args, **kwargs)

    def _remember_place(self) -> None:
        """Quitting inside a section (even under help or the warning signs) remembers where;
        quitting anywhere else forgets it, so the next start offers only a real place."""
        if self.places is None:
            return
        from tui.places import place_in
        from tui.ui.screens.section import SectionScreen
        place = None
        for screen in reversed(self.screen_stack):
            if isinstance(screen, SectionScreen) and screen.is_mounted:
                try:
                    place = place_in(self.guide, screen.index, *screen.current_place())
                except Exception:  # half-built on a key burst: keep no place rather than fail to quit
                    place = None
                break
        self.places.remember_last(place)  # a failed save must not stop the app from quitting

    def open_place(self, place) -> None:
        """Open the section of a remembered place at its paragraph; `r` reads from its sentence."""
        from tui.ui.screens.section import SectionScreen
        self.open_section(self.guide.index_of(place.section))
        shown = self.screen
        if isinstance(shown, SectionScreen):
            if shown.is_mounted:
                shown.go_to(place.unit, place.sentence)
            else:
                shown.start_at = (place.unit, place.sentence)

    def action_bookmark(self) -> None:
        from tui.places import place_in
        from tui.ui.screens.section import SectionScreen
        if self.places is None:
            return
        if not isinstance(self.screen, SectionScreen):
            self.say("Open a section first: b bookmarks the paragraph you are reading.")
            return
        screen = self.screen
        place = place_in(self.guide, screen.index, *screen.current_place())
        number, problem = self.places.add_bookmark(place)
        if problem:
            self.bell()
            self.notify(problem, severity="warning", timeout=8)
        if number:
            self.say(f"Bookmark {number} set: {place.short(self.guide)}")

    def action_bookmarks(self) -> None:
        if self.places is None or self.screen.name == "bookmarks":
            return
        from tui.ui.screens.bookmarks import BookmarksScreen
        self.push_screen(BookmarksScreen())
        count = len(self.places.bookmarks)
        self.narrator.announce(f"Bookmarks: {count}. Enter to go, d to remove." if count
                               else "Bookmarks: none yet. Press b in a section to set one.")

    # -- key describer (tui.key_describer) --
    def action_key_describer(self) -> None:
        from tui.key_describer import ON_TEXT
        self.describer.active = True
        self.tell(ON_TEXT.format(off=self.describer_off_keys()))

    def describer_off_keys(self) -> str:
        return "F2 or Escape"

    def describer_commands(self) -> list:
        """The keys of the screen on top, then those that work everywhere (as help lists them)."""
        return list(getattr(self.screen, "COMMANDS", [])) + list(self.global_commands)

    def describer_bound(self) -> dict[str, str]:
        """Other keys bound right now (a widget's own), from Textual's public active_bindings."""
        try:
            active = self.screen.active_bindings
        except Exception:
            return {}
        return {key: b.binding.description for key, b in active.items() if b.binding.description}

    def tell(self, text: str) -> None:
        """Show and say, whatever the self-voicing setting: the reader asked for it."""
        self.notify(text, timeout=6)
        self.narrator.feedback(text)

    def describer_takes(self, key: str, character: str | None) -> bool:
        """While the key describer is on: describe the key instead of doing it (True)."""
        return self.describer.active and self.describer.handle(
            key, character, self.describer_commands, self.describer_bound, self.tell)

    async def on_event(self, event) -> None:
        from textual import events
        # Ahead of Textual's own handling (priority bindings, then the focused widget), so a
        # described key reaches nothing; the warning-signs keys are let through.
        if isinstance(event, events.Key) and self._quiet_timer is not None:
            self._quiet_timer.reset()  # a full garbage collection once the keys stop, not now
        if (isinstance(event, events.Key) and not event.is_forwarded
                and self.describer_takes(event.key, event.character)):
            return
        await super().on_event(event)

    # -- navigation used by screens --
    def _back_to_contents(self) -> None:
        from tui.ui.screens.contents import ContentsScreen
        while len(self.screen_stack) > 2 and not isinstance(self.screen, ContentsScreen):
            self.pop_screen()

    def open_section(self, index: int, hit: Hit | None = None, replace: bool = False,
                     over: bool = False) -> None:
        """Show section `index`; `over` keeps the screen below (search results) for Escape."""
        from tui.core import script
        from tui.ui.screens.section import SectionScreen
        self.narrator.stop_if_speaking()
        self.section_read = index  # the contents show it chosen when the reader comes back
        if isinstance(self.screen, SectionScreen) and self.screen.is_mounted:
            # next/previous: the same screen shows the other section (quick); the screens below stay asleep
            self.screen.show_section(index, hit)
        else:
            if not over:
                self._back_to_contents()
            self.push_screen(SectionScreen(index, hit))
        self.narrator.announce(script.section_heading(self.guide, index))

    in_clinic = False  # a kiosk in a clinic says first: tell a member of staff
    section_read: int | None = None  # the section opened last, until the contents show it

    def local_red_flags(self) -> RedFlags:
        """The guide's warning signs with this place's numbers (settings or kiosk config)."""
        s = self.settings
        return self.guide.red_flags.localised(s.care_line, s.emergency_number, self.in_clinic)

    # How messages name the keys that move on (the kiosk keypad has its own).
    key_words = KeyWords()

    def end_note(self, index: int, back: str = "contents") -> str:
        """What the end of section `index` says, in the keys of this app; `back`: where the
        back key goes from there."""
        from tui.core import script
        words = self.key_words
        return ui(script.end_of_section(self.guide, index, words.next_section,
                                        f"Press {words.back} for the {back}."))

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
        # Speech first, before the screen's module is even imported (at the first screen it
        # is not yet): its thread starts the player while this one builds the screen.
        showing = []  # the screen that follows the voice, once there is one

        def follow(index, stopped=False):
            if showing:
                showing[0].follow_voice(index, stopped=stopped)
        notice = self.narrator.red_flags(follow=follow)
        from tui.ui.screens.red_flags import RedFlagScreen
        shown = self.screen if isinstance(self.screen, RedFlagScreen) else None
        screen = shown or RedFlagScreen()
        showing.append(screen)
        if shown is None:
            self.push_screen(screen)  # it shows any speech notice as it mounts
        elif notice and shown.is_mounted:
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
        if "show_cursor" in kwargs and self.cursor_driver is not None:
            self.cursor_driver.show_cursor(self.settings.show_cursor)
        self.narrator.apply(self.settings)
        if self.remember:
            problem = save_settings(self.settings)
            if problem:
                self.notify(problem, severity="warning")

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice goes to the message line (never a toast over the text)."""
        self.show_message(f"{title}: {message}" if title else message)

    def show_message(self, text: str) -> None:
        self.last_message = text
        self.messages.append(text)
        del self.messages[:-20]  # the last few, for tests and checks
        screen = self.screen
        if isinstance(screen, GuideScreen):
            screen.show_message(text)
        else:  # a screen without a message line (too small): keep it for `m`
            self.bell()

    def read_aloud(self, sentences: list[str], utterance_id: str, **following) -> None:
        """Read because the reader asked (r, Enter); when speech is off, say so and how to turn
        it on. `following`: the narrator's follow= and places= (who is told where the voice is)."""
        notice = self.narrator.read(sentences, utterance_id, **following)
        if notice:
            if (self.speech_override or self.settings.speech) == "none":
                how = ("Start bone-guide without --no-speech to hear it." if self.speech_override
                       else 'Set "speech" to "auto" in the settings file to hear it.')
                notice = f"Speech is off, so nothing is read aloud. {how}"
            self.show_message(notice)
            self.bell()

    def action_last_message(self) -> None:
        """Show and say the last message again (it may have been cleared, or missed)."""
        text = self.last_message or "There is no message yet."
        if isinstance(self.screen, GuideScreen):
            self.screen.show_message(text)
        self.narrator.read([text], "announce")

    def say(self, text: str, speak: bool = False) -> None:
        """Show a short message; speak it when self-voicing is on (or `speak` asks, e.g. rate)."""
        self.show_message(text)
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
        from tui.ui.screens.too_small import TooSmallScreen, fits
        covered = isinstance(self.screen, TooSmallScreen)
        if not fits(self.size) and not covered:
            self.push_screen(TooSmallScreen())
        elif fits(self.size) and covered:
            self.pop_screen()
