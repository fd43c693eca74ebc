"""`bone-guide speak`: a section as speech in a WAV file, with the real engine."""

from __future__ import annotations

import array
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from tui.speech import engine_present

BIN = Path(sys.executable).parent / "bone-guide"
pytestmark = pytest.mark.skipif(not engine_present(), reason="espeak-ng / pyttsx3 not installed")


def speak(*args):
    return subprocess.run([str(BIN), "speak", *args], capture_output=True, text=True, timeout=120)


def wav_facts(path: Path) -> tuple[float, int]:
    with wave.open(str(path)) as w:
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / w.getframerate()
        assert w.getsampwidth() == 2
    samples = array.array("h", frames)
    return seconds, max(abs(s) for s in samples)


def test_section_becomes_a_sounding_wav_that_fits_its_words(tmp_path, guide):
    out = tmp_path / "symptoms.wav"
    result = speak("symptoms", "--out", str(out))
    assert result.returncode == 0, result.stderr
    seconds, peak = wav_facts(out)
    words = len(guide.section("symptoms").text().split())
    assert peak > 1000, "the file is silent"
    assert words / 400 * 60 < seconds < words / 80 * 60  # between 80 and 400 words a minute


def test_faster_rate_gives_a_shorter_file(tmp_path):
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    assert speak("what-is-it", "--out", str(slow), "--rate", "120").returncode == 0
    assert speak("what-is-it", "--out", str(fast), "--rate", "300").returncode == 0
    assert wav_facts(fast)[0] < wav_facts(slow)[0] * 0.7


@pytest.mark.parametrize("args, phrase", [
    (["no-such-section", "--out", "x.wav"], "no section 'no-such-section'"),
    (["symptoms", "--out", "x.wav", "--rate", "9000"], "out of range"),
    (["symptoms", "--out", "/no/such/folder/x.wav"], "cannot write"),
])
def test_mistakes_are_one_line_and_exit_2(tmp_path, args, phrase):
    result = subprocess.run([str(BIN), "speak", *args], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert result.returncode == 2
    assert phrase in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
