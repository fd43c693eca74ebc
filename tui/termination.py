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


def raise_on_termination() -> None:
    """For the commands that are not the full-screen app (plain mode, exports): a terminating
    signal raises SystemExit, so `finally` blocks remove temporary files and close speech."""
    for number in TERMINATING:
        signal.signal(number, _raise)


def _raise(number: int, _frame) -> None:
    raise SystemExit(128 + number)
