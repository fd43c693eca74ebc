"""Kiosk mode: the reader locked down for a waiting room (`bone-guide --kiosk --config FILE`).

- Nothing a patient can press ends it: no quit key, no Ctrl+C/Q/Z/\\/D, no palette, no mouse;
  SIGINT, SIGTSTP and SIGQUIT are ignored while it runs (SIGHUP and SIGTERM still end it).
  Only the staff exit sequence from the config (several keys in order, never shown) ends it.
- Speech and self-voicing on by default; every screen can be read aloud, stopped and repeated.
- A start screen; after `idle_timeout` seconds with no key, "Are you still there?" counts down
  and everything goes back to the start screen with the config's settings.
- Settings are never saved. An unexpected error is logged (exception type and traceback
  only) and the kiosk goes back to the start screen instead of stopping.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import traceback
from collections import deque
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from textual import events
from textual.keys import key_to_character

from tui import kiosk_keys
from tui.ui.app import BoneGuideApp
from tui.core.model import Guide
from tui.kiosk_config import KioskConfig, KioskConfigError, load_kiosk_config
from tui.ui.screens.help import HelpScreen
from tui.ui.layout_caches import forget_layout_caches
from tui.ui.textual_workarounds import forget_drawn_widgets
from tui.ui.screens.kiosk_screens import IdleNoticeScreen, KioskContentsScreen, StartScreen
from tui.ui.screens.lifetime import close
from tui.core.settings import Settings

LOCKED_SIGNALS = ("SIGINT", "SIGTSTP", "SIGQUIT")
ERROR_BURST = (5, 60.0)  # this many errors within this many seconds: give up (the service restarts us)
LOG_LIMIT = 1_000_000


# -- the error log: no patient data, only what kind of error and where in the code --

def error_log_path() -> Path:
    folder = os.environ.get("BONE_GUIDE_LOG_DIR")
    if not folder:
        from platformdirs import user_log_dir
        folder = user_log_dir("bone-guide")
    return Path(folder) / "kiosk-errors.log"


def error_report(error: BaseException) -> list[str]:
    """Exception types and traceback frames only: never the message, which may hold guide
    text or search words, and never local variables."""
    lines = [f"{datetime.now().isoformat(timespec='seconds')} {_type_name(error)}"]
    seen: set[int] = set()
    exc: BaseException | None = error
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc is not error:
            lines.append(f"  while handling {_type_name(exc)}")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        exc = exc.__cause__ or exc.__context__
    return lines


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def log_error(error: BaseException) -> Path | None:
    """Append a report to the log (kept under ~1 MB, one old file kept). Never raises."""
    try:
        path = error_log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            os.replace(path, path.with_name(path.name + ".1"))
        with path.open("a", encoding="utf-8") as log:
            log.write("\n".join(error_report(error)) + "\n")
        return path
    except Exception:
        return None


def return_free_memory() -> None:
    """Free what the last patient's screens used and hand it back to the system, so a kiosk
    that runs for weeks stays at the size it started (glibc keeps freed heap pages otherwise)."""
    import ctypes
    import gc
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the memory is still free for reuse, only not returned


# -- the app --

class KioskApp(BoneGuideApp, inherit_bindings=False):
    """The reader with every way out removed, an idle reset and a staff-only exit."""

    in_clinic = True  # the warning signs say: tell a member of staff now

    BINDINGS = kiosk_keys.bindings()
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
        self.global_commands = kiosk_keys.global_commands(self.profile)
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
        step = max(0.05, min(1.0, self.config.idle_timeout / 10))
        self.set_interval(step, self._idle_tick, name="kiosk-idle")
        if self.lock_signals:
            self._lock()
        self._kiosk_ready = True

    def on_unmount(self) -> None:
        self._unlock()  # then the reader's on_unmount closes the speech backend

    def _lock(self) -> None:
        """Ignore the keyboard's signals (belt and braces: Textual's raw mode already turns
        Ctrl+C/Z/\\ into keys). SIGTERM and SIGHUP are left to tui.termination: they end the
        kiosk the normal way, giving the terminal back."""
        for name in LOCKED_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                self._saved_signals[number] = signal.signal(number, signal.SIG_IGN)

    def _unlock(self) -> None:
        for number, handler in self._saved_signals.items():
            signal.signal(number, handler)
        self._saved_signals.clear()

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

    # -- keys: the staff exit, the idle clock, the profile, and nothing that escapes --
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.MouseEvent):
            return  # no mouse in a kiosk (it is also off in the terminal: run(mouse=False))
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
            if self.describer_takes(kiosk_keys.normal_key(self.profile, event.key), event.character):
                return  # the key describer: named and explained, not done
            target = kiosk_keys.translate(self.profile, self.screen.name, event.key)
            if target != event.key:
                if kiosk_keys.is_action(target):
                    await self.run_action(target)
                    return
                event = events.Key(target, key_to_character(target))
        await super().on_event(event)

    CAN_QUIT = False

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

    def key_bar(self, screen) -> str | None:
        """The numeric profile's key line for a reader screen (its own status line is hidden);
        the kiosk's contents draws its own."""
        if not self.numeric or isinstance(screen, KioskContentsScreen):
            return None
        return kiosk_keys.NUMERIC_BAR.get(screen.name or "")

    def end_note_keys(self) -> tuple[str, str]:
        return ("6", "Press / for the contents.") if self.numeric else super().end_note_keys()

    # -- help and settings, in the profile's words --
    def action_help(self) -> None:
        if self.screen.name == "help":
            return
        shown = self.screen
        about = SimpleNamespace(name=shown.name or "this",
                                COMMANDS=kiosk_keys.screen_commands(self.profile, shown))
        if self.numeric:
            intro = ("Help. Press 8 and 2 to hear each key. Press star again for volume and text "
                     "size. Slash to go back.")
        else:
            intro = "Help. Use the arrow keys to hear each key. Escape to go back."
        self.push_screen(KioskHelpScreen(about, self.global_commands, intro))

    # -- the key describer, in the profile's words --
    def action_key_describer(self) -> None:
        if self.screen.name == "help":  # reached from help (`*` then `1`): describe the screen under it
            close(self.screen)
        super().action_key_describer()

    def describer_off_keys(self) -> str:
        return "Slash, or star then 1," if self.numeric else super().describer_off_keys()

    def describer_commands(self) -> list:
        return kiosk_keys.screen_commands(self.profile, self.screen) + list(self.global_commands)

    # Settings open on the volume: it is what a patient most often needs to change.
    settings_first_row = "volume"

    # -- idle reset --
    def _idle_tick(self) -> None:
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
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.clear_notifications()
        self._clipboard = ""
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

    def _apply(self, settings: Settings) -> None:
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
    async def _dispatch_message(self, message) -> None:
        try:
            await super()._dispatch_message(message)
        except Exception as error:  # the app's own message loop must never end on a bug
            self._handle_exception(error)

    def _handle_exception(self, error: Exception) -> None:
        log_error(error)
        now = time.monotonic()
        self._errors.append(now)
        burst = len(self._errors) == self._errors.maxlen and now - self._errors[0] < ERROR_BURST[1]
        if not self._kiosk_ready or burst or self._exit_renderables or not self.is_running:
            super()._handle_exception(error)  # exits; the service starts a fresh kiosk
            return
        self.call_later(self.kiosk_reset, "error")

    def _fatal_error(self) -> None:
        """Exit without Textual's traceback-with-locals on screen (locals may hold what a
        patient searched for); the log has the traceback."""
        self.bell()
        self._exit_renderables.append(
            f"bone-guide kiosk stopped after repeated errors; see {error_log_path()}")
        self._close_messages_no_wait()


class KioskHelpScreen(HelpScreen):
    """Help that says each key aloud as the list moves (self-voicing), after a short intro."""

    def __init__(self, for_screen, global_commands, intro: str) -> None:
        super().__init__(for_screen, global_commands)
        self.intro = intro

    def on_option_list_option_highlighted(self, event) -> None:
        if event.option_index is not None and event.option_index < len(self.rows):
            keys, what = self.rows[event.option_index]
            intro, self.intro = self.intro, ""  # one utterance: a second would cut the first off
            self.bone_app.narrator.announce(f"{intro} {keys}: {what}".strip())


# -- the command --

def run_kiosk(args: argparse.Namespace, guide_path: Path | None = None) -> int:
    """Check the config and guide (problems: `FILE:LINE: message`, exit 2), then run locked down."""
    from tui.core.load import bundled_guide_path, load_guide_or_report
    from tui.ui.themes import THEME_NAMES

    try:
        config = load_kiosk_config(args.config, tuple(THEME_NAMES))
    except KioskConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    chosen = {key: getattr(args, key, None) for key in ("theme", "size") if getattr(args, key, None)}
    if getattr(args, "speech", None):
        chosen.update(speech=True, speech_engine=args.speech)
    if chosen:
        from dataclasses import replace
        config = replace(config, **chosen)
    path = getattr(args, "guide", None) or config.guide or guide_path or bundled_guide_path()
    guide = load_guide_or_report(path)
    if guide is None:
        return 2
    for name in ("TEXTUAL_ALLOW_SIGNALS", "TEXTUAL"):  # no signals from keys, no devtools
        os.environ.pop(name, None)
    app = KioskApp(guide, config, speech="none" if getattr(args, "no_speech", False) else None,
                   lock_signals=True)
    app.run(mouse=False)
    return app.return_code or 0
