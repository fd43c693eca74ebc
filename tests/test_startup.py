"""Start-up order: speech gets ready beside the first screen, never in its way; its slow engine
comes after the first screen; and 0 still speaks at once.

No timing here (see scripts/bench_startup.py): these check the order of things and that
nothing is lost by doing them later.
"""

from __future__ import annotations

import subprocess
import sys
import threading

from conftest import RecordingSpeaker, screen_text

from tui.speech.narrator import Narrator
from tui.ui.screens.contents import ContentsScreen
from tui.ui.screens.disclaimer import DisclaimerScreen
from tui.core import script
from tui.ui.screens.red_flags import RedFlagScreen
from tui.core.settings import Settings

SIZE = (80, 30)


async def test_speech_is_made_once_the_first_screen_is_up_and_its_engine_after_it(guide):
    """Only the audio player starts beside the first screen (tests/test_speech_pyttsx3.py);
    the backend is made once that screen is up, on a thread of speech's own, and its engine
    (which would slow the first screen most) after the warning signs are prepared."""
    from tui.ui.app import BoneGuideApp
    seen = {}

    class Speaker(RecordingSpeaker):
        def start_engine(self):
            self.log.append(("start_engine",))

    def factory(kind, on_event, **options):
        screen = app.screen
        seen["screen"], seen["mounted"] = screen, screen.is_mounted
        seen["shown"] = " ".join(screen_text(app).split())
        seen["thread"] = threading.current_thread()
        seen["options"] = options
        return Speaker(on_event)

    app = BoneGuideApp(guide, Settings(), speaker_factory=factory, remember=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(100):  # the engine comes a second after the first screen
            if ("start_engine",) in getattr(app.narrator.speaker, "log", []):
                break
            await pilot.pause(0.05)
        assert "thread" in seen, "speech never started"
        assert seen["thread"] is not threading.current_thread()
        assert seen["options"].get("defer_engine") is True
        speaker = app.narrator.speaker
        assert speaker.prepared["red-flags"] == script.red_flags(app.local_red_flags())
        # Made with the disclaimer already on screen, not before it; the warning signs were
        # prepared before the engine was started.
        assert speaker.log.index(("prepare", "red-flags")) < speaker.log.index(("start_engine",))
        assert isinstance(seen["screen"], DisclaimerScreen) and seen["mounted"]
        assert "BEFORE YOU START" in seen["shown"].upper()


async def test_without_speech_nothing_is_started_beside_the_first_screen(guide):
    """--no-speech: no thread of speech's own competes with the first screen."""
    from tui.ui.app import BoneGuideApp
    threads = []

    def factory(kind, on_event, **options):
        threads.append(threading.current_thread())
        return RecordingSpeaker(on_event, available=False, notice="Speech is off.")

    app = BoneGuideApp(guide, Settings(), speaker_factory=factory, remember=False, speech="none")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert threads == [threading.current_thread()]


async def test_zero_as_the_very_first_key_shows_and_speaks_the_warning_signs(make_app, guide):
    app = make_app(show_disclaimer=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        speaker = app.speaker_double()
        assert ("speak_prepared", "red-flags", "red-flags") in speaker.log
        assert speaker.prepared["red-flags"] == script.red_flags(app.local_red_flags())
        # Escape goes back to the disclaimer; any key then shows the contents under nothing.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        assert [type(s) for s in app.screen_stack[1:]] == [ContentsScreen]


async def test_a_burst_closing_the_disclaimer_then_0_leaves_the_warning_signs_on_top(make_app):
    app = make_app(show_disclaimer=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x", "0")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagScreen)
        assert [type(s) for s in app.screen_stack[1:]] == [ContentsScreen, RedFlagScreen]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)


def test_warning_signs_before_the_deferred_start_start_speech_and_speak():
    """0 pressed before the app got round to starting speech: it starts it, then speaks."""
    made = []

    def factory(kind, on_event, **options):
        made.append(RecordingSpeaker(on_event))
        return made[-1]

    narrator = Narrator(lambda message: None, Settings(), factory)
    narrator.start_later(lambda: ["Warning signs.", "Call now."])
    assert made == []  # nothing started yet: the first screen comes first
    assert narrator.red_flags() is None
    assert len(made) == 1
    assert made[0].prepared["red-flags"] == ["Warning signs.", "Call now."]
    assert ("speak_prepared", "red-flags", "red-flags") in made[0].log
    narrator.start_now()  # the app's own deferred start later does not start a second engine
    assert len(made) == 1


def test_self_voicing_before_the_deferred_start_is_not_dropped():
    made = []

    def factory(kind, on_event, **options):
        made.append(RecordingSpeaker(on_event))
        return made[-1]

    narrator = Narrator(lambda message: None, Settings(self_voicing=True), factory)
    narrator.start_later(lambda: ["Warning signs."])
    narrator.announce("Before you start.")
    assert made and ("speak", "Before you start.", "announce") in made[0].log


def test_check_and_export_do_not_load_the_full_screen_toolkit(tmp_path):
    code = ("import sys, io, contextlib\n"
            "from tui.commands.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    codes = [main(['check']), main(['export', '--format', 'txt', '--out', sys.argv[1]])]\n"
            "print(codes, sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out")], capture_output=True,
                            text=True, timeout=120, cwd=tmp_path)
    assert result.stdout.strip() == "[0, 0] []", result.stdout + result.stderr


async def test_the_garbage_collector_held_off_at_start_is_back_on_once_the_first_screen_is_up(make_app):
    """The command holds Python's collector off while the reader starts (tui/startup_gc.py). A
    kiosk runs all day: left off, every cycle of objects made after start would never be freed."""
    import gc

    from tui import startup_gc
    app = make_app(show_disclaimer=True)
    startup_gc.pause()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Press any key" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.unfreeze()  # frozen objects are hidden from gc.get_objects(), which other tests read
        gc.enable()


def test_line_mode_and_the_commands_run_with_the_garbage_collector_on(monkeypatch, tmp_path):
    """Only the full-screen reader's start runs with the collector held off: line mode and the
    commands (an export of every section's audio) run as long as they need with it on."""
    import gc

    import tui.commands.check
    import tui.plain
    from tui.commands.cli import main
    seen = []
    monkeypatch.setattr(tui.plain, "run_plain", lambda *a, **k: seen.append(gc.isenabled()) or 0)
    monkeypatch.setattr(tui.commands.check, "run_check", lambda *a, **k: seen.append(gc.isenabled()) or 0)
    try:
        assert main(["--plain", "--no-speech"]) == 0
        assert main(["check"]) == 0
    finally:
        gc.unfreeze()  # frozen objects are hidden from gc.get_objects(), which other tests read
        gc.enable()
    assert seen == [True, True]


async def test_a_full_garbage_collection_runs_in_the_pause_after_the_keys(make_app):
    """Python's full collections took 20-46 ms on top of a key's repaint now and then; the
    reader runs one itself once the keys stop for a moment (tui/quiet_collector.py), so Python
    does not need to while a reader is pressing keys."""
    import gc

    full = []

    def watch(phase, info):
        if phase == "stop" and info["generation"] == 2:
            full.append(info)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gc.collect()
        gc.collect(1)  # objects have reached the oldest generation: a full collection is due
        gc.callbacks.append(watch)
        try:
            await pilot.pause(1.5)
            assert not full, "nothing was pressed: nothing to collect after"
            await pilot.press("1")
            for _ in range(60):  # (a loaded machine may take a while to get to it)
                if full:
                    break
                await pilot.pause(0.1)
        finally:
            gc.callbacks.remove(watch)
    assert full
