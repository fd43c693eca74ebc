"""Python's cyclic garbage collector held off while the reader starts.

Start-up allocates a great many objects that live as long as the app (Textual's modules and
classes, the parsed CSS, the guide), and the collector walked them again and again as they
were made: with it paused until the first screen is painted, that screen came ~40-80 ms
sooner (scripts/bench_startup.py). The objects alive then are frozen (`gc.freeze`) so the
collector never walks them again either; only the start-up's own cyclic garbage (a few
hundred KB, once) is never freed. The same approach as in CPython's docs for `gc.freeze`.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Hold the collector off (only if it is on: never turn on one that a caller turned off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what is alive now and turn the collector back on; nothing if pause() did not stop it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
