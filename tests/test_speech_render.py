"""render_to_wav with the real engine (espeak-ng through pyttsx3 in the worker)."""

import array
import wave

import pytest

from tui.speech import engine_present

pytestmark = pytest.mark.skipif(not engine_present(), reason="espeak-ng / pyttsx3 not installed")

TEXT = ("Bone metastases are cancer cells that have spread to the bone. "
        "They can cause pain, fractures, and high calcium. "
        "Tell your care team about any new pain.")


def read(path):
    with wave.open(str(path)) as w:
        frames = w.readframes(w.getnframes())
        return w.getnframes() / w.getframerate(), array.array("h", frames), w.getparams()


def test_writes_non_silent_speech_of_a_fitting_length(tmp_path):
    from tui.speech.render import render_to_wav
    out = render_to_wav(TEXT, tmp_path / "a.wav")
    seconds, samples, params = read(out)
    words = len(TEXT.split())
    assert params.nchannels == 1 and params.sampwidth == 2
    # 175 wpm is ~0.34 s a word; allow for pauses but catch empty or runaway output.
    assert 0.2 * words < seconds < 0.8 * words, seconds
    loud = sum(1 for s in samples if abs(s) > 1000)
    assert loud > len(samples) * 0.1  # real speech, not silence


def test_higher_rate_is_shorter(tmp_path):
    from tui.speech.render import render_to_wav
    slow, _, _ = read(render_to_wav(TEXT, tmp_path / "slow.wav", rate=120))
    fast, _, _ = read(render_to_wav(TEXT, tmp_path / "fast.wav", rate=350))
    assert fast < slow * 0.6, (slow, fast)


def test_volume_scales_samples(tmp_path):
    from tui.speech.render import render_to_wav
    _, loud, _ = read(render_to_wav("Hello there.", tmp_path / "l.wav", volume=1.0))
    _, soft, _ = read(render_to_wav("Hello there.", tmp_path / "s.wav", volume=0.3))
    assert max(map(abs, soft)) < max(map(abs, loud)) * 0.6


def test_list_of_sentences_and_unwritable_path(tmp_path):
    from tui.speech.render import render_to_wav
    seconds, _, _ = read(render_to_wav(["One.", "Two."], tmp_path / "b.wav"))
    assert seconds > 0.4
    with pytest.raises(OSError):
        render_to_wav("Hi.", tmp_path / "missing" / "c.wav")


def test_no_engine_raises_speech_unavailable(tmp_path, monkeypatch):
    import tui.speech
    from tui.speech import render
    monkeypatch.setattr(render, "_worker", None)
    monkeypatch.setattr(tui.speech, "engine_present", lambda: False)
    with pytest.raises(render.SpeechUnavailable, match="espeak-ng"):
        render.render_to_wav("Hi.", tmp_path / "x.wav")
