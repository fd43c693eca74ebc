"""Settings are remembered between runs, and a bad settings file never stops the reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import notices

from tui.core.settings import Settings, load_settings, save_settings, settings_path

BIN = Path(sys.executable).parent / "bone-guide"


async def test_theme_size_and_rate_survive_a_restart(make_app):
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("t", "plus", "right_square_bracket")
        await pilot.pause()
        chosen = (app.theme, app.size_level, app.settings.rate)
    assert chosen[1] == "large" and chosen[2] == 195
    loaded, problems = load_settings()
    assert not problems
    again = make_app(loaded)
    async with again.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert (again.theme, again.size_level, again.settings.rate) == chosen


async def test_out_of_range_values_are_reported_and_replaced(make_app):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"rate": 9000, "size": "huge", "volume": 0.5}))
    settings, problems = load_settings()
    assert settings.rate == Settings().rate and settings.size == "normal" and settings.volume == 0.5
    assert any("rate: 9000 is out of range 80-400" in p for p in problems)
    assert any("size: 'huge' is not one of" in p for p in problems)
    assert all(p.startswith(str(settings_path())) for p in problems)


def test_unreadable_settings_file_gives_defaults_and_says_where():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{ not json")
    settings, problems = load_settings()
    assert settings == Settings()
    assert len(problems) == 1 and problems[0].startswith(f"{settings_path()}:1:")


async def test_problems_are_shown_in_the_app(make_app):
    app = make_app()
    app.startup_notices = ["settings.json: rate: 9000 is out of range 80-400; using 175"]
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert "rate: 9000 is out of range" in notices(app)


def test_save_failure_is_one_line_not_a_crash(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BONE_GUIDE_CONFIG_DIR", str(blocker))
    problem = save_settings(Settings())
    assert problem and problem.startswith("Could not save settings")


def _run(*args, config):
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=60,
                          env={"BONE_GUIDE_CONFIG_DIR": str(config), "PATH": "/usr/bin:/bin"})


def test_list_themes_and_bad_theme_or_size_flags(private_config):
    from tui.ui.themes import THEME_NAMES
    listed = _run("--list-themes", config=private_config)
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == list(THEME_NAMES)
    bad = _run("--theme", "purple-haze", config=private_config)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert "purple-haze" in bad.stderr and "Traceback" not in bad.stderr
    bad = _run("--size", "gigantic", config=private_config)
    assert bad.returncode == 2 and "gigantic" in bad.stderr


def test_local_numbers_are_remembered_and_a_bad_one_says_file_and_line():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{\n  "care_line": "0800 123 4567",\n  "emergency_number": "dial\\u0007"\n}\n')
    settings, problems = load_settings()
    assert settings.care_line == "0800 123 4567" and settings.emergency_number == ""
    assert len(problems) == 1 and problems[0].startswith(f"{settings_path()}:3: emergency_number:")
