"""Forget what Textual and Rich remember about past terminal sizes, at each kiosk reset.

Textual and Rich memoise geometry and drawing with `functools.lru_cache` on their public
classes and functions (Region.intersection, Scalar.resolve, Strip.blank, rich.cells'
cell lengths, ...): some 40 caches of 1,000 to 16,000 entries each, keyed by sizes,
offsets and styles. Every new terminal size and text size adds entries, so a kiosk whose
terminal is resized now and then keeps growing until every cache is full: +14 MB over
100,000 soak keys, flat only after ~60,000 (README, reliability). Python's allocator
cannot give that memory back once the caches are full and scattered through its arenas.
Emptying them at each reset bounds them by what one patient's session needs, and the
next patient's screens refill them with their own sizes in a few frames.

Only public modules are walked (no `textual._*` or `rich._*`); what a private module
caches is left alone (tui.ui.textual_workarounds handles the one that holds widgets).
"""

from __future__ import annotations

import sys
from typing import Callable, Iterator

LIBRARIES = ("textual", "rich", "tui")


def _public(module_name: str) -> bool:
    return not any(part.startswith("_") for part in module_name.split("."))


def _caches_in(module) -> Iterator[Callable]:
    """The lru_caches a module defines: its functions, and the methods of its classes."""
    for value in list(vars(module).values()):
        if getattr(value, "__module__", None) != module.__name__:
            continue  # imported from elsewhere: that module is walked on its own
        if hasattr(value, "cache_clear"):
            yield value
        elif isinstance(value, type):
            for member in list(vars(value).values()):
                member = getattr(member, "__func__", member)  # classmethod, staticmethod
                if hasattr(member, "cache_clear"):
                    yield member


def layout_caches() -> list[Callable]:
    """Every lru_cache in the loaded public modules of Textual, Rich and this app."""
    found: dict[int, Callable] = {}  # by identity: a class may be reachable under two names
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in LIBRARIES or not _public(name):
            continue
        found.update((id(cache), cache) for cache in _caches_in(module))
    return list(found.values())


def forget_layout_caches() -> None:
    """Empty them (each cache_clear is cheap; nothing is recomputed until it is needed)."""
    for cache in layout_caches():
        try:
            cache.cache_clear()
        except Exception:  # a cache that cannot be cleared must never stop a reset
            pass
