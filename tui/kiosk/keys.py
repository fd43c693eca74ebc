"""The kiosk's two key profiles, each key described once: what it does, its help line, its key bar.

"standard": the reader's own keys, minus every way out (no q, no Ctrl+C/Ctrl+Q quit) and bookmarks.
"numeric":  the whole guide from a numeric keypad alone. It is a Textual keymap (App.set_keymap):
            each keypad key is added to the binding (by its id) that does the same on that screen;
            a key a screen already uses for something else goes to the keymap's binding there
            (on a section, / means back instead of search). The keypad's second meanings (NumLock
            off: Insert, End, Down, PgDn, Left, Right, Home, Up, PgUp, Delete) are bound with the
            digits they share a key with, so the keypad works the same with NumLock on or off.
            Keypad 5 sends nothing with NumLock off; wherever 5 does something, Enter does too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding

from tui.ui import keys
from tui.ui.keys import Command, KeyWords
from tui.ui.widgets.status_line import Part, part

NUMLOCK_OFF = {"0": "insert", "1": "end", "2": "down", "3": "pagedown", "4": "left",
               "6": "right", "7": "home", "8": "up", "9": "pageup", "full_stop": "delete"}
DIGIT_OF = {twin: digit for digit, twin in NUMLOCK_OFF.items()}


@dataclass(frozen=True)
class Pad:
    """Keypad keys on one screen: their help line, their words on the key bar ("" for none),
    and `binds`: the binding ids (see tui.ui.keys.Command.binding) each keypad key is added to."""
    keys: str
    label: str
    help: str
    bar: str = ""
    binds: dict[str, str] = field(default_factory=dict)

    def command(self) -> Command:
        return Command(self.keys, "", self.label, self.help)


# -- the keys that work on every screen (the reader's, minus quit and bookmarks) --
STANDARD_GLOBAL = [c for c in keys.GLOBAL if c is not keys.QUIT and c not in keys.HOME_ONLY]

# Lines and lists move the same way on every screen (KioskApp.action_move): the focused list's
# cursor, else the focused text scrolls. Declared on the reader's keys, which the widgets take
# first, they act only on the keypad keys the numeric keymap adds.
MOVES = [Binding(key, f"app.move({actions})", show=False, id=f"move.{key}")
         for key, actions in (("up", "'cursor_up', 'scroll_up'"), ("down", "'cursor_down', 'scroll_down'"),
                              ("home", "'scroll_home'"), ("end", "'scroll_end'"))]

RED_FLAGS = Pad("0", "0", "Warning signs: show them and read them aloud now", "0 warning signs",
                {"app.red_flags": "0"})
STOP = Pad("full_stop", ". (dot)", "Stop speaking", ". stop", {"app.stop_speech": "full_stop"})
BIGGER = Pad("plus", "+", "Bigger text", "+ - size")
SMALLER = Pad("minus", "-", "Smaller text")
HELP = Pad("asterisk", "* (star)", "Help: the keys of this screen. Press * again for volume, speed, text size and colours", "* help")
BACK = Pad("slash", "/ (slash)", "Go back (first press stops speaking)")
NUMERIC_GLOBAL = [RED_FLAGS, STOP, BIGGER, SMALLER, HELP, BACK]


def back(what: str, bar: str = "/ back") -> Pad:
    return Pad("slash", "/ (slash)", what, bar, {"back": "slash", "close": "slash"})


def move(what: str, bar: str = "8/2 move") -> Pad:
    return Pad("8,2", "8 / 2", what, bar, {"move.up": "8", "move.down": "2"})

# Each screen's keypad keys, in the order of its key bar (the help lists the screen's own first).
NUMERIC = {
    "contents": [
        Pad("1,2,3,4,5,6,7,8,9", "1 to 9", "Open that section (9 shows more sections when there are more)",
            "1-9 open", {f"open_{n}": str(n) for n in range(1, 10)}),
        Pad("enter", "Enter", "Read this list aloud", "Enter read list", {"contents.read": "enter"}),
        Pad("slash", "/ (slash)", "Back to the start screen", "", {"contents.start": "slash"}),
        RED_FLAGS, HELP, BIGGER,
    ],
    "section": [
        Pad("enter,5", "Enter or 5", "Read aloud from here (press again to repeat)", "Enter read",
            {"read": "5"}),
        STOP,
        # Right and Left's own bindings: the next / previous section, and at the magnifier size
        # the next / previous sentence (the keypad has no other key for sentences).
        Pad("6,4", "6 / 4", "Next / previous section; at the magnifier size, the next / previous sentence",
            "6/4 next/prev", {"next": "6", "previous": "4"}),
        move("Scroll up / down a line", "8/2 scroll"),
        Pad("9,3", "9 / 3", "Scroll up / down a screenful", "", {"page(-1)": "9", "page(1)": "3"}),
        # The section's own Home / End (at the magnifier: the first / last sentence); the
        # moves stay for the lists, where 7 / 1 go to the first / last row.
        Pad("7,1", "7 / 1", "Top / end of the section; at the magnifier size, the first / last sentence", "",
            {"section.home": "7", "section.end": "1", "move.home": "7", "move.end": "1"}),
        back("Back to the contents"),
        RED_FLAGS, HELP,
    ],
    "warning signs": [
        Pad("0", "0", "Read all the warning signs again", "0 read again"),
        move("Move to one warning sign"),
        Pad("enter,5", "Enter or 5", "Read the chosen line aloud", "Enter read line", {"read_item": "5"}),
        STOP,
        back("Close the warning signs", "/ close"),
    ],
    "help": [
        move("Move through the keys (each is read aloud)"),
        Pad("enter,asterisk", "Enter or *", "Volume, speaking speed, text size and colours",
            "Enter volume & size", {"help.settings": "enter,asterisk"}),
        Pad("5", "5", "Read this help aloud", "5 read", {"read_screen": "5"}),
        Pad("1", "1", "Key describer: each key says what it does instead of doing it; "
            "/ or * then 1 to stop", "1 key describer", {"help.key_describer": "1"}),
        STOP,
        back("Back"),
    ],
    "settings": [
        move("Choose a setting", "8/2 choose"),
        Pad("6,4", "6 / 4", "Change it up / down", "6/4 change", {"change(1)": "6", "change(-1)": "4"}),
        Pad("5", "5", "Read all the settings aloud", "5 read", {"read_screen": "5"}),
        STOP,
        back("Back"),
    ],
    "glossary": [
        move("Move from word to word"),
        Pad("enter,5", "Enter or 5", "Read the word and its meaning aloud", "Enter read",
            {"read_entry": "5"}),
        STOP,
        back("Back"),
        RED_FLAGS,
    ],
}


# How messages name the keys that move on: the keypad has no arrows and no Escape.
NUMERIC_WORDS = KeyWords(next_section="6", next_sentence="6", previous_sentence="4", back="/",
                         said_next="6", said_previous="4", red_flags="0")


def numeric_keymap(bindings: list[Binding]) -> dict[str, str]:
    """Binding id -> its own keys and the keypad keys (with their NumLock-off twins) added to it.
    Only the bindings the keypad changes: a keymap's binding takes a key from any other there."""
    declared = {b.id: b.key.split(",") for b in bindings if b.id}
    keymap: dict[str, list[str]] = {}
    for pad in [p for pads in NUMERIC.values() for p in pads]:
        for binding_id, added in pad.binds.items():
            bound = keymap.setdefault(binding_id, list(declared[binding_id]))
            for key in added.split(","):
                bound += [key, NUMLOCK_OFF.get(key, key)]
    return {binding_id: ",".join(dict.fromkeys(bound)) for binding_id, bound in keymap.items()}


def key_bar(screen_name: str | None) -> list[Part] | None:
    """The numeric profile's one line of keys for a screen (it replaces the status line), as
    parts of a StatusLine: on a narrow terminal the keys are set closer together, then the
    least needed give way. Help, back and the warning signs stay at every width, stop (the
    kiosk talks) longest of the rest; of the screen's own keys, the first of its bar."""
    pads = NUMERIC.get(screen_name or "")
    if not pads:
        return None
    shown = [p for p in pads if p.bar]
    return [part(p.bar) if p in (HELP, RED_FLAGS) or p.keys == "slash"
            else part(p.bar, 20 if p == STOP else 21 + n)  # (all below TIGHTEN: closer together first)
            for n, p in enumerate(shown)]


def global_commands(profile: str) -> list[Command]:
    return [p.command() for p in NUMERIC_GLOBAL] if profile == "numeric" else list(STANDARD_GLOBAL)


def screen_commands(profile: str, screen) -> list[Command]:
    """The help lines for a screen in this profile: its own keys (the global ones follow)."""
    if profile != "numeric":
        return list(getattr(screen, "COMMANDS", []))
    return [p.command() for p in NUMERIC.get(getattr(screen, "name", "") or "", [])
            if p not in NUMERIC_GLOBAL]
