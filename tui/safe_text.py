"""Text from files, settings and the command line, made safe to show in a terminal or a page.

Some characters are obeyed by a terminal instead of shown. C0 and C1 control characters: ESC
(U+001B) and the one-byte CSI (U+009B) start sequences that retitle the window, wipe the screen
or write the clipboard. Bidirectional embeddings, overrides and isolates (U+202A-U+202E,
U+2066-U+2069) reorder a run of text, so the words on screen are not the words in the file
("Trojan Source", CVE-2021-42574).

The left-to-right and right-to-left *marks* (U+200E, U+200F, U+061C) are allowed in a guide:
each is a single invisible character with a direction, cannot reverse the text around it, and a
guide translated into Hebrew or Arabic needs them to put punctuation and numbers in the right
place. `shown()` still escapes them (and every other invisible character) when an error message
quotes what a user typed, since there nothing invisible should hide.
"""

from __future__ import annotations

import re

_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
# The same set as `hostile`, as one character class: a guide's every value is checked at start-up,
# and one regex search is ~50x quicker than a Python loop over its characters.
_HOSTILE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile(char: str) -> bool:
    """A character a guide, config or setting may not hold (newline and tab are fine)."""
    code = ord(char)
    return (code < 0x20 and char not in "\n\t") or 0x7F <= code <= 0x9F or code in _BIDI_CONTROLS


def first_hostile(text: str) -> int | None:
    """Index of the first hostile character in `text`, or None."""
    found = _HOSTILE.search(text)
    return found.start() if found else None


def describe(char: str) -> str:
    """'a control character (U+001B)' or 'a bidirectional control (U+202E)'."""
    kind = "a bidirectional control" if ord(char) in _BIDI_CONTROLS else "a control character"
    return f"{kind} (U+{ord(char):04X})"


def shown(text: str) -> str:
    """`text` with every character a terminal would not simply show written as an escape
    (\\x1b, \\u202e, \\n), so a message quoting user input is one visible line, never a command."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
