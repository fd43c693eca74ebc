"""`bone-guide export --format audio`: a WAV per section (warning signs first) and an M3U playlist.

Uses the real speech engine (espeak-ng); skips only when no espeak is installed at all.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import wave
from array import array
from pathlib import Path

import pytest
from test_export_guide import run_cli, write_sample_guide

from tui.commands.export import run_export
from tui.export import ExportError
from tui.export.audio import Progress, export_audio, find_encoder, tracks
from tui.core.load import load_guide

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None and shutil.which("espeak") is None,
                                  reason="no espeak-ng on PATH (apt-get install espeak-ng)")
EXPECTED = ["00-warning-signs", "01-what-is-it", "02-symptoms", "03-treatment"]


def loudness(path: Path) -> tuple[float, int]:
    """(seconds, peak sample) of a PCM WAV file."""
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / w.getframerate()
        width = w.getsampwidth()
    if width == 1:
        samples = [b - 128 for b in frames]
        return seconds, max(map(abs, samples), default=0) * 256
    if width == 2:
        samples = array("h")
    elif width == 4:
        samples = array("i")
    else:
        pytest.fail(f"unexpected sample width {width}")
    samples.frombytes(frames[: len(frames) - len(frames) % width])
    if sys.byteorder == "big":
        samples.byteswap()
    peak = max(map(abs, samples), default=0)
    return seconds, peak if width == 2 else peak >> 16


def read_playlist(path: Path) -> tuple[list[str], list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    infos = [line for line in lines[1:] if line.startswith("#EXTINF:")]
    files = [line for line in lines[1:] if line and not line.startswith("#")]
    return infos, files


@needs_espeak
def test_audio_export_writes_a_sounding_file_per_section_and_a_playlist(tmp_path):
    guide_path = write_sample_guide(tmp_path / "guide")
    out = tmp_path / "audio"
    result = run_cli("--guide", str(guide_path), "export", "--format", "audio", "--out", str(out),
                     timeout=300)
    assert result.returncode == 0, result.stderr
    # stderr is a pipe here, so progress is plain lines
    progress = [line for line in result.stderr.splitlines() if line.startswith("Writing ")]
    assert progress == ["Writing 1 of 4: Warning signs", "Writing 2 of 4: What are bone metastases?",
                        "Writing 3 of 4: Symptoms", "Writing 4 of 4: Treatment"]
    assert "\x1b" not in result.stderr and "\r" not in result.stderr

    wavs = sorted(out.glob("*.wav"))
    assert [w.stem for w in wavs] == EXPECTED
    for wav in wavs:
        seconds, peak = loudness(wav)
        assert seconds > 1.0, f"{wav.name} is only {seconds:.2f}s"
        assert peak > 1000, f"{wav.name} is silent (peak {peak})"

    infos, files = read_playlist(out / "bone-metastases.m3u")
    assert files == [f"{name}.wav" for name in EXPECTED]
    assert [info.split(",", 1)[1] for info in infos] == [
        "Warning signs", "1. What are bone metastases?", "2. Symptoms", "3. Treatment"]
    for info in infos:
        assert int(info[len("#EXTINF:"):].split(",")[0]) >= 1

    encoder = find_encoder()
    if encoder:  # e.g. sox with ogg support, lame, oggenc or ffmpeg
        ext = encoder[0]
        copies = sorted(out.glob(f"*.{ext}"))
        assert [c.stem for c in copies] == EXPECTED
        assert all(c.stat().st_size > 1000 for c in copies)
        _, compressed = read_playlist(out / f"bone-metastases-{ext}.m3u")
        assert compressed == [f"{name}.{ext}" for name in EXPECTED]
    assert not list(out.glob("*.part"))


def test_the_warning_signs_track_says_the_action_first_and_last(tmp_path):
    guide = load_guide(write_sample_guide(tmp_path))
    warning, *sections = tracks(guide)
    action = guide.red_flags.action
    assert warning.name == "00-warning-signs"
    assert warning.text.index(action) < warning.text.index("1. New back pain")
    assert warning.text.rstrip().endswith(action)
    assert [t.name for t in sections] == EXPECTED[1:]
    assert sections[1].text.startswith("Section 2. Symptoms. The most common symptom")
    assert "Pain in the back, hips or ribs." in sections[1].text  # list items end as sentences
    assert "\U0001F9B4" not in sections[1].text


def test_no_speech_engine_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    from tui.speech import render

    def unavailable(text, path, rate=None, volume=None, voice=None):
        raise render.SpeechUnavailable("No speech engine found.\nInstall espeak-ng.")

    monkeypatch.setattr(render, "render_to_wav", unavailable)
    code = run_export(write_sample_guide(tmp_path / "g"), "audio", tmp_path / "out")
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().splitlines() == [
        "bone-guide export: No speech engine found. Install espeak-ng."]
    assert not list((tmp_path / "out").glob("*.m3u")) and not list((tmp_path / "out").glob("*.wav"))


def test_a_silent_engine_is_an_error_not_an_empty_playlist(tmp_path):
    guide = load_guide(write_sample_guide(tmp_path))

    calls = []

    def writes_nothing(text, path, rate=None, **_):
        calls.append(text)
        Path(path).write_bytes(b"")

    with pytest.raises(ExportError, match="no sound"):
        export_audio(guide, tmp_path, "bone-metastases", render=writes_nothing,
                     progress_stream=io.StringIO())


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    bar = Progress(4, tty)
    for n, title in enumerate(["Warning signs", "One", "Two", "Three"], 1):
        bar.step(n, title)
    bar.finish()
    text = tty.getvalue()
    assert text.count("\r[") == 5 and text.endswith("4 of 4: done\x1b[K\n")
    assert "[" + "#" * 30 + "]" in text

    pipe = io.StringIO()
    lines = Progress(2, pipe)
    lines.step(1, "Warning signs")
    lines.step(2, "What it is")
    lines.finish()
    assert pipe.getvalue() == "Writing 1 of 2: Warning signs\nWriting 2 of 2: What it is\n"


def test_without_an_engine_the_command_says_so_in_one_line(tmp_path):
    """A child process where pyttsx3 cannot be imported: no engine at all."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text("import sys\nsys.modules['pyttsx3'] = None\n")
    env = dict(os.environ, PYTHONPATH=str(hide))
    out = tmp_path / "out"
    result = run_cli("--guide", str(write_sample_guide(tmp_path / "g")), "export", "--format", "audio",
                     "--out", str(out), env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "speech engine" in lines[0].lower(), result.stderr
    assert not list(out.glob("*.wav")) and not list(out.glob("*.m3u"))
