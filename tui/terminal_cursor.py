"""Show the terminal's own cursor, which Textual hides, so magnifiers and braille follow the focus.

Textual's Linux driver writes "hide cursor" (ESC [?25l) when it starts application mode and never
shows it again until exit (textual#2348), although it still moves the cursor to
`App.cursor_position` after every frame.  Screen magnifiers and BRLTTY follow a *visible* cursor
best, so this driver (passed as `App(driver_class=...)`, Textual's public way to choose one)
shows it again after Textual hides it, and lets the app hide or show it from a setting.
"""

from __future__ import annotations

import sys

SHOW, HIDE = "\x1b[?25h", "\x1b[?25l"


def cursor_driver_class():
    """The driver class for this platform that can show the cursor (None: keep Textual's)."""
    if sys.platform == "win32":
        return None
    from textual.drivers.linux_driver import LinuxDriver

    class VisibleCursorDriver(LinuxDriver):
        def __init__(self, app, *args, **kwargs) -> None:
            super().__init__(app, *args, **kwargs)
            self.cursor_shown = bool(getattr(getattr(app, "settings", None), "show_cursor", True))
            app.cursor_driver = self  # the app flips it when the setting changes

        def start_application_mode(self) -> None:
            super().start_application_mode()
            self.show_cursor(self.cursor_shown)

        def show_cursor(self, shown: bool) -> None:
            self.cursor_shown = shown
            self.write(SHOW if shown else HIDE)
            self.flush()

    return VisibleCursorDriver
