"""Hostile text and files that are not files (issue 14, points 3, 4 and 7).

A guide, kiosk config, settings file or flag can hold characters a terminal obeys (ESC ... sets
the window title, wipes the screen, writes the clipboard; bidi overrides reorder words). None of
them reaches the terminal or an exported page raw. /dev/zero, a FIFO or a folder given as a file
is one line and exit 2, never a hang or a MemoryError.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from test_loader import minimal_guide_text
from tui.core.load import GuideError, load_guide, parse_guide
from tui.kiosk.config import KioskConfigError, load_kiosk_config
from tui.core.settings import load_settings, settings_path

BIN = Path(sys.executable).parent / "bone-guide"
# What a terminal would obey: C0 controls but newline and tab, DEL, C1, bidi controls.
RAW = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                        *range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


def run(*args: str, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess:
    """The real command; a hang fails the test (TimeoutExpired) instead of stopping the suite."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", BONE_GUIDE_CONFIG_DIR=str(cwd / "config"))
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout, stdin=subprocess.DEVNULL, errors="surrogateescape")


def assert_one_line_exit_2(result: subprocess.CompletedProcess, prefix: str = "") -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert not any(ch in result.stderr + result.stdout for ch in RAW), repr(result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(prefix), result.stderr
    return lines[0]


# -- 3. hostile characters in a guide -------------------------------------------------------------

HOSTILE_GUIDES = [  # (id, text replaced in the minimal guide, by what, line, code point named)
    ("window-title", "Sudden back pain", '"Sudden \\e]0;pwned\\a back pain"', 10, "U+001B"),
    ("wipe-screen", "summary: The first part", 'summary: "The first \\e[2J part"', 15, "U+001B"),
    ("c1-csi", "summary: The second part", 'summary: "The second \\x9b2J part"', 24, "U+009B"),
    ("clipboard", "Ask about your scan results.",
     '"Ask about your \\e]52;c;cm0gLXJmIH4=\\a scan results."', 28, "U+001B"),
    ("bell", "title: Test Guide", 'title: "Test \\a Guide"', 1, "U+0007"),
    ("raw-bidi-override", "Weak legs", "Weak \u202egel legs", 11, "U+202E"),
    ("bidi-isolate-escape", "title: First part", 'title: "First \\u2066part"', 14, "U+2066"),
    ("in-a-key", "    summary: The first part\n", '    "summary\\e[2J": The first part\n', 15,
     "U+001B"),
    ("carriage-return", "Sudden back pain", '"Sudden back\\r pain"', 10, "U+000D"),
]


def hostile_guide(old: str, new: str) -> bytes:
    text = minimal_guide_text()
    assert text.count(old) == 1, old
    return text.replace(old, new).encode("utf-8")


@pytest.mark.parametrize("case,old,new,line,code", HOSTILE_GUIDES, ids=[c[0] for c in HOSTILE_GUIDES])
def test_guide_with_terminal_commands_is_refused_naming_the_character(tmp_path, case, old, new,
                                                                      line, code):
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(hostile_guide(old, new))
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    assert any(p.startswith(f"{path}:{line}: ") and f"({code})" in p for p in caught.value.problems), \
        caught.value.problems


@pytest.mark.parametrize("case,old,new,line,code", HOSTILE_GUIDES, ids=[c[0] for c in HOSTILE_GUIDES])
def test_check_never_prints_the_escapes(tmp_path, case, old, new, line, code):
    path = tmp_path / f"{case}.yaml"
    path.write_bytes(hostile_guide(old, new))
    result = run("check", str(path), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert not any(ch in result.stderr for ch in RAW), repr(result.stderr)
    assert f"{path}:{line}: " in result.stderr and code in result.stderr


@pytest.mark.parametrize("fmt", ["html", "txt"])
def test_export_of_a_hostile_guide_writes_nothing(tmp_path, fmt):
    path = tmp_path / "bad.yaml"
    path.write_bytes(hostile_guide("Sudden back pain", '"Sudden \\e]0;pwned\\a \\u202e back pain"'))
    out = tmp_path / "out"
    result = run("--guide", str(path), "export", "--format", fmt, "--out", str(out), cwd=tmp_path)
    assert result.returncode == 2 and not any(ch in result.stderr for ch in RAW)
    written = [p.read_bytes() for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not any(b"\x1b" in data or "\u202e".encode() in data for data in written)


def test_direction_marks_are_allowed_for_translated_guides():
    """U+200E/U+200F place punctuation in Hebrew or Arabic text; they cannot reorder a run."""
    text = minimal_guide_text().replace("Weak legs", "Weak legs \u200f(\u05e8\u05d2\u05dc\u05d9\u05d9\u05dd)\u200e")
    guide = parse_guide(text.encode(), "rtl.yaml")
    assert "\u200f" in guide.red_flags.signs[1]


def test_a_file_name_with_controls_is_quoted_escaped(tmp_path):
    """The loader refuses controls inside a guide, so what a message quotes raw could only be
    its file name: that is escaped too."""
    path = tmp_path / "guide\x1b]0;pwned\x07.yaml"
    path.write_bytes((minimal_guide_text() + "colour: blue\n").encode())
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    text = str(caught.value)
    assert not any(ch in text for ch in RAW)
    assert "guide\\x1b]0;pwned\\x07.yaml:32: " in text and "unknown key 'colour'" in text
    result = run("check", str(path), cwd=tmp_path)
    assert result.returncode == 2 and not any(ch in result.stderr for ch in RAW)


# -- 3. messages that quote user input ---------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("--theme", "\x1b]0;pwned\x07"),
    ("--size", "big\x1b[2J"),
    ("--speech", "\x9b2J"),
    ("--bogus\x1b[2J",),
    ("check", "no\x1b]0;x\x07such.yaml"),
    ("speak", "no-\x1b[2J-such", "--out", "x.wav"),
    ("--kiosk", "--theme", "\x1b]0;pwned\x07"),
    ("--kiosk", "--size", "\u202ehuge"),
], ids=["theme", "size", "speech", "unknown-flag", "check-path", "speak-section", "kiosk-theme",
        "kiosk-size"])
def test_flag_values_are_quoted_with_controls_escaped(tmp_path, args):
    line = assert_one_line_exit_2(run(*args, cwd=tmp_path))
    assert "\\x1b" in line or "\\x9b" in line or "\\u202e" in line, line


def test_kiosk_theme_value_is_quoted_escaped(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text('theme: "neon\\e]0;pwned\\a"\n')
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path, ("high-contrast-dark",))
    assert not any(ch in str(caught.value) for ch in RAW), repr(str(caught.value))
    assert str(caught.value).startswith(f"{path}:1: ")


def test_settings_values_and_keys_are_quoted_escaped():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(json.dumps({"\x1b]0;pwned\x07": 1, "theme": "\x1b[2J",
                                           "voice": "\u202eevil", "size": "\x9bhuge"}))
    settings, problems = load_settings(("high-contrast-dark",))
    assert settings.voice == "" and settings.theme == "high-contrast-dark"
    assert len(problems) == 4
    assert not any(ch in p for p in problems for ch in RAW), problems


# -- 4. files that are not files ------------------------------------------------------------------

@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("where", ["check", "--guide", "--config"])
@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_not_a_regular_file_is_one_line_exit_2(tmp_path, fifo, where, kind):
    target = {"dev-zero": Path("/dev/zero"), "fifo": fifo, "folder": tmp_path}[kind]
    args = {"check": ("check", str(target)), "--guide": ("--guide", str(target), "check"),
            "--config": ("--kiosk", "--no-speech", "--config", str(target))}[where]
    line = assert_one_line_exit_2(run(*args, cwd=tmp_path, timeout=20), f"{target}:")
    assert {"dev-zero": "device", "fifo": "pipe", "folder": "folder"}[kind] in line, line


def test_reader_with_dev_zero_guide_exits_2(tmp_path):
    assert_one_line_exit_2(run("--guide", "/dev/zero", "--no-speech", cwd=tmp_path, timeout=20),
                           "/dev/zero:")


def test_settings_file_that_is_a_fifo_or_device_gives_defaults_and_a_notice(tmp_path):
    folder = settings_path().parent
    folder.mkdir(parents=True)
    os.mkfifo(settings_path())
    result: list = []
    reader = threading.Thread(target=lambda: result.append(load_settings()), daemon=True)
    reader.start()
    reader.join(10)
    assert result, "reading a FIFO as the settings file hung"
    settings, problems = result[0]
    assert len(problems) == 1 and problems[0].startswith(f"{settings_path()}:1: ")
    assert "pipe" in problems[0]
    os.unlink(settings_path())
    os.symlink("/dev/zero", settings_path())
    settings, problems = load_settings()
    assert len(problems) == 1 and "device" in problems[0]


# -- 7. staff exit keys a patient would press by chance -----------------------------------------

@pytest.mark.parametrize("keys,line", [
    ("exit_keys: [enter, enter, enter, enter]\n", 1),
    ("idle_timeout: 60\nexit_keys: f12 f12 f12 ctrl+e\n", 2),
    ("exit_keys:\n  - '5'\n  - '5'\n  - '0'\n  - '0'\n  - '5'\n", 2),
])
def test_exit_keys_with_fewer_than_3_different_keys_are_refused(tmp_path, keys, line):
    path = tmp_path / "k.yaml"
    path.write_text(keys)
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.startswith(f"{path}:{line}: exit_keys") and "3 different" in problem, problem


def test_exit_keys_with_3_different_keys_are_accepted(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("exit_keys: [f12, f12, ctrl+e, '*']\n")
    assert load_kiosk_config(path).exit_keys == ("f12", "f12", "ctrl+e", "asterisk")
