from textual.app import App, ComposeResult
from textual.widgets import Static


class BoneGuideApp(App):
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, guide):
        super().__init__()
        self.guide = guide

    def compose(self) -> ComposeResult:
        yield Static(self.guide.title)
