"""Every colour pair the app actually draws, on every screen, in every theme, is at least 7:1.

Colours are read from Textual's SVG screenshot of the real screens (not from the theme's
declared values), so a widget default or a highlight nobody thought of is caught too.
"""

from __future__ import annotations

import pytest
from conftest import screen_text

from support.contrast import low_contrast_runs
from tui.ui.app import SpeechEvent
from tui.core.settings import Settings
from tui.speech.events import SentenceStarted
from support.themes import MEASURABLE_THEMES

# (name, keys from the contents screen, extra step run inside the app, text that proves the state)
STATES = [
    ("contents", [], None, "WARNING SIGNS"),
    ("section being read", ["1", "r"], "spoken", "▶"),
    ("search results", ["slash", *"bone", "enter"], None, "«"),
    ("section at a search match", ["slash", *"biopsy", "enter", "enter"], None, "»"),
    ("glossary", ["g"], None, "words"),
    ("help", ["f1"], None, "F1"),
    ("settings", ["o"], None, "Speech rate"),
    ("warning signs being read", ["0"], "red-flags", "➜"),
    ("where am I message", ["2", "w"], None, "Press Escape to go back"),
    ("disclaimer", ["question_mark", "d"], None, "Press any key"),
]


async def _speak_first_sentence(app, which):
    utterance = app.narrator.current
    index = 0 if which == "spoken" else 1
    app.post_message(SpeechEvent(SentenceStarted(utterance, index, "")))


@pytest.mark.parametrize("size", ["normal", "extra-large"])
@pytest.mark.parametrize("theme", [t.name for t in MEASURABLE_THEMES])
async def test_every_drawn_pair_is_at_least_7_to_1(make_app, theme, size):
    failures = []
    for name, keys, step, proof in STATES:
        app = make_app(Settings(theme=theme, size=size))
        async with app.run_test(size=(100, 36), notifications=True) as pilot:
            await pilot.press(*keys)
            if step:
                await _speak_first_sentence(app, step)
            await pilot.pause(0.3)  # toasts included: they are drawn too
            svg = app.export_screenshot()
            assert proof in screen_text(app), f"{name} not reached"
            for run in low_contrast_runs(svg, 7.0):
                failures.append(f"{theme}/{size}/{name}: {run}")
    assert not failures, "\n".join(failures[:20])
