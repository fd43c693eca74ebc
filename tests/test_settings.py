"""Settings are remembered between runs, and a bad settings file never stops the reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import notices

from tmux_helpers import needs_tmux, start_app
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


# -- a settings file is never lost, and saves never collide (issue 14, point 5) --

def test_broken_settings_file_is_kept_and_the_notice_says_where():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    broken = '{"theme": "high-contrast-light", "rate": 200,}\n'  # one stray comma
    settings_path().write_text(broken)
    settings, problems = load_settings()
    assert settings == Settings()
    kept = settings_path().with_name("settings.json.broken")
    assert kept.read_text() == broken
    assert len(problems) == 1 and str(kept) in problems[0], problems
    assert problems[0].startswith(f"{settings_path()}:1:")
    assert save_settings(Settings(rate=220)) is None       # the next key saves ...
    assert kept.read_text() == broken                      # ... and the broken file is still there
    assert json.loads(settings_path().read_text())["rate"] == 220


def test_an_older_broken_file_is_never_replaced():
    folder = settings_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json.broken").write_text("first mistake")
    settings_path().write_text("second mistake")
    _, problems = load_settings()
    assert (folder / "settings.json.broken").read_text() == "first mistake"
    assert (folder / "settings.json.broken-2").read_text() == "second mistake"
    assert "settings.json.broken-2" in problems[0]


def test_saving_keeps_a_file_broken_while_the_app_ran():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"rate": 200}')
    load_settings()
    settings_path().write_text('{"rate": 200')  # hand-edited (badly) while the app was open
    assert save_settings(Settings(rate=240)) is None
    assert settings_path().with_name("settings.json.broken").read_text() == '{"rate": 200'
    assert json.loads(settings_path().read_text())["rate"] == 240


def test_deeply_nested_json_gives_defaults_and_a_notice_not_a_crash():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    for depth in (40_000, 100_000):  # under and over the size limit: both are refused calmly
        settings_path().write_text("[" * depth + "]" * depth)
        settings, problems = load_settings()
        assert settings == Settings() and len(problems) == 1, problems
        assert problems[0].startswith(f"{settings_path()}:1:")


@needs_tmux
def test_reader_with_deeply_nested_settings_starts_and_says_so(tmp_path, private_config):
    private_config.mkdir(parents=True, exist_ok=True)
    (private_config / "settings.json").write_text("[" * 40_000 + "]" * 40_000)
    term = start_app(tmp_path, 100, 30)
    try:
        term.wait_for("nested too deeply")   # the notice, on the running reader's screen
        term.wait_for("Press any key")
    finally:
        term.close()


SAVER = """
import sys
from tui.core.settings import Settings, save_settings
failed = 0
for n in range(int(sys.argv[1])):
    failed += save_settings(Settings(rate=80 + n % 300, voice="v" * (n % 50))) is not None
print(failed)
"""


def test_two_processes_saving_at_once_never_fail_or_leave_a_truncated_file(private_config):
    private_config.mkdir(parents=True, exist_ok=True)
    env = {"BONE_GUIDE_CONFIG_DIR": str(private_config), "PATH": "/usr/bin:/bin"}
    savers = [subprocess.Popen([sys.executable, "-c", SAVER, "1500"], stdout=subprocess.PIPE,
                               text=True, env=env) for _ in range(2)]
    reads = bad_reads = 0
    while any(p.poll() is None for p in savers):
        try:
            text = settings_path().read_text()
        except FileNotFoundError:
            continue
        reads += 1
        try:
            assert isinstance(json.loads(text), dict)
        except (ValueError, AssertionError):
            bad_reads += 1
    failed = [int(p.communicate(timeout=60)[0]) for p in savers]
    assert failed == [0, 0], "saves failed"
    assert reads > 0 and bad_reads == 0, f"{bad_reads} of {reads} reads saw a truncated file"
    leftovers = sorted(p.name for p in private_config.iterdir() if p.name != "settings.json")
    assert leftovers == [], leftovers
