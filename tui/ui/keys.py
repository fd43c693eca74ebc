"""Every key of the app, declared once: the binding, the help line and README all come from here.

A `Command` carries its keys (Textual names), how to write them for people, and a plain help
line. Screens list their commands; the help screen and the README test read the same lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    keys: str        # Textual key names, comma separated
    action: str      # "" when a widget handles the key itself (listed for help only)
    label: str       # the keys as a person writes them: "! or 0"
    help: str        # what it does, in plain words
    priority: bool = False  # works even while a text box has the focus

    def binding(self) -> Binding:
        # The action is the binding's id: a keymap (the kiosk keypad's) can give it more keys.
        return Binding(self.keys, self.action, self.help, show=False,
                       key_display=self.label, priority=self.priority, id=self.action)


@dataclass(frozen=True)
class KeyWords:
    """How messages name the keys that move on, in the keys of the front end showing them
    (the kiosk keypad has no arrows and no Escape): each as shown, and as said aloud."""
    next_section: str = "→ or n"
    next_sentence: str = "→"
    previous_sentence: str = "←"
    back: str = "Escape"
    said_next: str = "Right arrow"
    said_previous: str = "Left arrow"
    red_flags: str = "0 or !"


def bindings(commands: list[Command]) -> list[Binding]:
    """Bindings for the commands that have their own action (the rest are handled by a widget)."""
    return [c.binding() for c in commands if c.action]


RED_FLAGS = Command("exclamation_mark,0", "app.red_flags", "! or 0",
                    "Warning signs: show them and read them aloud now", priority=True)
HELP = Command("question_mark,f1", "app.help", "? or F1", "Help: the keys of this screen")
BIGGER = Command("plus,equals_sign", "app.bigger", "+ or =", "Bigger text")
SMALLER = Command("minus", "app.smaller", "-", "Smaller text")
THEME = Command("t", "app.next_theme", "t", "Next colour theme")
SETTINGS = Command("o", "app.settings", "o", "Settings: theme, size, speech")
SELF_VOICING = Command("s", "app.toggle_self_voicing", "s",
                       "Self-voicing on or off (speak titles and moves)")
SLOWER = Command("left_square_bracket", "app.slower", "[", "Speak slower")
FASTER = Command("right_square_bracket", "app.faster", "]", "Speak faster")
QUIETER = Command("left_parenthesis", "app.quieter", "(", "Speak more quietly")
LOUDER = Command("right_parenthesis", "app.louder", ")", "Speak louder")
STOP = Command("full_stop", "app.stop_speech", ".", "Stop speaking")
PAUSE = Command("space", "app.pause_speech", "Space", "Pause or resume speaking")
MESSAGE = Command("m", "app.last_message", "m", "Show and say the last message again")
QUIT = Command("q,ctrl+c,ctrl+q", "app.quit", "q or Ctrl+C", "Quit")
BOOKMARK = Command("b", "app.bookmark", "b", "Bookmark the paragraph you are reading")
BOOKMARKS = Command("B", "app.bookmarks", "B (Shift+b)", "Bookmarks: jump to one or remove it")
KEY_DESCRIBER = Command("f2", "app.key_describer", "F2",
                        "Key describer: each key says what it does instead of doing it; "
                        "F2 or Escape to stop")

GLOBAL = [RED_FLAGS, HELP, BIGGER, SMALLER, THEME, SETTINGS, SELF_VOICING,
          SLOWER, FASTER, QUIETER, LOUDER, STOP, PAUSE, MESSAGE, BOOKMARK, BOOKMARKS, KEY_DESCRIBER,
          QUIT]
HOME_ONLY = [BOOKMARK, BOOKMARKS]  # the kiosk keeps nothing: these keys are not bound there
