"""The `bone-guide` command line, run as a real separate process from a folder outside the project.

Running from a temporary folder proves the bundled guide is found from anywhere, not only from
the project root.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_loader import minimal_guide_text, with_fault
from tui import __version__
from tui.core.load import bundled_guide_path, load_guide

BIN = Path(sys.executable).parent / "bone-guide"
ROW = re.compile(r"^\s*(\d+)\s{2}(.+?)\s+(\d+)\s+(\d+\.\d)(\s+<- above grade 8)?$")
TOTAL = re.compile(r"^\s*Total\s+(\d+)\s+(\d+\.\d)$")


@pytest.fixture
def elsewhere(tmp_path):
    """A working folder with nothing of the project in it."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    return folder


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1",
               BONE_GUIDE_CONFIG_DIR=str(cwd.parent / "config"))
    env.pop("PYTHONPATH", None)
    command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "tui"]
    return subprocess.run(command + list(args), capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def assert_one_clear_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_version(elsewhere):
    result = run("--version", cwd=elsewhere)
    assert result.returncode == 0
    assert result.stdout.strip() == f"bone-guide {__version__}"


@pytest.mark.parametrize("args", [("--help",), ("-h",), ("check", "--help"), ("speak", "--help"),
                                  ("export", "--help")], ids=" ".join)
def test_help_exits_0(elsewhere, args):
    result = run(*args, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: bone-guide")
    assert result.stderr == ""
    if args[0] == "--help":
        for command in ("check", "speak", "export"):
            assert command in result.stdout
    elif args[0] == "check":
        assert "PATH" in result.stdout
    elif args[0] == "speak":
        assert "SECTION_ID" in result.stdout and "--out" in result.stdout


@pytest.mark.parametrize("args", [("--bogus",), ("check", "--bogus"), ("--speech", "loud"),
                                  ("nonsense-command",), ("speak",)], ids=" ".join)
def test_usage_mistake_is_one_line_and_exit_2(elsewhere, args):
    line = assert_one_clear_line(run(*args, cwd=elsewhere))
    assert line.startswith("bone-guide")
    assert "--help" in line
    if args == ("--bogus",):
        assert "--bogus" in line


def test_check_missing_file(elsewhere):
    line = assert_one_clear_line(run("check", "no-such-guide.yaml", cwd=elsewhere))
    assert line == "no-such-guide.yaml: no such file (check the path)"


@pytest.mark.parametrize("args", [(), ("check",), ("--plain",)], ids=lambda a: " ".join(a) or "reader")
def test_guide_option_with_missing_file(elsewhere, args):
    missing = elsewhere / "missing.yaml"
    line = assert_one_clear_line(run("--guide", str(missing), *args, cwd=elsewhere))
    assert line == f"{missing}: no such file (check the path)"


def test_check_a_folder(elsewhere):
    line = assert_one_clear_line(run("check", str(elsewhere), cwd=elsewhere))
    assert line == f"{elsewhere}: is a folder, not a guide file"


def test_reader_with_a_broken_guide_exits_2(elsewhere):
    broken = elsewhere / "broken.yaml"
    broken.write_bytes(with_fault("title: Test Guide", "title: 42"))
    line = assert_one_clear_line(run("--guide", str(broken), cwd=elsewhere))
    assert line == f"{broken}:1: title must be text, not a number"


def _table(stdout: str) -> tuple[list[tuple[str, int, float]], tuple[int, float]]:
    rows, total = [], None
    for line in stdout.splitlines():
        if m := TOTAL.match(line):
            total = (int(m[1]), float(m[2]))
        elif m := ROW.match(line):
            rows.append((m[2].strip(), int(m[3]), float(m[4])))
    assert total is not None, f"no Total line in:\n{stdout}"
    return rows, total


def test_check_valid_guide_prints_table(elsewhere):
    path = elsewhere / "mini.yaml"
    path.write_text(minimal_guide_text(), encoding="utf-8")
    result = run("check", "mini.yaml", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].startswith("Test Guide")
    rows, (total_words, total_grade) = _table(result.stdout)
    # "Bone pain can be treated. Radiotherapy helps many people." + 5 + 3 words; then 5 words
    assert [(title, words) for title, words, _ in rows] == [("First part", 17), ("Second part", 5)]
    assert total_words == 22
    for _, _, grade in rows:
        assert 0 <= grade < 20
    assert 0 <= total_grade < 20
    assert "OK: 2 sections, 2 warning signs, 1 glossary terms" in result.stdout


def test_check_bundled_guide_from_any_folder(elsewhere):
    """No path: the bundled guide is found even though the cwd is unrelated to the project."""
    result = run("check", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    guide = load_guide(bundled_guide_path())
    assert result.stdout.splitlines()[0].startswith(guide.title)
    rows, (total_words, _) = _table(result.stdout)
    assert [title for title, _, _ in rows] == [s.title for s in guide.sections]
    assert all(words > 0 for _, words, _ in rows)
    assert total_words == sum(words for _, words, _ in rows)


def test_module_entry_point_matches_script(elsewhere):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True,
                            text=True, cwd=elsewhere, env=env, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"bone-guide {__version__}"


@pytest.mark.parametrize("args", [["--kiosk", "--plain"], ["--config", "kiosk.yaml"]])
def test_flags_that_do_not_go_together_are_refused(elsewhere, args):
    result = run(*args, cwd=elsewhere)
    assert result.returncode == 2
    assert "--kiosk" in assert_one_clear_line(result)
