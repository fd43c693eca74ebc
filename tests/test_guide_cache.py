"""The reader's guide comes from the cache once checked (tui/core/guide_cache.py), and what the
reader shows is always what the guide file says now: a changed, broken, bad or tampered cache
entry is never shown, and a broken guide is still reported however it was cached before."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from test_loader import minimal_guide_text
from tui.core import guide_cache
from tui.core.load import load_guide


def _write_guide(folder: Path, text: str | None = None) -> Path:
    path = folder / "guide.yaml"
    path.write_text(text or minimal_guide_text(), encoding="utf-8")
    return path


def _entries() -> list[Path]:
    folder = Path(os.environ["BONE_GUIDE_CACHE_DIR"])
    return sorted(folder.glob("guide-*.json")) if folder.exists() else []


def test_the_cached_guide_is_the_checked_guide(tmp_path):
    path = _write_guide(tmp_path)
    first = guide_cache.load_guide_or_report(path)
    assert len(_entries()) == 1
    again = guide_cache.load_guide_or_report(path)
    assert first == again == load_guide(path)
    assert again.path == str(path)


def test_a_second_start_reads_no_yaml(tmp_path):
    """What makes the first screen quicker: with the entry there, PyYAML is not even imported."""
    path = _write_guide(tmp_path)
    guide_cache.load_guide_or_report(path)
    code = ("import sys; from tui.core.guide_cache import load_guide_or_report as load; "
            f"guide = load({str(path)!r}); print(guide.title, 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ), timeout=60)
    assert out.stdout.split() == ["Test", "Guide", "False"], out.stderr


def test_a_changed_guide_is_read_anew(tmp_path):
    path = _write_guide(tmp_path)
    guide_cache.load_guide_or_report(path)
    _write_guide(tmp_path, minimal_guide_text().replace(
        "Ask your own doctor about your own care.", "Ask your care team about your own care."))
    guide = guide_cache.load_guide_or_report(path)
    assert guide.disclaimer == "Ask your care team about your own care."


def test_a_guide_broken_since_it_was_cached_is_reported(tmp_path):
    path = _write_guide(tmp_path)
    guide_cache.load_guide_or_report(path)
    _write_guide(tmp_path, minimal_guide_text() + "colour: blue\n")
    err = io.StringIO()
    assert guide_cache.load_guide_or_report(path, err) is None
    assert f"{path}:32: " in err.getvalue() and "unknown key 'colour'" in err.getvalue()


def test_a_broken_guide_is_never_cached(tmp_path):
    path = _write_guide(tmp_path, minimal_guide_text() + "colour: blue\n")
    for _ in range(2):
        err = io.StringIO()
        assert guide_cache.load_guide_or_report(path, err) is None
        assert "unknown key 'colour'" in err.getvalue()
    assert _entries() == []


def test_a_missing_guide_is_reported_as_the_loader_says(tmp_path):
    err = io.StringIO()
    assert guide_cache.load_guide_or_report(tmp_path / "nope.yaml", err) is None
    assert err.getvalue() == f"{tmp_path / 'nope.yaml'}: no such file (check the path)\n"


def test_a_bad_entry_is_ignored_and_made_again(tmp_path):
    path = _write_guide(tmp_path)
    expected = guide_cache.load_guide_or_report(path)
    [entry] = _entries()
    good = entry.read_bytes()
    for bad in (b"", good[: len(good) // 2], b"\xff\xfe not json", b"[1, 2, 3]",
                json.dumps({"loader": "x", "text": 1, "guide": None}).encode()):
        entry.write_bytes(bad)
        assert guide_cache.load_guide_or_report(path) == expected
        assert entry.read_bytes() == good  # written anew


def _edit_cached_guide(path, field: str, value: str) -> None:
    """Load the guide once (so it is cached), then change one field of its cache entry."""
    guide_cache.load_guide_or_report(path)
    [entry] = _entries()
    stored = json.loads(entry.read_bytes())
    stored["guide"][field] = value
    entry.write_text(json.dumps(stored), encoding="utf-8")


def test_an_entry_with_a_control_character_is_not_shown(tmp_path):
    """Even an entry that matches the file exactly cannot put an escape sequence on screen."""
    path = _write_guide(tmp_path)
    _edit_cached_guide(path, "disclaimer", "\x1b]0;owned\x07Ask nobody.")
    guide = guide_cache.load_guide_or_report(path)
    assert guide.disclaimer == "Ask your own doctor about your own care."


def test_an_entry_from_another_loader_is_not_used(tmp_path, monkeypatch):
    """A newer bone-guide may check a guide differently: its entries are made again."""
    path = _write_guide(tmp_path)
    _edit_cached_guide(path, "title", "Made by an older loader")
    assert guide_cache.load_guide_or_report(path).title == "Made by an older loader"  # it is used
    monkeypatch.setattr(guide_cache, "_LOADER_FILES", guide_cache._LOADER_FILES + ("cache.py",))
    assert guide_cache.load_guide_or_report(path).title == "Test Guide"


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BONE_GUIDE_CACHE_DIR", str(blocked))
    path = _write_guide(tmp_path)
    assert guide_cache.load_guide_or_report(path) == load_guide(path)
    assert guide_cache.load_guide_or_report(path) == load_guide(path)
    assert blocked.read_text() == "a file where the cache folder should be"


def _plain_start(path: Path) -> tuple[subprocess.CompletedProcess, list[str]]:
    """`bone-guide --plain` through a pipe, as a screen-reader user's commands arrive; also
    which modules it imported (python -X importtime)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "tui", "--guide", str(path),
                             "--plain", "--no-speech"], input="1\nq\n", capture_output=True,
                            text=True, env=dict(os.environ), timeout=60)
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    return result, imported


def test_line_mode_takes_the_guide_checked_by_the_reader_from_the_cache(tmp_path):
    """`--plain` loads the guide as the full-screen reader does: once checked (by either), a
    start reads no YAML at all, and shows what the guide file says."""
    path = _write_guide(tmp_path)
    guide_cache.load_guide_or_report(path)  # the full-screen reader's start
    result, imported = _plain_start(path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Test Guide" in result.stdout
    assert "yaml" not in imported


def test_line_mode_keeps_the_guide_it_checked_for_the_next_start(tmp_path):
    path = _write_guide(tmp_path)
    result, imported = _plain_start(path)
    assert result.returncode == 0 and "yaml" in imported  # the first start checks the file
    assert len(_entries()) == 1
    assert guide_cache.load_guide_or_report(path) == load_guide(path)
    again, imported = _plain_start(path)
    assert again.returncode == 0 and "Test Guide" in again.stdout
    assert "yaml" not in imported
