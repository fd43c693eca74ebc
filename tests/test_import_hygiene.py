"""The reading core, speech, plain mode, the exports and the commands load without Textual.

Only the full-screen reader (tui.ui, tui.kiosk, tui.ui.screens, tui.ui.widgets) may import it, so a
Textual upgrade can never break plain mode, `speak`, `check` or an export, and those start fast.
Each module is imported in a fresh interpreter, as harlequin's test_import_hygiene does.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import tui

TEXTUAL_FREE = ("tui.core", "tui.speech", "tui.plain", "tui.export", "tui.commands", "tui.glyphs", "tui.safe_text",
                "tui.cache", "tui.regular_file", "tui.atomic_file", "tui.termination")


def modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if info.name.startswith(TEXTUAL_FREE) and not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_every_textual_free_area_has_modules():
    found = modules()
    for area in TEXTUAL_FREE:
        assert any(name == area or name.startswith(area + ".") for name in found), area


@pytest.mark.parametrize("module", modules())
def test_module_loads_without_textual(module):
    code = (f"import sys, importlib; importlib.import_module({module!r}); "
            "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{module} imports Textual: {result.stdout.strip()}"


def test_no_module_reaches_into_textuals_private_parts_but_the_workarounds():
    """Textual's private modules change without notice; only the one module that works around
    a Textual bug (and says which) may use them."""
    import re
    from pathlib import Path
    root = Path(tui.__file__).parent
    private = re.compile(r"^\s*(from|import)\s+textual\._", re.M)
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if private.search(path.read_text(encoding="utf-8"))]
    assert offenders == ["ui/textual_workarounds.py"], offenders


def test_no_class_overrides_a_private_method_of_textual():
    """Textual's private methods change without notice: an override of one (the kiosk once had
    _dispatch_message, _handle_exception and _fatal_error) breaks silently on an upgrade."""
    import importlib
    import inspect
    offenders = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if not info.name.startswith(("tui.ui", "tui.kiosk")):
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__):
                continue
            for name, value in vars(cls).items():
                method = inspect.isfunction(value)  # not the attributes Textual sets on each class
                if method and name.startswith("_") and not name.startswith("__") and any(base.__module__.startswith("textual") and name in vars(base)
                                   for base in cls.__mro__[1:]):
                    offenders.append(f"{module.__name__}.{cls.__qualname__}.{name}")
    assert offenders == [], offenders
