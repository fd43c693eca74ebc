"""create_speaker: every kind gives a speaker quickly and never raises; SilentSpeaker as a double."""


from tui.speech import create_speaker
from tui.speech.events import NO_ENGINE, SentenceStarted, UtteranceFinished, UtteranceStarted
from tui.speech.silent import SilentSpeaker


def test_none_is_silent_with_a_notice():
    speaker = create_speaker("none")
    assert isinstance(speaker, SilentSpeaker) and not speaker.available and speaker.notice


def test_unknown_kind_is_silent_not_an_error():
    speaker = create_speaker("festival")
    assert not speaker.available and "festival" in speaker.notice


def test_speechd_without_daemon(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.delenv("SPEECHD_ADDRESS", raising=False)
    speaker = create_speaker("speechd", on_event=lambda e: None)
    assert not speaker.available and "speech-dispatcher" in speaker.notice


def test_auto_without_engine_is_silent(monkeypatch):
    import tui.speech
    monkeypatch.setattr(tui.speech, "engine_present", lambda: False)
    speaker = tui.speech.create_speaker("auto")
    assert not speaker.available and speaker.notice == NO_ENGINE


def test_auto_is_fast_and_positional_kind_like_the_app(monkeypatch):
    import tui.speech
    if not tui.speech.engine_present():
        return
    speaker = create_speaker("auto", on_event=lambda e: None, player="true", rate=500, volume=2,
                             voice=None)
    try:
        assert speaker.name == "pyttsx3" and speaker.available
    finally:
        speaker.close()


def test_silent_double_records_and_simulates():
    events = []
    speaker = SilentSpeaker(events.append, available=True, simulate=True)
    speaker.speak("One. Two.", "u1")
    speaker.prepare("red", ["A.", "B."])
    speaker.speak_prepared("red", "r")
    speaker.pause(); speaker.resume(); speaker.stop(); speaker.set_rate(200)
    assert [c[0] for c in speaker.log] == ["speak", "prepare", "speak_prepared", "pause", "resume",
                                           "stop", "rate"]
    assert events[:4] == [UtteranceStarted("u1"), SentenceStarted("u1", 0, "One."),
                          SentenceStarted("u1", 1, "Two."), UtteranceFinished("u1", False)]
    quiet = []
    SilentSpeaker(quiet.append).speak("Hi.", "x")
    assert quiet == []
