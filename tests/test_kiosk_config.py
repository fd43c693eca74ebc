"""The kiosk config file, the --kiosk command line and the service installer."""

from __future__ import annotations

import getpass
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.commands.cli import main
from tui.kiosk.app import KioskApp
from tui.kiosk.config import (DEFAULT_EXIT_KEYS, KioskConfig, KioskConfigError, key_name,
                              load_kiosk_config)

REPO = Path(__file__).parent.parent
EXAMPLE = REPO / "content" / "kiosk.example.yaml"
SERVICE = REPO / "scripts" / "kiosk-service"

BAD = """\
# a config with a mistake on nearly every line
theme: 12
size: huge
speech: maybe
rate: 1000
volume: 0.05
idle_timeout: 2
exit_keys: ["*", "nosuchkey", f12]
key_profile: numpad
colour: red
guide: nothere.yaml
voice: [a]
idle_warning: soon
"""


def test_example_config_is_valid_and_documents_the_defaults():
    from tui.ui.themes import THEME_NAMES
    config = load_kiosk_config(EXAMPLE, tuple(THEME_NAMES))
    assert config == KioskConfig()
    text = EXAMPLE.read_text()
    for key in ("guide", "theme", "size", "speech", "speech_engine", "self_voicing", "rate",
                "volume", "voice", "idle_timeout", "idle_warning", "key_profile", "exit_keys",
                "care_line", "emergency_number"):
        assert re.search(rf"^#? ?{key}:", text, re.M), f"{key} is not in the example"


def test_waiting_room_defaults():
    config = KioskConfig()
    assert config.size in ("large", "extra-large") and config.speech and config.self_voicing
    assert config.idle_timeout == 180 and config.key_profile == "numeric"
    assert len(config.exit_keys) >= 4


def test_every_problem_is_one_file_line_message(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text(BAD)
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path, ("high-contrast-dark",))
    lines = str(caught.value).splitlines()
    assert all(re.match(rf"^{re.escape(str(path))}:\d+: \S", line) for line in lines), lines
    by_line = {int(line.split(":")[1]) for line in lines}
    assert by_line == set(range(2, 14)), lines  # every wrong line, no other
    assert any("unknown key 'colour'" in line for line in lines)
    assert any("nosuchkey" in line for line in lines)


@pytest.mark.parametrize("text,problem", [
    ("a: [\n", "not valid YAML"),
    ("- 1\n- 2\n", ":1: the kiosk config must be a map"),
    ("idle_timeout: 60\nidle_timeout: 90\n", ":2: the kiosk config: key 'idle_timeout' appears twice"),
    ("x: &a 1\ny: *a\n", "anchors and aliases"),
    ("exit_keys: f12 f12\n", ":1: exit_keys: give at least 4 keys"),
    ("rate: 150.5\n", ":1: rate must be a whole number"),
    ("theme: neon\n", ":1: theme: 'neon' is not one of"),
])
def test_single_problems(tmp_path, text, problem):
    path = tmp_path / "k.yaml"
    path.write_text(text)
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path, ("high-contrast-dark",))
    assert problem in str(caught.value)


def test_good_config(tmp_path, guide):
    from tui.core.load import bundled_guide_path
    path = tmp_path / "k.yaml"
    path.write_text(f"guide: {bundled_guide_path()}\nsize: extra-large\nspeech: false\nrate: 140\n"
                    "volume: 0.5\nidle_timeout: 60\nidle_warning: 5\nkey_profile: standard\n"
                    "exit_keys: f12 f12 ctrl+e '*'\nvoice:\n")
    config = load_kiosk_config(path)
    assert config.exit_keys == ("f12", "f12", "ctrl+e", "asterisk")
    assert config.guide == bundled_guide_path()
    settings = config.settings()
    assert settings.speech == "none" and settings.size == "extra-large" and settings.volume == 0.5
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing but a comment\n")
    assert load_kiosk_config(empty) == KioskConfig()


def test_key_names():
    assert key_name("*") == "asterisk" and key_name("/") == "slash" and key_name("7") == "7"
    assert key_name("F12") == "f12" and key_name("ctrl+e") == "ctrl+e" and key_name("enter") == "enter"
    assert key_name("full_stop") == "full_stop" and key_name("nosuchkey") is None
    assert DEFAULT_EXIT_KEYS == tuple(key_name(k) for k in "/ * - + / * - +".split())


def test_bad_config_exits_2_and_starts_nothing(tmp_path, monkeypatch, capsys):
    def never(self, **_):
        raise AssertionError("the kiosk started")

    monkeypatch.setattr(KioskApp, "run", never)
    path = tmp_path / "kiosk.yaml"
    path.write_text(BAD)
    assert main(["--kiosk", "--config", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 13 and all(line.startswith(f"{path}:") for line in err)
    assert main(["--kiosk", "--config", str(tmp_path / "missing.yaml")]) == 2
    assert capsys.readouterr().err.strip() == f"{tmp_path / 'missing.yaml'}:1: no such file (check the path)"


def test_bad_guide_in_config_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(KioskApp, "run", lambda self, **_: pytest.fail("started"))
    broken = tmp_path / "guide.yaml"
    broken.write_text("title: [\n")
    path = tmp_path / "kiosk.yaml"
    path.write_text("guide: guide.yaml\n")
    assert main(["--kiosk", "--config", str(path)]) == 2
    assert re.match(rf"{re.escape(str(broken.resolve()))}:\d+: not valid YAML", capsys.readouterr().err)


def test_service_unit_printed_not_installed(tmp_path):
    result = subprocess.run([sys.executable, str(SERVICE), "--print", "--tty", "3", "--user", "kiosk",
                             "--config", str(EXAMPLE), "--unit-dir", str(tmp_path)],
                            capture_output=True, text=True, check=True)
    unit = result.stdout
    for line in ("TTYPath=/dev/tty3", "StandardInput=tty", "StandardOutput=tty", "StandardError=tty",
                 "Restart=always", "RestartSec=1", "Environment=TERM=linux", "User=kiosk",
                 "Conflicts=getty@tty3.service", "StartLimitIntervalSec=0", "WantedBy=multi-user.target",
                 "RestartPreventExitStatus=0"):
        assert line in unit.splitlines(), line
    assert re.search(rf"^ExecStart=\S+bone-guide --kiosk --config {re.escape(str(EXAMPLE.resolve()))}$",
                     unit, re.M)
    assert not list(tmp_path.iterdir())
    again = subprocess.run([sys.executable, str(SERVICE), "--print", "--staff-exit", "restart"],
                           capture_output=True, text=True, check=True).stdout
    assert "RestartPreventExitStatus" not in again and "TTYPath=/dev/tty2" in again


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_service_unit_passes_systemd_own_check(tmp_path):
    """systemd ignores a unit line it cannot parse with only a warning, so ask systemd itself."""
    unit = subprocess.run([sys.executable, str(SERVICE), "--print", "--tty", "2",
                           "--user", getpass.getuser(), "--binary", sys.executable,
                           "--config", str(EXAMPLE)],
                          capture_output=True, text=True, check=True).stdout
    path = tmp_path / "bone-guide-kiosk.service"
    path.write_text(unit)
    result = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if str(path) in line or "bone-guide-kiosk" in line]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def test_local_numbers_reach_the_settings_and_bad_ones_say_where(tmp_path):
    path = tmp_path / "kiosk.yaml"
    path.write_text('emergency_number: 911\ncare_line: "0800 123 4567"\n')
    settings = load_kiosk_config(path).settings()
    assert (settings.emergency_number, settings.care_line) == ("911", "0800 123 4567")
    path.write_text('theme: high-contrast-dark\ncare_line: "call Jo"\nemergency_number: [999]\n')
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path)
    lines = str(caught.value).splitlines()
    assert [line.split(":")[1] for line in lines] == ["2", "3"], lines
    assert lines[0].startswith(f"{path}:2: care_line:") and lines[1].startswith(f"{path}:3: emergency_number:")


def test_kiosk_service_refuses_a_bad_config_before_installing_and_accepts_the_example(tmp_path):
    """The installer checks the config with bone-guide's own Python before it writes a unit."""
    import runpy
    check_config = runpy.run_path(str(SERVICE), run_name="kiosk_service")["check_config"]
    binary = str(Path(sys.executable).with_name("bone-guide"))
    bad = tmp_path / "kiosk.yaml"
    bad.write_text(BAD)
    problems = check_config(binary, bad)
    assert problems.startswith(f"{bad}:") and "Traceback" not in problems
    assert check_config(binary, EXAMPLE) == ""
