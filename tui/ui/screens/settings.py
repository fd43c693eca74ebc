"""Settings: every option on one list; Up/Down to choose, Left/Right to change, at once."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.ui.widgets.focus_list import FocusList

from tui.ui.widgets.titles import title_widgets
from tui.ui.keys import Command, bindings
from tui.ui.screens.base import BACK, READ_SCREEN, WHERE, GuideScreen
from tui.core.settings import FIELDS
from tui.ui.screens.lifetime import while_on_stack
from tui.glyphs import ui
from tui.ui.widgets.status_line import StatusLine, part

COMMANDS = [
    Command("up,down", "", "Up / Down", "Choose a setting"),
    Command("right,enter", "change(1)", "Right or Enter", "Next value of the setting"),
    Command("left", "change(-1)", "Left", "Previous value of the setting"),
    READ_SCREEN,
    BACK,
    WHERE,
]

ROWS = ("theme", "size", "show_cursor", "self_voicing", "rate", "volume", "voice")


class SettingsScreen(GuideScreen):
    COMMANDS = COMMANDS
    BINDINGS = bindings(COMMANDS)

    def __init__(self, first_row: str = ROWS[0]) -> None:
        super().__init__(name="settings")
        self.first_row = ROWS.index(first_row)

    def compose(self) -> ComposeResult:
        yield from title_widgets("Settings")
        # A keypad kiosk names its own keys on its key bar: the hint must not name others.
        keypad = self.bone_app.key_bar(self) is not None
        yield Static("Changes apply at once." if keypad else
                     ui("Up/Down: choose  ·  Left/Right or Enter: change  ·  changes apply at once"),
                     id="hint")
        yield FocusList(id="settings-rows")
        yield StatusLine([part("←/→ change", 50), part("Esc: back"), part("? help")], classes="status")

    def on_mount(self) -> None:
        self.refill(self.first_row)
        self.query_one(OptionList).focus()

    def _voices(self) -> list[tuple[str, str]]:
        speaker = self.bone_app.narrator.speaker
        try:
            voices = speaker.voices() if speaker and speaker.available else []
        except Exception:
            voices = []
        from tui.speech.voices import voice_choices  # the user's language, a short list
        voices = voice_choices(voices, keep=self.bone_app.settings.voice)
        return [("", "Default voice")] + [(v.id, v.name) for v in voices]

    def describe(self, row: str) -> tuple[str, str]:
        """The setting's label and its value in words."""
        from tui.ui.themes import THEME_LABELS
        value = getattr(self.bone_app.settings, row)
        if row == "theme":
            return FIELDS[row].label, THEME_LABELS.get(value, value)
        if row == "voice":
            return FIELDS[row].label, dict(self._voices()).get(value, value or "Default voice")
        return FIELDS[row].label, FIELDS[row].spoken(value)

    def refill(self, highlight: int) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        for row in ROWS:
            name, value = self.describe(row)
            label = Text()
            label.append(f"{name}: ")
            label.append(ui(f"◀ {value} ▶"), style="bold")
            listing.add_option(Option(label, id=row))
        listing.highlighted = highlight

    @while_on_stack
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None:
            name, value = self.describe(ROWS[event.option_index])
            self.bone_app.narrator.announce(f"{name}: {value}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # The list itself takes Enter (to select); in settings, Enter means "next value".
        self.action_change(1)

    def action_change(self, step: int) -> None:
        from tui.ui.themes import THEME_NAMES
        listing = self.query_one(OptionList)
        at = listing.highlighted or 0
        row = ROWS[at]
        choices = {"theme": THEME_NAMES, "voice": [v for v, _ in self._voices()]}.get(row, ())
        value = getattr(self.bone_app.settings, row)
        self.bone_app.change(**{row: FIELDS[row].stepped(value, step, tuple(choices))})
        self.refill(at)
        name, value = self.describe(row)
        # Spoken whatever self-voicing says: the user is tuning what they hear.
        self.bone_app.say(f"{name}: {value}", speak=True)

    def where_am_i(self) -> str:
        at = self.query_one(OptionList).highlighted or 0
        name, value = self.describe(ROWS[at])
        return f"You are in settings, on {name}: {value}. Press Escape to go back."

    def screen_text(self) -> list[str]:
        return ["Settings."] + ["{}: {}.".format(*self.describe(r)) for r in ROWS]
