"""The key describer: press a key to hear what it does, without doing it (NVDA's input help).

While it is on, the app passes every key here before anything else sees it (App.on_event,
the public entry point of a key, which is also where the kiosk takes its keys): the key is
named and explained from the same Command tables that make the bindings, the help screen
and README, shown and spoken, and then dropped. Three keys still act: the warning-signs keys
(0 and !, which must work from anywhere, always), and the key that turned it on or Escape,
which turn it off.

Screen `on_key` handlers would come too late: Textual hands a key to the focused widget
first (a list moves on Up before its screen hears of it), so the describer sits in front.
"""

from __future__ import annotations

from typing import Callable, Iterable

from tui.ui.keys import RED_FLAGS, Command

ON_TEXT = ("Key describer on. Press any key to hear what it does; nothing is done. "
           "{off} to stop.")
OFF_TEXT = "Key describer off. Keys work again."


def key_names(command: Command) -> list[str]:
    return [k.strip() for k in command.keys.split(",") if k.strip()]


def shown_name(key: str, character: str | None) -> str:
    """How a key is written for people: 'x', 'F5', 'Ctrl+X', 'Tab'."""
    if character and character.isprintable() and not character.isspace():
        return character
    parts = key.split("+")
    return "+".join(p.upper() if len(p) <= 3 and p[0] == "f" and p[1:].isdigit() else
                    p.replace("_", " ").capitalize() for p in parts)


def describe(key: str, character: str | None, commands: Iterable[Command],
             bound: dict[str, str] | None = None) -> str:
    """'r or Enter: Read aloud from here' for a key of this screen; otherwise says it does nothing.

    `commands` are the screen's own first, then the ones that work everywhere (as help lists
    them); `bound` maps other keys that are bound right now (a widget's own) to their description.
    """
    for command in commands:
        if key in key_names(command):
            return f"{command.label}: {command.help}"
    if bound and bound.get(key):
        return f"{shown_name(key, character)}: {bound[key]}"
    return f"{shown_name(key, character)}: does nothing here"


class KeyDescriber:
    """On or off, and what to do with a key while on. The app supplies the screen's commands."""

    def __init__(self, toggle_keys: tuple[str, ...] = ("f2",), off_keys: tuple[str, ...] = ("escape",),
                 toggle_sequence: tuple[str, str] | None = None) -> None:
        self.active = False
        self.toggle_keys = toggle_keys
        self.off_keys = off_keys
        # A keypad has no F2: two keys in a row (the kiosk's `*` then `1`) turn it off again.
        self.toggle_sequence = toggle_sequence
        self.previous = ""

    def passes(self, key: str) -> bool:
        """Keys that act even while describing: the warning signs."""
        return key in key_names(RED_FLAGS)

    def handle(self, key: str, character: str | None, commands: Callable[[], list[Command]],
               bound: Callable[[], dict[str, str]], tell: Callable[[str], None]) -> bool:
        """Deal with a key while on: True when it was taken (described or turned the describer
        off), False when it should act as usual (only the warning signs)."""
        if not self.active:
            self.previous = ""
            return False
        previous, self.previous = self.previous, key
        if self.passes(key):
            return False
        if key in self.toggle_keys or key in self.off_keys or (previous, key) == self.toggle_sequence:
            self.active = False
            tell(OFF_TEXT)
            return True
        tell(describe(key, character, commands(), bound()))
        return True
