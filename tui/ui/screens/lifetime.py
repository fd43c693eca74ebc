"""A screen's lifetime, for work that may arrive after the screen has gone.

Keys typed in one burst reach the app before any screen has changed: each is sent to the
screen that was on top when it arrived, so a screen can get a key after it was closed or
covered. Messages from its widgets, `call_after_refresh` callbacks, timers and speech events
can also run after it left the screen stack, while Textual is taking its widgets away.
So a screen closes itself only while it is on top (once), and its deferred work runs only
while it is still on the stack.
"""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

from textual.screen import Screen

Method = TypeVar("Method", bound=Callable)


def on_stack(screen: Screen) -> bool:
    """Still on the app's screen stack (perhaps under another screen): its widgets are there."""
    try:
        return screen in screen.app.screen_stack
    except Exception:  # no app any more: the app is exiting
        return False


def on_top(screen: Screen) -> bool:
    """The screen the user sees and whose keys these are."""
    try:
        stack = screen.app.screen_stack
    except Exception:
        return False
    return bool(stack) and stack[-1] is screen


def close(screen: Screen, result=None) -> bool:
    """Dismiss `screen` if it is on top; otherwise do nothing (it has gone already, or a
    screen opened by a later key covers it). Dismissing takes it off the stack at once, so a
    second key asking the same screen to close does nothing."""
    if not on_top(screen):
        return False
    screen.dismiss(result)
    return True


def _only_while(state: Callable[[Screen], bool]) -> Callable[[Method], Method]:
    """A decorator: the screen method does nothing (returns None) unless `state(screen)`."""
    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            return method(self, *args, **kwargs) if state(self) else None
        return guarded  # type: ignore[return-value]
    return decorate


# For a screen method that may run late (a widget's message, a deferred callback, a speech
# event): it does nothing once its screen has left the stack.
while_on_stack = _only_while(on_stack)
# For a screen method that acts for the user (opens a section, reads a line) on a message
# that may arrive late: it does nothing unless its screen is the one on top. A key typed
# after Enter in the same burst may have opened something else, like the warning signs.
while_on_top = _only_while(on_top)
