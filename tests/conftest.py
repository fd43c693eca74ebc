"""Shared fixtures: the real bundled guide, private config and cache folders, and a recording speaker."""

from __future__ import annotations

import pytest

from tui.core.load import bundled_guide_path, load_guide
from tui.core.settings import Settings


def pytest_collection_modifyitems(config, items):
    """A test that drives a real terminal (tmux) reads the screen while the app draws it and
    sends keys the way a person does; on a machine busy with other work, a key pair can arrive
    as one (Escape + g is Alt+g) or a screen can be read mid-draw. Such a test runs a second
    time if it fails: a failure that happens twice is real, and every rerun is listed in the
    summary (pytest -rR) for someone to look at. Pilot and unit tests are never run again."""
    if not config.pluginmanager.hasplugin("rerunfailures"):
        return
    for item in items:
        if getattr(item.module, "needs_tmux", None) is not None:
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


@pytest.fixture(autouse=True)
def private_config(tmp_path, monkeypatch):
    """Every test gets its own settings folder; nothing touches the user's real settings."""
    folder = tmp_path / "config"
    monkeypatch.setenv("BONE_GUIDE_CONFIG_DIR", str(folder))
    monkeypatch.setenv("BONE_GUIDE_CACHE_DIR", str(tmp_path / "cache"))  # nor the user's cache
    return folder


@pytest.fixture(scope="session")
def guide():
    return load_guide(bundled_guide_path())


class RecordingSpeaker:
    """A speech backend double: records what the app asks for, makes no sound.

    With `events=True` it answers speak() with started/sentence/finished events at once,
    the way a real backend would (but instantly), so screens can be checked for marks.
    """

    def __init__(self, on_event, available=True, notice=None, events=False, rate=None,
                 volume=None, **_):
        self.on_event = on_event
        # What the voice is set to now, whether it came with the start or from set_rate/volume
        # later: speech starts after the first paint, so a quick key may land before or after.
        self.rate = rate
        self.volume = volume
        self.available = available
        self.notice = notice
        self.events = events
        self.log: list[tuple] = []
        self.priorities: list[tuple] = []  # (utterance id, priority) per speak
        self.paused = False
        self.prepared: dict[str, list[str]] = {}
        self.name = "recording"

    def speak(self, text, utterance_id, priority="read"):
        self.log.append(("speak", text, utterance_id))
        self.priorities.append((utterance_id, priority))
        if self.events:
            from tui.speech.events import SentenceStarted, UtteranceStarted
            sentences = text if isinstance(text, list) else [text]
            self.on_event(UtteranceStarted(utterance_id))
            for n, sentence in enumerate(sentences[:3]):
                self.on_event(SentenceStarted(utterance_id, n, sentence))

    def prepare(self, key, text):
        self.prepared[key] = text
        self.log.append(("prepare", key))

    def speak_prepared(self, key, utterance_id, priority="alert"):
        self.log.append(("speak_prepared", key, utterance_id))
        self.priorities.append((utterance_id, priority))

    def stop(self):
        self.log.append(("stop",))

    def pause(self):
        self.paused = True
        self.log.append(("pause",))

    def resume(self):
        self.paused = False
        self.log.append(("resume",))

    def set_rate(self, wpm):
        self.rate = wpm
        self.log.append(("rate", wpm))

    def set_volume(self, volume):
        self.volume = volume
        self.log.append(("volume", volume))

    def set_voice(self, voice):
        self.log.append(("voice", voice))

    def voices(self):
        return []

    def close(self):
        self.log.append(("close",))

    def calls(self, name):
        return [entry for entry in self.log if entry[0] == name]


@pytest.fixture
def make_app(guide):
    """Build the real app with a recording speaker; returns (app, speaker) via app.speaker_double."""
    from tui.ui.app import BoneGuideApp

    def build(settings: Settings | None = None, *, available=True, notice=None, events=False,
              show_disclaimer=False, **kwargs):
        holder = {}

        def factory(kind, on_event, **options):
            holder["speaker"] = RecordingSpeaker(on_event, available=available, notice=notice,
                                                 events=events, rate=options.get("rate"),
                                                 volume=options.get("volume"))
            return holder["speaker"]

        app = BoneGuideApp(guide, settings or Settings(), speaker_factory=factory,
                           show_disclaimer=show_disclaimer, **kwargs)
        def speaker_double():
            app.narrator.start_backend()  # speech starts after the first paint; a test may ask sooner
            return holder["speaker"]

        app.speaker_double = speaker_double
        return app

    return build


def screen_text(app) -> str:
    """What the terminal shows right now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notices(app) -> str:
    """The messages the app has shown on its message line, newest last."""
    return "\n".join(app.messages)
