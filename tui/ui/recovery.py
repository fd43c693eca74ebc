"""An error in one of our own handlers goes to the app's `recover` first: the kiosk logs it and
starts again from its start screen; the home reader lets Textual stop as before.

Textual has no public hook for an error in a message handler or an after-refresh callback
(Textualize/textual#2818: overriding its private `_handle_exception` is the only way, and we
never do). So the handlers and callbacks are wrapped where we define or schedule them: events
through `on_event`, every other `on_*` message handler of a class as it is defined, and every
`call_after_refresh` callback as it is scheduled. Timers and `call_later` arrive as events.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable


def _recovered(owner: Any, error: Exception) -> None:
    if not owner.app.recover(error):
        raise error


def _guarded(callback: Callable, owner_of: Callable[[tuple], Any]) -> Callable:
    """`callback`, whose error (a coroutine function's too) goes to the app of
    `owner_of(its arguments)`. The signature is kept: Textual passes arguments by counting them."""
    if inspect.iscoroutinefunction(callback):
        @functools.wraps(callback)
        async def run_async(*args, **kwargs):
            try:
                return await callback(*args, **kwargs)
            except Exception as error:
                _recovered(owner_of(args), error)
        return run_async

    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except Exception as error:
            _recovered(owner_of(args), error)
    return run


def handing_errors(owner: Any, callback: Callable) -> Callable:
    """A callback of `owner`'s (scheduled by it) whose error goes to `owner.app.recover`."""
    return _guarded(callback, lambda args: owner)


def _handler(method: Callable) -> Callable:
    """A message-handler method whose error goes to its own object's app."""
    return _guarded(method, lambda args: args[0])


class HandsErrorsToTheApp:
    """Mixed into our screens (and the app): their handlers' errors go to `app.recover`."""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if name.startswith("on_") and name != "on_event" and inspect.isfunction(value):
                setattr(cls, name, _handler(value))

    async def on_event(self, event) -> None:
        try:
            await super().on_event(event)  # type: ignore[misc]
        except Exception as error:
            _recovered(self, error)

    def call_after_refresh(self, callback: Callable, *args, **kwargs) -> bool:
        return super().call_after_refresh(  # type: ignore[misc]
            handing_errors(self, callback), *args, **kwargs)
