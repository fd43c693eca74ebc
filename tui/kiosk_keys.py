"""The kiosk's two key profiles: which keys work, what each screen's key bar and help say.

"standard": the reader's own keys, minus every way out (no q, no Ctrl+C/Ctrl+Q quit).
"numeric":  the whole guide from a numeric keypad alone. The keypad's second meanings
            (NumLock off: Insert, End, Down, PgDn, Left, Right, Home, Up, PgUp, Delete) are
            read as the digits they share a key with, so the keypad works the same with NumLock
            on or off. Keypad 5 sends nothing with NumLock off; on every screen where 5 does
            something, Enter does the same.

A translation maps a key to another key (so widgets keep their own handling: scrolling, lists)
or to an action ("screen.next_section"), per kind of screen.
"""

from __future__ import annotations

from tui.ui import keys
from tui.ui.keys import Command
from tui.glyphs import ui

NUMLOCK_OFF = {"insert": "0", "end": "1", "down": "2", "pagedown": "3", "left": "4",
               "right": "6", "home": "7", "up": "8", "pageup": "9", "delete": "full_stop"}

# -- standard profile --
# The kiosk keeps nothing: no bookmarks (keys.HOME_ONLY), and no way out.
STANDARD_GLOBAL = [c for c in keys.GLOBAL if c is not keys.QUIT and c not in keys.HOME_ONLY]

# -- numeric profile: the keys that work on every screen --
N_RED_FLAGS = Command("0", "", "0", "Warning signs: show them and read them aloud now")
N_STOP = Command("full_stop", "", ". (dot)", "Stop speaking")
N_BIGGER = Command("plus", "", "+", "Bigger text")
N_SMALLER = Command("minus", "", "-", "Smaller text")
N_HELP = Command("asterisk", "", "* (star)", "Help: the keys of this screen. Press * again for volume")
N_BACK = Command("slash", "", "/ (slash)", "Go back (first press stops speaking)")
NUMERIC_GLOBAL = [N_RED_FLAGS, N_STOP, N_BIGGER, N_SMALLER, N_HELP, N_BACK]

# Screen kinds, by Screen.name (set by each screen class).
NUMERIC_SCREEN = {
    "contents": {
        "enter": "screen.read_screen",
        "slash": "app.kiosk_start",
    },
    "section": {
        "8": "up", "2": "down", "9": "pageup", "3": "pagedown", "7": "home", "1": "end",
        "4": "screen.previous_section", "6": "screen.next_section",
        "5": "screen.read", "slash": "escape",
    },
    "warning signs": {"8": "up", "2": "down", "5": "enter", "slash": "escape"},
    "help": {"8": "up", "2": "down", "5": "screen.read_screen", "1": "app.key_describer",
             "enter": "app.settings",
             "asterisk": "app.settings", "slash": "escape"},
    "settings": {"8": "up", "2": "down", "4": "left", "6": "right", "5": "screen.read_screen",
                 "slash": "escape"},
    "glossary": {"8": "up", "2": "down", "5": "enter", "slash": "escape"},
}

NUMERIC_COMMANDS = {
    "contents": [
        Command("1,2,3,4,5,6,7,8,9", "", "1 to 9", "Open that section (9 shows more sections when there are more)"),
        Command("enter", "", "Enter", "Read this list aloud"),
        Command("slash", "", "/ (slash)", "Back to the start screen"),
    ],
    "section": [
        Command("enter,5", "", "Enter or 5", "Read aloud from here (press again to repeat)"),
        Command("6,4", "", "6 / 4", "Next / previous section"),
        Command("8,2", "", "8 / 2", "Scroll up / down a line"),
        Command("9,3", "", "9 / 3", "Scroll up / down a screenful"),
        Command("7,1", "", "7 / 1", "Top / end of the section"),
        Command("slash", "", "/ (slash)", "Back to the contents"),
    ],
    "warning signs": [
        Command("0", "", "0", "Read all the warning signs again"),
        Command("8,2", "", "8 / 2", "Move to one warning sign"),
        Command("enter,5", "", "Enter or 5", "Read the chosen line aloud"),
        Command("slash", "", "/ (slash)", "Close the warning signs"),
    ],
    "help": [
        Command("8,2", "", "8 / 2", "Move through the keys (each is read aloud)"),
        Command("enter,asterisk", "", "Enter or *", "Volume, speaking speed, text size and colours"),
        Command("5", "", "5", "Read this help aloud"),
        Command("1", "", "1", "Key describer: each key says what it does instead of doing it; "
                "/ or * then 1 to stop"),
        Command("slash", "", "/ (slash)", "Back"),
    ],
    "settings": [
        Command("8,2", "", "8 / 2", "Choose a setting"),
        Command("6,4", "", "6 / 4", "Change it up / down"),
        Command("5", "", "5", "Read all the settings aloud"),
        Command("slash", "", "/ (slash)", "Back"),
    ],
    "glossary": [
        Command("8,2", "", "8 / 2", "Move from word to word"),
        Command("enter,5", "", "Enter or 5", "Read the word and its meaning aloud"),
        Command("slash", "", "/ (slash)", "Back"),
    ],
}

# The one-line key bar each screen shows at the bottom in the numeric profile.
NUMERIC_BAR = {
    "contents": "1-9 open  ·  Enter read list  ·  0 warning signs  ·  * help  ·  + - size",
    "section": "Enter read  ·  . stop  ·  6/4 next/prev  ·  8/2 scroll  ·  / back  ·  0 warning signs  ·  * help",
    "warning signs": "0 read again  ·  8/2 move  ·  Enter read line  ·  . stop  ·  / close",
    "help": "8/2 move  ·  Enter volume & size  ·  5 read  ·  1 key describer  ·  . stop  ·  / back",
    "settings": "8/2 choose  ·  6/4 change  ·  5 read  ·  . stop  ·  / back",
    "glossary": "8/2 move  ·  Enter read  ·  . stop  ·  / back  ·  0 warning signs",
}
NUMERIC_BAR = {screen: ui(bar) for screen, bar in NUMERIC_BAR.items()}  # the terminal's symbols


def translate(profile: str, screen_name: str | None, key: str) -> str:
    """What `key` means on this screen: another key name, an action ('screen.read'), or itself."""
    if profile != "numeric":
        return key
    key = NUMLOCK_OFF.get(key, key)
    return NUMERIC_SCREEN.get(screen_name or "", {}).get(key, key)


def normal_key(profile: str, key: str) -> str:
    """The key as this profile reads it before any screen: NumLock-off keypad keys as digits."""
    return NUMLOCK_OFF.get(key, key) if profile == "numeric" else key


def is_action(target: str) -> bool:
    return target.startswith(("screen.", "app."))


def global_commands(profile: str) -> list[Command]:
    return list(NUMERIC_GLOBAL if profile == "numeric" else STANDARD_GLOBAL)


def screen_commands(profile: str, screen) -> list[Command]:
    """The help lines for a screen in this profile."""
    if profile == "numeric":
        return NUMERIC_COMMANDS.get(getattr(screen, "name", "") or "", [])
    return list(getattr(screen, "COMMANDS", []))


def bindings() -> list:
    """The app-wide bindings of a kiosk, both profiles: the reader's, minus quit, plus * for help."""
    return keys.bindings(STANDARD_GLOBAL) + [
        Command("asterisk", "app.help", "*", "Help").binding()]
