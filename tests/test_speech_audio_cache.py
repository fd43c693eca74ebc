"""The warning signs' audio is kept between starts (tui/speech/audio_cache.py), so `0` at the
first screen is heard before the speech engine is even up; a bad, stale or foreign entry is
never played, but rendered again and replaced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_speech_pyttsx3 import PLAYER, finished, labels, make, player_log, wait_until  # noqa: F401
from tui.speech import audio_cache, engine_present

pytestmark = pytest.mark.skipif(not engine_present(), reason="espeak-ng / pyttsx3 not installed")

SIGNS = ["Warning signs.", "Go to the emergency department now."]


@pytest.fixture
def engine_that_never_starts(tmp_path, monkeypatch):
    """An engine module whose import hangs: the worker is never ready while a test runs."""
    folder = tmp_path / "engines"
    folder.mkdir()
    (folder / "stuck_engine.py").write_text("import time\ntime.sleep(120)\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(folder), os.environ.get("PYTHONPATH")) if p))
    return "stuck_engine"


def _cache_signs(make, rate=None):
    """A first start that renders the warning signs and keeps them (as any earlier start would)."""
    speaker, _ = make(**({"rate": rate} if rate else {}))
    speaker.prepare("red", SIGNS)
    assert wait_until(lambda: speaker.prepared_ready("red"), 20)
    assert wait_until(lambda: len(_wavs()) == len(SIGNS), 20)
    speaker.close()
    return speaker


def _wavs() -> list[Path]:
    folder = Path(os.environ["BONE_GUIDE_CACHE_DIR"])
    return sorted(p for p in folder.glob("speech-*.wav") if not p.name.startswith("speech-cue-")) \
        if folder.exists() else []


def _cued() -> list[Path]:
    return sorted(Path(os.environ["BONE_GUIDE_CACHE_DIR"]).glob("speech-cue-*.wav"))


def test_cached_warning_signs_play_while_the_engine_is_still_starting(
        make, player_log, monkeypatch, engine_that_never_starts):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    _cache_signs(make)
    speaker, events = make(engine_module=engine_that_never_starts)
    speaker.prepare("red", SIGNS)
    speaker.speak_prepared("red", "r1", "alert")
    events.wait_for(finished("r1"), 10)
    assert labels(player_log("START")) == ["(tone) Warning signs.", "Go to the emergency department now."]
    assert speaker.render_requests == 0


def test_without_a_cache_the_tone_comes_at_once_and_the_words_wait_for_the_engine(
        make, player_log, monkeypatch, engine_that_never_starts):
    """The other side of the test above: nothing cached (a first start). The tone still says
    at once that 0 worked; no word can be said before the engine is up, and none is made up."""
    speaker, events = make(engine_module=engine_that_never_starts)
    speaker.prepare("red", SIGNS)
    speaker.speak_prepared("red", "r1", "alert")
    assert wait_until(lambda: player_log("START"), 5)
    assert not wait_until(lambda: len(player_log("START")) > 1, 1.5)
    assert labels(player_log("START")) == ["(tone)"]


@pytest.mark.parametrize("damage", ["truncated", "empty", "not-a-wav", "a-folder"])
def test_a_damaged_entry_is_not_played_but_made_again(make, player_log, monkeypatch, damage):
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    _cache_signs(make)
    victim = _wavs()[0]
    good = victim.read_bytes()
    if damage == "truncated":
        victim.write_bytes(good[: len(good) // 2])
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage == "not-a-wav":
        victim.write_bytes(b"RIFF" + os.urandom(2000))
    else:
        victim.unlink()
        victim.mkdir()
    speaker, events = make()
    speaker.prepare("red", SIGNS)
    assert not speaker.prepared_ready("red")  # the damaged set is not used
    assert wait_until(lambda: speaker.prepared_ready("red"), 20)
    assert speaker.render_requests >= 1
    speaker.speak_prepared("red", "r1", "alert")
    events.wait_for(finished("r1"), 10)
    assert labels(player_log("START"))[-2:] == ["(tone) Warning signs.", "Go to the emergency department now."]
    if damage != "a-folder":  # made again in its place (a folder in the way is left alone)
        assert wait_until(lambda: audio_cache.sound(str(victim)), 10)


def test_audio_of_another_engine_version_is_rendered_again(make, player_log, monkeypatch):
    """After an espeak-ng upgrade, the warning signs are made again in the new engine's voice."""
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    first = _cache_signs(make)
    engine = audio_cache.remembered_engine()
    assert engine.startswith("pyttsx3")
    for path in _wavs():  # the same audio, as if an older engine had made it (and only that)
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        audio_cache.store(text, first._settings, "pyttsx3 espeak-ng 0.9-old", str(path))
        path.unlink()
    audio_cache.remember_engine("pyttsx3 espeak-ng 0.9-old")
    speaker, _ = make()
    speaker.prepare("red", SIGNS)
    assert speaker.prepared_ready("red")  # usable at once: the same words, an older voice
    assert wait_until(lambda: speaker.render_requests == len(SIGNS), 20)  # made anew
    assert wait_until(lambda: speaker.prepared_ready("red"), 20)
    assert audio_cache.remembered_engine() == engine


def test_another_rate_is_not_served_from_the_cache(make, player_log, monkeypatch):
    _cache_signs(make, rate=150)
    speaker, _ = make(rate=250)
    speaker.prepare("red", SIGNS)
    assert not speaker.prepared_ready("red")
    assert wait_until(lambda: speaker.prepared_ready("red"), 20)
    assert speaker.render_requests == len(SIGNS)


def test_speech_started_early_plays_the_cached_warning_signs_before_any_engine_starts(
        player_log, monkeypatch):
    """What the app does as it starts (Narrator.start_early): the cached warning signs are
    ready as soon as the backend is, and a 0 plays them with no engine process started; the
    engine starts when the app says its first screen is up."""
    import queue

    from test_speech_pyttsx3 import Events
    from tui.core.settings import Settings
    from tui.speech.narrator import RED_FLAGS_KEY, Narrator
    from tui.speech.pyttsx3_backend import Pyttsx3Speaker
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    first = Pyttsx3Speaker(Events(), player=PLAYER)  # an earlier start keeps the signs' audio
    first.prepare(RED_FLAGS_KEY, SIGNS)
    assert wait_until(lambda: first.prepared_ready(RED_FLAGS_KEY) and len(_wavs()) == len(SIGNS), 20)
    first.close()

    events: queue.Queue = queue.Queue()
    narrator = Narrator(events.put, Settings(speech="pyttsx3", player=PLAYER))
    narrator.start_early(lambda: list(SIGNS))
    try:
        speaker = narrator.speaker
        assert speaker.prepared_ready(RED_FLAGS_KEY)  # from the cache, with no engine at all
        assert narrator.red_flags() is None
        assert wait_until(lambda: len(player_log("START")) == len(SIGNS), 10)
        assert labels(player_log("START")) == ["(tone) Warning signs.", "Go to the emergency department now."]
        assert speaker.worker_pid is None and speaker.render_requests == 0
        narrator.start_engine()  # the first screen is up
        assert wait_until(lambda: speaker.worker_pid is not None, 10)
    finally:
        narrator.close()


def test_with_the_engine_deferred_a_reading_is_not_held_back(make, player_log, monkeypatch):
    """Only rendering ahead waits for start_engine: what the user asks to hear starts it."""
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    speaker, events = make(defer_engine=True)
    speaker.prepare("red", SIGNS)  # nothing cached: left for start_engine
    speaker.speak(["Bone is living tissue."], "u1")
    events.wait_for(finished("u1"), 20)
    assert labels(player_log("START")) == ["Bone is living tissue."]


def test_the_tone_and_first_warning_sign_are_kept_too_and_a_damaged_copy_is_made_again(
        make, player_log, monkeypatch, engine_that_never_starts):
    """Made once, not at every start; and a damaged copy is never played."""
    monkeypatch.setenv("FAKE_PLAYER_SPEED", "8")
    _cache_signs(make)
    speaker, _ = make(engine_module=engine_that_never_starts)  # the cache alone
    speaker.prepare("red", SIGNS)
    [kept] = _cued()
    assert audio_cache.sound(str(kept))
    speaker.close()
    kept.write_bytes(kept.read_bytes()[:1000])
    speaker, events = make(engine_module=engine_that_never_starts)
    speaker.prepare("red", SIGNS)
    speaker.speak_prepared("red", "r1", "alert")
    events.wait_for(finished("r1"), 10)
    assert labels(player_log("START")) == ["(tone) Warning signs.", "Go to the emergency department now."]
    assert audio_cache.sound(str(kept)) and _cued() == [kept]
