#!/usr/bin/env python3
"""Key press -> repainted screen, for next-section, scroll and search (a benchmark, not a test).

Drives the real app headless through Textual's pilot on the bundled guide, with speech off,
and times each press until the app is idle again and the screen has been redrawn.
Usage: .venv/bin/python scripts/bench_keys.py [--presses 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.app import BoneGuideApp  # noqa: E402
from tui.guide.load import bundled_guide_path, load_guide  # noqa: E402
from tui.settings import Settings  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def timed(pilot, key: str) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()  # wait until the app has handled the key and refreshed
    return (time.perf_counter() - start) * 1000


async def run(presses: int) -> dict[str, list[float]]:
    guide = load_guide(bundled_guide_path())
    app = BoneGuideApp(guide, Settings(speech="none"), remember=False, show_disclaimer=False)
    results: dict[str, list[float]] = {"next section": [], "scroll": [], "search (type a letter)": []}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        step = "n"
        for i in range(presses):
            if app.screen.index == len(guide.sections) - 1:
                step = "p"
            elif app.screen.index == 0:
                step = "n"
            results["next section"].append(await timed(pilot, step))
        for i in range(presses):
            results["scroll"].append(await timed(pilot, "down" if (i // 20) % 2 == 0 else "up"))
        await pilot.press("slash")
        await pilot.pause()
        word = "bone pain "
        for i in range(presses):
            if i % len(word) == 0 and i:
                for _ in range(len(word)):
                    await pilot.press("backspace")
            results["search (type a letter)"].append(await timed(pilot, word[i % len(word)].replace(" ", "space")))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("BONE_GUIDE_CONFIG_DIR", tempfile.mkdtemp())
    results = asyncio.run(run(args.presses))
    print(f"{'action':<26}{'presses':>8}{'median ms':>11}{'p95 ms':>9}   target p95 < 50 ms")
    for name, values in results.items():
        p95 = pct(values, 95)
        print(f"{name:<26}{len(values):>8}{statistics.median(values):>11.1f}{p95:>9.1f}"
              f"   {'ok' if p95 < 50 else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
