"""`bone-guide --plain`: the guide line by line, for screen readers and braille displays.

`run` starts it, `reader` is the `cmd` loop and its commands (listed once in `commands`),
`pages` what each answer shows, `voice` its speech through the reader's narrator, `bookmarks`
resume and bookmarks (kept in tui.places, as the full-screen reader keeps them).
"""

from tui.plain.commands import HELP_LINES
from tui.plain.reader import MORE_PROMPT, PlainReader
from tui.plain.run import run_plain

__all__ = ["HELP_LINES", "MORE_PROMPT", "PlainReader", "run_plain"]
