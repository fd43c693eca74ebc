"""Exports never follow a planted symlink and never leave half a file (issue 14, point 6)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_export_guide import write_sample_guide
from tui.commands.export import run_export
from tui.export.audio import export_audio
from tui.core.load import load_guide

BIN = Path(sys.executable).parent / "bone-guide"


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("planted", [".part", ""], ids=["at-the-old-part-name", "at-the-final-name"])
def test_a_planted_symlink_is_not_followed(tmp_path, fmt, planted):
    guide_path = write_sample_guide(tmp_path / "guide")
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    trap = out / f"{guide_path.stem}.{fmt}{planted}"
    trap.symlink_to(victim)
    assert run_export(guide_path, fmt, out) == 0
    assert victim.read_text() == "precious\n"              # the target is untouched
    final = out / f"{guide_path.stem}.{fmt}"
    assert not final.is_symlink() and final.stat().st_size > 100
    assert final.stat().st_mode & 0o044 == 0o044 & ~_umask()  # readable as any new file would be


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_ctrl_c_during_an_audio_export_leaves_no_half_file(tmp_path):
    guide = load_guide(write_sample_guide(tmp_path / "guide"))
    out = tmp_path / "out"
    out.mkdir()
    calls = []

    def interrupted(text, path, rate=None, **_):
        calls.append(path)
        if len(calls) == 1:  # the probe: a real, short WAV
            import wave
            with wave.open(str(path), "wb") as w:
                w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000)
                w.writeframes(b"\0\0" * 800)
            return
        Path(path).write_bytes(b"RIFF-half-a-file")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_audio(guide, out, "guide", render=interrupted, progress_stream=io.StringIO())
    assert list(out.iterdir()) == [], "a half-written or temporary file was left"


SLOW_EXPORT = """
import sys, time
from pathlib import Path
import tui.speech.render as render

def slow(text, path, rate=None, **_):
    Path(path).write_bytes(b"RIFF-half-a-file")
    if "Ready" not in text:
        print("WRITING", flush=True)
        time.sleep(60)

render.render_to_wav = slow
from tui.commands.cli import main
sys.exit(main(["--guide", sys.argv[1], "export", "--format", "audio", "--out", sys.argv[2]]))
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_kill_during_an_export_removes_the_file_being_written(tmp_path, sig):
    guide_path = write_sample_guide(tmp_path / "guide")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_EXPORT, str(guide_path), str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).parent.parent)
    try:
        assert proc.stdout.readline().strip() == "WRITING", proc.stderr.read()
        assert list(out.iterdir()), "the export should be writing a file now"
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == 128 + sig
        assert "Traceback" not in proc.stderr.read()
        assert list(out.iterdir()) == [], "a half-written or temporary file was left"
    finally:
        proc.kill()
