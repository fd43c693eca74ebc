"""The kiosk app: the reader with every way out removed, an idle reset and a staff-only exit.

- Nothing a patient can press ends it: no quit key, no Ctrl+C/Q/Z/\\/D, no palette, no mouse;
  SIGINT, SIGTSTP and SIGQUIT are ignored while it runs (SIGHUP and SIGTERM still end it).
  Only the staff exit sequence from the config (several keys in order, never shown) ends it.
- Its keys are a profile (tui.kiosk.keys): the numeric keypad's is a Textual keymap.
- Speech and self-voicing on by default; every screen can be read aloud, stopped and repeated.
- A start screen; after `idle_timeout` seconds with no key, "Are you still there?" counts down
  and everything goes back to the start screen with the config's settings.
- Settings are never saved. An unexpected error in an action or a screen's event handler is
  logged (exception type and traceback only) and the kiosk goes back to the start screen
  instead of stopping; errors in a burst end it for the service to restart.
"""

from __future__ import annotations

import signal
import time
from collections import deque
from types import SimpleNamespace
from typing import Callable

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding

from tui.core.model import Guide
from tui.kiosk import keys
from tui.kiosk.config import KioskConfig
from tui.kiosk.errors import error_log_path, log_error
from tui.kiosk.screens import IdleNoticeScreen, KioskContentsScreen, KioskHelpScreen, StartScreen
from tui.ui.app import BoneGuideApp
from tui.ui.keys import KeyWords
from tui.ui.layout_caches import forget_layout_caches
from tui.ui.screens.lifetime import close
from tui.ui.textual_workarounds import forget_drawn_widgets

# The keyboard's signals (belt and braces: Textual's raw mode already turns Ctrl+C/Z/\ into
# keys). SIGTERM and SIGHUP are left to tui.termination: they end the kiosk the normal way.
LOCKED_SIGNALS = [getattr(signal, name) for name in ("SIGINT", "SIGTSTP", "SIGQUIT") if hasattr(signal, name)]
ERROR_BURST = (5, 60.0)  # this many errors within this many seconds: give up (the service restarts us)


def return_free_memory() -> None:
    """Free what the last patient's screens used and hand it back to the system, so a kiosk
    that runs for weeks stays at the size it started (glibc keeps freed heap pages otherwise)."""
    import ctypes
    import gc
    gc.unfreeze()  # the start-up's objects (tui/startup_gc.py): the first screens are gone now
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the memory is still free for reuse, only not returned


class KioskApp(BoneGuideApp, inherit_bindings=False):
    """The reader with every way out removed, an idle reset and a staff-only exit."""

    in_clinic = True  # the warning signs say: tell a member of staff now
    CAN_QUIT = False
    settings_first_row = "volume"  # what a patient most often needs to change

    BINDINGS = [c.binding() for c in keys.STANDARD_GLOBAL] + keys.MOVES + [
        Binding("asterisk", "app.help", show=False)]
    CSS = BoneGuideApp.CSS + """
    App.-kiosk-numeric .status { display: none; }
    """

    def __init__(self, guide: Guide, config: KioskConfig | None = None, *,
                 speaker_factory: Callable | None = None, speech: str | None = None,
                 lock_signals: bool = False) -> None:
        self.config = config or KioskConfig()
        super().__init__(guide, self.config.settings(), speaker_factory=speaker_factory,
                         remember=False, show_disclaimer=False, speech=speech)
        self.profile = self.config.key_profile
        self.global_commands = keys.global_commands(self.profile)
        self.lock_signals = lock_signals
        self._saved_signals: dict[int, object] = {}
        self._typed: deque[str] = deque(maxlen=len(self.config.exit_keys))
        self._last_key = time.monotonic()
        self._dirty = False            # a patient has pressed something since the last reset
        self.idle_notice: IdleNoticeScreen | None = None  # the one counting down now
        self._errors: deque[float] = deque(maxlen=ERROR_BURST[0])
        self._kiosk_ready = False
        self.resets = 0
        self.staff_exit = False
        if self.numeric:  # a keypad has no F2: `*` then `1` (help, then its key 1), `/` to stop
            from tui.key_describer import KeyDescriber
            self.describer = KeyDescriber(toggle_keys=(), off_keys=("slash",),
                                          toggle_sequence=("asterisk", "1"))

    @property
    def numeric(self) -> bool:
        return self.profile == "numeric"

    # -- start and stop --
    def on_mount(self) -> None:  # the reader's on_mount runs too: themes, voice, show_start
        if self.numeric:
            self.add_class("-kiosk-numeric")
            from tui.ui.screens import glossary, help, red_flags, section, settings
            screens = (section.SectionScreen, red_flags.RedFlagScreen, help.HelpScreen, KioskHelpScreen,
                       settings.SettingsScreen, glossary.GlossaryScreen, KioskContentsScreen)
            self.set_keymap(keys.numeric_keymap(
                [b for cls in (KioskApp, *screens) for b in cls.BINDINGS if isinstance(b, Binding)]))
        step = max(0.05, min(1.0, self.config.idle_timeout / 10))
        self.set_interval(step, self._idle_tick, name="kiosk-idle")
        if self.lock_signals:
            self._saved_signals = {number: signal.signal(number, signal.SIG_IGN) for number in LOCKED_SIGNALS}
        self._kiosk_ready = True

    def on_unmount(self) -> None:  # then the reader's on_unmount closes the speech backend
        for number, handler in self._saved_signals.items():
            signal.signal(number, handler)

    def show_start(self) -> None:
        """The kiosk's first screens: its contents, and the start screen over them."""
        self.push_screen(KioskContentsScreen(self.numeric))
        self.push_screen(StartScreen(), callback=self._started)

    def _started(self, _result=None) -> None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, KioskContentsScreen):
                screen.announce_arrival()
                break

    def action_kiosk_start(self) -> None:
        """Back to the start screen (the numeric profile's / on the contents)."""
        self.narrator.stop()
        self.push_screen(StartScreen(), callback=self._started)

    # -- keys: the staff exit and the idle clock see every key first; nothing escapes --
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.MouseEvent):
            return  # no mouse in a kiosk (it is also off in the terminal: run(mouse=False))
        try:
            if isinstance(event, events.Key) and not event.is_forwarded:
                if self._staff_typed(event.key):
                    return
                self._last_key = time.monotonic()
                self._dirty = True
                if self.idle_notice is not None:
                    self._keep_reading()
                    return
                if event.key.startswith("ctrl+"):
                    return  # no kiosk key uses Ctrl; Ctrl+C/D/Q/Z/\ do nothing at all
            await super().on_event(event)
        except Exception as error:  # the app's own events: keys, timers, callbacks
            self.recover(error)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Every key's action comes here (Textual's public entry point for actions)."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            return self.recover(error)

    async def action_move(self, action: str, otherwise: str = "") -> None:
        """8 2 7 1 on the keypad: move the focused list's cursor, else scroll the focused text."""
        for name in filter(None, (action, otherwise)):
            if self.focused is not None and await self.run_action(name, self.focused):
                return
        raise SkipAction()  # nothing here moves: the key goes on as if unbound

    def action_quit(self) -> None:
        """No key quits a kiosk (not even q on the too-small screen); only the staff exit does."""

    def _staff_typed(self, key: str) -> bool:
        self._typed.append(key)
        if tuple(self._typed) == self.config.exit_keys:
            self.staff_exit = True
            self.narrator.stop()
            self.exit(return_code=0)
            return True
        return False

    def key_bar(self, screen) -> list | None:
        """The numeric profile's key line for a reader screen (its own status line is hidden);
        the kiosk's contents draws its own."""
        if not self.numeric or isinstance(screen, KioskContentsScreen):
            return None
        return keys.key_bar(screen.name)

    @property
    def key_words(self) -> KeyWords:
        """The keypad has no arrows and no Escape: 6 goes on, / goes back."""
        return keys.NUMERIC_WORDS if self.numeric else super().key_words

    # -- help, settings and the key describer, in the profile's words --
    def action_help(self) -> None:
        if self.screen.name == "help":
            return
        shown = self.screen
        about = SimpleNamespace(name=shown.name or "this",
                                COMMANDS=keys.screen_commands(self.profile, shown))
        if self.numeric:
            intro = ("Help. Press 8 and 2 to hear each key. Press star again for volume and text "
                     "size. Slash to go back.")
        else:
            intro = "Help. Use the arrow keys to hear each key. Escape to go back."
        self.push_screen(KioskHelpScreen(about, self.global_commands, intro))

    def action_key_describer(self) -> None:
        if self.screen.name == "help":  # reached from help (`*` then `1`): describe the screen under it
            close(self.screen)
        super().action_key_describer()

    def describer_takes(self, key: str, character: str | None) -> bool:
        # The keypad with NumLock off is described as the digits it types with NumLock on.
        return super().describer_takes(keys.DIGIT_OF.get(key, key) if self.numeric else key, character)

    def describer_off_keys(self) -> str:
        return "Slash, or star then 1," if self.numeric else super().describer_off_keys()

    def describer_commands(self) -> list:
        return keys.screen_commands(self.profile, self.screen) + list(self.global_commands)

    # -- idle reset --
    def _idle_tick(self) -> None:
        if not self.screen_stack:  # the app is ending (its screens gone, the timer not yet)
            return
        if self.idle_notice is not None:
            if self.idle_notice.expired:
                self.kiosk_reset("idle")
            return
        if not self._dirty and isinstance(self.screen, StartScreen):
            return  # a fresh start screen: nothing of anyone's to forget
        # Not only "a key since the reset": a key handled just before a reset can finish its
        # action after it (the warning signs opening over the fresh start screen), and that
        # screen must still go back to the start when nobody is there.
        idle = time.monotonic() - self._last_key
        reading = self.narrator.reading
        # Listening to a long section is not being away: reading aloud stretches the wait, 3x at most.
        if idle >= self.config.idle_timeout * (3 if reading else 1):
            self.idle_notice = IdleNoticeScreen(self.config.idle_warning)
            self.push_screen(self.idle_notice)

    def _keep_reading(self) -> None:
        notice, self.idle_notice = self.idle_notice, None
        self.narrator.stop()
        if notice is not None:
            close(notice)  # when covered (a small terminal), it closes itself once back on top
        self.narrator.announce("Welcome back.")

    def kiosk_reset(self, reason: str = "idle") -> None:
        """Back to a fresh start screen with the config's settings; nothing of the last patient
        stays on screen or in memory (screens, search, notices, clipboard, settings)."""
        self.narrator.stop()
        self.idle_notice = None
        self.describer.active = False  # the next patient's keys do what they say
        self.section_read = None  # the new contents start at the top, not on what was read
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.clear_notifications()
        self.copy_to_clipboard("")
        forget_drawn_widgets()
        forget_layout_caches()  # the last patient's terminal sizes (else they pile up for weeks)
        self._apply(self.config.settings())
        self.show_start()
        self._typed.clear()
        self._dirty = False
        self._last_key = time.monotonic()
        self.resets += 1
        self.call_after_refresh(self._check_size)
        self.set_timer(1.0, return_free_memory, name="kiosk-release")  # once the old screens are gone

    def _apply(self, settings) -> None:
        from tui.ui.themes import THEME_NAMES
        voice_changed = settings.voice != self.narrator.settings.voice
        self.settings = settings
        self.theme = settings.theme if settings.theme in THEME_NAMES else THEME_NAMES[0]
        self.size_level = settings.size
        if voice_changed and not settings.voice and self.narrator.speaker is not None:
            self.narrator.restart(settings)  # a backend cannot be told "your default voice" once changed
        else:
            self.narrator.apply(settings)

    # -- errors: log, then back to the start screen --
    def recover(self, error: Exception) -> bool:
        """Log the error and start again from the start screen; after a burst of errors (or one
        while starting), exit with status 1 and a line naming the log, never a traceback with
        its local variables (they may hold what a patient searched for)."""
        log_error(error)
        now = time.monotonic()
        self._errors.append(now)
        burst = len(self._errors) == self._errors.maxlen and now - self._errors[0] < ERROR_BURST[1]
        if self.return_code is not None:
            pass  # already on its way out
        elif burst or not self._kiosk_ready or not self.is_running:
            self.bell()
            self.exit(return_code=1,
                      message=f"bone-guide kiosk stopped after repeated errors; see {error_log_path()}")
        else:
            self.call_later(self.kiosk_reset, "error")
        return True
