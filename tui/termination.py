"""SIGTERM and SIGHUP end the app the way its quit key does, so the terminal is given back.

Python's default for these signals ends the process on the spot: the terminal stays in the
alternate screen with the cursor hidden and echo off, and the speech folder
(/tmp/bone-guide-speech-*) is left behind. Textual has no handler of its own for them
(Textualize/textual#5140), so the app asks its event loop to call the public `App.exit` when one
arrives: the normal shutdown then runs (unmount closes speech and removes its folder; the driver
restores the terminal). The exit status is the shell's usual 128 + the signal's number.
"""

from __future__ import annotations

import asyncio
import signal
from contextlib import contextmanager
from typing import Iterator

TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def exit_app_on_termination(app) -> None:
    """Call from the app's event loop (e.g. on_load): each terminating signal calls `app.exit`."""
    loop = asyncio.get_running_loop()
    for number in TERMINATING:
        try:
            loop.add_signal_handler(number, _exit, app, number)
        except (NotImplementedError, RuntimeError, ValueError):  # no signals here (Windows, a thread)
            pass


def _exit(app, number: int) -> None:
    app.exit(return_code=128 + number)


@contextmanager
def termination_raises() -> Iterator[None]:
    """For the commands that are not the full-screen app (plain mode, exports): inside the block
    a terminating signal raises SystemExit, so `finally` blocks remove temporary files and close
    speech. The previous handlers come back afterwards."""
    saved = {}
    try:
        for number in TERMINATING:
            saved[number] = signal.signal(number, _raise)
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def _raise(number: int, _frame) -> None:
    raise SystemExit(128 + number)
