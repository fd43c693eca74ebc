"""The disclaimer, shown once at start and again from help; any key continues."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.ui.widgets.titles import title_widgets
from tui.ui.keys import Command
from tui.ui.screens.base import AnyKeyScreen
from tui.ui.widgets.status_line import StatusLine, plain

COMMANDS = [Command("", "", "Any key", "Continue to the guide")]


class DisclaimerScreen(AnyKeyScreen):
    COMMANDS = COMMANDS

    def __init__(self, then: Callable[[], Screen] | None = None) -> None:
        super().__init__(name="disclaimer")
        # At start-up the disclaimer is the only screen, so it is painted as soon as Textual can
        # paint anything; the screen that takes its place (the contents) is built as it closes.
        self.then = then

    def leave(self) -> None:
        if self.then is None:
            return super().leave()
        # One step, with no moment in which neither screen is there: a priority key (0, the
        # warning signs) handled in between would otherwise end up under the contents.
        self.app.switch_screen(self.then())

    def compose(self) -> ComposeResult:
        guide = self.bone_app.guide
        yield from title_widgets("Before you start")
        with VerticalScroll(id="page"):
            yield Static(guide.disclaimer, id="disclaimer-text")
            yield Static("Press 0 at any time for the warning signs that need help now.", id="disclaimer-tip")
        yield StatusLine(plain("Press any key to continue"), classes="status")

    def on_key(self, event) -> None:
        # ? and F1 ask for help: show it (AnyKeyScreen's "any key continues" is prevented).
        if event.key in ("question_mark", "f1"):
            event.stop()
            event.prevent_default()
            self.bone_app.action_help()

    CURSOR_AT = "#disclaimer-text"

    def on_mount(self) -> None:
        self.bone_app.narrator.announce(self.bone_app.guide.disclaimer + " Press any key to continue.")

    def where_am_i(self) -> str:
        return "You are reading the disclaimer. Press any key to continue."

    def screen_text(self) -> list[str]:
        return [self.bone_app.guide.disclaimer, "Press any key to continue."]
